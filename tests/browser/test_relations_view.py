"""The relationship view as a reader meets it, on a phone (390 px) and a desktop (1400 px), for the real
briefing and for small ones with no sides and with three.

What is drawn is measured in the page: every line (a row's arrow, from the box of one name to the box
of the other) is checked against every other for a crossing, and must carry its label on it; every
text is at least 12 px as rendered; no two boxes, labels or lines overlap; no name is cut; no line
passes behind a box. Then what a name does: on a touch screen the first tap picks out its relations
(the others dimmed) and the second opens its page; with a mouse, pointing picks out and a click opens;
with the keyboard, moving to a name picks out and Enter opens. Screenshots go to test-results/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import ExitStack
from itertools import combinations

import pytest
from sides_fixtures import SIDES, sides_project

from briefing import i18n
from briefing.charts.relations import RELATION_LABELS

from .conftest import ROOT, open_context, serving

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}
MAIN = "figure.briefing-relations-chart"
OWN = "figure.briefing-connections-chart"
# (case, site, path, figure): the relationship page and two records' connections; the small briefings
PAGES = [
    ("relations", "real", "relations/", MAIN),
    ("person", "real", "people/betssy-chavez/", OWN),
    ("institution", "real", "institutions/mexico/", OWN),
    ("relations-es", "real", "es/relations/", MAIN),  # the Spanish edition's longer names
    ("person-es", "real", "es/people/betssy-chavez/", OWN),
    ("no-sides", "none", "relations/", MAIN),
    ("three-sides", "three", "relations/", MAIN),
]

# Everything drawn, in CSS pixels of the page. A line is a row's connector: it runs across the middle
# column at the row's half height (its ::before), from the first name's box to the second's, where its
# arrowhead (its ::after) ends; its label is the text on it.
MEASURE = """(sel) => {
  const fig = document.querySelector(sel);
  const rect = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  const lines = Array.from(fig.querySelectorAll('.rm-row > .rm-link')).map(link => {
    const r = rect(link), before = getComputedStyle(link, '::before'), after = getComputedStyle(link, '::after');
    const left = parseFloat(before.left), right = parseFloat(before.right), top = parseFloat(before.top);
    const y = r[1] + top + parseFloat(before.marginTop) + parseFloat(before.borderTopWidth) / 2;
    const labels = Array.from(link.querySelectorAll('.rm-label')).map(l => ({
      text: l.textContent, px: px(l), box: rect(l), shown: getComputedStyle(l).visibility === 'visible'
        && +getComputedStyle(l).opacity > 0 && l.getClientRects().length > 0}));
    const names = Array.from(link.parentElement.querySelectorAll(':scope > .rm-name')).map(rect);
    return {from: [r[0] + left, y], to: [r[2] - right, y], points: [[r[0] + left, y], [r[2] - right, y]], box: r,
            labels, names,
            stroke: [before.borderTopStyle, parseFloat(before.borderTopWidth), before.borderTopColor],
            head: after.content !== 'none' ? {w: parseFloat(after.borderLeftWidth), h: parseFloat(after.borderTopWidth)
              + parseFloat(after.borderBottomWidth), right: r[2] - parseFloat(after.right)} : null,
            cls: link.className, row: link.parentElement.getAttribute('data-rids')};
  });
  const names = Array.from(fig.querySelectorAll('.rm-name')).filter(n => !n.closest('.rm-legend')).map(n => ({
    text: n.textContent, px: px(n), box: rect(n), rid: n.getAttribute('data-rid'),
    href: n.href ? n.href : null, cut: n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1,
    overflow: getComputedStyle(n).overflow, ellipsis: getComputedStyle(n).textOverflow}));
  const texts = Array.from(fig.querySelectorAll('.rm-head, .rm-part, .rm-label, .rm-name, figcaption, .rm-legend li'))
    .filter(t => !(t.closest('.rm-legend') && t.classList.contains('rm-name')))
    .map(t => ({text: t.textContent, px: px(t)}));
  const heads = Array.from(fig.querySelectorAll('.rm-head, .rm-part')).map(rect);
  const rows = Array.from(fig.querySelectorAll('.rm-row')).map(rect);
  const legend = Array.from(fig.querySelectorAll('.rm-legend li')).map(li => ({text: li.textContent, px: px(li),
    key: li.querySelector('.rm-key > *') ? li.querySelector('.rm-key > *').className : ''}));
  const tableNames = Object.fromEntries(Array.from(document.querySelectorAll('article a[href]'))
    .filter(a => !a.closest('figure')).map(a => [a.href, a.textContent.trim()]));
  return {lines, names, texts, heads, rows, legend, tableNames, width: fig.getBoundingClientRect().width,
          container: fig.parentElement.clientWidth, scroll: [document.scrollingElement.scrollWidth, innerWidth]};
}"""


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory):
    """The small briefings with no sides and with three, built by the command line and served:
    {'none': base url, 'three': base url}."""
    served = tmp_path_factory.mktemp("small-served")
    with ExitStack() as stack:
        urls = {}
        for name in ("none", "three"):
            project = sides_project(tmp_path_factory.mktemp(name) / "p", SIDES[name])
            result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                                    capture_output=True, text=True, timeout=300, check=False,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            assert result.returncode == 0, result.stderr
            shutil.copytree(project / "site", served / name / "mini")  # site_url's path: /mini/
            urls[name] = stack.enter_context(serving(served / name, "mini/"))
        yield urls


@pytest.fixture(scope="module")
def sites(base_url, small_sites):
    return {"real": base_url, **small_sites}


@pytest.fixture(scope="module")
def measured(browser, sites):
    """Each view, measured at each viewport: {(case, viewport): data}."""
    out = {}
    for viewport, size in VIEWPORTS.items():
        context, watch = open_context(browser, viewport=size)
        page = context.new_page()
        for case, site, path, figure in PAGES:
            page.goto(sites[site] + path)
            out[(case, viewport)] = page.evaluate(MEASURE, figure)
        assert watch.problems() == []
        context.close()
    return out


def _labels() -> set[str]:
    """Each relation's label as each edition words it."""
    labels = set(RELATION_LABELS)
    with i18n.speaking("es"):
        labels |= {i18n._(label) for label in RELATION_LABELS}
    return labels


