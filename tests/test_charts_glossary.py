"""Glossary tooltips and the SVG charts: hostile text from the facts stays text, links resolve."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import markdown
import pytest
import yaml
from pydantic import ValidationError

from briefing.charts import draw as charts
from briefing.charts import relations_chart
from briefing.facts.graph import Graph
from briefing.facts.kinds import TERM, Kind
from briefing.facts.model import Citation, Claim, Term
from briefing.facts.validate import load_graph
from briefing.pages import glossary
from briefing.pages.builders import plan
from briefing.pages.plan import Plan
from briefing.site import build_site

from conftest import MINI, ROOT, copy_project

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


def _svgs(figure: str) -> list[ET.Element]:
    """Each drawing in a chart's figure (the narrow and the wide), parsed: well-formed XML or an error."""
    found = re.findall(r'<svg class="bc-.*?</svg>', figure, re.DOTALL)
    assert len(found) == 2, figure[:200]
    return [ET.fromstring(svg) for svg in found]


def _texts(root: ET.Element, tag: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(SVG + tag)]


def test_hostile_text_in_the_timeline_chart_stays_text(tmp_path):
    hostile = HOSTILE.replace("\x1b", "")  # YAML refuses control characters before we get here
    graph = _graph_with(tmp_path, hostile, "Ana")
    figure = charts.timeline_svg(plan(graph), graph.events_by_date, "timeline.md")
    whole = " ".join(hostile.split())
    for root in _svgs(figure):
        assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
        assert any(t.endswith(whole) for t in _texts(root, "title"))
        # the label is wrapped, never cut: its lines, joined, hold the whole title
        assert any("".join(t.itertext()).endswith(": " + whole) for t in root.iter(SVG + "text"))
        links = [a.get("href") for a in root.iter(SVG + "a")]
        assert links == [f"#{e.id}" for e in graph.events_by_date]  # the timeline page links to its own entries
    assert "<script>" not in figure


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("timeline.md", ("timeline.md", "x"), "#x"),
    ("timeline.md", ("people/a.md", ""), "../people/a/"),
    ("relations.md", ("institutions/index.md", ""), "../institutions/"),
    ("index.md", ("timeline.md", "e"), "timeline/#e"),
    ("timeline/2025.md", ("people/a.md", ""), "../../people/a/"),
    ("timeline/2025.md", ("timeline/2024.md", "e"), "../2024/#e"),
    ("people/a.md", ("people/a.md", ""), "./"),
])
def test_chart_links_follow_directory_urls(graph, here, target, expected):
    """Raw HTML links (MkDocs does not rewrite them) are relative to the page's served folder."""
    the_plan = Plan(graph=graph, where={"r": target})  # html_href reads `where` only
    assert the_plan.html_href("r", here) == expected


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.titles = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.titles += [v for k, v in attrs if k == "title"]


def _term(text: str) -> Term:
    claim = Claim(text=text, cite=[Citation(source="s", quote="q")])
    return Term(id="legation", term="legation", aliases=["safe-conduct"], explained=[claim], used=[claim])


class _Terms:
    """A graph holding only glossary terms (what glossary.tooltips reads)."""

    def __init__(self, *terms: Term):
        self.terms = list(terms)

    def of(self, kind: Kind[Term]) -> list[Term]:
        assert kind is TERM
        return self.terms


def _graph_of(*terms: Term) -> Graph:
    """A _Terms, where glossary takes a Graph: a stand-in with only the one method glossary calls, so
    typed as the Graph it stands in for."""
    return cast(Graph, _Terms(*terms))


def test_tooltip_text_cannot_break_out_of_its_title():
    term = _term(HOSTILE)
    defs = glossary.tooltips(_graph_of(term))
    assert list(defs) == ["legation"]  # 'safe-conduct' is written 'safe\-conduct' on pages: no match
    page = "The legation was here.\n"
    out = markdown.markdown(page + "\n" + glossary.abbreviations(page, defs),
                            extensions=["abbr", "pymdownx.escapeall"])
    parsed = _Tags()
    parsed.feed(out)
    assert parsed.tags == ["p", "abbr"], out
    assert parsed.titles == [" ".join(HOSTILE.replace("\x1b", " ").split())]


def test_no_tooltip_for_a_term_no_source_explains():
    claim = Claim(text="Used here.", cite=[Citation(source="s", quote="q")])
    term = Term(id="png", term="persona non grata", used=[claim])
    assert glossary.tooltip_title(term, _graph_of(term)) is None
    assert glossary.abbreviations("persona non grata", glossary.tooltips(_graph_of(term))) == ""


@pytest.mark.parametrize("bad", ["a]b", "x\\y", "<b>", "-dash", "*star*", ""])
def test_terms_that_would_break_an_abbreviation_are_refused(bad):
    with pytest.raises(ValidationError):
        Term(id="t", term=bad, used=[Claim(text="x", cite=[Citation(source="s", quote="q")])])


# -- what the charts claim: sides from the data, relations from roles --------------------------

def _mini_with(tmp_path: Path, event: str, who: dict) -> Graph:
    project = copy_project(MINI, tmp_path / "p")
    events = project / "facts/events.yaml"
    data = yaml.safe_load(events.read_text(encoding="utf-8"))
    next(e for e in data if e["id"] == event)["who"] = who
    events.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_graph(project / "facts", project / "seeds")


