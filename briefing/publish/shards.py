"""Search fed in shards: what a reader's browser downloads to answer one query, and nothing before it.

Material's theme fetches its whole `search/search_index.json` on every page load. Here the theme's search
box is left without the form name that makes it do so (theme/partials/search.html), and its search worker
is ours (theme/assets/javascripts/workers/briefing-search.js), which loads Material's own worker, and so
its ranking, excerpts and highlighting, only when the reader types a query. To answer it, the worker
fetches only what the query needs, from files this module writes beside the index, per edition:

- `search/manifest.json`: the index's config (languages, separator, fields), the number of documents, each
  page's size in bytes, what one query may fetch (bytes of pages, and pages), and the term shards' prefixes;
- `search/terms/<n>.json`: for every word of the index (as Material's tokenizer cuts and lowercases it),
  the pages that hold it with a weight, in shards by the word's first letters: a shard holds every word
  that starts with its prefix, and one that would pass `TERM_SHARD` bytes is split by one more letter,
  keeping only the best pages of all its words (for a query word that ends at that prefix);
- `search/pages/<n>.json`: each page's documents (the page and its sections), as in the index.

The worker takes, for each query word, the pages of every word that starts with it, ranks the pages by
their summed weights, fetches the best of them within the budgets, and hands those documents to Material's
worker with the whole index's document count (so a word's rarity is the whole site's). Where every page
that holds a query word fits the budget (the real briefing holds about 270 KB), the results are what the
whole index gives. A word's weight on a page estimates Material's score: its field boosts (a title counts
a thousand times the text), the saturation of repeats, a page before its sections, and the word's rarity.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_BUDGET = 480 * 1024
"""Bytes of pages one query may fetch (the best pages first; the best one always)."""
MOST_PAGES = 100
"""Pages one query may fetch at most: the best hundred are more than a reader scrolls through, and each is a
request."""
TERM_SHARD = 40 * 1024
"""Bytes a term shard holds before it is split by one more letter."""
POSTINGS = 256
"""Pages kept per word, and per prefix of a split shard: the best by weight."""

_TAG = re.compile(r"<[^>]*>")
_K1 = 1.2  # lunr's BM25 saturation; Material sets b = 0, so a field's length does not count
_ARTICLE, _SECTION = 5.0, 2.0  # Material's boost after the query: a page's own document before its sections


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def tokens(value: str | list[str], separator: re.Pattern[str]) -> list[str]:
    """The words Material's tokenizer makes of a field: the text between tags, split by the separator,
    lowercased (internal/tokenize in Material's worker)."""
    out: list[str] = []
    for text in value if isinstance(value, list) else [value]:
        for block in _TAG.split(text.lower()):
            out.extend(w for w in separator.split(block) if w)
    return out


def _quantize(weight: float) -> int:
    """A weight in a small integer: a quarter of a doubling per step (the worker reads 2 ** ((q - 16) / 4))."""
    return max(0, round(4 * math.log2(max(weight, 1e-6))) + 16)


PageWords = tuple[dict[str, float], dict[str, int]]
"""A page's words: each one's best score on the page (its rarity aside), and how many of its documents hold it."""


@dataclass
class Shards:
    """The files of a sharded index: the manifest, the term shards and the pages (with their JSON text)."""

    manifest: dict[str, Any]
    terms: list[dict[str, Any]] = field(default_factory=list)
    pages: list[list[dict[str, Any]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def pages_of(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The index's documents grouped by page (a page's own document first, then its sections), in order."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        grouped.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
    return [sorted(group, key=lambda d: "#" in d["location"]) for group in grouped.values()]


def page_words(page: list[dict[str, Any]], config: dict[str, Any]) -> PageWords:
    """Each word's best score on one page, estimating Material's: field boosts, saturated repeats, the page's
    own document before its sections; and how many of the page's documents hold it."""
    separator = re.compile(config["separator"])
    boosts = {name: float(spec.get("boost", 1.0)) for name, spec in config["fields"].items()}
    best: dict[str, float] = {}
    held: dict[str, int] = defaultdict(int)
    for doc in page:
        score: dict[str, float] = defaultdict(float)
        for name, boost in boosts.items():
            if doc.get(name):
                for word, tf in Counter(tokens(doc[name], separator)).items():
                    score[word] += boost * tf * (_K1 + 1) / (tf + _K1)
        factor = (_SECTION if "#" in doc["location"] else _ARTICLE) * float(doc.get("boost", 1.0))
        for word, s in score.items():
            held[word] += 1
            if s * factor > best.get(word, 0.0):
                best[word] = s * factor
    return best, dict(held)


def postings(index: dict[str, Any], pages: list[list[dict[str, Any]]],
             words: list[PageWords] | None = None) -> dict[str, dict[int, int]]:
    """Every word of the index -> {page number: quantized weight}, the best `POSTINGS` pages kept. `words`:
    each page's words, when already known."""
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    holders: dict[str, int] = defaultdict(int)  # documents holding the word (lunr's idf counts documents)
    for number, page in enumerate(pages):
        best, held = words[number] if words else page_words(page, index["config"])
        for word, s in best.items():
            weights[word][number] = s
        for word, n in held.items():
            holders[word] += n
    total = sum(len(page) for page in pages)
    out: dict[str, dict[int, int]] = {}
    for word, by_page in weights.items():
        idf = math.log(1 + abs((total - holders[word] + 0.5) / (holders[word] + 0.5)))
        kept = sorted(by_page.items(), key=lambda kv: (-kv[1], kv[0]))[:POSTINGS]
        out[word] = {number: _quantize(w * idf) for number, w in sorted(kept)}
    return out


def _flat(by_page: dict[int, int]) -> list[int]:
    return [n for item in sorted(by_page.items()) for n in item]


def _split(prefix: str, words: list[str], table: dict[str, dict[int, int]], sizes: dict[str, int],
           nodes: list[tuple[str, dict[str, Any]]]) -> None:
    """The shard of `prefix` (every word in `words` starts with it): whole, or split by one more letter."""
    if sum(sizes[w] for w in words) <= TERM_SHARD or all(len(w) == len(prefix) for w in words):
        nodes.append((prefix, {"words": {w: _flat(table[w]) for w in words}}))
        return
    best: dict[int, int] = {}
    for w in words:
        for number, q in table[w].items():
            if q > best.get(number, -1):
                best[number] = q
    top = dict(sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:POSTINGS])
    nodes.append((prefix, {"prefix": _flat(top)}))  # a query word that ends here: the best pages of them all
    longer: dict[str, list[str]] = defaultdict(list)
    for w in words:
        if len(w) > len(prefix):
            longer[w[: len(prefix) + 1]].append(w)
    for child in sorted(longer):
        _split(child, longer[child], table, sizes, nodes)


def shard_index(index: dict[str, Any], known: dict[str, PageWords] | None = None) -> Shards:
    """The sharded files of a (folded, final) search index. `known`: each page's words by the page's JSON
    text, from an earlier call with the same config; replaced by this index's pages."""
    pages = pages_of(index["docs"])
    texts = [_dumps(page) for page in pages]
    cache = known if known is not None else {}
    words = [cache.get(text) or page_words(page, index["config"]) for page, text in zip(pages, texts, strict=True)]
    if known is not None:
        known.clear()
        known.update(zip(texts, words, strict=True))
    table = postings(index, pages, words)
    nodes: list[tuple[str, dict[str, Any]]] = []
    # a word's bytes in a shard, near enough: its quotes, colon and comma, and its numbers with their commas
    sizes = {w: len(w.encode()) + 4 + sum(len(str(n)) + len(str(q)) + 2 for n, q in by_page.items())
             for w, by_page in table.items()}
    _split("", sorted(table), table, sizes, nodes)
    manifest = {
        "config": index["config"],
        "documents": len(index["docs"]),
        "budget": PAGE_BUDGET,
        "most": MOST_PAGES,
        "pages": [len(text.encode()) for text in texts],
        "terms": [[prefix, "words" in node] for prefix, node in nodes],
    }
    return Shards(manifest, [node for _, node in nodes], pages, texts)


@dataclass
class ShardWriter:
    """Writes an edition's shards beside its index. The plugin keeps one per edition while serving: a page
    whose documents are unchanged keeps its words' scores, and a file whose text is unchanged is left as
    it is (a rebuild after an edit writes the few that changed)."""

    config: str = ""
    known: dict[str, PageWords] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    """Each file under search/ as this writer last wrote it."""

    def write(self, search_dir: Path) -> Shards:
        """Shard `search_dir/search_index.json` into manifest.json, terms/ and pages/ beside it, leaving none
        of the last build's. The manifest's `version` names this content: the worker asks for each shard
        with it, so a reader's browser never mixes two builds' shards."""
        index = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
        config = _dumps(index["config"])
        if config != self.config:
            self.config, self.known = config, {}
        shards = shard_index(index, self.known)
        texts = {f"terms/{n}.json": _dumps(node) for n, node in enumerate(shards.terms)}
        texts.update({f"pages/{n}.json": text for n, text in enumerate(shards.texts)})
        digest = hashlib.sha256()
        for name in sorted(texts):
            digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
        shards.manifest["version"] = digest.hexdigest()[:12]
        texts["manifest.json"] = _dumps(shards.manifest)
        manifest = search_dir / "manifest.json"
        if not (manifest.is_file() and manifest.read_text(encoding="utf-8") == self.written.get("manifest.json")):
            self.written = {}  # not what this writer left there (a clean build, a first one): all afresh
            for folder in ("terms", "pages"):
                shutil.rmtree(search_dir / folder, ignore_errors=True)
                (search_dir / folder).mkdir()
        for name in set(self.written) - set(texts):
            (search_dir / name).unlink(missing_ok=True)
        for name, text in texts.items():
            if name != "manifest.json" and self.written.get(name) != text:
                (search_dir / name).write_text(text, encoding="utf-8")
        manifest.write_text(texts["manifest.json"], encoding="utf-8")  # last: it names the others
        self.written = texts
        return shards


def write_shards(search_dir: Path) -> Shards:
    """Shard `search_dir/search_index.json` into files beside it, once (ShardWriter.write)."""
    return ShardWriter().write(search_dir)
