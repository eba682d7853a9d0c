"""Stage 4, render: one page spec -> Markdown, through Jinja2 templates.

Templates emit Markdown. Every `{{ value }}` passes through `escape_md` (Jinja's `finalize`), so
text from facts can never become Markdown or HTML syntax; only `Md` strings built here (links,
footnote marks, parts of a page rendered by their own template) go out as they are.

A page is `page.md.j2`: the spec's template renders the body, then the page's footnotes and the
glossary's tooltips for the terms the body uses. A template composes other templates with
`page.part(template, context)` (the print page holds every part); `h(n)` writes a heading n levels
below the part's own depth, so the same template heads a page or a section of the printout.
"""

from __future__ import annotations

import functools
import html
import posixpath
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from . import footnotes, sides
from .footnotes import PENDING as _PENDING
from .glossary import abbreviations
from .model import ROLES, Citation, Claim, Figure
from .passages import marked_html
from .text import Md, escape_md, format_date, precision, shorten
from .voice import READING, joined, plain, voice_name, voices

if TYPE_CHECKING:
    from .graph import Graph
    from .pages import PageSpec, Plan


ROLE_LABELS = {"acted": "Acted", "acted_on": "Acted on", "spoke": "Spoke about it", "involved": "Also involved"}
"""How pages name each role of an event's participants (model.ROLES)."""


@functools.cache
def relpath(file: str, folder: str) -> str:
    """posixpath.relpath, worked out once per pair (it looks up the working folder every call)."""
    return posixpath.relpath(file, folder)


@pass_context
def _heading(context: Context, level: int) -> Md:
    return Md("#" * (level + int(context.get("depth", 0))))


@functools.cache
def environment() -> Environment:
    """The one template environment: each template is compiled once per process."""
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
    env.filters["number"] = lambda value: Md(repr(float(value)))  # a number of the generator's, as YAML reads it
    env.globals["h"] = _heading
    return env


