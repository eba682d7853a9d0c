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
import json
import logging
import os
import time
from collections.abc import Callable
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

from briefing.compiled import TemplateCache
from briefing.editions import (
    Editions,
    build_others,
    edition_words,
    is_translation,
    keep_page_relative,
    markdown_words,
    missing_words,
)
from briefing.facts.graph import Graph
from briefing.facts.problems import FactsInvalid, Problems
from briefing.facts.validate import load_graph
from briefing.history.read import read_history, revision
from briefing.pages.changes import FEED_PATH
from briefing.publish.editlinks import blob_base, edit_url
from briefing.publish.rewrite import (
    Kept,
    Rendered,
    Rewrites,
    SearchCarry,
    fingerprint,
    navigation_fingerprint,
    search_location,
)
from briefing.publish.search import FoldCache, fold_index, skip_citations
from briefing.publish.serve_errors import showing_problems
from briefing.publish.serving import quicken_theme, watch_quickly
from briefing.publish.shards import ShardWriter
from briefing.site import SCRIPT, STYLESHEET, THEME, Site, build_site

log = logging.getLogger("mkdocs.plugins.briefing")

BALANCE_MARK = "<!-- balance -->"
"""Where a hand-written page (docs/method.md) takes the balance table the build measures."""

REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "footnotes", "tables", "md_in_html", "pymdownx.details",
                       "pymdownx.escapeall", "briefing.publish.quotes")
"""Markdown extensions the generated pages rely on: glossary tooltips (abbr; never inside a quotation, by
briefing.publish.quotes, which must come after it), the home page's at-a-glance
box (admonition), anchors (attr_list), citations (footnotes), tables, Markdown inside a raw <details>
(md_in_html: the timeline's folded background), folded blocks such as each side's case
(pymdownx.details), and escapeall, which keeps every escaped character literal."""


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
        self.strict = not keep_last_good
        """Missing or stale translations stop the build (`build`, CI), not a preview (`serve`): see translations.py."""
        self.last: tuple[tuple[str, str], str, dict[tuple[str, str], Site]] | None = None
        """(folders, hash of their contents, each edition's site by (language, address)) of the last good
        build: the facts are read and checked once for all the editions."""
        self.failed: tuple[str, Problems] | None = None
        """(hash of the contents, their problems) while the last rebuild stopped on bad facts (serving only):
        the browser shows them (serve_errors.py) until a good build."""
        self.renders = 0
        """How often the site was built from the facts (read by tests)."""
        self.reuses = 0
        """How often an unchanged input reused the last site."""
        self.seconds = 0.0
        """Time spent in the plugin's hooks: the generator's whole cost inside a build (read by bench/)."""

    def site(self, facts: Path, seeds: Path, root: Path, site_url: str, language: str = "") -> Site:
        """The site of one edition (`language`; '' for the briefing's first), validated once for all."""
        # the history too: the commit decides it, with the working tree's content
        key, digest = (str(facts), str(seeds)), inputs_hash(facts, seeds) + revision(facts)
        edition = (language, site_url)
        last = self.last if self.last and self.last[0] == key else None
        if last and last[1] == digest:
            self.failed = None  # back to the last good facts
            sites = last[2]
            if edition in sites:
                self.reuses += 1
                return sites[edition]
            first = next(iter(sites.values()))
            sites[edition] = self._edition(first.plan.graph, language, site_url, facts, seeds, root)
            return sites[edition]
        if last and self.failed and self.failed[0] == digest:  # another edition of a failed rebuild
            return last[2].get(edition) or next(iter(last[2].values()))
        try:
            graph = load_graph(facts, seeds, display_root=root, strict=self.strict)
        except FactsInvalid as exc:
            if not (self.keep_last_good and last):
                raise FactsAbort(exc.problems) from None
            log.error(exc.problems.report("still serving the last good version"))
            self.failed = (digest, exc.problems)
            return last[2].get(edition) or next(iter(last[2].values()))
        self.failed = None
        for warning in sorted(graph.warnings):
            log.warning(str(warning))
        site = self._edition(graph, language, site_url, facts, seeds, root)
        self.last = (key, digest, {edition: site})
        return site

    def problems(self) -> Problems | None:
        """The problems of the last rebuild, while it stopped on bad facts; None after a good one."""
        failed = self.failed
        return failed[1] if failed else None

    def _edition(self, graph: Graph, language: str, site_url: str, facts: Path, seeds: Path, root: Path) -> Site:
        self.renders += 1
        return build_site(graph, site_url, read_history(facts, seeds), language or None, project=root)


