"""The page plan: every page's spec, and where every record is shown: the one owner of addresses.

Like Pelican's content objects, which own their `url` and `save_as`, and MkDocs' `File.url`, the
plan answers every "where is this record, and how do I link to it from that page": the renderer,
the charts, the exports, the feed and the MkDocs adapter ask it (`Plan.link`, `Plan.href`,
`Plan.html_href`, `Plan.url`, `page_url`) and never work a path or a URL out themselves. The
builders (builders.py) fill it; the types every page module shares live here, below them, so no
module imports back up into the one that drives it.
"""

from __future__ import annotations

import functools
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar, cast

from briefing.facts import sides
from briefing.facts.graph import Graph
from briefing.facts.kinds import BRIEFING, EVENT, Kind, filed
from briefing.facts.kinds import kind as kind_named
from briefing.facts.model import Discrepancy, Institution, Person, Provision, Question, Record, in_story
from briefing.history.read import History
from briefing.pages.passages import Passages

R = TypeVar("R", bound=Record)
T = TypeVar("T")

TIMELINE_BUDGET = 100
"""Beyond this many events the timeline splits into one page per year (timeline/<year>.md), and
a year beyond this many into one page per month (timeline/<year>-<month>.md). An event with its
JSON-LD is about 4 KB of HTML, so a page stays under 500 KB."""

LIST_BUDGETS = {"questions.md": 100, "differences.md": 100, "legal/index.md": 100,
                "people/index.md": 300, "institutions/index.md": 300, "sources/index.md": 300}
"""Beyond this many entries a list page becomes an index of numbered parts (each part at most
this many entries, a few hundred KB of HTML): questions/2.md, people/parts/2.md, ..."""


@dataclass
class PageSpec:
    """Everything about one generated page, decided once."""

    path: str
    """Where the page is, under docs/ ('people/betssy-chavez.md')."""
    template: str
    """The template that renders its body."""
    title: str
    """Its title in the navigation."""
    context: dict[str, object] = field(default_factory=dict)
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
    dated: str | None = None
    """When what the page is about happened (a judgment's date): a tooltip whose explanation gives the
    rules of an instrument adopted later is left off (glossary.holds_from)."""
    notes_by_source: bool = False
    """True: notes name sources without their quotes, a sentence's note each of its sources once (the
    two-page brief, where the quotes would not fit; the site shows them)."""
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
    positions: dict[str, int] = field(default_factory=dict)
    """Page path -> its place in the site's order (the order of `specs`), kept by `add`."""
    labels: dict[str, str] = field(default_factory=dict)
    """Source id -> how footnotes name it, as Markdown (footnotes.py): worked out once per edition."""
    tooltips: dict[str, str] = field(default_factory=dict)
    """The glossary's tooltips: {word as it appears on pages: explanation}."""
    tooltips_from: dict[str, str] = field(default_factory=dict)
    """{word: the date from which its tooltip's explanation holds} (glossary.holds_from)."""
    passages: dict[str, Passages] = field(default_factory=dict)
    """Source id -> the passages of its archived text that the briefing quotes (footnotes link to them)."""
    site_url: str = ""
    """The site's address, for what is printed (the two-page brief names it)."""
    history: History | None = None
    """What git says changed (history.py); None when the build did not read it."""
    sections: frozenset[str] = frozenset()
    """The parts of the site the briefing has something for (builders.sections): each kind of record with
    a record ('question'), and 'relations' when the facts state one. The rest get no page, no place in
    the navigation and no link."""

    def name(self, rid: str) -> str:
        """How pages name a record: its name field (kinds.py); a provision by article and topic."""
        entry = self.graph.index[rid]
        rec = entry.record
        if isinstance(rec, Provision):
            return f"{rec.article}: {rec.topic}"
        name: object = getattr(rec, kind_named(entry.kind).name_field)
        return str(name)

    def short_name(self, rid: str) -> str:
        """How a pointer to a record names it: a provision by its article alone ('Article IV'), so that what follows
        a source's name in a note is never this briefing's summary of its words; anything else by `name`."""
        rec = self.graph.index[rid].record
        return str(rec.article) if isinstance(rec, Provision) else self.name(rid)

    def add(self, spec: PageSpec) -> None:
        if spec.path in self.specs:  # a second page at one path would silently drop the first
            raise ValueError(f"two pages planned at {spec.path}")
        self.positions[spec.path] = len(self.specs)
        self.specs[spec.path] = spec

    # -- addresses: the one place that works out a link -------------------------------------------

    def page_of(self, rid: str) -> tuple[str, str]:
        """(page path under docs/, anchor or '') where a record is shown."""
        return self.where[rid]

    def link(self, rid: str, here: str) -> str:
        """A Markdown link target to a record from the page at `here`: a relative .md path and
        anchor ('../people/x.md', '../timeline.md#id', '#id' on its own page)."""
        file, anchor = self.where[rid]
        if file == here and anchor:
            return f"#{anchor}"
        return relpath(file, posixpath.dirname(here) or ".") + (f"#{anchor}" if anchor else "")

    @staticmethod
    def href(md_path: str, here: str) -> str:
        """A Markdown link target to another page, given by its path, from the page at `here`."""
        return relpath(md_path, posixpath.dirname(here) or ".")

    def html_href(self, rid: str, here: str) -> str:
        """A link to a record for raw HTML (the charts' SVG), which MkDocs does not rewrite: relative
        to the page's address in the built site (directory URLs: `people/x.md` is served at `people/x/`)."""
        file, anchor = self.where[rid]
        if file == here and anchor:
            return f"#{anchor}"
        rel = relpath(_url_dir(file) or ".", _url_dir(here) or ".")
        rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def passage(self, source: str, quote: str, here: str) -> str:
        """A link from the page at `here` to a quote's passage, marked in the archived text on its source's page."""
        passages = self.passages.get(source)
        anchor = passages.anchor(quote) if passages else None
        return self.link(source, here) + (f"#{anchor}" if anchor else "")

    def url(self, rid: str, base: str = "") -> str:
        """A record's address from the site's root, after `base` (the site's URL, or '')."""
        path, anchor = self.where[rid]
        return f"{base}{page_url(path)}" + (f"#{anchor}" if anchor else "")


