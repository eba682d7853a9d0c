"""The whole brief on one page, in reading order, for print and PDF (`print.md`).

The same templates as the separate pages, rendered into one Page so that footnotes are numbered
once across the whole document and links stay relative to print.md.
"""

from __future__ import annotations

from .graph import Graph
from .render import LATEST_EVENTS, Page, _env, _months, event_pages

PATH = "print.md"


def render_print(graph: Graph) -> str:
    env = _env()
    page = Page(graph, PATH, event_pages(graph))
    events = graph.events_by_date

    def part(template: str, **context) -> str:
        body = env.get_template(template).render(page=page, graph=graph, **context)
        # Each part's own title becomes a section of the one document; its anchors stay on their pages.
        lines = [("#" + ln if ln.startswith("#") else ln) for ln in body.splitlines()]
        return "\n".join(ln.split("{ #")[0].rstrip() if "{ #" in ln else ln for ln in lines)

    def timeline_part() -> str:
        if not page.events:
            return part("timeline.md.j2", years=_months(events), title="Timeline", year_pages=[])
        # A timeline split into year pages is too long to print on one page: print the latest year.
        latest = events[-1].date[:4]
        body = part("timeline.md.j2", years=_months([e for e in events if e.date.startswith(latest)]),
                    title=f"Timeline: {latest}", year_pages=[])
        return body + f"\n\nThe timeline has one page per year; this printout holds {latest} only.\n"

    parts = [
        part("home.md.j2", b=graph.briefing, latest=events[-LATEST_EVENTS:][::-1],
             open_questions=[q for q in graph.questions if q.status == "open"]),
        timeline_part(),
        part("questions.md.j2"),
        part("differences.md.j2"),
    ]
    notes = page.footnotes()
    return "# The whole brief\n\n" + "\n\n".join(parts).rstrip() + "\n" + (f"\n{notes}\n" if notes else "")
