"""A source's page on a phone: its first screen says what the source is (kind, language, author, date
where known, what is not known) and shows its own words about itself; no row of "unknown"; the
"Archived text" link leads to the text on the page; footnotes name their source with its date."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, open_context
from .test_accessibility import PALETTES, axe_source  # noqa: F401 (a fixture)

PHONE = {"width": 390, "height": 844}

NEWS = ["peru-cuts-ties", "persona-non-grata-vote", "mexico-rejects-break", "la-jornada-2025-11-04",
        "standoff-deepens"]

FIRST_SCREEN = """() => {
    const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
    const article = document.querySelector('article');
    const archived = document.getElementById('archived-text');
    const furniture = Array.from(article.querySelectorAll(':scope > *'))
        .filter(el => el !== archived && !archived.contains(el)).map(el => el.innerText).join('\\n');
    return {
        h1: box(article.querySelector('h1')),
        lead: {...box(article.querySelector('.briefing-source-lead')),
               text: article.querySelector('.briefing-source-lead').innerText},
        said: Array.from(article.querySelectorAll('li[data-search-exclude]'))
            .filter(li => li.querySelector('strong')).map(li => ({...box(li), text: li.innerText})),
        height: innerHeight, scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth,
        unknown: /\\bunknown\\b/i.test(furniture), seeds: furniture.includes('seeds/'),
    };
}"""


def _measure(page, url: str) -> dict:
    page.goto(url)
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
    return page.evaluate(FIRST_SCREEN)


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_first_phone_screen_says_what_the_source_is(browser, base_url, results_dir, scheme):
    context, watch = open_context(browser, viewport=PHONE, color_scheme=PALETTES[scheme])
    page = context.new_page()
    measured = {}
    for sid in NEWS:
        m = _measure(page, f"{base_url}sources/{sid}/")
        lead = m["lead"]
        assert lead["text"].startswith("A news report in English"), (sid, lead["text"])
        assert "The archived copy names no" in lead["text"], (sid, lead["text"])  # what is not known, said once
        assert m["h1"]["top"] >= 0 and lead["bottom"] <= m["height"], (sid, m)  # headline and lead on screen one
        assert m["said"] and m["said"][0]["text"].startswith("Headline:"), (sid, m["said"])
        assert all(li["bottom"] <= m["height"] for li in m["said"]), (sid, m["said"])  # its own words too
        assert not m["unknown"] and not m["seeds"], sid  # no row of "unknown", no repository path
        assert m["scrollWidth"] <= m["width"], (sid, m["scrollWidth"])
        measured[sid] = (round(lead["bottom"]), round(m["said"][-1]["bottom"]))
        if scheme == "default":
            page.screenshot(path=str(results_dir / f"phone-source-{sid}.png"))
    print("first screen, lead bottom and last own-words line bottom (px of 844):", measured)
    assert watch.problems() == []
    context.close()


def test_the_archived_text_link_opens_the_text_on_the_page(browser, base_url):
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}sources/persona-non-grata-vote/")
    link = page.locator("article table a", has_text="on this page, above")
    assert link.get_attribute("href") == "#archived-text"
    link.click()
    target = page.evaluate("""() => { const t = document.querySelector(':target');
        return t && {id: t.id, top: t.getBoundingClientRect().top, text: t.innerText.slice(0, 60)}; }""")
    assert target["id"] == "archived-text" and 0 <= target["top"] < 844, target
    assert target["text"].startswith("Peru Declares Mexico’s President"), target
    # a quoted word of the source about itself leads to its words, marked in the text
    byline = page.locator("article li", has_text="Byline:").locator("a")
    byline.click()
    marked = page.evaluate("() => { const t = document.querySelector(':target'); return [t.tagName, t.innerText]; }")
    assert marked == ["MARK", "Written By Rodney Mbua"], marked
    assert watch.problems() == []
    context.close()


def test_footnotes_name_the_source_with_its_date(browser, base_url):
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    names = page.evaluate("""() => Array.from(document.querySelectorAll('.footnote li[id^="fn"] a[href*="sources/"]'))
        .map(a => a.textContent.trim())""")
    assert "La Jornada (4 November 2025), republished in English" in names  # says so (fact-checks 9, 19)
    assert "Rodney Mbua’s report (source: Reuters)" in names
    headlines = [line.split(": ", 1)[1] for line in (ROOT / "facts/sources.yaml").read_text(encoding="utf-8")
                 .splitlines() if re.match(r"^  title: ", line)]
    assert not set(names) & {h.strip('"') for h in headlines}, "a footnote names a source by its headline alone"
    assert watch.problems() == []
    context.close()


@pytest.mark.parametrize("scheme", PALETTES)
def test_a_news_report_page_has_no_serious_accessibility_violation(browser, base_url, axe_source, scheme):  # noqa: F811
    """The accessibility test's page types hold a legal text's page; a news report's page has more (its own
    words, linked): axe on it too, in both palettes."""
    context, watch = open_context(browser, viewport=PHONE, color_scheme=PALETTES[scheme])
    page = context.new_page()
    page.goto(f"{base_url}sources/persona-non-grata-vote/")
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)""")
    assert violations == []
    assert watch.problems() == []
    context.close()


def test_the_first_phone_screen_of_a_spanish_source_page_says_what_it_is(browser, base_url):
    """In Spanish too, its longer words included: the headline, what the source is and its own words about
    itself on the first screen."""
    context, watch = open_context(browser, viewport=PHONE)
    page = context.new_page()
    for sid in NEWS:
        m = _measure(page, f"{base_url}es/sources/{sid}/")
        assert page.evaluate("document.documentElement.lang") == "es"
        assert m["h1"]["top"] >= 0 and m["lead"]["bottom"] <= m["height"], (sid, m)
        assert m["said"] and all(li["bottom"] <= m["height"] for li in m["said"]), (sid, m["said"])
        assert not m["unknown"] and not m["seeds"] and m["scrollWidth"] <= m["width"], sid
    assert watch.problems() == []
    context.close()
