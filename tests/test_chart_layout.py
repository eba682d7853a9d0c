"""The charts' geometry, without a browser: text wraps whole, boxes hold their names and never overlap,
no line passes behind a box, the timeline keeps its order and draws uncertain dates as spans."""

from __future__ import annotations

import datetime as dt
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import layout, relmap, timechart
from briefing.layout import Rect, cubic_points, text_width, wrap
from briefing.relmap import Frame, Group, Item, Link, map_layout, star_layout
from briefing.timechart import Dated, focus_start, time_layout

WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P"]), min_size=1, max_size=18)
NAMES = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)
FRAMES = [Frame(320, 118, 118), Frame(640, 210, 210), Frame(320, 104, 136), Frame(640, 190, 250)]


# -- text ----------------------------------------------------------------------------------------

@given(NAMES, st.integers(min_value=40, max_value=400))
def test_wrapping_keeps_every_word_whole_and_in_order(text, width):
    lines = wrap(text, width, 13)
    assert " ".join(lines) == " ".join(text.split())
    for line in lines:  # a line is too wide only when it is one word that cannot be broken
        assert text_width(line, 13) <= width or " " not in line


def test_widths_are_measured_wide_for_accents_and_unknown_characters():
    assert text_width("Chávez", 13) == text_width("Chavez", 13)
    assert text_width("中", 13) > text_width("M", 13)
    assert text_width("WWW", 13, bold=True) > text_width("WWW", 13)
    assert layout.min_width("Secretariat of Foreign Relations", 13) == text_width("Secretariat", 13)


def test_a_cubic_curve_is_sampled_from_end_to_end():
    points = list(cubic_points(((0, 0), (10, 0), (20, 10), (30, 10)), steps=10))
    assert points[0] == (0, 0) and points[-1] == (30, 10) and len(points) == 11


def test_coordinates_are_short_and_stable():
    assert [layout.num(v) for v in (3.0, 3.25, -0.04, 12.349, 100)] == ["3", "3.2", "0", "12.3", "100"]


# -- the relationship map ------------------------------------------------------------------------

def _boxes_hold_their_names(lay: relmap.MapLayout) -> None:
    for box in lay.boxes.values():
        r = box.rect
        assert " ".join(box.lines) == " ".join(box.item.name.split())  # wrapped, never cut
        assert len(box.lines) * relmap.LINE + 2 * relmap.PAD_Y <= r.h
        assert all(text_width(line, relmap.SIZE, box.item.bold) <= r.w - 2 * relmap.PAD_X for line in box.lines)
        # room around every box for the outline that marks a highlighted neighbour (3 px)
        assert 3 <= r.x and r.right <= lay.frame.width - 3 and 3 <= r.y and r.bottom <= lay.height - 3


def _nothing_overlaps(lay: relmap.MapLayout) -> None:
    rects = [b.rect for b in lay.boxes.values()]
    rects += [Rect(t.x, t.y - relmap.SIZE, text_width(" ".join(t.lines), relmap.SIZE, True) if len(t.lines) == 1
                   else lay.frame.left, len(t.lines) * relmap.LINE) for t in lay.titles]
    for a, b in combinations(rects, 2):
        assert not a.overlaps(b), (a, b)


def _no_line_behind_a_box(lay: relmap.MapLayout) -> None:
    lo, hi = lay.frame.channel
    for line in lay.lines:
        points = list(cubic_points(line.curve, 48)) + list(line.head or ())
        for x, y in points:
            assert lo - 1e-9 <= x <= hi + 1e-9  # in the channel, where no box is
            for box in lay.boxes.values():
                assert not box.rect.holds(x, y), (line.link, box.item.id, x, y)
        a, b = lay.boxes[line.link.a].rect, lay.boxes[line.link.b].rect
        (x0, y0), end = line.curve[0], (line.head[0] if line.head else line.curve[3])
        assert x0 in (a.x, a.right) and a.y < y0 < a.bottom  # it starts on a's side ...
        assert end[0] in (b.x, b.right) and b.y < end[1] < b.bottom  # ... and ends on b's


def _items(names: list[str], prefix: str) -> list[Item]:
    kinds = ["state", "institution", "person"]
    return [Item(f"{prefix}{i}", name, kinds[min(i, 2)]) for i, name in enumerate(names)]


@settings(max_examples=40, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=12), st.lists(NAMES, min_size=1, max_size=12),
       st.lists(NAMES, max_size=6), st.data())
def test_the_map_keeps_names_whole_boxes_apart_and_lines_clear_of_boxes(left, right, others, data):
    groups = [Group("Peru's side", [_items(left, "p")], 0), Group("Mexico's side", [_items(right, "m")], 1)]
    if others:
        groups.append(Group("Others", [[i] for i in _items(others, "o")]))
    ids = [i.id for g in groups for c in g.clusters for i in c]
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
                               max_size=30))
    links = [Link(a, "acted on", b, (), directed=n % 3 != 0) for n, (a, b) in enumerate(pairs)]
    for frame in FRAMES[:2]:
        lay = map_layout(groups, links, frame)
        assert set(lay.boxes) == set(ids) and len(lay.lines) == len(links)
        _boxes_hold_their_names(lay)
        _nothing_overlaps(lay)
        _no_line_behind_a_box(lay)
        assert [b.column for b in lay.boxes.values() if b.item.id.startswith("p")] == [0] * len(left)
        assert [b.column for b in lay.boxes.values() if b.item.id.startswith("m")] == [1] * len(right)


