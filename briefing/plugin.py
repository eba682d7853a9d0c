"""Stage 5, write: the MkDocs plugin that puts the generated pages into the build.

Pages are added in memory (`File.generated`), never written into docs/: hand-written pages
are never touched, and `mkdocs serve` does not loop on its own output. After the search
plugin writes its index, accent-folded fields are added so that "Chavez" finds "Chávez".
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import sys
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .editlinks import blob_base, edit_url
from .export import FILES as EXPORT_FILES
from .export import exports, jsonld_for
from .graph import Graph
from .problems import FactsInvalid, Problems
from . import charts, glossary, print_page
from .reference import PAGE as REFERENCE_PAGE
from .reference import render_reference
from .render import render_pages
from .text import fold
from .validate import load_graph

THEME = Path(__file__).parent / "theme"
STYLESHEET = "assets/briefing.css"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Under `mkdocs serve` every rebuild loads the config afresh (new plugin instances), so the
# cache lives in the module: (facts, seeds) -> (hash of their contents, graph, pages).
_CACHE: dict[tuple[str, str], tuple[str, Graph, dict[str, str]]] = {}
stats = {"renders": 0, "cache_hits": 0, "seconds": 0.0}
"""How often pages were rendered, how often the cache served them (read by tests), and the time
spent in this plugin's event handlers: the generator's whole cost inside a build (read by bench/)."""


def _timed(handler):
    @functools.wraps(handler)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            stats["seconds"] += time.perf_counter() - start
    return timed


def inputs_hash(*folders: Path) -> str:
    """A content hash of every file under the folders (paths and bytes)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


keep_last_good = False
"""Set by `build.py serve`: bad facts print their problems and the last good pages stay served
(MkDocs' own server would otherwise hold every request until a build succeeds)."""


def clear_cache() -> None:
    _CACHE.clear()


class FactsAbort(Abort):
    """The build stopped on bad facts; carries every problem."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


class BriefingConfig(Config):
    facts = c.Type(str, default="facts")
    """Folder of the YAML facts, relative to mkdocs.yml."""
    seeds = c.Type(str, default="seeds")
    """Folder of the archived source texts, relative to mkdocs.yml."""


NAV_BUDGET = 60
"""A nav section with more pages than this lists only its index page: Material writes the
whole nav into every page, so a long nav makes every page (and the build) grow with the briefing."""


def build_nav(graph: Graph, handwritten: list[str], pages: dict[str, str] | None = None) -> list:
    # Material puts nav titles into the page as HTML: titles from facts must be escaped here.
    def section(title: str, index: str, items: list[tuple[str, str]]) -> dict:
        if len(items) > NAV_BUDGET:
            return {title: index}
        return {title: [index, *({html.escape(name): path} for name, path in items)]}

    years = sorted(p for p in (pages or {}) if p.startswith("timeline/"))
    nav: list = [
        {"Home": "index.md"},
        section("Timeline", "timeline.md", [(p[9:-3], p) for p in years]) if years else {"Timeline": "timeline.md"},
        section("People", "people/index.md",
                sorted((p.name, f"people/{p.id}.md") for p in graph.people)),
        section("Institutions and states", "institutions/index.md",
                sorted((i.name, f"institutions/{i.id}.md") for i in graph.institutions)),
        {"Who is connected": "relations.md"},
        section("Legal basis", "legal/index.md", [(i.title, f"legal/{i.id}.md") for i in graph.instruments]),
        {"Open questions": "questions.md"},
        {"Where sources differ": "differences.md"},
        *([{"Glossary": "glossary.md"}] if graph.terms else []),
        {"The whole brief (print)": "print.md"},
        section("Sources", "sources/index.md", [(s.title, f"sources/{s.id}.md") for s in graph.sources]),
    ]
    if handwritten:
        nav.append({"About this briefing": handwritten})
    return nav


def nav_paths(nav) -> set[str]:
    """Every page path named in a nav structure."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav
    return set().union(*(nav_paths(item) for item in items)) if items else set()


def sitemap_date(as_of: str) -> str:
    """The briefing's as_of date as the full YYYY-MM-DD a sitemap's lastmod needs ('2025-11' -> '2025-11-01')."""
    return (as_of + "-01-01")[:10] if len(as_of) == 4 else (as_of + "-01")[:10]


