"""The whole generated site as a value: pages, files and navigation, from a validated graph.

`build_site` is pure: it needs no MkDocs, so tests call it directly. The MkDocs plugin only hands
its pages and files to MkDocs and the navigation to the config.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.facts.graph import Graph
from briefing.facts.load import gc_paused
from briefing.facts.localize import localized
from briefing.history.read import History
from briefing.i18n import _, speaking
from briefing.pages import balance
from briefing.pages.builders import ABOUT, BRIEF_CLAIMS, BRIEF_EXCHANGES, NAV_BUDGET, plan
from briefing.pages.changes import FEED_PATH, FEED_TITLE, feed
from briefing.pages.plan import PageSpec, Plan, page_url
from briefing.pages.render import environment, render_page
from briefing.publish.export import exports, jsonld_for
from briefing.publish.search import search_names

THEME = Path(__file__).parent / "theme"
STYLESHEET = "assets/briefing.css"
SCRIPT = "assets/briefing.js"


@dataclass
class Site:
    """Every generated page (Markdown) and file, and how to find them."""

    plan: Plan
    pages: dict[str, str]
    """Page path under docs/ -> Markdown."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files of the site (exports, the stylesheet) by path."""
    language: str = "en"
    """The edition's language (i18n.py)."""
    about: str = ABOUT
    """The navigation's section of hand-written pages, in the edition's language."""
    feed_title: str = FEED_TITLE
    """The feed's name in every page's head (theme/main.html), in the edition's language."""
    project: Path | None = None
    """The briefing's folder, whose own catalogs come first (i18n.py)."""

    @property
    def specs(self) -> dict[str, PageSpec]:
        return self.plan.specs

    def nav(self, handwritten: list[str]) -> list[Any]:
        """The navigation: each section's pages in plan order, then the hand-written pages."""
        sections: dict[str, list[PageSpec]] = {}
        for spec in self.specs.values():
            sections.setdefault(spec.section or spec.title, []).append(spec)
        nav: list[Any] = []
        about = self.about
        for title, specs in sections.items():
            if title == about:
                continue
            index, *rest = specs
            items = [s for s in rest if s.listed]
            if not rest or len(items) > NAV_BUDGET or not items:
                nav.append({title: index.path})
            else:
                # Material puts nav titles into the page as HTML: titles from facts must be escaped here.
                nav.append({title: [index.path, *({html.escape(s.title): s.path} for s in items)]})
        extra = [s.path for s in sections.get(about, [])]
        if handwritten or extra:
            nav.append({about: [*handwritten, *extra]})
        return nav

    def edit_source(self, path: str) -> tuple[str, int] | None:
        spec = self.specs.get(path)
        return spec.source if spec else None

    def search_aliases(self) -> dict[str, list[str]]:
        """{page location in the site: other names it is found by} for pages presenting one record
        (search.search_names: the names sources use for a person or institution, a source's outlet and author)."""
        out: dict[str, list[str]] = {}
        for spec in self.specs.values():
            if spec.jsonld == "entity" or spec.template == "source.md.j2":
                names = search_names(self.plan.graph.get(spec.records[0]))
                if names:
                    out[page_url(spec.path)] = names
        return out

    def balance(self) -> str:
        """The method page's balance table: each side's entries and words in each part (balance.py);
        '' for a briefing without sides."""
        b = self.plan.graph.briefing
        if not b.sides:
            return ""
        with speaking(self.language, self.project):  # the parts' names in the edition's language
            held = balance.brief_exchanges(b, BRIEF_EXCHANGES, BRIEF_CLAIMS)  # what the brief holds
            parts = [balance.home_case(b), balance.lead_and_box(b), balance.brief_case(b, held, BRIEF_CLAIMS)]
        names = {side: self.plan.name(side) for side in b.sides}
        with speaking(self.language, self.project):
            return environment().get_template("balance.md.j2").render(parts=parts, sides=b.sides, names=names)

    def lastmod(self, path: str) -> str | None:
        """When the records of a generated page last changed (YYYY-MM-DD), if the history says."""
        spec = self.specs.get(path)
        return spec.changed_on or None if spec else None

    def jsonld(self, path: str, site_url: str) -> str | None:
        spec = self.specs.get(path)
        if spec is None:
            return None
        with speaking(self.language, self.project):  # its descriptions ("According to ...") in the edition's words
            return jsonld_for(self.plan, spec, site_url, self.language)


_CSS_COMMENT = re.compile(rb"/\*.*?\*/\n?", re.DOTALL)


def served_css(source: bytes) -> bytes:
    """The stylesheet as readers download it: without its comments, which are for whoever maintains it (about
    two fifths of its gzipped bytes on every first visit). CSS comments do not nest, and no rule of ours holds
    '/*' inside a string (a test checks), so removing each /* ... */ leaves every rule as it is."""
    return _CSS_COMMENT.sub(b"", source)


def build_site(graph: Graph, site_url: str = "", history: History | None = None, language: str | None = None,
               project: Path | None = None) -> Site:
    """Plan every page, render it, and make the exports; with the history (history.py), the
    What changed page, its feed and each page's last change.

    `language`: the edition (one of the briefing's languages; default its first): its texts come from
    the facts' translations (localize.py), its words from the catalogs (i18n.py; `project`'s own first)."""
    code = language or graph.briefing.languages[0]
    with speaking(code, project), gc_paused():  # see load.gc_paused
        local = localized(graph, code)
        the_plan = plan(local, history, site_url)
        pages = {path: render_page(local, the_plan, spec) for path, spec in the_plan.specs.items()}
        files = {name: text.encode("utf-8") for name, text in exports(the_plan, site_url, graph).items()}
        atom = feed(the_plan, site_url)
        about, feed_title = _(ABOUT), _(FEED_TITLE)
    if atom is not None:
        files[FEED_PATH] = atom.encode("utf-8")
    files[STYLESHEET] = served_css((THEME / "briefing.css").read_bytes())
    files[SCRIPT] = (THEME / "briefing.js").read_bytes()
    return Site(the_plan, pages, files, code, about, feed_title, project)