@settings(max_examples=40, deadline=None)
@given(NAMES, st.lists(NAMES, min_size=1, max_size=15))
def test_connections_put_the_record_left_and_only_its_neighbours_right(name, neighbours):
    centre = Item("me", name, "person")
    items = _items(neighbours, "n")
    links = [Link("me" if n % 2 else i.id, "holds a role in", i.id if n % 2 else "me", ()) for n, i in enumerate(items)]
    for frame in FRAMES[2:]:
        lay = star_layout(centre, [Group("Others", [[i] for i in items])], links, frame)
        _boxes_hold_their_names(lay)
        _nothing_overlaps(lay)
        _no_line_behind_a_box(lay)
        me = lay.boxes["me"]
        assert me.column == 0 and all(b.column == 1 for rid, b in lay.boxes.items() if rid != "me")
        assert me.rect.bottom >= max(b.rect.bottom for b in lay.boxes.values())  # as tall as its neighbours
        assert lay.neighbours("me") == [i.id for i in items]


def test_a_word_longer_than_a_column_widens_the_columns_instead_of_being_cut():
    long = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    lay = map_layout([Group("A", [[Item("a", long, "person")]], 0), Group("B", [[Item("b", "B", "state")]], 1)],
                     [Link("a", "acted on", "b")], Frame(320, 118, 118))
    assert lay.boxes["a"].lines == (long,)
    assert lay.frame.left >= text_width(long, relmap.SIZE) + 2 * relmap.PAD_X
    _boxes_hold_their_names(lay)
    _no_line_behind_a_box(lay)


def test_a_busy_box_grows_so_arrowheads_stay_apart():
    hub = Item("hub", "Peru", "state")
    spokes = [Item(f"s{i}", f"S{i}", "person") for i in range(12)]
    lay = map_layout([Group("L", [[hub]], 0), Group("R", [spokes], 1)],
                     [Link(s.id, "acted on", "hub") for s in spokes], Frame(320, 118, 118))
    tips = sorted(line.head[0][1] for line in lay.lines if line.head)
    assert len(tips) == 12
    assert all(b - a >= relmap.PORT_GAP - 1e-9 for a, b in pairwise(tips))


def test_groups_after_the_two_sides_go_to_the_shorter_column():
    tall = [Item(f"p{i}", f"Person {i}", "person") for i in range(10)]
    others = [[Item(f"o{i}", f"Other {i}", "institution")] for i in range(4)]
    lay = map_layout([Group("L", [tall], 0), Group("R", [[Item("m", "M", "state")]], 1), Group("Others", others)],
                     [], Frame(640, 210, 210))
    assert all(lay.boxes[f"o{i}"].column == 1 for i in range(4))
    assert [t.lines for t in lay.titles] == [("L",), ("R",), ("Others",)]


# -- the timeline --------------------------------------------------------------------------------

def _d(date: str, n: int = 0, approximate: bool = False) -> Dated:
    return Dated(f"e{date}-{n}", date, approximate, f"{date}: event number {n} with a longer title to wrap")


CRISIS = [_d("1949-01-03"), _d("2021"), _d("2022-12-07"), _d("2022-12"), _d("2024-04-11"), _d("2025-09"),
          _d("2025"), _d("2025-10-10"), *(_d("2025-11-03", n) for n in range(6)), _d("2025-11-06"),
          _d("2025-11", 1), _d("2025-11", 2)]


@pytest.mark.parametrize(("events", "start"), [
    (CRISIS, 7),  # after the year-only event: October and November 2025
    ([_d("2025-10-01"), _d("2025-11-03"), _d("2025-12")], 0),  # all within a close-up
    ([_d("2020"), _d("2021"), _d("2025-11-03")], 3),  # one event is no close-up
    ([_d("2020-01"), _d("2025-11-01"), _d("2025-11-02"), _d("2026")], 4),  # the latest is known only by its year
    ([], 0),
])
def test_the_close_up_is_the_last_run_of_events_close_together(events, start):
    assert focus_start(events) == start


@pytest.mark.parametrize("width", [320, 640])
def test_the_timeline_keeps_its_order_and_puts_each_label_clear_of_its_mark(width):
    lay = time_layout(CRISIS, width)
    assert [len(p.rows) for p in lay.panels] == [7, 10]
    rows = [r for p in lay.panels for r in p.rows]
    assert [r.event for r in rows] == CRISIS
    for above, below in pairwise(rows):
        assert above.top + above.height <= below.top + 1e-9  # rows never overlap
    for r in rows:
        x0, x1 = r.mark
        assert " ".join(r.lines) == " ".join(r.event.label.split())
        widest = max(text_width(line, timechart.SIZE) for line in r.lines)
        left = r.text_x - widest if r.anchor == "end" else r.text_x
        assert 0 <= left and left + widest <= width
        beside = r.mark_y < r.text_y + (len(r.lines) - 1) * timechart.LINE
        if beside:  # the label does not cross its mark
            assert left + widest <= x0 or left >= x1
        assert r.top <= r.mark_y <= r.top + r.height


