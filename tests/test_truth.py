"""What the generator writes from data is a claim too: relation labels come from roles, a claim's
voice is shown with it everywhere, records only mentioned stay off lists, the navigation and the map,
and quotation marks hold a source's words."""

from __future__ import annotations

import csv
import io
import json

import pytest

from briefing.charts import draw as charts
from briefing.facts.kinds import EVENT
from briefing.facts.model import Citation, Claim
from briefing.facts.truth import quoted_segments
from briefing.facts.validate import load_graph
from briefing.pages import plan as plan_module
from briefing.pages.builders import plan
from briefing.pages.voice import plain
from briefing.publish.export import jsonld_for
from briefing.site import build_site
from briefing.text import shorten

from conftest import cli


def test_relation_labels_come_from_roles(graph):
    rels = {(a, label, b): events for a, label, b, events in charts.relations(graph)}
    assert rels[("otherland", charts.ACTED_ON, "ministry")] == ["rejection"]  # acted -> acted on
    assert rels[("ana-perez", charts.TOGETHER, "ministry")] == ["meeting"]  # both acted
    # Testland is only involved in the letters Otherland wrote: not "together", not "acted on"
    assert not any("testland" in (a, b) for a, label, b in rels if label != "belongs to")


def test_every_event_relation_is_backed_by_the_roles_of_its_events(graph):
    rels = [(a, label, b, eid) for a, label, b, events in charts.relations(graph) for eid in events]
    assert {label for _a, label, _b, _e in rels} >= {charts.ACTED_ON, charts.TOGETHER}
    for a, label, b, eid in rels:
        who = graph.get(eid).who
        holds = {charts.ACTED_ON: a in who.acted and b in who.acted_on,
                 charts.TOGETHER: a in who.acted and b in who.acted,
                 charts.SPOKE: a in who.spoke and b in who.acted}
        assert holds[label], (a, label, b, eid)


def test_a_claim_shows_whose_voice_it_is_on_pages_and_in_exports(graph, site):
    timeline = site.pages["timeline.md"]
    assert "- According to [Otherland](institutions/otherland.md)\\: The talks \"did not go well\"" in timeline
    assert "- According to [Example Daily](sources/reply.md)\\: The quarrel is the latest episode" in timeline
    treaty = site.pages["legal/example-treaty.md"]
    assert "*This briefing's reading:* The treaty's Article I bears on the talks" in treaty
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(site.files["timeline.csv"].decode()))}
    assert rows["rejection"]["claims"].startswith('According to Otherland: The talks "did not go well".')
    data = json.loads(site.files["briefing.json"])
    rejection = next(e for e in data["events"] if e["id"] == "rejection")
    assert [c["said_by"] for c in rejection["claims"]] == [["otherland"], []]
    assert [c["voice"] for c in rejection["claims"]] == ["fact", "outlet"]
    ld = json.loads(jsonld_for(site.plan, site.plan.specs["timeline.md"]) or "")  # in the page's head
    [described] = [e["description"] for e in ld["@graph"] if e["name"] == "Otherland rejects the talks"]
    assert described.startswith('According to Otherland: The talks "did not go well". According to Example Daily: ')


def test_plain_attribution_names_speakers_and_outlets(graph):
    cite = [Citation(source="reply", quote="q")]
    assert plain(Claim(text="X.", cite=cite, said_by=["otherland", "ministry"]), graph) == \
        "According to Otherland and Ministry of Foreign Affairs: X."
    assert plain(Claim(text="X.", cite=cite, voice="outlet"), graph) == "According to Example Daily: X."
    assert plain(Claim(text="X.", cite=cite, voice="reading"), graph) == "This briefing's reading: X."
    assert plain(Claim(text="X.", cite=cite), graph) == "X."


def test_a_record_only_mentioned_stays_off_lists_nav_and_map(graph, site):
    assert graph.get("jan-doe").relevance == "mentioned"
    assert "people/jan-doe.md" in site.pages  # it keeps its page, which search indexes
    nav = json.dumps(site.nav([]))
    assert "jan-doe" not in nav and "Jan Doe" not in nav
    assert "Jan Doe" not in site.pages["people/index.md"]
    assert not any("jan-doe" in (a, b) for a, _label, b, _e in charts.relations(graph))
    assert "Jan Doe" not in site.pages["relations.md"]
    assert "(people/index.md) (1)" in site.pages["index.md"]  # the home page counts people in the story
    assert "[Jan Doe](../people/jan-doe.md)" in site.pages["sources/reply.md"]  # on its source's page


def test_disagreements_of_substance_come_before_spellings(site):
    page = site.pages["differences.md"]
    assert page.index("How the talks went") < page.index("## Spellings of names") < page.index("The minister's name")