class BriefingConfig(Config):  # type: ignore[no-untyped-call]
    facts = c.Type(str, default="facts")
    """Folder of the YAML facts, relative to mkdocs.yml."""
    seeds = c.Type(str, default="seeds")
    """Folder of the archived source texts, relative to mkdocs.yml."""
    editions = c.Type(dict, default={})
    """What this file says in words, in each other language of the briefing ({es: {site_name: ...,
    site_description: ..., palette: [each toggle's name]}}; editions.EDITION_WORDS)."""


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    builder: Builder | None = None
    site: Site | None = None
    editions: Editions | None = None
    """The briefing's languages and the one being built (editions.py): one MkDocs build each."""
    serving = False
    dirty = False
    """A dirty build (`make serve`): only the pages an edit changed are rendered again (rewrite.py)."""
    rewrites: dict[str, Rewrites]
    """Each edition's fingerprints of its last build, while serving dirty."""
    carried: dict[str, SearchCarry]
    """Each edition's search entries of its last build, while serving dirty."""
    shards: dict[str, ShardWriter]
    """Each edition's writer of search shards, while serving: what did not change is not worked out again."""
    folds: dict[str, FoldCache]
    """Each edition's search entries as folded, while serving: an unchanged entry is not folded again."""
    page_order: list[str]
    """This build's pages (their addresses), in the order MkDocs renders them and the search plugin indexes them."""
    kept_urls: set[str]
    """The addresses of the pages this build kept, as the search index has them."""
    compiled: TemplateCache | None = None
    """The theme's templates compiled once per process: MkDocs makes a new Jinja environment each build, and
    builds each edition, and each of a serve's rebuilds, apart."""
    theme_files: dict[tuple[Any, ...], list[str]]
    """The theme's files as MkDocs lists them, once per process (serving.quicken_theme)."""
    apart = False
    """The other editions are built beside the first, in a process of their own (apart.py; set by `build.py
    build`): this build makes the first one only. Else they are built one after the other in this process,
    after the first (editions.build_others)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.builder = Builder(keep_last_good=command == "serve")
        self.serving, self.dirty = command == "serve", dirty
        self.rewrites, self.carried, self.kept_urls, self.shards, self.folds = {}, {}, set(), {}, {}
        self.page_order = []
        self.compiled = TemplateCache()
        self.theme_files = {}
        self.apart = False

    # Before the search plugin's, which reads its words from the theme's templates: from the templates compiled
    # once (serving.py). It then reads them in the language this sets.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        start = time.perf_counter()
        if self.compiled is not None:
            quicken_theme(config.theme, self.compiled, self.theme_files)
        self.builder = self.builder or Builder()
        root = Path(config.config_file_path).resolve().parent
        building = self.editions.building if self.editions else ""
        self.site = self.builder.site(root / self.config.facts, root / self.config.seeds, root, config.site_url or "",
                                      building)
        languages = self.site.plan.graph.briefing.languages
        if self.editions is None or self.editions.languages != languages:
            if self.editions is not None and self.editions.building:  # apart.py read other languages
                raise Abort(f"the briefing's languages are {', '.join(languages)}, not "
                            f"{', '.join(self.editions.languages)} as this build of an edition was told")
            self.editions = Editions(languages)
        config.theme["language"] = self.editions.current
        self._edition_words(config)
        markdown_words(config, self.editions, root)
        if not config.site_name:  # a new briefing's mkdocs.yml leaves it to the title, written once in the facts
            config.site_name = str(self.site.plan.graph.briefing.title)  # the edition's: translated
        # Material's search keeps the last build's index for a dirty rebuild of one page, and drops only
        # that page's entries from it: with several pages, and one plugin for every edition, it would mix
        # editions and repeat pages. SearchCarry (rewrite.py) does it per edition instead. Dropped at every
        # build, dirty or not: a build in a process that served before (a test's) starts from no index too.
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None
        configure(config, self.site)
        self.edit_base = blob_base(config.repo_url, config.edit_uri)
        self.builder.seconds += time.perf_counter() - start
        return config

    def _edition_words(self, config: MkDocsConfig) -> None:
        """The site's name, description and palette toggles in the language being built (editions.py)."""
        assert self.editions is not None
        problems = edition_words(config, self.editions, self.config.editions)
        if problems:
            raise Abort("mkdocs.yml: the briefing plugin's " + "; ".join(problems))
        for missing in missing_words(config, self.editions, self.config.editions):
            log.warning(missing)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.editions is not None
        files = self.editions.handwritten(files, config)
        for page in self.editions.missing_handwritten(Path(config.docs_dir)):
            log.warning("docs/%s has no %s version (docs/%s.%s.md): the %s edition shows it in %s", page,
                        self.editions.current, page[:-3], self.editions.current, self.editions.current,
                        self.editions.first)
        listed = nav_paths(config.nav)
        kept = self._kept(files, config) if self.dirty else set()
        for path, content in self.site.pages.items():
            # Pages left out of a long nav are reached from their section's index page.
            inclusion = InclusionLevel.UNDEFINED if path in listed else InclusionLevel.NOT_IN_NAV
            made = (Kept if path in kept else File).generated(config, path, content=content, inclusion=inclusion)
            files.append(made)
            if path in kept:
                self.kept_urls.add(search_location(made.url))
        for name, data in self.site.files.items():
            files.append(File.generated(config, name, content=data))
        return files

    def _kept(self, files: Files, config: MkDocsConfig) -> set[str]:
        """The generated pages this dirty build leaves as the last one wrote them (rewrite.py); the hand-written
        ones it leaves so are made Kept here."""
        assert self.site is not None and self.editions is not None
        edit_base = blob_base(config.repo_url, config.edit_uri)
        pages = {path: fingerprint(content, self.site.jsonld(path, config.site_url or "") or "",
                                   str(edit_url(self.site.edit_source(path), edit_base)))
                 for path, content in self.site.pages.items()}
        around = [Path(config.config_file_path).read_text(encoding="utf-8")] if config.config_file_path else []
        handwritten: dict[str, File] = {}
        for file in files.documentation_pages():
            text = Path(file.abs_src_path).read_text(encoding="utf-8") if file.abs_src_path else ""
            around.append(text)  # its title names it in every page's navigation
            # rendered whatever its file's time, unless kept below; one that holds a measured part from the facts
            # (the balance table) always
            file.__class__ = Rendered
            if BALANCE_MARK not in text:
                handwritten[file.src_uri] = file
        navigation = navigation_fingerprint(config.nav, list(pages), config.site_name, *around)
        kept = self.rewrites.setdefault(self.editions.current, Rewrites()).keep(
            navigation, {**pages, **dict.fromkeys(handwritten, "")})  # a hand-written page's text is in navigation
        self.kept_urls = set()
        for src in kept & handwritten.keys():
            handwritten[src].__class__ = Kept
            self.kept_urls.add(search_location(handwritten[src].url))
        log.info("briefing: %s pages: %d rendered, %d unchanged kept", self.editions.current,
                 len(pages) + len(handwritten) - len(kept), len(kept))
        return kept - handwritten.keys()

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.dirty and self.editions is not None:
            titles = self.rewrites[self.editions.current].titles
            for page in nav.pages:
                if isinstance(page.file, Kept) and page.file.src_uri in titles:
                    page.title = titles[page.file.src_uri]  # as the last build rendered it
        return nav

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        self._date(page)
        return page

    def _date(self, page: Page) -> None:
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

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # a hand-written page may hold the balance table, measured at this build (balance.py)
        if BALANCE_MARK in markdown and self.site is not None:
            return markdown.replace(BALANCE_MARK, self.site.balance())
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return skip_citations(html)  # before the search plugin indexes the page (search.py)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.page_order = [search_location(file.url) for file in files.documentation_pages()]
        for file in files.documentation_pages():
            if isinstance(file, Kept) and file.page is not None:
                self._date(file.page)  # MkDocs calls no on_pre_page for a kept page: sitemap.xml dates it so
        if self.compiled is not None:
            env.bytecode_cache = self.compiled
        # theme/main.html announces the feed in every page's head (hand-written pages and 404 too), by a
        # relative address: Material fetches a sitemap beside it, which must stay inside the copy being read
        has_feed = self.site is not None and FEED_PATH in self.site.files
        env.globals["briefing_feed"] = FEED_PATH if has_feed else None
        env.globals["briefing_feed_title"] = self.site.feed_title if self.site is not None else ""
        keep_page_relative(env)
        editions = self.editions
        if editions is not None and len(editions.languages) > 1:
            config.extra["alternate"] = editions.alternates(None)  # the 404 page and the sitemap: the roots
            folder = editions.folder(editions.current)
            base = (config.site_url or "/").removesuffix(folder)  # the first edition's address
            env.globals["briefing_editions"] = {code: base + editions.folder(code) for code in editions.languages}
        else:
            env.globals["briefing_editions"] = {}
        return env

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        assert self.site is not None
        if self.dirty and self.editions is not None:
            self.rewrites[self.editions.current].titles[page.file.src_uri] = page.title
        if self.editions is not None and len(self.editions.languages) > 1:
            config.extra["alternate"] = self.editions.alternates(page.url)
        src = page.file.src_uri
        if src in self.site.pages:
            # Generated pages: the edit button opens the YAML record they show, at its line.
            page.edit_url = edit_url(self.site.edit_source(src), self.edit_base)
            # theme/main.html writes it into the page's head
            context["briefing_jsonld"] = self.site.jsonld(src, config.site_url or "")  # type: ignore[typeddict-unknown-key]
        return context

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        root = Path(config.config_file_path).resolve().parent
        # what an editor saves, noticed sooner than MkDocs' half-second polling would (serving.py)
        interval = watch_quickly(server, [root / self.config.facts, root / self.config.seeds])
        log.debug("briefing: facts and seeds polled every %.2f s", interval)
        builder, app = self.builder, server.get_app()
        if builder is not None and app is not None:
            # a rebuild that stopped on bad facts: its problems on every page served (serve_errors.py)
            server.set_app(showing_problems(app, builder.problems, self._language_of(server.mount_path)))
        return server

    def _language_of(self, mount_path: str) -> Callable[[str], str]:
        """The edition a served path is in: its first folder, when that is another language's ('/mini/es/...')."""

        def language_of(path: str) -> str:
            editions = self.editions
            if editions is None:
                return "en"
            folder = path.removeprefix(mount_path).split("/", 1)[0]
            return folder if folder in editions.languages[1:] else editions.first

        return language_of

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        start = time.perf_counter()
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.exists() and self.site is not None:
            index = json.loads(path.read_text(encoding="utf-8"))
            edition = self.editions.current if self.editions is not None else ""
            if self.dirty:
                # the search plugin indexed only the pages this build rendered: the kept ones' entries come back
                self.carried.setdefault(edition, SearchCarry()).complete(index, self.kept_urls, self.page_order)
            folds = self.folds.setdefault(edition, {}) if self.serving else None
            fold_index(index, self.site.search_aliases(), folds)
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            # the shards readers fetch, from the final index: carried, then folded
            writer = self.shards.setdefault(edition, ShardWriter()) if self.serving else ShardWriter()
            writer.write(path.parent, index)
        if self.builder is not None:
            self.builder.seconds += time.perf_counter() - start
        editions = self.editions
        if editions is not None and not editions.building and len(editions.languages) > 1 and not self.apart:
            first = self.site
            build_others(config, editions, self.serving, self.dirty)
            self.site = first  # what the caller reads (cli.cmd_build) is the first edition's


def configure(config: MkDocsConfig, site: Site) -> None:
    """The navigation, the theme overrides and the Markdown extensions the generated pages need."""
    docs = Path(config.docs_dir)
    languages = site.plan.graph.briefing.languages
    handwritten = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                         if not is_translation(p.name, languages)) if docs.is_dir() else []
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
    features = config.theme.setdefault("features", [])
    if "search.highlight" not in features:
        features.append("search.highlight")  # a result's link carries the words found (?h=): briefing.js marks them
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
