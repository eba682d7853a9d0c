"""One place decides pages: every page's spec (path, template, context, record, nav, search) made once.

Like Pelican's content objects, which own their `url` and `save_as`, a PageSpec owns everything
about one page; the renderer, the MkDocs adapter, the edit links, the JSON-LD and the exports read
it and never work a path out again. `plan()` first decides where every record is shown (its own
page, or an anchor on a list page, a year page or a part of a split list), then builds the specs.
"""

from __future__ import annotations

import functools
import html
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any, TypeVar

from briefing.charts import draw as charts
from briefing.charts.relations import possessive
from briefing.facts.archive import normalise
from briefing.facts.graph import Graph
from briefing.facts.kinds import (
    BRIEFING,
    DISCREPANCY,
    EVENT,
    INSTITUTION,
    INSTRUMENT,
    PERSON,
    QUESTION,
    SOURCE,
    TERM,
    Kind,
    filed,
)
from briefing.facts.model import Claim, Event, Identified, Institution, Instrument, Person, Question, Record, Source
from briefing.facts.sides import side_of
from briefing.history.read import History
from briefing.i18n import N_, _, current, ngettext
from briefing.pages import balance, changes, citations, glossary, passages
from briefing.pages.plan import (
    LIST_BUDGETS,
    PageSpec,
    Plan,
    chunks,
    event_pages,
    in_list_order,
    locate,
    part_path,
    timeline_page,
)
from briefing.pages.render import differences_about
from briefing.publish.export import FILES as EXPORT_FILES
from briefing.text import Md, escape_md, message

LATEST_EVENTS = 6
HOME_QUESTIONS = 30
"""The home page names at most this many open questions (the rest are one click away)."""
HOME_ANSWERED = 5
"""The home page names at most this many recently answered (or overtaken) questions."""

SOURCE_SEARCH_BOOST = 0.5
"""A source page's archived text holds the words the story's pages cite: search ranks the story first."""

CITING_CAP = 300
"""A source page lists at most this many citing claims, then says how many more there are."""

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


# -- the plan -----------------------------------------------------------------------------------

R = TypeVar("R", bound=Identified)
A = TypeVar("A", Person, Institution)

Builder = Callable[[Graph, Plan], Iterator[PageSpec]]
"""A page builder: the specs of one part of the site."""

KIND_PAGES = ("event", "person", "institution", "instrument", "question", "discrepancy", "term", "source")
"""The kinds whose pages have builders of their own below; any other kind in the registry gets one
list page (`_records`), so a new kind shows on the site as soon as it is registered."""

def sections(graph: Graph) -> frozenset[str]:
    """The parts of the site this briefing has something for: the name of each kind with a record (a new
    briefing has no questions, say), and 'relations' when the facts state a relation. A part with
    nothing in it is left out, page, navigation entry and links, rather than shown empty."""
    found = {k.name for k in filed() if graph.of(k)}
    return frozenset(found | ({"relations"} if charts.relations(graph) else set()))


def plan(graph: Graph, history: History | None = None, site_url: str = "") -> Plan:
    """Every generated page's spec, in navigation order; with the history, each page's last change."""
    result = Plan(graph, locate(graph), tooltips=glossary.tooltips(graph),
                  tooltips_from=glossary.holds_from(graph), history=history,
                  passages=graph.derived("passages", passages.of_sources), site_url=site_url, sections=sections(graph))
    others: list[Builder] = [functools.partial(_records, k) for k in filed() if k.name not in KIND_PAGES]
    builders: list[Builder] = [_home, _brief, _changes, _timeline, _people, _institutions, _relations, _legal,
                               _questions,
                               _differences, _glossary, *others, _print, _sources, _reference]
    for build in builders:
        for spec in build(graph, result):
            result.add(spec)
    changes.stamp(result)
    return result


