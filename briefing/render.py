"""Stage 4, render: the validated graph -> Markdown pages, keyed by page path.

Templates are Jinja2 emitting Markdown. Every `{{ value }}` passes through `escape_md`
(Jinja's `finalize`), so text from facts can never become Markdown or HTML syntax; only
`Md` strings built here (links, footnote marks) go out as they are.
"""

from __future__ import annotations

import functools
import posixpath
from collections import Counter, defaultdict
from itertools import groupby

from jinja2 import Environment, PackageLoader, StrictUndefined

from .graph import Graph
from .load import gc_paused
from .model import Citation, Claim
from .text import MONTHS, Md, escape_md, format_date, precision

PAGE_OF_KIND = {
    "person": "people/{id}.md",
    "institution": "institutions/{id}.md",
    "source": "sources/{id}.md",
    "instrument": "legal/{id}.md",
    "event": "timeline.md#{id}",
    "question": "questions.md#{id}",
    "discrepancy": "differences.md#{id}",
    "term": "glossary.md#{id}",
}

NAME_FIELD = {"person": "name", "institution": "name", "source": "title", "instrument": "title",
              "event": "title", "question": "question", "discrepancy": "topic",
              "term": "term"}

LATEST_EVENTS = 6

TIMELINE_BUDGET = 100
"""Beyond this many events the timeline splits into one page per year (timeline/<year>.md), and
a year beyond this many into one page per month (timeline/<year>-<month>.md). An event with its
JSON-LD is about 4 KB of HTML, so a page stays under 500 KB."""

CITING_CAP = 300
"""A source page lists at most this many citing claims, then says how many more there are."""

LIST_BUDGETS = {"questions.md": 100, "differences.md": 100, "legal/index.md": 100,
                "people/index.md": 300, "institutions/index.md": 300, "sources/index.md": 300}
"""Beyond this many entries a list page becomes an index of numbered parts (each part at most
this many entries, a few hundred KB of HTML): questions/2.md, people/parts/2.md, ..."""


def part_path(index: str, n: int) -> str:
    """Where part n of a split list page goes; ids have no '/', so it never meets a record's page."""
    if index.endswith("/index.md"):
        return f"{index[:-len('index.md')]}parts/{n}.md"
    return f"{index[:-3]}/{n}.md"


