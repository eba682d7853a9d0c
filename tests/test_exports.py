"""Exports (JSON, CSV, iCalendar, JSON-LD), 'edit this' links and the reference page, in the built site."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from briefing.facts.codes import Code
from briefing.facts.kinds import EVENT, INSTITUTION, PERSON, SOURCE, TERM, filed
from briefing.facts.model import Account, Claim, translated_fields, walk
from briefing.facts.validate import load_graph
from briefing.pages.builders import plan
from briefing.pages.reference import records
from briefing.pages.voice import plain
from briefing.publish.editlinks import blob_base
from briefing.publish.export import date_span, exports, script_json, timeline_ics

from conftest import MINI, cli, copy_project, search

REPO = "https://github.com/example/mini"


@pytest.fixture(scope="module")
def the_plan(graph):
    return plan(graph)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(MINI, tmp_path_factory.mktemp("exports") / "mini")
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    (project / "mkdocs.yml").write_text(config + f"repo_url: {REPO}\nedit_uri: edit/trunk/docs/\n")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


def _claims(obj) -> list[dict]:
    """Every claim-shaped dict (text + cite) anywhere in a JSON tree."""
    found = []
    if isinstance(obj, dict):
        if {"text", "cite"} <= set(obj):
            found.append(obj)
        for v in obj.values():
            found += _claims(v)
    elif isinstance(obj, list):
        for v in obj:
            found += _claims(v)
    return found


def test_briefing_json_holds_every_kind_of_record_with_citations(the_plan, graph):
    data = json.loads(exports(the_plan)["briefing.json"])
    assert list(data) == ["briefing", *(k.export_key for k in filed())]
    assert "glossary" in data and [t["id"] for t in data["glossary"]] == [t.id for t in graph.of(TERM)]
    for k in filed():
        expected = graph.events_by_date if k.name == "event" else graph.of(k)
        assert [r["id"] for r in data[k.export_key]] == [r.id for r in expected], k.name
    claims = _claims(data)
    everything = [graph.briefing, *(r for k in filed() for r in graph.of(k))]
    expected = sum(1 for rec in everything for _p, _n, value, _k in walk(rec) if isinstance(value, (Claim, Account)))
    assert len(claims) == expected
    for claim in claims:
        assert all(c["source"] in graph.index for c in claim["cite"])
    said = [c for c in claims if c.get("said_by")]
    assert said and all(c["voice"] == "fact" for c in said)  # the attribution travels with the data
    assert any(c.get("voice") == "outlet" for c in claims)


def test_timeline_csv_has_one_row_per_event_in_date_order(the_plan, graph):
    rows = list(csv.DictReader(io.StringIO(exports(the_plan, "https://x.org/b/")["timeline.csv"])))
    assert [r["id"] for r in rows] == [e.id for e in graph.events_by_date]
    first = graph.events_by_date[0]
    assert rows[0]["date"] == first.date and rows[0]["title"] == first.title
    assert rows[0]["url"] == f"https://x.org/b/timeline/#{first.id}"
    assert rows[0]["sources"].split() == list(dict.fromkeys(c.source for cl in first.claims for c in cl.cite))


def test_date_span_covers_the_date_at_its_precision():
    assert date_span("2025-11-03") == (date(2025, 11, 3), date(2025, 11, 4))
    assert date_span("2025-12") == (date(2025, 12, 1), date(2026, 1, 1))
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 3, 1))
    assert date_span("2023") == (date(2023, 1, 1), date(2024, 1, 1))


def test_ics_one_all_day_vevent_per_event_deterministic(the_plan, graph, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    ics = timeline_ics(the_plan, "https://example.github.io/mini/")
    assert ics == timeline_ics(the_plan, "https://example.github.io/mini/")  # byte-identical
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    unfolded = ics.replace("\r\n ", "")
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, re.DOTALL)
    assert len(events) == len(graph.of(EVENT))
    by_uid = {search(r"UID:(\S+)", e).group(1): e for e in events}
    assert [search(r"UID:(\S+)", e).group(1) for e in events] == [f"{e.id}@example.github.io"
                                                                  for e in graph.events_by_date]
    meeting = by_uid["meeting@example.github.io"]  # 2025-11-03: one day
    assert "DTSTART;VALUE=DATE:20251103\r\n" in meeting and "DTEND;VALUE=DATE:20251104\r\n" in meeting
    resumption = by_uid["resumption@example.github.io"]  # 2026-03: the whole month
    assert "DTSTART;VALUE=DATE:20260301\r\n" in resumption and "DTEND;VALUE=DATE:20260401\r\n" in resumption
    stamps = set(re.findall(r"DTSTAMP:(\S+)", unfolded))
    assert stamps == {graph.briefing.as_of.replace("-", "") + "T000000Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "DTSTAMP:20231114T221320Z" in timeline_ics(the_plan)


def test_ics_reads_back_with_the_library_as_written(tmp_path: Path):
    """Commas, semicolons, backslashes and line breaks survive: read with icalendar's own parser, every
    event's summary, description, categories and dates are the facts' own."""
    import icalendar

    project = copy_project(MINI, tmp_path / "p")
    events = project / "facts" / "events.yaml"
    hostile = "Talks, part 2; the minister's \\ note"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "title: Ministers meet", f"title: {json.dumps(hostile)}", 1), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    the_plan = plan(graph)
    calendar = icalendar.Calendar.from_ical(timeline_ics(the_plan, "https://example.github.io/mini/"))
    read = {str(ev["UID"]).split("@")[0]: ev for ev in calendar.walk("VEVENT")}
    assert list(read) == [e.id for e in graph.events_by_date]
    for e in graph.events_by_date:
        ev = read[e.id]
        assert str(ev["SUMMARY"]).startswith(e.title)
        assert str(ev["DESCRIPTION"]).split("\n")[0] == plain(e.claims[0], graph)
        start, end = date_span(e.date)
        assert ev.decoded("DTSTART") == start and ev.decoded("DTEND") == end
        if e.tags:
            categories = ev["CATEGORIES"]
            assert isinstance(categories, icalendar.vCategory), type(categories)
            assert [str(c) for c in categories.cats] == list(e.tags)
    assert hostile in [str(ev["SUMMARY"]) for ev in read.values()]


def test_script_json_cannot_close_the_script_element():
    text = script_json({"name": "</script><script>alert(1)</script> & co"})
    assert "</" not in text and "<" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_exports_are_in_the_site_and_linked_from_home(built: Path, the_plan):
    site = built / "site"
    for name, content in exports(the_plan, "https://example.github.io/mini/").items():
        assert (site / name).read_bytes() == content.encode("utf-8"), name
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in ("briefing.json", "timeline.csv", "timeline.ics"):
        assert f'href="{name}"' in home


def test_rebuilding_gives_byte_identical_exports(built: Path):
    before = {n: (built / "site" / n).read_bytes() for n in ("briefing.json", "timeline.csv", "timeline.ics")}
    result = cli("--project", str(built), "build")
    assert result.returncode == 0, result.stderr
    assert {n: (built / "site" / n).read_bytes() for n in before} == before


def _jsonld(html: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_entity_pages_carry_json_ld_with_citations(built: Path, graph):
    site = built / "site"
    person = graph.of(PERSON)[0]
    head = (site / f"people/{person.id}/index.html").read_text(encoding="utf-8").split("</head>")[0]
    [data] = _jsonld(head)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Person"
    assert data["name"] == person.name
    assert data["url"] == f"https://example.github.io/mini/people/{person.id}/"
    cited = {graph.get(c.source).title for cl in person.claims for c in cl.cite}
    assert {w["name"] for w in data["citation"]} == cited
    inst = next(i for i in graph.of(INSTITUTION) if i.kind != "state")
    [org] = _jsonld((site / f"institutions/{inst.id}/index.html").read_text(encoding="utf-8"))
    assert org["@type"] == "Organization" and org["citation"]
    [timeline] = _jsonld((site / "timeline/index.html").read_text(encoding="utf-8"))
    assert {e["@type"] for e in timeline["@graph"]} == {"Event"}
    assert [e["startDate"] for e in timeline["@graph"]] == [e.date for e in graph.events_by_date]
    assert _jsonld((site / "sources/index.html").read_text(encoding="utf-8")) == []


def _line_of(path: Path, rid: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if re.match(rf"\s*-?\s*id: {re.escape(rid)}\s*$", text))


def _edit_href(html: str) -> str:
    return search(r'<a href="([^"]+)" title="Edit this page"', html).group(1)


def test_edit_buttons_open_the_yaml_record_at_its_line(built: Path, graph):
    site = built / "site"
    for kind, folder, stem in (("people", graph.of(PERSON), "people"),
                               ("institutions", graph.of(INSTITUTION), "institutions")):
        for rec in folder:
            href = _edit_href((site / f"{kind}/{rec.id}/index.html").read_text(encoding="utf-8"))
            line = _line_of(built / "facts" / f"{stem}.yaml", rec.id)
            suffix = f"#L{line}" if line > 1 else ""
            assert href == f"{REPO}/blob/trunk/facts/{stem}.yaml{suffix}"
    source = graph.of(SOURCE)[-1]
    href = _edit_href((site / f"sources/{source.id}/index.html").read_text(encoding="utf-8"))
    assert href == f"{REPO}/blob/trunk/facts/sources.yaml#L{_line_of(built / 'facts/sources.yaml', source.id)}"
    assert _edit_href((site / "timeline/index.html").read_text()) == f"{REPO}/blob/trunk/facts/events.yaml"
    # hand-written pages keep MkDocs' own edit link into docs/
    assert _edit_href((site / "about/index.html").read_text()) == f"{REPO}/edit/trunk/docs/about.md"


def test_blob_base():
    assert blob_base("https://github.com/o/r/", "edit/main/docs/") == "https://github.com/o/r/blob/main/"
    assert blob_base("https://github.com/o/r", None) is None
    assert blob_base(None, "edit/main/") is None


def test_reference_page_lists_every_field_and_error_code(built: Path):
    html = (built / "site" / "reference" / "index.html").read_text(encoding="utf-8")
    for name, model in records().items():
        assert f'id="{name.lower()}"' in html, name
        for field, info in model.model_fields.items():
            if field != "translations":  # written as keys named by a language
                assert f"<code>{field}</code>" in html, f"{name}.{field}"
            assert info.description, f"{name}.{field} has no docstring"
        translated = translated_fields(model)
        if translated:
            section = html.split(f'id="{name.lower()}"', 1)[1].split("<h3", 1)[0]
            assert "a language code (<code>es</code>)" in section, name
            assert all(f"<code>{f}</code>" in section.split("a language code", 1)[1] for f in translated), name
    for code in Code:
        assert f"<code>{code.value}</code>" in html, code


@pytest.mark.parametrize("title", ["=1+2 cmd|calc", "+SUM(A1)", "-2+3", "@cmd", "\t=1+1", "\r=1+1"])
def test_a_csv_cell_never_starts_a_formula(tmp_path: Path, title: str):
    """CSV injection (OWASP): a title a spreadsheet would run as a formula is read back, as a spreadsheet's
    import reads the file, as text that starts with an apostrophe, so the sheet shows it and runs nothing."""
    project = copy_project(MINI, tmp_path / "p")
    events = project / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "title: Ministers meet", f"title: {json.dumps(title + ' (a test)')}", 1), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    rows = list(csv.reader(io.StringIO(exports(plan(graph))["timeline.csv"], newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    written = next(e.title for e in graph.events_by_date if e.title.endswith("(a test)"))  # as the model keeps it
    assert written.startswith(("=", "+", "-", "@")) and "'" + written in titles


def test_each_edition_publishes_the_timeline_in_its_language_and_the_whole_briefing(built: Path, graph):
    site = built / "site"
    # briefing.json: the same file in each edition, every translation in it
    assert (site / "es/briefing.json").read_bytes() == (site / "briefing.json").read_bytes()
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    meeting = next(e for e in data["events"] if e["id"] == "meeting")
    assert meeting["title"] == "Ministers meet" and meeting["translations"]["es"]["title"] == "Los ministros se reúnen"
    assert meeting["claims"][0]["translations"]["es"] == "La reunión tuvo lugar el 3 de noviembre de 2025."
    # the CSV: the same columns and rows, in the edition's words, linking into the edition
    english, spanish = (list(csv.DictReader(io.StringIO((site / f"{e}timeline.csv").read_text(encoding="utf-8"))))
                        for e in ("", "es/"))
    assert [r["id"] for r in spanish] == [r["id"] for r in english] == [e.id for e in graph.events_by_date]
    assert list(spanish[0]) == list(english[0])
    rows = {r["id"]: r for r in spanish}
    assert rows["meeting"]["title"] == "Los ministros se reúnen"
    assert rows["meeting"]["claims"].startswith("La reunión tuvo lugar el 3 de noviembre de 2025.")
    assert rows["meeting"]["url"] == "https://example.github.io/mini/es/timeline/#meeting"
    assert {r["date"] for r in spanish} == {r["date"] for r in english}  # dates as data, not words
    # the calendar: each event's summary and description in the edition's words, its link into the edition
    import icalendar

    calendar = icalendar.Calendar.from_ical((site / "es/timeline.ics").read_text(encoding="utf-8"))
    read = {str(ev["UID"]).split("@")[0]: ev for ev in calendar.walk("VEVENT")}
    assert list(read) == [e.id for e in graph.events_by_date]
    assert str(read["meeting"]["SUMMARY"]) == "Los ministros se reúnen"
    assert str(read["meeting"]["DESCRIPTION"]).startswith("La reunión tuvo lugar el 3 de noviembre de 2025.")
    assert str(read["meeting"]["URL"]) == "https://example.github.io/mini/es/timeline/#meeting"
    assert str(read["resumption"]["SUMMARY"]).startswith("Las conversaciones se reanudarán (")
    assert "marzo de 2026" in str(read["resumption"]["SUMMARY"])  # a month, in Spanish
    # the Spanish home page links the Spanish edition's files
    home = (site / "es/index.html").read_text(encoding="utf-8")
    for name in ("briefing.json", "timeline.csv", "timeline.ics"):
        assert f'href="{name}"' in home
