"""The checks a broken file kept from running, counted, so `check`'s count is never taken for the whole.

A facts file that does not load (not UTF-8, too large, not a list of records) stops only the checks that
need what it holds: its own records, references to the ids it may define (any id its text names), and,
when it is sources.yaml, every quote (without it no archived text is known). A YAML error stops less:
only the records whose lines it makes unreadable are left out (load.recover reads the others), and only
the references and quotes that may need those. A quote whose source's archived text cannot be read is
not checked either, and a briefing.yaml that gives no valid briefing record stops the translations (the
languages are unknown), the home page's checks and the events' dates against its as_of. Everything else
runs; what did not is said in one line (`Problems.skipped`), after the problems.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
"""Anything in a file's text that could be an id (ids are lowercase words joined by '-')."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass
class Unloaded:
    """A facts file whose records could not be read: where it is, why, and what it may define."""

    file: str
    """The file as problems show it."""
    path: Path | None
    """Where it is, to read what ids it names (None: `text` has them)."""
    why: str
    """What kept it from loading, after the file's name: 'did not load', 'is not a list of records'."""
    text: str = ""
    """What it holds, when `path` is None (a file that loaded, but not as records)."""
    references: int = 0
    """References not checked because the id they name may be defined in this file."""
    records: str = ""
    """How its own records that were not checked are named, before the file ('every record of'), or '' when it
    holds none that could be read (it does not exist, or is not a list)."""
    partly: bool = False
    """Whether only some of its lines could not be read (a YAML error: load.recover read the other records)."""

    @functools.cached_property
    def _tokens(self) -> frozenset[str] | None:
        try:
            text = self.path.read_bytes().decode("utf-8", errors="replace") if self.path else self.text
        except OSError:
            return None  # unreadable: it may define anything
        return frozenset(_TOKEN.findall(text))

    def may_define(self, rid: str) -> bool:
        tokens = self._tokens
        return tokens is None or rid in tokens


@dataclass
class Skipped:
    """What the validation passes could not check, and why."""

    unloaded: dict[str, Unloaded] = field(default_factory=dict)
    """The kinds whose file did not load, by kind name."""
    unread_quotes: Counter[str] = field(default_factory=Counter)
    """Quotes not checked, by the source they cite, as its archived text could not be read."""
    sources_quotes: int = 0
    """Quotes not checked as sources.yaml did not load."""
    briefing: str = ""
    """Why the briefing's own checks (translations, the home page) did not run: '' when they did."""

    def holder(self, rid: str, kinds: tuple[str, ...]) -> Unloaded | None:
        """The file that did not load where a reference's id, of one of these kinds, may be defined."""
        return next((u for kind, u in self.unloaded.items() if kind in kinds and u.may_define(rid)), None)

    def _records(self, kind: str, u: Unloaded) -> str:
        """A file's own unread records, and the checks they stopped elsewhere, in one part."""
        also = []
        if kind == "source" and self.sources_quotes:
            also.append(_plural(self.sources_quotes, "quote"))
        if u.references:
            into = "to sources" if kind == "source" else ("into them" if u.partly else "into it")
            also.append(f"{_plural(u.references, 'reference')} {into}")
        named = f"{u.records} {u.file}"
        if also:
            named += (", " if len(also) > 1 else " and ") + " and ".join(also)
        return named + (", as their YAML could not be read" if u.partly else f", as it {u.why}")

    def lines(self) -> list[str]:
        """The checks that did not run, each with why ('' parts left out)."""
        parts = []
        for kind, u in self.unloaded.items():
            if u.records:
                parts.append(self._records(kind, u))
            elif kind == "source" and (self.sources_quotes or u.references):
                refs = f" and {_plural(u.references, 'reference')} to sources" if u.references else ""
                parts.append(f"{_plural(self.sources_quotes, 'quote')}{refs}, as {u.file} {u.why}")
            elif u.references:
                parts.append(f"{_plural(u.references, 'reference')} into {u.file}, which {u.why}")
        if self.unread_quotes:
            ids = ", ".join(f"'{s}'" for s in sorted(self.unread_quotes))
            parts.append(f"{_plural(sum(self.unread_quotes.values()), 'quote')} citing {ids}, "
                         "whose archived text could not be read")
        if self.briefing:
            parts.append(f"the translations, the home page's checks and the events' dates against as_of, "
                         f"as {self.briefing}")
        return parts
