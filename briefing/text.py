"""Text helpers shared by the stages: Markdown escaping, date display, accent folding."""

from __future__ import annotations

import functools
import unicodedata

from .model import DATE_RE

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class Md(str):
    """Markdown produced by the generator itself (links, footnote marks): emitted unescaped."""


# Every ASCII punctuation mark that Markdown or a pymdown extension could read as syntax is
# backslash-escaped (pymdownx.escapeall makes any escape literal); &, < and > become entities,
# so HTML and template syntax in a fact shows as text and never runs.
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|~^=:$"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_md(value: object) -> str:
    """Make fact text inert inside Markdown: one line, every syntax character escaped."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    return " ".join(str(value).split()).translate(_ESCAPES)


def format_date(date: str, approximate: bool = False) -> str:
    """'2025-11-03' -> '3 November 2025'; '2025-11' -> 'November 2025'; '2023' -> '2023'."""
    m = DATE_RE.match(date)
    if not m:
        return date
    year, month, day = m.groups()
    shown = year if month is None else f"{MONTHS[int(month) - 1]} {year}"
    if day is not None:
        shown = f"{int(day)} {shown}"
    return f"about {shown}" if approximate else shown


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


@functools.lru_cache(maxsize=1 << 16)  # a site repeats the same few accented words many times
def fold(text: str) -> str:
    """Strip accents: 'Chávez Jerí' -> 'Chavez Jeri' (what a reader without accents types)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