def fold_search_index(path: Path, aliases: dict[str, list[str]] | None = None) -> int:
    """Add accent-folded copies of accented words as extra lunr fields; returns docs changed.

    `aliases` maps a page location (`people/x/`) to the other names sources use for it: they are
    weighted like the title, so a spelling a source used finds that page first.
    """
    index = json.loads(path.read_text(encoding="utf-8"))
    fields = index["config"].setdefault("fields", {})
    fields["folded_title"] = {"boost": 1e3}
    fields["folded"] = {"boost": 1.0}
    aliases = aliases or {}
    changed = 0
    for doc in index["docs"]:
        for src, dest in (("title", "folded_title"), ("text", "folded")):
            # Only a word with a non-ASCII letter can change when folded: test that first (cheap).
            words = [f for w in _WORD.findall(doc.get(src, "")) if not w.isascii() and (f := fold(w)) != w]
            if src == "title":
                for w in _WORD.findall(" ".join(aliases.get(doc.get("location"), []))):
                    words += [w, fold(w)]
            if words:
                doc[dest] = " ".join(dict.fromkeys(words))
                changed += 1
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed


class BriefingPlugin(BasePlugin[BriefingConfig]):
    graph: Graph | None = None
    pages: dict[str, str] = {}
    listed: set[str] = set()

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    @_timed
    def on_config(self, config):
        root = self._root(config)
        facts, seeds = root / self.config.facts, root / self.config.seeds
        key, digest = (str(facts), str(seeds)), inputs_hash(facts, seeds)
        cached = _CACHE.get(key)
        if cached and cached[0] == digest:  # nothing changed: reuse the graph and the pages
            _, self.graph, pages = cached
            stats["cache_hits"] += 1
        else:
            try:
                self.graph = load_graph(facts, seeds, display_root=root)
            except FactsInvalid as exc:
                if not (keep_last_good and cached):
                    raise FactsAbort(exc.problems) from None
                print(exc.problems.report("still serving the last good version"), file=sys.stderr, flush=True)
                _, self.graph, pages = cached
            else:
                pages = render_pages(self.graph)
                # Charts, the glossary and tooltips depend on the graph alone: cached with the pages.
                if self.graph.terms:
                    pages[glossary.PATH] = glossary.render_glossary(self.graph)
                pages[charts.PATH] = charts.render_relations(self.graph)
                charts.add_timeline_charts(pages, self.graph)
                glossary.add_tooltips(pages, self.graph)
                stats["renders"] += 1
                _CACHE[key] = (digest, self.graph, pages)
        # A copy: the cached pages stay as rendered, whatever is added to this build's pages.
        self.pages = dict(pages)
        self.pages[print_page.PATH] = print_page.render_print(self.graph)
        self.pages[REFERENCE_PAGE] = render_reference()
        self.pages["index.md"] += "\n## Download the data\n\n" + "".join(
            f"- [{name}]({name}): {what}\n" for name, what in EXPORT_FILES.items())
        glossary.add_tooltips(self.pages, self.graph, only=[print_page.PATH])
        self.site_url = config.site_url or ""
        self.exports = exports(self.graph, self.site_url)
        self.edit_base = blob_base(config.repo_url, config.edit_uri)
        docs = Path(config.docs_dir)
        handwritten = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
        clash = [p for p in handwritten if p in self.pages]
        if clash:
            raise Abort(f"docs/{clash[0]} is hand-written but the generator makes that page; rename it")
        config.nav = build_nav(self.graph, [*handwritten, REFERENCE_PAGE], self.pages)
        self.listed = nav_paths(config.nav)
        theme_dir = str(THEME)
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    @_timed
    def on_files(self, files: Files, config) -> Files:
        for path, content in self.pages.items():
            # Pages left out of a long nav are reached from their section's index page.
            inclusion = InclusionLevel.UNDEFINED if path in self.listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for name, content in self.exports.items():
            files.append(File.generated(config, name, content=content.encode("utf-8")))
        files.append(File.generated(config, STYLESHEET, content=(THEME / "briefing.css").read_bytes()))
        return files

    def on_pre_page(self, page, config, files):
        # MkDocs stamps every page, and so sitemap.xml and the gzip header of sitemap.xml.gz,
        # with today's date unless SOURCE_DATE_EPOCH is set. Without it, use the date the
        # briefing is current to, so the same facts always build the same bytes.
        if "SOURCE_DATE_EPOCH" not in os.environ and self.graph is not None:
            page.update_date = sitemap_date(self.graph.briefing.as_of)
        return page

    @_timed
    def on_page_context(self, context, page, config, nav):
        src = page.file.src_uri
        if src in self.pages:
            # Generated pages: the edit button opens the YAML record they show, at its line.
            page.edit_url = edit_url(self.graph, src, self.edit_base, self.config.facts)
            context["briefing_jsonld"] = jsonld_for(self.graph, src, self.site_url)
        return context

    def on_serve(self, server, config, builder):
        root = self._root(config)
        server.watch(str(root / self.config.facts))
        server.watch(str(root / self.config.seeds))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    @_timed
    def on_post_build(self, config) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists():
            names = {}
            if self.graph is not None:
                names = {f"{kind}/{r.id}/": r.aliases for kind, records in
                         (("people", self.graph.people), ("institutions", self.graph.institutions))
                         for r in records if r.aliases}
            fold_search_index(index, names)
