"""Where the relationship charts put every box and line: pure geometry, no SVG.

Two columns of boxes face each other across a channel, and every line runs inside the channel: a
line between the columns is a cubic curve from one box's inner side to the other's, and a line
between two boxes of one column is an arc that bulges into the channel and comes back. A cubic curve
stays inside the hull of its four points, and all four lie in the channel, so no line can pass
behind a box. Boxes are stacked with gaps, names wrap inside their boxes (never cut), and every size
is in CSS pixels: a chart is drawn at its own size, never scaled, so its text keeps its font size.

`map_layout` lays out the relationship page's map (the sides' groups in the two columns, the other
groups where there is more room); `star_layout` one record's connections (the record on the left,
its neighbours on the right).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .layout import Cubic, Point, Rect, min_width, wrap

SIZE = 13
"""Font size of names (px); axis and group titles use the same size, bold."""
LINE = 16
PAD_X, PAD_Y = 6, 5
GAP = 8
"""Between two boxes of a column: room for the outline that marks a highlighted neighbour."""
GROUP_GAP = 18
PORT_GAP = 8
"""Lines meet a box at least this far apart, so arrowheads do not overlap (a busy box grows taller)."""
ARROW_LEN, ARROW_WIDTH = 8, 7
TOP = EDGE = 4
"""Room at the top and at the sides for the outline that marks a highlighted box."""


@dataclass(frozen=True)
class Frame:
    """The widths a chart is laid out for, in CSS pixels: the whole, and each column's from its outer
    edge to its inner side (boxes keep EDGE clear of the outer edge)."""

    width: int
    left: int
    right: int

    @property
    def channel(self) -> tuple[int, int]:
        """The x range where lines run: from the left column's inner side to the right column's."""
        return self.left, self.width - self.right


@dataclass(frozen=True)
class Item:
    """Something to draw as a box: its id, name and kind ('person', 'institution' or 'state')."""

    id: str
    name: str
    kind: str

    @property
    def bold(self) -> bool:
        return self.kind == "state"


@dataclass(frozen=True)
class Group:
    """A titled run of boxes (a side, or the others), in clusters that stay together in one column."""

    title: str
    clusters: list[list[Item]]
    column: int | None = None
    """0 or 1 to pin the group to the left or the right column (the two sides); None: where there is room."""


@dataclass(frozen=True)
class Link:
    """A relation to draw: from a to b, its label, the events it comes from, and whether it has a direction."""

    a: str
    label: str
    b: str
    events: tuple[str, ...] = ()
    directed: bool = True


@dataclass(frozen=True)
class Box:
    item: Item
    lines: tuple[str, ...]
    rect: Rect
    column: int
    """0: the left column (lines leave from its right side); 1: the right column."""


@dataclass(frozen=True)
class Line:
    link: Link
    curve: Cubic
    head: tuple[Point, Point, Point] | None
    """The arrowhead at b: tip on b's side, then the two corners of its base."""


@dataclass(frozen=True)
class Title:
    """A group's title above its boxes: lines of text, left edge, baseline of the first line."""

    lines: tuple[str, ...]
    x: float
    y: float


@dataclass
class MapLayout:
    frame: Frame
    height: float = 0.0
    boxes: dict[str, Box] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)

    def neighbours(self, rid: str) -> list[str]:
        """The ids joined to this box by a line, in the order of the lines."""
        return list(dict.fromkeys(ln.link.b if ln.link.a == rid else ln.link.a for ln in self.lines
                                  if rid in (ln.link.a, ln.link.b)))


def fit_frame(frame: Frame, items: list[Item]) -> Frame:
    """The frame, with columns widened if a name holds a word too long for them (names are never cut)."""
    need = max((min_width(i.name, SIZE, i.bold) for i in items), default=0) + 2 * PAD_X
    grow = max(0, int(need + 0.999) + EDGE - min(frame.left, frame.right))
    return Frame(frame.width + 2 * grow, frame.left + grow, frame.right + grow) if grow else frame