@functools.cache
def relpath(file: str, folder: str) -> str:
    """posixpath.relpath, worked out once per pair (it looks up the working folder every call)."""
    return posixpath.relpath(file, folder)


def page_url(path: str) -> str:
    """The address of a page in the built site, relative to its root ('people/x.md' -> 'people/x/')."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def _url_dir(md: str) -> str:
    """The folder a page is served as, without its trailing slash ('people/x.md' -> 'people/x', 'index.md' -> '')."""
    return page_url(md).rstrip("/")


# -- where records are shown --------------------------------------------------------------------

def part_path(index: str, n: int) -> str:
    """Where part n of a split list page goes; ids have no '/', so it never meets a record's page."""
    if index.endswith("/index.md"):
        return f"{index[:-len('index.md')]}parts/{n}.md"
    return f"{index[:-3]}/{n}.md"


def chunks(items: list[T], budget: int) -> list[list[T]]:
    """Items in the fewest parts of at most `budget` each, the parts as even as can be."""
    n = -(-len(items) // budget)
    size = -(-len(items) // n) if n else 0
    return [items[i:i + size] for i in range(0, len(items), size)] if n > 1 else [items]


def event_pages(graph: Graph) -> dict[str, str]:
    """The page of each event; past TIMELINE_BUDGET, its year's (or its month's) page."""
    events = graph.of(EVENT)
    if len(events) <= TIMELINE_BUDGET:
        return {e.id: "timeline.md" for e in events}
    per_year = Counter(e.date[:4] for e in events)
    # in a year split by month, events dated only by their year stay on the year's page
    return {e.id: timeline_page(e.date[:7]) if per_year[e.date[:4]] > TIMELINE_BUDGET and len(e.date) > 4
            else timeline_page(e.date[:4]) for e in events}


def timeline_page(period: str) -> str:
    """The page of a year ('2025') or a month ('2025-11') of a timeline split by TIMELINE_BUDGET."""
    return f"timeline/{period}.md"


def locate(graph: Graph) -> dict[str, tuple[str, str]]:
    where: dict[str, tuple[str, str]] = {"index": (BRIEFING.page or "index.md", "")}
    for k in filed():
        for rec in graph.of(k):
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


def in_list_order(graph: Graph, kind: Kind[R]) -> list[R]:
    """The records of a kind in the order their list page shows them (and splits them into parts):
    disagreements of substance before spellings; people and institutions by side (sides.py), then by
    name, those only mentioned left out (model.in_story); open questions first, then the latest
    answered or overtaken."""
    records = [r for r in graph.of(kind) if in_story(r)]
    if kind.name == "question":
        settled = [q for q in records if isinstance(q, Question) and q.status != "open"]
        latest = sorted(settled, key=lambda q: q.resolved_on or "", reverse=True)
        return [q for q in records if not isinstance(q, Question) or q.status == "open"] + cast("list[R]", latest)
    return sorted(records, key=lambda r: _list_key(r, graph))


def _list_key(record: Record, graph: Graph) -> tuple[object, ...]:
    if isinstance(record, Discrepancy):
        return (record.kind == "spelling",)
    if isinstance(record, Person | Institution):
        return sides.order(record, graph.briefing)
    return ()
