"""The one chronological order: coarse dates at the end of their period, editors' hints obeyed,
cycles and hints that contradict the dates refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts.codes import Code
from briefing.facts.kinds import SOURCE
from briefing.facts.order import Cap, cap_problems, caps, chronological, open_order, order_problems, period


@dataclass
class Ev:
    id: str
    date: str
    after: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    approximate: bool = False


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
    assert (problem.event, problem.field, problem.index, problem.code) == ("later", "before", 0,
                                                                           "order-contradicts-date")


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


# -- the sources bound the order (order.caps) -----------------------------------------------------

def test_an_event_is_placed_no_later_than_a_source_that_reports_it_was_published():
    # 'review' is known only to the month; its report was published on 6 November: it cannot sort after
    # the 7 November event, though the end of November would put it there
    events = [Ev("break", "2025-11-03"), Ev("review", "2025-11"), Ev("vote", "2025-11-07")]
    sources = {"break": ["wire"], "review": ["wire"], "vote": ["daily"]}
    bounds = caps(events, sources, {"wire": "2025-11-06", "daily": "2025-11-08"})
    assert bounds["review"] == Cap(date(2025, 11, 6), "published", "wire", "2025-11-06")
    assert [e.id for e in chronological(events, bounds)] == ["break", "review", "vote"]
    assert [e.id for e in chronological(events)] == ["break", "vote", "review"]  # without the sources


def test_a_date_or_a_hint_past_the_publication_of_its_source_is_refused():
    events = [Ev("early", "2025-11-20"), Ev("late", "2025-11-03", after=["early"])]
    bounds = caps(events, {"early": ["daily"], "late": ["wire"]}, {"wire": "2025-11-04", "daily": "2025-11-25"})
    [hint] = cap_problems(events, bounds)
    assert hint.event == "late" and hint.code == Code.AFTER_ITS_SOURCE and "'early'" in hint.message
    dated = [Ev("late", "2025-12-01")]
    [problem] = cap_problems(dated, caps(dated, {"late": ["wire"]}, {"wire": "2025-11"}))
    assert problem.code == Code.AFTER_ITS_SOURCE and "published (2025-11)" in problem.message


def test_an_event_whose_reports_are_undated_is_never_newer_than_the_dated_events_they_report():
    # 'review' (only its month known) and 'vote' (a day) come from the same undated report: the review
    # is not shown as the latest development, after the vote
    events = [Ev("vote", "2025-11-06"), Ev("review", "2025-11"), Ev("other", "2025-11-20")]
    sources = {"vote": ["undated"], "review": ["undated"], "other": ["elsewhere"]}
    bounds = caps(events, sources, {})
    assert bounds["review"].why == "undated" and bounds["review"].by == "vote"
    assert [e.id for e in chronological(events, bounds)] == ["vote", "review", "other"]
    assert "other" not in bounds  # no other event in its source: nothing bounds it


def test_the_real_timeline_never_places_an_event_after_its_sources():
    from pathlib import Path

    from briefing.facts.validate import load_graph

    root = Path(__file__).resolve().parents[1]
    graph = load_graph(root / "facts", root / "seeds", display_root=root)
    published = {s.id: s.published for s in graph.of(SOURCE) if s.published != "unknown"}
    checked = 0
    for place, event in enumerate(graph.events_by_date):
        days = [period(published[s])[1] for s in event.sources() if s in published]
        if days:
            checked += 1
            assert all(period(e.date)[0] <= min(days) for e in graph.events_by_date[: place + 1]), event.id
    assert checked >= 10
    review = next(e for e in graph.events_by_date if e.id == "de-zela-legal-review")
    later = [e.id for e in graph.events_by_date[graph.events_by_date.index(review):]]
    assert "sheinbaum-persona-non-grata" in later  # the interview is not shown as the latest development


def test_a_coarse_date_at_the_end_of_its_span_names_the_events_it_may_have_preceded():
    # (round five) "2025: refuge" listed after "10 October 2025" though the sources place it only after the
    # September release; "2023: captured" after "February 2023"; an event of the same precision ("same" after
    # "recall"), or one a hint puts after ("refuge" after "released", "later" after "jeri"), is not named
    events = [Ev("released", "2025-09"), Ev("jeri", "2025-10-10"),
              Ev("refuge", "2025", after=["released"], before=["asylum"]), Ev("asylum", "2025-11-03"),
              Ev("recall", "2023-02"), Ev("captured", "2023"), Ev("same", "2023-02"),
              Ev("later", "2025", after=["jeri"])]
    listed = chronological(events)
    assert open_order(listed, events) == {"captured": ["recall", "same"], "same": ["recall"], "refuge": ["jeri"],
                                          "later": ["refuge", "asylum"]}
    # a part of the list names only what it lists; a cap narrows the span (a source published on 4 November)
    assert open_order([e for e in listed if e.id in ("jeri", "refuge", "recall", "captured")], events) == {
        "captured": ["recall"], "refuge": ["jeri"]}
    assert "refuge" not in open_order([e for e in listed if e.id != "jeri"], events)
    post = Ev("post", "2025-11", after=["asylum"])
    four = Cap(date(2025, 11, 4), "published", "paper", "2025-11-04")
    day = Ev("break", "2025-11-03")
    assert open_order([day, post], [day, post, *events], {"post": four}) == {"post": ["break"]}
    assert open_order([day, post], [day, post, *events]) == {"post": ["break"]}
    hinted = Ev("post", "2025-11", after=["break"])
    assert open_order([day, hinted], [day, hinted, *events], {"post": four}) == {}


def test_round6_equal_spans_and_an_approximate_day_are_named_unless_a_hint_orders_them():
    # "December 2022" entries stand in file order, which says nothing; "about 6 November" may fall on either
    # side of "6 November"; two events of the same day are named too (round 11, B-F1: file order says nothing
    # within a day); a hint, either way, silences the note
    ousted = Ev("ousted", "2022-12-07")
    arrested = Ev("arrested", "2022-12", after=["dissolve"])
    dissolve = Ev("dissolve", "2022-12-07", before=["ousted"])
    boluarte = Ev("boluarte", "2022-12", after=["ousted"])
    usurper = Ev("usurper", "2022-12", after=["boluarte"])
    events = [dissolve, ousted, arrested, boluarte, usurper]
    listed = chronological(events)
    assert ids(listed) == ["dissolve", "ousted", "arrested", "boluarte", "usurper"]
    assert open_order(listed, events) == {"arrested": ["ousted"], "boluarte": ["arrested"], "usurper": ["arrested"]}
    vote = Ev("vote", "2025-11-06")
    review = Ev("review", "2025-11-06", approximate=True)
    same_day = Ev("same-day", "2025-11-06")
    events = [review, vote, same_day]
    assert open_order(chronological(events), events) == {"vote": ["review"], "same-day": ["review", "vote"]}
    ordered = Ev("same-day", "2025-11-06", after=["vote"])
    assert open_order(chronological([review, vote, ordered]), [review, vote, ordered]) == {
        "vote": ["review"], "same-day": ["review"]}
    # days apart are never named against each other
    apart = [Ev("a", "2025-11-03"), Ev("b", "2025-11-04")]
    assert open_order(apart, apart) == {}
    hinted = Ev("vote", "2025-11-06", after=["review"])
    assert open_order([review, hinted], [review, hinted]) == {}


def _every_pair(listed: list[Ev], events: list[Ev], event_caps: dict[str, Cap]) -> dict[str, list[str]]:
    """open_order as its docstring says it, pair by pair: what Spans, which looks only at spans that may
    overlap, must give."""
    spans = {}
    for e in events:
        ahead = _chain(events, e.id, "before")
        behind = _chain(events, e.id, "after")
        by_id = {x.id: x for x in events}

        def spanned(x: Ev) -> tuple[date, date]:
            return period(x.date[:7] if x.approximate else x.date)  # about a day: any day of its month

        def latest(x: Ev) -> date:
            end = spanned(x)[1]
            return min(end, event_caps[x.id].day) if x.id in event_caps else end

        start = max([spanned(e)[0], *(spanned(by_id[r])[0] for r in ahead)])
        end = min([latest(e), *(latest(by_id[r]) for r in behind)])
        spans[e.id] = (start, end, ahead)
    out: dict[str, list[str]] = {}
    for i, e in enumerate(listed):
        start, end, ahead = spans[e.id]
        found = []
        for d in listed[:i]:
            d_start, d_end, d_ahead = spans[d.id]
            if d.id != e.id and d.id not in ahead and e.id not in d_ahead and start <= d_end and d_start <= end:
                found.append(d.id)
        if found:
            out[e.id] = found
    return out


def _chain(events: list[Ev], rid: str, way: str) -> set[str]:
    """The events a chain of hints puts before (`way` 'before') or after ('after') an event."""
    later: dict[str, set[str]] = {e.id: set() for e in events}
    for e in events:
        later.update({a: later[a] | {e.id} for a in e.after if a in later})
        later[e.id] |= {b for b in e.before if b in later}
    edges = later if way == "after" else {e.id: {x for x, after in later.items() if e.id in after} for e in events}
    seen: set[str] = set()
    stack = list(edges[rid])
    while stack:
        x = stack.pop()
        if x not in seen:
            seen.add(x)
            stack.extend(edges[x])
    return seen


_DATES = st.sampled_from(["2025", "2025-10", "2025-11", "2025-11-03", "2025-11-04", "2025-11-06", "2025-10-10",
                          "2024", "2025-12", "2025-11-30"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_DATES, st.booleans(), st.lists(st.integers(0, 11), max_size=2),
                          st.lists(st.integers(0, 11), max_size=2)), min_size=1, max_size=12),
       st.dictionaries(st.integers(0, 11), st.sampled_from(["2025-11-04", "2025-11-05", "2025-12-31"]), max_size=3),
       st.randoms())
def test_open_order_over_spans_names_what_every_pair_names(rows, capped, random):
    n = len(rows)
    events = [Ev(f"e{i}", d, after=[f"e{j}" for j in a if j < n and j != i],
                 before=[f"e{j}" for j in b if j < n and j != i], approximate=approx and len(d) == 10)
              for i, (d, approx, a, b) in enumerate(rows)]
    event_caps = {f"e{i}": Cap(date.fromisoformat(day), "published", "paper", day)
                  for i, day in capped.items() if i < n}
    listed = chronological(events, event_caps) if not order_problems(events) else list(events)
    part = [e for e in listed if random.random() < 0.7]
    assert open_order(listed, events, event_caps) == _every_pair(listed, events, event_caps)
    assert open_order(part, events, event_caps) == _every_pair(part, events, event_caps)


def test_round7_an_approximate_day_is_named_against_the_days_of_its_month_its_hints_leave_open():
    # (round seven) "about 6 November", put only after the break of 3 November, may have come on 3 or 4
    # November: it is named against the other events of 3 November and the post bounded by 4 November,
    # not against the break its hint puts first, nor against an event of another month
    brk = Ev("break", "2025-11-03")
    communique = Ev("communique", "2025-11-03", after=["break"])
    post = Ev("post", "2025-11", after=["break"])
    october = Ev("october", "2025-10-10")
    review = Ev("review", "2025-11-06", approximate=True, after=["break"])
    vote = Ev("vote", "2025-11-06")
    events = [october, brk, communique, post, review, vote]
    four = {"post": Cap(date(2025, 11, 4), "published", "paper", "2025-11-04")}
    listed = chronological(events, four)
    assert [e.id for e in listed] == ["october", "break", "communique", "post", "review", "vote"]
    found = open_order(listed, events, four)
    assert found["review"] == ["communique", "post"]
    assert found["vote"] == ["review"]
    # the same event known to the day is not named against the days before it
    exact = Ev("review", "2025-11-06", after=["break"])
    assert "review" not in open_order([october, brk, communique, exact], [october, brk, communique, exact])
    # a hint that puts it after the 3 November events, or an earlier hint-bound start, silences the note
    late = Ev("review", "2025-11-06", approximate=True, after=["communique", "post"])
    assert "review" not in open_order([brk, communique, post, late], [brk, communique, post, late], four)
