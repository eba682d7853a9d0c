"""Build-time charts as inline SVG: the visual timeline, the relationship map and each record's connections.

A chart is never scaled: an SVG scaled to a phone's width shrinks its text with it. Each chart is
laid out twice, for a narrow column (NARROW: a phone) and a wide one (WIDE: a desktop page), and
drawn at its own size in CSS pixels; the stylesheet shows the one that fits the page (a container
query on the figure), so text is never smaller than its font size. The layouts are pure geometry
(timechart.py: rows and marks; relmap.py: boxes and lines); relations.py says what the facts state.
Colours come from Material's CSS variables (briefing.css), so a chart reads in both palettes, and
every text from the facts is escaped (svg.x).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import relations as rel
from .layout import Rect, num
from .model import Event
from .order import period
from .relations import ACTED_ON, RELATION_LABELS, SPOKE, TOGETHER, Relation, in_story, relations
from .relmap import LINE as NAME_LINE
from .relmap import PAD_X, PAD_Y, Frame, Item, Line, MapLayout, map_layout, star_layout
from .relmap import SIZE as NAME_SIZE
from .render import Page
from .svg import figure, legend, site_href, svg_open, text
from .svg import x as _x
from .text import format_date
from .timechart import SIZE, Dated, Panel, Row, TimeLayout, time_layout

if TYPE_CHECKING:
    from .pages import Plan

NARROW, WIDE = 320, 640
"""The two widths every chart is laid out for (CSS pixels): a phone's column (a 360 px screen leaves
328) and a desktop page's (688 at 1400 px). briefing.css shows the wide one from 640 px of room."""
CHART_BUDGET = 250
"""A timeline chart draws at most this many events (a year page holds fewer past the split)."""
NODE_BUDGET = 90
"""Past this many people, institutions and states the map is not drawn; the table still lists every relation."""
TABLE_BUDGET = 600
CONNECTIONS_BUDGET = 40
"""Past this many neighbours a record's page lists its connections without drawing them."""


# --- the visual timeline ----------------------------------------------------------------------

TIMELINE_LEGEND = [
    ('<circle class="mark" cx="22" cy="8" r="5"/>', "a day the sources give"),
    ('<circle class="mark approx" cx="22" cy="8" r="4.5"/>', "an approximate day"),
    ('<path class="span" d="M10 8H34"/><path class="cap" d="M6 3V13M38 3V13"/>',
     ("only the month or the year is known: some time in that span, narrowed where the sources' order "
      "bounds it (not a duration)")),
]


def timeline_svg(plan: Plan, events: list[Event], page_path: str, label: str = "Timeline chart") -> str:
    """The timeline as a chart: one row per event in the timeline's order, each row a link to its entry."""
    events = events[:CHART_BUDGET]
    if not events:
        return ""
    page = Page(plan.graph, plan, page_path)
    within = narrowed_dates(plan.graph.events_by_date)
    dated = [Dated(e.id, e.date, e.approximate, f"{format_date(e.date, e.approximate)}: {e.title}", within.get(e.id))
             for e in events]
    hrefs = {e.id: site_href(page_path, page.url(e.id)) for e in events}
    svgs = [_timeline(time_layout(dated, width), hrefs, label, size) for size, width in
            (("narrow", NARROW), ("wide", WIDE))]
    caption = f"{label}: each row links to the event's entry; the entries below give the sources."
    return figure("briefing-timeline-chart", svgs, legend(TIMELINE_LEGEND), caption)


