"""The relationship view and each record's connections, as HTML: who did what to whom, a row per relation.

What it shows and in what order is relmap.py's (the cast, the memberships, the events); relations.py
says what the facts state. Each row reads as a sentence, a name, the relation as a labelled arrow,
the other name, so at any width every line is labelled and none crosses another; the same markup
serves a phone and a desktop (briefing.css lays it out for the room the figure has). Every name is
a link to its page; briefing.js makes a name pick out its relations: pointing at it or moving to it
with the keyboard, or a first tap on a touch screen (the second tap opens the page). Every text from
the facts is escaped (svg.x); links come from the plan (raw HTML is not rewritten by MkDocs).
"""

from __future__ import annotations

import json

from briefing.charts import relations as rel
from briefing.charts.relations import ACTED_ON, SPOKE, TOGETHER, Relation
from briefing.charts.relmap import EventRows, Item, Row, View, own_view, view
from briefing.charts.svg import x as _x
from briefing.facts.model import Event
from briefing.i18n import N_, _
from briefing.pages.plan import Plan
from briefing.pages.render import Page, differences_about
from briefing.pages.voice import joined
from briefing.text import format_date

NODE_BUDGET = 90
"""Past this many people, institutions and states the view is not drawn; the tables list every relation."""
ROW_BUDGET = 400
"""Past this many rows (a relation from several events is a row under each) the view is not drawn."""
TABLE_BUDGET = 600
CONNECTIONS_BUDGET = 40
"""Past this many neighbours a record's page lists its connections without drawing them."""

CLASSES = {rel.BELONGS: "belongs", rel.ROLE: "role", rel.REPORTED: "reported", rel.HELD: "held", ACTED_ON: "acted",
           TOGETHER: "together", SPOKE: "spoke"}
"""The CSS class of each relation's line (briefing.css draws each differently)."""
LINE_LEGEND = {
    ACTED_ON: N_("acted on: from who acted to whom it was done (their roles in an event)"),
    TOGETHER: N_("acted together with: both acted in the same event (never two of different sides)"),  # see _legend
    SPOKE: N_("spoke about an act of: from who spoke to who acted"),
    rel.ROLE: N_("holds a role in: from a person to the institution"),
    rel.REPORTED: N_("was last reported holding a role in: no source says whether the role continued after the "
                     "date the roles table gives"),
    rel.HELD: N_("held a role in: a role that had ended by the briefing's date"),
    rel.BELONGS: N_("belongs to: from a person or institution to its state"),
}
MEMBERSHIPS = (rel.ROLE, rel.REPORTED, rel.HELD, rel.BELONGS)
"""The order of the rows that come from no event."""

TABLE_HEADINGS = {
    ACTED_ON: N_("Who acted on whom"), TOGETHER: N_("Who acted together"), SPOKE: N_("Who spoke about an act of whom"),
    rel.ROLE: N_("Who holds a role in an institution"),
    rel.REPORTED: N_("Who was last reported holding a role in an institution"),
    rel.HELD: N_("Who held a role in an institution"),
    rel.BELONGS: N_("Who belongs to which state"),
}
"""The relationship page's tables, one per relation, in this order: what happened first, then memberships."""


def by_label(rels: list[Relation]) -> list[tuple[str, list[Relation]]]:
    """The relations under a heading per relation (TABLE_HEADINGS' order), each keeping its order."""
    return [(_(heading), rows) for label,
            heading in TABLE_HEADINGS.items() if (rows := [r for r in rels if r[1] == label])]


def relations_view(plan: Plan, rels: list[Relation], page_path: str) -> str:
    """The relationship page's view: the cast by side, the memberships it does not say, the events."""
    graph = plan.graph
    apart = rel.apart(graph)
    ids = list(dict.fromkeys([*(r for a, _, b, _ in rels for r in (a, b)), *(r for _e, a, b in apart for r in (a, b))]))
    if not ids or len(ids) > NODE_BUDGET:
        return ""
    page = Page(graph, plan, page_path)
    order = [e.id for e in graph.events_by_date]
    shown = view(rels, rel.groups(graph, page.name, ids), rel.BELONGS, order, MEMBERSHIPS, apart)
    if len(shown.rows) > ROW_BUDGET:
        return ""
    items = {i.id: i for g in shown.cast for i in g.items}
    cast_title = _("Who belongs to which state")  # not "which side": the timeline says who acted for a side
    parts = [f'<p class="rm-part">{_x(cast_title)}</p><div class="rm-cast">'
             + "".join(_group(page, g.title, g.items, g.side) for g in shown.cast) + "</div>"]
    # names in rows are reached by the keyboard through the cast (the same pages, and focus there
    # picks out the same rows): a row's names are links for a pointer or a tap, not more Tab stops
    parts += _parts(page, shown, items, here="", tab=False, differences=True)
    marks = [(g.title, g.side) for g in shown.cast if g.side is not None]
    key = _legend(shown, items, marks, _("under a state's name in \u201c{cast}\u201d: belongs to that state (its "
                                         "country in the facts), or is the state").format(cast=cast_title),
                  len(graph.briefing.sides))
    caption = _("Who did what to whom: a row for each relation, grouped by event; where a name stands in the list of "
                "names says the state it belongs to. Each name links to its page.")
    return _figure("briefing-relations-chart", parts, key, caption)


