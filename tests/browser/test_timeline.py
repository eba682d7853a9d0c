"""The timeline page as a reader meets it, on a phone (390 x 844) and a desktop (1400 x 900), light and
dark: the latest events lead and the background is folded before them, yet any link to a folded event
opens it; every mark in the charts says whose move it was by colour and by shape, the legend names each
side drawn, and each entry carries the same mark and its words.

The numbers measured (on which screen the first close-up event and the first background event appear)
are written to test-results/timeline-screens.json.
"""

from __future__ import annotations

import json

import pytest

from briefing.charts import moves
from briefing.charts.relations import possessive
from briefing.facts.validate import load_graph

from .conftest import ROOT, open_context
from .test_accessibility import AXE
from .test_search import results

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}
SCHEMES = ["light", "dark"]
CLOSE_UP = "article > figure.briefing-timeline-chart"
BACKGROUND = "article > details.briefing-background"


@pytest.fixture(scope="module")
def graph():
    return load_graph(ROOT / "facts", ROOT / "seeds")


def open_fold(page) -> None:
    """Open the folded background as a reader does, by its summary (a page without one stays as it is:
    the tests then say what is missing, not that a click timed out)."""
    summary = page.locator(f"{BACKGROUND} > summary")
    if summary.count():
        summary.click()


# Where things are on the page, in screens of the viewport's height (1 = the first screen).
SCREENS = """() => {
  const screen = el => Math.floor((el.getBoundingClientRect().top + scrollY) / innerHeight) + 1;
  const fold = document.querySelector('article > details.briefing-background');
  const closeUp = document.querySelector('article > figure.briefing-timeline-chart');
  const entries = Array.from(document.querySelectorAll('article h4[id]'));
  const after = entries.filter(h => !h.closest('details'));
  const folded = entries.filter(h => h.closest('details'));
  const shown = closeUp ? Array.from(closeUp.querySelectorAll(':scope > svg'))
    .find(s => getComputedStyle(s).display !== 'none') : null;
  const row = shown ? shown.querySelector(':scope > a') : null;
  return {screens: +(document.documentElement.scrollHeight / innerHeight).toFixed(1),
          fold: fold ? {open: fold.open, screen: screen(fold),
                        summary: fold.querySelector('summary').textContent.trim()} : null,
          first_close_up_row: row ? {title: row.querySelector('title').textContent, screen: screen(row)} : null,
          first_close_up_entry: after.length ? {id: after[0].id, screen: screen(after[0])} : null,
          first_background_entry: folded.length ? {id: folded[0].id, visible: folded[0].checkVisibility()} : null,
          folded_ids: folded.map(h => h.id), after_ids: after.map(h => h.id),
          // the same for any layout (this page's before the fold, too): where the first 2025 event's entry
          // and row are, and where the first background event's entry is when drawn (null: folded)
          first_2025_entry_screen: (h => h ? screen(h) : null)(entries.find(h => /2025/.test(h.textContent))),
          first_2025_row_screen: (r => r ? screen(r) : null)(Array.from(document.querySelectorAll(
            'figure.briefing-timeline-chart > svg')).filter(s => s.checkVisibility())
            .flatMap(s => Array.from(s.querySelectorAll(':scope > a')))
            .find(a => /2025/.test(a.querySelector('title').textContent))),
          first_background_entry_screen: entries.length && entries[0].checkVisibility() ? screen(entries[0]) : null};
}"""


