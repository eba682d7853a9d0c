"""The charts as a reader meets them, on a phone (390 px) and a desktop (1400 px): every label at least
12 px as rendered, none overlapping another or cut, a legend, links reachable by Tab; then screenshots
of each chart, light and dark, into test-results/. Also the glossary's tooltips. (The relationship
view and each record's connections: test_relations_view.py.)"""

from __future__ import annotations

from itertools import combinations
from urllib.parse import urljoin

import pytest

from briefing.facts.validate import load_graph
from briefing.pages.glossary import tooltips as tooltips_of

from .conftest import ROOT, open_context

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}
# (name, path, the chart's figure)
CHARTS = [
    # the timeline: its background, folded in a <details> (opened to be measured), and its close-up
    ("timeline-background", "timeline/", "details > figure.briefing-timeline-chart"),
    ("timeline", "timeline/", "article > figure.briefing-timeline-chart"),
]
OPEN_FOLDS = "document.querySelectorAll('article details').forEach(d => { d.open = true; })"
"""A reader opens the timeline's folded background to see its chart."""

# Everything a test needs to know about the drawing the reader sees, in CSS pixels of the page.
MEASURE = """(sel) => {
  const fig = document.querySelector(sel);
  const svgs = Array.from(fig.querySelectorAll(':scope > svg'));
  const shown = svgs.filter(s => getComputedStyle(s).display !== 'none');
  const svg = shown[0];
  const rect = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const vb = svg.viewBox.baseVal, box = svg.getBoundingClientRect();
  const scale = box.width / vb.width;
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => !t.closest('.hl')).map(t => {
    const a = t.closest('a');
    const spans = Array.from(t.querySelectorAll('tspan')).map(s => s.textContent);
    return {px: parseFloat(getComputedStyle(t).fontSize) * scale, box: rect(t),
            lines: spans.length ? spans : [t.textContent],
            title: a && a.querySelector('title') ? a.querySelector('title').textContent : null, href: a
              ? new URL(a.getAttribute('href'), location.href).href : null,
            box_of_link: a && a.querySelector('rect.box') ? rect(a.querySelector('rect.box')) : null};
  });
  const toPage = (p, pt) => { const m = p.getScreenCTM(); return [m.a * pt.x + m.c * pt.y + m.e,
                                                                  m.b * pt.x + m.d * pt.y + m.f]; };
  const lines = Array.from(svg.querySelectorAll('g.lines > g.ln')).map(g => {
    const [path, head] = [g.querySelector('path:not(.ah)'), g.querySelector('path.ah')];
    const n = 80, len = path.getTotalLength();
    const points = Array.from({length: n + 1}, (_, i) => toPage(path, path.getPointAtLength(len * i / n)));
    const tip = head ? toPage(head, head.getPointAtLength(0)) : null;
    return {cls: g.getAttribute('class'), d: path.getAttribute('d'), points, tip,
            head: head
              ? Array.from(head.getAttribute('d').matchAll(/[ML]([-\\d.]+) ([-\\d.]+)/g)).map(m => toPage(head,
                {x: +m[1], y: +m[2]})) : []};
  });
  const nodes = Array.from(svg.querySelectorAll('g.node, g.centre')).map(g => ({
    box: rect(g.querySelector(':scope > a > rect.box, :scope > rect.box')), centre: g.classList.contains('centre'),
    href: g.querySelector(':scope > a') ? new URL(g.querySelector(':scope > a').getAttribute('href'),
                                                  location.href).href : null}));
  const marks = Array.from(svg.querySelectorAll('.mark, .span, .cap')).map(rect);
  const legend = Array.from(fig.querySelectorAll('.briefing-legend li')).map(li => ({
    text: li.textContent, px: parseFloat(getComputedStyle(li).fontSize), drawn: li.querySelector('g.ln')
      ? li.querySelector('g.ln').getAttribute('class') : null}));
  return {shown: shown.map(s => s.getAttribute('class')), count: svgs.length, width: box.width, vb: vb.width, scale,
          container: fig.clientWidth, scroll: [document.scrollingElement.scrollWidth, innerWidth],
          texts, lines, nodes, marks, legend,
          // what the page says in words about each thing a chart links to: a link's text, an entry's heading
          names: Object.fromEntries(Array.from(document.querySelectorAll('article a[href]'))
                   .filter(a => !a.closest('figure'))
                   .map(a => [a.href,
                              a.textContent.trim()]).concat(Array.from(document.querySelectorAll('article h4[id]'))
                   .map(h => [location.href.split('#')[0] + '#' + h.id, h.textContent.replace(/¶$/, '').trim()]))),
          rows: Array.from(svg.querySelectorAll(':scope > a')).map(a => a.getAttribute('href'))};
}"""


