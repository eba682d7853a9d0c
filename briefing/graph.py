"""The validated fact graph: every record, indexed by id, with backlinks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .archive import Archived
from .order import chronological
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
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Values worked out from the graph once and reused by every page (e.g. each event's page)."""
    terms: list[Term] = field(default_factory=list)

    def get(self, rid: str) -> Any:
        return self.index[rid].record

    def kind(self, rid: str) -> str:
        return self.index[rid].kind

    @cached_property
    def events_by_date(self) -> list[Event]:
        """The one chronological order (see order.py): every page and export uses it."""
        return chronological(self.events)

    @cached_property
    def _scan(self) -> tuple[dict, dict, int]:
        """One walk over every record: (backlinks, citing, number of claims)."""
        # dicts as ordered sets: a much-named record (a state) must not cost a list search per mention
        links: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
        citing: dict[str, list[tuple[str, str]]] = defaultdict(list)
        claims = 0
        linking = {"event", "question", "discrepancy", "instrument", "person", "institution"}
        for collection in (self.sources, self.people, self.institutions, self.events, self.instruments,
                           self.questions, self.discrepancies, self.terms, [self.briefing]):
            for record in collection:
                briefing = record is self.briefing
                rid = "index" if briefing else record.id
                kind = None if briefing else self.index[rid].kind
                names = kind in linking
                for _path, _name, value, kinds in walk(record):
                    if isinstance(value, Citation):
                        citing[value.source].append((rid, value.quote))
                    elif isinstance(value, Claim):
                        claims += 1
                    elif names and kinds and isinstance(value, str) and value != rid:
                        links[value][kind][rid] = None
        backlinks = {rid: {kind: list(ids) for kind, ids in by_kind.items()} for rid, by_kind in links.items()}
        return backlinks, citing, claims

    @property
    def backlinks(self) -> dict[str, dict[str, list[str]]]:
        """For each id, the ids of events, questions, discrepancies, instruments naming it, by kind."""
        return self._scan[0]

    @property
    def citing(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, (record id, quote) for every citation of it ("index": the home page)."""
        return self._scan[1]

    def counts(self) -> dict[str, int]:
        claims = self._scan[2]
        return {
            "sources": len(self.sources), "people": len(self.people), "institutions": len(self.institutions),
            "events": len(self.events), "instruments": len(self.instruments), "questions": len(self.questions),
            "discrepancies": len(self.discrepancies), "terms": len(self.terms), "claims": claims,
            "quotes": self.quotes_verified,
        }
