"""Search that finds the story: the claims and the sources' own words, with accents folded.

Before the search plugin reads a page, its footnotes and footnote marks are marked for it to skip
(`data-search-exclude`): a note repeats a quote that its source's page holds in full, and marks
are numbers. Templates mark their own page furniture the same way (a source page's description
and details), so a result's excerpt is a claim or the source's text.

After MkDocs' search plugin writes its index, each document gets accent-folded copies of its
accented words as extra lunr fields, so that "Chavez" finds "Chávez", and the other names
sources use for a person or institution are weighted like its title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .model import Source
from .text import fold

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def search_names(record: Any) -> list[str]:
    """The other names a record's page is found by, weighted like its title: the spellings sources
    use for a person or institution; a source's outlet and author (its page shows them only in
    furniture kept out of the index)."""
    if isinstance(record, Source):
        return list(dict.fromkeys(n for n in (record.outlet, record.author) if n != "unknown"))
    return list(getattr(record, "aliases", []))


def skip_citations(html: str) -> str:
    """The page's HTML with its footnotes and footnote marks marked for the search index to skip."""
    return (html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')
            .replace('<sup id="fnref', '<sup data-search-exclude id="fnref'))


def fold_search_index(path: Path, aliases: dict[str, list[str]] | None = None) -> int:
    """Add accent-folded copies of accented words as extra lunr fields; returns docs changed.

    `aliases` maps a page location (`people/x/`) to the other names sources use for it: they are
    weighted like the title, so a spelling a source used finds that page first.
    """
    index = json.loads(path.read_text(encoding="utf-8"))
    fields = index["config"].setdefault("fields", {})
    fields["folded_title"] = {"boost": 1e3}
    fields["folded"] = {"boost": 1.0}
    aliases = aliases or {}
    changed = 0
    for doc in index["docs"]:
        for src, dest in (("title", "folded_title"), ("text", "folded")):
            # Only a word with a non-ASCII letter can change when folded: test that first (cheap).
            words = [f for w in _WORD.findall(doc.get(src, "")) if not w.isascii() and (f := fold(w)) != w]
            if src == "title":
                for w in _WORD.findall(" ".join(aliases.get(doc.get("location"), []))):
                    words += [w, fold(w)]
            if words:
                doc[dest] = " ".join(dict.fromkeys(words))
                changed += 1
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed
