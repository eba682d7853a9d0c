"""Stage 2, model: the record types of a briefing, declared once.

Each field's docstring is its documentation: it feeds the editing guide and the editors'
JSON Schema. Unknown keys are errors (`extra="forbid"`), so a typo never passes silently.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from briefing.facts.codes import Code
from briefing.facts.order import period
from briefing.facts.slips import date_written_otherwise
from briefing.i18n import N_

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
"""A language code (es, pt-BR): a record's key of that form that is not a field holds a translation."""
_LOOSE_DATE_RE = re.compile(r"^(\d{1,4})(?:-\d{1,2}){1,2}$")  # a date with too few digits somewhere


def invalid(code: Code, message: str) -> PydanticCustomError:
    """A validation error that carries its problem code (the message goes in the context: braces in
    a fact's text must not be read as a format string)."""
    return PydanticCustomError(code.value, "{message}", {"message": message})


def describe(value: Any) -> str:
    """A value as an error message names it: 'the text ...', 'a list', 'the number 3'."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if value is None:
        return "an empty value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'" if len(str(value)) < 60 else "a long text"



def _check_approximate(value: object) -> object:
    if value == "week":
        return value
    try:
        return _BOOL.validate_python(value)  # as a plain bool field reads it (the loader may give YAML's words)
    except ValidationError:
        raise invalid(Code.WRONG_TYPE, f"expected true, false or week, got {describe(value)}") from None


_BOOL = TypeAdapter(bool)


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
        hint = date_written_otherwise(value)  # 03/11/2025, 3 November 2025
        raise invalid(Code.BAD_DATE, f"'{value}' is not a date; {hint or 'expected YYYY-MM-DD, YYYY-MM or YYYY'}")
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
        raise invalid(Code.BAD_URL,
                      f"'{value}' is not an http(s) URL; links may only go to http:// or https:// addresses")
    return value


def _check_language(value: str) -> str:
    if not LANGUAGE_RE.match(value):
        raise invalid(Code.BAD_VALUE, f"'{value}' is not a language code such as en, es or pt-BR")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise invalid(Code.BAD_VALUE, "the text is empty; write the text or remove the field")
    return value.strip()


class Translated:
    """Marks a field whose text editors translate: its translation stands beside it in the same record
    (`es: ...`; see Record.translations)."""


TRANSLATED = Translated()


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
Words = Annotated[str, AfterValidator(_check_text), TRANSLATED, WithJsonSchema({"type": "string", "pattern": r"\S"})]
"""Text that editors write in the briefing's first language and translate into the others."""
Date = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(check_date),
                 WithJsonSchema({"anyOf": _DATE_SCHEMAS})]
DateOrUnknown = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(_check_date_or_unknown),
                          WithJsonSchema({"anyOf": [*_DATE_SCHEMAS, {"const": "unknown"}]})]
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"})]


def _translations_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """A record's keys named by a language in its JSON Schema (editors' completion and checks): a string
    where it has one translated text, else a mapping of its translated fields."""
    fields = translated_fields(model)
    if not fields:
        return
    text = {"type": "string", "pattern": r"\S"}
    if len(fields) == 1:
        value: dict[str, Any] = {**text, "description": f"The record's `{fields[0]}` in that language."}
    else:
        value = {"type": "object", "properties": {name: text for name in fields}, "additionalProperties": False,
                 "description": f"The record's {', '.join(f'`{n}`' for n in fields)} in that language."}
        if getattr(model, "ONE_TEXT_ALONE", False):
            # without its optional texts, the record's one translation may be given as text
            value = {"anyOf": [{**text, "description": f"The record's `{fields[0]}` in that language, when it "
                                                       "has no other translated text."}, value]}
    # a pattern applies to named keys too: the record's own short field names ('id') are no language
    own = "|".join(sorted(re.escape(n) for n in model.model_fields if n != "translations"))
    schema["patternProperties"] = {f"^(?!(?:{own})$)" + LANGUAGE_RE.pattern.removeprefix("^"): value}