LABELS = _labels()


def _cases():
    return [pytest.param(case, viewport, id=f"{case}-{viewport}") for case, *_ in PAGES for viewport in VIEWPORTS]


def _overlap(a, b, slack=0.5):
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _cross(p, q, r, s) -> bool:
    """Whether segments pq and rs meet: crossing, touching or lying along each other."""
    def o(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-6 else (1 if v > 0 else -1)

    def on(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])

    d1, d2, d3, d4 = o(r, s, p), o(r, s, q), o(p, q, r), o(p, q, s)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return ((d1 == 0 and on(r, s, p)) or (d2 == 0 and on(r, s, q)) or (d3 == 0 and on(p, q, r))
            or (d4 == 0 and on(p, q, s)))


def crossings(lines) -> int:
    """How many times two drawn lines meet (a shared end counts too): each line a polyline of its
    "points" (here a row's straight line, two points; a curve, sampled, for the map this view replaced),
    each pair of segments of two lines that meet counted once."""
    return sum(_cross(p, q, r, s) for a, b in combinations(lines, 2)
               for p, q in zip(a["points"], a["points"][1:], strict=False)
               for r, s in zip(b["points"], b["points"][1:], strict=False))


def unlabelled(lines) -> list:
    """The lines without exactly one visible label on them, reading as a relation."""
    bad = []
    for ln in lines:
        y = ln["from"][1]
        on = [lb for lb in ln["labels"] if lb["shown"] and lb["text"] in LABELS
              and lb["box"][1] < y < lb["box"][3] and ln["from"][0] <= lb["box"][0] and lb["box"][2] <= ln["to"][0]]
        if len(on) != 1:
            bad.append((ln["row"], [lb["text"] for lb in ln["labels"]]))
    return bad


