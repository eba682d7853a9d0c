"""One place decides pages: every page's spec (path, template, context, record, nav, search) made once.

Like Pelican's content objects, which own their `url` and `save_as`, a PageSpec owns everything
about one page; the renderer, the MkDocs adapter, the edit links, the JSON-LD and the exports read
it and never work a path out again. `plan()` first decides where every record is shown (its own
page, or an anchor on a list page, a year page or a part of a split list), then builds the specs.
"""

from __future__ import annotations

import functools
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from . import changes, charts, citations, glossary, passages, sides
from .export import FILES as EXPORT_FILES
from .graph import Graph
from .history import History
from .kinds import BRIEFING, Kind, filed
from .kinds import kind as kind_named
from .model import Claim, Event
from .passages import Passages
from .text import MONTHS, Md, escape_md

LATEST_EVENTS = 6
HOME_QUESTIONS = 30
"""The home page names at most this many open questions (the rest are one click away)."""
HOME_ANSWERED = 5
"""The home page names at most this many recently answered (or overtaken) questions."""

TIMELINE_BUDGET = 100
"""Beyond this many events the timeline splits into one page per year (timeline/<year>.md), and
a year beyond this many into one page per month (timeline/<year>-<month>.md). An event with its
JSON-LD is about 4 KB of HTML, so a page stays under 500 KB."""

SOURCE_SEARCH_BOOST = 0.5
"""A source page's archived text holds the words the story's pages cite: search ranks the story first."""

CITING_CAP = 300
"""A source page lists at most this many citing claims, then says how many more there are."""

LIST_BUDGETS = {"questions.md": 100, "differences.md": 100, "legal/index.md": 100,
                "people/index.md": 300, "institutions/index.md": 300, "sources/index.md": 300}
"""Beyond this many entries a list page becomes an index of numbered parts (each part at most
this many entries, a few hundred KB of HTML): questions/2.md, people/parts/2.md, ..."""

NAV_BUDGET = 60
"""A nav section with more pages than this lists only its index page: Material writes the
whole nav into every page, so a long nav makes every page (and the build) grow with the briefing."""

PRINT_PATH = "print.md"
BRIEF_PATH = "brief.md"
REFERENCE_PATH = "reference.md"
RELATIONS_PATH = "relations.md"
INSTRUMENT_BUDGET = 20
"""Up to this many legal texts print in full (provisions and positions); past it, only the list."""
PRINT_EVENT_BUDGET = 30
"""Once the timeline is split, the printout holds at most this many of the latest year's events."""
PRINT_LIST_BUDGET = 40
"""The printout holds at most this many entries of each list (the site pages them)."""


@dataclass
class PageSpec:
    """Everything about one generated page, decided once."""

    path: str
    """Where the page is, under docs/ ('people/betssy-chavez.md')."""
    template: str
    """The template that renders its body."""
    title: str
    """Its title in the navigation."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template needs, and nothing it must work out again."""
    source: tuple[str, int] | None = None
    """The file (from the project root) and line the page is made from: its 'edit this' link."""
    records: tuple[str, ...] = ()
    """Ids of the records the page presents (JSON-LD for entity and timeline pages)."""
    jsonld: str | None = None
    """'entity' or 'events': which structured data the page carries."""
    section: str | None = None
    """The navigation section it belongs to (its title); None: the page is a section of its own."""
    listed: bool = True
    """False for pages reached from their section's index but not named in the navigation."""
    search: bool = True
    """False keeps the page out of the search index (the printout, the reference)."""
    search_boost: float | None = None
    """Weighs the page's matches in search against other pages' (below 1: a source's archived
    text, found after the story's pages that say the same)."""
    anchors: bool = True
    """False when the page repeats records whose anchors are on their own pages (the printout)."""
    tooltips: bool = True
    """False on pages that should not carry the glossary's tooltips (the glossary itself)."""
    notes_by_source: bool = False
    """True: one footnote per source, naming it, instead of one per quote (the two-page brief, where
    the quotes would not fit; the site shows them)."""
    shows: tuple[str, ...] = ()
    """Ids of the records whose content the page presents, for its 'last changed' date (default: records)."""
    changed: str = ""
    """When the page's records last changed, as the page says it (changes.stamp; '' when not known)."""
    changed_on: str = ""
    """The same date as YYYY-MM-DD, for the sitemap ('' when not known or not yet committed)."""