@functools.cache
def field_set(model: type[BaseModel]) -> frozenset[str]:
    """A record type's field names, looked up once (pydantic's `model_fields` is slow to ask of a class)."""
    return frozenset(model.model_fields)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              json_schema_extra=_translations_schema)

    translations: Annotated[dict[str, Any], SkipJsonSchema()] = Field(default_factory=dict, repr=False)
    """The record's texts in other languages, by language code, from its keys named by a language
    (`es: ...`): a string where the record has one translated text (a claim's text, a quote, an
    institution's name when it has no `in_text`), else a mapping of its translated fields. The validation
    pass `translations` checks them."""

    def translated(self, language: str, name: str) -> str | None:
        """This record's translation of one of its fields into a language, or None."""
        value = self.translations.get(language)
        if isinstance(value, str):
            return value if self.translated_texts() == (name,) else None
        if isinstance(value, dict):
            text = value.get(name)
            return text if isinstance(text, str) and text.strip() else None
        return None

    ONE_TEXT_ALONE: ClassVar[bool] = False
    """A record type whose other translated fields are rare additions to its first (an institution's
    `in_text` beside its `name`): a record that fills only the first may give its translation as text."""

    def translated_texts(self) -> tuple[str, ...]:
        """The translated fields whose translations this record's `es:` must give: all of its type's, or,
        for a type with ONE_TEXT_ALONE, those it fills (one alone may be given as text)."""
        fields = translated_fields(type(self))
        return tuple(n for n in fields if getattr(self, n) is not None) if self.ONE_TEXT_ALONE else fields

    def translation_path(self, language: str, name: str) -> tuple[str, ...]:
        """Where a field's translation stands in the record's data: (language,) or (language, field)."""
        return (language,) if isinstance(self.translations.get(language), str) else (language, name)

    @model_validator(mode="before")
    @classmethod
    def _gather_translations(cls, data: Any) -> Any:
        if isinstance(data, dict):
            fields = field_set(cls)
            codes = [k for k in data if k not in fields and isinstance(k, str) and LANGUAGE_RE.match(k)]
            if codes:
                data = {k: v for k, v in data.items() if k not in codes} | {"translations": {k: data[k] for k in codes}}
        return data


class Identified(Record):
    """A record with an id of its own: every record of a facts file, and a provision."""

    id: Id
    """Short unique id."""


class Citation(Record):
    """Evidence for a claim: a source and the words in it that support the claim."""

    source: SourceRef
    """Id of the source (in sources.yaml) that says this."""
    quote: Annotated[Text, TRANSLATED]
    """Words copied verbatim from the source's archived text; the build checks they occur there."""


Cites = Annotated[list[Citation], Field(min_length=1)]


class Claim(Record):
    """One sentence of fact, with the citations that support it, and whose voice it is in."""

    text: Words
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
    argues: StateRef | None = None
    """For a claim in the home page's lead or at-a-glance box: the side (one of the briefing's `sides`)
    whose case it makes, whoever says it; leave empty for a plain report of what happened. The build
    counts each side's words (the method page's balance table)."""


Claims = Annotated[list[Claim], Field(min_length=1)]


class Figure(Record):
    """A key fact or number shown on the home page."""

    label: Words
    """What the number or fact is, e.g. 'Votes in favour'."""
    value: Words
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
    argues: StateRef | None = None
    """The side (one of the briefing's `sides`) whose case this position makes, by what it argues, not by
    who says it (a Peruvian expert may argue Mexico's case); required when the briefing has sides. The
    build counts each side's entries and words in "Each side's case" and in the brief."""
    concerning: Words | None = None
    """What the position is about when that is not the legal text it is listed under, e.g. 'the 1928 Havana
    Convention, before the case' for a party's argument the text's archived summary relates from
    before the proceedings: pages then head the position by it, the legal text it is listed under named after it."""

    ONE_TEXT_ALONE: ClassVar[bool] = True


