"""Machine-readable exports of the validated graph: JSON, CSV and iCalendar, and JSON-LD per page.

Every export is a pure function of the graph (and the site's address), so two builds of the
same facts give byte-identical files: no build time, no random ids. The iCalendar DTSTAMP,
which RFC 5545 requires, is the briefing's `as_of` date unless SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import os
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .graph import Graph
from .kinds import filed
from .model import ROLES, Event
from .text import format_date, precision
from .voice import plain

if TYPE_CHECKING:
    from .pages import PageSpec, Plan

FILES = {
    "briefing.json": "the whole validated briefing (every record and every citation) as JSON",
    "timeline.csv": "the timeline as a spreadsheet (CSV)",
    "timeline.ics": "the timeline as a calendar (iCalendar)",
}
"""Export file name -> what it is (shown on the home page)."""


def _dump(records: list[Any]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in records]


def briefing_json(graph: Graph) -> str:
    """Every record of every kind (kinds.filed()), events in the timeline's order."""
    data: dict[str, Any] = {"briefing": graph.briefing.model_dump(mode="json")}
    for k in filed():
        records = graph.events_by_date if k.name == "event" else graph.records[k.name]
        data[k.export_key or k.name] = _dump(records)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def page_url(path: str) -> str:
    """The address of a page in the built site, relative to its root ('people/x.md' -> 'people/x/')."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def record_url(plan: Plan, rid: str, base: str) -> str:
    path, anchor = plan.where[rid]
    return f"{base}{page_url(path)}" + (f"#{anchor}" if anchor else "")


def _sources(event: Event) -> list[str]:
    return list(dict.fromkeys(c.source for claim in event.claims for c in claim.cite))


def timeline_csv(plan: Plan, site_url: str = "") -> str:
    graph = plan.graph
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["date", "precision", "approximate", "id", "title", *ROLES, "tags", "claims", "sources", "url"])
    for e in graph.events_by_date:
        writer.writerow([
            e.date, precision(e.date), "yes" if e.approximate else "no", e.id, e.title,
            *(" ".join(getattr(e.who, role)) for role in ROLES),
            " ".join(e.tags), " ".join(plain(c, graph) for c in e.claims), " ".join(_sources(e)),
            record_url(plan, e.id, site_url) if site_url else "",
        ])
    return out.getvalue()


def date_span(value: str) -> tuple[date, date]:
    """An all-day span [start, end) covering the date at its precision (day, month or year)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        start = date(*parts)
        return start, start + timedelta(days=1)
    if len(parts) == 2:
        year, month = parts
        start = date(year, month, 1)
        return start, start + timedelta(days=calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0] + 1, 1, 1)


def ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 folding: lines of at most 75 octets, continued with CRLF and a space."""
    out: list[str] = []
    chunk = b""
    for ch in line:
        enc = ch.encode("utf-8")
        if len(chunk) + len(enc) > (75 if not out else 74):
            out.append(chunk.decode("utf-8"))
            chunk = b""
        chunk += enc
    out.append(chunk.decode("utf-8"))
    return "\r\n ".join(out)


def _stamp(graph: Graph) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    start, _ = date_span(graph.briefing.as_of)
    return start.strftime("%Y%m%dT000000Z")


def timeline_ics(plan: Plan, site_url: str = "") -> str:
    graph = plan.graph
    host = urlsplit(site_url).netloc or "briefing.invalid"
    stamp = _stamp(graph)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//briefing//timeline export//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{ics_text(graph.briefing.title)}"]
    for e in graph.events_by_date:
        start, end = date_span(e.date)
        summary = e.title if precision(e.date) == "day" and not e.approximate else \
            f"{e.title} ({format_date(e.date, e.approximate)})"
        description = "\n".join([*(plain(c, graph) for c in e.claims), "Sources: " + ", ".join(_sources(e))])
        lines += ["BEGIN:VEVENT", f"UID:{e.id}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"SUMMARY:{ics_text(summary)}", f"DESCRIPTION:{ics_text(description)}"]
        if e.tags:
            lines.append("CATEGORIES:" + ",".join(ics_text(t) for t in e.tags))
        if site_url:
            lines.append(f"URL:{record_url(plan, e.id, site_url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def exports(plan: Plan, site_url: str = "") -> dict[str, str]:
    """{file name: content} for every export."""
    return {"briefing.json": briefing_json(plan.graph), "timeline.csv": timeline_csv(plan, site_url),
            "timeline.ics": timeline_ics(plan, site_url)}


# JSON-LD ---------------------------------------------------------------------------------------

def _citations(graph: Graph, claims: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sid in dict.fromkeys(c.source for claim in claims for c in claim.cite):
        s = graph.get(sid)
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
    types = {"person": "Person", "institution": "Country" if getattr(rec, "kind", "") == "state" else "Organization",
             "event": "Event"}
    thing: dict[str, Any] = {"@type": types[kind], "@id": url, "name": rec.title if kind == "event" else rec.name}
    if url.startswith("http"):
        thing["url"] = url
    if getattr(rec, "aliases", None):
        thing["alternateName"] = list(rec.aliases)
    thing["description"] = " ".join(plain(c, graph) for c in rec.claims)
    if kind == "event":
        thing["startDate"] = rec.date
        if rec.who.acted:  # schema.org's performer: who did it, not who it was done to
            thing["performer"] = [{"@type": "Person" if graph.kind(a) == "person" else "Organization",
                                   "name": graph.get(a).name} for a in rec.who.acted]
    thing["citation"] = _citations(graph, rec.claims)
    return thing


def jsonld_for(plan: Plan, spec: PageSpec, site_url: str = "") -> str | None:
    """The JSON-LD a page carries: its person or institution, or the events a timeline page shows."""
    base = site_url or "/"
    graph = plan.graph
    if spec.jsonld == "entity":
        entry = graph.index[spec.records[0]]
        data: dict[str, Any] = {"@context": "https://schema.org",
                                **_thing(graph, entry.kind, entry.record, record_url(plan, entry.record.id, base))}
    elif spec.jsonld == "events" and spec.records:
        data = {"@context": "https://schema.org",
                "@graph": [_thing(graph, "event", graph.get(e), record_url(plan, e, base)) for e in spec.records]}
    else:
        return None
    return script_json(data)


def script_json(data: Any) -> str:
    """JSON safe inside <script>: '<', '>' and '&' escaped, so '</script>' in a fact cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
