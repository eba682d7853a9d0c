"""The relationship view without a browser, for the real briefing and for small ones with no sides, two
and three: every relation the facts state is in it (a row under each of its events, a row among the
memberships, or said by the side a name stands under) and nothing else is; the events come in the one
order; two opposing sides never 'acted together'; the legend names exactly what is shown; each record's
connections are the rows of the relationship page's view that name it; hostile names stay text.
(What a reader sees, at 390 and 1400 px: tests/browser/test_relations_view.py.)"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
import yaml
from sides_fixtures import SIDES, sides_project

from briefing.charts import draw as charts
from briefing.charts import relations as rel
from briefing.charts import relations_chart
from briefing.charts.relmap import Group, Item, own_view, view
from briefing.facts.kinds import INSTITUTION
from briefing.facts.validate import load_graph
from briefing.pages.builders import RELATIONS_PATH, plan
from briefing.site import build_site

from conftest import MINI, ROOT, copy_project

HOSTILE = ('</li></ul><script>alert(1)</script> "quoted" \'single\' <b onclick=x>b</b> '
           "&amp; &lt; ]]> <![CDATA[x]]> *[HTML]: abbr")


@dataclass
class Shown:
    """What one view shows, read back from its HTML."""

    groups: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(title, side class or '', the ids under it)."""
    rows: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    """(a, label, b, event id or None for a membership)."""
    lines: list[str] = field(default_factory=list)
    """Each row's line class."""
    sides: dict[str, set[str]] = field(default_factory=dict)
    """Each id's side classes wherever it is shown."""
    kinds: set[str] = field(default_factory=set)
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(the classes the legend's drawing has, its words)."""
    names: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str, bool]] = field(default_factory=list)
    """(data-rid, href, reached by Tab) of each name that is a link."""
    events: list[str] = field(default_factory=list)
    here: set[str] = field(default_factory=set)
    """The ids shown as the page's own record (not a link)."""


KINDS = ("person", "institution", "state")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out = Shown()
        self.stack: list[str] = []
        self.event: str | None = None
        self.group: tuple[str, str, list[str]] | None = None
        self.row: list[str] | None = None
        self.label: str | None = None
        self.text: list[str] | None = None
        self.name: str | None = None
        self.in_legend = False
        self.legend_drawing = ""
        self.legend_words: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        self.stack.append(tag)
        if "rm-legend" in cls:
            self.in_legend = True
        elif self.in_legend and tag == "li":
            self.legend_drawing, self.legend_words = "", []
        elif self.in_legend and "rm-key" not in cls and self.legend_words is not None and not self.legend_drawing:
            self.legend_drawing = " ".join(cls)
        elif "rm-group" in cls:
            side = next((c for c in cls if c.startswith("rm-s")), "")
            self.group = ("", side, [])
            self.out.groups.append(self.group)
        elif "rm-event" in cls:
            self.event = ""
        elif tag == "a" and self.event == "" and "rm-name" not in cls:
            self.event = a["href"].rsplit("#", 1)[1]
            self.out.events.append(self.event)
        elif "rm-row" in cls:
            self.row = []
        elif "rm-link" in cls and self.row is not None:
            self.out.lines.append(next(c for c in cls if c != "rm-link"))
        elif "rm-label" in cls:
            self.label = ""
        elif "rm-name" in cls:
            rid = a["data-rid"]
            self.name, self.text = rid, []
            self.out.sides.setdefault(rid, set()).update(c for c in cls if c.startswith("rm-s"))
            self.out.kinds.update(c for c in cls if c in KINDS)
            if "rm-here" in cls:
                self.out.here.add(rid)
            if tag == "a":
                self.out.links.append((rid, a["href"], a.get("tabindex") != "-1"))
            if self.row is not None:
                self.row.append(rid)
            elif self.group is not None:
                self.group[2].append(rid)
        elif tag == "p" and "rm-head" in cls and self.group is not None and not self.group[0]:
            self.text = []
            self.name = "#group"

    def handle_endtag(self, tag):
        self.stack.pop()
        if self.in_legend and tag == "li" and self.legend_words is not None:
            self.out.legend.append((self.legend_drawing, "".join(self.legend_words)))
            self.legend_words = None
        elif tag == "ul" and self.in_legend:
            self.in_legend = False
        elif self.text is not None and tag in ("a", "span", "p") and self.name is not None:
            words = "".join(self.text)
            if self.name == "#group" and self.group is not None:
                self.group = (words, self.group[1], self.group[2])
                self.out.groups[-1] = self.group
            else:
                self.out.names[self.name] = words
            self.text, self.name = None, None
        elif tag == "span" and self.label is not None and self.row is not None:
            self.row.append(self.label)
            self.label = None
        elif tag == "li" and self.row is not None and len(self.row) == 3:
            a, label, b = self.row
            self.out.rows.append((a, label, b, self.event or None))
            self.row = None
        elif tag == "li" and self.event is not None and self.row is None:
            self.event = None
        elif tag == "div" and self.group is not None and self.stack.count("div") == 1:
            self.group = None

    def handle_data(self, data):
        if self.legend_words is not None:
            self.legend_words.append(data)
        if self.label is not None:
            self.label += data
        if self.text is not None:
            self.text.append(data)