def test_two_opposing_sides_acting_in_one_event_are_not_said_to_have_acted_together(tmp_path):
    graph = _mini_with(tmp_path, "rejection", {"acted": ["otherland", "ministry", "ana-perez"],
                                               "acted_on": ["testland"]})
    rels = charts.relations(graph)
    together = [(a, b) for a, label, b, _e in rels if label == charts.TOGETHER]
    assert ("ana-perez", "ministry") in together  # both on Testland's side
    assert not [pair for pair in together if "otherland" in pair]  # Otherland is the other side
    acted_on = {a for a, label, b, _e in rels if label == charts.ACTED_ON and b == "testland"}
    assert acted_on == {"otherland", "ministry", "ana-perez"}  # what each did is still said


def test_a_records_connections_are_listed_in_words_too():
    # the view itself: tests/test_relations_view.py
    page = build_site(load_graph(MINI / "facts", MINI / "seeds")).pages["people/ana-perez.md"]
    assert "## Connections" in page and "briefing-connections-chart" in page
    assert ("- Ana Pérez acted together with [Ministry of Foreign Affairs](../institutions/ministry.md) "
            "(in “[Ministers meet](../timeline.md#meeting)”)") in page


_DIGEST = """import hashlib, re, sys
from pathlib import Path
from briefing.site import build_site
from briefing.facts.validate import load_graph
p = Path(sys.argv[1])
site = build_site(load_graph(p / "facts", p / "seeds"))
figures = [f for path in sorted(site.pages) for f in re.findall(r'<figure class="briefing-chart.*?</figure>',
                                                                site.pages[path], re.DOTALL)]
print(len(figures), hashlib.sha256("".join(figures).encode()).hexdigest())
"""


@pytest.mark.parametrize("project", [ROOT, MINI], ids=["real", "mini"])
def test_two_builds_draw_the_same_chart_bytes(project):
    """Layouts are deterministic: no set order, clock or hash seed reaches a chart."""
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", _DIGEST, str(project)], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(result.stdout)
    count = int(outputs[0].split()[0])
    assert count >= (20 if project == ROOT else 5)  # the map, the timeline and each record's connections
    assert outputs[0] == outputs[1]


def test_the_sources_order_narrows_an_uncertain_date_on_the_chart():
    graph = load_graph(MINI / "facts", MINI / "seeds")
    narrowed = charts.narrowed_dates(graph.events_by_date)
    # 'letters' is known only to 2025 and came before the meeting of 3 November 2025;
    # the rejection is known only to November 2025 and came after the meeting
    assert narrowed == {"letters": (dt.date(2025, 1, 1), dt.date(2025, 11, 3)),
                        "rejection": (dt.date(2025, 11, 3), dt.date(2025, 11, 30))}
    assert "meeting" not in narrowed and "resumption" not in narrowed  # a day; a month nothing bounds


def test_a_record_with_too_many_connections_lists_them_without_a_drawing(monkeypatch):
    graph = load_graph(MINI / "facts", MINI / "seeds")
    monkeypatch.setattr(relations_chart, "CONNECTIONS_BUDGET", 1)
    page = build_site(graph).pages["institutions/ministry.md"]  # three neighbours
    assert "briefing-connections-chart" not in page
    assert "There are too many connections to draw legibly; the list gives every one." in page
    connections = page.split("## Connections")[1].split("\n## ")[0]
    assert [line for line in connections.splitlines() if line.startswith("- ")] == [
        "- [Ana Pérez](../people/ana-perez.md) holds a role in Ministry of Foreign Affairs",
        "- Ministry of Foreign Affairs belongs to [Testland](testland.md)",
        "- [Otherland](otherland.md) acted on Ministry of Foreign Affairs "
        "(in “[Otherland rejects the talks](../timeline.md#rejection)”)",
        "- [Ana Pérez](../people/ana-perez.md) acted together with Ministry of Foreign Affairs "
        "(in “[Ministers meet](../timeline.md#meeting)”)",
    ]


def test_no_tooltip_inside_a_quotation():
    """A term gets its tooltip in the site's own sentences, never inside a quotation (curly, straight or
    guillemets, nested too) or a block quotation: this briefing's words stay out of a source's (fact-checks 18
    and 20, C-F1)."""
    page = ('The legation said “the legation, “our legation”, stays” and "a legation" and «la legation»; '
            "then the legation.\n\n> The legation of the treaty.\n\nA legation[^1]\n\n"
            "[^1]: [Label](x.md): “a quoted legation”\n")
    named = markdown.markdown('Was it a "legation"? A «legation»? “They called it a "legation"”, a report says.'
                              '\n\n*[legation]: tip\n', extensions=["abbr", "briefing.publish.quotes"])
    # the term named alone in the site's words keeps its tooltip; named alone inside a quotation, it does not
    assert named.count('<abbr title="tip">legation</abbr>') == 2, named
    assert '“They called it a "legation"”' in named
    out = markdown.markdown(page + "\n*[legation]: tip\n",
                            extensions=["abbr", "pymdownx.escapeall", "footnotes", "briefing.publish.quotes"])
    marked = re.findall(r"<abbr title=\"tip\">legation</abbr>", out)
    assert len(marked) == 3, out  # 'The legation', 'then the legation', 'A legation'
    assert "“the legation, “our legation”, stays”" in out and '"a legation"' in out and "«la legation»" in out
    assert "<p>The legation of the treaty.</p>" in out and "“a quoted legation”" in out
    plain = markdown.markdown(page + "\n*[legation]: tip\n", extensions=["abbr", "pymdownx.escapeall", "footnotes"])
    assert len(re.findall(r"<abbr", plain)) == 9  # Markdown's own abbr marks every one


def test_the_plugin_adds_the_quotation_aware_tooltips_after_abbr():
    from briefing.plugin import REQUIRED_EXTENSIONS

    assert REQUIRED_EXTENSIONS.index("briefing.publish.quotes") > REQUIRED_EXTENSIONS.index("abbr")