@dataclass
class Plan:
    """Where every record is shown, and the spec of every page."""

    graph: Graph
    where: dict[str, tuple[str, str]]
    """Record id -> (page path, anchor or '')."""
    specs: dict[str, PageSpec] = field(default_factory=dict)
    tooltips: dict[str, str] = field(default_factory=dict)
    """The glossary's tooltips: {word as it appears on pages: explanation}."""
    passages: dict[str, Passages] = field(default_factory=dict)
    """Source id -> the passages of its archived text that the briefing quotes (footnotes link to them)."""
    site_url: str = ""
    """The site's address, for what is printed (the two-page brief names it)."""
    history: History | None = None
    """What git says changed (history.py); None when the build did not read it."""

    def name(self, rid: str) -> str:
        entry = self.graph.index[rid]
        rec = entry.record
        if entry.kind == "provision":
            return f"{rec.article}: {rec.topic}"
        return str(getattr(rec, kind_named(entry.kind).name_field))

    def add(self, spec: PageSpec) -> None:
        if spec.path in self.specs:  # a second page at one path would silently drop the first
            raise ValueError(f"two pages planned at {spec.path}")
        self.specs[spec.path] = spec


# -- where records are shown --------------------------------------------------------------------

def part_path(index: str, n: int) -> str:
    """Where part n of a split list page goes; ids have no '/', so it never meets a record's page."""
    if index.endswith("/index.md"):
        return f"{index[:-len('index.md')]}parts/{n}.md"
    return f"{index[:-3]}/{n}.md"


