"""The archived source texts under seeds/: their metadata header, their body, quote matching.

An archived file may start with `key: value` lines and a `---` line: that header is the
archivist's metadata (where the copy came from, how complete it is). Quotes are matched
against the body only, after normalising what an editor's tools change without a person
seeing it: Unicode normal form (NFC or NFD), whitespace (a non-breaking space is a space),
curly and straight quote marks, dashes. Nothing else: case and accents stay significant.

On the error path only, `closest` finds the passage a missed quote was meant to be, and marks
the words that differ; `find` looks passages up accent- and case-insensitively for editors.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefing.text import fold

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]*):\s?(.*)$")
_WS = re.compile(r"\s+")  # Unicode whitespace: no-break and narrow no-break spaces included
_WORD = re.compile(r"\S+")
_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_EDGE_PUNCT = ",.;:!?\"'()[]«»"
ARCHIVE_MARK = re.compile(r"\[(?:\.\.\.|…)\]|\[[A-Z]{2,}(?: [A-Z]{2,})+\]")
"""An archivist's note inside an archived body, not the source's words: "[...]" where a passage is left out,
a note in capitals where the copy stops ("[STORED COPY ENDS HERE]"). Pages show them; search leaves them out."""
CONTEXT_WORDS = 3
"""Unchanged words kept on each side of a difference when a long passage is shown."""


@functools.lru_cache(maxsize=1 << 18)
def normalise(text: str) -> str:
    """NFC, whitespace runs to one space, curly quotes to straight ones, dashes to '-'. Cached: every quote
    is normalised again by the page that cites it, its footnote and its source's passages."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WS.sub(" ", text.translate(_FOLD)).strip()


def loose(text: str) -> str:
    """What a reader without accents or capitals types: normalised, accents stripped (text.fold), case folded."""
    return fold(normalise(text)).casefold()


@dataclass(frozen=True)
class Word:
    """One whitespace-separated word of an archived body, with the file line it is on."""

    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found, with the differing words marked."""

    line: int
    marked: str
    """The passage with the quote's words as `[-quote-]` and the source's as `{+source+}` where they differ."""

    def __str__(self) -> str:
        return (f"the closest passage, at line {self.line}, differs where marked [-quote-]{{+source+}}: "
                f"\"{self.marked}\"")


@dataclass(frozen=True)
class Match:
    """A passage `find` found: its first line and its exact words (whitespace runs as one space)."""

    line: int
    text: str


@dataclass
class Archived:
    """One archived text, read once and normalised once."""

    path: Path
    header: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_start_line: int = 1
    _normalised: str | None = None
    _words: list[Word] | None = None

    @property
    def normalised(self) -> str:
        if self._normalised is None:
            self._normalised = normalise(self.body)
        return self._normalised

    def contains(self, quote: str) -> bool:
        needle = normalise(quote)
        return bool(needle) and needle in self.normalised

    @property
    def words(self) -> list[Word]:
        """The body's words with their file lines (made on first use: the error path and `find`)."""
        if self._words is None:
            words, line, last = [], self.body_start_line, 0
            for m in _WORD.finditer(self.body):
                line += self.body.count("\n", last, m.start())
                last = m.start()
                words.append(Word(m.group(), line, m.start(), m.end()))
            self._words = words
        return self._words

    def closest(self, quote: str) -> Passage | None:
        """The passage the quote most likely meant, or None when no passage shares half its words.

        Each quote word found (loosely) in the body votes for where the quote would start; a start counts
        every quote word that votes for it give or take a few words (`_slack`: a word left out or added
        shifts the rest), the start with the most wins, and difflib aligns the quote with the words there.
        """
        wanted = [normalise(w) for w in quote.split()]
        start = self._likely_start(wanted)
        if start is None:
            return None
        slack = _slack(len(wanted))
        lo, hi = max(0, start - slack), min(len(self.words), start + len(wanted) + slack)
        source = [normalise(w.text) for w in self.words[lo:hi]]
        first, marked = _mark_differences(wanted, source, max(0, start - lo))
        return Passage(self.words[lo + first].line, marked)

    def _likely_start(self, wanted: list[str]) -> int | None:
        """Index of the body word where the quote most likely starts (at least half its words agree, each
        within `_slack` words of where that start puts it)."""
        if not wanted or not self.words:
            return None
        at: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            at.setdefault(_key(w.text), []).append(i)
        offsets = [sorted({i - j for i in at.get(_key(text), ())}) for j, text in enumerate(wanted)]
        votes: Counter[int] = Counter(o for found in offsets for o in found)
        if not votes:
            return None
        slack = _slack(len(wanted))

        def agreeing(start: int) -> int:
            """How many quote words stand within `slack` words of where `start` puts them."""
            return sum(1 for found in offsets
                       if (k := bisect.bisect_left(found, start - slack)) < len(found) and found[k] <= start + slack)

        start = max(votes, key=lambda s: (agreeing(s), votes[s], -s))
        return start if agreeing(start) * 2 >= len(wanted) else None

    def find(self, words: str) -> list[Match]:
        """Every passage matching `words` accent-, case- and whitespace-insensitively, in order."""
        needle = loose(words)
        if not needle:
            return []
        folded, origin = _fold_with_origin(self.body)
        matches, pos = [], folded.find(needle)
        while pos >= 0:
            start, end = origin[pos], origin[pos + len(needle) - 1] + 1
            while end < len(self.body) and unicodedata.combining(self.body[end]):
                end += 1  # keep a decomposed accent with its letter
            line = self.body_start_line + self.body.count("\n", 0, start)
            matches.append(Match(line, _WS.sub(" ", self.body[start:end]).strip()))
            pos = folded.find(needle, pos + len(needle))
        return matches


