"""Build-time charts as inline SVG: the visual timeline and the relationship map.

Raw HTML inside a generated page is not escaped by Markdown, so every piece of text from the facts
goes through `html.escape` here (`_x`), and every link is a relative site URL worked out from page
paths (MkDocs does not rewrite links inside raw HTML). Colours come from Material's CSS variables
(briefing.css), so a chart reads in the light and the dark palette alike, and each chart scales
with its `viewBox` to the width of the page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import posixpath
from collections import Counter, defaultdict
from itertools import combinations
from typing import TYPE_CHECKING

from .graph import Graph
from .model import Event
from .render import Page
from .text import format_date

if TYPE_CHECKING:
    from .pages import Plan

WIDTH = 480
ROW = 36
TOP = 34
TITLE_CHARS = 64
CHART_BUDGET = 250
"""A timeline chart draws at most this many events (a year page holds fewer past the split)."""


def _x(value: object) -> str:
    """Text from the facts, made inert inside SVG/HTML text and attribute values."""
    return html.escape(" ".join(str(value).split()), quote=True)


def _short(text: str, n: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def site_href(src: str, md_url: str) -> str:
    """A Page.url() result (relative .md path, maybe with #anchor) as a link in the built site.

    With directory URLs `people/x.md` is served at `people/x/`, so raw HTML links must be
    relative to the page's URL, not to its Markdown file.
    """
    if md_url.startswith("#"):
        return md_url
    file, _, anchor = md_url.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), file))

    def url_dir(md: str) -> str:
        stem = md[:-3]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[:-5]
        return stem.rstrip("/")

    rel = posixpath.relpath(url_dir(target) or ".", url_dir(src) or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def _span(date: str) -> tuple[int, float, float]:
    """(year, start, end) as fractions of that year: a day is a point, a month or a year a span."""
    year = int(date[:4])
    days = 366 if calendar.isleap(year) else 365
    if len(date) == 4:
        return year, 0.0, 1.0
    month = int(date[5:7])
    first = dt.date(year, month, 1).timetuple().tm_yday - 1
    if len(date) == 7:
        return year, first / days, (first + calendar.monthrange(year, month)[1]) / days
    day = first + int(date[8:10]) - 0.5
    return year, day / days, day / days


def timeline_svg(plan: Plan, events: list[Event], page_path: str, label: str = "Timeline chart") -> str:
    """An inline SVG of these events on a time axis: one row per event, each row a link to its entry.

    The axis has one equal panel per year that has events (gaps between years are marked), so a
    1949 precedent and a week of November 2025 both stay readable.
    """
    events = events[:CHART_BUDGET]
    if not events:
        return ""
    page = Page(plan.graph, plan, page_path)
    years = sorted({int(e.date[:4]) for e in events})
    left, right = 8, WIDTH - 8
    panel = (right - left) / len(years)
    x0 = {y: left + i * panel for i, y in enumerate(years)}
    height = TOP + ROW * len(events) + 8
    out = [
        '<figure class="briefing-chart briefing-timeline-chart">',
        (f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="group" aria-labelledby="tl-title tl-desc" '
         'xmlns="http://www.w3.org/2000/svg" font-size="12">'),
        f'<title id="tl-title">{_x(label)}</title>',
        (f'<desc id="tl-desc">{len(events)} events from {years[0]} to {years[-1]}, one row each, oldest first. '
         "A dot marks a day; a bar spans the month or year when the sources give only that; a hollow "
         "mark is an approximate date. Each row links to its entry below.</desc>"),
    ]
    for i, y in enumerate(years):
        x = x0[y]
        out.append(f'<line class="grid" x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{height - 4}"/>')
        gap = i > 0 and y - years[i - 1] > 1
        out.append(f'<text class="axis" x="{x + panel / 2:.1f}" y="14" text-anchor="middle">{y}</text>')
        if gap:  # years without events are left out: say so on the axis
            out.append(f'<text class="axis" x="{x:.1f}" y="28" text-anchor="middle">⋯</text>')
    for n, e in enumerate(events):
        year, start, end = _span(e.date)
        top = TOP + n * ROW
        xs, xe = x0[year] + start * panel, x0[year] + end * panel
        when = format_date(e.date, e.approximate)
        kind = "approx" if e.approximate else "exact"
        href = site_href(page_path, page.url(e.id))
        out.append(f'<a href="{_x(href)}"><title>{_x(when)}: {_x(e.title)}</title>')
        out.append(f'<rect class="row" x="0" y="{top}" width="{WIDTH}" height="{ROW - 2}"/>')
        anchor, tx = ("end", right) if xs > WIDTH / 2 else ("start", left)
        out.append(f'<text x="{tx}" y="{top + 13}" text-anchor="{anchor}">{_x(_short(f"{when}: {e.title}"))}</text>')
        if xe - xs < 2:
            out.append(f'<circle class="mark {kind}" cx="{xs:.1f}" cy="{top + 25}" r="4.5"/>')
        else:
            out.append(f'<rect class="mark {kind}" x="{xs:.1f}" y="{top + 21}" width="{xe - xs:.1f}" '
                       'height="8" rx="3"/>')
        out.append("</a>")
    out.append("</svg>")
    out.append(f"<figcaption>{_x(label)}: each row links to the event's entry; the entries below give the sources.</figcaption>")
    out.append("</figure>")
    return "\n".join(out)


# --- the relationship map ---------------------------------------------------------------------

NODE_BUDGET = 90
"""Past this many people, institutions and states the map is not drawn; the table still lists every relation."""
TABLE_BUDGET = 600

COLUMNS = ("person", "institution", "state")
COLUMN_TITLES = {"person": "People", "institution": "Institutions", "state": "States"}


ACTED_ON = "acted on"
TOGETHER = "acted together with"
SPOKE = "spoke about an act of"
RELATION_LABELS = ("belongs to", "holds a role in", ACTED_ON, TOGETHER, SPOKE)
"""Every relation the map can show. Event relations come from the participants' roles only:
who acted -> who it was done to ('acted on'); two who acted in the same event ('acted together
with'); who spoke about it -> who acted. Nothing is inferred from being named in the same event."""


def in_story(graph: Graph, rid: str) -> bool:
    """False for a person or institution the sources only mention (a byline, a photo credit)."""
    return getattr(graph.get(rid), "relevance", "story") != "mentioned"


def relations(graph: Graph) -> list[tuple[str, str, str, list[str]]]:
    """(from id, relation, to id, event ids) for every link the facts state, in a stable order."""
    out: list[tuple[str, str, str, list[str]]] = []
    for p in graph.of("person"):
        if not in_story(graph, p.id):
            continue
        if p.country:
            out.append((p.id, "belongs to", p.country, []))
        for org in dict.fromkeys(r.org for r in p.roles if r.org):
            if org != p.country:
                out.append((p.id, "holds a role in", org, []))
    for inst in graph.of("institution"):
        if inst.country and inst.country != inst.id and in_story(graph, inst.id):
            out.append((inst.id, "belongs to", inst.country, []))
    by_event: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for e in graph.events_by_date:
        acted = [a for a in dict.fromkeys(e.who.acted) if in_story(graph, a)]
        for a in acted:
            for b in dict.fromkeys(e.who.acted_on):
                if in_story(graph, b):
                    by_event[(a, ACTED_ON, b)].append(e.id)
        for a, b in combinations(acted, 2):
            by_event[(min(a, b), TOGETHER, max(a, b))].append(e.id)
        for s in dict.fromkeys(e.who.spoke):
            for a in acted:
                if in_story(graph, s) and s != a:
                    by_event[(s, SPOKE, a)].append(e.id)
    order = {label: i for i, label in enumerate(RELATION_LABELS)}
    for (a, label, b), events in sorted(by_event.items(), key=lambda item: (order[item[0][1]], item[0])):
        out.append((a, label, b, events))
    return out


def _column(graph: Graph, rid: str) -> str:
    if graph.kind(rid) == "person":
        return "person"
    return "state" if graph.get(rid).kind == "state" else "institution"


def relations_svg(plan: Plan, rels: list[tuple[str, str, str, list[str]]], page_path: str) -> str:
    """Three columns (people, institutions, states), one line per relation; each name links to its page."""
    ids = list(dict.fromkeys(rid for a, _, b, _ in rels for rid in (a, b)))
    if not ids or len(ids) > NODE_BUDGET:
        return ""
    graph = plan.graph
    page = Page(graph, plan, page_path)
    cols: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for rid in ids:
        cols[_column(graph, rid)].append(rid)
    for members in cols.values():
        members.sort(key=lambda r: page.name(r).casefold())
    row, top, width = 22, 40, 720
    cx = {"person": 120, "institution": 360, "state": 600}
    pos = {rid: (cx[c], top + i * row) for c in COLUMNS for i, rid in enumerate(cols[c])}
    height = top + row * max(len(v) for v in cols.values()) + 10
    degree = Counter(r for a, _, b, _ in rels for r in (a, b))
    out = [
        '<figure class="briefing-chart briefing-relations-chart">',
        (f'<svg viewBox="0 0 {width} {height}" width="100%" role="group" aria-labelledby="rel-title rel-desc" '
         'xmlns="http://www.w3.org/2000/svg" font-size="13">'),
        '<title id="rel-title">Relationship map</title>',
        (f'<desc id="rel-desc">{len(cols["person"])} people, {len(cols["institution"])} institutions and '
         f'{len(cols["state"])} states in three columns; solid lines join a person or institution to its state '
         "or to the institution where a person holds a role; dashed curves join the participants of an event by their "
         "roles: who acted and whom it was done to, who acted together, who spoke about it. "
         "The table below lists the same relations.</desc>"),
    ]
    for c in COLUMNS:
        out.append(f'<text class="axis" x="{cx[c]}" y="16" text-anchor="middle">{COLUMN_TITLES[c]}</text>')
    out.append('<g class="links" aria-hidden="true">')
    for a, rel, b, _events in rels:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        if rel != "belongs to" and rel != "holds a role in":
            bend = 60 if x1 == x2 else 0
            mx, my = (x1 + x2) / 2 - bend, (y1 + y2) / 2 - (20 if x1 != x2 else 0)
            out.append(f'<path class="edge together" d="M{x1},{y1} Q{mx:.0f},{my:.0f} {x2},{y2}"/>')
        else:
            out.append(f'<line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    out.append("</g>")
    for rid in ids:
        x, y = pos[rid]
        name = page.name(rid)
        href = site_href(page_path, page.url(rid))
        out.append(f'<a href="{_x(href)}"><title>{_x(name)}: {degree[rid]} relations</title>')
        out.append(f'<rect class="node" x="{x - 110}" y="{y - 9}" width="220" height="18" rx="4"/>')
        out.append(f'<text x="{x}" y="{y + 4}" text-anchor="middle">{_x(_short(name, 30))}</text></a>')
    out.append("</svg>")
    out.append("<figcaption>Relationship map: each name links to its page; the table below gives every relation in words.</figcaption>")
    out.append("</figure>")
    return "\n".join(out)
