"""Material's search box as a reader uses it: accents, spellings sources used, partial words, phrases;
the right page near the top with an excerpt that shows the claim or the source's words, never page
furniture; the printouts and the editors' reference never among the results."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# (query, the page it must find, how high: 1 = first result)
QUERIES = [
    ("Chavez", "people/betssy-chavez/", 1),
    ("Chávez", "people/betssy-chavez/", 1),
    ("chavez chino", "people/betssy-chavez/", 1),   # second surname, multi-word
    ("Betsi", "people/betssy-chavez/", 1),          # a spelling one source used
    ("Jeri", "people/jose-jeri/", 1),
    ("Jerí", "people/jose-jeri/", 1),
    ("De Sela", "people/hugo-de-zela/", 1),         # La Jornada's spelling
    ("de Zela", "people/hugo-de-zela/", 1),
    ("Duarte", "people/dina-boluarte/", 1),         # a misspelling a source printed
    ("Sheinb", "people/claudia-sheinbaum/", 1),     # a partial word
    ("Lopez Obrador", "people/andres-manuel-lopez-obrador/", 3),
    ("APRA", "institutions/apra/", 1),              # only ever written inside parentheses
    ("SRE", "institutions/sre/", 1),
    ("usurper", "timeline/", 3),                    # only ever inside “quotation marks”
    ("unfriendly act", "glossary/", 3),           # the term, in the words that call it one
    ("Caracas Convention", "legal/caracas-convention-1954/", 5),  # the archived texts rank with it
    ("La Jornada", "sources/la-jornada-2025-11-04/", 5),  # its article, after the outlet's page
]

# What a reader of the story types, and the page that answers it: it must be in the top 3, and its
# excerpt must show the words found (highlighted) in a claim or the source's text, or, for a passage found
# by its heading (Article XII's, whose text is the Spanish of the treaty), in that heading.
READER_QUERIES = [
    ("persona non grata", "glossary/"),             # the term, explained and where it was used
    ("Article XII", "legal/caracas-convention-1954/"),
    ("safe conduct", "glossary/"),
    ("salvoconducto", "legal/caracas-convention-1954/"),  # the Spanish text of the provisions
    ("Haya de la Torre", "people/victor-raul-haya-de-la-torre/"),
    ("interference", "timeline/"),                  # Peru's communiqué
    ("Ornelas", "people/karla-ornelas/"),
    ("1954", "legal/caracas-convention-1954/"),
    ("Castillo coup", "people/pedro-castillo/"),   # how he was removed, as the reports differ
    ("unfriendly act", "glossary/"),
    ("63 votes", "institutions/congress-peru/"),  # the vote, in its lead
    ("consular relations", "questions/"),
    ("Quito embassy", "institutions/mexican-embassy-quito/"),
    ("La Jornada", "institutions/la-jornada/"),    # the outlet's own page (its article: QUERIES)
    ("De Zela", "people/hugo-de-zela/"),
    ("disproportionate", "timeline/"),              # Mexico's answer to the break
    ("rebellion conspiracy", "people/betssy-chavez/"),  # the charges against her
    ("bilateral trade", "questions/"),
    ("Betsi", "people/betssy-chavez/"),             # a spelling one source used
]

FURNITURE = ["Field Value", "seeds/", "Not known:", "Outlet", "Archived text", "Kind news report", "Language en"]
"""Page furniture that must never be a result's excerpt."""

EXCLUDED = ("print/", "brief/", "reference/")
"""Pages kept out of the search index: the printouts and the editors' reference."""


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    from .conftest import open_context

    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    yield page, base_url
    assert not watch.problems(), watch.problems()
    context.close()


def results(page, query: str) -> list[dict]:
    """Type the query; each result as {path relative to the site root, marks, excerpt, heading marks}, in
    order. The excerpt is what the result shows under its titles: the teasers of the page and of its best
    sections (not the ones folded away under "more on this page"); heading marks are those in the best
    sections' headings."""
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    box.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # Results come back from a worker, once per keystroke: read them once they stop changing.
    last, stable = None, 0
    for _ in range(100):
        found = page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => {
            const shown = Array.from(item.querySelectorAll(':scope > a.md-search-result__link article')).map(a => {
                const teaser = a.cloneNode(true);
                teaser.querySelectorAll('h1, h2, .md-search-result__icon, nav, .md-search-result__terms')
                    .forEach(e => e.remove());
                return teaser;
            });
            const headings = Array.from(item.querySelectorAll(':scope > a.md-search-result__link article h2'));
            return {href: item.querySelector('a').href,
                    marks: shown.reduce((n, t) => n + t.querySelectorAll('mark').length, 0),
                    heading_marks: headings.reduce((n, h) => n + h.querySelectorAll('mark').length, 0),
                    excerpt: shown.map(t => t.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean).join(' | ')};
        })""")
        stable = stable + 1 if found == last else 0
        if stable == 3:
            break
        last = found
        page.wait_for_timeout(150)
    for result in found:
        result["path"] = urlsplit(result["href"]).path
    return found


def search(page, query: str) -> list[str]:
    """Type the query; the pages of the results, in order, as paths relative to the site root."""
    return list(dict.fromkeys(r["path"] for r in results(page, query)))


@pytest.mark.parametrize(("query", "expected", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_search_finds_the_page(search_page, query, expected, within):
    page, base_url = search_page
    found = search(page, query)
    target = urlsplit(base_url).path + expected
    assert target in found[:within], f"{query!r}: {target} not in top {within}: {found[:5]}"


@pytest.mark.parametrize(("query", "expected"), READER_QUERIES, ids=[q for q, _ in READER_QUERIES])
def test_a_reader_query_finds_the_right_page_with_a_useful_excerpt(search_page, query, expected):
    page, base_url = search_page
    found = results(page, query)
    root = urlsplit(base_url).path
    assert not [r["path"] for r in found if r["path"].startswith(tuple(root + e for e in EXCLUDED))], query
    top = [r["path"] for r in found[:3]]
    assert root + expected in top, f"{query!r}: {expected} not in the top 3: {top}"
    result = found[top.index(root + expected)]
    assert (result["marks"] >= 1 or result["heading_marks"] >= 1) and result["excerpt"], (
        f"{query!r}: no highlighted words in the excerpt: {result}")
    assert not [f for f in FURNITURE if f in result["excerpt"]], f"{query!r}: page furniture in {result['excerpt']!r}"


def test_the_printouts_and_the_reference_are_not_searchable(search_page):
    page, base_url = search_page
    root = urlsplit(base_url).path
    # words that fill the printouts ("brief*" finds "briefing") and the reference, and other pages hold too
    for query in ("brief", "error", "Chávez", "Article"):
        paths = [r["path"] for r in results(page, query)]
        assert paths and not [p for p in paths if p.startswith(tuple(root + e for e in EXCLUDED))], (query, paths)


def test_nonsense_finds_nothing(search_page):
    page, _ = search_page
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press_sequentially("qzxwvk")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('No matching')")
    assert page.locator(".md-search-result__item").count() == 0
