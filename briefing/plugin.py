"""Stage 5, write: the thin MkDocs adapter that puts the generated site into the build.

The work is done elsewhere: `Builder` (below) validates the facts and builds the `Site` (site.py),
reusing the last one while facts/ and seeds/ are unchanged; each hook only hands MkDocs what the
site already holds. Pages are added in memory (`File.generated`), never written into docs/, so
hand-written pages are never touched and `mkdocs serve` does not loop on its own output.

The plugin defines `on_startup`, so MkDocs keeps one instance across the rebuilds of
`mkdocs serve`: its builder, and the last good site, live on the instance.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .changes import FEED_PATH
from .editlinks import blob_base, edit_url
from .history import read_history, revision
from .problems import FactsInvalid, Problems
from .search import fold_search_index, skip_citations
from .site import SCRIPT, STYLESHEET, THEME, Site, build_site
from .validate import load_graph

log = logging.getLogger("mkdocs.plugins.briefing")

REQUIRED_EXTENSIONS = ("abbr", "attr_list", "footnotes", "tables", "pymdownx.escapeall")
"""Markdown extensions the generated pages rely on: glossary tooltips (abbr), anchors (attr_list),
citations (footnotes), tables, and escapeall, which keeps every escaped character literal."""


def inputs_hash(*folders: Path) -> str:
    """A content hash of every file under the folders (paths and bytes)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class FactsAbort(Abort):
    """The build stopped on bad facts; carries every problem."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


class Builder:
    """Validates the facts and builds the site; an unchanged input reuses the last site.

    `keep_last_good` (set while serving): bad facts log their problems and the last good site
    stays served, since MkDocs' own server would otherwise hold every request until a build succeeds.
    """

    def __init__(self, keep_last_good: bool = False):
        self.keep_last_good = keep_last_good
        self.last: tuple[tuple[str, str, str], str, Site] | None = None
        """(folders and address, hash of their contents, site) of the last good build."""
        self.renders = 0
        """How often the site was built from the facts (read by tests)."""
        self.reuses = 0
        """How often an unchanged input reused the last site."""
        self.seconds = 0.0
        """Time spent in the plugin's hooks: the generator's whole cost inside a build (read by bench/)."""

    def site(self, facts: Path, seeds: Path, root: Path, site_url: str) -> Site:
        # the history too: the commit decides it, with the working tree's content
        key, digest = (str(facts), str(seeds), site_url), inputs_hash(facts, seeds) + revision(facts)
        last = self.last if self.last and self.last[0] == key else None
        if last and last[1] == digest:
            self.reuses += 1
            return last[2]
        try:
            graph = load_graph(facts, seeds, display_root=root)
        except FactsInvalid as exc:
            if not (self.keep_last_good and last):
                raise FactsAbort(exc.problems) from None
            log.error(exc.problems.report("still serving the last good version"))
            return last[2]
        site = build_site(graph, site_url, read_history(facts, seeds))
        self.renders += 1
        self.last = (key, digest, site)
        return site


class BriefingConfig(Config):  # type: ignore[no-untyped-call]
    facts = c.Type(str, default="facts")
    """Folder of the YAML facts, relative to mkdocs.yml."""
    seeds = c.Type(str, default="seeds")
    """Folder of the archived source texts, relative to mkdocs.yml."""


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    builder: Builder | None = None
    site: Site | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.builder = Builder(keep_last_good=command == "serve")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        start = time.perf_counter()
        self.builder = self.builder or Builder()
        root = Path(config.config_file_path).resolve().parent
        self.site = self.builder.site(root / self.config.facts, root / self.config.seeds, root, config.site_url or "")
        configure(config, self.site)
        self.edit_base = blob_base(config.repo_url, config.edit_uri)
        self.builder.seconds += time.perf_counter() - start
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        listed = nav_paths(config.nav)
        for path, content in self.site.pages.items():
            # Pages left out of a long nav are reached from their section's index page.
            inclusion = InclusionLevel.UNDEFINED if path in listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for name, data in self.site.files.items():
            files.append(File.generated(config, name, content=data))
        return files

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        # MkDocs stamps every page, and so sitemap.xml and the gzip header of sitemap.xml.gz,
        # with today's date unless SOURCE_DATE_EPOCH is set. A generated page whose records'
        # last change the git history gives takes that date; otherwise, without SOURCE_DATE_EPOCH,
        # the date the briefing is current to, so the same facts always build the same bytes.
        if self.site is not None:
            changed = self.site.lastmod(page.file.src_uri)
            if changed:
                page.update_date = changed
            elif "SOURCE_DATE_EPOCH" not in os.environ:
                page.update_date = sitemap_date(self.site.plan.graph.briefing.as_of)
        return page

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return skip_citations(html)  # before the search plugin indexes the page (search.py)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        # theme/main.html announces the feed in every page's head (hand-written pages and 404 too)
        has_feed = self.site is not None and FEED_PATH in self.site.files
        env.globals["briefing_feed"] = (config.site_url or "") + FEED_PATH if has_feed else None
        return env

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        assert self.site is not None
        src = page.file.src_uri
        if src in self.site.pages:
            # Generated pages: the edit button opens the YAML record they show, at its line.
            page.edit_url = edit_url(self.site.edit_source(src), self.edit_base)
            # theme/main.html writes it into the page's head
            context["briefing_jsonld"] = self.site.jsonld(src, config.site_url or "")  # type: ignore[typeddict-unknown-key]
        return context

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        root = Path(config.config_file_path).resolve().parent
        server.watch(str(root / self.config.facts))
        server.watch(str(root / self.config.seeds))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        start = time.perf_counter()
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists() and self.site is not None:
            fold_search_index(index, self.site.search_aliases())
        if self.builder is not None:
            self.builder.seconds += time.perf_counter() - start


def configure(config: MkDocsConfig, site: Site) -> None:
    """The navigation, the theme overrides and the Markdown extensions the generated pages need."""
    docs = Path(config.docs_dir)
    handwritten = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
    clash = [p for p in handwritten if p in site.pages]
    if clash:
        raise Abort(f"docs/{clash[0]} is hand-written but the generator makes that page; rename it")
    config.nav = site.nav(handwritten)
    theme_dir = str(THEME)
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(0, theme_dir)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)
    missing = [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions]
    if missing:
        log.info("briefing: adding the Markdown extensions the pages need: %s", ", ".join(missing))
        config.markdown_extensions.extend(missing)


def nav_paths(nav: Any) -> set[str]:
    """Every page path named in a nav structure."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav
    return set().union(*(nav_paths(item) for item in items)) if items else set()


def sitemap_date(as_of: str) -> str:
    """The briefing's as_of date as the full YYYY-MM-DD a sitemap's lastmod needs ('2025-11' -> '2025-11-01')."""
    return (as_of + "-01-01")[:10] if len(as_of) == 4 else (as_of + "-01")[:10]
