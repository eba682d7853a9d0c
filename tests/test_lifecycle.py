"""A briefing that lives on: questions open, answered or overtaken; claims and key figures
superseded by later ones; exports that carry both (briefing.json, and a timeline.ics that a
strict RFC 5545 reading still accepts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.facts.kinds import EVENT
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph
from briefing.pages import builders as pages
from briefing.pages.builders import plan
from briefing.site import build_site

from conftest import MINI, cli, copy_project, search, write_files

SITE_URL = "https://example.github.io/mini/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(MINI, tmp_path_factory.mktemp("lifecycle") / "mini")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: the links to superseding claims and figures resolve
    return project / "site"


def _html(site: Path, page: str) -> str:
    return (site / page).read_bytes().decode("utf-8")  # as served: CRLF stays CRLF


def _article(site: Path, page: str) -> str:
    """The page's own content, without the navigation and the table of contents."""
    return _html(site, page).split("<article")[1].split("</article>")[0]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _li(html: str, anchor: str) -> str:
    return search(rf'<li id="{anchor}">(.*?)</li>', html, re.DOTALL).group(1)


# -- questions --------------------------------------------------------------------------------

def test_answered_and_overtaken_questions_have_sections_of_their_own(site: Path):
    html = _article(site, "questions/index.html")
    headings = re.findall(r"<h2[^>]*>(.*?)<", html)
    assert headings[:3] == ["Open questions", "Answered questions", "Overtaken questions"]
    answered = html.split(">Answered questions<")[1].split(">Overtaken questions<")[0]
    assert 'id="resume"' in answered  # the anchor is the same: questions.md#resume
    text = _text(answered)
    assert "Status: answered on 12 March 2026" in text
    assert re.search(r"The answer The talks resumed on 12 March 2026\. ?\d", text)  # with its footnote
    assert "What would settle it" not in text  # settled
    overtaken = _text(html.split(">Overtaken questions<")[1])
    assert "Status: overtaken on 12 March 2026" in overtaken and "What overtook it" in overtaken
    open_part = _text(html.split(">Answered questions<")[0])
    assert "Status: open" in open_part and "What would settle it" in open_part
    assert "Will the talks resume" not in open_part


def test_the_home_page_shows_the_recently_answered(site: Path, graph, monkeypatch):
    home = _text(_article(site, "index.html")).split("Recently answered")[1].split("In this briefing")[0]
    assert "12 March 2026 : Will the talks resume in March?" in home
    assert "Will Otherland attend the March talks? (overtaken)" in home
    open_part = _text(_article(site, "index.html")).split("Open questions")[1].split("Recently answered")[0]
    assert "Will the angry letters be published?" in open_part and "resume" not in open_part
    monkeypatch.setattr(pages, "HOME_ANSWERED", 1)
    answered = plan(graph).specs["index.md"].context["answered"]
    assert isinstance(answered, list)
    assert [q.id for q in answered] == ["resume"]


def test_an_answered_question_needs_a_cited_answer_and_a_date(mini: Path):
    text = (mini / "facts/questions.yaml").read_text(encoding="utf-8")
    write_files(mini, {"facts/questions.yaml": text.replace("  resolved_on: 2026-03-12\n", "", 1)})
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    assert [(p.code.value, p.message) for p in exc.value.problems.items] == [
        ("bad-status", "an answered question needs resolved_on: the date it was answered")]


def test_the_printout_holds_the_answered_questions(graph):
    printout = build_site(graph, SITE_URL).pages["print.md"]
    assert "### Answered questions" in printout and "### Overtaken questions" in printout


# -- superseded claims and key figures ----------------------------------------------------------

def test_a_superseded_claim_says_when_and_links_the_later_one(site: Path):
    html = _html(site, "timeline/index.html")
    earlier, later = _li(html, "resume-planned"), _li(html, "resume-held")
    assert "The talks would resume in March." in earlier
    assert re.search(r'<em>superseded on 12 March 2026 by</em> <a href="#resume-held">The talks resumed on 12 March '
                     r"2026\.</a>", earlier)
    assert 'class="footnote-ref"' in earlier and 'class="footnote-ref"' in later  # both still cited
    assert "superseded" not in later


