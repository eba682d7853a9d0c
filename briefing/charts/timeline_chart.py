"""The visual timeline as inline SVG: the background, a band per year, and the close-up of the latest
events, each a chart of its own (the page folds the background and leads with the close-up), drawn at
320 and 640 px (never scaled: briefing.css shows the one that fits). Each mark's shape and colour say
whose move the event was (moves.py). The layout is pure geometry (timechart.py); every text from the
facts is escaped (svg.x).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.charts import moves
from briefing.charts.layout import num
from briefing.charts.svg import NARROW, WIDE, figure, legend, svg_open, text
from briefing.charts.svg import x as _x
from briefing.charts.timechart import SIZE, Dated, Panel, Row, TimeLayout, time_layouts
from briefing.facts.model import Event
from briefing.i18n import N_, _, ngettext
from briefing.pages.plan import Plan
from briefing.text import format_date

CHART_BUDGET = 250
"""A timeline chart draws at most this many events (a year page holds fewer past the split)."""


# --- the visual timeline ----------------------------------------------------------------------

DATE_LEGEND = [
    ('<circle class="mark{key}" cx="22" cy="8" r="5"/>', N_("a day the sources give"),
     N_("filled mark: a day the sources give")),
    ('<circle class="mark approx{key}" cx="22" cy="8" r="4.5"/>', N_("an approximate day"),
     N_("hollow mark: an approximate day")),
    ('<path class="span{key}" d="M10 8H34"/><path class="cap{key}" d="M6 3V13M38 3V13"/>{middle}',
     N_("only the week, the month or the year is known: some time in that span, narrowed where the sources' order "
        "bounds it (not a duration)"),
     N_("only the week, the month or the year is known: some time in that span, narrowed where the sources' order "
        "bounds it (not a duration)")),
]
"""Each way a date is drawn, and its words without and with sides (a mark's shape is then its side's)."""


def date_legend(with_sides: bool) -> list[tuple[str, str]]:
    """The legend's lines for how a date is drawn; with sides, a mark's shape is its side's, so the
    words speak of a filled or hollow mark and the span carries a hollow mark in its middle."""
    key = " key" if with_sides else ""
    middle = '<circle class="mark within key" cx="22" cy="8" r="4.5"/>' if with_sides else ""
    return [(drawing.format(key=key, middle=middle), _(sided if with_sides else words))
            for drawing, words, sided in DATE_LEGEND]


@dataclass(frozen=True)
class TimelinePart:
    """A part of the timeline drawn on its own: the background (before the close-up) or the rest."""

    events: list[Event]
    chart: str
    """The figure: the narrow and the wide drawing, the legend, the caption."""
    background: bool
    """True for the background of a timeline that also has a close-up (the page folds it)."""


def timeline_parts(plan: Plan, events: list[Event], page_path: str,
                   label: str = "") -> list[TimelinePart]:
    """The timeline as charts, one row per event in the timeline's order, each row a link to its entry: the
    background and the close-up as two parts when the latest events come close together after a long
    background (timechart.time_layouts), else one. Every mark says whose move it was (moves.py)."""
    shown = events[:CHART_BUDGET]
    label = label or _("Timeline chart")
    if not shown:
        return []
    within = plan.graph.narrowed
    dated = [Dated(e.id, e.date, e.approximate, f"{format_date(e.date, e.approximate)}: {e.title}", within.get(e.id))
             for e in shown]
    narrow, wide = time_layouts(dated, NARROW), time_layouts(dated, WIDE)  # the same split at either width
    hrefs = {e.id: plan.html_href(e.id, page_path) for e in shown}
    cues = {e.id: moves.cue(plan.graph, e) for e in shown}
    if len(narrow) == 1:  # one part: it holds every entry, though it draws at most CHART_BUDGET
        names = [("tl", label)]
        cut = [events]
    else:
        names = [("tlb", _("{chart}, background").format(chart=label)),
                 ("tlc", _("{chart}, close-up").format(chart=label))]
        k = len(narrow[0].panels[0].rows)
        cut = [events[:k], events[k:]]  # past CHART_BUDGET, the close-up's entries hold the rest
    out = []
    for (uid, name), part, drawings in zip(names, cut, zip(narrow, wide, strict=True), strict=True):
        svgs = [_timeline(lay, hrefs, cues, name, size, uid)
                for lay, size in zip(drawings, ("narrow", "wide"), strict=True)]
        key = (moves.legend_items(plan.graph, [cues[e.id] for e in part if e.id in cues])
               + date_legend(bool(plan.graph.briefing.sides)))
        caption = _("{chart}: each row links to the event's entry; the entries below give the sources.").format(
            chart=name)
        out.append(TimelinePart(part, figure("briefing-timeline-chart", svgs, legend(key), caption), uid == "tlb"))
    return out


def timeline_svg(plan: Plan, events: list[Event], page_path: str, label: str = "") -> str:
    """Every part's figure, in the timeline's order (the page places each with its entries)."""
    return "\n".join(part.chart for part in timeline_parts(plan, events, page_path, label))


def _timeline(layout: TimeLayout, hrefs: dict[str, str], cues: dict[str, moves.Cue | None], label: str,
              size: str, uid: str) -> str:
    rows = [r for p in layout.panels for r in p.rows]
    sided = any(c is not None for c in cues.values())
    desc = " ".join(filter(None, [
        ngettext("{n} event, one row each, in the order of the timeline.",
                 "{n} events, one row each, in the order of the timeline.", len(rows)).format(n=len(rows)),
        {"tlb": _("One equal band per year with events."), "tlc": _("To scale by the day.")}.get(uid, ""),
        _("A mark's shape and colour say whose move it was (the legend names each); a filled mark is a day, "
          "a hollow mark an approximate day, and a dotted span with end ticks, a hollow mark in its middle, "
          "a date known only to the week, the month or the year.") if sided else
        _("A dot marks a day; a hollow dot an approximate day; a dotted span with end ticks a date known "
          "only to the week, the month or the year."),
        _("Each row links to its entry below.")]))
    out = [svg_open(size, layout.width, layout.height, f"{uid}-{size[0]}", label, desc)]
    for panel in layout.panels:
        out.extend(_axis(panel))
    out.extend(_row(row, hrefs[row.event.id], layout.width, cues[row.event.id]) for row in rows)
    out.append("</svg>")
    return "".join(out)


def _axis(panel: Panel) -> list[str]:
    """A panel's title, its bands (alternately shaded, down through its rows) and its axis."""
    out = ['<g class="axis" aria-hidden="true">']
    if panel.title:
        out.append(text(panel.title, 4, panel.top + SIZE, ' class="ptitle"'))
    y = panel.axis_y
    first, last = panel.bands[0], panel.bands[-1]
    for i, band in enumerate(panel.bands):
        out.append(f'<rect class="band{" odd" if i % 2 else ""}" x="{num(band.x0)}" y="{num(y)}" '
                   f'width="{num(band.x1 - band.x0)}" height="{num(panel.bottom - y)}"/>')
    ticks = "".join(f"M{num(b.x0)} {num(y - 5)}V{num(y + 4)}" for b in panel.bands)
    out.append(f'<path class="tick" d="M{num(first.x0)} {num(y)}H{num(last.x1)}{ticks}M{num(last.x1)} '
               f'{num(y - 5)}V{num(y + 4)}"/>')
    # years without events are left out: a break on the axis says so
    out.extend(f'<path class="gap" d="M{num(gx - 5)} {num(y + 5)}L{num(gx - 1)} {num(y - 5)}'
               f'M{num(gx + 1)} {num(y + 5)}L{num(gx + 5)} {num(y - 5)}"/>' for gx in panel.gaps)
    for words, centre in panel.axis_labels:
        out.append(f'<text class="alabel" x="{num(centre)}" y="{num(y - 9)}" text-anchor="middle">{_x(words)}</text>')
    out.append("</g>")
    return out


