"""The printouts: the whole brief on one page, and the two-page brief. Both printed to A4 PDFs
(test-results/), every section present, no site chrome; the brief fits on two pages."""

from __future__ import annotations

import re

from briefing.facts.kinds import QUESTION
from briefing.facts.validate import load_graph
from briefing.pages.builders import BRIEF_EXCHANGES
from briefing.text import format_date

from .conftest import ROOT, _site_path, open_context

SECTIONS = ["The whole brief", "Timeline", "Questions", "Where sources differ"]
CHROME = [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-content__button"]
A4_PAGES = re.compile(rb"/Type\s*/Page\b")


def _print(page, url: str) -> bytes:
    page.goto(url)
    page.emulate_media(media="print")
    for chrome in CHROME:  # hidden wherever the page has it
        assert set(page.eval_on_selector_all(chrome,
                                             "els => els.map(e => getComputedStyle(e).display)")) <= {"none"}, chrome
    # Every footnote mark on the page has its note (numbered once across the whole page).
    marks = set(page.eval_on_selector_all("sup[id^='fnref'] a", "els => els.map(e => e.getAttribute('href'))"))
    notes = set(page.eval_on_selector_all(".footnote li[id^='fn']", "els => els.map(e => '#' + e.id)"))
    assert marks and marks == notes
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    return pdf


def test_whole_brief_prints_to_pdf(browser, base_url, results_dir):
    context, watch = open_context(browser)
    page = context.new_page()
    pdf = _print(page, base_url + "print/")
    headings = page.eval_on_selector_all("article h1, article h2", "els => els.map(e => e.textContent.trim())")
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), (section, headings)
    (results_dir / "whole-brief.pdf").write_bytes(pdf)
    assert len(A4_PAGES.findall(pdf)) >= 5  # the whole brief, not one screen
    assert watch.problems() == []
    context.close()


def test_the_brief_fits_on_two_a4_pages(browser, base_url, results_dir):
    graph = load_graph(ROOT / "facts", ROOT / "seeds", display_root=ROOT)
    b = graph.briefing
    context, watch = open_context(browser)
    page = context.new_page()
    pdf = _print(page, base_url + "brief/")
    (results_dir / "two-page-brief.pdf").write_bytes(pdf)
    assert 1 <= len(A4_PAGES.findall(pdf)) <= 2, len(A4_PAGES.findall(pdf))
    text = " ".join(page.eval_on_selector("article", "e => e.innerText").split())
    assert page.eval_on_selector("article h1", "e => e.firstChild.textContent.trim()") == b.title
    assert f"The story as of {format_date(b.as_of)}" in text  # the one as-of line, as on the home page
    assert "https://briefing-tools.github.io" + _site_path() in text  # the site's address, printed in full
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.firstChild.textContent.trim())")
    expected = ["What happened", *(["Each side's case"] if b.exchanges else []),
                *(["Key figures"] if b.key_figures else []), "Open questions", "Sources"]
    assert headings == expected
    for x in b.exchanges[:BRIEF_EXCHANGES]:  # the first points in full, the rest counted
        assert x.topic in text
    if len(b.exchanges) > BRIEF_EXCHANGES:
        assert f"and {len(b.exchanges) - BRIEF_EXCHANGES} more points the sides contend" in text
    open_questions = [q.question for q in graph.of(QUESTION) if q.status == "open"]
    assert open_questions[0] in text
    assert watch.problems() == []
    context.close()


def _said(message: str) -> str:
    """A heading as the Spanish catalog words it (i18n.py)."""
    from briefing.i18n import _, speaking

    with speaking("es"):
        return _(message)


def test_the_spanish_brief_fits_on_two_a4_pages(browser, base_url, results_dir):
    """Spanish takes more words than English for the same story: its brief must still fit."""
    from briefing.facts.localize import localized

    graph = load_graph(ROOT / "facts", ROOT / "seeds", display_root=ROOT)
    spanish = localized(graph, "es")
    b = spanish.briefing
    context, watch = open_context(browser)
    page = context.new_page()
    pdf = _print(page, base_url + "es/brief/")
    (results_dir / "two-page-brief-es.pdf").write_bytes(pdf)
    assert 1 <= len(A4_PAGES.findall(pdf)) <= 2, len(A4_PAGES.findall(pdf))
    assert page.evaluate("document.documentElement.lang") == "es"
    text = " ".join(page.eval_on_selector("article", "e => e.innerText").split())
    assert page.eval_on_selector("article h1", "e => e.firstChild.textContent.trim()") == b.title
    assert b.title != graph.briefing.title and "6 de noviembre de 2025" in text
    assert "https://briefing-tools.github.io" + _site_path() + "es/" in text  # the Spanish edition's address
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.firstChild.textContent.trim())")
    assert headings == [_said(h) for h in ("What happened", "Each side's case", "Key figures", "Open questions",
                                           "Sources")]
    for x in b.exchanges[:BRIEF_EXCHANGES]:
        assert " ".join(x.topic.split()) in text
    assert next(q.question for q in spanish.of(QUESTION) if q.status == "open") in text
    assert watch.problems() == []
    context.close()


def test_the_whole_spanish_brief_prints_to_pdf(browser, base_url, results_dir):
    context, watch = open_context(browser)
    page = context.new_page()
    pdf = _print(page, base_url + "es/print/")
    (results_dir / "whole-brief-es.pdf").write_bytes(pdf)
    assert len(A4_PAGES.findall(pdf)) >= 5
    headings = page.eval_on_selector_all("article h1, article h2", "els => els.map(e => e.textContent.trim())")
    for section in SECTIONS:
        assert any(h.startswith(_said(section)) for h in headings), (section, headings)
    assert watch.problems() == []
    context.close()
