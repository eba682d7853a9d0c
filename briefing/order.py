"""The one chronological order of events, used by every page and export.

Dates come at three precisions. A date known only to the month or the year names a period, and an
event with such a date is placed at the end of its period: the end is the first point at which the
sources make it certain that the event had happened. Editors state the order where dates cannot, with
`after` and `before` (ids of other events); those hints are checked: no cycle, and no hint that
contradicts the dates (an event placed before one whose whole period lies earlier than its own).
Events whose place nothing else decides keep the order of the facts file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


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
    code: str
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
            problems.append(OrderProblem(owner, field, i, "order-cycle",
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
                    owner, field, i, "order-contradicts-date",
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


def chronological(events: Iterable[Dated]) -> list[Any]:
    """Events in time order: by the end of each date's period, the hints obeyed, ties in file order.

    Assumes order_problems() found nothing (a cycle would leave its events out).
    """
    events = list(events)
    succ = _successors(events)
    end = {e.id: period(e.date)[1] for e in events}
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