class Page:
    """What a template may ask while rendering one page: links, names, footnote marks, parts."""

    def __init__(self, graph: Graph, plan: Plan, path: str, anchors: bool = True, notes_by_source: bool = False):
        self.graph = graph
        self.plan = plan
        self.path = path
        self.anchors = anchors
        """False on the printout: each record's anchor stays on its own page."""
        self.notes_by_source = notes_by_source
        """True: one footnote per source, without its quotes (the two-page brief)."""
        self._cited: dict[tuple[str, str], int] = {}
        """(source, quote) -> its pending footnote number, in the order first cited."""
        self._shown: dict[tuple[str, str], str] = {}
        """(source, quote) -> the record under which the page shows the quote in full (a provision)."""

    # -- links ------------------------------------------------------------------------------------

    def url(self, rid: str) -> str:
        file, anchor = self.plan.where[rid]
        if file == self.path and anchor:
            return f"#{anchor}"
        rel = relpath(file, posixpath.dirname(self.path) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def href(self, md_path: str) -> Md:
        """A link to another page of the site, given by its path."""
        return Md(relpath(md_path, posixpath.dirname(self.path) or "."))

    def name(self, rid: str) -> str:
        return self.plan.name(rid)

    def anchor(self, rid: str) -> Md:
        return Md(f"{{ #{rid} }}") if self.anchors else Md("")

    @staticmethod
    def external(url: str) -> Md:
        """A link to an http(s) URL (validated), its destination made safe for Markdown."""
        safe = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
        return Md(f"[{escape_md(url)}]({safe})")

    def link(self, rid: str, text: str | None = None) -> Md:
        return Md(f"[{escape_md(text if text is not None else self.name(rid))}]({self.url(rid)})")

    def links(self, ids: list[str]) -> Md:
        return Md(", ".join(self.link(i) for i in ids))

    def participants(self, event: Any) -> Md:
        """'**Acted:** Peru · **Acted on:** Mexico · **Spoke about it:** Hugo de Zela': each role as it is."""
        parts = [f"**{ROLE_LABELS[role]}:** {self.links(getattr(event.who, role))}"
                 for role in ROLES if getattr(event.who, role)]
        return Md(" · ".join(parts))

    def by_side(self, records: list[Any]) -> list[tuple[str | None, list[Any]]]:
        """People or institutions in groups by side (sides.py), for the index pages."""
        return sides.by_side(records, self.graph.briefing)

    def sides_named(self) -> str:
        """'Peru and Mexico': the briefing's sides, by name ('' when it names none)."""
        names = [self.name(side) for side in self.graph.briefing.sides]
        return joined(names) if names else ""
    def order(self, event: Any) -> Md:
        """'after [X]; before [Y]': where the sources place an event whose date alone cannot."""
        parts = [f"{word} {self.links(ids)}" for word, ids in (("after", event.after), ("before", event.before)) if ids]
        return Md("; ".join(parts))

    def page_link(self, md_path: str, text: str) -> Md:
        return Md(f"[{escape_md(text)}]({self.href(md_path)})")

    def archived(self, source: str) -> Md:
        """A source's archived text as HTML, each passage this briefing quotes marked (passages.py)."""
        html = marked_html(self.plan.passages[source])
        return Md(f'<div class="briefing-archived" id="archived-text">\n{html}\n</div>')

    # -- citations --------------------------------------------------------------------------------

    def cite(self, citations: list[Citation]) -> Md:
        """Footnote marks for these citations, numbered when the page is finished (`finish`)."""
        keys = [(c.source, "" if self.notes_by_source else c.quote) for c in citations]
        marks = [f"[^{_PENDING}{self._cited.setdefault(key, len(self._cited) + 1)}]" for key in keys]
        return Md("".join(dict.fromkeys(marks)))

    def passage(self, source: str, quote: str) -> str:
        """The address of a quote's passage, marked in the archived text on its source's page."""
        passages = self.plan.passages.get(source)
        anchor = passages.anchor(quote) if passages else None
        return self.url(source) + (f"#{anchor}" if anchor else "")

    def quote_link(self, citation: Citation, text: str | None = None, shown_under: str | None = None) -> Md:
        """A link to the quote's marked passage, reading as the source's short name (or `text`).
        `shown_under`: the page shows the quote in full under this record (a provision), so its notes
        point there rather than repeat it."""
        if shown_under is not None:
            self._shown[(citation.source, citation.quote)] = shown_under
        name = voice_name(citation.source, self.graph) if text is None else text
        return Md(f"[{escape_md(name)}]({self.passage(citation.source, citation.quote)})")

    @staticmethod
    def local(anchor: str, text: str) -> Md:
        """A link to an anchor on this page (an id the generator made), reading as `text`."""
        return Md(f"[{escape_md(text)}](#{anchor})")

    def claim(self, claim: Claim) -> Md:
        """A claim with its attribution (voice.py), its footnote marks, what superseded it, and
        (on its own page, for a claim with an id) its anchor."""
        text = f"{self.attribution(claim)}{escape_md(claim.text)}{self.cite(claim.cite)}"
        if claim.superseded_by:
            text += f" {self.superseded(claim)}"
        return Md(text + (f"\n{{ #{claim.id} }}" if claim.id and self.anchored(claim.id) else ""))

    def figure(self, figure: Figure) -> Md:
        """A key figure's value with its footnote marks (and its anchor, for a figure with an id)."""
        anchor = f'<span id="{html.escape(figure.id)}"></span>' if figure.id and self.anchored(figure.id) else ""
        return Md(f"{anchor}{escape_md(figure.value)}{self.cite(figure.cite)}")

    def superseded(self, item: Claim | Figure) -> Md:
        """'(superseded on 12 March 2026 by [the later claim](…))' for a superseded claim or figure."""
        later = self.graph.get(item.superseded_by or "")
        # the later claim in its own voice: a statement someone made must not read as the site's
        words = shorten(plain(later, self.graph) if isinstance(later, Claim) else f"{later.label}: {later.value}")
        return Md(f"(*superseded on {format_date(later.as_of or '')} by* {self.link(later.id, words)})")

    def anchored(self, rid: str) -> bool:
        """Whether this page holds the anchor of a nested record (a claim or figure with an id)."""
        return self.anchors and self.plan.where.get(rid, ("",))[0] == self.path

    def attribution(self, claim: Claim) -> Md:
        """'According to [Hugo de Zela](…): ', 'According to [La Jornada](…): ', '*This briefing's reading:* ', or ''."""
        if claim.voice == "reading" and not claim.said_by:
            return Md(f"*{escape_md(READING)}:* ")
        ids = voices(claim, self.graph)
        if not ids:
            return Md("")
        return Md(f"According to {joined([self.link(rid, voice_name(rid, self.graph)) for rid in ids])}: ")

    def claims(self, items: list[Claim]) -> Md:
        """A Markdown list of claims, each with its footnote marks."""
        return Md("".join(f"- {self.claim(c)}\n" for c in items))

    def finish(self, body: str) -> tuple[Md, Md]:
        """The body with its footnote marks numbered, and its footnotes (see footnotes.py: one note per
        quote, a quote within another quote of the same source sharing its note)."""
        return footnotes.finish(self, body, self._cited, self._shown)

    # -- composition ------------------------------------------------------------------------------

    def part(self, template: str, context: Mapping[str, Any], depth: int = 0) -> Md:
        """Another template rendered into this page (its footnotes join this page's)."""
        body = environment().get_template(template).render(page=self, depth=depth, **context)
        return Md(body.strip("\n"))

    def abbreviations(self, body: str) -> Md:
        """The glossary's tooltip definitions for the terms this page's body uses ('' when none)."""
        return Md(abbreviations(body, self.plan.tooltips))


def render_page(graph: Graph, plan: Plan, spec: PageSpec) -> str:
    """One page's Markdown: front matter, its template's body, footnotes, tooltips."""
    page = Page(graph, plan, spec.path, anchors=spec.anchors, notes_by_source=spec.notes_by_source)
    return environment().get_template("page.md.j2").render(page=page, spec=spec)
