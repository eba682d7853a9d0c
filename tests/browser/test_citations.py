"""Citations as a reader follows them: a note leads to the quoted words, marked in the archived text
on the source's page and scrolled into view; on a phone, tapping a mark shows the quote in place;
every page shows each quote once."""

from __future__ import annotations

import re

import pytest

from .conftest import open_context
from .test_crawl import PAGE_TYPES

PHONE = {"width": 390, "height": 844}

NOTES = """() => Array.from(document.querySelectorAll('.footnote li[id^="fn"]')).map(li => ({
    id: li.id, href: li.querySelector('a').getAttribute('href'),
    text: li.textContent.replace(/\\s+/g, ' ').trim()}))"""


def _normal(text: str) -> str:
    """As the quote check compares: whitespace runs, quote marks and dashes folded."""
    text = re.sub(r"[“”„‟″]", '"', re.sub(r"[‘’‚‛′]", "'", re.sub(r"[‐‑‒–—―−]", "-", text)))
    return " ".join(text.split())


def _quote(note_text: str) -> str | None:
    """The quoted words of a note ('Source title: “words” ↩'), or None when the note shows none."""
    m = re.search(r": “(.*)”", note_text)
    return m.group(1) if m else None


def _assert_lands_on_the_marked_quote(page, quote: str) -> None:
    target = page.evaluate("""() => { const t = document.querySelector(':target'); if (!t) return null;
        const r = t.getBoundingClientRect(), s = getComputedStyle(t);
        return {tag: t.tagName, cls: t.className, text: t.textContent, top: r.top, bottom: r.bottom,
                height: innerHeight, outline: s.outlineStyle, background: s.backgroundColor}; }""")
    assert target is not None, page.url
    assert target["tag"] == "MARK" and "briefing-passage" in target["cls"], target
    assert _normal(quote) in _normal(target["text"]), (quote, target["text"])
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 1 <= target["top"] < target["height"], target  # in view, clear of the sticky header
    assert target["outline"] != "none" and target["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), target


@pytest.mark.parametrize(("name", "path"), [("home", ""), ("timeline", "timeline/"), ("person", "people/betssy-chavez/"),
                                            ("questions", "questions/")])
def test_following_a_citation_lands_on_the_quoted_passage_marked(browser, base_url, name, path):
    context, watch = open_context(browser, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(base_url + path)
    notes = [n for n in page.evaluate(NOTES) if _quote(n["text"])]
    assert notes, f"{name}: no notes with quotes"
    for note in notes[:4]:
        page.goto(base_url + path)
        ref = page.locator(f'a.footnote-ref[href="#{note["id"]}"]').first
        ref.click()  # a mouse click follows the mark to its note
        assert page.url.endswith("#" + note["id"])
        with page.expect_navigation():
            page.locator(f'li[id="{note["id"]}"] a').first.click()
        assert "/sources/" in page.url and "#q-" in page.url, page.url
        _assert_lands_on_the_marked_quote(page, _quote(note["text"]))
    assert watch.problems() == []
    context.close()


@pytest.mark.parametrize(("path", "holder"), [("legal/caracas-convention-1954/", "article blockquote p"),
                                              ("differences/", "article td")])
def test_a_quote_shown_in_full_links_to_its_words_in_the_archived_text(browser, base_url, path, holder):
    """A legal text's provisions and the versions on "Where sources differ" show their quotes in place
    (not as notes): the source named with each leads to the words, marked."""
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + path)
    held = page.locator(holder, has=page.locator("a[href*='#q-']")).first
    text = held.text_content() if holder.endswith(" p") else re.search(r"“(.*?)” \(", held.text_content()).group(1)
    if holder.endswith(" p"):  # the provision's words are the paragraph before its source line
        text = held.locator("xpath=preceding-sibling::p[1]").text_content()
    with page.expect_navigation():
        held.locator("a[href*='#q-']").first.click()
    _assert_lands_on_the_marked_quote(page, text)
    assert watch.problems() == []
    context.close()


def test_tapping_a_footnote_mark_on_a_phone_shows_the_quote_in_place(browser, base_url, results_dir):
    context, watch = open_context(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "people/betssy-chavez/")
    notes = {n["id"]: n for n in page.evaluate(NOTES)}
    ref = page.locator("article a.footnote-ref").nth(1)
    note = notes[ref.get_attribute("href")[1:]]
    ref.scroll_into_view_if_needed()
    before = (page.url, page.evaluate("scrollY"))
    ref.tap()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(300)  # the tooltip fades in
    assert (page.url, page.evaluate("scrollY")) == before  # no jump to the notes at the bottom
    assert _normal(_quote(note["text"])) in _normal(tip.text_content())
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 1, box
    page.screenshot(path=str(results_dir / "phone-footnote-tapped.png"))
    # the note's source link, tapped in place, leads to the marked words
    with page.expect_navigation():
        tip.locator("a[href*='#q-']").first.tap()
    _assert_lands_on_the_marked_quote(page, _quote(note["text"]))
    assert watch.problems() == []
    context.close()


def test_every_page_shows_each_quote_once(browser, base_url):
    context, watch = open_context(browser)
    page = context.new_page()
    for name, path in [*PAGE_TYPES, ("print", "print/"), ("brief", "brief/")]:
        page.goto(base_url + path)
        notes = [(n["href"].split("#")[0], _normal(q)) for n in page.evaluate(NOTES) if (q := _quote(n["text"]))]
        for i, (source, quote) in enumerate(notes):
            for other_source, other in notes[i + 1:]:
                assert source != other_source or (quote not in other and other not in quote), (name, quote, other)
        # a legal text's provisions are quoted once, in full, never again as a note
        for provision in page.eval_on_selector_all("article blockquote p:first-child", "els => els.map(e => e.textContent)"):
            assert not [q for _s, q in notes if q in _normal(provision)], (name, provision)
    assert watch.problems() == []
    context.close()