def read(figure: str) -> Shown:
    reader = _Reader()
    reader.feed(figure)
    return reader.out


def _figure(page: str, kind: str) -> str:
    start = page.index(f'<figure class="briefing-chart briefing-relmap {kind}"')
    return page[start:page.index("</figure>", start)]


PROJECTS = ["real", *SIDES]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{name: (graph, site)}: the real briefing and the small ones with no sides, two and three."""
    out = {}
    for name in PROJECTS:
        project = ROOT if name == "real" else sides_project(tmp_path_factory.mktemp(name) / "p", SIDES[name])
        graph = load_graph(project / "facts", project / "seeds")
        out[name] = (graph, build_site(graph))
    return out


def _expected(graph, shown: Shown) -> Counter:
    """The rows a view must have: each relation under each of its events, each membership the cast does
    not say by where a name stands."""
    said = {(rid, state) for _t, _s, ids in shown.groups for rid in ids for state in [_state(graph, _t)]
            if state is not None and rid != state}
    out: Counter = Counter()
    for a, label, b, events in charts.relations(graph):
        if events:
            out.update((a, label, b, e) for e in events)
        elif not (label == rel.BELONGS and (a, b) in said):
            out[(a, label, b, None)] += 1
    return out


def _state(graph, title: str) -> str | None:
    """The state a cast group's title names ("Peru's side", or a state's name), None for the others."""
    for rid in [*graph.briefing.sides, *(i.id for i in graph.of(INSTITUTION))]:
        name = graph.get(rid).name
        if title in (rel.possessive(name) + " side", name):
            return rid
    return None


@pytest.mark.parametrize("name", PROJECTS)
def test_every_relation_is_shown_and_nothing_else(built, name):
    graph, site = built[name]
    shown = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    assert Counter(shown.rows) == _expected(graph, shown)
    # where a name stands says a relation the facts state: it belongs to that side's state (or is it)
    rels = {(a, label, b) for a, label, b, _e in charts.relations(graph)}
    for title, _side, ids in shown.groups:
        state = _state(graph, title)
        assert (state is None) == (title == "Others"), title
        assert all(state is None or rid == state or (rid, rel.BELONGS, state) in rels for rid in ids), title
    cast = [rid for _t, _s, ids in shown.groups for rid in ids]
    assert sorted(cast) == sorted({rid for a, _l, b, _e in charts.relations(graph) for rid in (a, b)})  # each once
    # the events in the one chronological order, each once
    order = [e.id for e in graph.events_by_date]
    assert shown.events == sorted(set(shown.events), key=order.index)
    # every row's label is the relation it draws
    assert [label for _a, label, _b, _e in shown.rows] == [
        next(k for k, v in relations_chart.CLASSES.items() if v == line) for line in shown.lines]


