"""Citations as a reader follows them: one mark per sentence, a 24 x 24 px target, whose note gives each
of the sentence's quotes; a note leads to the quoted words, marked in the archived text on the source's
page and scrolled into view; on a phone, tapping a mark shows the quotes in place, never over the
sentence they back; every page gives each quote in one wording.

The measuring tests write their numbers to test-results/citation-marks.json and citation-popovers.json."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .conftest import open_context
from .test_crawl import PAGE_TYPES

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
WIDTHS: dict[str, dict[str, Any]] = {"390": {"viewport": PHONE, "has_touch": True, "is_mobile": True},
                                     "1400": {"viewport": DESKTOP}}
"""A phone, touched; a desktop, with a mouse."""
PALETTES = {"light": "default", "dark": "slate"}
"""The reader's system setting -> the palette Material picks for it (mkdocs.yml)."""
MEASURED = [("home", ""), ("person", "people/betssy-chavez/"), ("timeline", "timeline/")]
TARGET = 24
"""CSS px: WCAG 2.2's minimum target size (2.5.8)."""

NOTES = """() => Array.from(document.querySelectorAll('.footnote li[id^="fn"]')).map(li => ({
    id: li.id, text: li.textContent.replace(/\\s+/g, ' ').trim(),
    again: li.querySelector('.briefing-where') !== null,
    items: [...li.querySelectorAll(':scope > p')]
        .map(item => ({href: item.querySelector('a').getAttribute('href'),
                       text: item.textContent.replace(/\\s+/g, ' ').replace(/\\s*↩+$/, '').trim()}))}))"""
"""Each note: its id, its text, whether it points to an earlier note for a quote's words, and its items (a
paragraph per quote: the source's link and the item's text, the words kept for the popover included)."""

VISIBLE_MARKS = """() => Array.from(document.querySelectorAll('article a.footnote-ref'))
    .filter(a => a.checkVisibility()).map(a => a.getAttribute('href'))"""
"""The marks a reader sees, in reading order (a mark inside a closed fold is not seen)."""

SENTENCE = """(a) => {
    // the sentence a mark backs: from the mark before it in its block (or the block's start) to it
    const sup = a.closest('sup');
    const block = sup.parentElement.closest('p, li, td, th, dd, dt, summary, blockquote') || sup.parentElement;
    let before = null;
    for (const other of block.querySelectorAll('sup[id^="fnref"]')) { if (other === sup) break; before = other; }
    const range = document.createRange();
    if (before) range.setStartAfter(before); else range.setStart(block, 0);
    range.setEndAfter(sup);
    return [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0)
        .map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}));
}"""

def _normal(text: str) -> str:
    """As the quote check compares: whitespace runs, quote marks and dashes folded."""
    text = re.sub(r"[“”„‟″]", '"', re.sub(r"[‘’‚‛′]", "'", re.sub(r"[‐‑‒–—―−]", "-", text)))
    return " ".join(text.split())


def _quote(note_text: str) -> str | None:
    """The quoted words of a note ('Source title: “words” ↩'), or None when the note shows none."""
    m = re.search(r": “(.*)”", note_text)
    return m.group(1) if m else None


def _shown_quote(note_text: str) -> str:
    """The quoted words of a note that shows some (fails, with the note, when it shows none)."""
    quote = _quote(note_text)
    assert quote is not None, f"the note shows no quote: {note_text}"
    return quote


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


@pytest.mark.parametrize(("name", "path"), [("home", ""), ("timeline", "timeline/"), ("person",
                                                                                      "people/betssy-chavez/"),
                                            ("questions", "questions/")])