def test_the_counts_see_what_they_count():
    """The measures on lines made up for it: the map this view replaced drew curves that crossed."""
    row = lambda y: {"points": [[100, y], [200, y]], "from": [100, y], "to": [200, y], "row": str(y),  # noqa: E731
                     "labels": [{"text": "acted on", "shown": True, "box": [130, y - 8, 170, y + 8]}]}
    rows = [row(10), row(40), row(70)]
    assert crossings(rows) == 0 and unlabelled(rows) == []
    curve = [[100, 10], [150, 30], [200, 70]]  # from the first row's start to the third row's end, through the second
    assert crossings([*rows, {"points": curve}]) == 3  # leaves the first, crosses the second, ends on the third
    bare = {**row(100), "labels": []}
    beside = {**row(130), "labels": [{"text": "acted on", "shown": True, "box": [130, 140, 170, 150]}]}  # below it
    assert unlabelled([bare, beside, row(160)]) == [("100", []), ("130", ["acted on"])]


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_no_line_crosses_another_and_every_line_is_labelled(measured, case, viewport):
    m = measured[(case, viewport)]
    assert len(m["lines"]) >= 2
    assert crossings(m["lines"]) == 0
    assert unlabelled(m["lines"]) == []
    for ln in m["lines"]:  # a line is drawn (a visible stroke) and runs left to right
        assert ln["stroke"][0] in ("solid", "dashed", "dotted") and ln["stroke"][1] >= 1, ln["row"]
        assert ln["to"][0] - ln["from"][0] >= 40, ln["row"]


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_each_line_runs_from_one_name_to_the_other_and_behind_no_box(measured, case, viewport):
    m = measured[(case, viewport)]
    for ln in m["lines"]:
        first, second = ln["names"]
        (x0, y), (x1, _) = ln["from"], ln["to"]
        assert abs(x0 - first[2]) <= 1.5 and first[1] < y < first[3], ln["row"]  # leaves the first box's edge
        end = ln["head"]["right"] if ln["head"] else x1
        assert abs(end - second[0]) <= 1.5 and second[1] < y < second[3], ln["row"]  # ... ends on the second's
        if "together" in ln["cls"]:
            assert ln["head"] is None  # no direction: no arrowhead
        else:
            assert ln["head"] and ln["head"]["w"] >= 8 and ln["head"]["h"] >= 8, ln["row"]
        for name in m["names"]:  # no box lies over any part of it
            assert not (name["box"][0] + 1 < x1 and x0 < name["box"][2] - 1 and name["box"][1] < y < name["box"][3]), \
                (ln["row"], name["text"])


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_every_text_is_at_least_12px_as_rendered(measured, case, viewport):
    m = measured[(case, viewport)]
    small = [(t["text"], t["px"]) for t in m["texts"] if t["px"] < 12]
    assert small == []
    assert min(lb["px"] for ln in m["lines"] for lb in ln["labels"]) >= 12
    assert m["legend"] and min(item["px"] for item in m["legend"]) >= 12


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_nothing_overlaps_and_the_view_fits_the_screen(measured, case, viewport):
    m = measured[(case, viewport)]
    boxes = [n["box"] for n in m["names"]]
    labels = [lb["box"] for ln in m["lines"] for lb in ln["labels"]]
    clashes = [(a, b) for a, b in combinations(boxes + labels + m["heads"], 2) if _overlap(a, b)]
    assert clashes == []
    assert not [(a, b) for a, b in combinations(m["rows"], 2) if _overlap(a, b)]  # rows one below another
    assert m["width"] <= m["container"] + 0.5
    assert m["scroll"][0] <= m["scroll"][1]  # the page does not scroll sideways


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_names_are_whole_never_cut(measured, case, viewport):
    m = measured[(case, viewport)]
    assert m["names"]
    for n in m["names"]:
        assert not n["cut"] and n["ellipsis"] != "ellipsis", n["text"]
        assert not n["text"].rstrip().endswith(("…", "...")), n["text"]
    named = [n for n in m["names"] if n["href"] in m["tableNames"]]
    assert len(named) >= 0.9 * len([n for n in m["names"] if n["href"]])  # nearly each is named below the view
    assert [n["text"] for n in named] == [m["tableNames"][n["href"]] for n in named]  # ... in the same words


@pytest.mark.parametrize(("case", "viewport"), _cases())
def test_the_legend_draws_each_kind_of_line_shown(measured, case, viewport):
    m = measured[(case, viewport)]
    drawn = {ln["cls"] for ln in m["lines"]}
    keys = {item["key"] for item in m["legend"] if item["key"].startswith("rm-link")}
    assert drawn == keys
    words = " ".join(item["text"] for item in m["legend"])
    assert "a person" in words or "a state" in words


