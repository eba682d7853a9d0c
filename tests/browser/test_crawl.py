"""Every page, reached the way a reader reaches it: by following links from the home page, on a phone.

One crawl at a 390 px wide viewport records, per page, what went wrong; the tests below each assert
one thing about that record, so a failure names the promise that broke.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import open_context, serving

if TYPE_CHECKING:
    from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
# One page of each kind: (name, path under the site root). Screenshots and accessibility use these.
PAGE_TYPES = [
    ("home", ""),
    ("timeline", "timeline/"),
    ("person", "people/betssy-chavez/"),
    ("institution", "institutions/mexico/"),
    ("legal", "legal/caracas-convention-1954/"),
    ("source", "sources/caracas-1954-en-oas/"),
    ("questions", "questions/"),
    ("differences", "differences/"),
    ("glossary", "glossary/"),
    ("relations", "relations/"),
    ("about", "about/"),
]


LANGUAGES = """() => ({
    lang: document.documentElement.lang,
    menu: [...document.querySelectorAll('a.md-select__link[hreflang]')].map(a => [a.hreflang, a.href]),
    head: [...document.querySelectorAll('head link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href]),
})"""
EDITIONS = {"en": "", "es": "es/"}
"""Each edition's folder under the site's root."""


@dataclass
class Crawl:
    visited: dict[str, int] = field(default_factory=dict)  # url -> HTTP status
    overflow: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (scrollWidth, innerWidth)
    problems: list[str] = field(default_factory=list)
    languages: dict[str, dict] = field(default_factory=dict)
    """url -> the page's <html lang>, its language menu and its <head>'s language alternates, each link resolved
    as the browser resolves it."""


@pytest.fixture(scope="module")
def crawl(browser, base_url) -> Crawl:
    context, watch = open_context(browser, viewport=PHONE)
    # Three tabs load pages side by side (chromium works while Python waits on another tab).
    tabs = [context.new_page() for _ in range(3)]
    result = Crawl()
    queue = deque([base_url])
    seen = {base_url}
    while queue:
        batch: list[tuple[Page, str]] = []
        while queue and len(batch) < len(tabs):
            url = queue.popleft()
            if urlsplit(url).path.endswith(("/", ".html")):
                batch.append((tabs[len(batch)], url))
            else:  # downloads (CSV, JSON, calendar files) are fetched, not opened as pages
                result.visited[url] = context.request.get(url).status
        responses = [(tab, url, tab.goto(url, wait_until="commit")) for tab, url in batch]
        for tab, url, response in responses:
            tab.wait_for_load_state("load")
            result.visited[url] = response.status if response else 0
            result.languages[url] = tab.evaluate(LANGUAGES)
            width = tab.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                result.overflow[url] = tuple(width)
            for href in tab.eval_on_selector_all(
                    "a[href]",  # an SVG link's href is an SVGAnimatedString: resolve it as the browser does
                    "els => els.map(e => typeof e.href === 'string' ? e.href "
                    ": new URL(e.href.baseVal, location.href).href)"):
                target = urldefrag(href).url.split("?")[0]
                if target.startswith(base_url) and target not in seen:
                    seen.add(target)
                    queue.append(target)
    result.problems = watch.problems()
    context.close()
    return result


def test_every_built_page_is_reachable_from_home(crawl, base_url, built_site: Path):
    built = {base_url + p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
             for p in built_site.rglob("index.html")}
    built = {u.replace(base_url + "/", base_url) for u in built}
    assert len(crawl.visited) >= 50  # the briefing is more than a handful of pages
    assert built - set(crawl.visited) == set(), "pages no link leads to"


def test_no_page_is_missing_or_fails(crawl):
    broken = {u: s for u, s in crawl.visited.items() if s != 200}
    assert broken == {}


def test_no_error_no_failed_request_no_outside_host(crawl):
    assert crawl.problems == []


def test_no_page_overflows_a_phone_screen(crawl):
    assert crawl.overflow == {}


def test_screenshots_of_each_page_type_on_a_phone(browser, base_url, results_dir):
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    for name, path in PAGE_TYPES:
        response = page.goto(base_url + path)
        assert response.status == 200, path
        shot = results_dir / f"phone-{name}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 5_000, shot  # an image with content, not a blank
    assert watch.problems() == []
    context.close()


@pytest.fixture(scope="module")
def mirror_url(built_site: Path, tmp_path_factory) -> Iterator[str]:
    """The same built site served as a copy would be: under another sub-path than site_url's."""
    served = tmp_path_factory.mktemp("mirror")
    (served / "a-mirror").mkdir()
    (served / "a-mirror" / "copy").symlink_to(built_site, target_is_directory=True)
    with serving(served, "a-mirror/copy/") as url:
        yield url


@pytest.mark.parametrize("path", ["", "timeline/", "people/betssy-chavez/", "legal/caracas-convention-1954/"])
def test_a_copy_under_another_path_requests_nothing_outside_it(browser, mirror_url: str, path: str):
    """Issue 19.9: no page of a copy (a preview, a mirror, a copy read offline) asks the public site, or
    anything outside the copy, for anything: not the sitemap Material fetches beside each alternate link,
    not the feed, not a font. Every request the page makes, while it loads and once the reader starts a
    search, stays under the copy's own path."""
    context, watch = open_context(browser, viewport={"width": 390, "height": 844})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(mirror_url + path)
    page.wait_for_load_state("networkidle")
    page.locator("label.md-search__icon[for='__search'], label.md-header__button[for='__search']").first.click()
    page.locator("input.md-search__input").fill("Caracas")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    assert len(requests) >= 5, requests  # the page, its styles, scripts and the search it fed
    outside = [u for u in requests if not u.startswith(("data:", "blob:", mirror_url))]
    assert outside == [], outside
    assert watch.problems() == []


def _edition(url: str, base_url: str) -> tuple[str, str]:
    """(language, the page's address within its edition) of a page of the site."""
    rel = url.removeprefix(base_url)
    return ("es", rel.removeprefix("es/")) if rel.startswith("es/") else ("en", rel)


def test_both_editions_are_crawled_page_for_page(crawl, base_url):
    pages = {_edition(u, base_url) for u in crawl.languages}
    english, spanish = ({rel for code, rel in pages if code == language} for language in ("en", "es"))
    assert len(english) >= 50 and english == spanish


def test_each_page_says_its_language(crawl, base_url):
    wrong = {u: found["lang"] for u, found in crawl.languages.items() if found["lang"] != _edition(u, base_url)[0]}
    assert wrong == {}


def test_the_language_menu_on_every_page_leads_to_the_same_page_in_the_other_edition(crawl, base_url):
    wrong = {}
    for url, found in crawl.languages.items():
        rel = _edition(url, base_url)[1]
        expected = [[code, base_url + folder + rel] for code, folder in EDITIONS.items()]
        if found["menu"] != expected:
            wrong[url] = found["menu"]
    assert wrong == {}


def test_the_language_alternates_point_inside_the_site(crawl, base_url):
    """<head> names each edition's root (Material fetches a sitemap beside each), never the public address."""
    expected = [[code, base_url + folder] for code, folder in EDITIONS.items()]
    wrong = {u: found["head"] for u, found in crawl.languages.items() if found["head"] != expected}
    assert wrong == {}


@pytest.mark.parametrize(("start", "choose", "lands"), [
    ("people/betssy-chavez/", "Español", "es/people/betssy-chavez/"),
    ("es/timeline/", "English", "timeline/"),
    ("es/", "English", ""),
    ("legal/caracas-convention-1954/", "Español", "es/legal/caracas-convention-1954/"),
])
def test_a_reader_switches_language_and_stays_on_the_page(browser, base_url, start, choose, lands):
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + start)
    page.locator(".md-select").hover()
    page.get_by_role("link", name=choose, exact=True).click()
    page.wait_for_url(base_url + lands)
    assert page.evaluate("document.documentElement.lang") == ("es" if lands.startswith("es/") else "en")
    assert watch.problems() == []
    context.close()