class Exchange(Record):
    """One point the sides contend: each side's position on it, side by side, in its own cited words."""

    topic: Words
    """What is contended, e.g. 'Was the asylum an unfriendly act?'."""
    positions: Annotated[list[Position], Field(min_length=2)]
    """Two or more positions: a charge and the direct answer to it, an argument and the counter-argument."""


class Glance(Record):
    """The home page's at-a-glance box: one or two short cited claims per line."""

    what: Claims
    """What happened."""
    who: Claims
    """Who is involved."""
    now: Claims
    """Where things stand now (as of the briefing's `as_of`)."""
    next: Claims
    """What to watch next: what the sources say is pending or expected."""


class Briefing(Record):
    """The briefing as a whole (facts/briefing.yaml)."""

    title: Words
    """Title of the briefing, shown on the home page and in the browser tab; it must say who did what."""
    subtitle: Words | None = None
    """One line under the title."""
    as_of: Date
    """Date up to which the briefing is current."""
    summary: Claims
    """What happened, in a few cited sentences (the home page's opening)."""
    languages: list[Annotated[str, AfterValidator(_check_language)]] = ["en"]
    """The briefing's languages, the facts' own first (en): each other one is an edition of the site (es at
    /es/), and every translated text needs its translation into it, beside it (`es: ...`)."""
    sides: list[StateRef] = []
    """The states whose dispute this is (e.g. peru, mexico): pages group people and institutions by them,
    everyone else after them."""
    exchanges: list[Exchange] = []
    """The points the sides contend, each with every side's position in its own cited words, for the home
    page's "Each side's case" (with no sides: each holder's position, point by point)."""
    key_figures: list[Figure] = []
    """Key facts and figures for the home page; each figure once."""
    lead: list[Claim] = []
    """The story in a few cited sentences, at most 120 words: the home page opens with it, above the
    at-a-glance box (a reader on a phone reads it on the first screen)."""
    glance: Glance | None = None
    """The at-a-glance box under the lead: what happened, who, where things stand, what to watch next."""


SourceKind = Literal[
    "news report", "wire", "opinion", "official statement", "treaty text",
    "court document", "scholarly", "news report quoting a text", "resolution",
]


class Said(Record):
    """Words in which a source's archived text says something about itself (its headline, dateline,
    byline, credit, date, where it first appeared), with what they say. The build checks them as it
    checks any quote: the quote occurs in the archived text, `text` occurs in the quote and the quote
    writes `date`; so a source page says of its source only what the source's own words say."""

    quote: Text
    """The words exactly as the archived text has them (its body: the header above `---` is the
    archivist's record, not the source's words); the build checks they occur there."""
    text: Text | None = None
    """What the words say, as pages name it: a name, a place or a phrase that occurs in the quote, e.g.
    'Reuters' in 'Source: Reuters'. Leave it out to use the whole quote."""
    date: Date | None = None
    """The date the words give, at the precision they give it (YYYY-MM-DD, YYYY-MM or YYYY); the quote
    must write it: '2025-11-04' (a timestamp too), 'November 4, 2025', 'Nov. 4, 2025', '4 November
    2025', '4 de noviembre de 2025', 'November 2025', '2025'."""

    @property
    def value(self) -> str:
        """What the words say: `text`, else the quote."""
        return self.text or self.quote


class SaidDate(Said):
    """Words in which a source's text dates itself, with the date they give."""

    date: Date
    """The date the words give, at the precision they give it (YYYY-MM-DD, YYYY-MM or YYYY); the quote
    must write it: '2025-11-04' (a timestamp too), 'November 4, 2025', 'Nov. 4, 2025', '4 November
    2025', '4 de noviembre de 2025', 'November 2025', '2025'."""


