"""The glossary's terms in reading order, and the tooltips that explain them on every other page.

A tooltip is a Markdown abbreviation definition (`*[term]: text`, the `abbr` extension) appended
to a page that uses the term; Material's `content.tooltips` shows its title attribute. Only terms a
source explains get one, and its text is the first cited explanation (the glossary holds the
citation).
"""

from __future__ import annotations

import functools
import re

from briefing.facts.graph import Graph
from briefing.facts.kinds import TERM
from briefing.facts.model import Term
from briefing.pages.voice import plain
from briefing.text import escape_md, fold

# Characters Python-Markdown strips from its input or that end an abbreviation's title early.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def sorted_terms(graph: Graph) -> list[Term]:
    return sorted(graph.of(TERM), key=lambda t: (fold(t.term).casefold(), t.id))


def tooltip_title(term: Term, graph: Graph) -> str | None:
    """The tooltip of a term: its first cited explanation, with its attribution, as one line of plain text."""
    if not term.explained:
        return None
    title = " ".join(_UNSAFE.sub(" ", plain(term.explained[0], graph)).split())
    # `*[x]: ""` (or '') would delete the abbreviation instead of defining it.
    if title in ("", '""', "''"):
        return None
    # Markdown escapes <, > and " in attributes but leaves an entity such as '&amp;' as it is, so
    # a literal '&amp;' in a fact would show as '&': escape every '&' first.
    return title.replace("&", "&amp;")


def tooltips(graph: Graph) -> dict[str, str]:
    """{word or phrase as it appears on pages: tooltip text} for every explained term and alias."""
    out: dict[str, str] = {}
    for term in sorted_terms(graph):
        title = tooltip_title(term, graph)
        if title is None:
            continue
        for key in (term.term, *term.aliases):
            # A key escape_md would change (a hyphen becomes '\-') never occurs in page text as
            # written, so the abbreviation could not match: leave it out.
            if escape_md(key) == key:
                out.setdefault(key, title)
    return out


def abbreviations(markdown: str, defs: dict[str, str]) -> str:
    """The abbreviation lines for the terms this page uses ('' when it uses none)."""
    return "".join(f"*[{key}]: {defs[key]}\n" for key in defs if _mentions(markdown, key))


@functools.lru_cache(maxsize=4096)
def _word(key: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(key)}\b")


def _mentions(markdown: str, key: str) -> bool:
    return key in markdown and _word(key).search(markdown) is not None