def _ends(links: list[Link]) -> dict[str, int]:
    count: dict[str, int] = {}
    for ln in links:
        for rid in (ln.a, ln.b):
            count[rid] = count.get(rid, 0) + 1
    return count


def _box(item: Item, x: float, y: float, width: float, ports: int, column: int, height: float = 0) -> Box:
    lines = tuple(wrap(item.name, width - 2 * PAD_X, SIZE, item.bold))
    h = max(len(lines) * LINE + 2 * PAD_Y, (ports + 1) * PORT_GAP, height)
    return Box(item, lines, Rect(x, y, width, h), column)


def _stack(layout: MapLayout, column: int, parts: list[tuple[str | None, list[Item]]], ports: dict[str, int],
           y: float) -> float:
    """Boxes of one column from y down: each part under its title (None: no title); returns the bottom."""
    frame = layout.frame
    x, width = (EDGE, frame.left - EDGE) if column == 0 else (frame.width - frame.right, frame.right - EDGE)
    for title, items in parts:
        if title is not None:
            head = tuple(wrap(title, width, SIZE, True))
            layout.titles.append(Title(head, x, y + SIZE))
            y += len(head) * LINE + 4
        for item in items:
            box = _box(item, x, y, width, ports.get(item.id, 0), column)
            layout.boxes[item.id] = box
            y = box.rect.bottom + GAP
        y += GROUP_GAP - GAP
    return y


def _columns(groups: list[Group], ports: dict[str, int]) -> list[list[tuple[str | None, list[Item]]]]:
    """Pinned groups in their column, then every other cluster in the shorter column (under its group's
    title again where the group continues in the other column)."""
    cols: list[list[tuple[str | None, list[Item]]]] = [[], []]
    height = [0.0, 0.0]
    for group in sorted(groups, key=lambda g: g.column is None):  # stable: pinned first, in their order
        for cluster in group.clusters:
            col = group.column if group.column is not None else int(height[1] < height[0])
            parts = cols[col]
            if parts and parts[-1][0] == group.title:
                parts[-1][1].extend(cluster)
            else:
                parts.append((group.title, list(cluster)))
                height[col] += 2 * LINE + GROUP_GAP
            # a rough height, enough to balance the columns
            height[col] += sum(max(2 * LINE, (ports.get(i.id, 0) + 1) * PORT_GAP) + GAP for i in cluster)
    return cols


def facing(groups: list[Group], links: list[Link], rounds: int = 4) -> list[Group]:
    """The two pinned groups' clusters reordered so lines cross less: each cluster after the first (the
    side's state) moves to the mean position of its partners, in either column (a barycentre pass,
    alternating sides); clusters without partners keep their place. Deterministic: ties keep order."""
    pinned = {g.column: n for n, g in enumerate(groups) if g.column is not None}
    if set(pinned) != {0, 1}:
        return groups
    sides = [list(groups[pinned[0]].clusters), list(groups[pinned[1]].clusters)]
    partners: dict[str, list[str]] = {}
    for ln in links:
        partners.setdefault(ln.a, []).append(ln.b)
        partners.setdefault(ln.b, []).append(ln.a)
    for n in range(rounds):
        mine, other = sides[n % 2], sides[1 - n % 2]
        where = {i.id: pos for pos, i in enumerate(i for c in other for i in c)}
        where.update({i.id: pos for pos, i in enumerate(i for c in mine for i in c)})
        sides[n % 2] = mine[:1] + sorted(mine[1:], key=functools.partial(_barycentre, partners=partners, where=where))
    out = list(groups)
    for col in (0, 1):
        out[pinned[col]] = Group(groups[pinned[col]].title, sides[col], col)
    return out


def _barycentre(cluster: list[Item], partners: dict[str, list[str]], where: dict[str, int]) -> float:
    """The mean position of a cluster's partners outside it; its own position when it has none."""
    inside = {i.id for i in cluster}
    found = [where[p] for i in cluster for p in partners.get(i.id, []) if p not in inside and p in where]
    return sum(found) / len(found) if found else float(where[cluster[0].id])