def _row(row: Row, href: str, width: int, cue: moves.Cue | None) -> str:
    """A row: its mark (the side's shape and colour class when the briefing names sides) and its label."""
    (x0, x1), y = row.mark, row.mark_y
    side = f" {cue.css}" if cue else ""
    data = f' data-side="{_x(cue.side)}"' if cue else ""
    shape = cue.shape if cue else "circle"
    approx = " approx" if row.event.approximate else ""
    if not row.uncertain:
        mark = moves.shape(shape, x0, y, f"mark{approx}{side}", data)
    else:
        mark = (f'<path class="span{side}" d="M{num(x0 + 4)} {num(y)}H{num(x1 - 4)}"/><path class="cap{side}" '
                f'd="M{num(x0)} {num(y - 5)}V{num(y + 5)}M{num(x1)} {num(y - 5)}V{num(y + 5)}"/>')
        if cue:  # the side's shape, hollow, in the middle of the span
            mark += moves.shape(shape, (x0 + x1) / 2, y, f"mark within{side}", data)
    return (f'<a href="{_x(href)}"><title>{_x(row.event.label)}</title>'
            f'<rect class="row" x="1" y="{num(row.top)}" width="{width - 2}" height="{num(row.height)}"/>'
            f"{mark}{text(row.lines, row.text_x, row.text_y, end=row.anchor == 'end')}</a>")
