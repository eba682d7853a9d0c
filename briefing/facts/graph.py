"""The validated fact graph: every record by kind, indexed by id, with backlinks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from briefing.facts.archive import Archived
from briefing.facts.kinds import EVENT, SOURCE, Kind, filed
from briefing.facts.model import Briefing, Citation, Claim, Event, Identified, Record, nested, walk
from briefing.facts.order import Cap, Spans, caps, chronological, narrowed_dates
from briefing.facts.problems import Problem


@dataclass(frozen=True)
class Entry:
    """Where a record lives: its kind, the record, its file and line, and its parent's id (nested kinds)."""

    kind: str
    record: Record
    file: str
    line: int
    parent: str | None = None


R = TypeVar("R", bound=Record)
T = TypeVar("T")

LINKING = {"event", "question", "discrepancy", "instrument", "person", "institution"}
"""Kinds whose references to a record are shown on that record's page as backlinks."""


@dataclass
class Graph:
    briefing: Briefing
    records: dict[str, list[Identified]]
    """Every record of each kind (kinds.filed()), in file order."""
    archives: dict[str, Archived]
    index: dict[str, Entry] = field(default_factory=dict)
    quotes_verified: int = 0
    warnings: list[Problem] = field(default_factory=list)
    """What validation found that does not stop a build while editing (missing, stale translations)."""
    derived_once: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What `derived` made, by key: shared by the graph's editions (localize.localized)."""

    def derived(self, key: str, make: Callable[[Graph], T]) -> T:
        """What a later stage works out from the facts alone, the same in every edition (where each quote's
        passage is in its archived text), made once per graph: each edition's build and each of a serve's
        rebuilds of unchanged facts reuse it. `key` names it; `make(graph)` makes it."""
        if key not in self.derived_once:
            self.derived_once[key] = make(self)
        return cast(T, self.derived_once[key])

    def of(self, kind: Kind[R]) -> list[R]:
        """The records of one kind, in file order, typed by the kind (`graph.of(PERSON)` is a list of Person)."""
        return cast("list[R]", self.records[kind.name])

    def get(self, rid: str) -> Record:
        """The record with that id (of any kind, nested ones included)."""
        return self.index[rid].record

    def get_as(self, rid: str, model: type[R]) -> R:
        """The record with that id, which must be of that type (the graph was validated: it is)."""
        record = self.index[rid].record
        if not isinstance(record, model):
            raise TypeError(f"{rid} is a {type(record).__name__}, not a {model.__name__}")
        return record

    def kind(self, rid: str) -> str:
        return self.index[rid].kind

    @cached_property
    def events_by_date(self) -> list[Event]:
        """The one chronological order (see order.py): every page and export uses it."""
        return chronological(self.of(EVENT), self.caps)

    @cached_property
    def open_order(self) -> dict[str, list[str]]:
        """Each event's earlier-listed events in the one order that the sources leave open whether it
        preceded (order.open_order)."""
        return self.spans.open_order(self.events_by_date)

    @cached_property
    def narrowed(self) -> dict[str, tuple[dt.date, dt.date]]:
        """The days left to each event dated to a month or a year that its hints or its report's publication
        bound (order.narrowed_dates): what the timeline chart draws."""
        return narrowed_dates(self.events_by_date, {rid: cap.day for rid, cap in self.caps.items()
                                                    if cap.why == "published"})

    @cached_property
    def spans(self) -> Spans:
        """The events' spans and hint chains, for any list of them (order.open_order)."""
        return Spans(self.of(EVENT), self.caps)

    @cached_property
    def caps(self) -> dict[str, Cap]:
        """The latest day each event may be placed at, from its sources (order.caps)."""
        events = self.of(EVENT)
        published = {s.id: date for s in self.of(SOURCE) if (date := s.appeared())}
        return caps(events, {e.id: e.sources() for e in events}, published)

    @cached_property
    def _scan(self) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[tuple[str, str]]], int]:
        """One walk over every record: (backlinks, citing, number of claims)."""
        # dicts as ordered sets: a much-named record (a state) must not cost a list search per mention
        links: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
        citing: dict[str, list[tuple[str, str]]] = defaultdict(list)
        claims = 0
        everything: list[tuple[str, str | None, Record]] = [
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

    @cached_property
    def _quote_translations(self) -> dict[tuple[str, str, str], str]:
        out: dict[tuple[str, str, str], str] = {}
        for record in [self.briefing, *(r for items in self.records.values() for r in items)]:
            for _path, value in nested(record):  # citations are records: no need to visit the scalars
                if isinstance(value, Citation):
                    for code in value.translations:
                        text = value.translated(code, "quote")
                        if text:
                            out.setdefault((value.source, value.quote, code), " ".join(text.split()))
        return out

    def quote_translation(self, source: str, quote: str, code: str) -> str | None:
        """This briefing's translation of a quote into a language, where it has one."""
        return self._quote_translations.get((source, quote, code))

    def counts(self) -> dict[str, int]:
        """How many records of each counted kind (by its `counted` label), claims and quotes."""
        out = {k.counted: len(self.records[k.name]) for k in filed() if k.counted}
        out["claims"] = self._scan[2]
        out["quotes"] = self.quotes_verified
        return out
