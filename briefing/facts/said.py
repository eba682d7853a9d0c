"""What a source's text says about itself, checked like a quote: the page claims only what the words say.

A source records its headline, dateline, byline, credits, date and where it first appeared in its own
words (model.Said). The quote pass checks each quote occurs in the archived text; this module checks
that the words say what the record makes of them (`text` occurs in the quote, the quote writes
`date`), and that the record's summary fields agree with them and with the archive's header
(`author`, `published`, `url`, `title`): a source page never names an author, a date or an address
that neither the text nor the archivist gave.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from babel import Locale

from briefing.facts.archive import Archived, loose, normalise
from briefing.facts.codes import Code
from briefing.facts.model import DATE_RE, DataPath, Said, Source
from briefing.text import clip

MONTHS = [str(Locale("en").months["format"]["wide"][m]) for m in range(1, 13)]
"""English month names, from Babel's locale data."""
MESES = [str(Locale("es").months["format"]["wide"][m]) for m in range(1, 13)]
"""Spanish month names, as Spanish-language sources date themselves ('4 de noviembre de 2025')."""

_ABBREVIATIONS = {"September": ["Sep", "Sept"], "June": ["Jun"], "July": ["Jul"], "May": []}
"""Month abbreviations other than the first three letters (May has none)."""


@functools.cache
def date_forms(date: str) -> tuple[str, ...]:
    """The ways a text may write a date (YYYY-MM-DD, YYYY-MM or YYYY), in `archive.loose` form (accents
    stripped, case folded): ISO, 'November 4, 2025', 'Nov. 4, 2025', '4 November 2025', '4 de noviembre
    de 2025'; 'November 2025'; '2025'."""
    m = DATE_RE.match(date)
    if not m:
        return ()
    year, month, day = m.groups()
    if month is None:
        return (year,)
    name = MONTHS[int(month) - 1]
    names = [name, *_ABBREVIATIONS.get(name, [name[:3]])]
    names = [n.casefold() for n in names] + [n.casefold() + "." for n in names if n != name]
    mes = MESES[int(month) - 1]
    if day is None:
        return (f"{year}-{month}", *(f"{n} {year}" for n in names), *(f"{n}, {year}" for n in names),
                f"{mes} de {year}", f"{mes} {year}")
    forms = [f"{year}-{month}-{day}"]
    for d in dict.fromkeys([str(int(day)), day]):
        for n in names:
            forms += [f"{n} {d}, {year}", f"{n} {d} {year}", f"{d} {n} {year}", f"{d} {n}, {year}"]
        forms += [f"{d} de {mes} de {year}", f"{d} de {mes} {year}"]
    return tuple(forms)


def writes_date(words: str, date: str) -> bool:
    """Whether `words` write `date` in one of its forms (`date_forms`)."""
    return any(writes_form(words, form) for form in date_forms(date))


def writes_form(words: str, form: str) -> bool:
    """Whether `words` hold a date form (`date_forms`), not as part of a longer number or word."""
    before = r"(?<!\d)" if form[0].isdigit() else r"(?<!\w)"
    after = r"(?!\d)" if form[-1].isdigit() else r"(?!\w)"
    return re.search(before + re.escape(form) + after, loose(words)) is not None


def said_paths(source: Source) -> Iterator[tuple[DataPath, Said]]:
    """(path below the source record, words) for each `Said` of the source: ('byline', 0), ('dated',)."""
    for name in dict.fromkeys(name for name, _label, _said in source.said()):
        value = getattr(source, name)
        if isinstance(value, list):
            yield from (((name, i), item) for i, item in enumerate(value))
        else:
            yield (name,), value


def problems(source: Source, archive: Archived | None) -> Iterator[tuple[DataPath, Code, str]]:
    """(path below the source record, code, message) for each thing the record says of its source that
    its quoted words, or the archive's header, do not say. (Whether each quote occurs in the archived
    text is the quote pass's check.)"""
    for path, said in said_paths(source):
        name = ".".join(str(p) for p in path)
        if said.text is not None and normalise(said.text) not in normalise(said.quote):
            yield (*path, "text"), Code.SOURCE_SAYS_OTHERWISE, (
                f"{name}: the text '{clip(said.text, 60)}' is not in its quote \"{clip(said.quote)}\"; "
                "write the name, place or phrase as the quote has it")
        if said.date is not None and not writes_date(said.quote, said.date):
            yield (*path, "date"), Code.SOURCE_SAYS_OTHERWISE, (
                f"{name}: the quote \"{clip(said.quote)}\" does not give the date {said.date}; quote the words "
                "that write the date (e.g. 'November 4, 2025', '4 November 2025', '2025-11-04')")
    yield from _agreement(source, archive.header if archive else {})


def _agreement(s: Source, header: dict[str, str]) -> Iterator[tuple[DataPath, Code, str]]:
    """The record's summary fields against the source's words and the archive's header."""
    code = Code.SOURCE_SAYS_OTHERWISE
    if s.headline and normalise(s.title) != normalise(s.headline.value):
        yield ("title",), code, (f"title: '{clip(s.title, 60)}' is not the headline the text prints, "
                                 f"\"{clip(s.headline.value)}\"; give the title as the headline has it")
    names = [b.value for b in s.byline]
    if names and s.author == "unknown":
        yield ("author",), code, (f"author: the byline names {', '.join(repr(n) for n in names)}; "
                                  "write the author as the byline gives it")
    missing = [n for n in names if s.author != "unknown" and normalise(n) not in normalise(s.author)]
    if missing:
        yield ("author",), code, (f"author: '{clip(s.author, 60)}' does not name "
                                  f"{', '.join(repr(n) for n in missing)}, whom the byline names; "
                                  "write the author as the byline gives it")
    if s.dated and s.published != "unknown" and s.published != s.dated.date:
        yield ("published",), code, (f"published: {s.published} is not the date under dated, {s.dated.date} "
                                     f"(\"{clip(s.dated.quote)}\"); make them agree")
    for field, key, value in (("author", "author", s.author), ("published", "published", s.published),
                              ("url", "url", s.url)):
        given = header.get(key)
        same = (value == given) if field == "url" else loose(str(value)) == loose(given or "")
        if given and value not in (None, "unknown") and not same:
            yield (field,), code, (f"{field}: '{clip(str(value), 60)}' is not what the archive's header records, "
                                   f"'{clip(given, 60)}'; make them agree")
