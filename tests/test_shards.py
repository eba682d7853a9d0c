"""The search index cut into shards (publish/shards.py) and what the index holds (publish/search.py): every
word leads to every page that holds it, through the shard the worker would fetch; weights rank as Material
does; shards stay small; the files are replaced whole; archivists' notes leave the index, treaty articles
are found by either form of their number."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from briefing.publish import shards
from briefing.publish.search import article_terms, fold_search_index, roman, without_marks
from briefing.publish.shards import pages_of, postings, shard_index, tokens, write_shards

from conftest import snapshot

SEPARATOR = r'[\s\-,:;!=\[\]()"`/«»“”‘’„]+|\.(?!\d)|&[lg]t;'
CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}


def _index(pages: int = 120, seed: int = 3) -> dict:
    """A made-up index: pages of sections, words drawn from a small vocabulary with shared prefixes."""
    rng = random.Random(seed)
    vocabulary = [a + b + c for a in ("ca", "ch", "co", "ár", "1", "x") for b in ("ra", "ve", "z", "") for c in
                  ("cas", "ez", "", "s", "12")]
    docs = []
    for n in range(pages):
        for s in range(rng.randint(1, 4)):
            location = f"p{n}/" + (f"#s{s}" if s else "")
            title = " ".join(rng.sample(vocabulary, 2))
            text = "<p>" + " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 40))) + "</p>"
            docs.append({"location": location, "title": title, "text": text})
    return {"config": CONFIG, "docs": docs}


def _lookup(result: shards.Shards, word: str) -> set[int]:
    """The pages the worker takes for a query word (briefing-search.js: shardOf, weights)."""
    keys = [prefix for prefix, _leaf in result.manifest["terms"]]
    candidates = [n for n, key in enumerate(keys) if word.startswith(key)]
    if not candidates:
        return set()
    n = max(candidates, key=lambda i: len(keys[i]))
    shard = result.terms[n]
    if "words" in shard:
        flats = [flat for w, flat in shard["words"].items() if w.startswith(word)]
    else:
        flats = [shard["prefix"]] if keys[n] == word else []
    return {page for flat in flats for page in flat[::2]}


def _holders(index: dict) -> dict[str, set[int]]:
    """Each word of the index -> the pages with a document holding it."""
    separator = re.compile(index["config"]["separator"])
    out: dict[str, set[int]] = {}
    for number, page in enumerate(pages_of(index["docs"])):
        for doc in page:
            for w in (w for f in ("title", "text") for w in tokens(doc[f], separator)):
                out.setdefault(w, set()).add(number)
    return out


def test_words_are_cut_as_materials_tokenizer_cuts_them():
    separator = re.compile(SEPARATOR)
    assert tokens('<p>Betssy Chávez (APRA) “went well”, U.S. 3.5 &lt;b&gt;</p><li>x</li>', separator) == [
        "betssy", "chávez", "apra", "went", "well", "u", "s", "3.5", "b", "x"]
    assert tokens(["Tag One", "two"], separator) == ["tag", "one", "two"]


def test_a_page_is_its_own_document_and_its_sections_in_the_index_order():
    docs = [{"location": "a/#s", "title": "S"}, {"location": "a/", "title": "A"}, {"location": "b/", "title": "B"}]
    assert [[d["location"] for d in page] for page in pages_of(docs)] == [["a/", "a/#s"], ["b/"]]


@pytest.mark.parametrize("term_shard", [40 * 1024, 600, 150])
def test_every_word_and_every_prefix_leads_to_every_page_holding_it(monkeypatch, term_shard):
    monkeypatch.setattr(shards, "TERM_SHARD", term_shard)
    index = _index()
    result = shard_index(index)
    holders = _holders(index)
    assert len(result.terms) == len(result.manifest["terms"])
    if term_shard < 1000:
        assert any(not leaf for _key, leaf in result.manifest["terms"])  # split
    for prefix in sorted({w[:end] for w in holders for end in range(1, len(w) + 1)}):
        holding = set().union(*(pages for w, pages in holders.items() if w.startswith(prefix)))
        found = _lookup(result, prefix)
        if len(holding) <= shards.POSTINGS:
            assert found == holding, (prefix, sorted(holding - found), sorted(found - holding))
        else:
            assert found <= holding and len(found) == shards.POSTINGS, prefix
    assert _lookup(result, "qqq") == set()


def test_shards_stay_small_and_a_split_shard_keeps_the_best_pages_of_its_words(monkeypatch):
    monkeypatch.setattr(shards, "TERM_SHARD", 800)
    monkeypatch.setattr(shards, "POSTINGS", 10)
    index = _index(pages=200)
    result = shard_index(index)
    table = postings(index, pages_of(index["docs"]))
    for (key, leaf), shard in zip(result.manifest["terms"], result.terms, strict=True):
        if leaf:
            # a shard holds its words whole; only one made of a single word may pass the limit
            assert len(shards._dumps(shard).encode()) <= 800 + 20 or len(shard["words"]) == 1, key
            continue
        best: dict[int, int] = {}
        for word, by_page in table.items():
            if word.startswith(key):
                for page, q in by_page.items():
                    best[page] = max(best.get(page, 0), q)
        top = sorted(best.values(), reverse=True)[:10]
        assert sorted(shard["prefix"][1::2], reverse=True) == top, key
        assert len(shard["prefix"]) == 2 * min(10, len(best))


def test_weights_rank_a_title_above_the_text_and_a_page_above_its_section(monkeypatch):
    monkeypatch.setattr(shards, "POSTINGS", 2)
    docs = [{"location": "text/", "title": "Other", "text": "<p>asylum asylum asylum</p>"},
            {"location": "page/", "title": "Asylum", "text": ""},
            {"location": "section/", "title": "Section page", "text": ""},
            {"location": "section/#s", "title": "Asylum", "text": ""},
            *({"location": f"filler{n}/", "title": "Filler", "text": "<p>words</p>"} for n in range(20))]
    index = {"config": CONFIG, "docs": docs}
    table = postings(index, pages_of(docs))
    numbers = {page[0]["location"]: n for n, page in enumerate(pages_of(docs))}
    asylum = table["asylum"]
    assert asylum[numbers["page/"]] > asylum[numbers["section/"]]
    assert set(asylum) == {numbers["page/"], numbers["section/"]}  # the best two kept: the text-only page is out
    assert table["filler"][numbers["filler0/"]] < asylum[numbers["section/"]]  # a common word weighs less


def test_written_shards_hold_every_document_once_and_replace_the_last_ones(tmp_path: Path):
    search = tmp_path / "search"
    search.mkdir()
    index = _index(pages=40)
    (search / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    first = write_shards(search)
    manifest = json.loads((search / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == len(index["docs"]) and manifest["config"] == CONFIG
    assert manifest["budget"] == shards.PAGE_BUDGET and manifest["most"] == shards.MOST_PAGES
    assert len(manifest["pages"]) == 40
    written = [json.loads((search / "pages" / f"{n}.json").read_text(encoding="utf-8")) for n in range(40)]
    assert sorted(d["location"] for page in written for d in page) == sorted(d["location"] for d in index["docs"])
    assert [len((search / "pages" / f"{n}.json").read_bytes()) for n in range(40)] == manifest["pages"]
    assert len(list((search / "terms").iterdir())) == len(manifest["terms"]) == len(first.terms)
    assert write_shards(search).manifest["version"] == manifest["version"]  # the same index, the same names

    index["docs"] = [d for d in index["docs"] if not d["location"].startswith("p3")]  # p3/, p30/ to p39/ go
    (search / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    again = write_shards(search)
    assert sorted(p.name for p in (search / "pages").iterdir()) == sorted(f"{n}.json" for n in range(29))
    assert again.manifest["version"] != manifest["version"]


def test_archivists_notes_leave_the_indexed_text_and_articles_are_found_by_either_number(tmp_path: Path):
    path = tmp_path / "search_index.json"
    docs = [{"location": "legal/x/", "title": "Convention on Asylum (Caracas, 1954)", "text": "<p>A treaty.</p>"},
            {"location": "legal/x/#art-12", "title": "Article XII: departure of the asylee",
             "text": "<p>ARTÍCULO XII Otorgado el asilo ... salvocondu\" [STORED COPY ENDS HERE] (Same page</p>"},
            {"location": "sources/y/", "title": "A source",
             "text": '<p>niega. [...] ARTÍCULO III</p><p>Partial: "[...]" marks passages left out</p>'},
            {"location": "legal/z/", "title": "Artículo 4: urgency", "text": "<p>Article CIVIL and art. V</p>"}]
    path.write_text(json.dumps({"config": dict(CONFIG), "docs": docs}), encoding="utf-8")
    fold_search_index(path)
    out = {d["location"]: d for d in json.loads(path.read_text(encoding="utf-8"))["docs"]}
    article = out["legal/x/#art-12"]
    assert "[STORED" not in article["text"] and "salvocondu\" (Same page" in article["text"]
    assert out["sources/y/"]["text"] == '<p>niega. ARTÍCULO III</p><p>Partial: "[...]" marks passages left out</p>'
    # a heading's article by its other number, in either language; its passage by its treaty's name too
    assert article["folded_title"].split() == ["12", "article", "artículo", "articulo"]
    assert {"Caracas", "1954", "Convention"} <= set(article["folded"].split())
    assert "12" not in article["folded"].split()
    assert "iv" in out["legal/z/"]["folded_title"].split()  # a page headed by an article keeps its own name
    # an article named in running text, not a heading, gets nothing: a text quoting Article XII does not
    # outrank the article's own passage for "article 12"
    assert "5" not in out["legal/z/"].get("folded", "").split() and "3" not in out["sources/y/"]["folded"].split()


def test_roman_numerals_and_article_words():
    assert [roman(n) for n in (1, 4, 9, 12, 14, 19, 40, 90, 399)] == [
        "I", "IV", "IX", "XII", "XIV", "XIX", "XL", "XC", "CCCXCIX"]
    assert article_terms("Article XII") == ["12", "article", "artículo", "articulo"]
    assert article_terms("artículo 12") == ["xii", "article", "artículo", "articulo"]
    assert article_terms("Art. IV and article 0, Article IIII, Article CIVIL, the article in question") == [
        "4", "article", "artículo", "articulo"]
    assert without_marks("a [...] b […] c [COPY ENDS] d [sic] [EU] [A NOTE]") == "a b c d [sic] [EU] [A NOTE]"


def test_a_writer_kept_between_builds_works_out_and_writes_only_what_changed(tmp_path: Path, monkeypatch):
    search = tmp_path / "search"
    search.mkdir()
    index = _index(pages=30)
    (search / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    writer = shards.ShardWriter()
    writer.write(search)
    worked: list[str] = []
    real = shards.page_words

    def page_words(page, config):
        worked.append(page[0]["location"])
        return real(page, config)

    monkeypatch.setattr(shards, "page_words", page_words)
    index["docs"][0]["text"] = "<p>an edit</p>"  # p0/'s own document
    (search / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    written: list[str] = []
    write_text = Path.write_text

    def recorded(path, *args, **kwargs):
        written.append(path.relative_to(search).as_posix())
        return write_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", recorded)
    again = writer.write(search)
    assert worked == ["p0/"]  # the other pages' words were known
    assert [w for w in written if w.startswith("pages/")] == ["pages/0.json"] and "manifest.json" in written
    assert len(written) < 10  # a few term shards changed with p0/'s words, not the 30 pages and all the shards
    assert again.terms == shard_index(index).terms  # what a writer afresh makes
    for n, text in enumerate(again.texts):
        assert (search / "pages" / f"{n}.json").read_text(encoding="utf-8") == text

    shutil.rmtree(search / "pages")  # a clean build emptied the folder: everything is written again
    (search / "manifest.json").unlink()
    written.clear()
    writer.write(search)
    assert len(list((search / "pages").iterdir())) == 30 and len(written) > 30


def _from_nothing(index: dict) -> tuple[dict, list[str], list[str]]:
    """The manifest (without its version), term shards and pages of an index as first written: every page's
    words, every word's postings and every shard worked out from nothing, one after the other (the reference
    `Terms` is held to, byte for byte)."""
    pages = pages_of(index["docs"])
    weights: dict[str, dict[int, float]] = {}
    holders: dict[str, int] = {}
    for number, page in enumerate(pages):
        best, held = shards.page_words(page, index["config"])
        for word, s in best.items():
            weights.setdefault(word, {})[number] = s
        for word, n in held.items():
            holders[word] = holders.get(word, 0) + n
    total = len(index["docs"])
    table = {}
    for word, by_page in weights.items():
        idf = shards.math.log(1 + abs((total - holders[word] + 0.5) / (holders[word] + 0.5)))
        kept = sorted(by_page.items(), key=lambda kv: (-kv[1], kv[0]))[:shards.POSTINGS]
        table[word] = {number: shards._quantize(w * idf) for number, w in sorted(kept)}

    def flat(by_page: dict[int, int]) -> list[int]:
        return [n for item in sorted(by_page.items()) for n in item]

    sizes = {w: len(w.encode()) + 4 + sum(len(str(n)) + len(str(q)) + 2 for n, q in by_page.items())
             for w, by_page in table.items()}
    nodes: list[tuple[str, dict]] = []

    def split(prefix: str, words: list[str]) -> None:
        if sum(sizes[w] for w in words) <= shards.TERM_SHARD or all(len(w) == len(prefix) for w in words):
            nodes.append((prefix, {"words": {w: flat(table[w]) for w in words}}))
            return
        best: dict[int, int] = {}
        for w in words:
            for number, q in table[w].items():
                best[number] = max(best.get(number, -1), q)
        nodes.append((prefix, {"prefix": flat(dict(sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
                                                   [:shards.POSTINGS]))}))
        longer: dict[str, list[str]] = {}
        for w in words:
            if len(w) > len(prefix):
                longer.setdefault(w[:len(prefix) + 1], []).append(w)
        for child in sorted(longer):
            split(child, longer[child])

    split("", sorted(table))
    texts = [shards._dumps(page) for page in pages]
    manifest = {"config": index["config"], "documents": total, "budget": shards.PAGE_BUDGET,
                "most": shards.MOST_PAGES, "pages": [len(t.encode()) for t in texts],
                "terms": [[prefix, "words" in node] for prefix, node in nodes]}
    return manifest, [shards._dumps(node) for _prefix, node in nodes], texts


def _edit(index: dict, rng: random.Random, n: int) -> None:
    """One editor's change to an index, as a rebuild's: a title or a text changed (new words, words gone), a
    section added or taken out (the count of documents changes), a page added, taken out or moved."""
    docs = index["docs"]
    at = rng.randrange(len(docs))
    page = docs[at]["location"].split("#", 1)[0]
    kind = n % 6
    if kind == 0:
        docs[at]["title"] = f"Edited{n} {docs[at]['title'].split()[-1]} carz{n}"
    elif kind == 1:
        docs[at]["text"] = "<p>" + " ".join(rng.sample(docs[at]["text"][3:-4].split() or ["x"], 1)) + "</p>"
    elif kind == 2:
        docs.insert(at + 1, {"location": f"{page}#new{n}", "title": f"New section {n}", "text": "<p>caravez</p>"})
    elif kind == 3:
        docs[:] = [d for d in docs if d["location"].split("#", 1)[0] != page]
    elif kind == 4:
        docs.insert(at, {"location": f"added{n}/", "title": f"Added page chez{n}", "text": "<p>zzz coz</p>"})
    else:
        moved = [d for d in docs if d["location"].split("#", 1)[0] == page]
        docs[:] = [d for d in docs if d["location"].split("#", 1)[0] != page] + moved


@pytest.mark.parametrize("term_shard", [40 * 1024, 600, 150])
def test_shards_are_what_working_them_out_from_nothing_makes(monkeypatch, term_shard):
    monkeypatch.setattr(shards, "TERM_SHARD", term_shard)
    monkeypatch.setattr(shards, "POSTINGS", 12)  # so that common words keep only their best pages
    for seed in range(3):
        index = _index(pages=90, seed=seed)
        result = shard_index(index)
        manifest = {k: v for k, v in result.manifest.items() if k != "version"}
        assert (manifest, result.term_texts, result.texts) == _from_nothing(index)
    empty = shard_index({"config": CONFIG, "docs": []})
    assert empty.term_texts == ['{"words":{}}'] and empty.manifest["terms"] == [["", True]]


@pytest.mark.parametrize("term_shard", [40 * 1024, 600, 150])
def test_a_writer_kept_through_edits_writes_what_a_writer_afresh_writes(tmp_path: Path, monkeypatch, term_shard):
    monkeypatch.setattr(shards, "TERM_SHARD", term_shard)
    monkeypatch.setattr(shards, "POSTINGS", 12)
    kept_dir, fresh_dir = tmp_path / "kept", tmp_path / "fresh"
    kept_dir.mkdir()
    index = _index(pages=60, seed=term_shard)
    rng = random.Random(term_shard)
    writer = shards.ShardWriter()
    for n in range(24):  # four of each kind of edit
        (kept_dir / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        kept = writer.write(kept_dir)
        shutil.rmtree(fresh_dir, ignore_errors=True)
        fresh_dir.mkdir()
        (fresh_dir / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        fresh = write_shards(fresh_dir)
        assert kept.manifest == fresh.manifest, n
        assert snapshot(kept_dir) == snapshot(fresh_dir), n  # every file, byte for byte, and no other
        manifest = {k: v for k, v in fresh.manifest.items() if k != "version"}
        assert (manifest, fresh.term_texts, fresh.texts) == _from_nothing(index), n
        _edit(index, rng, n)


def test_folding_with_a_kept_cache_folds_only_what_changed_and_makes_what_folding_afresh_makes(monkeypatch):
    from briefing.publish import search

    docs: list[dict[str, Any]] = [
        {"location": "legal/x/", "title": "Convención de Caracas", "text": "<p>asilo diplomático [...] x</p>"},
        {"location": "legal/x/#art-12", "title": "Artículo XII", "text": "<p>salvoconducto</p>"},
        {"location": "people/ana/", "title": "Ana Pérez", "text": "<p>Habló.</p>"},
        {"location": "people/ana/#roles", "title": "Roles", "text": "<p>Ministra</p>", "tags": ["a"]}]
    aliases = {"people/ana/": ["Ana Perez Gómez"]}
    folded: list[str] = []
    real = search._fold

    def counting(doc, names, page):
        folded.append(doc["location"])
        return real(doc, names, page)

    monkeypatch.setattr(search, "_fold", counting)

    def fold(index: dict, aliases: dict, cache: search.FoldCache | None) -> tuple[dict, int]:
        changed = search.fold_index(index, aliases, cache)
        return index, changed

    cache: search.FoldCache = {}
    original = [dict(d) for d in docs]
    first = fold({"config": dict(CONFIG), "docs": list(docs)}, aliases, cache)
    assert docs == original  # the index's own documents are left as they were (the serve carries them)
    assert first == fold({"config": dict(CONFIG), "docs": list(docs)}, aliases, None)
    assert "[...]" not in first[0]["docs"][0]["text"] and first[0]["docs"][1]["folded"] == "Convencion de Caracas"
    folded.clear()
    again = fold({"config": dict(CONFIG), "docs": list(docs)}, aliases, cache)
    assert again == first and folded == []  # nothing changed: nothing folded again
    # the page's other names changed, a section's page renamed, a text edited: those are folded again
    docs[0] = {**docs[0], "title": "Convención de Viena"}
    docs[2] = {**docs[2], "text": "<p>Habló después.</p>"}
    aliases = {"people/ana/": ["Ana Pérez"]}
    edited = fold({"config": dict(CONFIG), "docs": list(docs)}, aliases, cache)
    assert sorted(folded) == ["legal/x/", "legal/x/#art-12", "people/ana/"]
    assert edited == fold({"config": dict(CONFIG), "docs": list(docs)}, aliases, None)
    assert edited[0]["docs"][1]["folded"] == "Convencion de Viena" and len(cache) == 4
