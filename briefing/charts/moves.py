"""Whose move an event was, as the timeline shows it: in its chart and beside each entry.

The move comes from the facts only (facts/sides.py `move`): the side those who acted (`who.acted`) act
for, when they all act for one side (the state, its state bodies, a person through a post in them:
`sides.acts_for`); otherwise "other or mixed". Each side of the briefing, in its order, has
a colour (a class, `side-0`, `side-1`, ...; briefing.css gives the colours for both palettes) and a
shape; other or mixed is grey and a diamond. The shape is the cue that survives greyscale printing and
colour blindness; the words say the same for a screen reader and for search. A briefing that names no
sides has no moves to show: its marks are drawn as before, without a side.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.charts.layout import num
from briefing.charts.relations import possessive
from briefing.charts.svg import XMLNS
from briefing.charts.svg import x as _x
from briefing.facts import sides
from briefing.facts.graph import Graph
from briefing.facts.model import Event
from briefing.i18n import _, ngettext
from briefing.pages.voice import joined
from briefing.text import Md, escape_md

SHAPES = ("circle", "square", "triangle", "triangle-down", "pentagon")
"""The shape of each side's mark, in the briefing's order of sides (repeated past the fifth side)."""
OTHER_SHAPE = "diamond"
COLOURS = 6
"""briefing.css has this many side colours (side-0 ... side-5), repeated past the sixth side."""
OTHER = "other"


@dataclass(frozen=True)
class Cue:
    """How one event's move is drawn: its side's id (or 'other'), class, shape and words."""

    side: str
    css: str
    shape: str
    words: str


def event_move(graph: Graph, event: Event) -> sides.Move:
    """Whose move the event was: from the sides each one who acted acts for on its date (sides.move)."""
    return sides.move([sides.acts_for(graph.get(rid), graph.briefing, event.date, graph.get)
                       for rid in dict.fromkeys(event.who.acted)], graph.briefing)


def _name(graph: Graph, rid: str) -> str:
    return str(getattr(graph.get(rid), "name", rid))


def _joined(names: list[str]) -> str:
    return joined(names)


def words(graph: Graph, move: sides.Move) -> str:
    """What the mark says, in words: "Peru's side acted", "Neither side acted", "Peru's and Mexico's
    sides acted", "Peru's side and others acted", "No one is recorded as acting". Each message gets a
    side as an owner ({owner}: "Peru's") and by its name ({side}), for languages that name it after."""
    if move.side is not None:
        name = _name(graph, move.side)
        return _("{owner} side acted").format(owner=possessive(name), side=name)
    if not move.recorded:
        return _("No one is recorded as acting")
    if not move.sides:
        return _("Neither side acted") if len(graph.briefing.sides) == 2 else _("No side acted")
    names = {"owners": _joined([possessive(_name(graph, s)) for s in move.sides]),
             "sides": _joined([_name(graph, s) for s in move.sides])}
    n = len(move.sides)
    if move.others:
        return ngettext("{owners} side and others acted", "{owners} sides and others acted", n).format(**names)
    return ngettext("{owners} side acted", "{owners} sides acted", n).format(**names)


def cue(graph: Graph, event: Event) -> Cue | None:
    """How the event's move is drawn; None when the briefing names no sides."""
    named = graph.briefing.sides
    if not named:
        return None
    move = event_move(graph, event)
    if move.side is None:
        return Cue(OTHER, "side-other", OTHER_SHAPE, words(graph, move))
    i = named.index(move.side)
    return Cue(move.side, f"side-{i % COLOURS}", SHAPES[i % len(SHAPES)], words(graph, move))


def legend_items(graph: Graph, cues: list[Cue | None]) -> list[tuple[str, str]]:
    """The legend's lines for the moves drawn (each side present, in the briefing's order, then other
    or mixed): a drawing and the exact meaning of each."""
    present = {c.side for c in cues if c is not None}
    named = graph.briefing.sides
    out = []
    for i, side in enumerate(named):
        if side in present:
            name = _name(graph, side)
            out.append((shape(SHAPES[i % len(SHAPES)], 22, 8, f"mark side-{i % COLOURS}"),
                        _("{owner} side acted: each one who acted is {side}, a state body of {side} or a person "
                          "holding a post in them").format(owner=possessive(name), side=name)))
    if OTHER in present:
        several = _("both sides did") if len(named) == 2 else _("more than one side did")
        why = _("others acted") if len(named) == 1 else _("others acted, or {several}").format(several=several)
        out.append((shape(OTHER_SHAPE, 22, 8, "mark side-other"),
                    _("other or mixed: those who acted do not all act for one side ({why}), or no one is recorded "
                      "as acting").format(why=why)))
    return out


def shape(name: str, cx: float, cy: float, css: str, extra: str = "") -> str:
    """One mark, centred on (cx, cy), about 11 px across: a circle, square, triangle (up or down),
    pentagon or diamond."""
    attrs = f'class="{css}"{extra}'
    if name == "circle":
        return f'<circle {attrs} cx="{num(cx)}" cy="{num(cy)}" r="5"/>'
    points = {
        "square": [(-4.5, -4.5), (4.5, -4.5), (4.5, 4.5), (-4.5, 4.5)],
        "triangle": [(0, -5.5), (5.5, 4.5), (-5.5, 4.5)],
        "triangle-down": [(0, 5.5), (5.5, -4.5), (-5.5, -4.5)],
        "pentagon": [(0, -5.5), (5.2, -1.7), (3.2, 4.5), (-3.2, 4.5), (-5.2, -1.7)],
        "diamond": [(0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0)],
    }[name]
    d = "M" + "L".join(f"{num(cx + dx)} {num(cy + dy)}" for dx, dy in points) + "Z"
    return f'<path {attrs} d="{d}"/>'


def chip(c: Cue) -> Md:
    """The cue beside an entry, as inline HTML in Markdown: its mark (hidden from screen readers) and its
    words (escaped for Markdown: a side's name is text from the facts). Kept out of the search index:
    the entry's participants say who acted, in words search finds."""
    mark = shape(c.shape, 7, 7, "mark")
    return Md(f'<span class="briefing-move {c.css}" data-side="{_x(c.side)}" data-search-exclude>'
              f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" {XMLNS}>'
              f"{mark}</svg>{escape_md(c.words)}</span>")
