"""What a source page says about its source: what it is, in a sentence, and where the briefing cites it.

The sentence is made from the source record's fields only, and says plainly what is not known.
Citing records are grouped by the page that shows them, each with links to the passages it quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Source
from .text import format_date

if TYPE_CHECKING:
    from .pages import Plan

KINDS = {
    "news report": "A news report", "wire": "A wire report", "opinion": "An opinion piece",
    "official statement": "An official statement", "treaty text": "The text of a treaty",
    "court document": "A court document", "scholarly": "A scholarly text",
    "news report quoting a text": "A news report quoting a text", "resolution": "A resolution",
}
"""How the sentence opens, for each kind of source (model.SourceKind)."""

LANGUAGES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian"}

PREVIEW_WORDS = 8
"""A quote is linked by its first words."""


def describe(s: Source) -> str:
    """'A news report in English by Rodney Mbua. Outlet: ... Published ... Not known: ...', from the record alone."""
    language = LANGUAGES.get(s.language, f"language '{s.language}'")
    sentences = [f"{KINDS.get(s.kind, s.kind)} in {language}" + (f" by {s.author}" if s.author != "unknown" else "")]
    if s.outlet != "unknown":
        sentences.append(f"Outlet: {s.outlet}")
    if s.published != "unknown":
        sentences.append(f"Published {format_date(s.published)}" + (f" ({s.published_basis})" if s.published_basis else ""))
    unknown = [what for what, value in (("the author", s.author), ("the outlet", s.outlet),
                                        ("the publication date", s.published)) if value == "unknown"]
    if unknown:
        sentences.append(f"Not known: {_joined(unknown)}")
    return ". ".join(sentences) + "."


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
    order = {path: n for n, path in enumerate(plan.specs)}
    return sorted(groups.values(), key=lambda g: order.get(g.path, len(order)))


def preview(quote: str) -> str:
    """The first words of a quote, with '…' when there are more."""
    words = quote.split()
    return " ".join(words[:PREVIEW_WORDS]) + (" …" if len(words) > PREVIEW_WORDS else "")
