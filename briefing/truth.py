"""Checks that what a page says from the facts holds: words in quotation marks are words a source printed.

A claim may put words in double quotation marks only when one of its own quotes holds them: the
quotation marks tell a reader "these are the words", so the words must be there. Headlines (an
event's title, a question, a topic) may quote words from any quote of their record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .archive import normalise
from .model import Citation, DataPath, walk
from .text import clip

_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[\.\.\.\]|\[…\])\s*")
HEADLINE_FIELDS = ("title", "question", "topic")
"""Fields of a record (not of a claim) that are headlines: they may quote any quote of their record."""
CLAIM_FIELDS = ("text", "label", "value")
"""Fields of a cited item (a claim, an account, a figure) checked against its own citations."""


def quoted_segments(text: str) -> list[str]:
    """The words inside double quotation marks (straight, curly, guillemets), split at ellipses."""
    out: list[str] = []
    for m in _QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        out.extend(part for part in _ELLIPSIS.split(inner) if part.strip(" ,.;:"))
    return out


def _found(segment: str, quotes: list[str]) -> bool:
    needle = normalise(segment).strip(" ,.;:")
    if not needle:
        return True
    variants = {needle, needle[:1].swapcase() + needle[1:]}  # a quote may start a sentence, or not
    return any(v in q for q in quotes for v in variants)


def _quotes(record: BaseModel) -> list[str]:
    return [normalise(v.quote) for _s, _n, v, _k in walk(record) if isinstance(v, Citation)]


def quoted_words_problems(record: Any, path: DataPath) -> Iterator[tuple[DataPath, str, str]]:
    """(data path, message, code) for words in quotation marks that no quote of theirs holds."""
    if not isinstance(record, BaseModel):
        return
    checks: list[tuple[DataPath, str, list[str]]] = []
    everything = _quotes(record)
    for name in HEADLINE_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and "cite" not in type(record).model_fields:
            checks.append(((*path, name), value, everything))
    items = [((), record)] + [(sub, v) for sub, _n, v, _k in walk(record) if isinstance(v, BaseModel)]
    for sub, item in items:
        cites = getattr(item, "cite", None)
        if isinstance(cites, list) and cites and isinstance(cites[0], Citation):
            own = [normalise(c.quote) for c in cites]
            for name in CLAIM_FIELDS:
                value = getattr(item, name, None)
                if isinstance(value, str):
                    checks.append(((*path, *sub, name), value, own))
        elif sub:
            for name in HEADLINE_FIELDS:  # a nested headline (an exchange's topic)
                value = getattr(item, name, None)
                if isinstance(value, str):
                    checks.append(((*path, *sub, name), value, _quotes(item)))
    for where, text, quotes in checks:
        for segment in quoted_segments(text):
            if not _found(segment, quotes):
                yield where, (f"{where[-1]}: the words in quotation marks, \"{clip(segment, 60)}\", are not in "
                              f"{'any quote of this record' if quotes is everything else 'its quotes'}; "
                              "quote a source's exact words, or drop the quotation marks"), "quote-marks"
