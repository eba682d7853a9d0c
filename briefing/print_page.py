"""The whole brief on one page, in reading order, for print and PDF (`print.md`).

The same templates as the separate pages, rendered into one Page so that footnotes are numbered
once across the whole document and links stay relative to print.md.
"""

from __future__ import annotations

from .glossary import sorted_terms
from .graph import Graph
from .render import LATEST_EVENTS, Page, _env, _months, event_pages, list_pages

PATH = "print.md"

INSTRUMENT_BUDGET = 20
"""Up to this many legal texts print in full (provisions and positions); past it, only the list."""

PRINT_EVENT_BUDGET = 30
"""Once the timeline is split, the printout holds at most this many of the latest year's events
(with their footnotes an event is about 1.5 KB of print HTML; the page must stay under 500 KB)."""

PRINT_LIST_BUDGET = 40
"""The printout holds at most this many entries of each list (the site pages them)."""


def render_print(graph: Graph) -> str:
    env = _env()
    split = event_pages(graph)
    page = Page(graph, PATH, {**split, **list_pages(graph)})
    events = graph.events_by_date

    def part(template: str, depth: int = 1, **context) -> str:
        body = env.get_template(template).render(page=page, graph=graph, **context)
        # Each part's own title becomes a section of the one document; its anchors stay on their pages.
        lines = [("#" * depth + ln if ln.startswith("#") else ln) for ln in body.splitlines()]
        return "\n".join(ln.split("{ #")[0].rstrip() if "{ #" in ln else ln for ln in lines)

    def timeline_part() -> str:
        if not split:
            return part("timeline.md.j2", years=_months(events), title="Timeline", year_pages=[])
        # A timeline split into year pages is too long to print on one page: print the latest year.
        latest = events[-1].date[:4]
        in_year = [e for e in events if e.date.startswith(latest)]
        shown = in_year[-PRINT_EVENT_BUDGET:]
        body = part("timeline.md.j2", years=_months(shown), title=f"Timeline: {latest}", year_pages=[])
        held = f"{latest} only" if len(shown) == len(in_year) else f"the latest {len(shown)} events of {latest} only"
        return body + f"\n\nThe timeline has one page per year; this printout holds {held}.\n"

    def list_part(template: str, title: str, items: list) -> str:
        # A long list is paged on the site; the printout holds its beginning and says so.
        body = part(template, title=title, items=items[:PRINT_LIST_BUDGET], parts=[], part=None)
        if len(items) <= PRINT_LIST_BUDGET:
            return body
        return body + f"\n\nThis printout holds the first {PRINT_LIST_BUDGET} of {len(items)}; the rest are on the site.\n"

    def legal_part() -> str:
        if len(graph.instruments) > INSTRUMENT_BUDGET:
            return list_part("legal_index.md.j2", "Legal basis", graph.instruments)
        intro = list_part("legal_index.md.j2", "Legal basis", graph.instruments).split("\n### ", 1)[0]
        return "\n\n".join([intro, *(part("instrument.md.j2", depth=2, inst=inst) for inst in graph.instruments)])

    parts = [
        part("home.md.j2", b=graph.briefing, latest=events[-LATEST_EVENTS:][::-1],
             open_questions=[q for q in graph.questions if q.status == "open"]),
        timeline_part(),
        # People and institutions print as their index tables (a cited summary each): one page per
        # record would make the printout grow past any budget with the briefing.
        list_part("people_index.md.j2", "People", sorted(graph.people, key=lambda p: p.name.lower())),
        list_part("institutions_index.md.j2", "Institutions and states",
                  sorted(graph.institutions, key=lambda i: i.name.lower())),
        legal_part(),
        list_part("questions.md.j2", "Open questions", graph.questions),
        list_part("differences.md.j2", "Where sources differ", graph.discrepancies),
        *([part("glossary.md.j2", terms=sorted_terms(graph))] if graph.terms else []),
        list_part("sources_index.md.j2", "Sources", graph.sources),
    ]
    notes = page.footnotes()
    return "# The whole brief\n\n" + "\n\n".join(parts).rstrip() + "\n" + (f"\n{notes}\n" if notes else "")