def connections_view(plan: Plan, rid: str, rels: list[Relation], apart: list[tuple[str, str, str]],
                     event_order: list[str], page_path: str) -> str:
    """A record's own relations (those of `rels` it takes part in), the same rows as the relationship
    page's view, its memberships written out (there is no cast to say them); `apart` (relations.apart's)
    and `event_order` (the events' ids in the one order) are worked out once for every record's page."""
    graph = plan.graph
    mine = [r for r in rels if rid in (r[0], r[2])]
    others = list(dict.fromkeys(b if a == rid else a for a, _, b, _ in mine))
    if not others or len(others) > CONNECTIONS_BUDGET:
        return ""
    page = Page(graph, plan, page_path)
    shown = own_view(rid, mine, event_order, MEMBERSHIPS, apart)
    items = {r: rel.item(graph, page.name, r) for r in [rid, *others]}
    marks = sorted({i.side for i in items.values() if i.side is not None})
    key = _legend(shown, items, [(page.name(graph.briefing.sides[n]), n) for n in marks], "",
                  len(graph.briefing.sides))
    caption = _("Connections of {name}: a row for each relation, grouped by event; each name links to its "
                "page.").format(name=page.name(rid))
    return _figure("briefing-connections-chart", _parts(page, shown, items, here=rid, tab=True), key, caption)


def _figure(kind: str, parts: list[str], key: str, caption: str) -> str:
    """The view, its legend and its caption (which names the figure). Out of the search index: the page
    says all of it in words, where search finds it."""
    words = json.dumps({"all": _("Show all"), "one": _("{name}: {n} relation picked out."),
                        "many": _("{name}: {n} relations picked out."), "touch": _("Tap it again to open its page."),
                        "key": _("Enter opens its page.")}, ensure_ascii=False, sort_keys=True)
    return "\n".join([f'<figure class="briefing-chart briefing-relmap {kind}" data-search-exclude '
                       f'data-words="{_x(words)}">', *parts, key,
                      f"<figcaption>{_x(caption)}</figcaption>", "</figure>"])


def _parts(page: Page, shown: View, items: dict[str, Item], here: str, tab: bool,
           differences: bool = False) -> list[str]:
    """The memberships' rows and the events', each event with its order note; with `differences` (the
    relationship page), each event with a note linking the differences between the sources about it."""
    out = []
    if shown.memberships:
        title = _("Roles and memberships")
        out.append(f'<p class="rm-part">{_x(title)}</p>'
                   + _rows(page, shown.memberships, items, here, tab))
    if shown.events:
        title = _("What happened, event by event")
        # where the sources do not fix the order of two events listed here, each says so (as the timeline does)
        listed = [page.graph.get_as(e.event, Event) for e in shown.events]
        open_order = page.graph.spans.open_order(listed)
        out.append(f'<p class="rm-part">{_x(title)}</p><ol class="rm-events">'
                   + "".join(_event(page, e, items, here, tab, open_order.get(e.event, []), differences)
                             for e in shown.events)
                   + "</ol>")
    return out


def _group(page: Page, title: str, items: list[Item], side: int | None) -> str:
    mark = f" rm-s{side}" if side is not None else ""
    chips = "".join(f'<li data-rids="{_x(i.id)}">{_name(page, i, "", True)}</li>' for i in items)
    return f'<div class="rm-group{mark}"><p class="rm-head">{_x(title)}</p><ul class="rm-chips">{chips}</ul></div>'


def _event(page: Page, rows: EventRows, items: dict[str, Item], here: str, tab: bool, unordered: list[str],
           differences: bool = False) -> str:
    event = page.graph.get_as(rows.event, Event)
    href = page.plan.html_href(event.id, page.path)
    head = (f'<p class="rm-head"><span class="rm-date">{_x(format_date(event.date, event.approximate))}</span> '
            f'<a href="{_x(href)}">{_x(event.title)}</a></p>')
    listed = _rows(page, rows.rows, items, here, tab) if rows.rows else ""
    order = (f'<p class="rm-note">{_x(_("({note})").format(note=page.order_open_text(event.id, unordered)))}</p>'
             if unordered else "")
    differ = _differ(page, event.id) if differences else ""
    return f'<li class="rm-event">{head}{order}{differ}{listed}{_apart(page, rows.apart)}</li>'