@pytest.fixture(scope="module")
def measured(browser, base_url):
    """Each chart, measured at each viewport: {(name, viewport): data}."""
    out = {}
    for viewport, size in VIEWPORTS.items():
        context, watch = open_context(browser, viewport=size)
        page = context.new_page()
        for name, path, figure in CHARTS:
            page.goto(base_url + path)
            page.evaluate(OPEN_FOLDS)
            out[(name, viewport)] = page.evaluate(MEASURE, figure)
        assert watch.problems() == []
        context.close()
    return out


def _cases(charts=CHARTS):
    return [pytest.param(name, viewport, id=f"{name}-{viewport}") for name, _p, _f in charts for viewport in VIEWPORTS]


def _overlap(a, b, slack=0.5):
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _inside(point, box, margin=1.0):
    x, y = point
    return box[0] + margin < x < box[2] - margin and box[1] + margin < y < box[3] - margin


@pytest.mark.parametrize(("name", "viewport"), _cases())
def test_one_drawing_shows_unscaled_and_fits_the_screen(measured, name, viewport):
    m = measured[(name, viewport)]
    assert m["count"] == 2 and m["shown"] == ["bc-narrow" if viewport == "phone" else "bc-wide"]
    assert m["scale"] == pytest.approx(1.0)  # drawn at its own size: text keeps its font size
    assert m["width"] <= m["container"]
    assert m["scroll"][0] <= m["scroll"][1]  # the page does not scroll sideways


@pytest.mark.parametrize(("name", "viewport"), _cases())
def test_every_label_is_at_least_12px_as_rendered(measured, name, viewport):
    m = measured[(name, viewport)]
    assert len(m["texts"]) > 3
    small = [(t["lines"], t["px"]) for t in m["texts"] if t["px"] < 12]
    assert small == []
    assert m["legend"] and min(item["px"] for item in m["legend"]) >= 12


@pytest.mark.parametrize(("name", "viewport"), _cases())
def test_no_two_labels_overlap_and_none_covers_a_mark(measured, name, viewport):
    m = measured[(name, viewport)]
    boxes = [t["box"] for t in m["texts"]]
    clashes = [(m["texts"][i]["lines"], m["texts"][j]["lines"]) for i, j in combinations(range(len(boxes)), 2)
               if _overlap(boxes[i], boxes[j])]
    assert clashes == []
    on_marks = [t["lines"] for t in m["texts"] for mark in m["marks"] if _overlap(t["box"], mark)]
    assert on_marks == []
    node_boxes = [n["box"] for n in m["nodes"]]
    assert not [(a, b) for a, b in combinations(node_boxes, 2) if _overlap(a, b, slack=0)]
    for t in m["texts"]:  # a name stays inside its own box
        if t["box_of_link"]:
            b, r = t["box"], t["box_of_link"]
            assert r[0] <= b[0] and b[2] <= r[2] and r[1] <= b[1] and b[3] <= r[3], t["lines"]


@pytest.mark.parametrize(("name", "viewport"), _cases())
def test_labels_are_whole_wrapped_never_cut(measured, name, viewport):
    m = measured[(name, viewport)]
    linked = 0
    for t in m["texts"]:
        assert not any(line.rstrip().endswith(("…", "...")) for line in t["lines"]), t["lines"]
        if t["href"] is not None and t["href"] in m["names"]:
            # a name or an event: its lines are all of what the page calls it in words, and read as
            # those words (the space at each break is kept: 'Ministry of Foreign', not 'ofForeign')
            assert "".join(t["lines"]) == m["names"][t["href"]], (t["lines"], m["names"][t["href"]])
            linked += 1
    assert linked >= len([t for t in m["texts"] if t["href"]]) * 0.9  # nearly every one is named below it


@pytest.mark.parametrize(("name", "viewport"), _cases())
def test_the_legend_names_every_kind_of_line_and_mark_drawn(measured, name, viewport):
    m = measured[(name, viewport)]
    words = " ".join(item["text"] for item in m["legend"])
    assert "a day the sources give" in words and "only the week, the month or the year is known" in words
    assert "side acted: each one who acted is" in words  # whose move: test_timeline.py checks each


