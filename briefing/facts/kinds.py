"""The registry of record kinds: one entry per kind, and every list of kinds is read from here.

Like yamllint's rule registry, each kind is declared once: the facts file it lives in, its record
type, the field that names a record, where its page is, its navigation title and its key in
briefing.json. Validation, the graph, the pages, the navigation, the exports, `check`'s summary
and the JSON Schemas all read KINDS when they run (through the functions below), never a copy
of it. Adding a kind is adding an entry (see CONTRIBUTING.md, "Adding a record kind").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from briefing.facts.model import (
    Briefing,
    Claim,
    Discrepancy,
    Event,
    Figure,
    Identified,
    Institution,
    Instrument,
    Person,
    Provision,
    Question,
    Record,
    Source,
    Term,
)
from briefing.i18n import N_, _

R_co = TypeVar("R_co", bound=Record, covariant=True)


@dataclass(frozen=True)
class Kind(Generic[R_co]):
    """One kind of record; `Kind[Person]` reads `Person` records (Graph.of)."""

    name: str
    """What one record is called in messages and references ('person')."""
    model: type[R_co]
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
    title: str | None = None
    """Its section's title: in the navigation, on its list page and wherever a page lists records of
    the kind (an entity page's backlinks); None keeps the kind out of the navigation."""
    label: str = ""
    """What one record is called for readers ('Legal text'); empty: the kind's name, capitalised."""
    schema_type: str | None = None
    """The schema.org type of a record's JSON-LD ('Person'); None: the kind has none."""
    export_key: str | None = None
    """The key of these records in briefing.json."""
    parent_field: str | None = None
    """For a nested kind: the field of the parent record that holds it ('provisions')."""

    @property
    def reader_label(self) -> str:
        """What one record is called for readers ('Legal text', 'Person')."""
        return _(self.label or self.name.capitalize())  # the capitalised names are in the catalog: READER_LABELS

    def page_of(self, rid: str) -> tuple[str, str]:
        """(page path, anchor or '') of a record of this kind at its usual place."""
        assert self.page is not None, f"{self.name} records have no page of their own"
        path, _, anchor = self.page.format(id=rid).partition("#")
        return path, anchor


READER_LABELS = (N_("Briefing"), N_("Source"), N_("Person"), N_("Institution"), N_("Event"), N_("Question"),
                 N_("Provision"), N_("Claim"), N_("Figure"))
"""The kinds' names as readers see them, where a kind gives no label: in the catalog (i18n.py)."""

BRIEFING: Kind[Briefing] = Kind(
    "briefing", Briefing, "title", file="briefing", holds="the briefing's title, date and summary", page="index.md",
    export_key="briefing")

SOURCE: Kind[Source] = Kind(
    "source", Source, "title", file="sources", holds="a list of sources", counted="sources", page="sources/{id}.md",
    index="sources/index.md", title=N_("Sources"), export_key="sources")
PERSON: Kind[Person] = Kind(
    "person", Person, "name", file="people", holds="a list of people", counted="people", page="people/{id}.md",
    index="people/index.md", title=N_("People"), export_key="people", schema_type="Person")
INSTITUTION: Kind[Institution] = Kind(
    "institution", Institution, "name", file="institutions", holds="a list of institutions", counted="institutions",
    page="institutions/{id}.md", index="institutions/index.md", title=N_("Institutions and states"),
    export_key="institutions", schema_type="Organization")
EVENT: Kind[Event] = Kind(
    "event", Event, "title", file="events", holds="a list of events", counted="events", page="timeline.md#{id}",
    index="timeline.md", title=N_("Timeline"), export_key="events", schema_type="Event")
INSTRUMENT: Kind[Instrument] = Kind(
    "instrument", Instrument, "title", file="legal", holds="a list of legal instruments",
    counted="legal instruments", page="legal/{id}.md", index="legal/index.md", title=N_("Legal basis"),
    export_key="legal", label=N_("Legal text"))
QUESTION: Kind[Question] = Kind(
    "question", Question, "question", file="questions", holds="a list of questions", counted="questions",
    page="questions.md#{id}", index="questions.md", title=N_("Questions"), export_key="questions")
DISCREPANCY: Kind[Discrepancy] = Kind(
    "discrepancy", Discrepancy, "topic", file="discrepancies", holds="a list of discrepancies",
    counted="discrepancies", page="differences.md#{id}", index="differences.md", title=N_("Where sources differ"),
    export_key="discrepancies", label=N_("Difference between sources"))
TERM: Kind[Term] = Kind(
    "term", Term, "term", file="glossary", holds="a list of glossary terms", counted="glossary terms",
    page="glossary.md#{id}", index="glossary.md", title=N_("Glossary"), export_key="glossary",
    label=N_("Glossary term"))
PROVISION: Kind[Provision] = Kind("provision", Provision, "article", parent_field="provisions")
CLAIM: Kind[Claim] = Kind("claim", Claim, "text")
FIGURE: Kind[Figure] = Kind("figure", Figure, "label")

KINDS: list[Kind[Record]] = [SOURCE, PERSON, INSTITUTION, EVENT, INSTRUMENT, QUESTION, DISCREPANCY, TERM,
                             PROVISION, CLAIM, FIGURE]
"""Every kind of record, in the order files are read, pages listed and exports written."""

def filed() -> list[Kind[Identified]]:
    """The kinds that have a facts file of their own (a list of records each), in registry order."""
    return [cast("Kind[Identified]", k) for k in KINDS if k.file]


def by_file() -> dict[str, Kind[Record]]:
    """Facts file stem -> its kind, briefing.yaml first."""
    return {k.file: k for k in (BRIEFING, *KINDS) if k.file}


def kind(name: str) -> Kind[Record]:
    """The kind of that name ('person')."""
    for k in KINDS:
        if k.name == name:
            return k
    raise ValueError(f"no such kind of record: {name!r}")


def facts_files() -> dict[str, type[Record]]:
    """Facts file stem -> its record type (briefing.yaml holds one Briefing, the others lists)."""
    return {stem: k.model for stem, k in by_file().items()}