def narrowed_dates(events: list[Event]) -> dict[str, tuple[dt.date, dt.date]]:
    """For each event dated only to the month or the year whose place the sources' order states (its
    own `after`/`before`, or another event's naming it), the days left between those bounds: after an
    event means from that event's first possible day, before one means up to its last."""
    by_id = {e.id: e for e in events}
    lower: dict[str, list[dt.date]] = {e.id: [] for e in events}
    upper: dict[str, list[dt.date]] = {e.id: [] for e in events}
    for e in events:
        for other in e.after:  # e came after `other`; `other` came before e
            if other in by_id:
                lower[e.id].append(period(by_id[other].date)[0])
                upper[other].append(period(e.date)[1])
        for other in e.before:
            if other in by_id:
                upper[e.id].append(period(by_id[other].date)[1])
                lower[other].append(period(e.date)[0])
    out = {}
    for e in events:
        start, end = period(e.date)
        narrowed = (max([start, *lower[e.id]]), min([end, *upper[e.id]]))
        if len(e.date) < 10 and narrowed != (start, end) and narrowed[0] <= narrowed[1]:
            out[e.id] = narrowed
    return out


def _timeline(layout: TimeLayout, hrefs: dict[str, str], label: str, size: str) -> str:
    rows = [r for p in layout.panels for r in p.rows]
    desc = (f"{len(rows)} events, one row each, in the order of the timeline. "
            + ("The background has one equal band per year with events; the close-up of the last months is "
               "to scale. " if len(layout.panels) > 1 else "")
            + "A dot marks a day; a hollow dot an approximate day; a dotted span with end ticks a date known "
            "only to the month or the year. Each row links to its entry below.")
    out = [svg_open(size, layout.width, layout.height, f"tl-{size[0]}", label, desc)]
    for panel in layout.panels:
        out.extend(_axis(panel))
    out.extend(_row(row, hrefs[row.event.id], layout.width) for row in rows)
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
    for gx in panel.gaps:  # years without events are left out: a break on the axis says so
        out.append(f'<path class="gap" d="M{num(gx - 5)} {num(y + 5)}L{num(gx - 1)} {num(y - 5)}'
                   f'M{num(gx + 1)} {num(y + 5)}L{num(gx + 5)} {num(y - 5)}"/>')
    for words, centre in panel.axis_labels:
        out.append(f'<text class="alabel" x="{num(centre)}" y="{num(y - 9)}" text-anchor="middle">{_x(words)}</text>')
    out.append("</g>")
    return out


def _row(row: Row, href: str, width: int) -> str:
    (x0, x1), y = row.mark, row.mark_y
    approx = " approx" if row.event.approximate else ""
    if not row.uncertain:
        mark = f'<circle class="mark{approx}" cx="{num(x0)}" cy="{num(y)}" r="5"/>'
    else:
        mark = (f'<path class="span" d="M{num(x0 + 4)} {num(y)}H{num(x1 - 4)}"/><path class="cap" '
                f'd="M{num(x0)} {num(y - 5)}V{num(y + 5)}M{num(x1)} {num(y - 5)}V{num(y + 5)}"/>')
    return (f'<a href="{_x(href)}"><title>{_x(row.event.label)}</title>'
            f'<rect class="row" x="1" y="{num(row.top)}" width="{width - 2}" height="{num(row.height)}"/>'
            f"{mark}{text(row.lines, row.text_x, row.text_y, end=row.anchor == 'end')}</a>")


# --- the relationship map and each record's connections ---------------------------------------

WIDE_MAP, NARROW_MAP = Frame(WIDE, 210, 210), Frame(NARROW, 118, 118)
"""The relationship page's map: two columns of boxes, the lines in the channel between them."""
WIDE_STAR, NARROW_STAR = Frame(WIDE, 190, 250), Frame(NARROW, 104, 136)
"""A record's connections: the record on the left, its neighbours on the right."""

CLASSES = {rel.BELONGS: "belongs", rel.ROLE: "role", ACTED_ON: "acted", TOGETHER: "together", SPOKE: "spoke"}
"""The CSS class of each relation's lines (briefing.css draws each differently)."""
LINE_LEGEND = {
    ACTED_ON: "acted on: from who acted to whom it was done (their roles in an event)",
    TOGETHER: "acted together with: both acted in the same event (never two opposing sides)",
    SPOKE: "spoke about an act of: from who spoke to who acted",
    rel.ROLE: "holds a role in: from a person to the institution",
    rel.BELONGS: "belongs to: from a person or institution to its state",
}