@pytest.mark.parametrize("name", PROJECTS)
def test_the_cast_is_grouped_by_side_or_by_state(built, name):
    graph, site = built[name]
    shown = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    titles = [t for t, _s, _ids in shown.groups]
    # each group under its state's name: belonging to a state is not acting for its side (the timeline's rule)
    expected = {
        "real": ["Peru", "Mexico", "Others"],
        "none": ["Testland", "Thirdland", "Otherland"],  # by state, the largest first
        "two": ["Testland", "Otherland", "Others"],
        "three": ["Testland", "Otherland", "Thirdland"],
    }[name]
    assert titles == expected
    marks = [side for _t, side, _ids in shown.groups]
    n = len(graph.briefing.sides)
    assert marks == [f"rm-s{i}" for i in range(n)] + [""] * (len(titles) - n)
    for _t, side, ids in shown.groups:  # each name wears its group's side mark, and only that one
        assert all(shown.sides[rid] == ({side} if side else set()) for rid in ids)


@pytest.mark.parametrize("name", PROJECTS)
def test_two_opposing_sides_never_acted_together(built, name):
    graph, site = built[name]
    shown = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    together = [(a, b) for a, label, b, _e in shown.rows if label == rel.TOGETHER]
    assert together
    assert not [(a, b) for a, b in together if rel.opponents(graph, a, b)]
    assert not [(a, b) for a, b in together if shown.sides[a] and shown.sides[b] and shown.sides[a] != shown.sides[b]]
    if name == "three":  # Otherland and Thirdland both acted in the joint statement, on opposing sides
        joint = {frozenset((a, b)) for a, label, b, e in shown.rows if e == "joint-statement" and label == rel.TOGETHER}
        assert joint == {frozenset(("third-office", "thirdland"))}
        acted = {a for a, label, b, e in shown.rows if e == "joint-statement" and label == rel.ACTED_ON}
        assert acted == {"otherland", "thirdland", "third-office"}  # what each did is still said


@pytest.mark.parametrize("name", PROJECTS)
def test_the_legend_names_exactly_what_is_shown(built, name):
    graph, site = built[name]
    shown = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    drawn = {d.split()[1]: words for d, words in shown.legend if d.startswith("rm-link ")}
    assert set(drawn) == set(shown.lines)
    opposed = len(graph.briefing.sides) >= 2  # with fewer than two sides, no two names are opposed
    for line, words in drawn.items():
        label = next(k for k, v in relations_chart.CLASSES.items() if v == line)
        full = relations_chart.LINE_LEGEND[label]
        short = full.removesuffix(" (never two of different sides)")
        assert words == (full if opposed or label != rel.TOGETHER else short)
    boxes = {d.split()[1] for d, _w in shown.legend if d.startswith("rm-name ") and "rm-s" not in d}
    assert boxes == shown.kinds
    marks = {d.split()[-1]: words for d, words in shown.legend if "rm-s" in d}
    worn = set().union(*shown.sides.values())
    assert set(marks) == worn
    for mark, words in marks.items():
        assert words == f"{graph.get(graph.briefing.sides[int(mark[4:])]).name}, or belongs to it"
    said = [words for d, words in shown.legend if not d]
    assert said == ["under a state's name in \u201cWho belongs to which state\u201d: "
                    "belongs to that state (its country in the facts), or is the state"]
    assert not any("side" in words for d, words in shown.legend if "rm-s" in d or not d)
    assert ("never two of different sides" in drawn["together"]) == opposed


@pytest.mark.parametrize("name", PROJECTS)
def test_each_records_connections_are_the_rows_that_name_it(built, name):
    graph, site = built[name]
    main = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    checked = 0
    for path, page in site.pages.items():
        if "briefing-connections-chart" not in page:
            continue
        own = read(_figure(page, "briefing-connections-chart"))
        assert len(own.here) == 1, path
        (rid,) = own.here
        expected = Counter(r for r in main.rows if rid in (r[0], r[2]))
        # and its memberships the relationship page says by where it stands
        expected.update((a, label, b, None) for a, label, b, events in charts.relations(graph)
                        if label == rel.BELONGS and rid in (a, b) and (a, label, b, None) not in main.rows)
        assert Counter(own.rows) == expected, path
        assert rid not in {link for link, _h, _t in own.links}  # the page's own record is no link to itself
        assert all(tab for _r, _h, tab in own.links)  # and every other name is reached by Tab
        # the same names, kinds and side marks as on the relationship page
        assert all(own.sides[r] == main.sides[r] and own.names[r] == main.names[r] for r in own.sides)
        checked += 1
    assert checked >= {"real": 20}.get(name, 5)


