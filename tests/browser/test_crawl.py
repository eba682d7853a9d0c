"""Every page, reached the way a reader reaches it: by following links from the home page, on a phone.

One crawl at a 390 px wide viewport records, per page, what went wrong; the tests below each assert
one thing about that record, so a failure names the promise that broke.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import open_context

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
    ("about", "about/"),
]


@dataclass
class Crawl:
    visited: dict[str, int] = field(default_factory=dict)  # url -> HTTP status
    overflow: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (scrollWidth, innerWidth)
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def crawl(browser, base_url) -> Crawl:
    context, watch = open_context(browser, viewport=PHONE)
    # Three tabs load pages side by side (chromium works while Python waits on another tab).
    tabs = [context.new_page() for _ in range(3)]
    result = Crawl()
    queue = deque([base_url])
    seen = {base_url}
    while queue:
        batch = []
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
            width = tab.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                result.overflow[url] = tuple(width)
            for href in tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
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
