"""Machine-readable exports of the validated graph: JSON, CSV and iCalendar, and JSON-LD per page.

Every export is a pure function of the graph (and the site's address), so two builds of the
same facts give byte-identical files: no build time, no random ids. The iCalendar DTSTAMP,
which RFC 5545 requires, is the briefing's `as_of` date unless SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import icalendar

from briefing.facts.graph import Graph
from briefing.facts.kinds import filed
from briefing.facts.kinds import kind as kind_named
from briefing.facts.model import ROLES, Institution, Person, Record, Source
from briefing.facts.order import event_period, period
from briefing.i18n import N_, _
from briefing.pages.plan import PageSpec, Plan
from briefing.pages.voice import plain
from briefing.text import format_date, precision

FILES = {
    "briefing.json": N_("the whole validated briefing (every record and every citation) as JSON"),
    "timeline.csv": N_("the timeline as a spreadsheet (CSV)"),
    "timeline.ics": N_("the timeline as a calendar (iCalendar)"),
}
"""Export file name -> what it is (shown on the home page, in the edition's language: `_(FILES[name])`).
The CSV's column names and values ('date', 'precision', 'yes') are the same in every edition: they are
keys a program reads, like briefing.json's; the texts in the rows are the edition's."""


def _plain(value: Any) -> Any:
    """A dumped record with the translations it has, and no empty `translations` where it has none."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not (k == "translations" and not v)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _dump(records: list[Any]) -> list[dict[str, Any]]:
    return [_plain(r.model_dump(mode="json")) for r in records]


def briefing_json(graph: Graph) -> str:
    """Every record of every kind (kinds.filed()), events in the timeline's order; each record carries
    its translations (`translations`: {language: text, or field: text}) where it has them."""
    data: dict[str, Any] = {"briefing": _plain(graph.briefing.model_dump(mode="json"))}
    for k in filed():
        records = graph.events_by_date if k.name == "event" else graph.records[k.name]
        data[k.export_key or k.name] = _dump(records)
    # compact: json's indented output is written by its pure-Python encoder, about ten times slower
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts with one of these as a formula (OWASP, CSV injection)."""


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def timeline_csv(plan: Plan, site_url: str = "") -> str:
    """The timeline as a spreadsheet: every cell quoted, none that a spreadsheet would run as a formula."""
    graph = plan.graph
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["date", "precision", "approximate", "id", "title", *ROLES, "tags", "claims", "sources", "url"])
    for e in graph.events_by_date:
        writer.writerow(map(csv_cell, [
            e.date, "week" if e.approximate == "week" else precision(e.date),
            "yes" if e.approximate is True else "no", e.id, e.title,
            *(" ".join(getattr(e.who, role)) for role in ROLES),
            " ".join(e.tags), " ".join(plain(c, graph) for c in e.claims), " ".join(e.sources()),
            plan.url(e.id, site_url) if site_url else "",
        ]))
    return out.getvalue()


def date_span(value: str) -> tuple[date, date]:
    """An all-day span [start, end) covering the date at its precision (day, month or year: order.period)."""
    first, last = period(value)
    return first, last + timedelta(days=1)


def _stamp(graph: Graph) -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH if set, else the date the briefing is current to (the same facts give the
    same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    start, _ = date_span(graph.briefing.as_of)
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def timeline_ics(plan: Plan, site_url: str = "") -> str:
    """The timeline as an iCalendar file (RFC 5545): one all-day event per event, spanning its date's precision.
    The icalendar library escapes and folds the lines."""
    graph = plan.graph
    host = urlsplit(site_url).netloc or "briefing.invalid"
    stamp = _stamp(graph)
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//briefing//timeline export//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", graph.briefing.title)
    for e in graph.events_by_date:
        first, last = event_period(e)  # a day, a week, a month or a year (all day: DTEND is the day after)
        start, end = first, last + timedelta(days=1)
        summary = e.title if precision(e.date) == "day" and not e.approximate else \
            f"{e.title} ({format_date(e.date, e.approximate)})"
        description = "\n".join([*(plain(c, graph) for c in e.claims),
                                 _("Sources: {ids}").format(ids=", ".join(e.sources()))])
        event = icalendar.Event()
        event.add("uid", f"{e.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary)
        event.add("description", description)
        if e.tags:
            event.add("categories", list(e.tags))
        if site_url:
            event.add("url", plan.url(e.id, site_url))
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")


def exports(plan: Plan, site_url: str = "", facts: Graph | None = None) -> dict[str, str]:
    """{file name: content} for every export, in the edition's language; briefing.json holds the facts as
    editors wrote them (`facts`: the graph before localize.py), every translation included: the same in every
    edition, so made once from those (Graph.derived)."""
    written = facts.derived("briefing.json", briefing_json) if facts is not None else briefing_json(plan.graph)
    return {"briefing.json": written, "timeline.csv": timeline_csv(plan, site_url),
            "timeline.ics": timeline_ics(plan, site_url)}


# JSON-LD ---------------------------------------------------------------------------------------

def _citations(graph: Graph, claims: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sid in dict.fromkeys(c.source for claim in claims for c in claim.cite):
        s = graph.get_as(sid, Source)
        work: dict[str, Any] = {"@type": "CreativeWork", "name": s.title}
        if s.url:
            work["url"] = s.url
        if s.outlet != "unknown":
            work["publisher"] = {"@type": "Organization", "name": s.outlet}
        if s.published != "unknown":
            work["datePublished"] = s.published
        out.append(work)
    return out


def _thing(graph: Graph, kind: str, rec: Any, url: str) -> dict[str, Any]:
    schema_type = "Country" if getattr(rec, "kind", "") == "state" else kind_named(kind).schema_type
    thing: dict[str, Any] = {"@type": schema_type, "@id": url, "name": rec.title if kind == "event" else rec.name}
    if url.startswith("http"):
        thing["url"] = url
    if getattr(rec, "aliases", None):
        thing["alternateName"] = list(rec.aliases)
    thing["description"] = " ".join(plain(c, graph) for c in rec.claims)
    if kind == "event":
        thing["startDate"] = rec.date
        if rec.who.acted:  # schema.org's performer: who did it, not who it was done to
            thing["performer"] = [{"@type": "Person" if graph.kind(a) == "person" else "Organization",
                                   "name": _name(graph.get(a))} for a in rec.who.acted]
    thing["citation"] = _citations(graph, rec.claims)
    return thing


def _name(record: Record) -> str:
    assert isinstance(record, Person | Institution)
    return record.name


def jsonld_for(plan: Plan, spec: PageSpec, site_url: str = "", language: str = "en") -> str | None:
    """The JSON-LD a page carries: its person or institution, or the events a timeline page shows, with
    the language of the edition it is in (`inLanguage`: the descriptions are in it)."""
    base = site_url or "/"
    graph = plan.graph
    if spec.jsonld == "entity":
        entry = graph.index[spec.records[0]]
        data: dict[str, Any] = {"@context": "https://schema.org",
                                **_thing(graph, entry.kind, entry.record, plan.url(spec.records[0], base)),
                                "inLanguage": language}
    elif spec.jsonld == "events" and spec.records:
        data = {"@context": "https://schema.org",
                "@graph": [{**_thing(graph, "event", graph.get(e), plan.url(e, base)), "inLanguage": language}
                           for e in spec.records]}
    else:
        return None
    return script_json(data)


def script_json(data: Any) -> str:
    """JSON safe inside <script>: '<', '>' and '&' escaped, so '</script>' in a fact cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
