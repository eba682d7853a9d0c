"""Stage 2, model: the record types of a briefing, declared once.

Each field's docstring is its documentation: it feeds the editing guide and the editors'
JSON Schema. Unknown keys are errors (`extra="forbid"`), so a typo never passes silently.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .codes import Code

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LOOSE_DATE_RE = re.compile(r"^(\d{1,4})(?:-\d{1,2}){1,2}$")  # a date with too few digits somewhere


def invalid(code: Code, message: str) -> PydanticCustomError:
    """A validation error that carries its problem code (the message goes in the context: braces in
    a fact's text must not be read as a format string)."""
    return PydanticCustomError(code.value, "{message}", {"message": message})


def _check_id(value: str) -> str:
    if not ID_RE.match(value) or len(value) > 80:
        raise invalid(Code.BAD_ID, 
            f"'{value}' is not a valid id; expected lowercase letters, digits and single hyphens "
            "(like 'betssy-chavez'), at most 80 characters"
        )
    return value


def _year_as_text(value: object) -> object:
    # YAML reads a bare `2023` as a number; a year is still a date.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def check_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    m = DATE_RE.match(value)
    if not m:
        loose = _LOOSE_DATE_RE.match(value)
        if loose and len(loose.group(1)) != 4:
            raise invalid(Code.BAD_DATE, f"'{value}' is not a date; write the year in full with four digits "
                                         "(YYYY-MM-DD, YYYY-MM or YYYY)")
        if loose:
            fixed = "-".join([loose.group(1), *(part.zfill(2) for part in value.split("-")[1:])])
            raise invalid(Code.BAD_DATE, f"'{value}' is not a date; months and days take two digits: '{fixed}'")
        raise invalid(Code.BAD_DATE, f"'{value}' is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = m.groups()
    if int(year) == 0:
        raise invalid(Code.BAD_DATE, f"'{value}' has year 0000; the calendar's years start at 0001")
    if month is not None and not 1 <= int(month) <= 12:
        raise invalid(Code.BAD_DATE, f"'{value}' has month {month}; months run from 01 to 12")
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise invalid(Code.BAD_DATE, f"'{value}' has day {day}; {year}-{month} has days 01 to {last}")
    return value


def _check_date_or_unknown(value: str) -> str:
    return value if value == "unknown" else check_date(value)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise invalid(Code.BAD_URL, f"'{value}' is not an http(s) URL; links may only go to http:// or https:// addresses")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise invalid(Code.BAD_VALUE, "the text is empty; write the text or remove the field")
    return value.strip()


class RefTo:
    """Marks a field as a reference to records of the given kinds (checked by validate)."""

    def __init__(self, *kinds: str):
        self.kinds = kinds


# The JSON Schema of each type says what its validator accepts, so editors' tools agree with the build.
_ID_SCHEMA = WithJsonSchema({"type": "string", "pattern": ID_RE.pattern, "maxLength": 80})
# A real month, and a day that month can have (29 February in any year: the build checks leap years).
_DATE_PATTERN = (r"^(?!0000)\d{4}(?:-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12]\d|3[01]))?"
                 r"|(?:0[469]|11)(?:-(?:0[1-9]|[12]\d|30))?|02(?:-(?:0[1-9]|1\d|2\d))?))?$")
_DATE_SCHEMAS = [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]
Id = Annotated[str, AfterValidator(_check_id), _ID_SCHEMA]
SourceRef = Annotated[str, AfterValidator(_check_id), RefTo("source"), _ID_SCHEMA]
EventRef = Annotated[str, AfterValidator(_check_id), RefTo("event"), _ID_SCHEMA]
ClaimRef = Annotated[str, AfterValidator(_check_id), RefTo("claim"), _ID_SCHEMA]
FigureRef = Annotated[str, AfterValidator(_check_id), RefTo("figure"), _ID_SCHEMA]
StateRef = Annotated[str, AfterValidator(_check_id), RefTo("institution"), _ID_SCHEMA]
ActorRef = Annotated[str, AfterValidator(_check_id), RefTo("person", "institution"), _ID_SCHEMA]
AnyRef = Annotated[
    str, AfterValidator(_check_id),
    RefTo("person", "institution", "event", "instrument", "provision", "question", "discrepancy", "source"),
    _ID_SCHEMA,
]
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "pattern": r"\S"})]
Date = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(check_date),
                 WithJsonSchema({"anyOf": _DATE_SCHEMAS})]