def _chunks(items: list, budget: int) -> list[list]:
    """Items in the fewest parts of at most `budget` each, the parts as even as can be."""
    n = -(-len(items) // budget)
    size = -(-len(items) // n) if n else 0
    return [items[i:i + size] for i in range(0, len(items), size)] if n > 1 else [items]


def list_pages(graph: Graph) -> dict[str, str]:
    """The part page of each question and discrepancy whose list page is split; empty when none is."""
    out: dict[str, str] = {}
    for index, records in (("questions.md", graph.questions), ("differences.md", graph.discrepancies)):
        chunks = _chunks(records, LIST_BUDGETS[index])
        if len(chunks) > 1:
            out.update((r.id, part_path(index, n)) for n, chunk in enumerate(chunks, 1) for r in chunk)
    return out


def event_pages(graph: Graph) -> dict[str, str]:
    """The page of each event when the timeline is split by year; empty when it is one page."""
    if "event_pages" not in graph.derived:  # asked for by every page that links an event
        graph.derived["event_pages"] = _event_pages(graph)
    return graph.derived["event_pages"]


def _event_pages(graph: Graph) -> dict[str, str]:
    if len(graph.events) <= TIMELINE_BUDGET:
        return {}
    per_year = Counter(e.date[:4] for e in graph.events)
    # in a year split by month, events dated only by their year stay on the year's page
    return {e.id: f"timeline/{e.date[:7]}.md" if per_year[e.date[:4]] > TIMELINE_BUDGET and len(e.date) > 4
            else f"timeline/{e.date[:4]}.md" for e in graph.events}


@functools.lru_cache(maxsize=None)
def _relpath(file: str, folder: str) -> str:
    """posixpath.relpath, worked out once per pair (it looks up the working folder every call)."""
    return posixpath.relpath(file, folder)


@functools.cache
def _env() -> Environment:
    """One environment per process: each template is compiled once, not once per build."""
    env = Environment(
        loader=PackageLoader("briefing", "templates"),
        finalize=escape_md,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escape_md does the escaping for Markdown and HTML both
    )
    env.filters["date"] = format_date
    env.filters["precision"] = precision
    return env


class Page:
    """Per-page helpers for templates: relative links and numbered citation footnotes."""

    def __init__(self, graph: Graph, path: str, moved: dict[str, str] | None = None):
        self.graph = graph
        self.path = path
        self.moved = moved or {}
        """Records whose page is not the usual one (events on year pages, questions on parts): id -> page."""
        self._notes: dict[tuple[str, str], int] = {}

    def url(self, rid: str) -> str:
        entry = self.graph.index[rid]
        if entry.kind == "provision":
            target = f"legal/{entry.parent}.md#{rid}"
        elif rid in self.moved:
            target = f"{self.moved[rid]}#{rid}"
        else:
            target = PAGE_OF_KIND[entry.kind].format(id=rid)
        file, _, anchor = target.partition("#")
        rel = _relpath(file, posixpath.dirname(self.path) or ".")
        if file == self.path and anchor:
            rel = ""
        return rel + (f"#{anchor}" if anchor else "")

    def name(self, rid: str) -> str:
        rec, kind = self.graph.get(rid), self.graph.kind(rid)
        if kind == "provision":
            return f"{rec.article}: {rec.topic}"
        return getattr(rec, NAME_FIELD[kind])

    @staticmethod
    def anchor(rid: str) -> Md:
        return Md(f"{{ #{rid} }}")

    @staticmethod
    def external(url: str) -> Md:
        """A link to an http(s) URL (validated), its destination made safe for Markdown."""
        safe = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
        return Md(f"[{escape_md(url)}]({safe})")

    def link(self, rid: str, text: str | None = None) -> Md:
        return Md(f"[{escape_md(text if text is not None else self.name(rid))}]({self.url(rid)})")

    def links(self, ids: list[str]) -> Md:
        return Md(", ".join(self.link(i) for i in ids))

    @staticmethod
    def verbatim(text: str) -> Md:
        """Archived text shown as text: paragraphs kept, line breaks kept, nothing interpreted."""
        paras = [p for p in text.strip().split("\n\n") if p.strip()]
        return Md("\n\n".join("  \n".join(escape_md(ln) for ln in p.splitlines() if ln.strip()) for p in paras))

    def cite(self, citations: list[Citation]) -> Md:
        """Footnote marks for these citations; the same source and quote share one footnote."""
        marks = []
        for c in citations:
            key = (c.source, c.quote)
            if key not in self._notes:
                self._notes[key] = len(self._notes) + 1
            marks.append(f"[^{self._notes[key]}]")
        return Md("".join(dict.fromkeys(marks)))

    def claim(self, claim: Claim) -> Md:
        return Md(f"{escape_md(claim.text)}{self.cite(claim.cite)}")

    def claims(self, items: list[Claim]) -> Md:
        """A Markdown list of claims, each with its footnote marks."""
        return Md("".join(f"- {self.claim(c)}\n" for c in items))

    def footnotes(self) -> Md:
        lines = []
        for (source, quote), n in self._notes.items():
            lines.append(f"[^{n}]: {self.link(source)}: “{escape_md(quote)}”")
        return Md("\n".join(lines))


def _months(events):
    """Events grouped by year, then by month (None for year-only dates)."""
    by_year = []
    for year, in_year in groupby(events, key=lambda e: e.date[:4]):
        in_year = list(in_year)
        months = []
        for month, in_month in groupby(in_year, key=lambda e: e.date[5:7] or None):
            label = f"{MONTHS[int(month) - 1]} {year}" if month else None
            months.append((label, list(in_month)))
        by_year.append((year, months))
    return by_year


def render_pages(graph: Graph) -> dict[str, str]:
    """Every generated page, as {path under docs/: Markdown}."""
    with gc_paused():  # see load.gc_paused
        return _render_pages(graph)


def _render_pages(graph: Graph) -> dict[str, str]:
    env = _env()
    templates = {name: env.get_template(name) for name in env.list_templates() if not name.startswith("_")}
    pages: dict[str, str] = {}
    kinds = ("event", "person", "institution", "question", "discrepancy", "instrument")

    def back(rid: str) -> dict[str, list[str]]:
        found = graph.backlinks.get(rid, {})
        return {k: found.get(k, []) for k in kinds}

    positions_by_holder: dict[str, list] = defaultdict(list)
    for inst in graph.instruments:
        for pos in inst.positions:
            positions_by_holder[pos.holder].append((inst, pos))

    years_split = event_pages(graph)
    moved = {**years_split, **list_pages(graph)}

    def render(path: str, template: str, **context) -> None:
        page = Page(graph, path, moved)
        body = templates[template].render(page=page, graph=graph, **context)
        notes = page.footnotes()
        pages[path] = body.rstrip() + "\n" + (f"\n{notes}\n" if notes else "")

    def render_list(path: str, template: str, title: str, items: list, label) -> None:
        """One list page, or past its budget an index of parts; `label(chunk, start)` names a part."""
        chunks = _chunks(items, LIST_BUDGETS[path])
        if len(chunks) == 1:
            render(path, template, title=title, items=items, parts=[], part=None)
            return
        here = posixpath.dirname(path) or "."
        labels, start = [], 1
        for chunk in chunks:
            labels.append(label(chunk, start))
            start += len(chunk)
        parts = [(Md(f"[{escape_md(text)}]({posixpath.relpath(part_path(path, n), here)})"), len(chunk))
                 for n, (text, chunk) in enumerate(zip(labels, chunks), 1)]
        render(path, template, title=title, items=[], parts=parts, part=None)
        up = posixpath.relpath(path, posixpath.dirname(part_path(path, 1)))
        for n, chunk in enumerate(chunks, 1):
            render(part_path(path, n), template, title=f"{title}: {labels[n - 1]}", items=chunk, parts=[],
                   part=Md(f"Part {n} of {len(chunks)} of [{escape_md(title)}]({up})."))

    def by_name(chunk: list, _start: int) -> str:
        return f"{chunk[0].name} to {chunk[-1].name}"

    def by_number(chunk: list, start: int) -> str:
        return f"{start} to {start + len(chunk) - 1}"

    events = graph.events_by_date
    render("index.md", "home.md.j2", b=graph.briefing, latest=events[-LATEST_EVENTS:][::-1],
           open_questions=[q for q in graph.questions if q.status == "open"])
    if years_split:  # timeline.md becomes the index of the year pages
        years = _months(events)
        render("timeline.md", "timeline.md.j2", years=[], title="Timeline",
               year_pages=[(Md(f"[{year}](timeline/{year}.md)"), sum(len(m[1]) for m in months)) for year, months in years])
        for year, months in years:
            if sum(len(m[1]) for m in months) <= TIMELINE_BUDGET:
                render(f"timeline/{year}.md", "timeline.md.j2", years=[(year, months)], title=f"Timeline: {year}",
                       year_pages=[])
                continue
            # the year's page: links to its month pages, then the events dated only by the year
            undated = [(label, in_month) for label, in_month in months if label is None]
            dated = [(label, in_month) for label, in_month in months if label is not None]
            render(f"timeline/{year}.md", "timeline.md.j2", years=[(year, undated)] if undated else [],
                   title=f"Timeline: {year}", year_pages=[
                       (Md(f"[{escape_md(label)}]({in_month[0].date[:7]}.md)"), len(in_month))
                       for label, in_month in dated])
            for label, in_month in dated:
                render(f"timeline/{in_month[0].date[:7]}.md", "timeline.md.j2", years=[(year, [(label, in_month)])],
                       title=f"Timeline: {label}", year_pages=[])
    else:
        render("timeline.md", "timeline.md.j2", years=_months(events), title="Timeline", year_pages=[])
    render_list("people/index.md", "people_index.md.j2", "People", sorted(graph.people, key=lambda p: p.name.lower()), by_name)
    for person in graph.people:
        render(f"people/{person.id}.md", "entity.md.j2", rec=person, back=back(person.id),
               positions=positions_by_holder.get(person.id, []), heading="Person")
    render_list("institutions/index.md", "institutions_index.md.j2", "Institutions and states",
                sorted(graph.institutions, key=lambda i: i.name.lower()), by_name)
    for inst in graph.institutions:
        render(f"institutions/{inst.id}.md", "entity.md.j2", rec=inst, back=back(inst.id),
               positions=positions_by_holder.get(inst.id, []), heading=inst.kind)
    render_list("legal/index.md", "legal_index.md.j2", "Legal basis", graph.instruments, by_number)
    for inst in graph.instruments:
        render(f"legal/{inst.id}.md", "instrument.md.j2", inst=inst)
    render_list("questions.md", "questions.md.j2", "Open questions", graph.questions, by_number)
    render_list("differences.md", "differences.md.j2", "Where sources differ", graph.discrepancies, by_number)
    render_list("sources/index.md", "sources_index.md.j2", "Sources", graph.sources, by_number)
    for source in graph.sources:
        citing = graph.citing.get(source.id, [])
        render(f"sources/{source.id}.md", "source.md.j2", s=source, archive=graph.archives[source.id],
               citing=citing[:CITING_CAP], more=max(0, len(citing) - CITING_CAP))
    return pages