SAID_FIELDS: tuple[tuple[str, str], ...] = (
    ("headline", N_("Headline")), ("dateline", N_("Dateline")), ("byline", N_("Byline")), ("credits", N_("Credit")),
    ("photo_credits", N_("Photo credit")), ("dated", N_("Dated")), ("first_appeared", N_("First appeared")),
    ("appended", N_("Not the source's own text, from")),
)
"""The fields of a source that hold its own words about itself (`Said`), and how its page labels them
(messages of the catalog: the page shows them in its edition's language), in the order it lists them."""


class Source(Identified):
    """A source: a news article or legal text, archived under seeds/.

    What its own text says about where it came from (headline, dateline, byline, credits, date, where
    it first appeared) is recorded in its words (`Said` fields), each checked against the archived
    text; `outlet`, `author`, `published` and `url` must agree with them and with the archive's header.
    """

    id: Id
    """Short unique id, used by citations (e.g. 'reuters-2025-11-06')."""
    title: Text
    """Headline or title as the source gives it; when `headline` is given, the build checks the title
    is its words."""
    outlet: Text = "unknown"
    """Publisher or outlet of the archived copy; 'unknown' when neither the archived text nor its header
    says (where a republished text says it first appeared goes in `first_appeared`)."""
    author: Text = "unknown"
    """Author; 'unknown' when the archived text does not say. With a `byline`, it must name each name
    the byline gives; with an `author:` line in the archive's header, it must be that."""
    published: DateOrUnknown = "unknown"
    """Publication date at the precision known (YYYY-MM-DD, YYYY-MM, YYYY) or 'unknown'. With `dated`, it
    must be that date; with a `published:` line in the archive's header, it must be that."""
    published_basis: Words | None = None
    """How the publication date is known, when neither `dated` nor the archive's header gives it."""
    language: Text = "en"
    """Language of the archived text (ISO 639-1 code, e.g. 'en', 'es')."""
    kind: SourceKind
    """What sort of source this is."""
    url: Url | None = None
    """The address the archived copy was taken from, when known (the source's own address, or a mirror's;
    http or https only); with a `url:` line in the archive's header, it must be that. Pages link it as
    "Copied from"."""
    file: Text
    """The archived text, as a path under seeds/ (e.g. '001_4914d2f4a9440f0e.txt')."""
    short: Words | None = None
    """A short name for attributions ("According to La Jornada: ...") and footnotes (which add the date
    where known), translated as it reads in each language (`es: {short: "la noticia «...»"}`); default:
    the outlet when known, else the title."""
    headline: Said | None = None
    """The headline as the archived text prints it, e.g. `{quote: Peru Cuts Diplomatic Ties with Mexico
    Over Asylum for Ex-PM}`; `title` must be its words."""
    dateline: Said | None = None
    """The dateline that opens the report, the place in `text`, e.g. `{text: Lima, quote: "Lima. Peru
    announced yesterday"}` or `{text: LIMA, date: ..., quote: "LIMA, Nov 3 (Reuters) -"}`."""
    byline: list[Said] = []
    """Who the text says wrote it, each name in `text`, e.g. `{text: Rodney Mbua, quote: Written By Rodney
    Mbua}`; `author` must name them."""
    credits: list[Said] = []
    """Whom the text credits as its source (a wire agency, another outlet), the name in `text`, e.g.
    `{text: Reuters, quote: "Source: Reuters"}`."""
    photo_credits: list[Said] = []
    """Whom the text credits for its pictures, the name in `text`, e.g. `{text: Henry Romero, quote:
    REUTERS/Henry Romero/File Photo}`."""
    dated: SaidDate | None = None
    """The date the text prints as its own (a date line, a timestamp), e.g. `{date: 2025-11-04, quote:
    2025-11-04T07:07:06+00:00}`; `published`, when known, must be that date."""
    first_appeared: Said | None = None
    """Where a republished or translated text says it first appeared, the outlet in `text` and the date in
    `date`, e.g. `{text: La Jornada, date: 2025-11-04, quote: This article originally appeared in the
    November 4, 2025 edition of La Jornada}`."""
    appended: Said | None = None
    """Where the archived page goes on with text that is not the source's (the republishing site's teasers
    for other articles), e.g. `{quote: The Return of Large Scale Mining in Mexico}`: the words that begin
    it. A footnote on a quote from there names the page, not the source and its date."""
    translation: bool = False
    """The archived text is taken to be a translation of the text it says `first_appeared` (say why in `notes`,
    as this briefing's reading where the copy does not say so): the pages call it republished in its language,
    which the copy's `first_appeared` words bear out, and say the copy does not name the site that republished it
    when `outlet` is unknown."""
    perspective: list[Claim] = []
    """The source's stated perspective or stance, cited (e.g. how an outlet describes itself)."""
    notes: Words | None = None
    """Editors' notes on the source (how it was identified, what is missing)."""

    def appeared(self) -> str | None:
        """The earliest date its text is known to have been published: its `published` date, or the date the
        text itself gives (`dated`, or the date it says it `first_appeared`); None when none is known. What
        it reports happened by then (order.caps)."""
        known = [d for d in (None if self.published == "unknown" else self.published,
                             self.dated.date if self.dated else None,
                             self.first_appeared.date if self.first_appeared else None) if d]
        return min(known, key=lambda d: period(d)[1]) if known else None

    def said(self) -> list[tuple[str, str, Said]]:
        """(field name, label, words) for everything the source's text says about itself, in page order."""
        out: list[tuple[str, str, Said]] = []
        for name, label in SAID_FIELDS:
            value = getattr(self, name)
            out.extend((name, label, item) for item in (value if isinstance(value, list) else [value]) if item)
        return out


