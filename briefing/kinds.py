"""The registry of record kinds: one entry per kind, and every list of kinds is read from here.

Like yamllint's rule registry, each kind is declared once: the facts file it lives in, its record
type, the field that names a record, where its page is, its navigation title and its key in
briefing.json. Validation, the graph, the pages, the navigation, the exports, `check`'s summary
and the JSON Schemas all read KINDS when they run (through the functions below), never a copy
of it. Adding a kind is adding an entry (see CONTRIBUTING.md, "Adding a record kind").
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .model import (
    Briefing,
    Claim,
    Discrepancy,
    Event,
    Figure,
    Institution,
    Instrument,
    Person,
    Provision,
    Question,
    Source,
    Term,
)


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    name: str
    """What one record is called in messages and references ('person')."""
    model: type[BaseModel]
    """The record type (model.py)."""
    name_field: str
    """The field that names a record on pages and in links."""
    file: str | None = None
    """The facts file stem holding these records (facts/<file>.yaml); None for records nested in others."""
    holds: str = ""
    """What the facts file holds, for messages ('a list of people')."""
    counted: str = ""
    """How `check` counts them ('people', 'legal instruments'); empty: not counted."""
    page: str | None = None
    """Where a record is shown: its own page ('people/{id}.md') or an anchor on a list page
    ('timeline.md#{id}'); None for nested kinds, shown on their parent's page."""
    index: str | None = None
    """The page listing them all (an index or the list page itself)."""
    nav_title: str | None = None
    """The navigation section's title; None keeps the kind out of the navigation."""
    export_key: str | None = None
    """The key of these records in briefing.json."""
    parent_field: str | None = None
    """For a nested kind: the field of the parent record that holds it ('provisions')."""

    def page_of(self, rid: str) -> tuple[str, str]:
        """(page path, anchor or '') of a record of this kind at its usual place."""
        assert self.page is not None, f"{self.name} records have no page of their own"
        path, _, anchor = self.page.format(id=rid).partition("#")
        return path, anchor


BRIEFING = Kind("briefing", Briefing, "title", file="briefing", holds="the briefing's title, date and summary",
                page="index.md", export_key="briefing")

KINDS: list[Kind] = [
    Kind("source", Source, "title", file="sources", holds="a list of sources", counted="sources",
         page="sources/{id}.md", index="sources/index.md", nav_title="Sources", export_key="sources"),
    Kind("person", Person, "name", file="people", holds="a list of people", counted="people",
         page="people/{id}.md", index="people/index.md", nav_title="People", export_key="people"),
    Kind("institution", Institution, "name", file="institutions", holds="a list of institutions",
         counted="institutions", page="institutions/{id}.md", index="institutions/index.md",
         nav_title="Institutions and states", export_key="institutions"),
    Kind("event", Event, "title", file="events", holds="a list of events", counted="events",
         page="timeline.md#{id}", index="timeline.md", nav_title="Timeline", export_key="events"),
    Kind("instrument", Instrument, "title", file="legal", holds="a list of legal instruments",
         counted="legal instruments", page="legal/{id}.md", index="legal/index.md", nav_title="Legal basis",
         export_key="legal"),
    Kind("question", Question, "question", file="questions", holds="a list of questions", counted="questions",
         page="questions.md#{id}", index="questions.md", nav_title="Questions", export_key="questions"),
    Kind("discrepancy", Discrepancy, "topic", file="discrepancies", holds="a list of discrepancies",
         counted="discrepancies", page="differences.md#{id}", index="differences.md",
         nav_title="Where sources differ", export_key="discrepancies"),
    Kind("term", Term, "term", file="glossary", holds="a list of glossary terms", counted="glossary terms",
         page="glossary.md#{id}", index="glossary.md", nav_title="Glossary", export_key="glossary"),
    Kind("provision", Provision, "article", parent_field="provisions"),
    Kind("claim", Claim, "text"),
    Kind("figure", Figure, "label"),
]
"""Every kind of record, in the order files are read, pages listed and exports written."""

def filed() -> list[Kind]:
    """The kinds that have a facts file of their own (a list of records each), in registry order."""
    return [k for k in KINDS if k.file]


def by_file() -> dict[str, Kind]:
    """Facts file stem -> its kind, briefing.yaml first."""
    return {k.file: k for k in (BRIEFING, *KINDS) if k.file}


def kind(name: str) -> Kind:
    """The kind of that name ('person')."""
    for k in KINDS:
        if k.name == name:
            return k
    raise ValueError(f"no such kind of record: {name!r}")


def facts_files() -> dict[str, type[BaseModel]]:
    """Facts file stem -> its record type (briefing.yaml holds one Briefing, the others lists)."""
    return {stem: k.model for stem, k in by_file().items()}