def _mark_differences(wanted: list[str], source: list[str], guess: int) -> tuple[int, str]:
    """Align the quote's words with a window of source words (`guess`: where the quote likely
    starts in it); return the index of the passage's first word in the window, and the passage
    with differing words marked `[-quote-]{+source+}`.

    Words are aligned as votes compare them (`_key`: without case, accents or the punctuation around them), so a
    comma or an accent does not throw the alignment off; then each aligned word that differs is marked."""
    ops = difflib.SequenceMatcher(None, [_key(w) for w in wanted], [_key(w) for w in source],
                                  autojunk=False).get_opcodes()
    kept = [k for k, op in enumerate(ops) if not (op[1] == op[2] and k in (0, len(ops) - 1))]
    parts: list[tuple[str, str]] = []  # (kind, text): kind "same" or "diff"
    first = None
    for k in kept:  # ops left out are the window's slack before or after the quote
        tag, i1, i2, j1, j2 = ops[k]
        # At either end, a changed run keeps as many source words as the quote has there.
        if tag == "replace" and len(ops) == 1:
            j1, j2 = guess, guess + (i2 - i1)
        elif tag == "replace" and k == 0:
            j1 = max(j1, j2 - (i2 - i1))
        elif tag == "replace" and k == len(ops) - 1:
            j2 = min(j2, j1 + (i2 - i1))
        first = j1 if first is None else first
        theirs_words = source[j1:j2]
        if theirs_words:
            # A quote may stop short of the punctuation around its first and last words.
            if k == kept[-1] and wanted[-1][-1] not in _EDGE_PUNCT:
                theirs_words[-1] = theirs_words[-1].rstrip(_EDGE_PUNCT) or theirs_words[-1]
            if k == kept[0] and wanted[0][0] not in _EDGE_PUNCT:
                theirs_words[0] = theirs_words[0].lstrip(_EDGE_PUNCT) or theirs_words[0]
        if tag == "equal":  # the same words loosely: each one that differs as written is marked
            parts.extend(("same", t) if o == t else ("diff", f"[-{o}-]{{+{t}+}}")
                         for o, t in zip(wanted[i1:i2], theirs_words, strict=True))
            continue
        ours, theirs = " ".join(wanted[i1:i2]), " ".join(theirs_words)
        if ours == theirs:
            parts.append(("same", theirs))
        else:
            parts.append(("diff", (f"[-{ours}-]" if ours else "") + (f"{{+{theirs}+}}" if theirs else "")))
    merged: list[tuple[str, str]] = []  # runs of unchanged words as one part, for _shorten
    for kind, text in parts:
        if merged and kind == "same" and merged[-1][0] == "same":
            merged[-1] = ("same", f"{merged[-1][1]} {text}")
        else:
            merged.append((kind, text))
    return first or 0, _shorten(merged)


def _slack(n: int) -> int:
    """How far (in words) a quote of n words may drift from where its start puts it and still count as there:
    words an editor left out or added shift the rest (2 for a short quote, a quarter of a long one)."""
    return max(2, n // 4)


def _key(word: str) -> str:
    """A word as votes compare it: loosely, without the punctuation around it."""
    return loose(word).strip(_EDGE_PUNCT) or loose(word)


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """`loose(text)`, with the index in `text` each character of it came from."""
    out: list[str] = []
    origin: list[int] = []
    space = True  # drop leading whitespace, fold runs to one space
    for i, c in enumerate(text):
        if c.isspace():
            if not space:
                out.append(" ")
                origin.append(i)
            space = True
            continue
        space = False
        for f in loose(c) if not c.isascii() else c.lower():
            out.append(f)
            origin.append(i)
    return "".join(out), origin


def _shorten(parts: list[tuple[str, str]]) -> str:
    """Join the marked parts; a long unchanged run keeps CONTEXT_WORDS words each side of a change."""
    shown = []
    for k, (kind, text) in enumerate(parts):
        words = text.split()
        if kind == "same" and len(words) > 2 * CONTEXT_WORDS + 1:
            head = words[:CONTEXT_WORDS] if k > 0 else []
            tail = words[-CONTEXT_WORDS:] if k < len(parts) - 1 else []
            text = " ".join([*head, "…", *tail])
        shown.append(text)
    return " ".join(t for t in shown if t)


def split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Return (header, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip("\r\n") == "---":
            head = [ln.rstrip("\r\n") for ln in lines[:i] if ln.strip()]
            matches = [_HEADER_LINE.match(ln) for ln in head]
            if head and all(matches):
                header = {m.group(1).strip(): m.group(2).strip() for m in matches if m is not None}
                return header, "".join(lines[i + 1 :]), i + 2
            break
    return {}, text, 1


def read_archived(path: Path) -> Archived:
    """Read an archived text (UTF-8); raises OSError or UnicodeDecodeError for the caller to report."""
    text = path.read_text(encoding="utf-8")
    header, body, start = split_header(text)
    return Archived(path=path, header=header, body=body, body_start_line=start)