DateOrUnknown = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(_check_date_or_unknown),
                          WithJsonSchema({"anyOf": [*_DATE_SCHEMAS, {"const": "unknown"}]})]
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"})]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Citation(Record):
    """Evidence for a claim: a source and the words in it that support the claim."""

    source: SourceRef
    """Id of the source (in sources.yaml) that says this."""
    quote: Text
    """Words copied verbatim from the source's archived text; the build checks they occur there."""


Cites = Annotated[list[Citation], Field(min_length=1)]


class Claim(Record):
    """One sentence of fact, with the citations that support it, and whose voice it is in."""

    text: Text
    """The claim, in one sentence, saying no more than its quotes support. Words in double quotation
    marks must occur in one of its quotes. Write attribution as data (`said_by`, `voice`), not as words."""
    cite: Cites
    """One or more citations; each quote must occur in its source."""
    said_by: list[ActorRef] = []
    """Whose statement or position this is (people or institutions): the page shows it as theirs
    ("According to Hugo de Zela: ..."). Leave empty for what the sources report as fact."""
    voice: Literal["fact", "outlet", "reading"] = "fact"
    """Whose voice the claim is in when no one in `said_by` said it. 'fact': what the sources report
    plainly (the site states it). 'outlet': the cited outlet's own analysis or framing; the page
    attributes it to the outlet ("According to La Jornada: ..."). 'reading': this briefing's own
    reading that joins cited texts (which provision bears on which event); the page labels it so.
    A claim is one voice only: split a sentence that joins someone's words and an outlet's line."""
    id: Id | None = None
    """An id, needed only when another claim supersedes this one or this one supersedes another."""
    as_of: Date | None = None
    """When the claim was true or reported (needed for superseded and superseding claims)."""
    superseded_by: ClaimRef | None = None
    """Id of a later claim that replaces this one (a sentence sought, then a sentence given): the page
    shows this one as superseded, with a link to the later claim."""


Claims = Annotated[list[Claim], Field(min_length=1)]


class Figure(Record):
    """A key fact or number shown on the home page."""

    label: Text
    """What the number or fact is, e.g. 'Votes in favour'."""
    value: Text
    """The number or short fact, e.g. '63'."""
    cite: Cites
    """Citations whose quotes give the value."""
    id: Id | None = None
    """An id, needed only when another figure supersedes this one or this one supersedes another."""
    as_of: Date | None = None
    """When the figure was true or reported (needed for superseded and superseding figures)."""
    superseded_by: FigureRef | None = None
    """Id of a later figure that replaces this one (a number reported, then a corrected one): the home
    page leaves this one out of the key figures and lists it, with a link to the later one, as superseded."""


class Position(Record):
    """A party's or expert's position, in its own cited words."""

    holder: ActorRef
    """Id of the person or institution holding the position."""
    claims: Claims
    """The position, cited: what the holder says (shown as the holder's, not as fact)."""


class Exchange(Record):
    """One point the sides contend: each side's position on it, side by side, in its own cited words."""

    topic: Text
    """What is contended, e.g. 'Was the asylum an unfriendly act?'."""
    positions: Annotated[list[Position], Field(min_length=2)]
    """Two or more positions: a charge and the direct answer to it, an argument and the counter-argument."""