def test_the_names_in_rows_are_not_more_tab_stops_the_cast_reaches_them(built):
    _graph, site = built["real"]
    shown = read(_figure(site.pages[RELATIONS_PATH], "briefing-relations-chart"))
    tabbed = [(rid, href) for rid, href, tab in shown.links if tab]
    assert sorted(rid for rid, _h in tabbed) == sorted(rid for _t, _s, ids in shown.groups for rid in ids)  # the cast
    reached = dict(tabbed)
    untabbed = [(rid, href) for rid, href, tab in shown.links if not tab]
    assert len(untabbed) == 2 * len(shown.rows)  # every row's two names ...
    assert all(reached[rid] == href for rid, href in untabbed)  # ... each reached in the cast, the same page


def test_the_view_is_built_from_the_relations_alone():
    rels = [("p", rel.BELONGS, "s", []), ("p", rel.ROLE, "i", []), ("i", rel.BELONGS, "t", []),
            ("s", rel.ACTED_ON, "t", ["e2", "e1"]), ("p", rel.TOGETHER, "s", ["e1"])]
    cast = [Group("S's side", [Item("s", "S", "state"), Item("p", "P", "person")], "s", 0),
            Group("Others", [Item("t", "T", "state"), Item("i", "I", "institution")])]
    shown = view(rels, cast, rel.BELONGS, ["e1", "e2"], relations_chart.MEMBERSHIPS)
    assert shown.said_by_cast() == {("p", "s")}
    assert [(r.a, r.label, r.b) for r in shown.memberships] == [("p", rel.ROLE, "i"), ("i", rel.BELONGS, "t")]
    assert [(e.event, [(r.a, r.b, r.rel) for r in e.rows]) for e in shown.events] == [
        ("e1", [("s", "t", 3), ("p", "s", 4)]), ("e2", [("s", "t", 3)])]
    own = own_view("t", rels, ["e1", "e2"], relations_chart.MEMBERSHIPS)
    assert [(r.a, r.b) for r in own.memberships] == [("i", "t")]
    assert [e.event for e in own.events] == ["e1", "e2"] and own.cast == []


def test_two_sides_acting_jointly_are_not_lost_without_a_word(tmp_path):
    """An event where the two sides act jointly and on no one (a joint statement) gives no relation: the view
    still lists the event and says, under it, why nothing is drawn between them."""
    from sides_fixtures import CLAIM

    project = sides_project(tmp_path / "p", SIDES["two"])
    events = project / "facts/events.yaml"
    data = yaml.safe_load(events.read_text(encoding="utf-8"))
    data.append({"id": "joint-talks", "date": "2025-11-20", "date_basis": "the statement gives the date",
                 "title": "Testland and Otherland issue a joint statement", "claims": CLAIM,
                 "es": {"title": "Testland y Otherland emiten una declaración conjunta",
                        "date_basis": "la declaración da la fecha"},
                 "who": {"acted": ["testland", "otherland"]}})
    events.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds")
    assert ("joint-talks", "testland", "otherland") in rel.apart(graph)
    assert not [r for r in charts.relations(graph) if "joint-talks" in r[3]]  # no relation: they are opponents
    site = build_site(graph)
    figure = _figure(site.pages[RELATIONS_PATH], "briefing-relations-chart")
    assert "joint-talks" in read(figure).events
    event = figure.split('#joint-talks"', 1)[1].split('<li class="rm-event">', 1)[0]
    assert ('<p class="rm-note">Testland acted in it on one side and Otherland on another: the view draws no '
            "relation between different sides (it never says they acted together); the event&#x27;s page says what "
            "each did.</p>") in event
    own = _figure(site.pages["institutions/otherland.md"], "briefing-connections-chart")
    assert "Testland acted in it on one side and Otherland on another" in own