class Role(Record):
    """A position someone held, with its time span."""

    title: Words
    """The role, e.g. 'Foreign Minister of Peru'."""
    org: StateRef | None = None
    """Id of the institution or state the role belongs to."""
    start: Date | None = None
    """When the role began, if a source says."""
    end: Date | None = None
    """When the role ended, if a source says."""
    ended: bool = False
    """True when the sources speak of the role as past but give no date it ended (a post "which he himself
    presided over"), nor one it had ended by (then `ended_by`): pages then say it was held, not that it is held."""
    ended_by: Date | None = None
    """The latest date by which the sources show the role had ended, when they give no day it ended (Boluarte's
    presidency: Congress removed her before Jerí assumed power on 10 October 2025): pages say 'ended by 10
    October 2025 (day not given)'. It says the role ended, so it stands without `ended`, and never with `end`
    or `last_reported`; cite the words that bound it."""
    last_reported: Date | None = None
    """The latest date a source shows the role held, when no source says whether it continued after it (an
    envoy given a deadline to leave, with no report of leaving): pages then say it was held as of that
    date, never that it is held."""
    cite: Cites
    """Citations for the role."""

    def over(self, as_of: str) -> bool:
        """Whether the role had ended by `as_of` (the briefing's date): `ended` or `ended_by`, or an `end` no
        later."""
        return (self.ended or self.ended_by is not None
                or (self.end is not None and self.end[:len(as_of)] <= as_of[:len(self.end)]))

    def uncertain(self, as_of: str) -> bool:
        """Whether the sources leave open if the role continued: not over by `as_of`, last reported earlier."""
        return not self.over(as_of) and self.last_reported is not None


class Person(Identified):
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
    "embassy", "agency", "trade bloc", "international organization", "party", "media", "university",
    "company", "other",
]


