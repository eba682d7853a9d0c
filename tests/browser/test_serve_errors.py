"""Under `build.py serve`, an edit that breaks the facts shows its problems on the page the editor has open,
after MkDocs' live reload, in both editions, over the last good page; fixing it takes them away."""

from __future__ import annotations

from pathlib import Path

from test_serve import TIMEOUT, previewing

from .conftest import open_context

HOSTILE = "<img src=x onerror=window.pwned=1>"


def test_a_broken_fact_shows_its_problems_on_the_open_pages_until_it_is_fixed(browser, mini: Path):
    context, watch = open_context(browser, viewport={"width": 1000, "height": 700})
    try:
        with previewing(mini) as preview:
            url = preview.url
            english, spanish = context.new_page(), context.new_page()
            english.goto(url + "timeline/")
            spanish.goto(url + "es/people/ana-perez/")
            english.mouse.wheel(0, 600)  # the editor is reading further down the page
            assert english.locator("#briefing-problems").count() == 0

            events, people = mini / "facts" / "events.yaml", mini / "facts" / "people.yaml"
            good_events, good_people = events.read_text(encoding="utf-8"), people.read_text(encoding="utf-8")
            events.write_text(good_events.replace("date: 2025-11-03", f'date: "{HOSTILE}"', 1), encoding="utf-8")
            people.write_text(good_people.replace("  name: Ana Pérez\n", "  name: Ana Pérez\n  nmae: x\n", 1),
                              encoding="utf-8")
            for page in (english, spanish):
                page.wait_for_selector("#briefing-problems", timeout=TIMEOUT * 1000)
            banner = english.locator("#briefing-problems")
            text = banner.inner_text()
            assert "the facts have 2 problems" in text
            assert f"facts/events.yaml:2:9 error: events[0].date: '{HOSTILE}' is not a date" in text, text
            assert "facts/people.yaml:3:3 error: people[0].nmae: unknown key 'nmae' (did you mean 'name'?)" in text
            assert banner.locator("img").count() == 0 and english.evaluate("window.pwned") is None  # shown, not run
            box, height = banner.bounding_box(), english.viewport_size["height"]
            assert box is not None and 0 <= box["y"] < height and box["y"] + box["height"] <= height + 1  # in sight
            assert "Ministers meet" in english.locator("article").inner_text()  # the last good page, still readable
            spanish_text = spanish.locator("#briefing-problems").inner_text()
            assert "los hechos tienen 2 problemas" in spanish_text and "facts/people.yaml:3:3" in spanish_text
            assert "Ana Pérez" in spanish.locator("article").inner_text()

            events.write_text(good_events, encoding="utf-8")
            people.write_text(good_people, encoding="utf-8")
            for page in (english, spanish):
                page.wait_for_selector("#briefing-problems", state="detached", timeout=TIMEOUT * 1000)
            assert "Ministers meet" in english.locator("article").inner_text()
            assert watch.outside == [] and watch.errors == []
    finally:
        context.close()