def test_a_hostile_name_stays_text(tmp_path):
    project = copy_project(MINI, tmp_path / "p")
    people = project / "facts/people.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    data[0]["name"] = HOSTILE
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds")
    site = build_site(graph)
    whole = " ".join(HOSTILE.split())
    for path, kind in ((RELATIONS_PATH, "briefing-relations-chart"),
                       ("institutions/ministry.md", "briefing-connections-chart")):
        figure = _figure(site.pages[path], kind)
        assert "<script>" not in figure and "<b onclick" not in figure
        assert read(figure).names["ana-perez"] == whole  # read back as the name it is, whole
    assert "<script>" not in site.pages["people/ana-perez.md"]


@pytest.mark.parametrize("budget", ["NODE_BUDGET", "ROW_BUDGET"])
def test_past_its_budget_the_view_is_left_to_the_tables(monkeypatch, budget):
    graph = load_graph(MINI / "facts", MINI / "seeds")
    monkeypatch.setattr(relations_chart, budget, 1)
    page = build_site(graph).pages[RELATIONS_PATH]
    assert "briefing-relmap" not in page
    assert "There are too many names or relations to show legibly in one view; the tables list every relation." in page
    assert "| [Ana Pérez](people/ana-perez.md) | holds a role in | [Ministry of Foreign Affairs]" in page


def test_a_side_past_the_marks_is_told_only_by_its_group(tmp_path, monkeypatch):
    project = sides_project(tmp_path / "p", ["testland", "otherland", "thirdland"])
    graph = load_graph(project / "facts", project / "seeds")
    assert [rel.side_index(graph, r) for r in ("ana-perez", "otherland", "bo-li", "jan-doe")] == [0, 1, 2, None]
    monkeypatch.setattr(rel, "SIDE_STYLES", 2)
    assert rel.side_index(graph, "bo-li") is None
    groups = rel.groups(graph, lambda r: plan(graph).name(r), ["bo-li", "thirdland", "ana-perez"])
    assert [(g.title, g.side) for g in groups] == [("Testland", 0), ("Thirdland", None)]


def test_an_event_a_difference_between_the_sources_concerns_links_it(tmp_path):
    """(Fact-check round eleven, B-F3) An event listed in the relationship view that a difference between the
    sources names in its `related` says so under its headline, linking the difference, in each edition: the
    relations drawn from one report's account are read beside the others'. A spelling is no such difference;
    an event no difference names gets no note; the connections on a record's page are left as they were."""
    project = copy_project(MINI, tmp_path / "p")
    differences = project / "facts/discrepancies.yaml"
    data = yaml.safe_load(differences.read_text(encoding="utf-8"))
    data[0]["related"].append("meeting")  # the name's spelling: not about what happened
    data[1]["topic"] = HOSTILE.replace("\"quoted\" ", "")  # quotation marks promise a quote
    differences.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds")
    for language, words in (("en", "(the sources differ on this event: "),
                            ("es", "(las fuentes discrepan sobre este acontecimiento: ")):
        site = build_site(graph, language=language)
        figure = _figure(site.pages[RELATIONS_PATH], "briefing-relations-chart")
        events = figure.split('<li class="rm-event">')[1:]
        noted = {e.split('<a href="', 1)[1].split('"', 1)[0].rsplit("#", 1)[1]: e for e in events if "rm-differ" in e}
        assert list(noted) == ["meeting"] and len(events) > 1
        note = noted["meeting"].split('<p class="rm-note rm-differ">', 1)[1].split("</p>", 1)[0]
        assert note.startswith(words) and note.endswith(")") and note.count("<a ") == 1  # not the spelling's
        assert '<a href="../differences/#talks-outcome">' in note  # relations/ is served at relations/
        assert "<script>" not in note and "<b onclick" not in note  # the topic stays text
        assert "rm-differ" not in site.pages["institutions/otherland.md"]
