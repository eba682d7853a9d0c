"""The one chronological order of events, used by every page and export.

Dates come at three precisions. A date known only to the month or the year names a period, and an
event with such a date is placed at the end of its period: the end is the first point at which the
sources make it certain that the event had happened. Editors state the order where dates cannot, with
`after` and `before` (ids of other events); those hints are checked: no cycle, and no hint that
contradicts the dates (an event placed before one whose whole period lies earlier than its own).
Events whose place nothing else decides keep the order of the facts file.

The sources bound the order too (`caps`): an event cannot have happened after a source that reports
it was published, so the earliest known publication date among an event's sources caps its place
(a date or hint past it is an error). An event whose sources are all undated is never placed after
the latest dated event those sources report: they say nothing of when it happened after that.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from briefing.facts.codes import Code


class Dated(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def after(self) -> list[str]: ...
    @property
    def before(self) -> list[str]: ...


def period(date: str) -> tuple[dt.date, dt.date]:
    """The first and the last day a date at its precision may mean ('2025-11' -> 1 to 30 November)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _successors(events: Sequence[Dated]) -> dict[str, list[str]]:
    """id -> ids of events the hints say come after it (known ids only)."""
    known = {e.id for e in events}
    succ: dict[str, list[str]] = {e.id: [] for e in events}
    for e in events:
        for earlier in e.after:
            if earlier in known:
                succ[earlier].append(e.id)
        for later in e.before:
            if later in known:
                succ[e.id].append(later)
    return succ


@dataclass(frozen=True)
class OrderProblem:
    """A hint that cannot hold: the event, the field ('after' or 'before'), the position in it, why."""

    event: str
    field: str
    index: int
    code: Code
    message: str


def order_problems(events: Sequence[Dated]) -> list[OrderProblem]:
    """Cycles among the hints, and hints that contradict the dates (directly or through other hints).

    A cycle is reported once, at its first hint in file order, with the whole loop; that hint is then
    set aside, so the other hints of the same loop are not reported again."""
    by_id = {e.id: e for e in events}
    succ = _successors(events)
    problems: list[OrderProblem] = []
    # every hint as (event, field, index, earlier id, later id), in file order
    hints = [(e.id, f, i, *((other, e.id) if f == "after" else (e.id, other)))
             for e in events for f in ("after", "before") for i, other in enumerate(getattr(e, f)) if other in by_id]
    for owner, field, i, earlier, later in hints:
        loop = _path(succ, later, earlier)
        if earlier == later or loop:
            succ[earlier].remove(later)
            where = " -> ".join([earlier, *(loop or [later])])
            problems.append(OrderProblem(owner, field, i, Code.ORDER_CYCLE,
                                         f"'{owner}' cannot come {field} itself" if earlier == later else
                                         f"'{earlier}' before '{later}' makes a loop of hints: {where}; "
                                         "remove one of them"))
    for owner, field, i, earlier, later in hints:
        # the hint, and everything after the later event, must not lie wholly before the earlier one
        if later not in succ[earlier]:
            continue  # set aside as part of a loop
        first = period(by_id[earlier].date)[0]
        for rid in [later, *_reachable(succ, later)]:
            if period(by_id[rid].date)[1] < first:
                via = "" if rid == later else f" (through the hints, '{rid}' comes after '{later}')"
                problems.append(OrderProblem(
                    owner, field, i, Code.ORDER_CONTRADICTS_DATE,
                    f"puts '{earlier}' ({by_id[earlier].date}) before '{rid}' ({by_id[rid].date}){via}, "
                    f"but {by_id[rid].date} ends before {by_id[earlier].date} begins; fix the hint or the dates"))
                break
    return problems


def _reachable(succ: dict[str, list[str]], start: str) -> list[str]:
    """Every event the hints put after `start`, in a stable order."""
    seen: dict[str, None] = {}
    stack = list(reversed(succ[start]))
    while stack:
        rid = stack.pop()
        if rid not in seen:
            seen[rid] = None
            stack.extend(reversed(succ[rid]))
    return list(seen)