@pytest.fixture(scope="module")
def screens(browser, base_url, results_dir):
    """SCREENS at each viewport and palette, and once more with the fold opened."""
    out = {}
    for viewport, size in VIEWPORTS.items():
        for scheme in SCHEMES:
            context, watch = open_context(browser, viewport=size, color_scheme=scheme)
            page = context.new_page()
            page.goto(base_url + "timeline/")
            data = page.evaluate(SCREENS)
            open_fold(page)
            data["opened"] = page.evaluate("""() => {
                const screen = el => Math.floor((el.getBoundingClientRect().top + scrollY) / innerHeight) + 1;
                const h = Array.from(document.querySelectorAll('article h4[id]')).find(h => /1949/.test(h.textContent));
                const svg = Array.from(document.querySelectorAll('details figure.briefing-timeline-chart > svg'))
                    .find(s => getComputedStyle(s).display !== 'none');
                return {entry_visible: h.checkVisibility(), entry_screen: screen(h),
                        first_row_screen: svg ? screen(svg.querySelector(':scope > a')) : null}; }""")
            out[(viewport, scheme)] = data
            assert watch.problems() == []
            context.close()
    (results_dir / "timeline-screens.json").write_text(json.dumps(
        {f"{w}-{s}": {k: v for k, v in d.items() if not k.endswith("_ids")} for (w, s), d in out.items()},
        indent=1), encoding="utf-8")
    return out


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_latest_events_lead_and_the_background_is_folded_before_them(graph, screens, viewport, scheme):
    m = screens[(viewport, scheme)]
    order = [e.id for e in graph.events_by_date]
    assert m["folded_ids"] + m["after_ids"] == order  # the one order, the fold first
    assert m["folded_ids"] and m["after_ids"]
    first_2025 = next(e for e in graph.events_by_date if e.date.startswith("2025"))
    assert m["first_close_up_entry"]["id"] == first_2025.id  # the close-up is the 2025 crisis
    assert all(graph.get(rid).date < "2025" for rid in m["folded_ids"])
    # the first screen: the folded background (one line) and the close-up's chart from its first row
    assert m["fold"]["open"] is False and m["fold"]["screen"] == 1
    assert m["fold"]["summary"] == f"Background: {len(m['folded_ids'])} events, 1949 to 2024"
    assert m["first_close_up_row"]["screen"] == 1 and m["first_close_up_row"]["title"].startswith("September 2025")
    assert m["first_background_entry"]["visible"] is False  # folded: nothing of the background shows
    assert m["first_2025_row_screen"] == 1 and m["first_background_entry_screen"] is None
    # the close-up's entries follow its chart: before this page led with the background, the first 2025
    # entry was on screen 15 of 40 on a phone and 9 of 23 on a desktop
    assert m["first_close_up_entry"]["screen"] <= (3 if viewport == "phone" else 2)
    # (17 desktop screens since rounds seven and eight of the fact-check added order and date notes; 16 before;
    # 30.4 phone screens since round eleven's notes on events of one day that no source orders, 29.x before)
    assert m["screens"] < (31 if viewport == "phone" else 18)
    # opened, the background is right there: its chart from the first screen, then its entries
    assert m["opened"]["entry_visible"] and m["opened"]["first_row_screen"] == 1


# Every timeline mark: its side, classes, shape (a circle, or a path's corners around their centre,
# wherever it is drawn) and colour; the legend's lines with the same; each entry's mark and words.
MARKS = """() => {
  const outline = m => {
    if (m.tagName === 'circle') return 'circle';
    const pts = Array.from(m.getAttribute('d').matchAll(/[ML]([-\\d.]+) ([-\\d.]+)/g)).map(p => [+p[1], +p[2]]);
    const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length, cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    return pts.map(p => [Math.round((p[0] - cx) * 10) / 10, Math.round((p[1] - cy) * 10) / 10]).sort().join(' ');
  };
  const hollow = m => m.classList.contains('approx') || m.classList.contains('within');
  const colour = m => { const s = getComputedStyle(m); return hollow(m) ? s.stroke : s.fill; };
  const shown = Array.from(document.querySelectorAll('figure.briefing-timeline-chart > svg'))
    .filter(s => getComputedStyle(s).display !== 'none');
  const rows = shown.flatMap(svg => Array.from(svg.querySelectorAll(':scope > a')).map(a => {
    const marks = Array.from(a.querySelectorAll('.mark'));
    const first = marks[0] || a.querySelector('.span');
    return {id: a.getAttribute('href').slice(1), box: (b => [b.width, b.height])(first.getBoundingClientRect()),
            marks: marks.map(m => ({side: m.getAttribute('data-side'), cls: m.getAttribute('class'),
                                    outline: outline(m), colour: colour(m)}))};
  }));
  const legend = Array.from(document.querySelectorAll('figure.briefing-timeline-chart .briefing-legend li'))
    .filter(li => li.checkVisibility()).map(li => {
      const m = li.querySelector('.mark');
      return {text: li.textContent, cls: m ? m.getAttribute('class') : null, outline: m ? outline(m) : null,
              colour: m ? colour(m) : null};
    });
  const chips = Array.from(document.querySelectorAll('article h4[id]')).map(h => {
    let el = h.nextElementSibling;
    const chip = el && el.querySelector('.briefing-move');
    return {id: h.id, side: chip ? chip.getAttribute('data-side') : null, text: chip ? chip.textContent : null,
            outline: chip ? outline(chip.querySelector('.mark')) : null,
            colour: chip ? getComputedStyle(chip.querySelector('.mark')).fill : null,
            border: chip ? getComputedStyle(chip).borderTopColor : null};
  });
  return {rows, legend, chips, bg: getComputedStyle(document.body).backgroundColor};
}"""


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def _contrast(a: str, b: str) -> float:
    def lum(c: str) -> float:
        ch = [v / 255 for v in _rgb(c)]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(scope="module")
