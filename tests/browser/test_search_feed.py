"""How search is fed (briefing/publish/shards.py, theme/assets/javascripts/workers/briefing-search.js), as a
reader meets it: no page load downloads any of the index; a query downloads its term shards and the pages it
needs, within the manifest's budget; treaty articles are found by either form of their number and in either
language; no excerpt shows an archivist's note; a result's link leads to its page with the words found
marked; and each edition of the bilingual mini searches its own index, in its language.

Every query's downloads are written to test-results/search-downloads.json (each shard with its bytes)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from briefing.facts.archive import ARCHIVE_MARK
from briefing.publish.search import roman
from briefing.text import fold

from .conftest import ROOT, open_context, serving
from .test_search import results

ARTICLE_QUERIES = ["Caracas article 12", "article XII", "artículo 12", "Article 12"]
"""Each finds the legal basis page's passage for Article XII of the 1954 Caracas Convention first."""
ARTICLE_XII = "legal/caracas-convention-1954/#caracas-art-12"

NOTE = re.compile(r'(?<!["“])(?:' + ARCHIVE_MARK.pattern + r')(?!["”])')
"""An archivist's note in a text; one in quotes is a description of the archive naming it
('Partial: "[...]" marks passages left out')."""
MARKED_TEXTS = ["salvocondu", "ARTÍCULO", "asilo", "Quito", "provisional measures", "copy", "stored",
                "Haya de la Torre", "Asylum Case"]
"""Queries whose results come from archived texts with archivists' notes ([...], [STORED COPY ENDS HERE])."""

SPANISH_WORDS = [("salvoconducto", "legal/caracas-convention-1954/", 3),
                 ("ruptura", "legal/caracas-convention-1954/", 2),
                 ("persona non grata", "glossary/", 2), ("asilado", "legal/caracas-convention-1954/", 2)]
"""The real briefing (English only) quotes the treaty in Spanish: Spanish words find the provisions."""

FOLLOWED = ["Caracas article 12", "Chavez", "safe conduct", "persona non grata", "Sheinb"]
"""Queries whose results are followed to their pages."""

MEASURED = [*ARTICLE_QUERIES, "Chavez", "persona non grata", "salvoconducto", "63 votes", "Lopez Obrador", "a"]
"""Queries whose downloads are measured and recorded."""


def _serve(site: Path, sub: str, folder: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/<sub>/ serving `site`; stops when the generator is closed."""
    (folder / sub).parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site, folder / sub, symlinks=True)
    with serving(folder, f"{sub}/") as url:
        yield url


class Downloads:
    """Every response of a browser context (the page's and its workers'); `seen` gives each one's path under
    the site, bytes and gzipped bytes (read when asked, while the context is open)."""

    def __init__(self, context, base_url: str):
        self.base = base_url
        self.responses: list = []
        self.sizes: list[tuple[str, int, int]] = []
        context.on("response", lambda r: self.responses.append(r) if r.status == 200 and r.url.startswith(
            base_url) else None)

    @property
    def seen(self) -> list[tuple[str, int, int]]:
        for response in self.responses[len(self.sizes):]:
            body = response.body()
            self.sizes.append((response.url.removeprefix(self.base), len(body), len(gzip.compress(body, 9))))
        return self.sizes

    def since(self, mark: int) -> list[tuple[str, int, int]]:
        return self.seen[mark:]


def _search_files(downloads: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """What searching downloaded: the index's files, Material's search worker and lunr's language scripts."""
    return [d for d in downloads if "search/" in d[0].split("/workers/")[0] or "/workers/search." in d[0]
            or "/javascripts/lunr/" in d[0]]


@pytest.fixture(scope="module")
def searching(browser, base_url):
    """One reader's tab on the real site, its search box open, and what it downloaded."""
    context, watch = open_context(browser)
    downloads = Downloads(context, base_url)
    page = context.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    yield page, base_url, downloads
    assert not watch.problems(), watch.problems()
    context.close()


@pytest.fixture(scope="module")
def manifest(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ["", "timeline/", "people/betssy-chavez/", "legal/caracas-convention-1954/"])
def test_no_page_load_downloads_the_index(browser, base_url, path):
    context, watch = open_context(browser)
    downloads = Downloads(context, base_url)
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url.removeprefix(base_url)))
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(800)  # the search worker starts after the page has loaded
    assert not [u for u in requested if u.startswith("search/") or "/workers/search." in u], requested
    worker = [d for d in downloads.seen if "/workers/briefing-search.js" in d[0]]
    assert len(worker) == 1 and worker[0][2] < 4_000, worker  # ours, small, started by Material's page script
    # opening the search box downloads nothing either: only a typed query does
    page.keyboard.press("/")
    page.wait_for_timeout(500)
    assert not _search_files(downloads.seen), downloads.seen
    assert not watch.problems(), watch.problems()
    context.close()


