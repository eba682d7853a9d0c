"""The one chronological order: coarse dates at the end of their period, editors' hints obeyed,
cycles and hints that contradict the dates refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.order import chronological, order_problems, period


@dataclass
class Ev:
    id: str
    date: str
    after: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)


def ids(events) -> list[str]:
    return [e.id for e in chronological(events)]


def test_a_coarse_date_is_placed_at_the_end_of_its_period():
    events = [Ev("boluarte", "2022-12"), Ev("ousted", "2022-12-07"), Ev("year", "2022"), Ev("next", "2023-01-02")]
    assert ids(events) == ["ousted", "boluarte", "year", "next"]
    assert period("2024-02") == (period("2024-02-01")[0], period("2024-02-29")[0])


def test_equal_places_keep_the_file_order():
    assert ids([Ev("b", "2025-11-03"), Ev("a", "2025-11-03"), Ev("c", "2025-11")]) == ["b", "a", "c"]


def test_hints_place_a_coarse_date_where_the_sources_say():
    events = [Ev("released", "2025-09"), Ev("refuge", "2025", after=["released"], before=["asylum"]),
              Ev("break", "2025-11-03", after=["asylum"]), Ev("asylum", "2025-11-03"), Ev("vote", "2025-11-06")]
    assert ids(events) == ["released", "refuge", "asylum", "break", "vote"]
    assert order_problems(events) == []


def test_a_long_chain_of_hints_is_ordered_without_recursion():
    # a chain longer than Python's recursion limit, written last event first
    chain = [Ev("e0", "2025")] + [Ev(f"e{i}", "2025", after=[f"e{i - 1}"]) for i in range(1, 1500)]
    assert ids(chain[::-1]) == [f"e{i}" for i in range(1500)]
    assert order_problems(chain[::-1]) == []


def test_a_hint_that_contradicts_the_dates_is_a_problem():
    events = [Ev("later", "2026-03", before=["earlier"]), Ev("earlier", "2025-11-03")]
    [problem] = order_problems(events)
    assert (problem.event, problem.field, problem.index, problem.code) == ("later", "before", 0, "order-contradicts-date")


def test_a_contradiction_through_other_hints_is_found():
    # a (Nov 2025) before b (the year 2025) is fine, b before c (10 Oct) is fine, but a cannot precede c
    events = [Ev("a", "2025-11", before=["b"]), Ev("b", "2025", before=["c"]), Ev("c", "2025-10-10")]
    problems = order_problems(events)
    assert [(p.event, p.code) for p in problems] == [("a", "order-contradicts-date")]
    assert "through the hints" in problems[0].message


def test_a_cycle_is_reported_once_with_its_loop():
    events = [Ev("a", "2025", before=["b"]), Ev("b", "2025", before=["c"]), Ev("c", "2025", before=["a"])]
    [problem] = order_problems(events)
    assert problem.code == "order-cycle" and "a -> b -> c -> a" in problem.message
    assert [p.code for p in order_problems([Ev("x", "2025", after=["x"])])] == ["order-cycle"]


DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2020, 2026), st.integers(1, 12)),
    st.integers(2020, 2026).map(lambda y: f"{y:04d}"),
).filter(lambda d: "2020" <= d[:4] <= "2026")


@st.composite
def hinted_events(draw):
    dates = draw(st.lists(DATES, min_size=1, max_size=12))
    events = [Ev(f"e{i}", d) for i, d in enumerate(dates)]
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.sampled_from(events)), draw(st.sampled_from(events))
        if a is not b and period(a.date)[0] <= period(b.date)[1]:  # a may come before b: say so, one way or the other
            if draw(st.booleans()):
                a.before.append(b.id)
            else:
                b.after.append(a.id)
    return events


@settings(max_examples=300, deadline=None)
@given(hinted_events())
def test_the_order_obeys_every_hint_and_every_date_it_can(events):
    if order_problems(events):
        return  # hints that cannot all hold are refused before any page is made
    order = ids(events)
    assert sorted(order) == sorted(e.id for e in events)
    place = {rid: i for i, rid in enumerate(order)}
    for e in events:
        for later in e.before:
            assert place[e.id] < place[later]
        for earlier in e.after:
            assert place[earlier] < place[e.id]
    for a in events:
        for b in events:
            if period(a.date)[1] < period(b.date)[0]:  # a's whole period lies before b's
                assert place[a.id] < place[b.id], (a, b)