def _records(kind: Kind[Identified], graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """A kind with no page builder of its own: one page listing its records, each with its claims."""
    if kind.name not in plan.sections:
        return
    items = [(rec, [(name, value) for name, value in rec if isinstance(value, list) and value
                    and isinstance(value[0], Claim)]) for rec in graph.of(kind)]
    title = _title(kind)
    yield PageSpec(kind.index or f"{kind.file}.md", "records.md.j2", title,
                   {"title": title, "items": items, "name_field": kind.name_field},
                   source=_source(kind, graph), section=_section(kind),
                   shows=tuple(rec.id for rec in graph.of(kind)))


def _title(kind: Kind[Record]) -> str:
    """A kind's section title (kinds.py), the one name of its list page, nav section and backlinks, in the
    edition's language."""
    return _(kind.title) if kind.title else kind.name


def _section(kind: Kind[Record]) -> str | None:
    """A kind's section in the navigation, in the edition's language (None: out of it)."""
    return _(kind.title) if kind.title else None


def _source(kind: Kind[Record], graph: Graph, rid: str | None = None) -> tuple[str, int]:
    """Where a page's edit link goes: a record's line, or the first line of its kind's file."""
    if rid is not None:
        entry = graph.index[rid]
        return entry.file, entry.line
    return f"facts/{kind.file}.yaml", 1


def _home(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    context = _home_context(graph, plan, exports=True)
    context["changes"] = plan.history is not None
    context["feed"] = changes.FEED_PATH if changes.feed_entries(plan) else ""
    latest, open_questions, answered = _home_lists(graph)
    shown = [*latest, *open_questions[:HOME_QUESTIONS], *answered]
    yield PageSpec("index.md", "home.md.j2", _("Home"), context, source=_source(BRIEFING, graph),
                   shows=("index", *(r.id for r in shown)))


def _home_lists(graph: Graph) -> tuple[list[Event], list[Question], list[Question]]:
    """The home page's latest events (newest first), open questions and recently settled questions."""
    open_questions = [q for q in graph.of(QUESTION) if q.status == "open"]
    settled = [q for q in in_list_order(graph, QUESTION) if q.status != "open"]
    # only events the sources date to a day (or about one, or a week): one known only to the month or the year
    # is not known to be among the latest, though the one order places it at the end of its span
    dated = [e for e in graph.events_by_date if len(e.date) == 10]
    return dated[-LATEST_EVENTS:][::-1], open_questions, settled[:HOME_ANSWERED]


def _home_context(graph: Graph, plan: Plan, exports: bool) -> dict[str, object]:
    latest, open_questions, answered = _home_lists(graph)
    return {
        "b": graph.briefing,
        "case": case_words(graph),
        "states": holders_states(graph),
        "sections": plan.sections,
        "latest": latest,
        "open_questions": open_questions[:HOME_QUESTIONS],
        "more_questions": max(0, len(open_questions) - HOME_QUESTIONS),
        "answered": answered,
        "counts": {k.name: len(in_list_order(graph, k)) for k in filed()},
        "exports": [(name, _(what)) for name, what in EXPORT_FILES.items()] if exports else [],
        "brief": BRIEF_PATH if exports else "",  # the short version, linked from the page (not the printout)
        "changes": False,
        "feed": "",
    }


def case_words(graph: Graph) -> dict[str, Md]:
    """How the home page, the printout and the brief speak of the briefing's sides, for any number of
    them: the heading of the exchanges ('Each side's case'), the line under it, what the brief calls the
    exchanges it leaves out, and whose positions the legal texts give (Markdown: a side's name escaped)."""
    names = [escape_md(possessive(graph.get_as(side, Institution).name)) for side in graph.briefing.sides]
    words: dict[str, Md]
    if not names:
        words = {"heading": message("Positions, point by point"),
                 "intro": message("The main points in dispute, each with the positions taken on it, in their "
                                  "holders' own words or as the reports relay them: open a point to read them."),
                 "more": message("more points in dispute"), "positions": message("the positions taken on them")}
    elif len(names) == 1:
        # {owner}: the side's name as an owner ("Peru's"), {side}: its name, for a language that puts it after
        side = {"owner": Md(names[0]), "side": graph.get_as(graph.briefing.sides[0], Institution).name}
        words = {"heading": message("{owner} case").format(**side),
                 "intro": message("{owner} main points and the answers to them, in their own words or as the "
                                  "reports relay them: open a point to read them.").format(**side),
                 "more": message("more points in dispute"), "positions": message("{owner} position").format(**side)}
    else:
        others = message("the other side's answers") if len(names) == 2 else message("the other sides' answers")
        words = {"heading": message("Each side's case"),
                 "intro": message("Each side's main points and {others}, in their own words or as the reports "
                                  "relay them: open a point to read them.").format(others=others),
                 "more": message("more points the sides contend"), "positions": message("each side's position")}
    return {key: Md(value) for key, value in words.items()}


def holders_states(graph: Graph) -> dict[str, Md]:
    """The state each holder of a position on the home page belongs to, where it is one of the sides and the
    holder is not the state itself: shown after the holder's name ('Oskar Lindqvist (Alfaland)'), since with
    three sides a minister's name alone does not say whose minister. The holder's state, not the case it
    argues: an accused's defence may sit beside one state's case without speaking for that state. So a holder
    whose position argues another side's case than its own state's gets no state at all: 'Betssy Chávez (Peru)'
    read as Peru's answer, where she answers Peru's prosecutors."""
    out, apart = {}, set()
    for exchange in graph.briefing.exchanges:
        for pos in exchange.positions:
            state = side_of(graph.get(pos.holder), graph.briefing)
            if state is not None and pos.argues is not None and pos.argues != state:
                apart.add(pos.holder)
            if state is not None and state != pos.holder:
                out[pos.holder] = Md(escape_md(graph.get_as(state, Institution).name))
    return {holder: name for holder, name in out.items() if holder not in apart}


def _changes(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """What changed (changes.py), when the build read the history (the page says if there is none)."""
    if plan.history is not None:
        # kept out of search: a name searched for should find its record's page, not the log of edits
        yield PageSpec(changes.CHANGES_PATH, "changes.md.j2", _("What changed"), changes.page_context(plan),
                       search=False)


# timeline ---------------------------------------------------------------------------------------

TimelineYear = tuple[str, list[tuple[str | None, list[Event]]]]
"""A year and its months (None: events dated only by the year), each with its events."""


def timeline_groups(events: list[Event]) -> list[TimelineYear]:
    """Events grouped by year, then by month (None for year-only dates), keeping their order."""
    by_year = []
    for year, in_year_iter in groupby(events, key=_year):
        in_year = list(in_year_iter)
        months: list[tuple[str | None, list[Event]]] = []
        for month, in_month in groupby(in_year, key=_month):
            label = current().month(int(month), int(year)) if month else None
            months.append((label, list(in_month)))
        by_year.append((year, months))
    return by_year


def _year(event: Event) -> str:
    return event.date[:4]


def _month(event: Event) -> str:
    """'11' for an event of November; '' for one dated only by its year."""
    return event.date[5:7]


TimelineSection = dict[str, object]
"""A run of the timeline page: 'years' (timeline_groups), its 'chart' (Md, or '') and, for the background
of a timeline that has a close-up, 'folded': the summary of the collapsed block that holds it."""


def timeline_sections(plan: Plan, events: list[Event], path: str, chart_label: str) -> list[TimelineSection]:
    """The page's events in the one order, a section per part of its chart (the background, the close-up),
    each with its chart. On the timeline of every event the background is folded (a collapsed block, its
    summary saying what it holds) before the close-up, so the latest events lead on a phone as on a
    desktop; a year's or a month's page, which a reader opens for that period, folds nothing."""
    parts = charts.timeline_parts(plan, events, path, chart_label)
    if len(parts) < 2:
        return [{"years": timeline_groups(events), "chart": Md(parts[0].chart if parts else ""), "folded": None}]
    fold = path == "timeline.md"
    return [{"years": timeline_groups(part.events), "chart": Md(part.chart),
             "folded": _background_summary(part.events) if part.background and fold else None} for part in parts]


def _background_summary(events: list[Event]) -> Md:
    """'Background: 15 events, 1949 to 2024' (HTML: the summary of a raw <details> block)."""
    first, last = _year(events[0]), _year(events[-1])
    n = len(events)
    return Md(html.escape(ngettext("Background: {n} event, {first} to {last}",
                                   "Background: {n} events, {first} to {last}", n).format(n=n, first=first, last=last)
                          if first != last
                          else ngettext("Background: {n} event in {first}", "Background: {n} events in {first}",
                                        n).format(n=n, first=first)))


def _timeline_spec(graph: Graph, plan: Plan, path: str, title: str, events: list[Event],
                   year_pages: list[tuple[Md, int]], chart_label: str) -> PageSpec:
    kind = EVENT
    nav_title = _title(EVENT) if path == "timeline.md" else path.removeprefix("timeline/").removesuffix(".md")
    return PageSpec(path, "timeline.md.j2", nav_title,
                    {"title": title, "sections": timeline_sections(plan, events, path, chart_label) if events else [],
                     "year_pages": year_pages, "whole": path == "timeline.md"},
                    source=_source(kind, graph), records=tuple(e.id for e in events),
                    jsonld="events" if events else None, section=_section(EVENT), listed=True)


def _timeline(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    events = graph.events_by_date
    if not events:
        return
    pages = event_pages(graph)
    if all(p == "timeline.md" for p in pages.values()):
        yield _timeline_spec(graph, plan, "timeline.md", _title(EVENT), events, [], _("Timeline chart"))
        return
    years = timeline_groups(events)
    yield PageSpec("timeline.md", "timeline.md.j2", _title(EVENT),
                   {"title": _title(EVENT), "sections": [], "whole": True,
                    "year_pages": [(Md(f"[{year}]({Plan.href(timeline_page(year), 'timeline.md')})"),
                                    sum(len(m[1]) for m in months))
                                   for year, months in years]},
                   source=_source(EVENT, graph), section=_section(EVENT))
    for year, months in years:
        in_year = [e for _label, group in months for e in group]
        if all(pages[e.id] == timeline_page(year) for e in in_year):  # not split by month
            yield _timeline_spec(graph, plan, timeline_page(year), _("Timeline: {period}").format(period=year),
                                 in_year, [], _("Timeline chart: {period}").format(period=year))
            continue
        # the year's page: links to its month pages, then the events dated only by the year. A month
        # can come in more than one run (a year-only event placed inside it by a hint): one page each.
        undated_events = [e for e in in_year if len(e.date) == 4]
        dated: dict[str, tuple[str, list[Event]]] = {}
        for label, group in months:
            if label is not None:
                dated.setdefault(group[0].date[:7], (label, []))[1].extend(group)
        yield _timeline_spec(graph, plan, timeline_page(year), _("Timeline: {period}").format(period=year),
                             undated_events,
                             [(Md(f"[{escape_md(label)}]({Plan.href(timeline_page(month), timeline_page(year))})"),
                               len(group))
                              for month, (label, group) in dated.items()],
                             _("Timeline chart: {period}").format(period=year))
        for month, (label, group) in dated.items():
            yield _timeline_spec(graph, plan, timeline_page(month), _("Timeline: {period}").format(period=label),
                                 group, [], _("Timeline chart: {period}").format(period=month))


# lists split into parts -------------------------------------------------------------------------

def _list(graph: Graph, kind: Kind[R], template: str, title: str, items: list[R],
          label: Callable[[list[R], int], str], extra: dict[str, object] | None = None) -> Iterator[PageSpec]:
    """One list page, or past its budget an index of parts; `label(chunk, start)` names a part."""
    path = kind.index or ""
    if not graph.of(kind):  # no records: no list page (sections)
        return
    extra = extra or {}
    source = _source(kind, graph)
    section = _section(kind)
    parts = chunks(items, LIST_BUDGETS[path])
    if len(parts) == 1:
        yield PageSpec(path, template, title if section is None else section,
                       {"title": title, "items": items, "parts": [], "part": None, **extra},
                       source=source, section=section, shows=tuple(r.id for r in items))
        return
    labels: list[str] = []
    start = 1
    for part in parts:
        labels.append(label(part, start))
        start += len(part)
    links = [(Md(f"[{escape_md(text)}]({Plan.href(part_path(path, n), path)})"), len(part))
             for n, (text, part) in enumerate(zip(labels, parts, strict=False), 1)]
    yield PageSpec(path, template, section or title, {"title": title, "items": [], "parts": links, "part": None,
                                                      **extra},
                   source=source, section=section, shows=tuple(r.id for r in items))
    up = Plan.href(path, part_path(path, 1))
    for n, part in enumerate(parts, 1):
        yield PageSpec(part_path(path, n), template, f"{title}: {labels[n - 1]}",
                       {"title": f"{title}: {labels[n - 1]}", "items": part, "parts": [],
                        "part": message("Part {n} of {total} of {title}.").format(
                            n=n, total=len(parts), title=Md(f"[{escape_md(title)}]({up})")), **extra},
                       source=source, section=section, listed=False, shows=tuple(r.id for r in part))


def _by_name(chunk: list[Any], _start: int) -> str:
    return _("{first} to {last}").format(first=chunk[0].name, last=chunk[-1].name)


def _by_number(chunk: list[Any], start: int) -> str:
    return _("{first} to {last}").format(first=start, last=start + len(chunk) - 1)


# people and institutions ------------------------------------------------------------------------

def _positions_by_holder(graph: Graph) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for inst in graph.of(INSTRUMENT):
        for pos in inst.positions:
            out[pos.holder].append((inst, pos))
    return out


BACKLINKS: tuple[Kind[Identified], ...] = (PERSON, INSTITUTION, QUESTION, DISCREPANCY, INSTRUMENT)
"""The backlinks an entity page lists after its events, by kind, each under its kind's title."""


def _backlinks_title(kind: Kind[Identified]) -> str:
    """The heading of an entity page's backlinks of a kind: its kind's title, but legal texts that merely
    mention a person or institution are not its "Legal basis" (a president who cites no treaty, a ministry
    whose unnamed reference the editors match to a resolution)."""
    return _("Related legal texts") if kind is INSTRUMENT else _title(kind)


def _entity_specs(graph: Graph, plan: Plan, kind: Kind[A], heading: Callable[[A], str]) -> Iterator[PageSpec]:
    positions = _positions_by_holder(graph)
    records = graph.of(kind)
    by_record = _relations_by_record(graph)
    when = {e.id: n for n, e in enumerate(graph.events_by_date)}  # its events in the one order
    apart, order = charts.apart(graph), list(when)
    differences = {d.id: n for n, d in enumerate(graph.of(DISCREPANCY))}
    for rec in sorted(records, key=lambda r: (r.name, r.id)):
        found: dict[str, list[str]] = dict(graph.backlinks.get(rec.id, {}))
        path, _ = kind.page_of(rec.id)
        mine = by_record.get(rec.id, [])
        listed: list[Event] = [graph.get_as(eid, Event)
                               for eid in sorted(found.get("event", []), key=when.__getitem__)]
        # the differences that name it, and those about an event its page lists (whom Mexico granted asylum in
        # 2022, on Peru's page), in the file's order
        about = {*found.get("discrepancy", []), *(d for e in listed for d in differences_about(graph, e.id))}
        if about:
            found["discrepancy"] = sorted(about, key=differences.__getitem__)
        yield PageSpec(path, "entity.md.j2", rec.name,
                       {"rec": rec, "heading": heading(rec), "positions": positions.get(rec.id, []),
                        "events": listed,
                        "back": [(_backlinks_title(k), found[k.name]) for k in BACKLINKS if found.get(k.name)],
                        "connections": mine,
                        "connections_chart": Md(charts.connections_view(plan, rec.id, mine, apart, order, path))},
                       source=_source(kind, graph, rec.id), records=(rec.id,), jsonld="entity",
                       # its 'last changed' date: of the record and of every one the page lists (round nineteen, C-F2)
                       shows=(rec.id, *(e.id for e in listed), *(rid for rids in found.values() for rid in rids)),
                       section=_section(kind), listed=False)  # the nav opens the index, grouped by side


def _relations_by_record(graph: Graph) -> dict[str, list[charts.Relation]]:
    """Each record's own relations (the relationship page's, so its connections agree with the map)."""
    out: dict[str, list[charts.Relation]] = defaultdict(list)
    for r in charts.relations(graph):
        out[r[0]].append(r)
        out[r[2]].append(r)
    return out


def _people(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = PERSON
    yield from _list(graph, kind, "people_index.md.j2", _title(kind), in_list_order(graph, PERSON),
                     _by_name)
    yield from _entity_specs(graph, plan, kind, lambda _rec: _("Person"))


def _institutions(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = INSTITUTION
    yield from _list(graph, kind, "institutions_index.md.j2", _title(kind),
                     in_list_order(graph, INSTITUTION), _by_name)
    yield from _entity_specs(graph, plan, kind, lambda rec: _(str(rec.kind)))


def _relations(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    if "relations" not in plan.sections:
        return
    rels = charts.relations(graph)
    yield PageSpec(RELATIONS_PATH, "relations.md.j2", _("Who is connected"),
                   {"chart": Md(charts.relations_view(plan, rels, RELATIONS_PATH)),
                    "relations": charts.by_label(rels[:charts.TABLE_BUDGET]),
                    "more": max(0, len(rels) - charts.TABLE_BUDGET), "sides": bool(graph.briefing.sides)},
                   shows=tuple(r.id for k in (EVENT, PERSON, INSTITUTION) for r in graph.of(k)))


# legal, questions, differences, glossary -------------------------------------------------------

def _legal(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = INSTRUMENT
    yield from _list(graph, kind, "legal_index.md.j2", _title(kind), graph.of(INSTRUMENT), _by_number,
                     {"texts": _archived_texts(graph)})
    listed = len(graph.of(INSTRUMENT)) <= NAV_BUDGET
    for inst in graph.of(INSTRUMENT):
        yield PageSpec(kind.page_of(inst.id)[0], "instrument.md.j2", inst.title, _instrument_context(graph, inst),
                       source=_source(kind, graph, inst.id), records=(inst.id,), section=_section(kind),
                       listed=listed, dated=inst.date)


def _archived_texts(graph: Graph) -> dict[str, list[Any]]:
    """Each instrument's archived copies (its `texts`: source records), which the legal index lists with their
    kind and completeness."""
    return {inst.id: [graph.get(sid) for sid in inst.texts] for inst in graph.of(INSTRUMENT)}


def _instrument_context(graph: Graph, inst: Instrument) -> dict[str, object]:
    return {"inst": inst, "texts": [graph.get(sid) for sid in inst.texts],
            "languages": {sid: graph.get_as(sid, Source).language
                          for sid in (c.source for p in inst.provisions for c in p.quotes)}}


def _questions(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = QUESTION
    yield from _list(graph, kind, "questions.md.j2", _title(kind), in_list_order(graph, kind), _by_number)


def _differences(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    yield from _list(graph, DISCREPANCY, "differences.md.j2", _title(DISCREPANCY),
                     in_list_order(graph, DISCREPANCY), _by_number)


def _glossary(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    if graph.of(TERM):
        kind = TERM
        yield PageSpec(kind.index or "glossary.md", "glossary.md.j2", _title(kind),
                       {"terms": glossary.sorted_terms(graph)}, tooltips=False,
                       shows=tuple(t.id for t in graph.of(TERM)))


# the printouts ----------------------------------------------------------------------------------

ABOUT = N_("About this briefing")
"""The navigation's last section: the hand-written pages and the reference."""

BRIEF_EXCHANGES = 4
"""The two-page brief holds at most this many of the sides' exchanges (whole ones, balanced: balance.py), ..."""
SHORT_VERSION = N_("Short version")
"""The two-page brief's title: the nav's second entry, linked from the top of the home page."""
BRIEF_CLAIMS = 1
"""... each position in at most this many claims,"""
BRIEF_FIGURES = 12
"""... at most this many key figures,"""
BRIEF_QUESTIONS = 8
"""... and at most this many open questions; it says how many more the site holds."""
BRIEF_WORDS = {"en": 950, "es": 990}
"""... and at most about this many words of the facts (brief_words), by the edition's language (a language
not named here: the briefing's first language's, else English's), so that it prints on two A4 pages: past
it, the brief holds fewer open questions, then fewer key figures, and says how many more the site holds.
The same story takes about 15% more words in Spanish than in English, in lines about 10% longer, so the
Spanish brief gives up a few questions (tests/browser/test_print.py prints both)."""
BRIEF_FLOOR = 3
"""The brief keeps at least this many open questions and key figures, whatever its words."""


def brief_words(summary: list[Claim], exchanges: list[Any], figures: list[Any], questions: list[Any],
                graph: Graph) -> int:
    """The words of the facts a brief holds: its claims (each with an attribution's few words), the points in
    dispute and their holders, the figures and the questions (the Markdown's own words aside)."""
    claims = [*summary, *(c for x in exchanges for pos in x.positions
                          for c in [c for c in pos.claims if not c.superseded_by][:BRIEF_CLAIMS])]
    texts = [*(c.text for c in claims), *(x.topic for x in exchanges),
             *(str(getattr(graph.get(pos.holder), "name", "")) for x in exchanges for pos in x.positions),
             *(f"{f.label} {f.value}" for f in figures), *(q.question for q in questions)]
    return sum(len(str(t).split()) for t in texts) + 3 * len(claims)


def _fit(summary: list[Claim], exchanges: list[Any], figures: list[Any], questions: list[Any], graph: Graph,
         budget: int) -> tuple[list[Any], list[Any]]:
    """The figures and questions a brief of at most `budget` words holds (BRIEF_WORDS)."""
    while brief_words(summary, exchanges, figures, questions, graph) > budget:
        if len(questions) > BRIEF_FLOOR:
            questions = questions[:-1]
        elif len(figures) > BRIEF_FLOOR:
            figures = figures[:-1]
        else:
            break
    return figures, questions


def _brief(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """The story on two printed pages: what happened, each side's case, key figures, open questions."""
    b = graph.briefing
    open_questions = [q for q in graph.of(QUESTION) if q.status == "open"]
    figures = [f for f in b.key_figures if not f.superseded_by]  # what holds now: the site keeps the rest
    exchanges = balance.brief_exchanges(b, BRIEF_EXCHANGES, BRIEF_CLAIMS)
    summary = [c for c in b.summary if not c.superseded_by]
    budget = BRIEF_WORDS.get(current().code, BRIEF_WORDS[b.languages[0]] if b.languages[0] in BRIEF_WORDS
                             else BRIEF_WORDS["en"])
    held_figures, held_questions = _fit(summary, exchanges, figures[:BRIEF_FIGURES],
                                        open_questions[:BRIEF_QUESTIONS], graph, budget)
    yield PageSpec(BRIEF_PATH, "brief.md.j2", _(SHORT_VERSION),
                   {"b": b, "site_url": plan.site_url, "exchanges": exchanges, "case": case_words(graph),
                    "summary": summary,
                    "more_exchanges": max(0, len(b.exchanges) - BRIEF_EXCHANGES), "claims": BRIEF_CLAIMS,
                    "figures": held_figures, "more_figures": len(figures) - len(held_figures),
                    "questions": held_questions, "more_questions": len(open_questions) - len(held_questions)},
                   source=_source(BRIEFING, graph), search=False, anchors=False, tooltips=False,
                   notes_by_source=True)


def _print(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    """The whole brief on one page, in reading order: the same templates as the separate pages,
    one level deeper, with one footnote numbering across the whole document."""
    parts: list[tuple[str, dict[str, object], int]] = [("home.md.j2", _home_context(graph, plan, exports=False), 1)]
    notes: list[str] = [""]
    if graph.events_by_date:
        parts.append(_print_timeline(graph))
        notes.append(str(parts[-1][1].pop("note")))

    def listed(template: str, title: str, items: list[Any], depth: int = 1,
               extra: dict[str, object] | None = None) -> None:
        if not items:  # a part with nothing in it is left out, as on the site
            return
        held = items[:PRINT_LIST_BUDGET]
        parts.append((template, {"title": title, "items": held, "parts": [], "part": None, **(extra or {})}, depth))
        notes.append(_("This printout holds the first {n} of {total}; the rest are on the site.").format(
                     n=PRINT_LIST_BUDGET, total=len(items))
                     if len(items) > PRINT_LIST_BUDGET else "")

    # People and institutions print as their index tables (a cited summary each): one page per
    # record would make the printout grow past any budget with the briefing.
    listed("people_index.md.j2", _title(PERSON), in_list_order(graph, PERSON))
    listed("institutions_index.md.j2", _title(INSTITUTION), in_list_order(graph, INSTITUTION))
    instruments = graph.of(INSTRUMENT)
    if len(instruments) > INSTRUMENT_BUDGET:
        listed("legal_index.md.j2", _title(INSTRUMENT), instruments, extra={"texts": _archived_texts(graph)})
    elif instruments:
        parts.append(("legal_index.md.j2", {"title": _title(INSTRUMENT), "items": [], "parts": [], "part": None}, 1))
        notes.append("")
        for inst in instruments:
            parts.append(("instrument.md.j2", _instrument_context(graph, inst), 2))
            notes.append("")
    listed("questions.md.j2", _title(QUESTION), in_list_order(graph, QUESTION))
    listed("differences.md.j2", _title(DISCREPANCY), in_list_order(graph, DISCREPANCY))
    if graph.of(TERM):
        parts.append(("glossary.md.j2", {"terms": glossary.sorted_terms(graph)}, 1))
        notes.append("")
    listed("sources_index.md.j2", _title(SOURCE), graph.of(SOURCE))
    yield PageSpec(PRINT_PATH, "print.md.j2", _("The whole brief (print)"),
                   {"parts": [(t, c, d, n) for (t, c, d), n in zip(parts, notes, strict=True)]},
                   search=False, anchors=False, shows=("index",
                                                       *(r.id for k in filed() for r in graph.records[k.name])))


def _print_timeline(graph: Graph) -> tuple[str, dict[str, object], int]:
    events = graph.events_by_date
    context: dict[str, object] = {"title": _title(EVENT), "year_pages": [], "note": "", "whole": True}

    def sections(shown: list[Event]) -> list[TimelineSection]:  # on paper: no chart, nothing folded
        return [{"years": timeline_groups(shown), "chart": Md(""), "folded": None}]

    if all(p == "timeline.md" for p in event_pages(graph).values()):
        return "timeline.md.j2", {**context, "sections": sections(events)}, 1
    # A timeline split into year pages is too long to print on one page: print the latest year.
    latest = events[-1].date[:4]
    in_year = [e for e in events if e.date.startswith(latest)]
    shown = in_year[-PRINT_EVENT_BUDGET:]
    note = (_("The timeline has one page per year; this printout holds {year} only.").format(year=latest)
            if len(shown) == len(in_year) else
            _("The timeline has one page per year; this printout holds the latest {n} events of {year} only.").format(
                n=len(shown), year=latest))
    return "timeline.md.j2", {**context, "title": _("Timeline: {period}").format(period=latest),
                              "sections": sections(shown), "note": note}, 1


# sources and the reference ----------------------------------------------------------------------

def _sources(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    kind = SOURCE
    yield from _list(graph, kind, "sources_index.md.j2", _title(kind), graph.of(SOURCE), _by_number)
    for source in graph.of(SOURCE):
        citing = graph.citing.get(source.id, [])
        marked = plan.passages[source.id]
        said = [(label, words.quote, marked.anchor(words.quote), citations.said_date(words),
                 name == "headline" and normalise(words.quote) == normalise(source.title))
                for name, label, words in source.said()]
        yield PageSpec(kind.page_of(source.id)[0], "source.md.j2", source.title,
                       {"s": source, "lead": citations.describe(source), "not_known": citations.not_known(source),
                        "said": said, "archive": graph.archives[source.id],
                        "groups": citations.cited_by(plan, source.id, citing[:CITING_CAP]),
                        "passages": len(plan.passages[source.id].spans), "more": max(0, len(citing) - CITING_CAP)},
                       source=_source(kind, graph, source.id), records=(source.id,), section=_section(kind),
                       # its 'last changed' date: of the source and of every record its citations list (round
                       # nineteen, C-F2: a citation's record retitled later left the page's date behind)
                       shows=(source.id, *dict.fromkeys(rid for rid, _quote in citing[:CITING_CAP])),
                       listed=False,  # long titles: the nav opens the index, which lists them all
                       search_boost=SOURCE_SEARCH_BOOST)


def _reference(graph: Graph, plan: Plan) -> Iterator[PageSpec]:
    from briefing.pages.reference import reference_context

    yield PageSpec(REFERENCE_PATH, "reference.md.j2", _("Reference: facts files, fields and error codes"),
                   reference_context(), source=("briefing/facts/model.py", 1), search=False, tooltips=False,
                   section=_(ABOUT))