def test_the_timeline_heads_a_year_only_event_as_such(site):
    page = site.pages["timeline.md"]
    assert page.index("### 2025, month not given") < page.index("#### 2025: Otherland and Testland exchange letters")
    assert page.index("exchange letters") < page.index("3 November 2025: Ministers meet")  # before: [meeting]
    assert page.index("3 November 2025: Ministers meet") < page.index("November 2025: Otherland rejects")


@pytest.mark.parametrize(("text", "segments"), [
    ('He said it "went well".', ["went well"]),
    ("“first” and «second» and „third“", ["first", "second", "third"]),
    ('"one … two" and "three [...] four"', ["one", "two", "three", "four"]),
    ("no quotation marks, an apostrophe's fine", []),
])
def test_quoted_segments(text, segments):
    assert quoted_segments(text) == segments


def test_every_page_links_each_record_where_the_plan_put_it(graph):
    the_plan = plan(graph)
    assert the_plan.where["rejection"] == ("timeline.md", "rejection")
    assert the_plan.where["example-art-1"] == ("legal/example-treaty.md", "example-art-1")
    assert the_plan.where["index"] == ("index.md", "")


def test_an_entity_page_lists_its_events_in_the_one_order(mini):
    # the letters (2025, before the meeting) come third in the file, first in time
    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "    acted: [otherland]\n    involved: [testland]",
        "    acted: [otherland]\n    involved: [testland, ana-perez]"),
        encoding="utf-8")
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    page = build_site(graph).pages["people/ana-perez.md"]
    listed = page[page.index("## On the timeline"):].split("\n\n")[1]
    # a date bounded by a source's publication gives its bound, as on the home page (round five, B7)
    assert [line.split(": ", 1)[0] for line in listed.splitlines()] == [
        "- 2025, no later than November 2025", "- 3 November 2025", "- about March 2026, no later than 12 March 2026"]
    assert [e.id for e in graph.events_by_date if "ana-perez" in e.who.everyone()] == ["letters", "meeting",
                                                                                       "resumption"]


def test_a_month_split_by_a_year_only_event_stays_one_page(mini, monkeypatch):
    # 'letters' (2025) comes before the meeting (3 Nov), so after 'early' (1 Nov): November's events
    # come in two runs; past the budget each month is one page, and each event is on exactly one page

    monkeypatch.setattr(plan_module, "TIMELINE_BUDGET", 2)
    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + (
        "- id: early\n  date: 2025-11-01\n  title: An early call\n  es: {title: Una llamada temprana}\n"
        "  who:\n    acted: [ministry]\n  claims:\n"
        "    - text: The meeting took place on 3 November 2025.\n"
        "      es: La reunión tuvo lugar el 3 de noviembre de 2025.\n      cite:\n        - source: article\n"
        "          quote: the meeting took place on 3 November 2025\n"
        "          es: la reunión tuvo lugar el 3 de noviembre de 2025\n"), encoding="utf-8")
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    assert [e.id for e in graph.events_by_date][:3] == ["early", "letters", "meeting"]
    site = build_site(graph)
    timeline = {p: text for p, text in site.pages.items() if p.startswith("timeline")}
    assert sorted(timeline) == ["timeline.md", "timeline/2025-11.md", "timeline/2025.md", "timeline/2026.md"]
    for e in graph.of(EVENT):
        holders = [p for p, text in timeline.items() if f"{{ #{e.id} }}" in text]
        assert holders == [site.plan.where[e.id][0]], e.id
    assert timeline["timeline/2025.md"].count("](2025-11.md)") == 1
    assert "[2026](timeline/2026.md): 1 event\n" in timeline["timeline.md"]
    result = cli("--project", str(mini), "build")  # strict MkDocs: every link to the month page resolves
    assert (result.returncode, result.stderr) == (0, "")


def test_a_superseding_claim_keeps_its_voice_in_the_link_and_exports_say_what_was_superseded(mini):
    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "      id: resume-held\n", "      id: resume-held\n      said_by: [otherland]\n"), encoding="utf-8")
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    site = build_site(graph, "https://example.github.io/mini/")
    assert ("(*superseded on 12 March 2026 by* [According to Otherland\\: The talks resumed on 12 March "
            "2026\\.](#resume-held))") in site.pages["timeline.md"]
    [row] = [r for r in csv.DictReader(io.StringIO(site.files["timeline.csv"].decode())) if r["id"] == "resumption"]
    assert "The talks would resume in March. (superseded on 12 March 2026) According to Otherland:" in row["claims"]


@pytest.mark.parametrize(("text", "short"), [
    ("short enough", "short enough"),
    ("word " * 30, "word word word word word word word word word word word word word word word word…"),
    ('He said the talks went "very, very well, better than anyone had expected them to go at all" today',
     "He said the talks went…"),
    ("Sie sagte: „Die Gespräche liefen sehr gut, besser als irgendjemand erwartet hatte, wirklich“",
     "Sie sagte…"),
])
def test_a_shortened_link_text_never_leaves_a_quotation_open(text, short):
    assert shorten(text) == short and len(short) <= 81