class Institution(Identified):
    """An institution or state named in the sources."""

    id: Id
    """Short unique id (also the page address), e.g. 'congress-peru'."""
    ONE_TEXT_ALONE = True

    name: Words
    """Name as the briefing writes it."""
    in_text: Words | None = None
    """The name as a sentence uses it, with the article the language needs (e.g. 'the Government of
    Mexico', in Spanish 'el Gobierno de México'): attributions ("According to the Government of Mexico:
    ...") use it; default: `name`. Translated beside the name: `es: {name: ..., in_text: ...}`."""
    aliases: list[Text] = []
    """Acronyms and other names sources use (e.g. 'SRE'); searchable, and shown as 'Also written'."""
    search_as: list[Text] = []
    """Names readers may search for that no archived source uses (an acronym such as 'ICJ'): searchable,
    never shown as a spelling of the sources."""
    kind: InstitutionKind
    """What sort of institution this is. It decides whether its acts are its state's: a state's organs
    (government, ministry, head of state, legislature, court, prosecutor, embassy, agency: customs, police,
    security forces) act for the state they belong to; a party, the media, a university, a company or
    'other' never do, though they belong to it."""
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


def field_names(model: type[BaseModel]) -> list[str]:
    """The fields an editor writes in a record of this type (its translations are keys named by a language)."""
    return [name for name in model.model_fields if name != "translations"]


ROLES: tuple[str, ...] = tuple(field_names(Participants))
"""The roles of an event's participants, in the order pages list them."""


class Event(Identified):
    """A dated event on the timeline."""

    id: Id
    """Short unique id, e.g. 'peru-breaks-relations'."""
    date: Date
    """When it happened, at the precision the sources give: YYYY-MM-DD, YYYY-MM or YYYY."""
    approximate: Annotated[bool | Literal["week"], BeforeValidator(_check_approximate)] = False
    """True when the sources give the date only roughly (shown as 'about 6 November 2025'); `week` when they
    place it only within a week, Monday to Sunday: the date is then any day of that week, and pages show 'the
    week of 3 November 2025' (its Monday)."""
    date_basis: Words | None = None
    """How the date was derived when no source prints it, e.g. "'on Monday' in an article dated 2025-11-04"."""
    title: Words
    """Short headline for the event."""
    who: Participants = Participants()
    """The people and institutions taking part, by role."""
    opponents: bool = False
    """True when those who acted did so as opponents though the briefing's sides do not make them so (Colombia
    and Peru signing the Act of Lima, after which Colombia brought its case against Peru): the relationship
    view then never says they acted together, and says why it draws nothing between them."""
    after: list[EventRef] = []
    """Ids of events this one came after, where the dates alone cannot tell (a date known only to the
    month or year). Checked: no cycles, and no contradiction with the dates."""
    before: list[EventRef] = []
    """Ids of events this one came before, where the dates alone cannot tell."""
    claims: Claims
    """Cited facts about the event."""
    tags: list[Text] = []
    """Free labels, e.g. 'asylum', 'background'."""

    def sources(self) -> list[str]:
        """The ids of the sources its claims cite, in the order first cited, each once."""
        return list(dict.fromkeys(c.source for claim in self.claims for c in claim.cite))


class Provision(Identified):
    """A provision of a legal text that bears on the case, quoted from an archived text."""

    id: Id
    """Short unique id, e.g. 'caracas-art-4'."""
    article: Words
    """Article or paragraph, e.g. 'Article IV'."""
    topic: Words
    """What it is about, in a few words, e.g. 'who qualifies the offence'."""
    quotes: Cites
    """The provision's words, cited from the archived texts (several languages allowed)."""


class Instrument(Identified):
    """A legal instrument (treaty, resolution, judgment) bearing on the case."""

    id: Id
    """Short unique id (also the page address), e.g. 'caracas-convention-1954'."""
    title: Words
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


class Question(Identified):
    """A matter the sources leave open."""

    id: Id
    """Short unique id, e.g. 'safe-passage'."""
    question: Words
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
    would_settle: Words
    """What would settle it (an editors' note, not a claim of fact)."""
    related: list[AnyRef] = []
    """Ids of related people, institutions, events or instruments."""