def _path(succ: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of hints from start to goal (both included), or None."""
    came: dict[str, str | None] = {start: None}
    queue = [start]
    for rid in queue:
        if rid == goal:
            path = [rid]
            while came[path[-1]] is not None:
                path.append(came[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in succ[rid]:
            if nxt not in came:
                came[nxt] = rid
                queue.append(nxt)
    return None


def _waiting(events: Sequence[Dated], succ: dict[str, list[str]]) -> dict[str, int]:
    """id -> how many events the hints put before it."""
    waiting = {e.id: 0 for e in events}
    for later in succ.values():
        for s in later:
            waiting[s] += 1
    return waiting


def _hint_order(events: Sequence[Dated], succ: dict[str, list[str]]) -> list[str]:
    """The ids in an order that puts every event before those its hints put after it (events in a loop left out)."""
    waiting = _waiting(events, succ)
    out = [e.id for e in events if waiting[e.id] == 0]
    for rid in out:  # grows as it goes
        for s in succ[rid]:
            waiting[s] -= 1
            if waiting[s] == 0:
                out.append(s)
    return out


@dataclass(frozen=True)
class Cap:
    """The latest day an event may be placed at, and why: a source that reports it was published that
    day ('published', `by` a source id), or its sources are all undated and the latest dated event they
    report ends then ('undated', `by` that event's id)."""

    day: dt.date
    why: Literal["published", "undated"]
    by: str
    written: str
    """The date as the facts give it (a source's `published`, or the event's `date`), for messages."""


def caps(events: Sequence[Dated], sources_of: dict[str, list[str]], published: dict[str, str]) -> dict[str, Cap]:
    """Each event's cap (see Cap), from the sources its claims cite (`sources_of`) and the known
    publication dates of sources (`published`, 'unknown' left out)."""
    out: dict[str, Cap] = {}
    for e in events:
        dated = [(period(published[s])[1], s) for s in sources_of.get(e.id, []) if s in published]
        if dated:
            day, sid = min(dated)
            out[e.id] = Cap(day, "published", sid, published[sid])
    reported: dict[str, list[Dated]] = {}
    for e in events:
        for s in sources_of.get(e.id, []):
            reported.setdefault(s, []).append(e)
    for e in events:
        sources = sources_of.get(e.id, [])
        if not sources or e.id in out:
            continue
        exact = [(period(o.date)[1], o.id, o.date) for s in sources for o in reported[s]
                 if o.id != e.id and len(o.date) == 10]  # a dated event: one whose day the sources give
        if exact:
            day, oid, written = max(exact)
            if day < period(e.date)[1]:
                out[e.id] = Cap(max(day, period(e.date)[0]), "undated", oid, written)
    return out


def cap_problems(events: Sequence[Dated], event_caps: dict[str, Cap]) -> list[OrderProblem]:
    """Dates and hints that put an event after a source that reports it was published."""
    by_id = {e.id: e for e in events}
    succ = _successors(events)
    before: dict[str, list[str]] = {e.id: [] for e in events}  # what the hints put before each event
    for first, laters in succ.items():
        for later in laters:
            before[later].append(first)
    problems: list[OrderProblem] = []
    for e in events:
        cap = event_caps.get(e.id)
        if cap is None or cap.why != "published":
            continue
        if period(e.date)[0] > cap.day:
            problems.append(OrderProblem(e.id, "date", -1, Code.AFTER_ITS_SOURCE,
                                         f"'{e.id}' is dated {e.date}, after '{cap.by}', which reports it, was "
                                         f"published ({cap.written}); fix the date or the citation"))
            continue
        late = next((rid for rid in _reachable(before, e.id) if period(by_id[rid].date)[0] > cap.day), None)
        if late is not None:
            problems.append(OrderProblem(e.id, "date", -1, Code.AFTER_ITS_SOURCE,
                                         f"the hints put '{e.id}' after '{late}' ({by_id[late].date}), but '{cap.by}', "
                                         f"which reports '{e.id}', was published ({cap.written}); fix the hints"))
    return problems


def chronological(events: Iterable[Dated], event_caps: dict[str, Cap] | None = None) -> list[Any]:
    """Events in time order: by the end of each date's period (or its cap, if earlier: see caps), the
    hints obeyed, ties in file order.

    Assumes order_problems() and cap_problems() found nothing (a cycle would leave its events out).
    """
    events = list(events)
    succ = _successors(events)
    event_caps = event_caps or {}
    end = {e.id: min(period(e.date)[1], event_caps[e.id].day) if e.id in event_caps else period(e.date)[1]
           for e in events}
    # An event must come no later than anything the hints put after it: lower its key to theirs,
    # working back from the last events of the hints' order (no recursion: a chain may be long).
    effective: dict[str, dt.date] = {}
    for rid in reversed(_hint_order(events, succ)):
        effective[rid] = min([end[rid], *(effective.get(s, end[s]) for s in succ[rid])])
    position = {e.id: i for i, e in enumerate(events)}
    waiting = _waiting(events, succ)
    ready = [(effective[e.id], position[e.id], e.id) for e in events if waiting[e.id] == 0]
    heapq.heapify(ready)
    by_id = {e.id: e for e in events}
    out = []
    while ready:
        _, _, rid = heapq.heappop(ready)
        out.append(by_id[rid])
        for s in succ[rid]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(ready, (effective[s], position[s], s))
    return out


def open_order(listed: Sequence[Dated], events: Sequence[Dated],
               event_caps: dict[str, Cap] | None = None) -> dict[str, list[str]]:
    """For each event of `listed` (events in the one order, or a part of it), the events listed before it
    that the sources do not order against it, where the list's order claims more than they say: two events
    whose spans overlap, unless both are known to the day (then the list's order is at worst within the day).
    A span is the period its date may mean (a date known only to a month or a year is placed at the end of
    its span), narrowed by its cap (a source's publication), by the start of the events its hints put
    before it and by the end of those they put after it. An event dated only about a day (`approximate`)
    has no fixed day: its span is its month, narrowed the same way (by its hints and caps), and it may fall
    on either side of an event of its day. So 'December 2022' is named against another 'December 2022'
    (file order says nothing) and against '7 December 2022', 'about 6 November' against '6 November', and
    'about 6 November', put only after an event of 3 November, against the other events of 3 November.
    An event is never named when a chain of hints orders the two, either way: the list then shows the
    order the sources give."""
    event_caps = event_caps or {}
    succ = _successors(events)
    before: dict[str, list[str]] = {e.id: [] for e in events}
    for first, laters in succ.items():
        for later in laters:
            before[later].append(first)
    by_id = {e.id: e for e in events}

    def approximate(e: Dated) -> bool:
        return bool(getattr(e, "approximate", False))

    def spanned(e: Dated) -> tuple[dt.date, dt.date]:
        # 'about 6 November' does not fix the day: it may mean any day of its month the hints and caps allow
        return period(e.date[:7] if approximate(e) else e.date)

    def latest(e: Dated) -> dt.date:
        end = spanned(e)[1]
        return min(end, event_caps[e.id].day) if e.id in event_caps else end

    def earliest(e: Dated, earlier: list[str]) -> dt.date:
        return max([spanned(e)[0], *(spanned(by_id[rid])[0] for rid in earlier)])

    ahead = {e.id: _reachable(before, e.id) if e.id in before else [] for e in listed}
    behind = {e.id: _reachable(succ, e.id) if e.id in succ else [] for e in listed}
    span = {e.id: (earliest(e, ahead[e.id]), min([latest(e), *(latest(by_id[rid]) for rid in behind[e.id])]))
            for e in listed}
    out: dict[str, list[str]] = {}
    for i, e in enumerate(listed):
        start, end = span[e.id]
        found = []
        for d in listed[:i]:
            if d.id == e.id or d.id in ahead[e.id] or e.id in ahead[d.id]:
                continue
            d_start, d_end = span[d.id]
            days = end == start and d_end == d_start and not (approximate(e) or approximate(d))
            if start <= d_end and d_start <= end and not days:
                found.append(d.id)
        if found:
            out[e.id] = found
    return out