def _differ(page: Page, event: str) -> str:
    """'(the sources differ on this event: [topic])', each topic a link to its difference on the differences
    page (render.differences_about: of substance, not spelling), so a relation drawn from one report's account
    (whom an asylum was granted to) is read beside the others'; '' when none concerns it."""
    found = differences_about(page.graph, event)
    if not found:
        return ""
    links = "; ".join(f'<a href="{_x(page.plan.html_href(d, page.path))}">{_x(page.name(d))}</a>' for d in found)
    before, _sep, after = _("(the sources differ on this event: {differences})").partition("{differences}")
    return f'<p class="rm-note rm-differ">{_x(before)}{links}{_x(after)}</p>'


def _apart(page: Page, pairs: list[tuple[str, str]]) -> str:
    """Why no relation is drawn between opponents who both acted in the event (relmap.EventRows.apart)."""
    if not pairs:
        return ""
    by_side: dict[str | None, list[str]] = {}
    for rid in dict.fromkeys(r for pair in pairs for r in pair):
        by_side.setdefault(rel.side_of(page.graph, rid), []).append(page.name(rid))
    groups = [joined(names) for names in by_side.values()]
    if len(groups) == 2:
        said = _("{first} acted in it on one side and {second} on another: the view draws no relation between "
                 "different sides (it never says they acted together); the event's page says what each did."
                 ).format(first=groups[0], second=groups[1])
    else:
        said = _("{groups} acted in it, each on a different side: the view draws no relation between different "
                 "sides (it never says they acted together); the event's page says what each did."
                 ).format(groups="; ".join(groups))
    return f'<p class="rm-note">{_x(said)}</p>'


def _rows(page: Page, rows: list[Row], items: dict[str, Item], here: str, tab: bool) -> str:
    out = []
    for r in rows:
        link = f'<span class="rm-link {CLASSES[r.label]}"><span class="rm-label">{_x(_(r.label))}</span></span>'
        out.append(f'<li class="rm-row" data-rids="{_x(r.a)} {_x(r.b)}" data-rel="{r.rel}">'
                   f"{_name(page, items[r.a], here, tab)}{link}{_name(page, items[r.b], here, tab)}</li>")
    return f'<ul class="rm-rows">{"".join(out)}</ul>'


def _name(page: Page, item: Item, here: str, tab: bool) -> str:
    """A name in its box, a link to its page (the page's own record: not a link to itself)."""
    classes = f"rm-name {item.kind}" + (f" rm-s{item.side}" if item.side is not None else "")
    if item.id == here:
        return f'<span class="{classes} rm-here" data-rid="{_x(item.id)}">{_x(item.name)}</span>'
    href = page.plan.html_href(item.id, page.path)
    skip = "" if tab else ' tabindex="-1"'
    return f'<a class="{classes}" data-rid="{_x(item.id)}" href="{_x(href)}"{skip}>{_x(item.name)}</a>'


KINDS = {"person": N_("a person"), "institution": N_("an institution"), "state": N_("a state (its name in bold)")}


def _legend(shown: View, items: dict[str, Item], marks: list[tuple[str, int]], grouped: str, sides: int) -> str:
    """What each kind of line, box and mark shown means, each drawn as the view draws it (briefing.css),
    only those the view shows. `grouped`: what standing in a group of the cast says ('' without a cast);
    `sides`: how many sides the briefing has (with fewer than two, none are opposed)."""
    labels = {r.label for r in shown.rows}
    legend = {label: _(words) for label, words in LINE_LEGEND.items()}
    words = {**legend, TOGETHER: legend[TOGETHER].split(" (")[0]} if sides < 2 else legend
    rows = [(f'<span class="rm-link {CLASSES[label]}"></span>', words[label])
            for label in LINE_LEGEND if label in labels]
    kinds = {i.kind for i in items.values()}
    rows += [(f'<span class="rm-name {k}"></span>', _(words)) for k, words in KINDS.items() if k in kinds]
    rows += [(f'<span class="rm-name institution rm-s{n}"></span>', _("{state}, or belongs to it").format(state=title))
             for title, n in marks]
    if grouped:
        rows.append(("", grouped))
    out = "".join(f'<li><span class="rm-key" aria-hidden="true">{drawing}</span>{_x(words)}</li>'
                  for drawing, words in rows)
    name = _("Legend")
    return f'<ul class="briefing-legend rm-legend" aria-label="{_x(name)}">{out}</ul>'