def marks(browser, base_url):
    out = {}
    for viewport, size in VIEWPORTS.items():
        for scheme in SCHEMES:
            context, watch = open_context(browser, viewport=size, color_scheme=scheme)
            page = context.new_page()
            page.goto(base_url + "timeline/")
            open_fold(page)
            out[(viewport, scheme)] = page.evaluate(MARKS)
            assert watch.problems() == []
            context.close()
    return out


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_mark_says_whose_move_it_was_by_colour_and_by_shape(graph, marks, viewport, scheme):
    m = marks[(viewport, scheme)]
    expected = {e.id: moves.cue(graph, e) for e in graph.events_by_date}
    assert [r["id"] for r in m["rows"]] == list(expected)  # both charts, every event
    by_side: dict[str, set] = {}
    for row in m["rows"]:
        cue = expected[row["id"]]
        assert cue is not None
        # one side's mark per row, its side the one the facts give, its class that side's
        assert len(row["marks"]) == 1, row
        mark = row["marks"][0]
        assert mark["side"] == cue.side and cue.css in mark["cls"].split(), row
        assert max(row["box"]) >= 9  # big enough to tell its shape
        by_side.setdefault(mark["side"], set()).add((mark["outline"], mark["colour"]))
    assert set(by_side) == {"peru", "mexico", "other"}  # the real briefing: both sides, and others
    assert all(len(cues) == 1 for cues in by_side.values()), by_side  # one shape and one colour per side
    outlines = [next(iter(c))[0] for c in by_side.values()]
    colours = [next(iter(c))[1] for c in by_side.values()]
    assert len(set(outlines)) == 3  # the cue that survives greyscale and colour blindness: the shape
    assert len(set(colours)) == 3
    for colour in colours:  # each colour stands out from the page (WCAG 1.4.11: 3:1 for graphics)
        assert _contrast(colour, m["bg"]) >= 3, (colour, m["bg"])


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_legend_names_each_side_drawn_with_its_mark(graph, marks, viewport, scheme):
    m = marks[(viewport, scheme)]
    drawn = {(r["marks"][0]["side"], r["marks"][0]["outline"], r["marks"][0]["colour"]) for r in m["rows"]}
    for side, outline, colour in drawn:
        if side == "other":
            words = "other or mixed: those who acted do not all act for one side (others acted, or both sides " \
                    "did), or no one is recorded as acting"
        else:
            name = graph.get(side).name
            words = f"{possessive(name)} side acted: each one who acted is {name}, a state body of {name} or a " \
                    "person holding a post in them"
        lines = [li for li in m["legend"] if li["text"] == words]
        assert lines, (side, [li["text"] for li in m["legend"]])
        assert {(li["outline"], li["colour"]) for li in lines} == {(outline, colour)}  # the mark drawn, in words


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_each_entry_carries_the_same_mark_and_its_words(graph, marks, viewport, scheme):
    m = marks[(viewport, scheme)]
    row_of = {r["id"]: r["marks"][0] for r in m["rows"]}
    assert [c["id"] for c in m["chips"]] == [e.id for e in graph.events_by_date]
    for chip in m["chips"]:
        cue = moves.cue(graph, graph.get(chip["id"]))
        assert cue is not None
        assert chip["side"] == cue.side and chip["text"] == cue.words, chip
        assert chip["outline"] == row_of[chip["id"]]["outline"]
        assert chip["colour"] == chip["border"] == row_of[chip["id"]]["colour"]  # a hollow mark: its outline's
    words = {c["text"] for c in m["chips"]}
    assert {"Peru's side acted", "Mexico's side acted"} <= words
    assert "Peru's side and others acted" in words  # Colombia and Peru signed the Act of Lima
    assert "No one is recorded as acting" in words


def _target(page, rid: str) -> dict:
    """Where a folded event's heading is: in an open fold, drawn, and how far down the screen."""
    return page.evaluate("""id => { const h = document.getElementById(id), r = h.getBoundingClientRect();
        const fold = h.closest('details');
        return {open: fold !== null && fold.open, top: r.top, bottom: r.bottom, height: innerHeight,
                visible: h.checkVisibility()}; }""", rid)


