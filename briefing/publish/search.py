"""Search that finds the story: the claims and the sources' own words, with accents folded.

Before the search plugin reads a page, its footnotes and footnote marks are marked for it to skip
(`data-search-exclude`): a note repeats a quote that its source's page holds in full, and marks
are numbers. Templates mark their own page furniture the same way (a source page's description
and details), so a result's excerpt is a claim or the source's text.

After MkDocs' search plugin writes its index, each document gets accent-folded copies of its
accented words as extra lunr fields, so that "Chavez" finds "Chávez", and the other names
sources use for a person or institution are weighted like its title. An article's heading numbered
in Roman numerals is found by its Arabic number too, and in either language ("Article XII" by
"article 12" and "artículo 12"), one numbered in Arabic by its Roman numeral, and a passage headed
by an article by its page's name too, as readers name an article with its treaty ("Caracas article
12" finds Article XII's passage on the Caracas Convention's page). The archivist's
notes inside archived texts ("[...]", "[STORED COPY ENDS HERE]") are not the source's words: they
are taken out of the indexed text, so no excerpt shows them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.facts.archive import ARCHIVE_MARK
from briefing.facts.model import Source
from briefing.text import fold

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARK = re.compile(r"\s?(?<![\"“;])(?:" + ARCHIVE_MARK.pattern + r")(?![\"”&])")
"""An archivist's note as it stands in a text, not one quoted in a description of the archive
('"[...]" marks passages left out')."""
_ARTICLE = re.compile(r"\b(?i:article|artículo|articulo|art\.)\s+(?:(?P<roman>[IVXLC]+)|(?P<arabic>\d{1,3}))\b")
_ARTICLE_WORDS = ["article", "artículo", "articulo"]
_PAGE_WORD = re.compile(r"\w+")
_ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """12 -> 'XII' (1 to 399)."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def article_terms(text: str) -> list[str]:
    """The other words an article's number is searched by: 'Article XII' -> 12 and the word 'article' in
    each language; 'artículo 4' -> iv. A run of capitals that is no Roman numeral ('Article CIVIL') is none."""
    words: list[str] = []
    for m in _ARTICLE.finditer(text):
        if m["roman"]:
            number = next((n for n in range(1, 400) if roman(n) == m["roman"]), None)
            other = str(number) if number else None
        else:
            other = roman(int(m["arabic"])).lower() if 0 < int(m["arabic"]) < 400 else None
        if other:
            words += [other, *_ARTICLE_WORDS]
    return words


def without_marks(text: str) -> str:
    """The text without the archivist's notes in it."""
    return _MARK.sub("", text)


def search_names(record: Any) -> list[str]:
    """The other names a record's page is found by, weighted like its title: the spellings sources
    use for a person or institution, and an institution's `search_as`; a source's outlet and author, and
    the outlets its text says it first appeared in or credits (its page shows them only in furniture kept
    out of the index)."""
    if isinstance(record, Source):
        origins = [w.value for w in (record.first_appeared, *record.credits) if w]  # sources-meta: its own words
        return list(dict.fromkeys(n for n in (record.outlet, record.author, *origins) if n != "unknown"))
    return [*getattr(record, "aliases", []), *getattr(record, "search_as", [])]


def skip_citations(html: str) -> str:
    """The page's HTML with its footnotes and footnote marks marked for the search index to skip."""
    return (html.replace('<div class="footnote">', '<div class="footnote" data-search-exclude>')
            .replace('<sup id="fnref', '<sup data-search-exclude id="fnref'))


FoldCache = dict[tuple[Any, ...], tuple[dict[str, Any], int]]
"""Each document as folded, by what its folding reads (kept by the plugin while serving)."""


def fold_search_index(path: Path, aliases: dict[str, list[str]] | None = None) -> int:
    """Add accent-folded copies of accented words as extra lunr fields, in the index file; returns docs changed."""
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = fold_index(index, aliases)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed


def fold_index(index: dict[str, Any], aliases: dict[str, list[str]] | None = None, cache: FoldCache | None = None
               ) -> int:
    """Add accent-folded copies of accented words as extra lunr fields; returns docs changed.

    `aliases` maps a page location (`people/x/`) to the other names sources use for it: they are
    weighted like the title, so a spelling a source used finds that page first. Each document is replaced by
    a folded copy (the index's own are left as they were); `cache`, given, keeps the copies by what they are
    made from, so an unchanged document is not folded again (it is then replaced by the copies in it).
    """
    fields = index["config"].setdefault("fields", {})
    fields["folded_title"] = {"boost": 1e3}
    fields["folded"] = {"boost": 1.0}
    aliases = aliases or {}
    pages = {doc["location"]: doc.get("title", "") for doc in index["docs"] if "#" not in doc["location"]}
    used: FoldCache = {}
    changed = 0
    for number, doc in enumerate(index["docs"]):
        location = doc["location"]
        names = aliases.get(location, [])
        page = pages.get(location.split("#", 1)[0], "") if "#" in location else ""
        key = (*((k, v if isinstance(v, str) else json.dumps(v, sort_keys=True)) for k, v in doc.items()),
               tuple(names), page)
        done = cache.get(key) if cache is not None else None
        if done is None:
            done = _fold(doc, names, page)
        index["docs"][number] = done[0]
        changed += done[1]
        used[key] = done
    if cache is not None:
        cache.clear()
        cache.update(used)
    return changed


def _fold(doc: dict[str, Any], names: list[str], page: str) -> tuple[dict[str, Any], int]:
    """One document folded (a copy), and how many of its fields gained a folded twin. `names`: its page's other
    names (a page's own document); `page`: its page's title (a section's)."""
    doc = dict(doc)
    changed = 0
    heading = article_terms(doc.get("title", ""))
    for src, dest in (("title", "folded_title"), ("text", "folded")):
        if "[" in doc.get(src, ""):
            doc[src] = without_marks(doc[src])
        # Only a word with a non-ASCII letter can change when folded: test that first (cheap).
        words = [f for w in _WORD.findall(doc.get(src, "")) if not w.isascii() and (f := fold(w)) != w]
        if src == "title":
            words += heading
            for w in _WORD.findall(" ".join(names)):
                words += [w, fold(w)]
        elif heading and "#" in doc["location"]:  # an article's passage: its treaty's name, as text
            words += [fold(w) for w in _PAGE_WORD.findall(page)]
        if words:
            # the text's folded words keep their count, so that a word typed without its accents ranks a
            # page as the word with them does (Spanish writes many: "asilo diplomatico")
            doc[dest] = " ".join(words if dest == "folded" else dict.fromkeys(words))
            changed += 1
    return doc, changed
