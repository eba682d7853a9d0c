"""Text and boxes for the charts: how wide a line of text is, where it wraps, and plain geometry.

The charts are laid out at build time, without a browser, so text is measured here, from a table of
advance widths (thousandths of the font size) that takes for each character the wider of Liberation
Sans (what Helvetica and Arial resolve to on Linux) and DejaVu Sans (the usual `sans-serif`, and the
widest common one). A line measured with it fits in the page's font and in the fallback alike; the
browser tests check the boxes hold their text. Text wraps at spaces and is never cut: a word wider
than the line stands on a line of its own, and `min_width` tells a caller how wide a box must be.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_ASCII = "".join(chr(c) for c in range(32, 127))
_REGULAR = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667,
    557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613,
    635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
    592, 592, 525, 636, 337, 636, 838,
]
_BOLD = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775,
    637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556, 500, 675,
    716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924,
    645, 652, 582, 712, 365, 712, 838,
]
WIDTHS = {False: dict(zip(_ASCII, _REGULAR, strict=True)), True: dict(zip(_ASCII, _BOLD, strict=True))}
OTHER = 1200
"""Width of a character outside the table and without a Latin base letter (CJK, symbols): generous."""
SAFETY = 1.04
"""Kerning, hinting and rounding differ between fonts and sizes: measure a little wide."""


def _char_width(ch: str, bold: bool) -> int:
    table = WIDTHS[bold]
    if ch in table:
        return table[ch]
    base = unicodedata.normalize("NFD", ch)[:1]  # 'é' -> 'e': accents take no width of their own
    return table.get(base, OTHER)


@functools.lru_cache(maxsize=1 << 15)  # names repeat on every page that draws them
def _units(word: str, bold: bool) -> int:
    return sum(_char_width(ch, bold) for ch in word)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of one line of text at this font size (an upper estimate)."""
    return _units(text, bold) * size / 1000 * SAFETY


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Words in lines no wider than `width`; a longer word keeps a line of its own, whole."""
    room = width * 1000 / size / SAFETY  # in thousandths of the font size
    space = _char_width(" ", bold)
    lines: list[list[str]] = []
    used = 0
    for word in text.split():
        units = _units(word, bold)
        if lines and used + space + units <= room:
            lines[-1].append(word)
            used += space + units
        else:
            lines.append([word])
            used = units
    return [" ".join(line) for line in lines] or [""]


def min_width(text: str, size: float, bold: bool = False) -> float:
    """The width of the text's widest word: no box holding it may be narrower."""
    return max((text_width(word, size, bold) for word in text.split()), default=0.0)


@dataclass(frozen=True)
class Rect:
    """A box: left, top, width, height, in pixels."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def holds(self, x: float, y: float, margin: float = 0.5) -> bool:
        """Whether the point is inside, `margin` pixels clear of the border (touching is outside)."""
        return self.x + margin < x < self.right - margin and self.y + margin < y < self.bottom - margin


Point = tuple[float, float]
Cubic = tuple[Point, Point, Point, Point]
"""A cubic Bézier segment: start, two control points, end. It stays inside the hull of its four points."""


def cubic_points(c: Cubic, steps: int = 24) -> Iterator[Point]:
    """Points along a cubic segment, both ends included."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = c
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        a, b, cc, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        yield a * x0 + b * x1 + cc * x2 + d * x3, a * y0 + b * y1 + cc * y2 + d * y3


def num(v: float) -> str:
    """A coordinate for SVG: at most one decimal, no trailing zeros (stable bytes, short files)."""
    text = f"{round(v, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
