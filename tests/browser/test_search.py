"""Material's search box as a reader uses it: accents, spellings sources used, partial words, phrases."""

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
    ("unfriendly act", "legal/unga-declaration-territorial-asylum-1967/", 3),
    ("Caracas Convention", "legal/caracas-convention-1954/", 5),  # the archived texts rank with it
    ("persona non grata", "timeline/", 3),
]


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


def search(page, query: str) -> list[str]:
    """Type the query; the pages of the results, in order, as paths relative to the site root."""
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    box.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # Results come back from a worker, once per keystroke: read them once they stop changing.
    last, stable = None, 0
    for _ in range(100):
        hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
        stable = stable + 1 if hrefs == last else 0
        if stable == 3:
            break
        last = hrefs
        page.wait_for_timeout(150)
    return list(dict.fromkeys(urlsplit(h).path for h in hrefs))


@pytest.mark.parametrize(("query", "expected", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_search_finds_the_page(search_page, query, expected, within):
    page, base_url = search_page
    found = search(page, query)
    target = urlsplit(base_url).path + expected
    assert target in found[:within], f"{query!r}: {target} not in top {within}: {found[:5]}"


def test_nonsense_finds_nothing(search_page):
    page, _ = search_page
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press_sequentially("qzxwvk")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('No matching')")
    assert page.locator(".md-search-result__item").count() == 0
