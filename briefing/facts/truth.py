"""Checks that what a page says from the facts holds: words in quotation marks are words a source printed.

A claim may put words in double quotation marks only when one of its own quotes holds them: the
quotation marks tell a reader "these are the words", so the words must be there. Headlines (an
event's title, a question, a topic) may quote words from any quote of their record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, cast

from pydantic import BaseModel

from briefing.facts.archive import normalise
from briefing.facts.codes import Code
from briefing.facts.model import Citation, DataPath, Record, field_set, nested
from briefing.facts.slips import curly_wrapped, unwrapped
from briefing.text import clip

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


def _quote_texts(citation: Citation, language: str | None) -> list[str]:
    """A quote as its source has it, and, for a translation, the briefing's translation of it too."""
    translated = citation.translated(language, "quote") if language else None
    return [normalise(citation.quote), *([normalise(translated)] if translated else [])]


def _quotes(record: BaseModel, language: str | None = None) -> list[str]:
    return [q for _s, v in nested(record) if isinstance(v, Citation) for q in _quote_texts(v, language)]


@functools.cache
def _having(model: type[BaseModel], names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `names` that a record type has as fields."""
    return tuple(name for name in names if name in field_set(model))


def _text(item: BaseModel, name: str, language: str | None, path: DataPath) -> tuple[DataPath, str | None]:
    """A field's text (or its translation into `language`) and where it stands."""
    if name not in field_set(type(item)):
        return (*path, name), None
    value = getattr(item, name)
    if language is None:
        return (*path, name), value if isinstance(value, str) else None
    if not isinstance(item, Record) or not isinstance(value, str):
        return (*path, name), None
    return (*path, *item.translation_path(language, name)), item.translated(language, name)


def quoted_words_problems(record: Any, path: DataPath, language: str | None = None
                          ) -> Iterator[tuple[DataPath, str, Code]]:
    """(data path, message, code) for words in quotation marks that no quote of theirs holds; with a
    `language`, in the record's translations into it, whose quotation marks may hold a quote's words or
    the briefing's translation of them."""
    if not isinstance(record, BaseModel):
        return
    # (where, text, the item whose quotes hold its quoted words, those quotes: only the item's own
    # citations (a claim's) or every quote under it (a headline's))
    checks: list[tuple[DataPath, str | None, BaseModel, bool]] = []
    if "cite" not in field_set(type(record)):
        checks.extend((*_text(record, name, language, path), record, False)
                      for name in _having(type(record), HEADLINE_FIELDS))
    items = [((), record), *nested(record)]
    for sub, item in items:
        cites = cast(Any, item).cite if "cite" in field_set(type(item)) else None
        if isinstance(cites, list) and cites and isinstance(cites[0], Citation):
            checks.extend((*_text(item, name, language, (*path, *sub)), item, True)
                          for name in _having(type(item), CLAIM_FIELDS))
        elif sub:
            # a nested headline (an exchange's topic)
            checks.extend((*_text(item, name, language, (*path, *sub)), item, False)
                          for name in _having(type(item), HEADLINE_FIELDS))
    for where, text, item, own in checks:
        segments = quoted_segments(text) if text else []
        if not segments:
            continue  # most texts quote nothing: their record's quotes are not gathered
        quotes = ([q for c in cast(Any, item).cite for q in _quote_texts(c, language)] if own
                  else _quotes(item, language))
        for segment in segments:
            if not _found(segment, quotes):
                # a whole value in a word processor's curly quotes: meant as YAML's quotes, most likely
                why = (" (curly quotes around a whole value are part of its text: YAML quotes only with straight ones)"
                       if curly_wrapped(text or "") and unwrapped(text or "") == segment else "")
                yield where, (f"{where[-1]}: the words in quotation marks, \"{clip(segment, 60)}\", are not in "
                              f"{'any quote of this record' if item is record and not own else 'its quotes'}; "
                              f"quote a source's exact words, or drop the quotation marks{why}"), Code.QUOTE_MARKS
