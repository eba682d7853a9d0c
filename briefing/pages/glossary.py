"""The glossary's terms in reading order, and the tooltips that explain them on every other page.

A tooltip is a Markdown abbreviation definition (`*[term]: text`, the `abbr` extension) appended
to a page that uses the term; Material's `content.tooltips` shows its title attribute. Only terms a
source explains get one, and its text is the first cited explanation (the glossary holds the
citation).

A tooltip that gives the rules of a treaty holds from the day the treaty was adopted: a page about
something earlier (the 1949 Asylum case, under the 1928 Havana Convention) does not carry the tooltip
of one that explains a term by the 1954 Caracas Convention (`holds_from`).
"""

from __future__ import annotations

import functools
import re

from briefing.facts.graph import Graph
from briefing.facts.kinds import INSTRUMENT, TERM
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


def holds_from(graph: Graph) -> dict[str, str]:
    """{word or phrase: date} for the tooltips whose explanation cites the text of a dated legal
    instrument: the latest such date (YYYY-MM-DD, or coarser), before which the explanation's rules
    did not exist."""
    adopted = {sid: inst.date for inst in graph.of(INSTRUMENT) if inst.date for sid in inst.texts}
    out: dict[str, str] = {}
    for term in sorted_terms(graph):
        if not term.explained:
            continue
        dates = [adopted[c.source] for c in term.explained[0].cite if c.source in adopted]
        if dates:
            for key in (term.term, *term.aliases):
                out.setdefault(key, max(dates))
    return out


def abbreviations(markdown: str, defs: dict[str, str], *, dated: str | None = None,
                  since: dict[str, str] | None = None) -> str:
    """The abbreviation lines for the terms this page uses ('' when it uses none); on a page about
    something `dated` (YYYY-MM-DD), none whose explanation holds only from a later date (`since`)."""
    since = since or {}
    return "".join(f"*[{key}]: {defs[key]}\n" for key in defs
                   if _mentions(markdown, key) and not (dated and since.get(key, "") > dated))


@functools.lru_cache(maxsize=4096)
def _word(key: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(key)}\b")


def _mentions(markdown: str, key: str) -> bool:
    return key in markdown and _word(key).search(markdown) is not None