# -- what a name does ------------------------------------------------------------------------------

PICKED = """(sel) => {
  const fig = document.querySelector(sel);
  const op = e => +getComputedStyle(e).opacity;
  const rows = Array.from(fig.querySelectorAll('.rm-row')).map(r => ({rids: r.getAttribute('data-rids').split(' '),
    on: r.classList.contains('rm-on'), opacity: op(r)}));
  const bar = fig.querySelector('.rm-bar');
  return {filtering: fig.classList.contains('rm-filtering'), rows,
          said: bar ? bar.querySelector('[role=status]').textContent : null,
          barShown: bar ? bar.getBoundingClientRect().height > 10 : false};
}"""


def _picked_out(state, rid):
    """Whether exactly the rows naming rid stand out, and every other is dimmed."""
    mine = [r for r in state["rows"] if rid in r["rids"]]
    others = [r for r in state["rows"] if rid not in r["rids"]]
    return (state["filtering"] and mine and all(r["on"] and r["opacity"] == 1 for r in mine)
            and all(not r["on"] and r["opacity"] < 0.5 for r in others))


def _nothing_picked(state):
    return not state["filtering"] and all(r["opacity"] == 1 and not r["on"] for r in state["rows"])


@pytest.mark.parametrize(("path", "figure", "first", "second"), [
    ("relations/", MAIN, ".rm-cast a[data-rid='hugo-de-zela']", ".rm-row a[data-rid='karla-ornelas']"),
    ("institutions/mexico/", OWN, ".rm-row a[data-rid='peru']", ".rm-row a[data-rid='ecuador']"),
])
def test_on_a_touch_screen_the_first_tap_picks_out_and_the_second_opens(browser, base_url, path, figure, first,
                                                                         second):
    context, watch = open_context(browser, viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    here = page.url
    assert _nothing_picked(page.evaluate(PICKED, figure))
    name = page.locator(f"{figure} {first}").first
    rid, href = name.get_attribute("data-rid"), name.evaluate("a => a.href")
    name.scroll_into_view_if_needed()
    name.tap()
    page.wait_for_timeout(200)
    assert page.url == here  # the first tap stays
    state = page.evaluate(PICKED, figure)
    assert _picked_out(state, rid)
    assert state["barShown"] and "Tap it again to open its page" in state["said"]
    other = page.locator(f"{figure} {second}").first  # a tap on another name picks that one out instead
    other_rid = other.get_attribute("data-rid")
    other.scroll_into_view_if_needed()
    other.tap()
    page.wait_for_timeout(200)
    assert page.url == here and _picked_out(page.evaluate(PICKED, figure), other_rid)
    page.locator("article h1").tap()  # a tap elsewhere shows every relation again
    page.wait_for_timeout(200)
    assert _nothing_picked(page.evaluate(PICKED, figure))
    name.scroll_into_view_if_needed()
    name.tap()
    page.wait_for_timeout(200)
    assert page.url == here and _picked_out(page.evaluate(PICKED, figure), rid)
    with page.expect_navigation():
        name.tap()  # the second tap on the same name opens its page
    assert page.url == href
    assert watch.problems() == []
    context.close()


def test_with_a_mouse_pointing_picks_out_and_a_click_opens(browser, base_url):
    context, watch = open_context(browser, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(base_url + "relations/")
    name = page.locator(f"{MAIN} .rm-row a[data-rid='congress-peru']").first
    name.scroll_into_view_if_needed()
    before = name.bounding_box()
    name.hover()
    assert _picked_out(page.evaluate(PICKED, MAIN), "congress-peru")
    assert name.bounding_box() == before  # picking out moves nothing: the name stays under the pointer
    page.mouse.move(1, 1)
    assert _nothing_picked(page.evaluate(PICKED, MAIN))
    with page.expect_navigation():
        name.click()  # the first click opens the page
    assert page.url.endswith("/institutions/congress-peru/")
    assert watch.problems() == []
    context.close()


def test_with_the_keyboard_moving_to_a_name_picks_out_and_enter_opens(browser, base_url):
    context, watch = open_context(browser, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(base_url + "relations/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('.rm-cast a.rm-name')"):
            break
    else:
        raise AssertionError("200 Tab presses never reached a name in the relationship view")
    page.keyboard.press("Tab")  # the second name: the group Peru begins with Peru, then its institutions
    rid = page.evaluate("document.activeElement.getAttribute('data-rid')")
    state = page.evaluate(PICKED, MAIN)
    assert _picked_out(state, rid) and "Enter opens its page" in state["said"]
    page.keyboard.press("Escape")
    assert _nothing_picked(page.evaluate(PICKED, MAIN))
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert _picked_out(page.evaluate(PICKED, MAIN), rid)
    href = page.evaluate("document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == href
    assert watch.problems() == []
    context.close()


def test_picking_out_a_name_shows_the_rows_its_own_page_shows(browser, base_url):
    """A record's connections are the rows the relationship page picks out for it (and its state's row)."""
    context, _ = open_context(browser, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    rows = """(sel) => Array.from(document.querySelectorAll(sel + ' .rm-row')).filter(r => !sel.includes('relations')
      || r.classList.contains('rm-on')).map(r => {
        const ev = r.closest('.rm-event');
        return [r.getAttribute('data-rids'), r.querySelector('.rm-label').textContent,
                ev ? ev.querySelector('.rm-head a').getAttribute('href').split('#')[1] : ''];
      })"""
    for rid, path in (("hugo-de-zela", "people/hugo-de-zela/"), ("congress-peru", "institutions/congress-peru/")):
        page.goto(base_url + "relations/")
        page.locator(f"{MAIN} .rm-cast a[data-rid='{rid}']").focus()
        picked = page.evaluate(rows, MAIN)
        page.goto(base_url + path)
        own = page.evaluate(rows, OWN)
        extra = [r for r in own if r not in picked]
        assert extra and all(label == "belongs to" and ev == "" for _ids, label, ev in extra)  # its state, said
        assert sorted(r for r in own if r not in extra) == sorted(picked)  # by where it stands on the map page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_relationship_view(browser, sites, results_dir, scheme):
    """Pictures of each view as a reader sees it (test-results/relmap-*.png); one with a name picked out."""
    for size in VIEWPORTS.values():
        context, watch = open_context(browser, viewport=size, color_scheme=scheme, has_touch=True)
        page = context.new_page()
        for case, site, path, figure in PAGES:
            page.goto(sites[site] + path)
            box = page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
                return {x: Math.max(0, r.x - 8), y: r.y + scrollY - 8, width: r.width + 16,
                        height: r.height + 16}; }""", figure)
            out = results_dir / f"relmap-{case}-{size['width']}-{scheme}.png"
            page.screenshot(path=str(out), full_page=True, clip=box)
            assert out.stat().st_size > 5000
        page.goto(sites["real"] + "relations/")
        page.locator(f"{MAIN} .rm-cast a[data-rid='hugo-de-zela']").tap()
        page.locator(f"{MAIN} .rm-row.rm-on").nth(2).scroll_into_view_if_needed()
        page.screenshot(path=str(results_dir / f"relmap-picked-{size['width']}-{scheme}.png"))
        assert watch.problems() == []
        context.close()


def test_the_view_speaks_the_language_of_its_edition(browser, base_url):
    """The words briefing.js writes (the status line, the button) are the edition's, from the catalog."""
    from briefing.i18n import _, speaking

    with speaking("es"):
        show_all, tap_again = _("Show all"), _("Tap it again to open its page.")
        picked = _("{name}: {n} relations picked out.")
    assert show_all != "Show all"
    context, watch = open_context(browser, viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "es/relations/")
    name = page.locator(f"{MAIN} .rm-cast a[data-rid='hugo-de-zela']").first
    name.scroll_into_view_if_needed()
    name.tap()
    page.wait_for_timeout(200)
    state = page.evaluate(PICKED, MAIN)
    assert _picked_out(state, "hugo-de-zela")
    said = re.escape(picked.format(name=name.inner_text().strip(), n=12345)).replace("12345", r"\d+")
    assert re.fullmatch(said + " " + re.escape(tap_again), state["said"]), state["said"]
    assert page.locator(f"{MAIN} .rm-bar button").inner_text() == show_all
    assert watch.problems() == []
    context.close()