def _first_section(found: list[dict]) -> str:
    """The first result that is a passage of a page (a section), as a path with its anchor."""
    for result in found:
        for href in result["hrefs"]:
            parts = urlsplit(href)
            if parts.fragment:
                return parts.path + "#" + parts.fragment
    return ""


def _results_with_links(page, query: str) -> list[dict]:
    """The results, each with the links it shows (the page's, then its best sections'; not those folded)."""
    found = results(page, query)
    links = page.eval_on_selector_all(".md-search-result__item", """items => items.map(item =>
        Array.from(item.querySelectorAll('a.md-search-result__link'))
            .filter(a => !a.closest('details:not([open])')).map(a => a.href))""")
    for result, hrefs in zip(found, links, strict=True):
        result["hrefs"] = hrefs
    return found


@pytest.mark.parametrize("query", ARTICLE_QUERIES)
def test_a_treaty_article_is_found_by_its_number_in_either_form(searching, query):
    page, base_url, _ = searching
    found = _results_with_links(page, query)
    root = urlsplit(base_url).path
    assert found[0]["path"] == root + "legal/caracas-convention-1954/", [r["path"] for r in found[:5]]
    assert _first_section(found) == root + ARTICLE_XII, (query, [r["hrefs"][:2] for r in found[:3]])


@pytest.mark.parametrize(("query", "expected", "within"), SPANISH_WORDS, ids=[q for q, _, _ in SPANISH_WORDS])
def test_spanish_words_find_the_spanish_texts(searching, query, expected, within):
    page, base_url, _ = searching
    paths = list(dict.fromkeys(r["path"] for r in results(page, query)))
    assert urlsplit(base_url).path + expected in paths[:within], (query, paths[:5])


def test_no_excerpt_shows_an_archivists_note(searching):
    page, _, _ = searching
    shown = 0
    for query in MARKED_TEXTS:
        found = results(page, query)
        texts = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
        assert found, query
        for text in texts:
            note = NOTE.search(text)
            assert not note, (query, text[max(0, note.start() - 100):note.end() + 50])
        shown += len(texts)
    assert shown > 20  # the archived texts' pages were among them


def _words_marked_on_arrival(page) -> list[str]:
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    return page.eval_on_selector_all("[data-md-component=content] mark[data-md-highlight]",
                                     "marks => marks.map(m => m.textContent)")


def _is_query_word(marked: str, words: list[str]) -> bool:
    text = fold(marked).lower()
    numbers = {roman(int(w)).lower() for w in words if w.isdigit() and 0 < int(w) < 400}
    return any(text.startswith(w) for w in words) or text in numbers


