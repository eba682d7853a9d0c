"""The charts' geometry, without a browser: text wraps whole, the timeline keeps its order and draws
uncertain dates as spans. (The relationship view draws no geometry of its own: test_relations_view.py.)"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.charts import layout, timechart
from briefing.charts.layout import cubic_points, text_width, wrap
from briefing.charts.timechart import Dated, Panel, focus_start, time_layouts

WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P"]), min_size=1, max_size=18)
NAMES = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)


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


def _panels(events: list[Dated], width: int) -> list[Panel]:
    """The panel of each part the chart is drawn in (the background, the close-up), in order."""
    parts = time_layouts(events, width)
    assert all(len(part.panels) == 1 and part.width == width for part in parts)
    assert all(part.height >= part.panels[0].bottom for part in parts)
    return [part.panels[0] for part in parts]


@pytest.mark.parametrize("width", [320, 640])
def test_the_timeline_keeps_its_order_and_puts_each_label_clear_of_its_mark(width):
    panels = _panels(CRISIS, width)
    assert [len(p.rows) for p in panels] == [7, 10]
    assert [p.title[0].split(":")[0] for p in panels] == ["Background", "Close-up"]  # two parts: each titled
    rows = [r for p in panels for r in p.rows]
    assert [r.event for r in rows] == CRISIS
    for panel in panels:
        for above, below in pairwise(panel.rows):
            assert above.top + above.height <= below.top + 1e-9  # rows never overlap
        assert panel.rows[0].top >= panel.axis_y  # the first row is below the part's axis
    for r in rows:
        x0, x1 = r.mark
        assert " ".join(r.lines) == " ".join(r.event.label.split())
        widest = max(text_width(line, timechart.SIZE) for line in r.lines)
        left = r.text_x - widest if r.anchor == "end" else r.text_x
        assert left >= 0 and left + widest <= width
        beside = r.mark_y < r.text_y + (len(r.lines) - 1) * timechart.LINE
        if beside:  # the label does not cross its mark
            assert left + widest <= x0 or left >= x1
        assert r.top <= r.mark_y <= r.top + r.height


def test_a_date_known_only_to_the_year_is_an_uncertain_span_not_a_point():
    panels = _panels(CRISIS, 640)
    rows = {r.event.date: r for p in panels for r in p.rows}
    assert rows["2021"].uncertain and rows["2021"].mark[1] - rows["2021"].mark[0] > 50
    assert rows["2025-09"].uncertain and rows["2025-09"].mark[1] - rows["2025-09"].mark[0] >= timechart.MIN_SPAN
    for panel in panels:  # a span widened to MIN_SPAN stays on the axis, even at its ends
        assert all(panel.bands[0].x0 <= r.mark[0] <= r.mark[1] <= panel.bands[-1].x1 for r in panel.rows)
    end = Dated("end", "2025-11", False, "November 2025: the last", (dt.date(2025, 11, 29), dt.date(2025, 11, 30)))
    last = _panels([_d("2025-10-01"), _d("2025-10-15"), _d("2025-11-28"), end], 320)[0]
    assert last.rows[-1].mark[1] - last.rows[-1].mark[0] >= timechart.MIN_SPAN  # a month narrowed to two days ...
    assert last.rows[-1].mark[1] <= last.bands[-1].x1  # ... at the axis's end: widened, and kept on it
    assert not rows["1949-01-03"].uncertain and rows["1949-01-03"].mark[0] == rows["1949-01-03"].mark[1]
    close_up = panels[1]
    assert all(len(r.event.date) > 4 for r in close_up.rows)  # no year-only date in the close-up


def test_the_close_up_is_to_scale_and_the_background_has_a_band_per_year():
    background, close_up = _panels(CRISIS, 640)
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
    for panel in _panels(years, width):
        spans = [(c - text_width(t, timechart.SIZE, True) / 2, c + text_width(t, timechart.SIZE, True) / 2)
                 for t, c in panel.axis_labels]
        assert spans and all(a[1] < b[0] for a, b in pairwise(spans))


def test_a_year_only_date_the_order_narrows_can_stand_in_the_close_up():
    narrowed = Dated("enters", "2025", False, "2025: enters", (dt.date(2025, 9, 1), dt.date(2025, 11, 3)))
    events = [*CRISIS[:6], narrowed, *CRISIS[7:]]  # in place of the whole-year event before 10 October
    assert focus_start(events) == 5  # from September 2025: the narrowed event no longer breaks the run
    close_up = _panels(events, 640)[1]
    row = next(r for r in close_up.rows if r.event.id == "enters")
    band = close_up.bands
    assert row.uncertain and band[0].start == dt.date(2025, 9, 1)
    assert row.mark == pytest.approx((band[0].x(dt.date(2025, 9, 1)), band[2].x(dt.date(2025, 11, 3), True)))