def _on_screen(t: dict) -> bool:
    return t["open"] and t["visible"] and t["top"] >= 0 and t["bottom"] <= t["height"] / 2


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_link_to_a_folded_event_opens_it(browser, base_url, viewport):
    context, watch = open_context(browser, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    # an address to the event, as a bookmark or another site gives it
    page.goto(base_url + "timeline/#peru-recalls-ambassador")
    page.wait_for_timeout(300)
    assert _on_screen(_target(page, "peru-recalls-ambassador"))
    # a link from another page (a person's page lists the events they took part in)
    page.goto(base_url + "people/pedro-castillo/")
    page.locator("article a[href$='timeline/#castillo-ousted']").first.click()
    page.wait_for_url("**/timeline/#castillo-ousted")
    page.wait_for_timeout(300)
    assert _on_screen(_target(page, "castillo-ousted"))
    # a browser that does not open a <details> for its target itself: the page opens it and shows the event
    page.goto(base_url + "timeline/")
    page.evaluate("""() => { history.pushState(null, '', '#act-of-lima-1949');
                             window.dispatchEvent(new HashChangeEvent('hashchange')); }""")
    page.wait_for_timeout(300)
    t = _target(page, "act-of-lima-1949")
    assert t["open"] and t["visible"] and -1 <= t["top"] < t["height"] / 2
    assert watch.problems() == []
    context.close()


def test_search_finds_a_folded_event_and_its_result_opens_it(browser, base_url):
    context, watch = open_context(browser, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(base_url + "timeline/")
    page.keyboard.press("/")
    found = results(page, "Act of Lima")
    assert "timeline/" in [r["path"].split("/", 2)[-1] for r in found], found  # the page is found
    # and the event's own section among the page's result: a link to its anchor in the fold
    section = page.locator(".md-search-result__item a[href*='timeline/'][href$='#act-of-lima-1949']")
    assert section.count() >= 1, page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
    section.first.click()
    page.wait_for_url("**/timeline/**#act-of-lima-1949")
    page.wait_for_timeout(300)
    assert _on_screen(_target(page, "act-of-lima-1949"))
    assert watch.problems() == []
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_or_critical_violation_with_the_background_open(browser, base_url, scheme):
    """axe on the timeline with its fold open (test_accessibility checks the page as it loads)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci`")
    context, _ = open_context(browser, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    open_fold(page)
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
    assert violations == []
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_the_timeline(browser, base_url, results_dir, viewport, scheme):
    """The first screen, and the first screens with the fold opened, to look at (test-results/)."""
    context, _ = open_context(browser, viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    name = f"timeline-{VIEWPORTS[viewport]['width']}-{scheme}"
    page.screenshot(path=str(results_dir / f"{name}-first-screen.png"))
    page.screenshot(path=str(results_dir / f"{name}-page.png"), full_page=True)
    open_fold(page)
    page.screenshot(path=str(results_dir / f"{name}-background-open.png"), full_page=True)
    assert (results_dir / f"{name}-first-screen.png").stat().st_size > 10_000
    context.close()


LENGTHS = """() => { const notes = document.querySelector('article .footnote');
  const top = notes ? notes.getBoundingClientRect().top + scrollY : document.documentElement.scrollHeight;
  return {story: top / innerHeight, notes: (document.documentElement.scrollHeight - top) / innerHeight}; }"""
"""The page's length in screens: the story, and the notes after it."""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_spanish_timeline_leads_with_the_latest_events_too(graph, browser, base_url, viewport):
    """Spanish titles run longer, and each note gives an English quote with its translation beside it: the
    Spanish timeline keeps the English one's order and first screens, its story about as long, its notes at
    most twice as long."""
    context, watch = open_context(browser, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(base_url + "timeline/")
    english = page.evaluate(LENGTHS)
    page.goto(base_url + "es/timeline/")
    m = page.evaluate(SCREENS)
    order = [e.id for e in graph.events_by_date]
    assert m["folded_ids"] + m["after_ids"] == order and m["folded_ids"] and m["after_ids"]
    assert m["fold"]["open"] is False and m["fold"]["screen"] == 1
    assert m["first_close_up_row"]["screen"] == 1 and m["first_close_up_row"]["title"].startswith("septiembre de 2025")
    assert m["first_background_entry"]["visible"] is False and m["first_2025_row_screen"] == 1
    assert m["first_close_up_entry"]["screen"] <= (3 if viewport == "phone" else 2)
    spanish = page.evaluate(LENGTHS)
    assert spanish["story"] <= 1.25 * english["story"] and spanish["notes"] <= 2 * english["notes"], (spanish, english)
    open_fold(page)
    assert page.locator("article h4[id='haya-de-la-torre-asylum-1949']").is_visible()
    assert watch.problems() == []
    context.close()
