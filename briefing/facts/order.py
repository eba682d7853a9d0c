"""The one chronological order of events, used by every page and export.

Dates come at three precisions, and a day may be only approximate (`approximate: true`) or stand for its
week (`approximate: week`, event_period). A date known only to the week, the month or the year names a
period, and an event with such a date is placed at the end of its period: the end is the first point at
which the sources make it certain that the event had happened. Editors state the order where dates cannot, with
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


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week a day falls in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def event_period(e: Dated) -> tuple[dt.date, dt.date]:
    """The days an event's date may mean: its week for `approximate: week` (the sources place it only within a
    week), else its date's period (a day, a month, a year)."""
    if getattr(e, "approximate", False) == "week":
        return week_of(period(e.date)[0])
    return period(e.date)


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
        first = event_period(by_id[earlier])[0]
        for rid in [later, *_reachable(succ, later)]:
            if event_period(by_id[rid])[1] < first:
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
        exact = [(period(o.date)[1], o.id, o.date) for s in sources for o in reported[s]  # a dated event: one
                 if o.id != e.id and len(o.date) == 10 and getattr(o, "approximate", False) != "week"]  # with a day
        if exact:
            day, oid, written = max(exact)
            if day < event_period(e)[1]:
                out[e.id] = Cap(max(day, event_period(e)[0]), "undated", oid, written)
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
        if event_period(e)[0] > cap.day:
            problems.append(OrderProblem(e.id, "date", -1, Code.AFTER_ITS_SOURCE,
                                         f"'{e.id}' is dated {e.date}, after '{cap.by}', which reports it, was "
                                         f"published ({cap.written}); fix the date or the citation"))
            continue
        late = next((rid for rid in _reachable(before, e.id) if event_period(by_id[rid])[0] > cap.day), None)
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
    end = {e.id: min(event_period(e)[1], event_caps[e.id].day) if e.id in event_caps else event_period(e)[1]
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
    whose spans overlap, two events of the same day included (file order says nothing about which came first).
    A span is the period its date may mean (a date known only to a month or a year is placed at the end of
    its span), narrowed by its cap (a source's publication), by the start of the events its hints put
    before it and by the end of those they put after it. An event dated only about a day (`approximate`)
    has no fixed day: its span is its month, narrowed the same way (by its hints and caps), and it may fall
    on either side of an event of its day. So 'December 2022' is named against another 'December 2022'
    (file order says nothing) and against '7 December 2022', 'about 6 November' against '6 November', and
    'about 6 November', put only after an event of 3 November, against the other events of 3 November.
    An event is never named when a chain of hints orders the two, either way: the list then shows the
    order the sources give. (Spans: the same, worked out once for many lists of one set of events.)"""
    return Spans(events, event_caps).open_order(listed)


class Spans:
    """The events' spans and hint chains (open_order's), each worked out once, when a list first needs it:
    every page that lists events asks of the same events."""

    def __init__(self, events: Sequence[Dated], event_caps: dict[str, Cap] | None = None):
        self.caps = event_caps or {}
        self.succ = _successors(events)
        self.before: dict[str, list[str]] = {e.id: [] for e in events}
        for first, laters in self.succ.items():
            for later in laters:
                self.before[later].append(first)
        self.by_id = {e.id: e for e in events}
        self._ahead: dict[str, frozenset[str]] = {}
        self._span: dict[str, tuple[int, int, bool]] = {}

    def ahead(self, rid: str) -> frozenset[str]:
        """The events a chain of hints puts before this one."""
        if rid not in self._ahead:
            self._ahead[rid] = frozenset(_reachable(self.before, rid)) if rid in self.before else frozenset()
        return self._ahead[rid]

    @staticmethod
    def _period(e: Dated) -> tuple[dt.date, dt.date]:
        """The days an event's date may mean: 'about 6 November' does not fix the day, so any of its month; 'the
        week of 3 November', any day of that week."""
        approximate = getattr(e, "approximate", False)
        if approximate == "week":
            return event_period(e)
        return period(e.date[:7] if approximate else e.date)

    def _latest(self, e: Dated) -> dt.date:
        end = self._period(e)[1]
        return min(end, self.caps[e.id].day) if e.id in self.caps else end

    def span(self, e: Dated) -> tuple[int, int, bool]:
        """(first day, last day, as ordinals; whether it is a single day known exactly) of an event's span."""
        if e.id not in self._span:
            behind = _reachable(self.succ, e.id) if e.id in self.succ else []
            start = max([self._period(e)[0], *(self._period(self.by_id[rid])[0] for rid in self.ahead(e.id))])
            end = min([self._latest(e), *(self._latest(self.by_id[rid]) for rid in behind)])
            day = start == end and not getattr(e, "approximate", False)
            self._span[e.id] = (start.toordinal(), end.toordinal(), day)
        return self._span[e.id]

    def open_order(self, listed: Sequence[Dated]) -> dict[str, list[str]]:
        """open_order's answer for `listed`: each event listed after events it may have preceded.

        An event is checked against the wider spans listed before it and against the events known to a day
        within its span (for an event known to the day, the others of that day): the wide spans seen so far
        and the events of each day, not every pair."""
        out: dict[str, list[str]] = {}
        wide: list[tuple[int, int, str, int]] = []  # (start, end, id, position) of wider spans listed so far
        days: dict[int, list[tuple[str, int]]] = {}  # a day known exactly -> (id, position) of events on it
        for i, e in enumerate(listed):
            start, end, day = self.span(e)
            found: list[tuple[int, str]] = [(n, rid) for d_start, d_end, rid, n in wide
                                            if start <= d_end and d_start <= end]
            # a wider span against the days known exactly within it; a day against the others of that day
            found.extend((n, rid) for on in range(start, end + 1) for rid, n in days.get(on, ()))
            ahead = self.ahead(e.id)
            names = [rid for _n, rid in sorted(found)
                     if rid != e.id and rid not in ahead and e.id not in self.ahead(rid)]
            if names:
                out[e.id] = names
            if day:
                days.setdefault(start, []).append((e.id, i))
            else:
                wide.append((start, end, e.id, i))
        return out


def narrowed_dates(events: Sequence[Dated], published: dict[str, dt.date] | None = None
                   ) -> dict[str, tuple[dt.date, dt.date]]:
    """For each event dated only to a week (always), and each dated only to the month or the year whose
    place the sources' order states (its own `after`/`before`, or another event's naming it) or whose report
    was published before its period ends (`published`: the day the first of its sources appeared,
    order.caps), the days left between those bounds: after an event means from that event's first possible
    day, before one means up to its last."""
    by_id = {e.id: e for e in events}
    lower: dict[str, list[dt.date]] = {e.id: [] for e in events}
    upper: dict[str, list[dt.date]] = {e.id: [*([published[e.id]] if published and e.id in published else [])]
                                       for e in events}
    for e in events:
        for other in e.after:  # e came after `other`; `other` came before e
            if other in by_id:
                lower[e.id].append(event_period(by_id[other])[0])
                upper[other].append(event_period(e)[1])
        for other in e.before:
            if other in by_id:
                upper[e.id].append(event_period(by_id[other])[1])
                lower[other].append(event_period(e)[0])
    out = {}
    for e in events:
        start, end = event_period(e)
        narrowed = (max([start, *lower[e.id]]), min([end, *upper[e.id]]))
        week = getattr(e, "approximate", False) == "week"  # its window is always its week, or less
        if (week or (len(e.date) < 10 and narrowed != (start, end))) and narrowed[0] <= narrowed[1]:
            out[e.id] = narrowed
    return out
