"""What a source page says about its source: what it is, what its own words say about where it came
from, what is not known, and where the briefing cites it.

Every sentence is made from the source record's fields only: the summary fields (outlet, author,
published, url) and the source's own words about itself (model.Said, checked by facts/said.py). What
the record leaves 'unknown' is said once, plainly, never as a row of "unknown".
Citing records are grouped by the page that shows them, each with links to the passages it quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from briefing.facts.archive import Archived, normalise
from briefing.facts.model import Said, Source
from briefing.facts.said import date_forms, writes_form
from briefing.i18n import N_, _, current, pgettext
from briefing.pages.plan import Plan
from briefing.text import format_date

KINDS = {
    "news report": N_("A news report"), "wire": N_("A wire report"), "opinion": N_("An opinion piece"),
    "official statement": N_("An official statement"), "treaty text": N_("The text of a treaty"),
    "court document": N_("A court document"), "scholarly": N_("A scholarly text"),
    "news report quoting a text": N_("A news report quoting a text"), "resolution": N_("A resolution"),
}
"""How the sentence opens, for each kind of source (model.SourceKind)."""

AUTHORED = frozenset({"news report", "wire", "opinion", "scholarly", "news report quoting a text"})
"""Kinds of source that have an author, so that a missing one is worth saying (a treaty's text has none)."""



def language_named(code: str) -> str:
    """A language's name in the edition's language ('Spanish'; in Spanish 'español'), from Babel's locale data."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_language_name(current().locale)
    except (ValueError, UnknownLocaleError):
        name = None
    return name or _("language '{code}'").format(code=code)

PREVIEW_WORDS = 8
"""A quote is linked by its first words."""


def known(value: str | None) -> bool:
    return value is not None and value != "unknown"


def when(date: str) -> str:
    """'on 4 November 2025', 'in July 2024', 'in 2003'."""
    return (_("on {date}") if len(date) == 10 else _("in {period}")).format(date=format_date(date),
                                                                           period=format_date(date))


def describe(s: Source) -> str:
    """What the source is, from its record alone: 'A news report in English by Rodney Mbua. It names
    Reuters as its source.' (what is known only; `not_known` says the rest)."""
    words = {"kind": _(KINDS[s.kind]) if s.kind in KINDS else s.kind, "language": language_named(s.language),
             "author": s.author}
    opening = _("{kind} in {language} by {author}") if known(s.author) else _("{kind} in {language}")
    if s.translation and s.first_appeared:
        opening = (_("{kind} in {language}, republished by {outlet}") if known(s.outlet)
                   else _("{kind} in {language}, republished by a site the copy does not name"))
        words["outlet"] = s.outlet
    sentences = [opening.format(**words)]
    if known(s.outlet):
        sentences.append(_("Publisher: {outlet}").format(outlet=s.outlet))
    if known(s.published):
        # a date the copy prints without saying what it is (a timestamp) dates it, but is not called its
        # publication's by the copy (fact-check 20, C-F2)
        printed = s.dated is not None and not s.published_basis
        sentences.append((_("Published {when} ({basis})") if s.published_basis
                          else _("Published {when}, going by the date the copy prints") if printed
                          else _("Published {when}")).format(when=when(s.published), basis=s.published_basis))
    if s.credits:
        sentences.append(_("It names {names} as its source").format(names=_joined([c.value for c in s.credits])))
    if s.first_appeared:
        f = s.first_appeared
        first = ((_("It says the original first appeared in {outlet} {when}") if f.date
                  else _("It says the original first appeared in {outlet}")) if s.translation
                 else (_("It says it first appeared in {outlet} {when}") if f.date
                       else _("It says it first appeared in {outlet}")))
        sentences.append(first.format(outlet=f.value, when=when(f.date) if f.date else ""))
    return ". ".join(sentences) + "."


def not_known(s: Source, address: bool = True) -> str:
    """What is not known about the source, said once: 'The archived copy names no outlet, author or
    publication date, and the address it was copied from is not recorded.' ('' when all is known;
    `address=False` leaves the address out, for the list of sources)."""
    missing = [_(what) for what, value in ((N_("outlet"), s.outlet),
                                           (N_("author"), s.author if s.kind in AUTHORED else None),
                                           (N_("publication date"), s.published)) if value == "unknown"]
    named = ""
    if missing:
        named = (_("The archived copy names no {missing} of its own") if s.first_appeared
                 else _("The archived copy names no {missing}")).format(
                     missing=_joined(missing, pgettext("after a negation", "or")))
    if s.url is None and address:
        return (_("{named}, and the address it was copied from is not recorded.").format(named=named) if named
                else _(ADDRESS_UNKNOWN))
    return f"{named}." if named else ""


ADDRESS_UNKNOWN = N_("The address it was copied from is not recorded.")
"""What a source page says when the record has no `url` and all else is known."""


NEWS = frozenset({"news report", "wire", "opinion", "news report quoting a text"})
"""Kinds of source a footnote names by their outlet, when they have no short name (a treaty text, a court
document, a resolution are named by their title)."""


def label(s: Source) -> str:
    """How a footnote names the source: its short name (else a news outlet, else the title) and its date
    where known ('The report “Peru Cuts Diplomatic Ties…”, 4 November 2025'); a text republished in another language
    says so, the date being its original's ('La Jornada (4 November 2025), republished in English')."""
    name = s.short or (s.outlet if known(s.outlet) and s.kind in NEWS else s.title)
    name = name[:1].upper() + name[1:]
    date = next((d for d in (s.published if known(s.published) else None,
                             s.first_appeared.date if s.first_appeared else None,
                             s.dated.date if s.dated else None) if d), None)
    if s.translation:  # the words quoted are a translator's: the name and date are the original's
        language = language_named(s.language)
        return (_("{name} ({date}), republished in {language}").format(name=name, date=format_date(date),
                                                                        language=language) if date else
                _("{name}, republished in {language}").format(name=name, language=language))
    return f"{name}, {format_date(date)}" if date and format_date(date) not in name else name


def appended(s: Source, archive: Archived | None, quote: str) -> bool:
    """Whether the quote is from the text the archived page carries after the source's own (`appended`: the
    republishing site's teasers), so that its footnote must not give it the source's name and date."""
    if s.appended is None or archive is None:
        return False
    at = archive.normalised.find(normalise(quote))
    return at >= 0 and at >= archive.normalised.find(normalise(s.appended.quote))


def appended_label(s: Source) -> str:
    """How a footnote names a quote from the text after the source's own: the page, with no date."""
    name = s.short or s.title
    return _("{source}: the archived page, after the source's own text (not dated)").format(
        source=name[:1].upper() + name[1:])


def said_date(item: Said) -> str | None:
    """The date a Said gives, written out ('4 November 2025'), when its quote writes it only as numbers
    (a timestamp): None when the quote's own words say it, or it gives none."""
    if item.date is None:
        return None
    worded = [f for f in date_forms(item.date) if not f[0].isdigit() or " " in f]
    return None if any(writes_form(item.quote, f) for f in worded) else format_date(item.date)


def _joined(items: list[str], last: str | None = None) -> str:
    """'a, b and c' ('or' as `last`), in the edition's language."""
    if len(items) == 1:
        return items[0]
    return _("{items} {last} {item}").format(items=", ".join(items[:-1]), last=last or _("and"), item=items[-1])


@dataclass
class Entry:
    """A record citing the source: its id (None when the record is the page itself) and the passages it quotes."""

    rid: str | None
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """(passage anchor, the first words of the quote), each passage once, in the order cited."""


@dataclass
class Group:
    """The citing records shown on one page."""

    path: str
    title: str
    entries: list[Entry] = field(default_factory=list)


def cited_by(plan: Plan, source: str, citing: list[tuple[str, str]]) -> list[Group]:
    """The records citing the source, grouped by the page that shows them, pages in site order."""
    passages = plan.passages[source]
    groups: dict[str, Group] = {}
    entries: dict[str, Entry] = {}
    for rid, quote in citing:
        path, anchor = plan.where[rid]
        if path not in groups:
            spec = plan.specs.get(path)
            groups[path] = Group(path, spec.title if spec else plan.name(rid))
        if rid not in entries:
            entries[rid] = Entry(rid if anchor else None)
            groups[path].entries.append(entries[rid])
        passage = passages.anchor(quote)
        if passage and all(passage != a for a, _ in entries[rid].quotes):
            entries[rid].quotes.append((passage, preview(quote)))
    last = len(plan.specs)  # a page not planned yet comes after those that are
    return sorted(groups.values(), key=lambda g: plan.positions.get(g.path, last))


def preview(quote: str) -> str:
    """The first words of a quote, with '…' when there are more."""
    words = quote.split()
    return " ".join(words[:PREVIEW_WORDS]) + (" …" if len(words) > PREVIEW_WORDS else "")
