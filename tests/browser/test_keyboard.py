"""Search by keyboard alone: "/" focuses the box, arrows choose a result, Enter opens it."""

from __future__ import annotations

from .conftest import open_context


def test_search_by_keyboard_alone(browser, base_url):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("Sheinbaum")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(500)  # the worker answers each keystroke; let the last answer land
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown did not move focus into the results"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith("/people/claudia-sheinbaum/"), page.url
    assert watch.problems() == []
    context.close()


def test_tab_reaches_the_search_box(browser, base_url):
    context, _ = open_context(browser)
    page = context.new_page()
    page.goto(base_url)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input, label[for=__search]')"):
            break
    else:
        raise AssertionError("thirty Tab presses never reached the search box")
    context.close()
