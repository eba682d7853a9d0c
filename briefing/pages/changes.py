"""What changed, for readers: the history of the facts (history.py) as a page, an Atom feed, and
the date each page's records last changed.

Everything here is a pure function of the plan (the graph and where each record is shown) and
the History, so the same commit builds the same bytes. A record still in the briefing links to
its page; a removed one has no page and is named without a link. An archived text that changed
counts as a change to the source that archives it.
"""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefing.facts.kinds import BRIEFING, KINDS, SOURCE
from briefing.facts.kinds import kind as kind_named
from briefing.facts.model import Source
from briefing.history.read import Day, History
from briefing.history.recorddiff import ACTIONS, Change
from briefing.i18n import N_, _
from briefing.pages.plan import Plan, page_url
from briefing.text import format_date

if TYPE_CHECKING:
    from briefing.facts.graph import Graph

CHANGES_PATH = "changes.md"
FEED_PATH = "changes.xml"
FEED_TITLE = N_("What changed")
"""The feed's name where a page announces it (theme/main.html)."""
ATOM = "http://www.w3.org/2005/Atom"

PAGE_BUDGET = 300
"""The What changed page lists at most this many changes (newest first), then counts the rest."""
FEED_BUDGET = 50
"""The feed holds the latest this many changes."""

ARCHIVE_FIELD = "archived text"
"""How a changed archived text (seeds/) is named among its source's changed fields."""


ACTION_TITLES = {"added": N_("Added"), "changed": N_("Changed"), "removed": N_("Removed")}

PENDING_ANCHOR = "not-yet-committed"


def kind_label(kind: str) -> str:
    """How a change names the kind of record (the registry's reader label)."""
    return (BRIEFING if kind == BRIEFING.name else kind_named(kind)).reader_label


def field_label(name: str) -> str:
    return name.replace("_", " ")


# -- the history, with archived texts as changes to their sources ---------------------------------

def days_of(history: History, graph: Graph) -> list[Day]:
    """The history's days (edits not yet committed first), changes in reading order."""
    days = [*([history.pending] if history.pending else []), *history.days]
    return [_with_archives(day, graph) for day in days]


def _with_archives(day: Day, graph: Graph) -> Day:
    by_file = {posixpath.normpath(s.file): s.id for s in graph.of(SOURCE)}
    changes = {c.rid: c for c in day.changes}
    for path, _action in day.archives:
        sid = by_file.get(posixpath.normpath(path))
        if sid is None:
            continue  # no source of the briefing archives it now
        if sid not in changes:
            changes[sid] = Change(sid, "source", "changed", (ARCHIVE_FIELD,), graph.get_as(sid, Source).title)
        elif changes[sid].action == "changed" and ARCHIVE_FIELD not in changes[sid].fields:
            changes[sid] = replace(changes[sid], fields=(*changes[sid].fields, ARCHIVE_FIELD))
    order = {k.name: i for i, k in enumerate(KINDS)}
    ordered = sorted(changes.values(), key=lambda c: (ACTIONS.index(c.action), order.get(c.kind, -1),
                                                      c.name.lower(), c.rid))
    return replace(day, changes=tuple(ordered), archives=())


def last_changed(days: list[Day]) -> dict[str, str]:
    """Record id -> the date it was last added or changed ('' when not yet committed)."""
    out: dict[str, str] = {}
    for day in days:  # newest first, so the first date seen is the latest
        for change in day.changes:
            if change.action != "removed":
                out.setdefault(change.rid, day.date)
    return out


# -- each page's date ----------------------------------------------------------------------------

def stamp(plan: Plan) -> None:
    """Give each page that presents records the date they last changed: `changed` (the sentence
    the page shows) and `changed_on` (YYYY-MM-DD, for the sitemap) when it is known."""
    history = plan.history
    if history is None or not history.available:
        return
    days = days_of(history, plan.graph)
    last = last_changed(days)
    cutoff = history.days[-1].date if history.days and history.state != "complete" else ""
    index = plan.graph.index
    for spec in plan.specs.values():
        ids = spec.shows or spec.records
        if ids:
            # a nested record (a provision) changes with the record that holds it
            held = tuple(dict.fromkeys(p for rid in ids for p in (rid, index[rid].parent if rid in index else None)
                                       if p))
            spec.changed, spec.changed_on = _page_stamp(held, last, cutoff)


def _page_stamp(ids: tuple[str, ...], last: dict[str, str], cutoff: str) -> tuple[str, str]:
    dates = [last[rid] for rid in ids if rid in last]
    if "" in dates:
        return _("The facts on this page: edited, not yet committed (edits not in git yet)."), ""
    if dates:
        latest = max(dates)
        return _("The facts on this page last changed on {date}.").format(date=format_date(latest)), latest
    if cutoff:
        return _("The facts on this page have not changed since {date} (the history read starts there).").format(
            date=format_date(cutoff)), ""
    return "", ""


