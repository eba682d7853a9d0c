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
from collections.abc import Mapping
from typing import Any

from babel.lists import format_list
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from briefing.charts import moves
from briefing.compiled import TemplateCache
from briefing.facts import sides
from briefing.facts.graph import Graph
from briefing.facts.kinds import DISCREPANCY
from briefing.facts.kinds import kind as kind_named
from briefing.facts.model import ROLES, Citation, Claim, Event, Figure, Role, Source
from briefing.facts.order import Cap, period
from briefing.i18n import N_, _, current
from briefing.pages import footnotes
from briefing.pages.changes import CHANGES_PATH
from briefing.pages.citations import describe, label, language_named, not_known
from briefing.pages.footnotes import PENDING as _PENDING
from briefing.pages.glossary import abbreviations
from briefing.pages.passages import marked_html
from briefing.pages.plan import PageSpec, Plan
from briefing.pages.voice import READING, joined, plain, voice_name, voices
from briefing.text import Md, Message, escape_md, format_date, md_message, message, precision, shorten

ROLE_LABELS = {"acted": N_("Acted"), "acted_on": N_("Acted on"), "spoke": N_("Spoke about it"),
               "involved": N_("Also involved")}
"""How pages name each role of an event's participants (model.ROLES)."""

VALUE_WORDS = (
    # model.SourceKind
    N_("news report"), N_("wire"), N_("opinion"), N_("official statement"), N_("treaty text"), N_("court document"),
    N_("scholarly"), N_("news report quoting a text"), N_("resolution"),
    # model.InstitutionKind
    N_("state"), N_("government"), N_("ministry"), N_("head of state"), N_("legislature"), N_("court"),
    N_("prosecutor"), N_("embassy"), N_("agency"), N_("trade bloc"), N_("international organization"), N_("party"),
    N_("media"), N_("university"), N_("company"), N_("other"),
    # Instrument.kind
    N_("treaty"), N_("judgment"), N_("court order"), N_("national law"),
    # Discrepancy.kind
    N_("charge"), N_("spelling"), N_("title"), N_("framing"), N_("date"), N_("number"), N_("fact"),
)
"""The values of the facts' closed lists that pages show (a source's kind, an institution's): in the catalog,
so a template shows them in the edition's language (`_(s.kind)`)."""


@pass_context
def _heading(context: Context, level: int) -> Md:
    return Md("#" * (level + int(context.get("depth", 0))))


