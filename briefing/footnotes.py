"""A page's citations as footnotes: one note per quote, numbered in reading order.

While a page renders, `Page.cite` writes a pending mark for each (source, quote) it cites. When
the body is complete, `finish` decides the notes: a quote that lies within another quote of the
same source on the page (compared as the quote check compares, archive.normalise) shares that
quote's note, which shows the longer quote; notes are numbered in the order the body first
refers to them; marks that now name the same note are written once. Each note links to the
quoted passage, marked in the archived text on the source's page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .archive import normalise
from .text import Md, escape_md

if TYPE_CHECKING:
    from .render import Page

PENDING = "cite-"
"""Label prefix of a pending mark (`[^cite-3]`); fact text cannot hold one, since `escape_md` escapes `[` and `^`."""

_MARK = re.compile(r"\[\^cite-(\d+)\]")
_RUN = re.compile(r"(?:\[\^cite-\d+\])+")

Key = tuple[str, str]
"""(source id, quote as written)."""


def finish(page: Page, body: str, cited: dict[Key, int], shown: dict[Key, str]) -> tuple[Md, Md]:
    """The body with its pending marks numbered, and the Markdown of its footnotes.

    `shown` holds the quotes the page shows in full (a legal text's provisions), with the record
    they are shown under: a note on a quote within one of them points there instead of repeating it.
    """
    keys = {n: key for key, n in cited.items()}
    used = list(dict.fromkeys(int(n) for n in _MARK.findall(body)))
    shared = shared_notes([keys[n] for n in used])
    numbers: dict[Key, int] = {}
    final = {n: numbers.setdefault(shared[keys[n]], len(numbers) + 1) for n in used}

    def renumber(run: re.Match[str]) -> str:
        return "".join(dict.fromkeys(f"[^{final[int(n)]}]" for n in _MARK.findall(run.group())))

    notes = [f"[^{n}]: [{escape_md(page.name(source))}]({page.passage(source, quote)}){_what(page, source, quote, shown)}"
             for (source, quote), n in numbers.items()]
    return Md(_RUN.sub(renumber, body)), Md("\n".join(notes))


def _what(page: Page, source: str, quote: str, shown: dict[Key, str]) -> str:
    """What a note says after naming its source: the quote, or where the page shows it in full."""
    if not quote:
        return ""
    needle = normalise(quote)
    for (where_source, words), rid in shown.items():
        if where_source == source and needle in normalise(words):
            return f": the words quoted in full under {page.link(rid)}"
    return f": “{escape_md(quote)}”"


def shared_notes(keys: list[Key]) -> dict[Key, Key]:
    """Each key -> the key whose note it shares: the longest quote of the same source that holds it
    (itself when none does; of equally long ones, the first in `keys`)."""
    normalised = {key: normalise(key[1]) for key in keys}
    by_source: dict[str, list[Key]] = {}
    for key in keys:
        by_source.setdefault(key[0], []).append(key)
    out: dict[Key, Key] = {}
    for same in by_source.values():
        longest_first = sorted(same, key=lambda k: -len(normalised[k]))  # stable: first seen wins ties
        for key in same:
            out[key] = next(k for k in longest_first if normalised[key] in normalised[k])
    return out
