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
from typing import Protocol


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
    """Cycles among the hints, and hints that contradict the dates (directly or through other hints)."""
    by_id = {e.id: e for e in events}
    succ = _successors(events)
    problems: list[OrderProblem] = []
    # every hint as (event, field, index, earlier id, later id)
    hints = [(e.id, "after", i, other, e.id) for e in events for i, other in enumerate(e.after) if other in by_id]
    hints += [(e.id, "before", i, e.id, other) for e in events for i, other in enumerate(e.before) if other in by_id]
    reach: dict[str, set[str]] = {}

    def reachable(start: str) -> set[str]:
        if start not in reach:
            seen: set[str] = set()
            stack = list(succ[start])
            while stack:
                rid = stack.pop()
                if rid not in seen:
                    seen.add(rid)
                    stack.extend(succ[rid])
            reach[start] = seen
        return reach[start]

    for owner, field, i, earlier, later in hints:
        if earlier == later or earlier in reachable(later):
            problems.append(OrderProblem(owner, field, i, "order-cycle",
                                         f"'{field}: {later if field == 'after' else earlier}' "
                                         f"makes a cycle: '{earlier}' would come both before and after '{later}'"
                                         if earlier != later else f"'{owner}' cannot come {field} itself"))
            continue
        # the hint, and everything after the later event, must not lie wholly before the earlier one
        first = period(by_id[earlier].date)[0]
        for rid in (later, *sorted(reachable(later))):
            last = period(by_id[rid].date)[1]
            if last < first:
                via = "" if rid == later else f" (through the hints, '{rid}' comes after '{later}')"
                problems.append(OrderProblem(
                    owner, field, i, "order-contradicts-date",
                    f"puts '{earlier}' ({by_id[earlier].date}) before '{rid}' ({by_id[rid].date}){via}, "
                    f"but {by_id[rid].date} ends before {by_id[earlier].date} begins; fix the hint or the dates"))
                break
    return problems


def chronological(events: Iterable[Dated]) -> list:
    """Events in time order: by the end of each date's period, the hints obeyed, ties in file order.

    Assumes order_problems() found nothing (a cycle would leave its events out).
    """
    events = list(events)
    succ = _successors(events)
    end = {e.id: period(e.date)[1] for e in events}
    # An event must come no later than anything the hints put after it: lower its key to theirs.
    effective: dict[str, dt.date] = {}

    def key(rid: str, path: frozenset[str] = frozenset()) -> dt.date:
        if rid not in effective:
            later = [key(s, path | {rid}) for s in succ[rid] if s not in path]
            effective[rid] = min([end[rid], *later])
        return effective[rid]

    position = {e.id: i for i, e in enumerate(events)}
    waiting = {e.id: 0 for e in events}
    for rid in succ:
        for s in succ[rid]:
            waiting[s] += 1
    ready = [(key(e.id), position[e.id], e.id) for e in events if waiting[e.id] == 0]
    heapq.heapify(ready)
    by_id = {e.id: e for e in events}
    out = []
    while ready:
        _, _, rid = heapq.heappop(ready)
        out.append(by_id[rid])
        for s in succ[rid]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(ready, (key(s), position[s], s))
    return out