@pytest.mark.parametrize("query", FOLLOWED)
def test_following_a_result_marks_the_words_found(browser, base_url, query):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    found = _results_with_links(page, query)
    words = [fold(w).lower() for w in query.split()]
    # the first result's page (a whole page) and the first section found (a passage of a page)
    links = [found[0]["hrefs"][0], next(h for r in found for h in r["hrefs"] if "#" in h)]
    for link in links:
        carried = parse_qs(urlsplit(link).query).get("h", [""])[0]
        assert carried.strip(), f"{query!r}: {link} carries no words to highlight"
        page.goto(base_url)
        page.keyboard.press("/")
        results(page, query)
        page.locator(f'.md-search-result__item a.md-search-result__link[href="{link}"]').first.click()
        page.wait_for_url(link)
        marked = _words_marked_on_arrival(page)
        assert marked, f"{query!r}: nothing marked on {link}"
        assert all(_is_query_word(m, words) for m in marked), (query, link, marked[:10])
        if "#" in link:  # the passage arrived at shows a word marked
            anchor = urlsplit(link).fragment
            near = page.evaluate("""id => { const el = document.getElementById(id);
                const block = el && (el.closest('section, li, p, h2, h3, h4, tr, div') || el);
                return block ? block.querySelectorAll('mark[data-md-highlight]').length : -1 }""", anchor)
            assert near != 0, (link, near)
    assert not watch.problems(), watch.problems()
    context.close()