def test_superseded_figures_and_summary_claims_are_left_out_of_the_key_facts(mini: Path):
    text = (mini / "facts/briefing.yaml").read_text(encoding="utf-8")
    write_files(mini, {"facts/briefing.yaml": text.replace("""summary:
  - text: Ana Pérez said the talks went well.
""", """summary:
  - text: The talks would resume in March.
    id: summary-planned
    as_of: 2025-11-03
    superseded_by: summary-held
    cite:
      - source: article
        quote: would resume in March
  - text: The talks resumed on 12 March 2026.
    id: summary-held
    as_of: 2026-03-12
    cite:
      - source: later
        quote: The talks resumed on 12 March 2026
  - text: Ana Pérez said the talks went well.
""")})
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    home = build_site(graph, SITE_URL).pages["index.md"]
    what_happened = home.split("## What happened")[1].split("\n## ")[0]
    assert "The talks resumed on 12 March 2026" in what_happened and "would resume" not in what_happened
    figures = home.split("## Key facts and figures")[1].split("\n## ")[0]
    assert "| Resumption | <span id=\"resumption-held\"></span>12 March 2026[^" in figures
    assert "| March" not in figures
    superseded = home.split("## Superseded")[1].split("\n## ")[0]
    assert "- The talks would resume in March\\.[^" in superseded
    assert "(*superseded on 12 March 2026 by* [The talks resumed on 12 March 2026\\.](#summary-held))" in superseded
    assert "{ #summary-planned }" in superseded
    assert ("- Resumption: <span id=\"resumption-planned\"></span>March[^" in superseded
            and "by* [Resumption\\: 12 March 2026](#resumption-held))" in superseded)


def test_in_the_printout_the_link_goes_to_the_later_claims_page(graph):
    printout = build_site(graph, SITE_URL).pages["print.md"]
    assert "by* [The talks resumed on 12 March 2026\\.](timeline.md#resume-held))" in printout
    assert "{ #resume-held }" not in printout  # anchors stay on the records' own pages


def test_a_claim_cannot_be_superseded_by_a_figure(mini: Path):
    text = (mini / "facts/events.yaml").read_text(encoding="utf-8")
    write_files(mini, {"facts/events.yaml": text.replace("superseded_by: resume-held",
                                                         "superseded_by: resumption-held")})
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    [problem] = exc.value.problems.items
    assert problem.code.value == "unknown-reference" and "(it is a figure)" in problem.message


# -- exports ------------------------------------------------------------------------------------

def test_briefing_json_holds_status_and_supersession(site: Path):
    data = json.loads(_html(site, "briefing.json"))
    questions = {q["id"]: q for q in data["questions"]}
    assert questions["resume"]["status"] == "answered" and questions["resume"]["resolved_on"] == "2026-03-12"
    assert questions["resume"]["answer"][0]["cite"][0]["source"] == "later"
    assert questions["attend"]["status"] == "overtaken" and questions["letters-published"]["status"] == "open"
    claims = {c["id"]: c for e in data["events"] for c in e["claims"] if c["id"]}
    assert claims["resume-planned"]["superseded_by"] == "resume-held"
    assert claims["resume-planned"]["as_of"] == "2025-11-03" and claims["resume-held"]["superseded_by"] is None
    figures = {f["id"]: f for f in data["briefing"]["key_figures"]}
    assert figures["resumption-planned"] == {**figures["resumption-planned"], "as_of": "2025-11-03",
                                             "superseded_by": "resumption-held"}


def check_ics(text: str) -> list[dict[str, str]]:
    """A calendar as RFC 5545 requires it (3.1, 3.4, 3.6, 3.6.1, 3.8.4.7, 3.8.7.2): CRLF lines
    of at most 75 octets, folded with one space; VCALENDAR with VERSION and PRODID around
    VEVENTs, each with one UID, DTSTAMP and DTSTART, DTEND after DTSTART; UIDs unique."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded]
    assert names.count("VERSION") == 1 and names.count("PRODID") == 1
    events: list[dict[str, str]] = []
    stack: list[str] = []
    current: dict[str, str] = {}
    for line, name in zip(unfolded, names, strict=False):
        assert re.match(r"^[A-Z][A-Z0-9-]*$", name), line
        value = line.split(":", 1)[1]
        if name == "BEGIN":
            stack.append(value)
            current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
        elif stack and stack[-1] == "VEVENT":
            assert name not in current, f"{name} twice in one event"
            current[name] = line
    assert stack == []
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)
        start, end = (search(r"(\d{8})$", event[k]).group(1) for k in ("DTSTART", "DTEND"))
        assert end > start
    assert len({e["UID"] for e in events}) == len(events)
    return events


def test_timeline_ics_stays_valid(site: Path, graph):
    events = check_ics(_html(site, "timeline.ics"))
    assert len(events) == len(graph.of(EVENT))
    resumption = next(e for e in events if e["UID"].startswith("UID:resumption@"))
    assert "The talks resumed on 12 March 2026." in resumption["DESCRIPTION"]  # both claims, as they were