def test_following_a_citation_lands_on_the_quoted_passage_marked(browser, base_url, name, path):
    """As a reader does: the first marks in view (the timeline's background is folded), each note's first
    and last source followed to its words."""
    context, watch = open_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + path)
    notes = {n["id"]: n for n in page.evaluate(NOTES)}
    seen = list(dict.fromkeys(href[1:] for href in page.evaluate(VISIBLE_MARKS)))
    followed = [notes[i] for i in seen if any(_quote(item["text"]) for item in notes[i]["items"])][:4]
    assert followed, f"{name}: no mark in view whose note shows a quote"
    for note in followed:
        quoted = [item for item in note["items"] if _quote(item["text"])]
        for k in sorted({0, len(quoted) - 1}):
            page.goto(base_url + path)
            ref = page.locator(f'article a.footnote-ref[href="#{note["id"]}"]:visible').first
            ref.click()  # a mouse click follows the mark to its note
            assert page.url.endswith("#" + note["id"])
            with page.expect_navigation():
                page.locator(f'li[id="{note["id"]}"] a[href="{quoted[k]["href"]}"]').first.click()
            assert "/sources/" in page.url and "#q-" in page.url, page.url
            _assert_lands_on_the_marked_quote(page, _shown_quote(quoted[k]["text"]))
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
    shown = held.text_content()
    if holder.endswith(" p"):  # the provision's words are the paragraph before its source line
        text = held.locator("xpath=preceding-sibling::p[1]").text_content()
    else:
        quoted = re.search(r"“(.*?)” \(", shown)
        assert quoted is not None, shown
        text = quoted.group(1)
    with page.expect_navigation():
        held.locator("a[href*='#q-']").first.click()
    _assert_lands_on_the_marked_quote(page, text)
    assert watch.problems() == []
    context.close()


def _hits(a: dict, b: dict) -> float:
    """The area two rectangles share (0 when they do not meet)."""
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


def _open_popover(page, ref, touch: bool) -> dict:
    """Tap (phone) or point at (desktop) a mark; the popover's rectangle once it has appeared."""
    if touch:
        ref.tap()
    else:
        ref.hover()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(state="visible", timeout=5_000)
    page.evaluate("() => Promise.allSettled(document.getAnimations().map(a => a.finished))")  # it slides in
    page.wait_for_timeout(50)
    box = tip.bounding_box()
    assert box is not None
    return box


def _close_popover(page, touch: bool) -> None:
    if touch:
        page.locator(".md-header__title").tap()  # the header's words: always in view, above any popover
    else:
        page.mouse.move(1, DESKTOP["height"] - 1)
    page.wait_for_function("() => !document.querySelector('.md-tooltip2[role=dialog]')", timeout=5_000)


def test_tapping_a_footnote_mark_on_a_phone_shows_its_quotes_in_place(browser, base_url, results_dir):
    """A sentence with several sources, one of whose words an earlier note gives: the list of notes points
    to that note, the popover shows every quote in full."""
    context, watch = open_context(browser, **WIDTHS["390"])
    page = context.new_page()
    page.goto(base_url + "people/betssy-chavez/")
    notes = {n["id"]: n for n in page.evaluate(NOTES)}
    several = next(i for i in dict.fromkeys(h[1:] for h in page.evaluate(VISIBLE_MARKS))
                   if len(notes[i]["items"]) > 1 and notes[i]["again"])
    note = notes[several]
    listed = page.locator(f'li[id="{several}"]').inner_text()
    assert re.search(r"quoted in note \d+", listed), listed  # in the list: a pointer, not the words again
    assert not all(_normal(_shown_quote(i["text"])) in _normal(listed) for i in note["items"]), listed
    ref = page.locator(f'article a.footnote-ref[href="#{several}"]:visible').first
    ref.scroll_into_view_if_needed()
    page.evaluate("(a) => scrollBy(0, a.getBoundingClientRect().top - 200)", ref.element_handle())
    before = (page.url, page.evaluate("scrollY"))
    box = _open_popover(page, ref, touch=True)
    tip = page.locator(".md-tooltip2--active")
    assert (page.url, page.evaluate("scrollY")) == before  # no jump to the notes at the bottom
    shown = tip.inner_text()  # what is on the screen
    for item in note["items"]:
        assert _normal(_shown_quote(item["text"])) in _normal(shown), (item, shown)
    assert "quoted in note" not in shown
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 1, box
    assert all(_hits(box, line) == 0 for line in page.evaluate(SENTENCE, ref.element_handle()))
    page.screenshot(path=str(results_dir / "phone-footnote-tapped.png"))
    # each source in the popover is a link to its words: the last one, tapped in place, leads there
    last = note["items"][-1]
    with page.expect_navigation():
        tip.locator(f'a[href="{last["href"]}"]').first.tap()
    _assert_lands_on_the_marked_quote(page, _shown_quote(last["text"]))
    assert watch.problems() == []
    context.close()


