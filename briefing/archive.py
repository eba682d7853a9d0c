"""The archived source texts under seeds/: their metadata header, their body, quote matching.

An archived file may start with `key: value` lines and a `---` line: that header is the
archivist's metadata (where the copy came from, how complete it is). Quotes are matched
against the body only, after normalising whitespace, quote marks and dashes, nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]*):\s?(.*)$")
_WS = re.compile(r"\s+")
_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def normalise(text: str) -> str:
    """Fold whitespace runs to one space, curly quotes to straight ones, dashes to '-'."""
    return _WS.sub(" ", text.translate(_FOLD)).strip()


@dataclass
class Archived:
    """One archived text, read once and normalised once."""

    path: Path
    header: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_start_line: int = 1
    _normalised: str | None = None

    @property
    def normalised(self) -> str:
        if self._normalised is None:
            self._normalised = normalise(self.body)
        return self._normalised

    def contains(self, quote: str) -> bool:
        needle = normalise(quote)
        return bool(needle) and needle in self.normalised


def split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Return (header, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip("\r\n") == "---":
            head = [ln.rstrip("\r\n") for ln in lines[:i] if ln.strip()]
            matches = [_HEADER_LINE.match(ln) for ln in head]
            if head and all(matches):
                header = {m.group(1).strip(): m.group(2).strip() for m in matches}
                return header, "".join(lines[i + 1 :]), i + 2
            break
    return {}, text, 1


def read_archived(path: Path) -> Archived:
    """Read an archived text (UTF-8); raises OSError or UnicodeDecodeError for the caller to report."""
    text = path.read_text(encoding="utf-8")
    header, body, start = split_header(text)
    return Archived(path=path, header=header, body=body, body_start_line=start)