class Briefing(Record):
    """The briefing as a whole (facts/briefing.yaml)."""

    title: Text
    """Title of the briefing, shown on the home page and in the browser tab; it must say who did what."""
    subtitle: Text | None = None
    """One line under the title."""
    as_of: Date
    """Date up to which the briefing is current."""
    summary: Claims
    """What happened, in a few cited sentences (the home page's opening)."""
    sides: list[StateRef] = []
    """The states whose dispute this is (e.g. peru, mexico): pages group people and institutions by them,
    everyone else after them."""
    exchanges: list[Exchange] = []
    """Each side's main points and the other side's direct answers, for the home page."""
    key_figures: list[Figure] = []
    """Key facts and figures for the home page; each figure once."""


SourceKind = Literal[
    "news report", "wire", "opinion", "official statement", "treaty text",
    "court document", "scholarly", "news report quoting a text", "resolution",
]


class Source(Record):
    """A source: a news article or legal text, archived under seeds/."""

    id: Id
    """Short unique id, used by citations (e.g. 'reuters-2025-11-06')."""
    title: Text
    """Headline or title as the source gives it."""
    outlet: Text = "unknown"
    """Publisher or outlet; 'unknown' when the archived text does not say."""
    author: Text = "unknown"
    """Author; 'unknown' when the archived text does not say."""
    published: DateOrUnknown = "unknown"
    """Publication date at the precision known (YYYY-MM-DD, YYYY-MM, YYYY) or 'unknown'."""
    published_basis: Text | None = None
    """How the publication date is known, when the text does not print it plainly."""
    language: Text = "en"
    """Language of the archived text (ISO 639-1 code, e.g. 'en', 'es')."""
    kind: SourceKind
    """What sort of source this is."""
    url: Url | None = None
    """Where the source was published, when known (http or https only)."""
    file: Text
    """The archived text, as a path under seeds/ (e.g. '001_4914d2f4a9440f0e.txt')."""
    short: Text | None = None
    """A short name for attributions ("According to La Jornada: ..."); default: the outlet when known,
    else the title."""
    perspective: list[Claim] = []
    """The source's stated perspective or stance, cited (e.g. how an outlet describes itself)."""
    notes: Text | None = None
    """Editors' notes on the source (how it was identified, what is missing)."""


class Role(Record):
    """A position someone held, with its time span."""

    title: Text
    """The role, e.g. 'Foreign Minister of Peru'."""
    org: StateRef | None = None
    """Id of the institution or state the role belongs to."""
    start: Date | None = None
    """When the role began, if a source says."""
    end: Date | None = None
    """When the role ended, if a source says."""
    cite: Cites
    """Citations for the role."""


class Person(Record):
    """A person named in the sources."""

    id: Id
    """Short unique id (also the page address), e.g. 'betssy-chavez'."""
    name: Text
    """Name as the briefing writes it, with its accents (e.g. 'Betssy Chávez')."""
    aliases: list[Text] = []
    """Every other spelling or fuller name a source uses (e.g. 'Betsi Chávez Chino'); searchable."""
    country: StateRef | None = None
    """Id of the state the person belongs to."""
    roles: list[Role] = []
    """Positions held, with time spans."""
    relevance: Literal["story", "mentioned"] = "story"
    """'mentioned' for a name the sources print that is not part of the story (a byline, a photo credit,
    a wire agency, a name in an unrelated teaser): kept searchable and on its source's page, left out of
    the navigation, the relationship map and the headline lists."""
    claims: Claims
    """Cited facts about the person; the first serves as the summary."""


InstitutionKind = Literal[
    "state", "government", "ministry", "head of state", "legislature", "court", "prosecutor",
    "embassy", "trade bloc", "international organization", "party", "media", "university",
    "company", "other",
]


