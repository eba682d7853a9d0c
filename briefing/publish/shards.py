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

The plugin keeps a `ShardWriter` per edition while serving, and its `Terms` work out again only what an edit
changed: the words of the pages whose documents changed, the postings of those words (of every word when the
number of documents changed, as each word's rarity counts it), and the shards those words fall in; the rest,
with the files, is the last build's. What it writes is what a writer afresh writes from the same index, byte
for byte.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import math
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from json.encoder import encode_basestring
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
    """The files of a sharded index: the manifest, the term shards (their JSON text) and the pages (with their
    JSON text)."""

    manifest: dict[str, Any]
    term_texts: list[str] = field(default_factory=list)
    pages: list[list[dict[str, Any]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[dict[str, Any]]:
        """Each term shard's content."""
        return [json.loads(text) for text in self.term_texts]


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


def _rarity(documents: int, holders: int) -> float:
    """lunr's idf: documents, not pages, count."""
    return math.log(1 + abs((documents - holders + 0.5) / (holders + 0.5)))


def _posting(by_page: dict[int, float], idf: float) -> dict[int, int]:
    """A word's pages with their quantized weights (`_quantize`), the best `POSTINGS` kept, by page number."""
    kept = by_page.items() if len(by_page) <= POSTINGS else \
        sorted(by_page.items(), key=lambda kv: (-kv[1], kv[0]))[:POSTINGS]
    log2 = math.log2
    out = {}
    for number, score in sorted(kept):
        weight = score * idf
        q = round(4 * log2(weight if weight > 1e-6 else 1e-6)) + 16  # _quantize, inlined: it runs per posting
        out[number] = q if q > 0 else 0
    return out


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
    return {word: _posting(by_page, _rarity(total, holders[word])) for word, by_page in weights.items()}


Node = tuple[str, bool, str]
"""A term shard: its prefix, whether it holds its words (or only, split, the best pages of them all), its text."""


class Terms:
    """The term shards of an index, worked out again after a change only where it falls.

    Kept from one `update` to the next: each page's words (by its number, and by its JSON text, so a page that
    moved keeps them), each word's scores and holders over the pages, its postings with their JSON text, and
    each prefix's shards (the shard of the prefix and those it is split into) with the best pages of its words.
    A word whose postings changed takes the shards of its prefixes with it; the others are kept."""

    def __init__(self) -> None:
        self._reset({})

    def _reset(self, config: dict[str, Any]) -> None:
        self.limits = (TERM_SHARD, POSTINGS)
        self.config = config
        self.texts: list[str] = []
        self.words: list[PageWords] = []
        self.documents = 0
        self.scores: dict[str, dict[int, float]] = {}
        self.holders: dict[str, int] = {}
        self.table: dict[str, dict[int, int]] = {}
        self.entries: dict[str, tuple[str, int]] = {}
        """Each word's entry in its shard ('"word":[page,weight,...]') and its size in bytes, near enough."""
        self.sorted: list[str] = []
        self.sizes: list[int] = []
        self.sums: list[int] = [0]
        """The sizes of the sorted words, summed: the words of a prefix are a run of them."""
        self.subtrees: dict[str, list[Node]] = {}
        self.bests: dict[str, dict[int, int]] = {}
        """Each page's best weight among the words of a prefix."""

    def update(self, config: dict[str, Any], pages: list[list[dict[str, Any]]], texts: list[str]) -> list[Node]:
        """The term shards of the index whose pages (with their JSON texts) are given, in order."""
        if self.limits != (TERM_SHARD, POSTINGS) or config != self.config:
            self._reset(config)
        changed = self._pages(config, pages, texts)
        documents = sum(len(page) for page in pages)
        if documents != self.documents:
            self.documents = documents
            changed.update(self.scores)  # every word's rarity, as well as the words gone
        moved = self._postings(changed)
        if moved:
            if any(word not in self.entries for word in moved) or len(self.sorted) != len(self.entries):
                self.sorted = sorted(self.entries)  # a word came or went
                self.sizes = [self.entries[w][1] for w in self.sorted]
            else:
                for word in moved:
                    self.sizes[bisect.bisect_left(self.sorted, word)] = self.entries[word][1]
            self.sums = [0, *itertools.accumulate(self.sizes)]
            if 4 * len(moved) > len(self.entries):  # most words: quicker afresh
                self.subtrees, self.bests = {}, {}
            for word in moved if self.subtrees else ():
                for end in range(len(word) + 1):  # the shards of each of its prefixes
                    self.subtrees.pop(word[:end], None)
                    self.bests.pop(word[:end], None)
        return self._subtree("", 0, len(self.sorted))

    def _pages(self, config: dict[str, Any], pages: list[list[dict[str, Any]]], texts: list[str]) -> set[str]:
        """Takes each changed page's words out of the scores and puts its new ones in; returns the words whose
        scores changed."""
        known = dict(zip(self.texts, self.words, strict=True))
        changed: set[str] = set()
        numbers = max(len(texts), len(self.texts))
        old_texts, old_words = self.texts, self.words
        self.texts, self.words = list(texts), []
        scores, holders = self.scores, self.holders
        for number in range(numbers):
            text = texts[number] if number < len(texts) else None
            if number < len(old_texts) and old_texts[number] == text:
                self.words.append(old_words[number])
                continue
            if number < len(old_texts):
                best, held = old_words[number]
                for word in best:
                    by_page = scores[word]
                    del by_page[number]
                    if not by_page:
                        del scores[word]
                changed.update(held)
                for word, n in held.items():
                    holders[word] -= n
                    if not holders[word]:
                        del holders[word]
            if text is None:
                continue
            words = known.get(text) or page_words(pages[number], config)
            self.words.append(words)
            best, held = words
            for word, score in best.items():
                if word in scores:
                    scores[word][number] = score
                else:
                    scores[word] = {number: score}
            changed.update(held)
            for word, n in held.items():
                holders[word] = holders.get(word, 0) + n
        return changed

    def _postings(self, changed: set[str]) -> set[str]:
        """The postings of the changed words worked out again; returns the words whose entry changed."""
        moved: set[str] = set()
        for word in changed:
            by_page = self.scores.get(word)
            if by_page is None:
                if word in self.entries:
                    del self.table[word], self.entries[word]
                    moved.add(word)
                continue
            posting = _posting(by_page, _rarity(self.documents, self.holders[word]))
            if self.table.get(word) == posting:
                continue
            self.table[word] = posting
            flat = ",".join(map(str, itertools.chain.from_iterable(posting.items())))  # as JSON writes them
            # a word's bytes in a shard, near enough: its quotes, colon and comma, and its numbers with their commas
            self.entries[word] = (encode_basestring(word) + ":[" + flat + "]", len(word.encode()) + 5 + len(flat))
            moved.add(word)
        return moved

    def _subtree(self, prefix: str, lo: int, hi: int) -> list[Node]:
        """The shards of `prefix`, whose words are sorted[lo:hi]: its own, whole or split by one more letter
        (then the shards of each longer prefix follow)."""
        done = self.subtrees.get(prefix)
        if done is not None:
            return done
        words = self.sorted
        if self.sums[hi] - self.sums[lo] <= TERM_SHARD or (hi - lo == 1 and words[lo] == prefix):
            text = '{"words":{' + ",".join(self.entries[w][0] for w in words[lo:hi]) + "}}"
            nodes: list[Node] = [(prefix, True, text)]
        else:
            children: list[Node] = []
            best = dict(self.table[prefix]) if words[lo] == prefix else {}
            start = lo + 1 if words[lo] == prefix else lo
            length = len(prefix) + 1
            while start < hi:
                child = words[start][:length]
                end = bisect.bisect_right(words, child, start, hi, key=lambda w: w[:length])
                children += self._subtree(child, start, end)
                for number, q in self._best(child, start, end).items():
                    if q > best.get(number, -1):
                        best[number] = q
                start = end
            self.bests[prefix] = best  # the parent's best, from its children's
            top = sorted(sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:POSTINGS])
            nodes = [(prefix, False, '{"prefix":' + _dumps([n for item in top for n in item]) + "}"), *children]
        self.subtrees[prefix] = nodes
        return nodes

    def _best(self, prefix: str, lo: int, hi: int) -> dict[int, int]:
        """Each page's best weight among the words of `prefix` (sorted[lo:hi])."""
        best = self.bests.get(prefix)
        if best is None:
            best = {}
            for word in self.sorted[lo:hi]:
                for number, q in self.table[word].items():
                    if q > best.get(number, -1):
                        best[number] = q
            self.bests[prefix] = best
        return best


def shard_index(index: dict[str, Any], terms: Terms | None = None) -> Shards:
    """The sharded files of a (folded, final) search index. `terms`: the term shards of an earlier index with
    the same config, brought up to date with this one."""
    pages = pages_of(index["docs"])
    texts = [_dumps(page) for page in pages]
    nodes = (terms or Terms()).update(index["config"], pages, texts)
    manifest = {
        "config": index["config"],
        "documents": len(index["docs"]),
        "budget": PAGE_BUDGET,
        "most": MOST_PAGES,
        "pages": [len(text.encode()) for text in texts],
        "terms": [[prefix, leaf] for prefix, leaf, _text in nodes],
    }
    return Shards(manifest, [text for _prefix, _leaf, text in nodes], pages, texts)


@dataclass
class ShardWriter:
    """Writes an edition's shards beside its index. The plugin keeps one per edition while serving: what an
    edit did not change is not worked out again (`Terms`), and a file whose text is unchanged is left as it is
    (a rebuild after an edit writes the few that changed)."""

    terms: Terms = field(default_factory=Terms)
    written: dict[str, str] = field(default_factory=dict)
    """Each file under search/ as this writer last wrote it."""

    def write(self, search_dir: Path, index: dict[str, Any] | None = None) -> Shards:
        """Shard the index (`search_dir/search_index.json`, unless given) into manifest.json, terms/ and pages/
        beside it, leaving none of the last build's. The manifest's `version` names this content: the worker asks
        for each shard with it, so a reader's browser never mixes two builds' shards."""
        if index is None:
            index = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
        shards = shard_index(index, self.terms)
        texts = {f"terms/{n}.json": text for n, text in enumerate(shards.term_texts)}
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
