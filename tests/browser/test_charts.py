"""The glossary tooltips and the SVG charts as a reader meets them: present, reachable by Tab,
scaled to a phone screen, and their links going somewhere."""

from __future__ import annotations

import pytest

from briefing.validate import load_graph
from briefing.voice import plain

from .conftest import ROOT, open_context


@pytest.mark.parametrize(("path", "chart", "first_target"), [
    ("timeline/", "figure.briefing-timeline-chart svg", "#"),
    ("relations/", "figure.briefing-relations-chart svg", "../"),
])
def test_chart_links_are_reachable_by_tab(browser, base_url, path, chart, first_target):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + path)
    svg = page.locator(chart)
    assert svg.count() == 1
    assert svg.get_attribute("viewBox") and svg.get_attribute("width") == "100%"
    assert page.evaluate(f"document.querySelector('{chart}').getAttribute('aria-labelledby')")
    links = page.locator(f"{chart} a")
    n = links.count()
    assert n > 5
    assert links.first.get_attribute("href").startswith(first_target)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.closest('{chart}') !== null"):
            break
    else:
        raise AssertionError(f"200 Tab presses never reached a link inside the chart on {path}")
    # Following a focused chart link by keyboard opens its entry (every href resolves: the crawl checks them).
    name = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert name
    with page.expect_navigation() if first_target != "#" else _nothing():
        page.keyboard.press("Enter")
    if first_target == "#":
        assert page.url.split("#", 1)[1] == links.first.get_attribute("href")[1:]
    assert watch.problems() == []
    context.close()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("path", ["timeline/", "relations/", "glossary/"])
def test_charts_fit_a_phone_screen(browser, base_url, path):
    context, _ = open_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + path)
    width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    for box in page.eval_on_selector_all("figure.briefing-chart svg", "els => els.map(e => e.getBoundingClientRect().width)"):
        assert 0 < box <= 390
    context.close()


def test_an_explained_term_has_a_tooltip(browser, base_url):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "questions/")
    abbr = page.locator("article abbr", has_text="safe passage").first
    title = abbr.get_attribute("title")
    # the tooltip is the term's first cited explanation, with its attribution (voice.plain)
    graph = load_graph(ROOT / "facts", ROOT / "seeds")
    term = next(t for t in graph.of("term") if "safe passage" in t.aliases)
    assert title == " ".join(plain(term.explained[0], graph).split())
    # Material turns the title into its own tooltip, shown on hover.
    abbr.hover()
    page.wait_for_timeout(600)
    shown = page.evaluate("Array.from(document.querySelectorAll('.md-tooltip2, .md-tooltip')).map(e => e.textContent).join(' ')")
    assert "Caracas Convention" in shown, shown
    assert watch.problems() == []
    context.close()


def test_glossary_cites_explanations_and_does_not_explain_undefined_terms(browser, base_url):
    context, _ = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "glossary/")
    legation = page.locator("h2#legation")
    assert legation.count() == 1
    section = page.evaluate("""() => { let out = '', el = document.getElementById('legation').nextElementSibling;
        while (el && el.tagName !== 'H2') { out += el.textContent + '\\n'; el = el.nextElementSibling; } return out; }""")
    assert "a legation is any seat of a regular diplomatic mission" in section
    png = page.evaluate("""() => { let out = '', el = document.getElementById('persona-non-grata').nextElementSibling;
        while (el && el.tagName !== 'H2') { out += el.textContent + '\\n'; el = el.nextElementSibling; } return out; }""")
    assert "No archived source explains this term" in png
    assert page.locator("article sup[id^='fnref']").count() > 8
    context.close()