@functools.cache
def environment() -> Environment:
    """The one template environment: each template is compiled once per process, and kept compiled for the
    next (compiled.py)."""
    env = Environment(
        bytecode_cache=TemplateCache(),
        extensions=["jinja2.ext.i18n"],
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
    # the words of the edition being built (i18n.py): `{{ _("Timeline") }}`, formatted with .format() as in Python
    # (Message: the catalog's words as Markdown, as the template's own; .format() escapes what fills them)
    env.install_gettext_callables(gettext=lambda text: Message(current().gettext(text)),  # type: ignore[attr-defined]
                                  ngettext=lambda one, many, n: Message(current().ngettext(one, many, n)),
                                  newstyle=False)
    env.globals["say"] = md_message
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
        """True: notes name sources without their quotes (the two-page brief)."""
        self._cited: dict[tuple[str, str], int] = {}
        """(source, quote) -> its pending footnote number, in the order first cited."""
        self._shown: dict[tuple[str, str], str] = {}
        """(source, quote) -> the record under which the page shows the quote in full (a provision)."""

    # -- links ------------------------------------------------------------------------------------

    def url(self, rid: str) -> str:
        return self.plan.link(rid, self.path)

    def href(self, md_path: str) -> Md:
        """A link to another page of the site, given by its path."""
        return Md(self.plan.href(md_path, self.path))

    def index_href(self, kind_name: str) -> Md:
        """A link to a kind's list page (kinds.py: 'event' -> the timeline)."""
        index = kind_named(kind_name).index
        assert index is not None, f"{kind_name} records have no list page"
        return self.href(index)

    def section(self, kind_name: str, text: str | None = None) -> Md:
        """A link to a kind's list page, reading as its section title (or `text`)."""
        kind = kind_named(kind_name)
        return Md(f"[{escape_md(text or (_(kind.title) if kind.title else kind.name))}]({self.index_href(kind_name)})")

    def changes_href(self) -> Md:
        """A link to the What changed page."""
        return self.href(CHANGES_PATH)

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
        """Links to records, by name: 'A, B'; an event's headline in quotation marks, and a list holding one
        joined with '; ' (a headline is a sentence, and may hold commas), so the list reads after a
        preposition ('after “Peru breaks relations with Mexico”') and can be told apart."""
        if not any(self.graph.kind(i) == "event" for i in ids):
            return Md(", ".join(self.link(i) for i in ids))
        return Md("; ".join(self._named(i) for i in ids))

    def _named(self, rid: str) -> Md:
        """A link to a record by name; an event's headline in quotation marks."""
        if self.graph.kind(rid) != "event":
            return self.link(rid)
        return message("“{headline}”").format(headline=self.link(rid))

    def participants(self, event: Any) -> Md:
        """'**Acted:** Peru · **Acted on:** Mexico · **Spoke about it:** Hugo de Zela': each role as it is."""
        parts = [f"**{escape_md(_(ROLE_LABELS[role]))}:** {self.links(getattr(event.who, role))}"
                 for role in ROLES if getattr(event.who, role)]
        return Md(" · ".join(parts))

    def move(self, event: Any) -> Md:
        """Whose move the event was, as a small labelled mark ('Peru's side acted'), the same cue as its
        row in the timeline chart (charts/moves.py); '' when the briefing names no sides."""
        cue = moves.cue(self.graph, event)
        return moves.chip(cue) if cue is not None else Md("")

    def by_side(self, records: list[Any]) -> list[tuple[str | None, list[Any]]]:
        """People or institutions in groups by side (sides.py), for the index pages."""
        return sides.by_side(records, self.graph.briefing)

    def sides_named(self) -> str:
        """'Peru and Mexico': the briefing's sides, by name ('' when it names none)."""
        names = [self.name(side) for side in self.graph.briefing.sides]
        return joined(names) if names else ""
    def order(self, event: Event) -> Md:
        """'after “[X]” and “[Y]”; before “[Z]”': where the sources place an event whose date alone
        cannot; and what caps its place (order.caps): the publication of a source that reports it, or, its reports being
        undated, the latest dated event they report."""
        parts = [message(word).format(events=Md(joined([self._named(i) for i in ids])))
                 for word, ids in ((N_("after {events}"), event.after), (N_("before {events}"), event.before)) if ids]
        cap = self.capped(event)
        if cap is not None and cap.why == "published":
            parts.append(message("no later than {date}, when “{source}”, which reports it, was published").format(
                date=format_date(cap.written), source=self.link(cap.by)))
        elif cap is not None:
            parts.append(message("its reports are undated: no source places it after {event}, the latest dated event "
                                 "they report").format(event=self.links([cap.by])))
        if self.graph.open_order.get(event.id):
            parts.append(self.order_open(event.id, self.graph.open_order[event.id]))
        return Md("; ".join(parts))

    def order_open(self, about: str, ids: list[str]) -> Md:
        """'the sources do not say whether it came before or after “[X]” or “[Y]”': an event placed at the end of its
        date's span after events it may have preceded (order.open_order); where a difference between the sources
        is about both events (discrepancies.yaml, `related`), that they differ on it, with a link to it."""
        silent, differ = order_unknown(self.graph, about, ids)
        parts = []
        if silent:
            parts.append(message("the sources do not say whether it came before or after {events}").format(
                events=Md(format_list([self._named(i) for i in silent], style="or", locale=current().locale))))
        for rid, difference in differ:
            parts.append(message("the sources differ on whether it came before or after {event} ({where})").format(
                event=self._named(rid), where=self.link(difference, _("where sources differ"))))
        return Md("; ".join(parts))

    def order_open_text(self, about: str, ids: list[str]) -> str:
        """`order_open` as plain text (a chart's note): the events named, not linked."""
        silent, differ = order_unknown(self.graph, about, ids)
        named = [_("“{headline}”").format(headline=self.name(i)) for i in silent]
        parts = [_("the sources do not say whether it came before or after {events}").format(
            events=format_list(named, style="or", locale=current().locale))] if silent else []
        parts += [_("the sources differ on whether it came before or after {event} ({where})").format(
            event=_("“{headline}”").format(headline=self.name(rid)), where=_("where sources differ"))
            for rid, _difference in differ]
        return "; ".join(parts)

    def open_orders(self, listed: list[Event]) -> dict[str, Md]:
        """For a list of events in the one order (a part of it), the note on each event listed after events
        it may have preceded (order.open_order), as the list shows it after the event: ' (the sources do not
        say ...)'."""
        found = self.graph.spans.open_order(listed)
        return {rid: Md(f" ({self.order_open(rid, ids)})") for rid, ids in found.items()}

    def role_end(self, role: Role) -> str:
        """The roles table's 'To' cell: the date the role ended (`end`); 'ended by 10 October 2025 (day not
        given)' where the sources bound its end but give no date (`ended_by`; a bound of a month or a year has
        words of its own: Spanish says 'el 10 de octubre' but 'en octubre'); 'ended; date not given'
        (`ended`); that it was held as of the last report (`last_reported`); else nothing."""
        if role.end:
            return format_date(role.end)
        if role.ended_by:
            words = (N_("ended by {date} (day not given)") if precision(role.ended_by) == "day"
                     else N_("ended by {date} (date not given)"))
            return _(words).format(date=format_date(role.ended_by))
        if role.ended:
            return _("ended; date not given")
        if role.last_reported:
            return _("not reported; held as of {date}").format(date=format_date(role.last_reported))
        return ""

    def archived_copy(self, s: Source) -> Md:
        """An archived copy as a legal text's page and the legal index list it: '(outlet, kind, language: English):
        its notes' (how complete it is)."""
        words = message("({outlet}, {kind}, language: {language})").format(
            outlet=s.outlet, kind=_(s.kind), language=language_named(s.language))
        return Md(f"{words}: {escape_md(s.notes)}") if s.notes else words

    def when(self, event: Event) -> str:
        """An event's date as a list of events gives it, with what bounds its place when a source that
        reports it was published before its date's period ends ('about November 2025, no later than
        4 November 2025'): a list in the one order then shows why it stands where it does."""
        shown = format_date(event.date, event.approximate)
        cap = self.capped(event)
        if cap is None or cap.why != "published":
            return shown
        return _("{date}, no later than {day}").format(date=shown, day=format_date(cap.written))

    def capped(self, event: Event) -> Cap | None:
        """The cap on an event's place (order.caps), when it places the event earlier than its date's
        period would."""
        cap = self.graph.caps.get(event.id)
        if cap is None or cap.day >= period(event.date)[1] or (cap.why == "undated" and event.before):
            return None  # nothing to say: its date, or its own hints, place it no later
        return cap

    def page_link(self, md_path: str, text: str) -> Md:
        return Md(f"[{escape_md(text)}]({self.href(md_path)})")

    @staticmethod
    def describe(source: Source) -> str:
        """What a source is and what its archived copy does not name, from its record (citations.py): the
        list of sources."""
        return " ".join(filter(None, [describe(source), not_known(source, address=False)]))

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
        return self.plan.passage(source, quote, self.path)

    def quote_link(self, citation: Citation, text: str | None = None, shown_under: str | None = None) -> Md:
        """A link to the quote's marked passage, reading as the source's short name (or `text`).
        `shown_under`: the page shows the quote in full under this record (a provision), so its notes
        point there rather than repeat it."""
        if shown_under is not None:
            self._shown[(citation.source, citation.quote)] = shown_under
        name = voice_name(citation.source, self.graph) if text is None else text
        return Md(f"[{escape_md(name)}]({self.passage(citation.source, citation.quote)})")

    def quoted(self, citation: Citation) -> Md:
        """A quote in the source's words, in quotation marks, with this briefing's translation beside it,
        marked as such, on a page in another language (as the footnotes give it)."""
        shown = f"“{escape_md(citation.quote)}”"
        code = current().code
        translation = self.graph.quote_translation(citation.source, citation.quote, code)
        if translation and self.graph.get_as(citation.source, Source).language != code:
            return Md(f"{shown} {md_message('(our translation: “{words}”)', words=translation)}")
        return Md(shown)

    def source_label(self, source: str) -> str:
        """A source as its footnotes name it (citations.label: its short name, and its date where known), not
        by its headline, which may name another text (800Noticias's headline is on the Vienna Convention)."""
        return label(self.graph.get_as(source, Source))

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
        assert isinstance(later, Claim | Figure), item.superseded_by  # validate's bad-supersession
        # the later claim in its own voice: a statement someone made must not read as the site's
        words = shorten(plain(later, self.graph) if isinstance(later, Claim) else f"{later.label}: {later.value}")
        note = md_message("superseded on {date} by", date=format_date(later.as_of or ""))
        return Md(f"(*{note}* {self.link(item.superseded_by or '', words)})")

    def anchored(self, rid: str) -> bool:
        """Whether this page holds the anchor of a nested record (a claim or figure with an id)."""
        return self.anchors and self.plan.where.get(rid, ("",))[0] == self.path

    def attribution(self, claim: Claim) -> Md:
        """'According to [Hugo de Zela](…): ', 'According to [La Jornada](…): ', '*This briefing's reading:* ',
        or ''."""
        if claim.voice == "reading" and not claim.said_by:
            return Md(f"*{escape_md(_(READING))}:* ")
        ids = voices(claim, self.graph)
        if not ids:
            return Md("")
        names = Md(joined([self.link(rid, voice_name(rid, self.graph)) for rid in ids]))
        return md_message("According to {names}: ", names=names)

    def claims(self, items: list[Claim], indent: int = 0) -> Md:
        """A Markdown list of claims, each with its footnote marks; `indent`: inside a block (an admonition)."""
        pad = " " * indent
        return Md("".join(f"{pad}- {self.claim(c)}\n".replace("\n{", f"\n{pad}  {{") for c in items))

    def sentences(self, items: list[Claim]) -> Md:
        """Claims as one paragraph, each with its attribution and footnote marks (the home page's lead)."""
        return Md(" ".join(self.claim(c).replace("\n", " ") for c in items))

    def finish(self, body: str) -> tuple[Md, Md]:
        """The body with its footnote marks numbered, and its footnotes (see footnotes.py: one mark per
        sentence, its note giving each of its quotes; a quote within another quote of the same source
        given as that one)."""
        return footnotes.finish(self.plan, self.path, body, self._cited, self._shown)

    # -- composition ------------------------------------------------------------------------------

    def part(self, template: str, context: Mapping[str, Any], depth: int = 0) -> Md:
        """Another template rendered into this page (its footnotes join this page's)."""
        body = environment().get_template(template).render(page=self, depth=depth, **context)
        return Md(body.strip("\n"))

    def abbreviations(self, body: str, dated: str | None = None) -> Md:
        """The glossary's tooltip definitions for the terms this page's body uses ('' when none); on a
        page about something `dated`, none that explains a term by rules adopted later."""
        return Md(abbreviations(body, self.plan.tooltips, dated=dated, since=self.plan.tooltips_from))


def order_unknown(graph: Graph, about: str, ids: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Of the events an event may have preceded (order.open_order), those whose order to it the sources leave
    unsaid, and (event, difference) for those a difference between the sources is about together with it (its
    `related` names both): there the sources do not keep silent, they disagree."""
    pairs = graph.derived("order_differences", _order_differences)
    differ = [(rid, pairs[frozenset((about, rid))]) for rid in ids if frozenset((about, rid)) in pairs]
    told = {rid for rid, _difference in differ}
    return [rid for rid in ids if rid not in told], differ


def _order_differences(graph: Graph) -> dict[frozenset[str], str]:
    """{two events: the first difference between the sources whose `related` names both}."""
    out: dict[frozenset[str], str] = {}
    for difference in graph.of(DISCREPANCY):
        events = [rid for rid in difference.related if rid in graph.index and graph.kind(rid) == "event"]
        for i, a in enumerate(events):
            for b in events[i + 1:]:
                out.setdefault(frozenset((a, b)), difference.id)
    return out


def differences_about(graph: Graph, rid: str) -> list[str]:
    """The differences between the sources (discrepancies.yaml) that concern a record, its id in their `related`,
    in their file order: those of substance only (how a name is spelled is no difference about what happened)."""
    return graph.derived("differences_about", _differences_about).get(rid, [])


def _differences_about(graph: Graph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for difference in graph.of(DISCREPANCY):
        if difference.kind != "spelling":
            for rid in dict.fromkeys(difference.related):
                out.setdefault(rid, []).append(difference.id)
    return out


def render_page(graph: Graph, plan: Plan, spec: PageSpec) -> str:
    """One page's Markdown: front matter, its template's body, footnotes, tooltips."""
    page = Page(graph, plan, spec.path, anchors=spec.anchors, notes_by_source=spec.notes_by_source)
    return environment().get_template("page.md.j2").render(page=page, spec=spec)
