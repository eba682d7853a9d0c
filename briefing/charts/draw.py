"""Build-time charts: the visual timeline as inline SVG (timeline_chart.py), and the relationship view and
each record's connections as HTML rows, who did what to whom (relations_chart.py).

A chart is never scaled: an SVG scaled to a phone's width shrinks its text with it. The timeline is
laid out twice, for a narrow column (NARROW: a phone) and a wide one (WIDE: a desktop page), and
drawn at its own size in CSS pixels; the stylesheet shows the one that fits the page (a container
query on the figure), so text is never smaller than its font size. The relationship view is rows of
text that the stylesheet lays out for the room it has. The layouts are pure (timechart.py: rows and
marks; relmap.py: what the relationship view shows, in what order); relations.py says what the facts
state. Colours come from Material's CSS variables (briefing.css), so a chart reads in both palettes,
and every text from the facts is escaped (svg.x).
"""

from __future__ import annotations

from briefing.charts.relations import (
    ACTED_ON,
    RELATION_LABELS,
    SPOKE,
    TOGETHER,
    Relation,
    apart,
    in_story,
    relations,
)
from briefing.charts.relations_chart import (
    CONNECTIONS_BUDGET,
    NODE_BUDGET,
    TABLE_BUDGET,
    by_label,
    connections_view,
    relations_view,
)
from briefing.charts.timeline_chart import CHART_BUDGET, TimelinePart, timeline_parts, timeline_svg
from briefing.facts.order import narrowed_dates

__all__ = [
    "ACTED_ON",
    "CHART_BUDGET",
    "CONNECTIONS_BUDGET",
    "NODE_BUDGET",
    "RELATION_LABELS",
    "SPOKE",
    "TABLE_BUDGET",
    "TOGETHER",
    "Relation",
    "TimelinePart",
    "apart",
    "by_label",
    "connections_view",
    "in_story",
    "narrowed_dates",
    "relations",
    "relations_view",
    "timeline_parts",
    "timeline_svg",
]
