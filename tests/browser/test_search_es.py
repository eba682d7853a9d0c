"""Search in the Spanish edition, typed into Material's search box as a reader does: the Spanish edition's
own index (/es/search/), accents folded as in English, the story's Spanish words finding Spanish pages
with the words highlighted in a claim or a source's text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .test_search import EXCLUDED, FURNITURE, results, search

# (query, the Spanish page it must find, how high: 1 = first result)
QUERIES = [
    ("Chavez", "es/people/betssy-chavez/", 1),
    ("Chávez", "es/people/betssy-chavez/", 1),
    ("chavez chino", "es/people/betssy-chavez/", 1),
    ("Jeri", "es/people/jose-jeri/", 1),  # no page writes "Jeri": found by folding the accent
    ("Jerí", "es/people/jose-jeri/", 1),
    ("Convencion de Caracas", "es/legal/caracas-convention-1954/", 3),  # nor "Convencion"
    ("Sela", "es/people/hugo-de-zela/", 1),  # La Jornada's spelling of De Zela, in both editions
]

# What a reader of the Spanish edition types, and the page that answers it, in the top 3 with the words
# highlighted in its excerpt.
READER_QUERIES = [
    ("salvoconducto", "es/glossary/"),  # the term, as the Spanish copies of the Convention name it
    ("persona non grata", "es/glossary/"),
    ("ruptura", "es/legal/caracas-convention-1954/"),  # Article XIX: "por causa de ruptura de relaciones"
    ("ruptura de relaciones", "es/"),  # the story: the home page
    ("asilo diplomático", "es/glossary/"),
    ("asilo diplomatico", "es/glossary/"),  # typed without its accent
    ("Estado asilante", "es/glossary/"),
    ("Convención de Caracas", "es/legal/caracas-convention-1954/"),
    ("Ornelas", "es/people/karla-ornelas/"),
]


@pytest.fixture(scope="module")
def spanish_search(browser, base_url):
    from .conftest import open_context

    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "es/")
    page.keyboard.press("/")
    yield page, base_url
    assert not watch.problems(), watch.problems()
    context.close()


@pytest.mark.parametrize(("query", "expected", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_spanish_search_finds_the_page(spanish_search, query, expected, within):
    page, base_url = spanish_search
    found = search(page, query)
    root = urlsplit(base_url).path
    assert found and all(p.startswith(root + "es/") for p in found), f"{query!r}: {found}"  # the edition's own
    assert root + expected in found[:within], f"{query!r}: {expected} not in the top {within}: {found[:5]}"


@pytest.mark.parametrize(("query", "expected"), READER_QUERIES, ids=[q for q, _ in READER_QUERIES])
def test_a_spanish_query_finds_the_right_page_with_a_useful_excerpt(spanish_search, query, expected):
    page, base_url = spanish_search
    found = results(page, query)
    root = urlsplit(base_url).path
    assert found and all(r["path"].startswith(root + "es/") for r in found), query
    assert not [r["path"] for r in found if r["path"].startswith(tuple(root + "es/" + e for e in EXCLUDED))], query
    top = [r["path"] for r in found[:3]]
    assert root + expected in top, f"{query!r}: {expected} not in the top 3: {top}"
    result = found[top.index(root + expected)]
    assert result["marks"] >= 1 and result["excerpt"], f"{query!r}: no highlighted words in the excerpt: {result}"
    assert not [f for f in FURNITURE if f in result["excerpt"]], f"{query!r}: page furniture in {result['excerpt']!r}"


def test_nonsense_finds_nothing_in_spanish(spanish_search):
    page, _base_url = spanish_search
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press_sequentially("qzxwvk")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('No se')")
    assert page.locator(".md-search-result__item").count() == 0
