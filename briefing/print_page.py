"""The whole brief on one page, in reading order, for print and PDF (`print.md`).

The same templates as the separate pages, rendered into one Page so that footnotes are numbered
once across the whole document and links stay relative to print.md.
"""

from __future__ import annotations

from .glossary import sorted_terms
from .graph import Graph
from .render import LATEST_EVENTS, Page, _env, _months, event_pages

PATH = "print.md"

INSTRUMENT_BUDGET = 20
"""Up to this many legal texts print in full (provisions and positions); past it, only the list."""


def render_print(graph: Graph) -> str:
    env = _env()
    page = Page(graph, PATH, event_pages(graph))
    events = graph.events_by_date

    def part(template: str, depth: int = 1, **context) -> str:
        body = env.get_template(template).render(page=page, graph=graph, **context)
        # Each part's own title becomes a section of the one document; its anchors stay on their pages.
        lines = [("#" * depth + ln if ln.startswith("#") else ln) for ln in body.splitlines()]
        return "\n".join(ln.split("{ #")[0].rstrip() if "{ #" in ln else ln for ln in lines)

    def timeline_part() -> str:
        if not page.events:
            return part("timeline.md.j2", years=_months(events), title="Timeline", year_pages=[])
        # A timeline split into year pages is too long to print on one page: print the latest year.
        latest = events[-1].date[:4]
        body = part("timeline.md.j2", years=_months([e for e in events if e.date.startswith(latest)]),
                    title=f"Timeline: {latest}", year_pages=[])
        return body + f"\n\nThe timeline has one page per year; this printout holds {latest} only.\n"

    def legal_part() -> str:
        if len(graph.instruments) > INSTRUMENT_BUDGET:
            return part("legal_index.md.j2")
        intro = part("legal_index.md.j2").split("\n### ", 1)[0]  # the heading and its paragraph
        return "\n\n".join([intro, *(part("instrument.md.j2", depth=2, inst=inst) for inst in graph.instruments)])

    parts = [
        part("home.md.j2", b=graph.briefing, latest=events[-LATEST_EVENTS:][::-1],
             open_questions=[q for q in graph.questions if q.status == "open"]),
        timeline_part(),
        # People and institutions print as their index tables (a cited summary each): one page per
        # record would make the printout grow past any budget with the briefing.
        part("people_index.md.j2"),
        part("institutions_index.md.j2"),
        legal_part(),
        part("questions.md.j2"),
        part("differences.md.j2"),
        *([part("glossary.md.j2", terms=sorted_terms(graph))] if graph.terms else []),
        part("sources_index.md.j2"),
    ]
    notes = page.footnotes()
    return "# The whole brief\n\n" + "\n\n".join(parts).rstrip() + "\n" + (f"\n{notes}\n" if notes else "")