TABLE_HEADINGS = {
    ACTED_ON: "Who acted on whom", TOGETHER: "Who acted together", SPOKE: "Who spoke about an act of whom",
    rel.ROLE: "Who holds a role in an institution", rel.BELONGS: "Who belongs to which state",
}
"""The relationship page's tables, one per relation, in this order: what happened first, then memberships."""


def by_label(rels: list[Relation]) -> list[tuple[str, list[Relation]]]:
    """The relations under a heading per relation (TABLE_HEADINGS' order), each keeping its order."""
    return [(heading, rows) for label, heading in TABLE_HEADINGS.items() if (rows := [r for r in rels if r[1] == label])]


def relations_svg(plan: Plan, rels: list[Relation], page_path: str) -> str:
    """The map: the sides side by side, the others below, a line per relation; each name links to its page.

    A person or institution under a side's name (or, without sides, its state's name) belongs to that
    state, so that relation is not drawn again as a line; a record whose only relation is that one is
    left to the table."""
    graph = plan.graph
    drawn = [r for r in rels if not (r[1] == rel.BELONGS and rel.home_of(graph, r[0]) == r[2])]
    ids = list(dict.fromkeys(rid for a, _, b, _ in drawn for rid in (a, b)))
    if not ids or len(ids) > NODE_BUDGET:
        return ""
    page = Page(graph, plan, page_path)
    groups = rel.groups(graph, page.name, ids)
    lines = rel.links(drawn)
    sides = [page.name(s) for s in graph.briefing.sides if any(rel.side_of(graph, rid) == s for rid in ids)]
    others = len(groups) > len(sides)
    where = (f"{' and '.join(sides)} side by side, each under its name{'; others below' if others else ''}"
             if sides else "in two columns, under the name of the state each belongs to")
    desc = (f"{len(ids)} people, institutions and states, {where}; a line for each of {len(lines)} relations, "
            "with an arrow where it has a direction. The table below lists every relation in words.")
    svgs = [_map(map_layout(groups, lines, frame), page, f"rel-{size[0]}", size, "Relationship map", desc)
            for size, frame in (("narrow", NARROW_MAP), ("wide", WIDE_MAP))]
    caption = "Relationship map: each name links to its page; the table below gives every relation in words."
    return figure("briefing-relations-chart", svgs, _map_legend((r[1] for r in drawn), bool(sides), True), caption)


def connections_svg(plan: Plan, rid: str, rels: list[Relation], page_path: str) -> str:
    """A record's own relations (those of `rels` it takes part in): the record on the left, its
    neighbours (by side) on the right, and nothing else."""
    graph = plan.graph
    mine = [r for r in rels if rid in (r[0], r[2])]
    others = list(dict.fromkeys(b if a == rid else a for a, _, b, _ in mine))
    if not others or len(others) > CONNECTIONS_BUDGET:
        return ""
    page = Page(graph, plan, page_path)
    centre = Item(rid, page.name(rid), rel.kind(graph, rid))
    groups = rel.groups(graph, page.name, others)
    lines = rel.links(mine)
    title = f"Connections of {centre.name}"
    desc = (f"{centre.name} on the left; on the right the {len(others)} people, institutions and states the "
            f"facts relate to it, by side; a line for each of {len(lines)} relations, with an arrow where it has "
            "a direction. The list below gives them in words.")
    svgs = [_map(star_layout(centre, groups, lines, frame), page, f"con-{size[0]}", size, title, desc, rid)
            for size, frame in (("narrow", NARROW_STAR), ("wide", WIDE_STAR))]
    caption = f"{title}: each name links to its page."
    return figure("briefing-connections-chart", svgs, _map_legend((r[1] for r in mine), False, False), caption)


