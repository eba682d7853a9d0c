"""The pieces every chart is written with: escaped text, an SVG's opening, a legend, a figure.

Raw HTML inside a generated page is not escaped by Markdown, so every piece of text from the facts
goes through `html.escape` here (`x`); links come from the plan (`Plan.html_href`: MkDocs does not
rewrite links inside raw HTML).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from briefing.charts.layout import num
from briefing.i18n import _

NARROW, WIDE = 320, 640
"""The two widths every chart is laid out for (CSS pixels): a phone's column (a 360 px screen leaves
328) and a desktop page's (688 at 1400 px). briefing.css shows the wide one from 640 px of room."""

XMLNS = 'xmlns="http://www.w3.org/2000/svg"'
LINE = 16
"""Line height of wrapped chart text (px)."""


def x(value: object) -> str:
    """Text from the facts, made inert inside SVG/HTML text and attribute values (whitespace collapsed,
    a space at either end kept)."""
    text = str(value)
    core = " ".join(text.split())
    lead = " " if text[:1].isspace() and core else ""
    tail = " " if text[-1:].isspace() and core else ""
    return html.escape(lead + core + tail, quote=True)


def text(lines: Iterable[str], left: float, baseline: float, attrs: str = "", end: bool = False) -> str:
    """One <text> of wrapped lines (each escaped), the first line's baseline at `baseline`; `end`: each
    line ends at `left` (text-anchor end).

    The space where a line breaks is kept, so the text reads (and copies) as its words, not 'ofForeign':
    at the end of the line when lines start at `left`, at the start of the next when they end there
    (where it moves nothing)."""
    items = list(lines)
    last = len(items) - 1
    shown = [f" {line}" if end and i else f"{line} " if not end and i < last else line for i, line in enumerate(items)]
    spans = "".join(f'<tspan x="{num(left)}" y="{num(baseline + i * LINE)}">{x(line)}</tspan>'
                    for i, line in enumerate(shown))
    anchor = ' text-anchor="end"' if end else ""
    return f"<text{attrs}{anchor}>{spans}</text>"


def svg_open(size: str, width: float, height: float, uid: str, title: str, desc: str) -> str:
    """An SVG drawn at its own size (class bc-narrow or bc-wide), named by its title and description."""
    w, h = num(width), num(height)
    return (f'<svg class="bc-{size}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="group" '
            f'aria-labelledby="{uid}-t {uid}-d" {XMLNS}><title id="{uid}-t">{x(title)}</title>'
            f'<desc id="{uid}-d">{x(desc)}</desc>')


def legend(items: list[tuple[str, str]]) -> str:
    """A legend as an HTML list: a small drawing (hidden from screen readers) and words for each entry."""
    rows = "".join(f'<li><svg width="44" height="16" aria-hidden="true" {XMLNS}>{drawing}</svg>{x(words)}</li>'
                   for drawing, words in items)
    name = _("Legend")
    return f'<ul class="briefing-legend" aria-label="{x(name)}">{rows}</ul>'


def figure(kind: str, svgs: list[str], key: str, caption: str) -> str:
    """The figure: the narrow and the wide drawing (the stylesheet shows one), its legend, its caption."""
    # out of the search index: the page says all of it in words, where search finds it
    return "\n".join([f'<figure class="briefing-chart {kind}" data-search-exclude>', *svgs, key,
                      f"<figcaption>{x(caption)}</figcaption>", "</figure>"])
