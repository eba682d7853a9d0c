"""Two versions of some facts files: which records were added, changed (which top-level fields)
and removed, matched by id across the files.

A list file is split into its records (each top-level `- ` item) and only the records whose text
differs between the versions are parsed, so a day of ordinary edits parses a few KB however large
the briefing is. Parsing goes through load.py (aliases refused, depth bounded) within a Budget.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from briefing.facts.kinds import BRIEFING, Kind, by_file
from briefing.facts.load import load_text
from briefing.facts.model import Record
from briefing.facts.problems import Problems

Action = Literal["added", "changed", "removed"]
ACTIONS: tuple[Action, ...] = ("added", "changed", "removed")
UNREADABLE = "\0"
"""The text of a file that cannot be read (missing from a clone, larger than a facts file may be)."""

RECENT = 16
"""How many recent file texts keep their split into records (one day's 'after' is the next day's 'before')."""
_ITEM = re.compile(r"(?m)^(?=-(?:[ \t\r]|$))")
"""Where a record starts in a list file: a '-' at the start of a line."""


@dataclass(frozen=True)
class Change:
    """One record added, changed or removed on a day."""

    rid: str
    """The record's id ('index' for the briefing itself)."""
    kind: str
    """Its kind ('person'; 'briefing' for briefing.yaml)."""
    action: Action
    fields: tuple[str, ...] = ()
    """The top-level fields whose values differ (changed records), in the model's order."""
    name: str = ""
    """What the record was called then (its title or name): removed records have no page to name them."""


class OutOfBudget(Exception):
    """As much YAML has been parsed as the Budget allows (history.PARSE_BUDGET)."""


class Budget:
    """Bytes of YAML still to parse (in one reading of the history)."""

    def __init__(self, left: int):
        self.left = left

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise OutOfBudget


def diff_files(files: list[tuple[str, str | None, str | None]], budget: Budget | None = None) -> tuple[Change, ...]:
    """The records added, changed and removed between two versions of some facts files
    ((stem, text before, text after) per file; None: no such file), matched by id across the
    files (a record moved, or a file renamed, is no change). A file unreadable on either side
    is left out: what changed in it is not known."""
    before: dict[str, tuple[str, dict[str, Any]]] = {}
    after: dict[str, tuple[str, dict[str, Any]]] = {}
    budget = budget or Budget(1 << 62)
    for stem, old, new in files:
        parsed = _records_that_differ(stem, old, new, budget)
        if parsed is not None:
            before.update((rid, (stem, rec)) for rid, rec in parsed[0].items())
            after.update((rid, (stem, rec)) for rid, rec in parsed[1].items())
    changes = []
    for rid in sorted(before.keys() | after.keys()):
        if rid not in before:
            stem, rec = after[rid]
            changes.append(Change(rid, _kind(stem).name, "added", name=_name(stem, rec, rid)))
        elif rid not in after:
            stem, rec = before[rid]
            changes.append(Change(rid, _kind(stem).name, "removed", name=_name(stem, rec, rid)))
        else:
            (_, old_rec), (stem, new_rec) = before[rid], after[rid]
            fields = _fields_that_differ(stem, old_rec, new_rec)
            if fields:
                changes.append(Change(rid, _kind(stem).name, "changed", fields, _name(stem, new_rec, rid)))
    return tuple(changes)


Records = dict[str, dict[str, Any]]


def _records_that_differ(stem: str, old: str | None, new: str | None,
                         budget: Budget) -> tuple[Records, Records] | None:
    """(records before, records after) among those whose text differs; None when a side cannot be
    read (what changed in the file is then not known)."""
    if UNREADABLE in (old, new):
        return None
    if stem == BRIEFING.file:
        sides = [_whole(text, budget, mapping=True) for text in (old, new)]
    else:
        items = [_items(text) for text in (old, new)]
        if items[0] is not None and items[1] is not None:
            counts = Counter(items[0]), Counter(items[1])
            sides = [_parse_items(list((counts[0] - counts[1]).elements()), budget),
                     _parse_items(list((counts[1] - counts[0]).elements()), budget)]
        else:  # not laid out as one '- ' item per record (a flow list): parse it whole
            sides = [_whole(text, budget, mapping=False) for text in (old, new)]
    return None if sides[0] is None or sides[1] is None else (sides[0], sides[1])


@functools.lru_cache(maxsize=RECENT)
def _items(text: str | None) -> tuple[str, ...] | None:
    """A list file's records as texts (each top-level '- ' item), or None when it is not laid out so."""
    if text is None:
        return ()
    text = text.removeprefix("\ufeff")
    head, *items = _ITEM.split(text)
    if head.startswith("-"):
        head, items = "", [head, *items]
    if any(line.strip() and not line.lstrip().startswith("#") and line.strip() != "---"
           for line in head.splitlines()):
        return None
    return tuple(item if item.endswith("\n") else item + "\n" for item in items)


def _parse_items(items: list[str], budget: Budget) -> Records | None:
    if not items:
        return {}
    data = _parse("".join(items), budget)
    return _by_id(data) if isinstance(data, list) else None


def _whole(text: str | None, budget: Budget, mapping: bool) -> Records | None:
    """Every record of a file (the briefing: one record, 'index'); {} for no file, None if unreadable."""
    if text is None:
        return {}
    data = _parse(text.removeprefix("\ufeff"), budget)
    if mapping:
        return {"index": data} if isinstance(data, dict) else None
    return _by_id(data) if isinstance(data, list) else None


def _parse(text: str, budget: Budget) -> Any:
    if not text.strip():
        return []
    budget.spend(len(text))
    problems = Problems()
    doc = load_text(text, "history", problems)
    # a version with a YAML error is not known: the records load.py still recovers from it would show the
    # unread ones as removed (and back again at the fix)
    return None if doc is None or doc.unread or problems else doc.data


def _by_id(data: list[Any]) -> Records:
    return {rec["id"]: rec for rec in data if isinstance(rec, dict) and isinstance(rec.get("id"), str)}


def _kind(stem: str) -> Kind[Record]:
    return by_file()[stem]


def _name(stem: str, record: dict[str, Any], rid: str) -> str:
    value = record.get(_kind(stem).name_field)
    return value.strip() if isinstance(value, str) and value.strip() else rid


def _fields_that_differ(stem: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    order = list(_kind(stem).model.model_fields)
    differ = [name for name in old.keys() | new.keys() if old.get(name) != new.get(name)]
    return tuple(sorted(differ, key=lambda name: (order.index(name) if name in order else len(order), name)))