def _map(layout: MapLayout, page: Page, uid: str, size: str, title: str, desc: str, here: str = "") -> str:
    """Boxes (each a link to its page) over the lines; a box's group holds a copy of its own lines and
    an outline of its neighbours, shown on top when the box is hovered or focused (briefing.css)."""
    out = [svg_open(size, layout.frame.width, layout.height, uid, title, desc), '<g class="titles" aria-hidden="true">']
    out.extend(text(t.lines, t.x, t.y) for t in layout.titles)
    drawn = [_line(ln) for ln in layout.lines]
    out.append(f'</g><g class="lines" aria-hidden="true">{"".join(drawn)}</g>')
    for rid, box in layout.boxes.items():
        mine = [drawn[n] for n, ln in enumerate(layout.lines) if rid in (ln.link.a, ln.link.b)]
        halos = "".join(_halo(layout.boxes[n].rect) for n in layout.neighbours(rid))
        r = box.rect
        # a name in the middle of its box; at the top of one made tall by its many lines
        room = r.h - len(box.lines) * NAME_LINE
        top = room / 2 if room <= 2 * NAME_LINE + 2 * PAD_Y else PAD_Y
        baseline = r.y + top + NAME_SIZE - 1
        count = f"{len(mine)} relation{'' if len(mine) == 1 else 's'} in this chart"
        drawing = (f'<rect class="box" x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}" '
                   f'rx="{9 if box.item.kind == "person" else 1}"/>{text(box.lines, r.x + PAD_X, baseline)}')
        if rid == here:  # the page's own record: not a link to itself
            out.append(f'<g class="centre {box.item.kind}">{drawing}</g>')
            continue
        href = site_href(page.path, page.url(rid))
        out.append(f'<g class="node {box.item.kind}"><g class="hl" aria-hidden="true">{"".join(mine)}{halos}</g>'
                   f'<a href="{_x(href)}"><title>{_x(box.item.name)}: {count}</title>{drawing}</a></g>')
    out.append("</svg>")
    return "".join(out)


def _line(line: Line) -> str:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.curve
    d = f"M{num(x0)} {num(y0)}C{num(x1)} {num(y1)} {num(x2)} {num(y2)} {num(x3)} {num(y3)}"
    head = ""
    if line.head:
        (hx, hy), (bx, by), (cx, cy) = line.head
        head = f'<path class="ah" d="M{num(hx)} {num(hy)}L{num(bx)} {num(by)}L{num(cx)} {num(cy)}Z"/>'
    return f'<g class="ln {CLASSES[line.link.label]}"><path d="{d}"/>{head}</g>'


def _halo(r: Rect) -> str:
    return (f'<rect class="halo" x="{num(r.x - 3)}" y="{num(r.y - 3)}" width="{num(r.w + 6)}" '
            f'height="{num(r.h + 6)}" rx="4"/>')


def _map_legend(labels: Iterable[str], sides: bool, grouped: bool) -> str:
    present = set(labels)
    items = []
    for label in (ACTED_ON, TOGETHER, SPOKE, rel.ROLE, rel.BELONGS):
        if label in present:
            head = '<path class="ah" d="M40 8L32 4.5L32 11.5Z"/>' if label != TOGETHER else ""
            items.append((f'<g class="ln {CLASSES[label]}"><path d="M4 8H{32 if head else 40}"/>{head}</g>',
                          LINE_LEGEND[label]))
    items += [('<rect class="box" x="4" y="2" width="36" height="12" rx="6"/>', "a person"),
              ('<rect class="box" x="4" y="2" width="36" height="12" rx="1"/>', "an institution"),
              ('<g class="state"><rect class="box" x="4" y="2" width="36" height="12" rx="1"/></g>',
               "a state (its name in bold)")]
    if grouped:
        where = "a side" if sides else "a state"
        items.append(("", f"under {where}'s name: belongs to that state (its country in the facts), or is the state"))
    return legend(items)


__all__ = [
    "ACTED_ON",
    "CHART_BUDGET",
    "RELATION_LABELS",
    "SPOKE",
    "TOGETHER",
    "Relation",
    "by_label",
    "connections_svg",
    "in_story",
    "relations",
    "relations_svg",
    "site_href",
    "timeline_svg",
]