def test_each_query_downloads_only_what_it_needs(browser, base_url, manifest, results_dir):
    context, watch = open_context(browser)
    downloads = Downloads(context, base_url)
    page = context.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    record: dict[str, dict] = {}
    budget = manifest["budget"]
    for query in MEASURED:
        page.locator("input.md-search__input").press("Control+a")
        page.locator("input.md-search__input").press("Backspace")
        page.wait_for_timeout(300)
        mark = len(downloads.seen)
        results(page, query)
        got = _search_files(downloads.since(mark))
        pages = [d for d in got if d[0].startswith("search/pages/")]
        terms = [d for d in got if d[0].startswith("search/terms/")]
        assert not [d for d in got if d[0].startswith("search/search_index")], got  # never the whole index
        others = [d[0] for d in got if d not in pages and d not in terms]
        assert set(others) <= {"search/manifest.json", *(d[0] for d in got if "/workers/search." in d[0])}, others
        page_bytes = sum(d[1] for d in pages)
        assert page_bytes <= max(budget, max((d[1] for d in pages), default=0)), (query, page_bytes)
        assert len(pages) <= manifest["most"], (query, len(pages))
        record[query] = {"bytes": sum(d[1] for d in got), "gzipped bytes": sum(d[2] for d in got),
                         "files": [[d[0].split("?")[0], d[1], d[2]] for d in got]}
    (results_dir / "search-downloads.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    first = record[MEASURED[0]]  # the first query also brings the manifest and Material's search worker
    assert any(f[0] == "search/manifest.json" for f in first["files"]), first
    assert max(r["bytes"] for r in record.values()) < 1_000_000, {q: r["bytes"] for q, r in record.items()}
    assert not watch.problems(), watch.problems()
    context.close()


@pytest.fixture(scope="module")
def small_budget(built_site: Path, tmp_path_factory) -> Iterator[str]:
    """A copy of the real site whose manifest allows 24 KB of pages per query, and 8 pages at most: a site
    far larger than its budgets, as at 100x."""
    folder = tmp_path_factory.mktemp("small-budget")
    site = folder / "site"
    shutil.copytree(built_site, site)
    path = site / "search" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["budget"], data["most"] = 24_000, 8
    path.write_text(json.dumps(data), encoding="utf-8")
    yield from _serve(site, "peru-mexico-briefing", folder / "served")


@pytest.mark.parametrize(("query", "expected"), [("Chavez", "people/betssy-chavez/"),
                                                 ("Caracas article 12", "legal/caracas-convention-1954/"),
                                                 ("Sheinbaum", "people/claudia-sheinbaum/")])
def test_a_query_keeps_to_the_budget_and_still_finds_the_best_page(browser, small_budget, query, expected):
    context, watch = open_context(browser)
    downloads = Downloads(context, small_budget)
    page = context.new_page()
    page.goto(small_budget)
    page.keyboard.press("/")
    found = results(page, query)
    pages = [d for d in downloads.seen if d[0].startswith("search/pages/")]
    biggest = max(d[1] for d in pages)
    assert sum(d[1] for d in pages) <= max(24_000, biggest) and len(pages) <= 8, pages  # far from the whole index
    assert found[0]["path"] == urlsplit(small_budget).path + expected, [r["path"] for r in found[:5]]
    assert not watch.problems(), watch.problems()
    context.close()


# The bilingual mini: an English edition at /mini/ and a Spanish one at /mini/es/, each with its own index.
MINI_QUERIES = {  # (query, the page it finds, how high: 1 = first)
    "": [("Perez", "people/ana-perez/", 1), ("Pérez", "people/ana-perez/", 1), ("legation", "glossary/", 1),
         ("article 1", "legal/example-treaty/", 1), ("artículo 1", "legal/example-treaty/", 1),
         ("Article I", "legal/example-treaty/", 1), ("meddlers", "glossary/", 2)],
    "es/": [("Perez", "people/ana-perez/", 1), ("legación", "glossary/", 1), ("legacion", "glossary/", 1),
            ("artículo 1", "legal/example-treaty/", 1), ("article I", "legal/example-treaty/", 1),
            ("entrometidos", "glossary/", 1), ("reanudarán", "questions/", 2), ("conversaciones", "questions/", 3)],
}
SPANISH_ONLY = ["entrometidos", "reanudarán", "legación"]
"""Words only the Spanish edition has: the English edition's own index does not find them."""


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("mini-search")
    project = folder / "project"
    for name in ("facts", "seeds", "docs"):
        shutil.copytree(ROOT / "tests" / "fixtures" / "mini" / name, project / name)
    shutil.copy(ROOT / "tests" / "fixtures" / "mini" / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                            capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    yield from _serve(project / "site", "mini", folder / "served")


@pytest.mark.parametrize("edition", list(MINI_QUERIES))
def test_each_edition_searches_its_own_index_in_its_language(browser, mini_site, edition):
    context, watch = open_context(browser)
    downloads = Downloads(context, mini_site)
    page = context.new_page()
    page.goto(mini_site + edition)
    page.keyboard.press("/")
    root = urlsplit(mini_site).path + edition
    for query, expected, within in MINI_QUERIES[edition]:
        found = results(page, query)
        paths = list(dict.fromkeys(r["path"] for r in found))
        assert root + expected in paths[:within], (edition, query, paths[:5])
        assert all(p.startswith(root) and not p.startswith(root + "es/") for p in paths), (edition, query, paths)
        if query.startswith(("article", "artículo", "Article")):
            assert _first_section(_results_with_links(page, query)) == root + "legal/example-treaty/#example-art-1"
    fetched = _search_files(downloads.seen)
    assert any(d[0].startswith(edition + "search/manifest.json") for d in fetched), fetched
    assert all(d[0].startswith("es/") == (edition == "es/") for d in fetched), fetched  # the edition's own files
    # the mini's mkdocs.yml names no search.highlight: the plugin turns it on, and a result leads to its words
    query, marked = ("legacion", "legación") if edition else ("perez", "Pérez")
    link = _results_with_links(page, query)[0]["hrefs"][0]
    assert parse_qs(urlsplit(link).query).get("h") == [query], link
    assert downloads.seen  # their bodies read before the page navigates away
    page.locator(f'.md-search-result__item a.md-search-result__link[href="{link}"]').first.click()
    page.wait_for_url(link)
    assert marked in _words_marked_on_arrival(page), (edition, link)
    if edition == "":
        page.goto(mini_site)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        for word in SPANISH_ONLY:
            box.press("Control+a")
            box.press_sequentially(word)
            page.wait_for_function("document.querySelector('.md-search-result__meta').textContent"
                                   ".includes('No matching')")
    assert not watch.problems(), watch.problems()
    context.close()
