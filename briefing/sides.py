"""Which side of the dispute a person or institution is on, as the facts say it and nothing more.

A record's side is one of the briefing's `sides` (the states whose dispute this is): a state is on
its own side, and anyone else is on the side of the state its `country` names. Everyone else, a
third state, an international body or a record with no country, is grouped after the sides.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from .model import Briefing


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
