"""Which side of the dispute a person or institution is on, as the facts say it and nothing more.

A record's side is one of the briefing's `sides` (the states whose dispute this is): a state is on
its own side, and anyone else is on the side of the state its `country` names. Everyone else, a
third state, an international body or a record with no country, is grouped after the sides.

Whose move an event was (`move`) asks more than belonging: whom each one who acted (`who.acted`) acts
for (`acts_for`). A state acts for itself; an institution acts for its state only when it is one of the
state's organs (its government, a ministry, its legislature, courts, prosecutors, an embassy, an agency
such as customs or the police), never a
party, a newspaper, a university or a company of it; a person acts for a side only through a post the
facts give them in the state or one of its organs, and not through a post whose dates show it ended
before the event (its `end`, or the `ended_by` it had ended by) or began after it. A citizen, a former
minister the facts give no post to, a professor: each is of a country, yet acts for no side (a Peruvian
expert may argue Mexico's case).
An event is a side's move when every one who acted acts for that side; otherwise it is "other or
mixed", and `Move` keeps why (others acted, more than one side acted, or no one is recorded as acting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from briefing.facts.model import Briefing


def side_of(record: Any, briefing: Briefing) -> str | None:
    """The id of the record's side, or None when it is on neither."""
    if record.id in briefing.sides:
        return str(record.id)
    country = getattr(record, "country", None)
    return str(country) if country in briefing.sides else None


def order(record: Any, briefing: Briefing) -> tuple[int, bool, str]:
    """Sort key: the sides in the briefing's order, then everyone else; a state first on its side; then by name."""
    side = side_of(record, briefing)
    rank = briefing.sides.index(side) if side is not None else len(briefing.sides)
    return rank, record.id != side, str(record.name).lower()


def by_side(records: list[Any], briefing: Briefing) -> list[tuple[str | None, list[Any]]]:
    """(side id or None, its records) for records already in `order`; one group of all when the
    briefing names no sides."""
    if not briefing.sides:
        return [(None, list(records))] if records else []
    return [(side, list(group)) for side, group in groupby(records, key=lambda r: side_of(r, briefing))]


@dataclass(frozen=True)
class Move:
    """Whose move an event was, as the facts say it: from the side each one who acted acts for."""

    side: str | None
    """The one side every one who acted acts for; None: other or mixed (see `sides` and `others`)."""
    sides: tuple[str, ...]
    """The sides those who acted act for, in the briefing's order (empty: none of them acts for a side)."""
    others: bool
    """Whether someone who acted acts for no side."""

    @property
    def recorded(self) -> bool:
        """Whether the facts name anyone who acted."""
        return bool(self.sides) or self.others


ORGANS = frozenset({"government", "ministry", "head of state", "legislature", "court", "prosecutor", "embassy",
                    "agency"})
"""The kinds of institution that act for the state they belong to (model.InstitutionKind)."""


def _before(a: str, b: str) -> bool:
    """Whether date a is known to fall before date b, at the precision both give (2022 is not before 2022-12)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def acts_for(record: Any, briefing: Briefing, date: str, get: Callable[[str], Any]) -> tuple[str, ...]:
    """The sides a record acts for in an event on `date`, in the briefing's order (empty: none): the
    state itself; an organ of a side's state (ORGANS); a person through each post (`roles`) in one of
    those that the post's dates do not show ended before the date or began after it. `get` looks a
    post's institution up."""
    if record.id in briefing.sides:
        return (str(record.id),)
    kind = getattr(record, "kind", None)
    if kind is not None:  # an institution
        return (str(record.country),) if kind in ORGANS and record.country in briefing.sides else ()
    found: set[str] = set()
    for role in getattr(record, "roles", []):
        last = role.end or role.ended_by  # the latest it may have lasted to
        if role.org is None or (last and _before(last, date)) or (role.start and _before(date, role.start)):
            continue
        found.update(acts_for(get(role.org), briefing, date, get))
    return tuple(side for side in briefing.sides if side in found)


def move(actors: list[tuple[str, ...]], briefing: Briefing) -> Move:
    """Whose move it was when records acting for these sides acted (each one's `acts_for`; empty: it
    acts for no side): a side's when every one of them acts for that side alone."""
    found = {side for sides_ in actors for side in sides_}
    on_sides = tuple(side for side in briefing.sides if side in found)
    others = any(not sides_ for sides_ in actors)
    side = on_sides[0] if len(on_sides) == 1 and not others else None
    return Move(side, on_sides, others)