class Institution(Record):
    """An institution or state named in the sources."""

    id: Id
    """Short unique id (also the page address), e.g. 'congress-peru'."""
    name: Text
    """Name as the briefing writes it."""
    aliases: list[Text] = []
    """Acronyms and other names sources use (e.g. 'SRE'); searchable."""
    kind: InstitutionKind
    """What sort of institution this is."""
    country: StateRef | None = None
    """Id of the state it belongs to, if any."""
    relevance: Literal["story", "mentioned"] = "story"
    """'mentioned' for a name the sources print that is not part of the story (a byline, a photo credit,
    a wire agency, a name in an unrelated teaser): kept searchable and on its source's page, left out of
    the navigation, the relationship map and the headline lists."""
    claims: Claims
    """Cited facts about the institution; the first serves as the summary."""


class Participants(Record):
    """Who took part in an event, by role: the relationship view and the timeline say what each did."""

    acted: list[ActorRef] = []
    """Who did it: the subject of the headline ('Peru' in 'Peru breaks relations with Mexico')."""
    acted_on: list[ActorRef] = []
    """Who it was done to or for: the one targeted, expelled, declared, granted or asked."""
    spoke: list[ActorRef] = []
    """Who announced it or spoke about it without being the one who acted (a minister announcing)."""
    involved: list[ActorRef] = []
    """Others the sources name as part of it, neither acting nor acted on."""

    def everyone(self) -> list[str]:
        """Every participant once, in role order (acted, acted on, spoke, involved)."""
        return list(dict.fromkeys([*self.acted, *self.acted_on, *self.spoke, *self.involved]))


ROLES: tuple[str, ...] = tuple(Participants.model_fields)
"""The roles of an event's participants, in the order pages list them."""


class Event(Record):
    """A dated event on the timeline."""

    id: Id
    """Short unique id, e.g. 'peru-breaks-relations'."""
    date: Date
    """When it happened, at the precision the sources give: YYYY-MM-DD, YYYY-MM or YYYY."""
    approximate: bool = False
    """True when the sources give the date only roughly (shown as 'about')."""
    date_basis: Text | None = None
    """How the date was derived when no source prints it, e.g. "'on Monday' in an article dated 2025-11-04"."""
    title: Text
    """Short headline for the event."""
    who: Participants = Participants()
    """The people and institutions taking part, by role."""
    after: list[EventRef] = []
    """Ids of events this one came after, where the dates alone cannot tell (a date known only to the
    month or year). Checked: no cycles, and no contradiction with the dates."""
    before: list[EventRef] = []
    """Ids of events this one came before, where the dates alone cannot tell."""
    claims: Claims
    """Cited facts about the event."""
    tags: list[Text] = []
    """Free labels, e.g. 'asylum', 'background'."""


class Provision(Record):
    """A provision of a legal text that bears on the case, quoted from an archived text."""

    id: Id
    """Short unique id, e.g. 'caracas-art-4'."""
    article: Text
    """Article or paragraph, e.g. 'Article IV'."""
    topic: Text
    """What it is about, in a few words, e.g. 'who qualifies the offence'."""
    quotes: Cites
    """The provision's words, cited from the archived texts (several languages allowed)."""


class Instrument(Record):
    """A legal instrument (treaty, resolution, judgment) bearing on the case."""

    id: Id
    """Short unique id (also the page address), e.g. 'caracas-convention-1954'."""
    title: Text
    """Full title, e.g. 'Convention on Diplomatic Asylum (Caracas, 1954)'."""
    kind: Literal["treaty", "resolution", "judgment", "court order", "national law", "other"]
    """What sort of instrument it is."""
    date: Date | None = None
    """When it was adopted or signed."""
    texts: list[SourceRef] = []
    """Ids of the sources holding its archived text."""
    claims: list[Claim] = []
    """Cited facts about the instrument (who is party, how the sources invoke it)."""
    provisions: list[Provision] = []
    """Provisions that bear on the case."""
    positions: list[Position] = []
    """Each side's and expert's position, cited."""


