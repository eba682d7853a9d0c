"""The validated fact graph: every record, indexed by id, with backlinks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .archive import Archived
from .model import (
    Briefing, Citation, Claim, Discrepancy, Event, Institution, Instrument, Person, Question, Source, Term, walk,
)


@dataclass(frozen=True)
class Entry:
    """Where a record lives: its kind, the record, and its file and line (for 'edit this' links)."""

    kind: str
    record: Any
    file: str
    line: int
    parent: str | None = None


@dataclass
class Graph:
    briefing: Briefing
    sources: list[Source]
    people: list[Person]
    institutions: list[Institution]
    events: list[Event]
    instruments: list[Instrument]
    questions: list[Question]
    discrepancies: list[Discrepancy]
    archives: dict[str, Archived]
    index: dict[str, Entry] = field(default_factory=dict)
    quotes_verified: int = 0
    terms: list[Term] = field(default_factory=list)

    def get(self, rid: str) -> Any:
        return self.index[rid].record

    def kind(self, rid: str) -> str:
        return self.index[rid].kind

    @cached_property
    def events_by_date(self) -> list[Event]:
        """Chronological; equal dates keep the editors' order (sorting is stable)."""
        return sorted(self.events, key=lambda e: e.date)

    @cached_property
    def backlinks(self) -> dict[str, dict[str, list[str]]]:
        """For each id, the ids of events, questions, discrepancies, instruments naming it, by kind."""
        # dicts as ordered sets: a much-named record (a state) must not cost a list search per mention
        links: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
        for collection in (self.events, self.questions, self.discrepancies, self.instruments,
                           self.people, self.institutions):
            for record in collection:
                kind = self.index[record.id].kind
                for _path, _name, value, kinds in walk(record):
                    if kinds and isinstance(value, str) and value != record.id:
                        links[value][kind][record.id] = None
        return {rid: {kind: list(ids) for kind, ids in by_kind.items()} for rid, by_kind in links.items()}

    @cached_property
    def citing(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, (record id, quote) for every citation of it."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for record in [*self.sources, *self.people, *self.institutions, *self.events, *self.instruments,
                       *self.questions, *self.discrepancies, *self.terms]:
            for _path, _name, value, _kinds in walk(record):
                if isinstance(value, Citation):
                    out[value.source].append((record.id, value.quote))
        for _path, _name, value, _kinds in walk(self.briefing):
            if isinstance(value, Citation):
                out[value.source].append(("index", value.quote))
        return out

    def counts(self) -> dict[str, int]:
        claims = sum(
            1
            for rec in [self.briefing, *self.sources, *self.people, *self.institutions, *self.events,
                        *self.instruments, *self.questions, *self.discrepancies]
            for _p, _n, value, _k in walk(rec)
            if isinstance(value, Claim)
        )
        return {
            "sources": len(self.sources), "people": len(self.people), "institutions": len(self.institutions),
            "events": len(self.events), "instruments": len(self.instruments), "questions": len(self.questions),
            "discrepancies": len(self.discrepancies), "claims": claims, "quotes": self.quotes_verified,
        }
