"""The validated fact graph: every record by kind, indexed by id, with backlinks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .archive import Archived
from .kinds import filed, kind
from .model import Briefing, Citation, Claim, walk
from .order import chronological


@dataclass(frozen=True)
class Entry:
    """Where a record lives: its kind, the record, its file and line, and its parent's id (nested kinds)."""

    kind: str
    record: Any
    file: str
    line: int
    parent: str | None = None


LINKING = {"event", "question", "discrepancy", "instrument", "person", "institution"}
"""Kinds whose references to a record are shown on that record's page as backlinks."""


@dataclass
class Graph:
    briefing: Briefing
    records: dict[str, list[Any]]
    """Every record of each kind (kinds.filed()), in file order."""
    archives: dict[str, Archived]
    index: dict[str, Entry] = field(default_factory=dict)
    quotes_verified: int = 0

    def of(self, kind_name: str) -> list[Any]:
        """The records of one kind, in file order."""
        return self.records[kind(kind_name).name]

    def get(self, rid: str) -> Any:
        return self.index[rid].record

    def kind(self, rid: str) -> str:
        return self.index[rid].kind

    @cached_property
    def events_by_date(self) -> list[Any]:
        """The one chronological order (see order.py): every page and export uses it."""
        return chronological(self.of("event"))

    @cached_property
    def _scan(self) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[tuple[str, str]]], int]:
        """One walk over every record: (backlinks, citing, number of claims)."""
        # dicts as ordered sets: a much-named record (a state) must not cost a list search per mention
        links: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
        citing: dict[str, list[tuple[str, str]]] = defaultdict(list)
        claims = 0
        everything: list[tuple[str, str | None, Any]] = [
            (r.id, k.name, r) for k in filed() for r in self.records[k.name]]
        everything.append(("index", None, self.briefing))
        for rid, kind_name, record in everything:
            names = kind_name in LINKING
            for _path, _name, value, kinds in walk(record):
                if isinstance(value, Citation):
                    citing[value.source].append((rid, value.quote))
                elif isinstance(value, Claim):
                    claims += 1
                elif names and kinds and isinstance(value, str) and value != rid:
                    links[value][kind_name or ""][rid] = None
        backlinks = {rid: {k: list(ids) for k, ids in by_kind.items()} for rid, by_kind in links.items()}
        return backlinks, dict(citing), claims

    @property
    def backlinks(self) -> dict[str, dict[str, list[str]]]:
        """For each id, the ids of the records of LINKING kinds that name it, by kind."""
        return self._scan[0]

    @property
    def citing(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, (record id, quote) for every citation of it ("index": the home page)."""
        return self._scan[1]

    def counts(self) -> dict[str, int]:
        """How many records of each counted kind (by its `counted` label), claims and quotes."""
        out = {k.counted: len(self.records[k.name]) for k in filed() if k.counted}
        out["claims"] = self._scan[2]
        out["quotes"] = self.quotes_verified
        return out