def test_every_page_gives_each_quote_in_one_wording(browser, base_url):
    """A note gives each of its quotes once, and no two notes give the same quotes; a quote cited by two
    sentences in different company is in both their notes, in the same words: a quote is never shown
    again within a longer quote of its source, nor a provision shown in full again as a note."""
    context, watch = open_context(browser)
    page = context.new_page()
    several = 0
    for name, path in [*PAGE_TYPES, ("print", "print/"), ("brief", "brief/")]:
        page.goto(base_url + path)
        notes = page.evaluate(NOTES)
        sets = []
        for n in notes:
            items = [(i["href"], i["text"]) for i in n["items"]]
            assert len(items) == len(set(items)), (name, n["id"])  # each quote once in its note
            sets.append(frozenset(items))
            several += len(items) > 1
        assert len(sets) == len(set(sets)), name  # the same quotes are one note
        shown = sorted({(href.split("#")[0], _normal(q)) for s in sets for href, text in s if (q := _quote(text))})
        for i, (source, quote) in enumerate(shown):
            for other_source, other in shown[i + 1:]:
                assert source != other_source or (quote not in other and other not in quote), (name, quote, other)
        # a legal text's provisions are quoted once, in full: a note on a provision's words points to it, and
        # one on a part of them gives that part and says where the rest is
        said = [i["text"] for n in notes for i in n["items"]]
        for provision in page.eval_on_selector_all("article blockquote p:first-child",
                                                   "els => els.map(e => e.textContent)"):
            for item in said:
                words = _quote(item)
                if words and _normal(words) in _normal(provision):
                    assert _normal(words) != _normal(provision) and "within the words quoted under" in item, \
                        (name, item)
    assert several > 0  # some note gives several quotes: the check ran on lists
    assert watch.problems() == []
    context.close()


# -- marks as targets, and where their popovers go --------------------------------------------------

MARKS = """() => {
    const seen = el => el.checkVisibility();
    const marks = [...document.querySelectorAll('article a.footnote-ref')].filter(seen);
    const boxes = marks.map(a => a.getBoundingClientRect());
    // every other thing in the text a reader can tap: links, glossary terms, fold toggles, buttons
    const others = [...document.querySelectorAll('article :is(a, abbr, summary, button, input, select)')]
        .filter(el => !el.matches('.footnote-ref') && seen(el));
    const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
                            && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const overlaps = [];
    boxes.forEach((box, i) => {
        const mark = marks[i].textContent;
        boxes.forEach((o, j) => {
            if (j > i && meets(box, o)) overlaps.push(mark + ' / mark ' + marks[j].textContent);
        });
        for (const el of others) {
            if (el.contains(marks[i])) continue;  // a mark inside a fold's summary is the summary's part
            const hit = [...el.getClientRects()].some(r => meets(box, r));
            if (hit) overlaps.push(mark + ' / ' + el.textContent.slice(0, 30));
        }
    });
    let distance = Infinity;
    const centre = r => [r.x + r.width / 2, r.y + r.height / 2];
    boxes.forEach((a, i) => boxes.forEach((b, j) => {
        if (j > i) distance = Math.min(distance, Math.hypot(centre(a)[0] - centre(b)[0], centre(a)[1] - centre(b)[1]));
    }));
    // a run: marks side by side with nothing but spaces or commas between them
    let run = 0;
    for (const sup of document.querySelectorAll('article sup[id^="fnref"]')) {
        let n = 1;
        for (let next = sup.nextSibling; next; next = next.nextSibling) {
            if (next.nodeType === Node.TEXT_NODE && /^[\\s,]*$/.test(next.textContent)) continue;
            if (next.nodeType === Node.ELEMENT_NODE && next.matches('sup[id^="fnref"]')) { n += 1; continue; }
            break;
        }
        run = Math.max(run, n);
    }
    return {marks: marks.length, width: Math.min(...boxes.map(b => b.width)),
            height: Math.min(...boxes.map(b => b.height)),
            distance: distance === Infinity ? null : Math.round(distance * 10) / 10, run, overlaps};
}"""
"""Every mark in view: the smallest tap box, the closest two marks' centres, the longest run of marks, and
any mark whose box meets another mark or another thing to tap."""


def _record(results_dir, name: str, key: str, value) -> None:
    """Add a measurement to test-results/<name>.json (one file for every width and palette)."""
    path = results_dir / name
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[key] = value
    path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


def _open_in(browser, width: str, palette: str):
    context, watch = open_context(browser, color_scheme=palette, **WIDTHS[width])
    return context, watch, context.new_page()