def map_layout(groups: list[Group], links: list[Link], frame: Frame) -> MapLayout:
    """The relationship map: groups in two columns, a line per link, all lines in the channel."""
    items = [i for g in groups for c in g.clusters for i in c]
    layout = MapLayout(fit_frame(frame, items))
    ports = _ends(links)
    groups = facing(groups, links)
    bottoms = [_stack(layout, col, parts, ports, TOP) for col, parts in enumerate(_columns(groups, ports))]
    layout.height = max(bottoms) - GROUP_GAP + TOP
    _route(layout, links)
    return layout


def star_layout(center: Item, groups: list[Group], links: list[Link], frame: Frame) -> MapLayout:
    """One record's connections: the record on the left, as tall as its neighbours' column on the right."""
    items = [center, *(i for g in groups for c in g.clusters for i in c)]
    layout = MapLayout(fit_frame(frame, items))
    ports = _ends(links)
    parts: list[tuple[str | None, list[Item]]] = [(g.title, [i for c in g.clusters for i in c]) for g in groups]
    bottom = _stack(layout, 1, parts, ports, TOP) - GROUP_GAP
    box = _box(center, EDGE, TOP, layout.frame.left - EDGE, ports.get(center.id, 0), 0, height=bottom - TOP)
    layout.boxes[center.id] = box
    layout.height = max(bottom, box.rect.bottom) + TOP
    _route(layout, links)
    return layout


def _side_x(layout: MapLayout, box: Box) -> tuple[float, int]:
    """The x of a box's side that faces the channel, and the direction into the channel (+1 or -1)."""
    return (box.rect.right, 1) if box.column == 0 else (box.rect.x, -1)


def _ports(layout: MapLayout, links: list[Link]) -> dict[tuple[int, str], float]:
    """The y where each line meets each of its boxes: spread evenly along the box's inner side, in the
    order of the other ends, so lines leaving one box do not cross next to it."""
    ends: dict[str, list[tuple[float, int, int, str]]] = {}
    for n, ln in enumerate(links):
        for end, here, there in (("a", ln.a, ln.b), ("b", ln.b, ln.a)):
            other = layout.boxes[there].rect
            ends.setdefault(here, []).append((other.y + other.h / 2, layout.boxes[there].column, n, end))
    out: dict[tuple[int, str], float] = {}
    for rid, found in ends.items():
        rect = layout.boxes[rid].rect
        found.sort()
        for i, (_y, _col, n, end) in enumerate(found):
            out[(n, end)] = rect.y + rect.h * (i + 1) / (len(found) + 1)
    return out


def _route(layout: MapLayout, links: list[Link]) -> None:
    """A curve per link, inside the channel; an arrowhead on b's side when the link has a direction."""
    lo, hi = layout.frame.channel
    ports = _ports(layout, links)
    for n, ln in enumerate(links):
        a, b = layout.boxes[ln.a], layout.boxes[ln.b]
        (xa, da), (xb, db) = _side_x(layout, a), _side_x(layout, b)
        ya, yb = ports[(n, "a")], ports[(n, "b")]
        head = None
        end_x = xb
        if ln.directed:
            end_x = xb + db * ARROW_LEN
            head = ((xb, yb), (end_x, yb - ARROW_WIDTH / 2), (end_x, yb + ARROW_WIDTH / 2))
        if a.column != b.column:
            reach = (hi - lo) / 2
            curve: Cubic = ((xa, ya), (xa + da * reach, ya), (end_x + db * reach, yb), (end_x, yb))
        else:
            depth = min((hi - lo) * 0.45, 16 + abs(yb - ya) * 0.3)
            curve = ((xa, ya), (xa + da * depth, ya), (xb + db * depth, yb), (end_x, yb))
        layout.lines.append(Line(ln, curve, head))