class Question(Record):
    """A matter the sources leave open."""

    id: Id
    """Short unique id, e.g. 'safe-passage'."""
    question: Text
    """The question, e.g. 'Will Peru grant safe passage?'."""
    status: Literal["open", "answered", "overtaken"] = "open"
    """'open' until a source answers it; 'answered' (give `answer` and `resolved_on`), or 'overtaken' when
    events made it moot (give `resolved_on`, and `answer` to say what overtook it)."""
    known: Claims
    """What the sources say so far, cited."""
    answer: list[Claim] = []
    """The cited claims that answer the question (or, when overtaken, say what overtook it)."""
    resolved_on: Date | None = None
    """When the question was answered or overtaken."""
    would_settle: Text
    """What would settle it (an editors' note, not a claim of fact)."""
    related: list[AnyRef] = []
    """Ids of related people, institutions, events or instruments."""


class Account(Record):
    """One source's version, in a disagreement."""

    text: Text
    """What this version says, in the briefing's words."""
    cite: Cites
    """The source words giving this version."""


class Discrepancy(Record):
    """Where sources differ: each version side by side."""

    id: Id
    """Short unique id, e.g. 'charges'."""
    topic: Text
    """What the sources differ on, e.g. 'The charges against Chávez'."""
    kind: Literal["charge", "spelling", "title", "framing", "date", "number", "fact"]
    """The kind of difference."""
    note: Text | None = None
    """An editors' note on the difference (not a claim of fact)."""
    accounts: Annotated[list[Account], Field(min_length=2)]
    """Two or more versions, each cited."""
    related: list[AnyRef] = []
    """Ids of related people, institutions, events or instruments."""


_TERM_RE = re.compile(r"^[^\W_](?:[^\[\]\\\n\r\t<>*`]*[^\W_.])?$")


def _check_term(value: str) -> str:
    value = _check_text(value)
    if not _TERM_RE.match(value) or len(value) > 60:
        raise invalid(Code.BAD_TERM, 
            f"'{value}' is not a usable term; write words as the sources do, starting and ending with a "
            "letter or digit, without brackets, backslashes, '<', '>', '*' or '`', at most 60 characters"
        )
    return value


TermText = Annotated[str, AfterValidator(_check_term),
                     WithJsonSchema({"type": "string", "pattern": _TERM_RE.pattern, "maxLength": 60})]


class Term(Record):
    """A word or phrase of diplomacy or law, shown in the glossary and as a tooltip where pages use it.

    A term is explained only in a source's words: where no archived source explains it, the
    glossary shows only where the sources use it.
    """

    id: Id
    """Short unique id (also the glossary anchor), e.g. 'legation'."""
    term: TermText
    """The term as the briefing writes it, e.g. 'legation'."""
    aliases: list[TermText] = []
    """Other forms the sources use (plural, other spelling, the Spanish term), e.g. 'Estado asilante'."""
    explained: list[Claim] = []
    """What the term means, cited from a source that defines or explains it; the first is the tooltip.
    Leave empty when no archived source explains it."""
    used: Claims
    """Where the sources use the term, cited."""


def _ref_kinds(annotation: Any) -> tuple[str, ...] | None:
    if get_origin(annotation) is Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, RefTo):
                return meta.kinds
    for arg in get_args(annotation):
        kinds = _ref_kinds(arg)
        if kinds:
            return kinds
    return None


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """(field name, reference kinds) of a record type, worked out once per type."""
    return tuple(
        (name, _ref_kinds(info.annotation) or next((m.kinds for m in info.metadata if isinstance(m, RefTo)), None))
        for name, info in model.model_fields.items()
    )


DataPath = tuple[str | int, ...]
"""Where a value is in a facts file: keys and list positions from the file's top ('people', 3, 'name')."""


def walk(record: BaseModel, path: DataPath = ()) -> Iterator[tuple[DataPath, str, Any, tuple[str, ...] | None]]:
    """Yield (path, field name, value, reference kinds) for every scalar in a record tree."""
    for name, kinds in _fields(type(record)):
        value = getattr(record, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            sub = (*path, name) if i is None else (*path, name, i)
            if isinstance(item, BaseModel):
                yield sub, name, item, None
                yield from walk(item, sub)
            else:
                yield sub, name, item, kinds