def _goto(page, url: str, palette: str) -> None:
    page.goto(url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == PALETTES[palette]


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("width", WIDTHS)
def test_each_sentence_has_one_mark_of_at_least_24_px(browser, base_url, results_dir, width, palette):
    """WCAG 2.2's target size: each mark's tap box is at least 24 x 24 CSS px, and meets no other mark and
    nothing else to tap; a sentence's sources are one mark, never a run. Measured with every fold open."""
    context, watch, page = _open_in(browser, width, palette)
    for name, path in MEASURED:
        _goto(page, base_url + path, palette)
        page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
        found = page.evaluate(MARKS)
        _record(results_dir, "citation-marks.json", f"{width} {palette} {name}", found)
        assert found["marks"] > 5, (name, found)
        assert found["width"] >= TARGET and found["height"] >= TARGET, (name, found)
        assert found["overlaps"] == [], (name, found["overlaps"][:5])
        assert found["run"] == 1, (name, found)
    assert watch.problems() == []
    context.close()


POPOVER_AT = (0.3, 0.85)
"""Where on the screen a mark is when it is opened, as a share of the viewport's height: the theme put the
popover above a mark in the screen's lower half, over the sentence."""


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_popover_never_hides_the_sentence_it_cites(browser, base_url, results_dir, width, palette):
    """Marks spread over each page, each opened high and low on the screen (tapped on the phone, pointed
    at with the mouse on the desktop): the popover meets none of the sentence's lines nor its mark, and on
    the phone it is wholly on the screen, below the header."""
    touch = width == "390"
    context, watch, page = _open_in(browser, width, palette)
    viewport = WIDTHS[width]["viewport"]
    opened: dict[str, int] = {}
    for name, path in MEASURED:
        _goto(page, base_url + path, palette)
        several = {"#" + n["id"] for n in page.evaluate(NOTES) if len(n["items"]) > 1}
        marks = page.locator("article a.footnote-ref:visible")
        count = marks.count()
        hrefs = page.evaluate(VISIBLE_MARKS)
        shown = next(i for i, href in enumerate(hrefs) if href in several)  # a sentence with several sources
        picks = sorted({0, shown, count // 3, (2 * count) // 3, count - 1})
        for i in picks:
            for at in POPOVER_AT:
                ref = marks.nth(i)
                page.evaluate("([a, at]) => scrollBy(0, a.getBoundingClientRect().top - innerHeight * at)",
                              [ref.element_handle(), at])
                page.wait_for_timeout(50)
                box = _open_popover(page, ref, touch)
                lines = page.evaluate(SENTENCE, ref.element_handle())
                covered = [line for line in lines if _hits(box, line) > 0]
                assert covered == [], (name, i, at, box, covered)
                place = page.evaluate("document.querySelector('.md-tooltip2--active').dataset.briefingPlace")
                opened[place] = opened.get(place, 0) + 1
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, (name, i, box)
                if touch:
                    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
                    assert header <= box["y"] and box["y"] + box["height"] <= viewport["height"], (name, i, at, box)
                if touch and name == "home" and i == shown and at == POPOVER_AT[1]:  # for a person to look at
                    page.screenshot(path=str(results_dir / f"phone-{palette}-home-popover.png"))
                _close_popover(page, touch)
    _record(results_dir, "citation-popovers.json", f"{width} {palette}",
            {"opened": sum(opened.values()), "placed": opened, "sentence lines covered": 0})
    assert sum(opened.values()) >= len(MEASURED) * 4 * len(POPOVER_AT), opened
    assert watch.problems() == []
    context.close()


def test_no_tooltip_inside_a_quoted_passage(built_site):
    """The glossary's tooltips mark terms in the site's own sentences, never inside a source's or a side's quoted
    words (briefing/publish/quotes.py; fact-checks 18 and 20, C-F1): Peru's 'it is an unfriendly act' carries no
    reading of the UN Declaration Mexico invokes, nor Mexico's words that reading is drawn from."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "“it is an unfriendly act, which adds to the series" in home  # no <abbr> splits the words
    assert '<abbr title="' in home  # the lead's terms keep theirs
    # and a term the site names in quotation marks alone, as the question beside both sides' positions does
    assert 'Was the asylum an "<abbr title="This briefing' in home
    unga = (built_site / "legal" / "unga-declaration-territorial-asylum-1967" / "index.html").read_text(
        encoding="utf-8")
    assert "“that the granting of asylum cannot be considered an unfriendly act by any other state”" in unga
