"""Text helpers shared by the stages: Markdown escaping, date display, accent folding."""

from __future__ import annotations

import functools
import re
import string
import unicodedata

from briefing.facts.model import DATE_RE
from briefing.i18n import _, current


class Md(str):
    """Markdown produced by the generator itself (links, footnote marks): emitted unescaped."""


# Every ASCII punctuation mark that Markdown or a pymdown extension could read as syntax is
# backslash-escaped (pymdownx.escapeall makes any escape literal); &, < and > become entities,
# so HTML and template syntax in a fact shows as text and never runs.
_ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|~^=:$"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPED = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _escape(text: str) -> str:
    """Each syntax character of `text` escaped (a regular expression: twice as fast as str.translate with
    a table of strings, and this runs on every text of every page)."""
    return _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text)


def escape_md(value: object) -> str:
    """Make fact text inert inside Markdown: one line, every syntax character escaped. A text shown in
    another language than the page's because its translation is missing is marked so (localize.py)."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    text = _escape(" ".join(str(value).split()))
    if type(value) is str:  # most texts: no mark to look for (a missing attribute is slow to ask for)
        return text
    language = getattr(value, "language", None)
    if isinstance(language, str):  # localize.Untranslated
        note = _escape(_("not yet translated")).replace('"', "&quot;")
        return Md(f'<span class="briefing-untranslated" lang="{language}" title="{note}">{text}</span>')
    return text


class Message(Md):
    """A message of the catalog in a template or page: Markdown as the catalog writes it (trusted, as a
    template's own words are), whose `.format()` escapes what fills its {placeholders} unless it is Markdown
    the generator made (a link): `_("Part {n} of {total} of {title}.").format(n=2, total=3, title=link)`."""

    def format(self, *args: object, **parts: object) -> Md:
        return Md(str.format(self, *(escape_md(a) for a in args), **{k: escape_md(v) for k, v in parts.items()}))


def message(text: str) -> Message:
    """A message of the catalog, in the edition's language, as Markdown (Message)."""
    return Message(_(text))


def md_message(message: str, **parts: object) -> Md:
    """A message of the catalog (i18n.py) in the edition's language, as Markdown: its own words escaped,
    its {placeholders} filled with `parts` (Markdown the generator made, a link say, as it is; anything
    else escaped): `md_message("According to {names}: ", names=link)`."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(_(message)):
        out.append(_escape(literal))
        if name is not None:
            value = parts[name]
            out.append(value if isinstance(value, Md) else _escape(str(value)))
    return Md("".join(out))


def format_date(date: str, approximate: bool | str = False) -> str:
    """'2025-11-03' -> '3 November 2025'; '2025-11' -> 'November 2025'; '2023' -> '2023', in the language
    of the edition being built (i18n.py: '3 de noviembre de 2025')."""
    return current().date(date, approximate) if DATE_RE.match(date) else date


_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"))


def clip(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, ending in '…' when cut (for messages quoting a value)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def shorten(text: str, limit: int = 80) -> str:
    """At most `limit` characters, cut at a word and ending in '…'; a cut never leaves a quotation
    mark open (it then ends before that quotation)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    opened = [cut.rfind('"')] if cut.count('"') % 2 else []
    opened += [cut.rfind(a) for a, b in _PAIRS if a != b and cut.count(a) > cut.count(b)]
    if opened:
        cut = cut[:min(opened)]
    return cut.rstrip(" ,;:") + "\u2026"


def precision(date: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")


_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE",
                          "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
                          "ı": "i"})
"""Letters that carry no combining mark to strip (Unicode gives them no decomposition), as a reader
without them types them."""


@functools.lru_cache(maxsize=1 << 16)  # a site repeats the same few accented words many times
def fold(text: str) -> str:
    """Strip accents: 'Chávez Jerí' -> 'Chavez Jeri', 'Łódź' -> 'Lodz', 'Øresund' -> 'Oresund' (what a
    reader without accents types). The one accent folding: search, sorting and the quote finder use it."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
