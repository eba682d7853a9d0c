"""Whose move each event was (facts/sides.py `move`, charts/moves.py): from the side of those who
acted, shown on the timeline by a colour class and a shape in the chart and by the same mark and its
words beside each entry; the background folded before the close-up (timeline.md.j2).

Small briefings made from the mini fixture, with no sides, two sides and three, hold one event of each
kind of move: one side acted (a state, and a person with a post in a ministry of it), two sides acted, a
side and others, others only (a third state, an international body, a newspaper of a side, a former
minister of a side), and no one recorded as acting.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import markdown
import pytest
import yaml

from briefing.charts import moves
from briefing.facts import sides
from briefing.facts.validate import load_graph
from briefing.pages.builders import plan
from briefing.plugin import REQUIRED_EXTENSIONS
from briefing.site import build_site

from conftest import moves_project


@pytest.fixture(scope="module", params=[0, 2, 3], ids=["no-sides", "two-sides", "three-sides"])
def briefing(request, tmp_path_factory):
    """(number of sides, graph, timeline page) of a small briefing with that many sides."""
    n = request.param
    project = moves_project(tmp_path_factory.mktemp("moves"), ["testland", "otherland", "thirdland"][:n])
    graph = load_graph(project / "facts", project / "seeds")
    return n, graph, build_site(graph).pages["timeline.md"]


# The expected cue of every event: (side id or 'other', class, shape, words), for two and three sides.
TWO = {
    "old-letter": ("otherland", "side-1", "square", "Otherland's side acted"),
    "old-census": ("other", "side-other", "diamond", "No one is recorded as acting"),
    "joint-statement": ("other", "side-other", "diamond", "Testland's and Otherland's sides acted"),
    "third-move": ("other", "side-other", "diamond", "Neither side acted"),  # Thirdland is no side here
    "minister-meets": ("testland", "side-0", "circle", "Testland's side acted"),
    "daily-reports": ("other", "side-other", "diamond", "Neither side acted"),  # of Testland, not acting for it
    "ministry-and-council": ("other", "side-other", "diamond", "Testland's side and others acted"),
    "council-rules": ("other", "side-other", "diamond", "Neither side acted"),
    "old-minister-speaks": ("other", "side-other", "diamond", "Neither side acted"),  # his post ended in 2020
}
NEITHER = ("daily-reports", "council-rules", "old-minister-speaks")
THREE = {**TWO, "third-move": ("thirdland", "side-2", "triangle", "Thirdland's side acted"),
         **{rid: ("other", "side-other", "diamond", "No side acted") for rid in NEITHER}}


def test_the_move_of_each_event_follows_from_who_acted(briefing):
    n, graph, _ = briefing
    cues = {e.id: moves.cue(graph, e) for e in graph.events_by_date}
    if n == 0:  # no sides: no move to show
        assert cues == dict.fromkeys(cues)
        return
    assert {rid: (c.side, c.css, c.shape, c.words) for rid, c in cues.items() if c} == (TWO if n == 2 else THREE)


def test_the_timeline_page_shows_each_move_in_the_chart_and_beside_each_entry(briefing):
    n, graph, page = briefing
    expected = {} if n == 0 else TWO if n == 2 else THREE
    for e in graph.events_by_date:
        entry = page.split(f"{{ #{e.id} }}", 1)[1].split("\n#### ", 1)[0]
        chips = re.findall(r'<span class="briefing-move ([\w-]+)" data-side="([\w-]+)"[^>]*>.*?</svg>(.*?)</span>',
                           entry)
        if n == 0:
            assert chips == [] and "briefing-move" not in entry
        else:
            side, css, _shape, words = expected[e.id]
            assert chips == [(css, side, words)]
    drawings = re.findall(r'<svg class="bc-(?:narrow|wide)".*?</svg>', page, re.DOTALL)
    assert len(drawings) == 4  # the background and the close-up, each at two widths
    for svg in drawings:
        for row in re.findall(r"<a href=\"#([\w-]+)\">(.*?)</a>", svg):
            rid, drawn = row
            marks = re.findall(r'<(?:circle|path) class="mark[^"]*"[^>]*>', drawn)
            sided = re.findall(r'class="mark[^"]*?(side-[\w]+)" data-side="([\w-]+)"', drawn)
            if n == 0:
                assert (marks or 'class="span"' in drawn) and not sided and "data-side" not in drawn
            else:
                side, css, shape, _ = expected[rid]
                assert sided and set(sided) == {(css, side)}
                assert {_outline(m) for m in marks} == {_outline(moves.shape(shape, 0, 0, "mark"))}


def _outline(element: str) -> tuple:
    """A mark's shape wherever it is drawn: a circle's radius, or a path's corners around their centre."""
    if element.startswith("<circle"):
        return ("circle",)
    points = [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", element)]
    cx, cy = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    return tuple(sorted((round(x - cx, 1), round(y - cy, 1)) for x, y in points))


def test_the_legend_names_each_side_present_and_says_what_other_means(briefing):
    n, _, page = briefing
    background, close_up = re.findall(r'<ul class="briefing-legend".*?</ul>', page)
    if n == 0:
        assert "side" not in background + close_up
        return
    # the background: Otherland's letter and an event no one is recorded as acting in
    assert "Otherland&#x27;s side acted" in background and "Testland" not in background
    assert "other or mixed: those who acted do not all act for one side" in background
    assert "Testland&#x27;s side acted" in close_up and "Otherland&#x27;s side acted" not in close_up
    assert ("Thirdland&#x27;s side acted" in close_up) == (n == 3)
    assert ("or both sides did" in close_up) == (n == 2) and ("more than one side did" in close_up) == (n == 3)
    assert "no one is recorded as acting" in close_up


def test_the_background_is_folded_before_the_close_up_in_the_one_order(briefing):
    _, graph, page = briefing
    head, rest = page.split('<details class="note briefing-background" markdown="1">\n<summary>', 1)
    summary, rest = rest.split("</summary>", 1)
    folded, after = rest.split("</details>", 1)
    assert summary == "Background: 2 events, 1990 to 2001"
    assert "{ #" not in head and "<svg" not in head
    assert re.findall(r"\{ #([\w-]+) \}", folded) == ["old-letter", "old-census"]
    assert folded.index("<figure") < folded.index("{ #old-letter }")  # its chart, then its entries
    assert re.findall(r"\{ #([\w-]+) \}", after) == [e.id for e in graph.events_by_date][2:]
    assert after.index("Close-up: October to November 2025") < after.index("{ #joint-statement }")
    # as HTML: the entries inside the collapsed block keep their anchors and their chart stays a drawing
    html = markdown.markdown(page, extensions=[*REQUIRED_EXTENSIONS, "toc"])
    block = html.split('<details class="note briefing-background">', 1)[1].split("</details>", 1)[0]
    assert '<h4 id="old-letter">' in block and '<h4 id="old-census">' in block
    assert '<svg class="bc-narrow"' in block and "<p><figure" not in block and "<p><svg" not in block


def test_a_timeline_all_close_together_or_all_background_has_no_fold(tmp_path):
    project = moves_project(tmp_path, ["testland", "otherland"])
    events = yaml.safe_load((project / "facts/events.yaml").read_text(encoding="utf-8"))
    (project / "facts/events.yaml").write_text(yaml.safe_dump(events[2:], sort_keys=False), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds")
    page = build_site(graph).pages["timeline.md"]
    assert "<details" not in page and page.count('<svg class="bc-narrow"') == 1


@pytest.mark.parametrize(("found", "expected"), [
    # (the sides each one who acted acts for, () for none) -> (side, sides, others)
    ([], (None, (), False)),
    ([("b",)], ("b", ("b",), False)),
    ([("b",), ("b",)], ("b", ("b",), False)),
    ([("b",), ("a",)], (None, ("a", "b"), False)),  # in the briefing's order
    ([("a",), ()], (None, ("a",), True)),
    ([(), ()], (None, (), True)),
    ([("a",), ("b",), ("c",)], (None, ("a", "b", "c"), False)),
    ([("a", "b")], (None, ("a", "b"), False)),  # one with posts on two sides
])
def test_move_is_a_sides_only_when_every_one_who_acted_acts_for_it(found, expected):
    move = sides.move(found, SimpleNamespace(sides=["a", "b", "c"]))  # type: ignore[arg-type]
    assert (move.side, move.sides, move.others) == expected
    assert move.recorded == bool(found)


def _person(*roles: tuple[str | None, ...]) -> SimpleNamespace:
    """A person of side a's country with these posts (org, start, end, and optionally ended_by)."""
    return SimpleNamespace(id="someone", country="a",
                           roles=[SimpleNamespace(org=r[0], start=r[1], end=r[2], ended_by=r[3] if len(r) > 3 else None)
                                  for r in roles])


RECORDS = {
    "a": SimpleNamespace(id="a", kind="state", country=None),
    "z": SimpleNamespace(id="z", kind="state", country=None),  # a state on no side
    "a-ministry": SimpleNamespace(id="a-ministry", kind="ministry", country="a"),
    "a-embassy": SimpleNamespace(id="a-embassy", kind="embassy", country="a"),
    "a-customs": SimpleNamespace(id="a-customs", kind="agency", country="a"),
    "a-other": SimpleNamespace(id="a-other", kind="other", country="a"),
    "a-daily": SimpleNamespace(id="a-daily", kind="media", country="a"),
    "a-university": SimpleNamespace(id="a-university", kind="university", country="a"),
    "a-party": SimpleNamespace(id="a-party", kind="party", country="a"),
    "b-congress": SimpleNamespace(id="b-congress", kind="legislature", country="b"),
    "un": SimpleNamespace(id="un", kind="international organization", country=None),
}


@pytest.mark.parametrize(("record", "date", "expected"), [
    (RECORDS["a"], "2025-11-03", ("a",)),
    (RECORDS["z"], "2025-11-03", ()),
    (RECORDS["a-ministry"], "2025-11-03", ("a",)),  # the state's organs act for it
    (RECORDS["a-embassy"], "2025-11-03", ("a",)),
    (RECORDS["a-customs"], "2025-11-03", ("a",)),  # an agency (customs, police) is an organ too
    (RECORDS["a-other"], "2025-11-03", ()),  # 'other' belongs to its state, yet does not act for it
    (RECORDS["b-congress"], "2025-11-03", ("b",)),
    (RECORDS["a-daily"], "2025-11-03", ()),  # of a side, yet not acting for it
    (RECORDS["a-university"], "2025-11-03", ()),
    (RECORDS["a-party"], "2025-11-03", ()),
    (RECORDS["un"], "2025-11-03", ()),
    (_person(), "2025-11-03", ()),  # a citizen: of a side's country, no post
    (_person(("a-university", None, None)), "2025-11-03", ()),  # a professor
    (_person(("a", None, None)), "2025-11-03", ("a",)),  # a post in the state, no dates given
    (_person(("a-ministry", "2025-11", None)), "2025-11-03", ("a",)),  # began that month: not known to be after
    (_person(("a-ministry", "2025-11-04", None)), "2025-11-03", ()),  # began the next day
    (_person(("a-ministry", None, "2022")), "2025", ()),  # ended years before
    (_person(("a-ministry", None, "2025")), "2025-11-03", ("a",)),  # ended that year: not known to be before
    (_person(("a-ministry", "2021", "2022-12-07")), "2022-12-07", ("a",)),  # its last day
    # (round eleven, B-F7) ended no later than a date, the day not given: as an end for the events after it
    (_person(("a-ministry", None, None, "2025-10-10")), "2025-11-03", ()),
    (_person(("a-ministry", None, None, "2025-10-10")), "2025-10-10", ("a",)),  # that day: it may still have been held
    (_person(("a-ministry", None, None, "2025-10-10")), "2025-10", ("a",)),  # that month: not known to be after
    (_person(("a-ministry", None, "2022"), ("b-congress", None, None)), "2025", ("b",)),  # a later post
    (_person(("a", None, None), ("b-congress", None, None)), "2025", ("a", "b")),
    (_person((None, None, None), ("a-daily", None, None)), "2025", ()),  # a post in no institution, a newspaper
])
def test_acts_for_a_side_only_as_the_state_its_organ_or_through_a_post_held_then(record, date, expected):
    briefing = SimpleNamespace(sides=["a", "b"])
    assert sides.acts_for(record, briefing, date, RECORDS.__getitem__) == expected  # type: ignore[arg-type]


def test_the_chart_draws_each_sides_shape_and_a_diamond_for_other(tmp_path):
    project = moves_project(tmp_path, ["testland", "otherland", "thirdland"])
    graph = load_graph(project / "facts", project / "seeds")
    shapes = {moves.shape(name, 10, 10, "mark") for name in (*moves.SHAPES, moves.OTHER_SHAPE)}
    assert len(shapes) == len(moves.SHAPES) + 1  # every shape drawn differently
    figure = "".join(part.chart for part in moves_parts(graph))
    assert 'class="mark within side-2" data-side="thirdland"' not in figure  # thirdland's move is dated to the day
    assert re.search(r'<path class="mark side-2" data-side="thirdland" d="M[\d.]+ [\d.]+L', figure)


def moves_parts(graph):
    from briefing.charts.timeline_chart import timeline_parts

    return timeline_parts(plan(graph), graph.events_by_date, "timeline.md")


# The relationship view's small briefings (sides_fixtures.py): Thirdland and its mediator, Bo Li, whose post
# is in Thirdland's mediation office, act in two events; with no sides, the mini's two and three.
RELATION_CASES = {
    "none": {},
    "two": {"mediation": ("other", "Neither side acted"),
            "joint-statement": ("other", "Otherland's side and others acted")},
    "three": {"mediation": ("thirdland", "Thirdland's side acted"),  # Thirdland, and Bo Li through his post
              "joint-statement": ("other", "Otherland's and Thirdland's sides acted")},
}


@pytest.mark.parametrize("case", list(RELATION_CASES))
def test_move_on_the_relationship_views_briefings_with_zero_two_and_three_sides(tmp_path, case):
    from sides_fixtures import SIDES
    from sides_fixtures import sides_project as relation_project

    project = relation_project(tmp_path / case, SIDES[case])
    graph = load_graph(project / "facts", project / "seeds")
    cues = {e.id: moves.cue(graph, e) for e in graph.events_by_date}
    if case == "none":
        assert cues and all(c is None for c in cues.values())
        return
    for rid, (side, words) in RELATION_CASES[case].items():
        c = cues[rid]
        assert c is not None and (c.side, c.words) == (side, words), (rid, c)
    assert all(c is not None for c in cues.values())