# -- the page ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Listed:
    """One change as the page lists it."""

    kind: str
    rid: str
    name: str
    linked: bool
    fields: str
    """'aliases, claims': the fields that changed, or ''."""


def page_context(plan: Plan) -> dict[str, Any]:
    """What changes.md.j2 needs: the note on how much history there is, and the days, bounded."""
    history = plan.history
    assert history is not None
    days = days_of(history, plan.graph) if history.available else []
    budget, shown = PAGE_BUDGET, []
    for day in days:
        entries = [_listed(plan, c) for c in day.changes]
        held = entries[:budget]
        budget -= len(held)
        groups = [(_(ACTION_TITLES[a]), [e for e, c in zip(held, day.changes, strict=False) if c.action == a])
                  for a in ACTIONS]
        title = format_date(day.date) if day.date else _("Not yet committed")
        shown.append({"title": title, "anchor": day.date or PENDING_ANCHOR,
                      "groups": [(a, items) for a, items in groups if items], "more": len(entries) - len(held)})
        if budget <= 0:
            break
    rest = days[len(shown):]
    return {"title": _("What changed"), "note": _note(history, days), "days": shown,
            "feed": FEED_PATH if feed_entries(plan) else "",
            "older": (sum(len(d.changes) for d in rest), len(rest))}


def _listed(plan: Plan, change: Change) -> Listed:
    linked = change.rid in plan.where and change.action != "removed"
    name = change.name
    if linked:  # a record still in the briefing: named as it is now
        name = plan.graph.briefing.title if change.rid == "index" else plan.name(change.rid)
    fields = ", ".join(map(field_label, change.fields))
    return Listed(kind_label(change.kind), change.rid, name, linked, fields)


def _note(history: History, days: list[Day]) -> str:
    if not history.available:
        return _(history.reason)
    committed = [d for d in days if d.date]
    since = format_date(committed[-1].date) if committed else ""
    if history.state == "shallow":
        shown = _("Changes from {date} on are shown.").format(date=since) if since else _("Changes are shown.")
        return f"{_(history.reason)} {shown}"
    if history.state == "bounded":
        return (_("The latest {n} commits that changed the facts are shown from {date} on; older changes are in the "
                  "repository's history.") if since else
                _("The latest {n} commits that changed the facts are shown; older changes are in the repository's "
                  "history.")).format(n=history.commits, date=since)
    return "" if committed else _("No committed change to the facts has been recorded yet.")


# -- the feed ------------------------------------------------------------------------------------

def feed_entries(plan: Plan) -> list[tuple[Day, Change]]:
    """The latest committed changes, newest first, at most FEED_BUDGET."""
    history = plan.history
    if history is None or not history.available:
        return []
    days = [d for d in days_of(history, plan.graph) if d.date]
    return [(day, change) for day in days for change in day.changes][:FEED_BUDGET]


def feed(plan: Plan, site_url: str = "") -> str | None:
    """The Atom 1.0 feed of the latest changes (RFC 4287), or None when there are none.

    Links are absolute from site_url (relative to the site's root without one). Ids are
    urn:uuid names derived from the site, the date and the record, so they never change."""
    entries = feed_entries(plan)
    if not entries:
        return None
    root = ET.Element("feed", {"xmlns": ATOM})
    _text(root, "id", _urn(site_url, FEED_PATH))
    _text(root, "title", _("{briefing}: what changed").format(briefing=plan.graph.briefing.title))
    _text(root, "updated", _time(max(day.updated for day, _ in entries)))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": site_url + FEED_PATH})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": site_url + page_url(CHANGES_PATH)})
    author = ET.SubElement(root, "author")
    _text(author, "name", _("The editors of {briefing}").format(briefing=plan.graph.briefing.title))
    for day, change in entries:
        _entry(root, plan, site_url, day, change)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _entry(root: ET.Element, plan: Plan, site_url: str, day: Day, change: Change) -> None:
    listed = _listed(plan, change)
    entry = ET.SubElement(root, "entry")
    _text(entry, "id", _urn(site_url, f"{day.date}/{change.rid}"))
    fields = f" ({listed.fields})" if listed.fields else ""
    _text(entry, "title", f"{_(ACTION_TITLES[change.action])}: {listed.name}{fields}")
    _text(entry, "updated", _time(day.updated))
    href = (plan.url(change.rid, site_url) if listed.linked
            else f"{site_url}{page_url(CHANGES_PATH)}#{day.date}")
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    ET.SubElement(entry, "category", {"term": change.kind, "label": listed.kind})
    summary = (_("{kind} “{name}”: {fields} changed on {date}.") if listed.fields
               else {"added": _("{kind} “{name}”: added on {date}."),
                     "changed": _("{kind} “{name}”: changed on {date}."),
                     "removed": _("{kind} “{name}”: removed on {date}.")}[change.action])
    _text(entry, "summary", summary.format(kind=listed.kind, name=listed.name, fields=listed.fields,
                                           date=format_date(day.date)))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("", text)


def _time(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(site_url: str, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_url + 'changes/' + name)}"