def test_a_date_known_only_to_the_year_is_an_uncertain_span_not_a_point():
    lay = time_layout(CRISIS, 640)
    rows = {r.event.date: r for p in lay.panels for r in p.rows}
    assert rows["2021"].uncertain and rows["2021"].mark[1] - rows["2021"].mark[0] > 50
    assert rows["2025-09"].uncertain and rows["2025-09"].mark[1] - rows["2025-09"].mark[0] >= timechart.MIN_SPAN
    assert not rows["1949-01-03"].uncertain and rows["1949-01-03"].mark[0] == rows["1949-01-03"].mark[1]
    close_up = lay.panels[1]
    assert all(len(r.event.date) > 4 for r in close_up.rows)  # no year-only date in the close-up


def test_the_close_up_is_to_scale_and_the_background_has_a_band_per_year():
    lay = time_layout(CRISIS, 640)
    background, close_up = lay.panels
    assert [b.start.year for b in background.bands] == [1949, 2021, 2022, 2024, 2025]
    assert len(background.gaps) == 2  # 1950-2020 and 2023 are left out, and marked
    assert [b.labels[0] for b in close_up.bands] == ["October 2025", "November 2025"]
    per_day = {(b.x1 - b.x0) / ((b.end - b.start).days + 1) for b in close_up.bands}
    assert max(per_day) - min(per_day) < 1e-9
    day = next(r for r in close_up.rows if r.event.date == "2025-11-03").mark[0]
    assert close_up.bands[1].x(dt.date(2025, 11, 3)) < day < close_up.bands[1].x(dt.date(2025, 11, 4))


@pytest.mark.parametrize("width", [320, 640])
def test_axis_labels_fit_their_bands_and_never_overlap(width):
    years = [_d(str(y)) for y in range(1990, 2026)]
    for panel in time_layout(years, width).panels:
        spans = [(c - text_width(t, timechart.SIZE, True) / 2, c + text_width(t, timechart.SIZE, True) / 2)
                 for t, c in panel.axis_labels]
        assert spans and all(a[1] < b[0] for a, b in pairwise(spans))


def test_the_sides_are_ordered_so_their_lines_cross_less_keeping_each_state_first():
    def clusters(prefix: str) -> list[list[Item]]:
        return [[Item(f"{prefix}{i}", f"{prefix}{i}", "state" if i == 0 else "person")] for i in range(5)]

    links = [Link(f"l{i}", "acted on", f"r{5 - i}") for i in range(1, 5)]  # l1-r4, l2-r3, l3-r2, l4-r1

    def crossings(groups: list[Group]) -> int:
        pos = {i.id: n for g in groups[:2] for n, i in enumerate(i for c in g.clusters for i in c)}
        pairs = [(pos[ln.a], pos[ln.b]) for ln in links]
        return sum((a1 - a2) * (b1 - b2) < 0 for (a1, b1), (a2, b2) in combinations(pairs, 2))

    before = [Group("L", clusters("l"), 0), Group("R", clusters("r"), 1)]
    after = relmap.facing(before, links)
    assert crossings(before) == 6 and crossings(after) == 0
    assert after[0].clusters[0][0].id == "l0" and after[1].clusters[0][0].id == "r0"
    assert relmap.facing(before, links) == after  # the same every time


def test_groups_without_a_column_share_the_columns_evenly():
    groups = [Group(f"State {n}", [[Item(f"s{n}-{i}", f"Name {i}", "person")] for i in range(6)]) for n in range(3)]
    lay = map_layout(groups, [], Frame(640, 210, 210))
    heights = [max(b.rect.bottom for b in lay.boxes.values() if b.column == col) for col in (0, 1)]
    assert abs(heights[0] - heights[1]) < 80  # 18 boxes of about 34 px: within two or three boxes


def test_a_year_only_date_the_order_narrows_can_stand_in_the_close_up():
    narrowed = Dated("enters", "2025", False, "2025: enters", (dt.date(2025, 9, 1), dt.date(2025, 11, 3)))
    events = [*CRISIS[:6], narrowed, *CRISIS[7:]]  # in place of the whole-year event before 10 October
    assert focus_start(events) == 5  # from September 2025: the narrowed event no longer breaks the run
    lay = time_layout(events, 640)
    row = next(r for r in lay.panels[1].rows if r.event.id == "enters")
    band = lay.panels[1].bands
    assert row.uncertain and band[0].start == dt.date(2025, 9, 1)
    assert row.mark == pytest.approx((band[0].x(dt.date(2025, 9, 1)), band[2].x(dt.date(2025, 11, 3), True)))
