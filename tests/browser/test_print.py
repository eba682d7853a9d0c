"""The whole brief on one page, printed: every section present, no site chrome, a real PDF."""

from __future__ import annotations

import re

from .conftest import open_context

SECTIONS = ["The whole brief", "Timeline", "Questions", "Where sources differ"]


def test_whole_brief_prints_to_pdf(browser, base_url, results_dir):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "print/")
    page.emulate_media(media="print")
    headings = page.eval_on_selector_all("article h1, article h2", "els => els.map(e => e.textContent.trim())")
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), (section, headings)
    for chrome in [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"]:
        assert page.eval_on_selector(chrome, "e => getComputedStyle(e).display") == "none", chrome
    # Every footnote mark on the page has its note (numbered once across the whole brief).
    marks = set(page.eval_on_selector_all("sup[id^='fnref'] a", "els => els.map(e => e.getAttribute('href'))"))
    notes = set(page.eval_on_selector_all(".footnote li[id^='fn']", "els => els.map(e => '#' + e.id)"))
    assert marks and marks <= notes
    pdf = page.pdf(format="A4")
    (results_dir / "whole-brief.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # the whole brief, not one screen
    assert watch.problems() == []
    context.close()