class Account(Record):
    """One source's version, in a disagreement."""

    text: Words
    """What this version says, in the briefing's words."""
    cite: Cites
    """The source words giving this version."""


class Discrepancy(Identified):
    """Where sources differ: each version side by side."""

    id: Id
    """Short unique id, e.g. 'charges'."""
    topic: Words
    """What the sources differ on, e.g. 'The charges against Chávez'."""
    kind: Literal["charge", "spelling", "title", "framing", "date", "number", "fact"]
    """The kind of difference."""
    note: Words | None = None
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


class Term(Identified):
    """A word or phrase of diplomacy or law, shown in the glossary and as a tooltip where pages use it.

    A term is explained only in a source's words: where no archived source explains it, the
    glossary shows only where the sources use it.
    """

    id: Id
    """Short unique id (also the glossary anchor), e.g. 'legation'."""
    term: Annotated[TermText, TRANSLATED]
    """The term as the briefing writes it, e.g. 'legation'."""
    aliases: list[TermText] = []
    """Other forms the sources use (plural, other spelling, the Spanish term), e.g. 'Estado asilante'."""
    explained: list[Claim] = []
    """What the term means, cited from a source that defines or explains it; the first is the tooltip.
    Leave empty when no archived source explains it."""
    used: Claims
    """Where the sources use the term, cited."""


Actor = Person | Institution
"""Who acts, speaks or is named in the story: a person, or an institution or state."""


def in_story(record: Record) -> bool:
    """The one rule for relevance: a name the sources only mention (a byline, a photo credit) keeps its
    page and stays searchable, but no list, navigation or map names it."""
    return not isinstance(record, Person | Institution) or record.relevance != "mentioned"


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


def _translated(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated and any(m is TRANSLATED for m in annotation.__metadata__):
        return True
    return any(_translated(arg) for arg in get_args(annotation))


@functools.cache
def translated_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record type that editors translate (marked TRANSLATED), in declaration order."""
    return tuple(name for name, info in model.model_fields.items()
                 if any(m is TRANSLATED for m in info.metadata) or _translated(info.annotation))


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """(field name, reference kinds) of a record type, worked out once per type (its translations left out:
    the translations pass reads them)."""
    return tuple(
        (name, _ref_kinds(info.annotation) or next((m.kinds for m in info.metadata if isinstance(m, RefTo)), None))
        for name, info in model.model_fields.items() if name != "translations"
    )


DataPath = tuple[str | int, ...]
"""Where a value is in a facts file: keys and list positions from the file's top ('people', 3, 'name')."""


def walk(record: BaseModel, path: DataPath = ()) -> Iterator[tuple[DataPath, str, Any, tuple[str, ...] | None]]:
    """Yield (path, field name, value, reference kinds) for every scalar in a record tree."""
    for name, kinds in _fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                sub = (*path, name, i)
                if isinstance(item, BaseModel):
                    yield sub, name, item, None
                    yield from walk(item, sub)
                else:
                    yield sub, name, item, kinds
        elif isinstance(value, BaseModel):
            sub = (*path, name)
            yield sub, name, value, None
            yield from walk(value, sub)
        else:
            yield (*path, name), name, value, kinds


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


@functools.cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record type that may hold records (a record, or a list of them)."""
    return tuple(name for name, info in model.model_fields.items()
                 if name != "translations" and _holds_model(info.annotation))


def nested(record: BaseModel, path: DataPath = ()) -> Iterator[tuple[DataPath, BaseModel]]:
    """Yield (path, record) for every record nested in a record tree, in walk's order (walk's records only:
    the scalars are not visited)."""
    for name in _model_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    sub = (*path, name, i)
                    yield sub, item
                    yield from nested(item, sub)
        elif isinstance(value, BaseModel):
            sub = (*path, name)
            yield sub, value
            yield from nested(value, sub)
