"""Where the timeline chart puts every row, mark and label: pure geometry, no SVG.

The events keep the timeline's order (graph.events_by_date), one row each. When the latest events
come close together after a long background (a crisis after years of history), the chart comes in two
parts, each drawn on its own (the page folds the background and leads with the close-up): the
background, on an axis of one equal band per year that has events, and a close-up of the last months,
to scale by the day. A date known to the day is a dot; a date known only to the
month or the year is drawn as uncertain (a dotted span with end ticks: some time in that month or
year), never as a bar that would read as a duration. Each label sits beside its mark on the side
with more room, wrapped (never cut); where neither side has room it sits above the mark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from briefing.charts.layout import text_width, wrap
from briefing.facts.order import period
from briefing.i18n import _, current

SIZE = 13
LINE = 16
MARGIN = 4
MARK_GAP = 8
"""Between a mark and its label."""
MIN_SPAN = 24
"""An uncertain span is drawn at least this wide, so its end ticks stay apart and clear of the mark of
whose move it was, drawn in its middle (about 11 px across)."""
MARK_H = 14
BESIDE_LINES = 3
ROW_PAD = 6
AXIS_H = 30
TITLE_GAP = 10
FOCUS_GAP_DAYS = 45
"""Events closer than this (end of one period to the start of the next) belong to one close-up."""
FOCUS_MAX_DAYS = 184
"""A close-up covers at most about six months."""
FOCUS_MIN_EVENTS = 3
CLOSE_DAYS = 92
"""An event dated within fewer days than this (a month, or a window the sources' order narrows) may
stand in a close-up; one known only to its year may not."""


@dataclass(frozen=True)
class Dated:
    """An event as the chart needs it: id, date (YYYY, YYYY-MM or YYYY-MM-DD), approximate, label."""

    id: str
    date: str
    approximate: bool | str
    label: str
    within: tuple[dt.date, dt.date] | None = None
    """The first and last day it may fall on, where the sources' order (after/before) narrows a date
    known only to the month or the year; None: its date's whole period."""

    @property
    def day(self) -> bool:
        """Whether it is drawn as a day: a date with its day, not standing for its week."""
        return len(self.date) == 10 and self.approximate != "week"

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        return self.within or period(self.date)

    @property
    def close(self) -> bool:
        """Whether it is dated closely enough to stand in a close-up (a day, a month, a narrowed window)."""
        start, end = self.window
        return (end - start).days < CLOSE_DAYS


@dataclass(frozen=True)
class Band:
    """A piece of the axis: the days from `start` to `end` (both included) drawn from x0 to x1."""

    start: dt.date
    end: dt.date
    x0: float
    x1: float
    labels: tuple[str, ...]
    """Its name, longest first ('October 2025', 'Oct 2025', 'Oct'): the first that fits is shown."""

    def x(self, day: dt.date, end_of_day: bool = False) -> float:
        days = (self.end - self.start).days + 1
        offset = (day - self.start).days + (1.0 if end_of_day else 0.0)
        return self.x0 + (self.x1 - self.x0) * offset / days


@dataclass(frozen=True)
class Row:
    event: Dated
    top: float
    height: float
    lines: tuple[str, ...]
    text_x: float
    anchor: str
    """'start' (text to the right of text_x) or 'end' (to its left)."""
    text_y: float
    """Baseline of the first line."""
    mark: tuple[float, float]
    """The mark's x range: equal for a day, a span for a month or a year."""
    mark_y: float

    @property
    def uncertain(self) -> bool:
        """Drawn as a span: a date known only to the month or the year, or to a week."""
        return not self.event.day


@dataclass
class Panel:
    title: tuple[str, ...]
    """Its title's lines (empty for a chart of one panel)."""
    top: float
    bands: list[Band]
    gaps: list[float]
    """x of each band boundary that skips years with no events."""
    axis_labels: list[tuple[str, float]] = field(default_factory=list)
    """(text, centre x) of the band names that fit, none overlapping."""
    rows: list[Row] = field(default_factory=list)
    bottom: float = 0.0

    @property
    def axis_y(self) -> float:
        """Where the axis line is: under the title, with room above it for the band names."""
        return self.top + len(self.title) * LINE + (TITLE_GAP if self.title else 0) + AXIS_H - 8


@dataclass
class TimeLayout:
    width: int
    panels: list[Panel]
    height: float


def focus_start(events: Sequence[Dated]) -> int:
    """Where the close-up begins (an index into the events); len(events) when there is none.

    0 when every event fits in one close-up. Otherwise, walking back from the latest event, the
    close-up takes events while each is within FOCUS_GAP_DAYS of the next and dated closely (not
    only to the year); it needs FOCUS_MIN_EVENTS of them and at least one event before it."""
    if not events:
        return 0
    windows = [e.window for e in events]
    whole = (max(e for _, e in windows) - min(s for s, _ in windows)).days
    if whole <= FOCUS_MAX_DAYS and all(e.close for e in events):
        return 0
    i = len(events) - 1
    if not events[i].close:
        return len(events)
    last = max(e for _, e in windows[i:])
    while i > 0 and events[i - 1].close and (windows[i][0] - windows[i - 1][1]).days <= FOCUS_GAP_DAYS \
            and (last - windows[i - 1][0]).days <= FOCUS_MAX_DAYS:
        i -= 1
    return i if len(events) - i >= FOCUS_MIN_EVENTS and i > 0 else len(events)


def _year_bands(events: Sequence[Dated], width: int) -> tuple[list[Band], list[float]]:
    years = sorted({int(e.date[:4]) for e in events})
    step = (width - 2 * MARGIN) / len(years)
    bands = [Band(dt.date(y, 1, 1), dt.date(y, 12, 31), MARGIN + i * step, MARGIN + (i + 1) * step, (str(y),))
             for i, y in enumerate(years)]
    gaps = [b.x0 for prev, b in pairwise(bands) if b.start.year - prev.start.year > 1]
    return bands, gaps


def _month_bands(events: Sequence[Dated], width: int) -> list[Band]:
    first = min(e.window[0] for e in events).replace(day=1)
    last = max(e.window[1] for e in events)
    months = []
    day = first
    while day <= last:
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        months.append((day, nxt - dt.timedelta(days=1)))
        day = nxt
    total = (months[-1][1] - months[0][0]).days + 1
    scale = (width - 2 * MARGIN) / total
    bands = []
    for start, end in months:
        name = current().month(start.month)
        x0 = MARGIN + (start - first).days * scale
        bands.append(Band(start, end, x0, x0 + ((end - start).days + 1) * scale,
                          (f"{name} {start.year}", f"{name[:3]} {start.year}", name[:3])))
    return bands


def _axis_labels(bands: list[Band], width: int) -> list[tuple[str, float]]:
    """Each band's longest name that fits in it (else its shortest), centred on it, left to right,
    leaving out any that would overlap the one before or pass the chart's edge."""
    out: list[tuple[str, float]] = []
    right = float("-inf")
    for band in bands:
        centre = (band.x0 + band.x1) / 2
        text = next((t for t in band.labels if text_width(t, SIZE, True) + 4 <= band.x1 - band.x0), band.labels[-1])
        half = text_width(text, SIZE, True) / 2
        if centre - half >= max(right + 6, 0) and centre + half <= width:
            out.append((text, centre))
            right = centre + half
    return out


def _span(bands: list[Band], event: Dated) -> tuple[float, float]:
    """The x range an event's date covers on these bands (clamped to them); at least MIN_SPAN wide unless a day
    (then still within the bands)."""
    start, end = event.window
    first, last = bands[0], bands[-1]
    start, end = max(start, first.start), min(end, last.end)
    x0 = next(b.x(start) for b in bands if b.start <= start <= b.end) if start <= end else last.x1
    x1 = next(b.x(end, end_of_day=True) for b in bands if b.start <= end <= b.end) if start <= end else last.x1
    if event.day:
        mid = (x0 + x1) / 2
        return mid, mid
    if x1 - x0 < MIN_SPAN:  # widened about its middle, kept on the axis
        mid = min(max((x0 + x1) / 2, first.x0 + MIN_SPAN / 2), last.x1 - MIN_SPAN / 2)
        x0, x1 = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
    return x0, x1


def _row(event: Dated, bands: list[Band], width: int, top: float) -> Row:
    """The row of one event: its label beside the mark, on the side with more room, or above the mark
    across the whole width, whichever makes the shorter row (beside, unless above saves a line or the
    label would take more than BESIDE_LINES lines beside it)."""
    x0, x1 = _span(bands, event)
    left, right = x0 - MARK_GAP - MARGIN, width - MARGIN - (x1 + MARK_GAP)
    above = tuple(wrap(event.label, width - 2 * MARGIN, SIZE))
    above_h = len(above) * LINE + MARK_H + ROW_PAD
    room = max(left, right)
    if room >= min(120, 0.35 * width):
        beside = tuple(wrap(event.label, room, SIZE))
        height = max(len(beside) * LINE, MARK_H) + ROW_PAD
        if len(beside) <= BESIDE_LINES and height <= above_h + LINE / 2:
            text_x, anchor = (x0 - MARK_GAP, "end") if left >= right else (x1 + MARK_GAP, "start")
            return Row(event, top, height, beside, text_x, anchor, top + ROW_PAD / 2 + SIZE - 1, (x0, x1),
                       top + ROW_PAD / 2 + LINE / 2)
    return Row(event, top, above_h, above, MARGIN, "start", top + ROW_PAD / 2 + SIZE - 1, (x0, x1),
               top + ROW_PAD / 2 + len(above) * LINE + MARK_H / 2)


def _panel(title: str | None, events: Sequence[Dated], bands: list[Band], gaps: list[float], width: int,
           top: float) -> Panel:
    head = tuple(wrap(title, width - 2 * MARGIN, SIZE, bold=True)) if title else ()
    panel = Panel(head, top, bands, gaps, _axis_labels(bands, width))
    y = top + len(head) * LINE + (TITLE_GAP if head else 0) + AXIS_H
    for event in events:
        row = _row(event, bands, width, y)
        panel.rows.append(row)
        y += row.height
    panel.bottom = y
    return panel


def _when(bands: list[Band]) -> str:
    first, last = bands[0].start, bands[-1].end
    words = current()
    if first.year == last.year:
        if first.month == last.month:
            return words.month(first.month, first.year)
        return _("{first_month} to {last_month} {year}").format(
            first_month=words.month(first.month), last_month=words.month(last.month), year=first.year)
    return _("{first} to {last}").format(first=words.month(first.month, first.year),
                                         last=words.month(last.month, last.year))


def time_layouts(events: Sequence[Dated], width: int) -> list[TimeLayout]:
    """The chart in one or two parts, each a drawing of one panel: the background by year (events before
    focus_start) and the close-up by day (from it), one row per event, in the given order. A part has a
    title only when there are two."""
    k = focus_start(events)
    parts: list[TimeLayout] = []
    if k > 0:
        bands, gaps = _year_bands(events[:k], width)
        title = None if k == len(events) else _(
            "Background: {first} to {last}, one band per year with events").format(
                first=bands[0].start.year, last=bands[-1].start.year)
        parts.append(_part(_panel(title, events[:k], bands, gaps, width, 0.0), width))
    if k < len(events):
        bands = _month_bands(events[k:], width)
        title = None if k == 0 else _("Close-up: {period}, to scale").format(period=_when(bands))
        parts.append(_part(_panel(title, events[k:], bands, [], width, 0.0), width))
    return parts


def _part(panel: Panel, width: int) -> TimeLayout:
    return TimeLayout(width, [panel], panel.bottom + MARGIN)
