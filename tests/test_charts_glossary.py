"""Glossary tooltips and the SVG charts: hostile text from the facts stays text, links resolve."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from pydantic import ValidationError

from briefing import charts, glossary
from briefing.model import Claim, Term
from briefing.pages import RELATIONS_PATH, plan
from briefing.site import build_site
from briefing.validate import load_graph

from conftest import MINI, copy_project

HOSTILE = ('</text></svg><script>alert(1)</script> "quoted" \'single\' <b onclick=x>b</b> '
           "&amp; &lt; ]]> <![CDATA[x]]> *[HTML]: abbr \x1b")
SVG = "{http://www.w3.org/2000/svg}"


def _graph_with(tmp_path: Path, title: str, name: str):
    project = copy_project(MINI, tmp_path / "p")
    # Words in quotation marks in a title must be a source's words: give the event a quote holding them.
    with (project / "seeds/article.txt").open("a", encoding="utf-8") as seed:
        seed.write('\nIt was "quoted" here.\n')
    events = project / "facts/events.yaml"
    data = yaml.safe_load(events.read_text(encoding="utf-8"))
    data[0]["claims"][0]["cite"].append({"source": "article", "quote": "quoted"})
    events.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for stem, path, value in (("events", (0, "title"), title), ("people", (0, "name"), name)):
        file = project / "facts" / f"{stem}.yaml"
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data[path[0]][path[1]] = value
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_graph(project / "facts", project / "seeds")


def _texts(svg: str, tag: str) -> list[str]:
    root = ET.fromstring(svg.split("<figcaption>")[0].split("\n", 1)[1])  # the <svg> element alone
    return ["".join(el.itertext()) for el in root.iter(SVG + tag)]


def test_hostile_text_in_the_timeline_chart_stays_text(tmp_path):
    hostile = HOSTILE.replace("\x1b", "")  # YAML refuses control characters before we get here
    graph = _graph_with(tmp_path, hostile, "Ana")
    svg = charts.timeline_svg(plan(graph), graph.events_by_date, "timeline.md")
    root = ET.fromstring(svg.split("<figcaption>")[0].split("\n", 1)[1])  # well-formed XML
    assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
    assert any(t.endswith(" ".join(hostile.split())) for t in _texts(svg, "title"))
    links = [a.get("href") for a in root.iter(SVG + "a")]
    assert links == [f"#{e.id}" for e in graph.events_by_date]  # the timeline page links to its own entries


def test_hostile_name_in_the_relationship_map_stays_text(tmp_path):
    hostile = HOSTILE.replace("\x1b", "")
    graph = _graph_with(tmp_path, "Meeting", hostile)
    rels = charts.relations(graph)
    assert ("ana-perez", "belongs to", "testland", []) in rels
    assert ("ana-perez", "acted together with", "ministry", ["meeting"]) in rels
    svg = charts.relations_svg(plan(graph), rels, RELATIONS_PATH)
    root = ET.fromstring(svg.split("<figcaption>")[0].split("\n", 1)[1])
    assert not list(root.iter(SVG + "script"))
    assert any(t.startswith(" ".join(hostile.split())) for t in _texts(svg, "title"))
    assert "../people/ana-perez/" in [a.get("href") for a in root.iter(SVG + "a")]
    page = build_site(graph).pages[RELATIONS_PATH]
    assert "<script>" not in page.split("</figure>", 1)[1]  # the table escapes the name too


@pytest.mark.parametrize(("src", "target", "expected"), [
    ("timeline.md", "#x", "#x"),
    ("timeline.md", "people/a.md", "../people/a/"),
    ("relations.md", "institutions/index.md", "../institutions/"),
    ("index.md", "timeline.md#e", "timeline/#e"),
    ("timeline/2025.md", "../people/a.md", "../../people/a/"),
    ("timeline/2025.md", "2024.md#e", "../2024/#e"),
])
def test_site_href_follows_directory_urls(src, target, expected):
    assert charts.site_href(src, target) == expected


def test_spans_by_precision():
    assert charts._span("2025") == (2025, 0.0, 1.0)
    year, start, end = charts._span("2025-02")
    assert (year, round(start * 365), round(end * 365)) == (2025, 31, 59)
    _, start, end = charts._span("2025-11-03")
    assert start == end and 0.83 < start < 0.85


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.titles = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.titles += [v for k, v in attrs if k == "title"]


def _term(text: str) -> Term:
    claim = Claim(text=text, cite=[{"source": "s", "quote": "q"}])
    return Term(id="legation", term="legation", aliases=["safe-conduct"], explained=[claim], used=[claim])


class _Terms:
    """A graph holding only glossary terms (what glossary.tooltips reads)."""

    def __init__(self, *terms: Term):
        self.terms = list(terms)

    def of(self, kind: str) -> list[Term]:
        assert kind == "term"
        return self.terms


def test_tooltip_text_cannot_break_out_of_its_title():
    term = _term(HOSTILE)
    defs = glossary.tooltips(_Terms(term))
    assert list(defs) == ["legation"]  # 'safe-conduct' is written 'safe\-conduct' on pages: no match
    page = "The legation was here.\n"
    out = markdown.markdown(page + "\n" + glossary.abbreviations(page, defs),
                            extensions=["abbr", "pymdownx.escapeall"])
    parsed = _Tags()
    parsed.feed(out)
    assert parsed.tags == ["p", "abbr"], out
    assert parsed.titles == [" ".join(HOSTILE.replace("\x1b", " ").split())]


def test_no_tooltip_for_a_term_no_source_explains():
    claim = Claim(text="Used here.", cite=[{"source": "s", "quote": "q"}])
    term = Term(id="png", term="persona non grata", used=[claim])
    assert glossary.tooltip_title(term, _Terms(term)) is None
    assert glossary.abbreviations("persona non grata", glossary.tooltips(_Terms(term))) == ""


@pytest.mark.parametrize("bad", ["a]b", "x\\y", "<b>", "-dash", "*star*", ""])
def test_terms_that_would_break_an_abbreviation_are_refused(bad):
    with pytest.raises(ValidationError):
        Term(id="t", term=bad, used=[Claim(text="x", cite=[{"source": "s", "quote": "q"}])])