def chunks(items: list[Any], budget: int) -> list[list[Any]]:
    """Items in the fewest parts of at most `budget` each, the parts as even as can be."""
    n = -(-len(items) // budget)
    size = -(-len(items) // n) if n else 0
    return [items[i:i + size] for i in range(0, len(items), size)] if n > 1 else [items]


def event_pages(graph: Graph) -> dict[str, str]:
    """The page of each event; past TIMELINE_BUDGET, its year's (or its month's) page."""
    events = graph.of("event")
    if len(events) <= TIMELINE_BUDGET:
        return {e.id: "timeline.md" for e in events}
    per_year = Counter(e.date[:4] for e in events)
    # in a year split by month, events dated only by their year stay on the year's page
    return {e.id: f"timeline/{e.date[:7]}.md" if per_year[e.date[:4]] > TIMELINE_BUDGET and len(e.date) > 4
            else f"timeline/{e.date[:4]}.md" for e in events}


def _locate(graph: Graph) -> dict[str, tuple[str, str]]:
    where: dict[str, tuple[str, str]] = {"index": (BRIEFING.page or "index.md", "")}
    for k in filed():
        for rec in graph.records[k.name]:
            where[rec.id] = k.page_of(rec.id)
    for rid, page in event_pages(graph).items():
        where[rid] = (page, rid)
    for k in filed():
        if k.index in LIST_BUDGETS and k.page and "#" in k.page:  # records anchored on a list page
            parts = chunks(in_list_order(graph, k), LIST_BUDGETS[k.index])
            if len(parts) > 1:
                for n, part in enumerate(parts, 1):
                    for rec in part:
                        where[rec.id] = (part_path(k.index, n), rec.id)
    for rid, entry in graph.index.items():  # nested records: on their parent's page
        if entry.parent is not None:
            where[rid] = (where[entry.parent][0], rid)
    return where


def in_list_order(graph: Graph, kind: Kind) -> list[Any]:
    """The records of a kind in the order their list page shows them (and splits them into parts)."""
    records = graph.records[kind.name]
    if kind.name == "discrepancy":  # disagreements of substance first, then the spellings of names
        return sorted(records, key=lambda d: d.kind == "spelling")
    if kind.name in ("person", "institution"):  # by side (sides.py), then by name
        return sorted(_in_story(records), key=lambda r: sides.order(r, graph.briefing))
    if kind.name == "question":  # open ones first, then the latest answered or overtaken
        settled = sorted((q for q in records if q.status != "open"), key=lambda q: q.resolved_on or "", reverse=True)
        return [q for q in records if q.status == "open"] + settled
    return list(records)


# -- the plan -----------------------------------------------------------------------------------

Builder = Callable[[Graph, "Plan"], Iterator[PageSpec]]
"""A page builder: the specs of one part of the site."""

KIND_PAGES = ("event", "person", "institution", "instrument", "question", "discrepancy", "term", "source")
"""The kinds whose pages have builders of their own below; any other kind in the registry gets one
list page (`_records`), so a new kind shows on the site as soon as it is registered."""

def plan(graph: Graph, history: History | None = None, site_url: str = "") -> Plan:
    """Every generated page's spec, in navigation order; with the history, each page's last change."""
    result = Plan(graph, _locate(graph), tooltips=glossary.tooltips(graph), history=history,
                  passages=passages.of_sources(graph), site_url=site_url)
    others: list[Builder] = [functools.partial(_records, k) for k in filed() if k.name not in KIND_PAGES]
    builders: list[Builder] = [_home, _changes, _timeline, _people, _institutions, _relations, _legal, _questions,
                               _differences, _glossary, *others, _brief, _print, _sources, _reference]
    for build in builders:
        for spec in build(graph, result):
            result.add(spec)
    changes.stamp(result)
    return result


def _records(kind: Kind, graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """A kind with no page builder of its own: one page listing its records, each with its claims."""
    items = [(rec, [(name, value) for name, value in rec if isinstance(value, list) and value
                    and isinstance(value[0], Claim)]) for rec in graph.records[kind.name]]
    title = kind.nav_title or kind.name
    yield PageSpec(kind.index or f"{kind.file}.md", "records.md.j2", title,
                   {"title": title, "items": items, "name_field": kind.name_field},
                   source=_source(kind, graph), section=kind.nav_title,
                   shows=tuple(rec.id for rec in graph.records[kind.name]))


def _source(kind: Kind, graph: Graph, rid: str | None = None) -> tuple[str, int]:
    """Where a page's edit link goes: a record's line, or the first line of its kind's file."""
    if rid is not None:
        entry = graph.index[rid]
        return entry.file, entry.line
    return f"facts/{kind.file}.yaml", 1


def _home(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    context = _home_context(graph, exports=True)
    context["changes"] = plan.history is not None
    context["feed"] = changes.FEED_PATH if changes.feed_entries(plan) else ""
    shown = [*context["latest"], *context["open_questions"], *context["answered"]]
    yield PageSpec("index.md", "home.md.j2", "Home", context, source=_source(BRIEFING, graph),
                   shows=("index", *(r.id for r in shown)))


def _home_context(graph: Graph, exports: bool) -> dict[str, Any]:
    events = graph.events_by_date
    open_questions = [q for q in graph.of("question") if q.status == "open"]
    settled = [q for q in in_list_order(graph, kind_named("question")) if q.status != "open"]
    return {
        "b": graph.briefing,
        "latest": events[-LATEST_EVENTS:][::-1],
        "open_questions": open_questions[:HOME_QUESTIONS],
        "more_questions": max(0, len(open_questions) - HOME_QUESTIONS),
        "answered": settled[:HOME_ANSWERED],
        "counts": {k.name: len(in_list_order(graph, k)) for k in filed()},
        "exports": list(EXPORT_FILES.items()) if exports else [],
        "changes": False,
        "feed": "",
    }


def _changes(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """What changed (changes.py), when the build read the history (the page says if there is none)."""
    if plan.history is not None:
        # kept out of search: a name searched for should find its record's page, not the log of edits
        yield PageSpec(changes.CHANGES_PATH, "changes.md.j2", "What changed", changes.page_context(plan),
                       search=False)


# timeline ---------------------------------------------------------------------------------------

def timeline_groups(events: list[Event]) -> list[tuple[str, list[tuple[str | None, list[Event]]]]]:
    """Events grouped by year, then by month (None for year-only dates), keeping their order."""
    by_year = []
    for year, in_year_iter in groupby(events, key=lambda e: e.date[:4]):
        in_year = list(in_year_iter)
        months = []
        for month, in_month in groupby(in_year, key=lambda e: e.date[5:7] or None):
            label = f"{MONTHS[int(month) - 1]} {year}" if month else None
            months.append((label, list(in_month)))
        by_year.append((year, months))
    return by_year


def _timeline_spec(graph: Graph, plan: Plan, path: str, title: str, events: list[Event], groups: list[Any],
                   year_pages: list[tuple[Md, int]], chart_label: str) -> PageSpec:
    chart = charts.timeline_svg(plan, events, path, chart_label) if events else ""
    kind = kind_named("event")
    nav_title = "Timeline" if path == "timeline.md" else path.removeprefix("timeline/").removesuffix(".md")
    return PageSpec(path, "timeline.md.j2", nav_title,
                    {"title": title, "years": groups, "year_pages": year_pages, "chart": Md(chart)},
                    source=_source(kind, graph), records=tuple(e.id for e in events),
                    jsonld="events" if events else None, section="Timeline", listed=True)


def _timeline(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    events = graph.events_by_date
    pages = event_pages(graph)
    if not events or all(p == "timeline.md" for p in pages.values()):
        yield _timeline_spec(graph, plan, "timeline.md", "Timeline", events, timeline_groups(events), [], "Timeline chart")
        return
    years = timeline_groups(events)
    yield PageSpec("timeline.md", "timeline.md.j2", "Timeline",
                   {"title": "Timeline", "years": [], "chart": Md(""),
                    "year_pages": [(Md(f"[{year}](timeline/{year}.md)"), sum(len(m[1]) for m in months))
                                   for year, months in years]},
                   source=_source(kind_named("event"), graph), section="Timeline")
    for year, months in years:
        in_year = [e for _label, group in months for e in group]
        if len(in_year) <= TIMELINE_BUDGET:
            yield _timeline_spec(graph, plan, f"timeline/{year}.md", f"Timeline: {year}", in_year, [(year, months)], [],
                                 f"Timeline chart: {year}")
            continue
        # the year's page: links to its month pages, then the events dated only by the year. A month
        # can come in more than one run (a year-only event placed inside it by a hint): one page each.
        undated_events = [e for e in in_year if len(e.date) == 4]
        dated: dict[str, tuple[str, list[Event]]] = {}
        for label, group in months:
            if label is not None:
                dated.setdefault(group[0].date[:7], (label, []))[1].extend(group)
        yield _timeline_spec(graph, plan, f"timeline/{year}.md", f"Timeline: {year}", undated_events,
                             [(year, [(None, undated_events)])] if undated_events else [],
                             [(Md(f"[{escape_md(label)}]({month}.md)"), len(group))
                              for month, (label, group) in dated.items()], f"Timeline chart: {year}")
        for month, (label, group) in dated.items():
            yield _timeline_spec(graph, plan, f"timeline/{month}.md", f"Timeline: {label}", group,
                                 [(year, [(label, group)])], [], f"Timeline chart: {month}")


# lists split into parts -------------------------------------------------------------------------

def _list(graph: Graph, kind: Kind, template: str, title: str, items: list[Any],
          label: Callable[[list[Any], int], str], extra: dict[str, Any] | None = None) -> Iterator[PageSpec]:
    """One list page, or past its budget an index of parts; `label(chunk, start)` names a part."""
    path = kind.index or ""
    extra = extra or {}
    source = _source(kind, graph)
    section = kind.nav_title
    parts = chunks(items, LIST_BUDGETS[path])
    if len(parts) == 1:
        yield PageSpec(path, template, title if section is None else section,
                       {"title": title, "items": items, "parts": [], "part": None, **extra},
                       source=source, section=section, shows=tuple(r.id for r in items))
        return
    here = posixpath.dirname(path) or "."
    labels, start = [], 1
    for part in parts:
        labels.append(label(part, start))
        start += len(part)
    links = [(Md(f"[{escape_md(text)}]({posixpath.relpath(part_path(path, n), here)})"), len(part))
             for n, (text, part) in enumerate(zip(labels, parts), 1)]
    yield PageSpec(path, template, section or title, {"title": title, "items": [], "parts": links, "part": None, **extra},
                   source=source, section=section, shows=tuple(r.id for r in items))
    up = posixpath.relpath(path, posixpath.dirname(part_path(path, 1)))
    for n, part in enumerate(parts, 1):
        yield PageSpec(part_path(path, n), template, f"{title}: {labels[n - 1]}",
                       {"title": f"{title}: {labels[n - 1]}", "items": part, "parts": [],
                        "part": Md(f"Part {n} of {len(parts)} of [{escape_md(title)}]({up})."), **extra},
                       source=source, section=section, listed=False, shows=tuple(r.id for r in part))


def _by_name(chunk: list[Any], _start: int) -> str:
    return f"{chunk[0].name} to {chunk[-1].name}"


def _by_number(chunk: list[Any], start: int) -> str:
    return f"{start} to {start + len(chunk) - 1}"


def _in_story(records: list[Any]) -> list[Any]:
    """Records that are part of the story: a name the sources only mention (a byline, a photo credit)
    keeps its page and stays searchable, but no list or navigation names it."""
    return [r for r in records if r.relevance != "mentioned"]


# people and institutions ------------------------------------------------------------------------

def _positions_by_holder(graph: Graph) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for inst in graph.of("instrument"):
        for pos in inst.positions:
            out[pos.holder].append((inst, pos))
    return out


BACKLINK_TITLES = (("person", "People"), ("institution", "Institutions"), ("question", "Questions"),
                   ("discrepancy", "Where sources differ"), ("instrument", "Legal texts"))
"""The backlinks an entity page lists after its events, by kind, under these headings."""


def _entity_specs(graph: Graph, plan: Plan, kind: Kind, heading: Callable[[Any], str]) -> Iterator[PageSpec]:
    positions = _positions_by_holder(graph)
    records = graph.records[kind.name]
    by_record = _relations_by_record(graph)
    when = {e.id: n for n, e in enumerate(graph.events_by_date)}  # its events in the one order
    for rec in sorted(records, key=lambda r: (r.name, r.id)):
        found = graph.backlinks.get(rec.id, {})
        path, _ = kind.page_of(rec.id)
        mine = by_record.get(rec.id, [])
        yield PageSpec(path, "entity.md.j2", rec.name,
                       {"rec": rec, "heading": heading(rec), "positions": positions.get(rec.id, []),
                        "events": [graph.get(eid) for eid in sorted(found.get("event", []), key=when.__getitem__)],
                        "back": [(title, found[k]) for k, title in BACKLINK_TITLES if found.get(k)],
                        "connections": mine, "connections_chart": Md(charts.connections_svg(plan, rec.id, mine, path))},
                       source=_source(kind, graph, rec.id), records=(rec.id,), jsonld="entity",
                       section=kind.nav_title, listed=False)  # the nav opens the index, grouped by side


def _relations_by_record(graph: Graph) -> dict[str, list[charts.Relation]]:
    """Each record's own relations (the relationship page's, so its connections agree with the map)."""
    out: dict[str, list[charts.Relation]] = defaultdict(list)
    for r in charts.relations(graph):
        out[r[0]].append(r)
        out[r[2]].append(r)
    return out


def _people(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = kind_named("person")
    yield from _list(graph, kind, "people_index.md.j2", "People", in_list_order(graph, kind_named("person")),
                     _by_name)
    yield from _entity_specs(graph, plan, kind, lambda _rec: "Person")


def _institutions(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = kind_named("institution")
    yield from _list(graph, kind, "institutions_index.md.j2", "Institutions and states",
                     in_list_order(graph, kind_named("institution")), _by_name)
    yield from _entity_specs(graph, plan, kind, lambda rec: str(rec.kind))


def _relations(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    rels = charts.relations(graph)
    yield PageSpec(RELATIONS_PATH, "relations.md.j2", "Who is connected",
                   {"chart": Md(charts.relations_svg(plan, rels, RELATIONS_PATH)),
                    "relations": charts.by_label(rels[:charts.TABLE_BUDGET]),
                    "more": max(0, len(rels) - charts.TABLE_BUDGET), "sides": bool(graph.briefing.sides)},
                   shows=tuple(r.id for k in ("event", "person", "institution") for r in graph.of(k)))


# legal, questions, differences, glossary -------------------------------------------------------

def _legal(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = kind_named("instrument")
    yield from _list(graph, kind, "legal_index.md.j2", "Legal basis", graph.of("instrument"), _by_number)
    listed = len(graph.of("instrument")) <= NAV_BUDGET
    for inst in graph.of("instrument"):
        yield PageSpec(kind.page_of(inst.id)[0], "instrument.md.j2", inst.title, _instrument_context(graph, inst),
                       source=_source(kind, graph, inst.id), records=(inst.id,), section=kind.nav_title,
                       listed=listed)


def _instrument_context(graph: Graph, inst: Any) -> dict[str, Any]:
    return {"inst": inst, "texts": [graph.get(sid) for sid in inst.texts],
            "languages": {sid: graph.get(sid).language for sid in (c.source for p in inst.provisions for c in p.quotes)}}


def _questions(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = kind_named("question")
    yield from _list(graph, kind, "questions.md.j2", "Questions", in_list_order(graph, kind), _by_number)


def _differences(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    yield from _list(graph, kind_named("discrepancy"), "differences.md.j2", "Where sources differ",
                     in_list_order(graph, kind_named("discrepancy")), _by_number)


def _glossary(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    if graph.of("term"):
        kind = kind_named("term")
        yield PageSpec(kind.index or "glossary.md", "glossary.md.j2", "Glossary",
                       {"terms": glossary.sorted_terms(graph)}, tooltips=False,
                       shows=tuple(t.id for t in graph.of("term")))


# the printouts ----------------------------------------------------------------------------------

BRIEF_EXCHANGES = 4
"""The two-page brief holds at most this many of the sides' exchanges, ..."""
BRIEF_CLAIMS = 1
"""... each position in at most this many claims,"""
BRIEF_FIGURES = 12
"""... at most this many key figures,"""
BRIEF_QUESTIONS = 8
"""... and at most this many open questions; it says how many more the site holds."""


def _brief(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """The story on two printed pages: what happened, each side's case, key figures, open questions."""
    b = graph.briefing
    open_questions = [q for q in graph.of("question") if q.status == "open"]
    figures = [f for f in b.key_figures if not f.superseded_by]  # what holds now: the site keeps the rest
    yield PageSpec(BRIEF_PATH, "brief.md.j2", "The brief on two pages (print)",
                   {"b": b, "site_url": plan.site_url, "exchanges": b.exchanges[:BRIEF_EXCHANGES],
                    "summary": [c for c in b.summary if not c.superseded_by],
                    "more_exchanges": max(0, len(b.exchanges) - BRIEF_EXCHANGES), "claims": BRIEF_CLAIMS,
                    "figures": figures[:BRIEF_FIGURES], "more_figures": max(0, len(figures) - BRIEF_FIGURES),
                    "questions": open_questions[:BRIEF_QUESTIONS],
                    "more_questions": max(0, len(open_questions) - BRIEF_QUESTIONS)},
                   source=_source(BRIEFING, graph), search=False, anchors=False, tooltips=False,
                   notes_by_source=True)


def _print(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """The whole brief on one page, in reading order: the same templates as the separate pages,
    one level deeper, with one footnote numbering across the whole document."""
    parts: list[tuple[str, dict[str, Any], int]] = [("home.md.j2", _home_context(graph, exports=False), 1)]
    parts.append(_print_timeline(graph))
    notes: list[str] = ["", parts[-1][1].pop("note")]

    def listed(template: str, title: str, items: list[Any], depth: int = 1) -> None:
        held = items[:PRINT_LIST_BUDGET]
        parts.append((template, {"title": title, "items": held, "parts": [], "part": None}, depth))
        notes.append(f"This printout holds the first {PRINT_LIST_BUDGET} of {len(items)}; the rest are on the site."
                     if len(items) > PRINT_LIST_BUDGET else "")

    # People and institutions print as their index tables (a cited summary each): one page per
    # record would make the printout grow past any budget with the briefing.
    listed("people_index.md.j2", "People", in_list_order(graph, kind_named("person")))
    listed("institutions_index.md.j2", "Institutions and states", in_list_order(graph, kind_named("institution")))
    instruments = graph.of("instrument")
    if len(instruments) > INSTRUMENT_BUDGET:
        listed("legal_index.md.j2", "Legal basis", instruments)
    else:
        parts.append(("legal_index.md.j2", {"title": "Legal basis", "items": [], "parts": [], "part": None}, 1))
        notes.append("")
        for inst in instruments:
            parts.append(("instrument.md.j2", _instrument_context(graph, inst), 2))
            notes.append("")
    listed("questions.md.j2", "Questions", in_list_order(graph, kind_named("question")))
    listed("differences.md.j2", "Where sources differ", in_list_order(graph, kind_named("discrepancy")))
    if graph.of("term"):
        parts.append(("glossary.md.j2", {"terms": glossary.sorted_terms(graph)}, 1))
        notes.append("")
    listed("sources_index.md.j2", "Sources", graph.of("source"))
    yield PageSpec(PRINT_PATH, "print.md.j2", "The whole brief (print)",
                   {"parts": [(t, c, d, n) for (t, c, d), n in zip(parts, notes, strict=True)]},
                   search=False, anchors=False, shows=("index", *(r.id for k in filed() for r in graph.records[k.name])))


def _print_timeline(graph: Graph) -> tuple[str, dict[str, Any], int]:
    events = graph.events_by_date
    context: dict[str, Any] = {"title": "Timeline", "year_pages": [], "chart": Md(""), "note": ""}
    if all(p == "timeline.md" for p in event_pages(graph).values()):
        return "timeline.md.j2", {**context, "years": timeline_groups(events)}, 1
    # A timeline split into year pages is too long to print on one page: print the latest year.
    latest = events[-1].date[:4]
    in_year = [e for e in events if e.date.startswith(latest)]
    shown = in_year[-PRINT_EVENT_BUDGET:]
    held = f"{latest} only" if len(shown) == len(in_year) else f"the latest {len(shown)} events of {latest} only"
    return "timeline.md.j2", {**context, "title": f"Timeline: {latest}", "years": timeline_groups(shown),
                              "note": f"The timeline has one page per year; this printout holds {held}."}, 1


# sources and the reference ----------------------------------------------------------------------

def _sources(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = kind_named("source")
    yield from _list(graph, kind, "sources_index.md.j2", "Sources", graph.of("source"), _by_number)
    for source in graph.of("source"):
        citing = graph.citing.get(source.id, [])
        yield PageSpec(kind.page_of(source.id)[0], "source.md.j2", source.title,
                       {"s": source, "lead": citations.describe(source), "archive": graph.archives[source.id],
                        "groups": citations.cited_by(plan, source.id, citing[:CITING_CAP]),
                        "passages": len(plan.passages[source.id].spans), "more": max(0, len(citing) - CITING_CAP)},
                       source=_source(kind, graph, source.id), records=(source.id,), section=kind.nav_title,
                       listed=False,  # long titles: the nav opens the index, which lists them all
                       search_boost=SOURCE_SEARCH_BOOST)


def _reference(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    from .reference import reference_context

    yield PageSpec(REFERENCE_PATH, "reference.md.j2", "Reference: facts files, fields and error codes",
                   reference_context(), source=("briefing/model.py", 1), search=False, tooltips=False,
                   section="About this briefing")

