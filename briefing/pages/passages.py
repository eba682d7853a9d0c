"""Where each cited quote is in its archived text: the passages a source page marks and footnotes link to.

A quote is found the way the quote check finds it (archive.normalise: whitespace runs, quote marks,
dashes, whatever else it folds), and mapped back to offsets in the original text, so the source page
can mark the very words. Quotes that overlap or contain one another make one passage; each passage
has an anchor made from its own words, so a link to it stays put when other quotes are added.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.facts.archive import normalise
from briefing.facts.kinds import SOURCE

if TYPE_CHECKING:
    from briefing.facts.graph import Graph

Span = tuple[int, int]


@dataclass
class Passages:
    """The marked passages of one archived text, and which passage holds each quote."""

    body: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, anchor) of each passage in the body, in text order, never overlapping."""
    anchors: dict[str, str] = field(default_factory=dict)
    """Normalised quote -> the anchor of the passage holding it."""

    def anchor(self, quote: str) -> str | None:
        """The anchor ('q-3fa2c1') of the passage holding this quote; None if it was not found."""
        return self.anchors.get(normalise(quote))


def of_sources(graph: Graph) -> dict[str, Passages]:
    """The passages of every source's archived text, from every citation of it in the briefing and the
    source's own words about itself (its headline, byline, credits: model.Said), which its page quotes."""
    return {s.id: locate(graph.archives[s.id].body, [*(quote for _rid, quote in graph.citing.get(s.id, [])),
                                                      *(said.quote for _name, _label, said in s.said())])
            for s in graph.of(SOURCE)}


def locate(body: str, quotes: list[str]) -> Passages:
    """The passages of `body` that the quotes (first occurrence of each) make."""
    found: dict[str, Span] = {}
    finder = _Finder(body)
    for quote in quotes:
        needle = normalise(quote)
        if needle and needle not in found:
            span = finder.find(needle)
            if span is not None:
                found[needle] = span
    merged: list[list[int]] = []
    for start, end in sorted(found.values()):
        if merged and start < merged[-1][1]:  # overlapping or contained: one passage
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    passages = Passages(body)
    used: set[str] = set()
    for start, end in merged:
        passages.spans.append((start, end, _anchor(body[start:end], used)))
    for needle, (start, _end) in found.items():
        passages.anchors[needle] = next(a for s, e, a in passages.spans if s <= start < e)
    return passages


def _anchor(text: str, used: set[str]) -> str:
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
    anchor, n = f"q-{digest[:6]}", 2
    while anchor in used:  # two passages whose first six hex digits agree: rare, but ids must differ
        anchor, n = f"q-{digest[:6]}-{n}", n + 1
    used.add(anchor)
    return anchor


class _Finder:
    """Finds a normalised quote in the original text.

    Fast path, when the quote check's normalisation works character by character (besides folding
    whitespace runs): the text is translated character for character, its whitespace runs folded,
    and a position found in it maps back through the words' offsets. Otherwise (a text not in the
    normal form, say): a map from each normalised character back to the original, made once."""

    def __init__(self, body: str):
        self.body = body
        table: dict[int, str] = {}
        self.by_char = True
        for c in set(body):
            n = normalise(c)
            table[ord(c)] = n or " "
            self.by_char = self.by_char and len(n or " ") == 1
        translated = body.translate(table) if self.by_char else ""
        words = [(m.start(), m.end()) for m in re.finditer(r"[^ ]+", translated)]
        self.words = words
        self.at: list[int] = []  # where each word starts in the normalised text
        pos = 0
        for start, end in words:
            self.at.append(pos)
            pos += end - start + 1
        self.text = " ".join(translated[s:e] for s, e in words)
        if self.text != normalise(body):
            self.by_char = False
        self._slow: tuple[str, list[int], list[int]] | None = None

    def find(self, needle: str) -> Span | None:
        if self.by_char:
            pos = self.text.find(needle)
            if pos < 0:
                return None
            span = self._origin(pos), self._origin(pos + len(needle) - 1) + 1
            if normalise(self.body[span[0]:span[1]]) == needle:
                return span
        return self._find_slowly(needle)

    def _origin(self, pos: int) -> int:
        """Where the normalised text's character at `pos` is in the body (a space: the run's start)."""
        k = bisect.bisect_right(self.at, pos) - 1
        start, end = self.words[k]
        return min(start + pos - self.at[k], end)

    def _find_slowly(self, needle: str) -> Span | None:
        if self._slow is None:
            self._slow = _normalised_with_origin(self.body)
        text, starts, ends = self._slow
        pos = text.find(needle)
        if pos < 0:
            return None
        return starts[pos], ends[pos + len(needle) - 1]


def _normalised_with_origin(body: str) -> tuple[str, list[int], list[int]]:
    """The body normalised one cluster (a character and its combining marks) at a time, with the
    original start and end of the cluster each normalised character came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space = True
    i = 0
    while i < len(body):
        j = i + 1
        while j < len(body) and unicodedata.combining(body[j]):
            j += 1
        n = normalise(body[i:j])
        if not n:
            if not space:
                out.append(" ")
                starts.append(i)
                ends.append(j)
            space = True
        else:
            space = False
            for ch in n:
                out.append(ch)
                starts.append(i)
                ends.append(j)
        i = j
    return "".join(out), starts, ends


def marked_html(passages: Passages) -> str:
    """The archived text as HTML: a paragraph per blank-line-separated block, a line break per line,
    each passage in a <mark> with its anchor (a passage running over paragraphs continues in a mark
    of the next one); every character of the text escaped."""
    body = passages.body
    return "\n".join(f"<p>{_marked(body, start, end, passages.spans)}</p>" for start, end in _paragraphs(body))


def _paragraphs(body: str) -> list[Span]:
    """(start, end) of each block of non-blank lines, from its first to its last visible character."""
    blocks: list[Span] = []
    start: int | None = None
    offset = end = 0
    for line in body.splitlines(keepends=True):
        if line.strip():
            first = offset + len(line) - len(line.lstrip())
            last = offset + len(line.rstrip())
            start = first if start is None else start
            end = last
        elif start is not None:
            blocks.append((start, end))
            start = None
        offset += len(line)
    if start is not None:
        blocks.append((start, end))
    return blocks


def _marked(body: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """One paragraph body[start:end], escaped, with <mark> around the parts of passages in it."""
    pieces = []
    pos = start
    for s, e, anchor in spans:
        if e <= start or s >= end:
            continue
        lo, hi = max(s, start), min(e, end)
        pieces.append(_lines(body[pos:lo]))
        attrs = f'id="{anchor}" ' if lo == s else f'data-passage="{anchor}" '
        pieces.append(f'<mark {attrs}class="briefing-passage">{_lines(body[lo:hi])}</mark>')
        pos = hi
    pieces.append(_lines(body[pos:end]))
    return "".join(pieces)


def _lines(text: str) -> str:
    """Text escaped for HTML, each line break kept as <br>."""
    return "<br>\n".join(html.escape(line, quote=True) for line in text.split("\n"))