def test_the_timeline_chart_follows_the_timelines_order(browser, base_url, measured):
    context, _ = open_context(browser, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(base_url + "timeline/")
    entries = page.eval_on_selector_all("article h4[id]", "hs => hs.map(h => '#' + h.id)")
    context.close()
    for viewport in VIEWPORTS:  # the background's rows, then the close-up's: the page's entries, in order
        rows = measured[("timeline-background", viewport)]["rows"] + measured[("timeline", viewport)]["rows"]
        assert rows == entries


@pytest.mark.parametrize(("path", "chart"), [
    ("timeline/", "figure.briefing-timeline-chart > svg:visible"),
])
def test_chart_links_are_reachable_by_tab(browser, base_url, path, chart):
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator(chart).count() == 1
    assert page.locator(chart).get_attribute("aria-labelledby")
    assert page.locator(f"{chart} a").count() > 5
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('figure.briefing-chart') !== null"):
            break
    else:
        raise AssertionError(f"200 Tab presses never reached a link inside the chart on {path}")
    name = page.evaluate("document.activeElement.querySelector('title').textContent")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert name and href
    if href.startswith("#"):  # the timeline's rows go to their entries on the same page
        page.keyboard.press("Enter")
        assert page.url.endswith(href)
    else:
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == urljoin(base_url + path, href)
    assert watch.problems() == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_each_chart(browser, base_url, results_dir, scheme):
    """Pictures of each chart as a reader sees it, to look at (test-results/charts-*.png)."""
    for size in VIEWPORTS.values():
        context, watch = open_context(browser, viewport=size, color_scheme=scheme)
        page = context.new_page()
        for name, path, figure in CHARTS:
            page.goto(base_url + path)
            page.evaluate(OPEN_FOLDS)
            box = page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
                return {x: Math.max(0, r.x - 8), y: r.y + scrollY - 8, width: r.width + 16,
                        height: r.height + 16}; }""",
                                figure)
            assert box["height"] > 100
            out = results_dir / f"charts-{name}-{size['width']}-{scheme}.png"
            page.screenshot(path=str(out), full_page=True, clip=box)
            assert out.stat().st_size > 5000
        assert watch.problems() == []
        context.close()


@pytest.mark.parametrize("path", ["timeline/", "relations/", "glossary/"])
def test_pages_with_charts_fit_a_phone_screen(browser, base_url, path):
    context, _ = open_context(browser, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(base_url + path)
    width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    for box in page.eval_on_selector_all("figure.briefing-chart > svg",
                                         "els => els.map(e => e.getBoundingClientRect().width)"):
        assert box <= 390
    context.close()


def test_an_explained_term_has_a_tooltip(browser, base_url, built_site):
    # An explained term, and a page that uses it (the tooltips come from the facts, not this test).
    graph = load_graph(ROOT / "facts", ROOT / "seeds")
    tooltips = tooltips_of(graph)
    assert tooltips, "the glossary explains no term"
    word, title, path = next((w, t, p.relative_to(built_site).parent.as_posix()) for w, t in tooltips.items()
                             for p in sorted(built_site.glob("*/index.html"))
                             if "<abbr title=" in (text := p.read_text(encoding="utf-8")) and f">{w}</abbr>" in text)
    context, watch = open_context(browser)
    page = context.new_page()
    page.goto(base_url + path + "/")
    abbr = page.locator("article abbr", has_text=word).first
    # the page carries the tooltip the facts give (its wording and voice: test_real_briefing)
    assert abbr.get_attribute("title") == title.replace("&amp;", "&")
    # Material turns the title into its own tooltip, shown on hover.
    abbr.hover()
    page.wait_for_timeout(600)
    shown = page.evaluate("Array.from(document.querySelectorAll('.md-tooltip2, .md-tooltip'))"
                          ".map(e => e.textContent).join(' ')")
    assert " ".join(title.split()[:6]) in " ".join(shown.split()), shown
    assert watch.problems() == []
    context.close()


def test_glossary_cites_explanations_and_does_not_explain_undefined_terms(browser, base_url):
    context, _ = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "glossary/")
    legation = page.locator("h2#legation")
    assert legation.count() == 1
    section = page.evaluate("""() => { let out = '', el = document.getElementById('legation').nextElementSibling;
        while (el && el.tagName !== 'H2') { out += el.textContent + '\\n'; el = el.nextElementSibling;
          } return out; }""")
    assert "a legation is any seat of a regular diplomatic mission" in section
    png = page.evaluate("""() => { let out = '', el = document.getElementById('persona-non-grata').nextElementSibling;
        while (el && el.tagName !== 'H2') { out += el.textContent + '\\n'; el = el.nextElementSibling;
          } return out; }""")
    assert "No archived source explains this term" in png
    assert page.locator("article sup[id^='fnref']").count() > 8
    context.close()
