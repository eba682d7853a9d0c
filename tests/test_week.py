"""`approximate: week`: an event the sources place only within a week (round 11, A-F1/B-F2: De Zela's interview was
labelled "about 6 November 2025", which reads as a day give or take one, where the sources give only the week of
3 to 9 November)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

import pytest

from briefing.facts.order import Cap, caps, chronological, event_period, narrowed_dates, open_order, week_of
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph
from briefing.i18n import speaking
from briefing.pages.builders import plan
from briefing.publish.export import exports, timeline_ics
from briefing.text import format_date


@dataclass
class Ev:
    id: str
    date: str
    approximate: bool | str = False
    after: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)


def test_a_week_is_monday_to_sunday_and_is_shown_by_its_monday():
    assert week_of(date(2025, 11, 6)) == (date(2025, 11, 3), date(2025, 11, 9))
    assert week_of(date(2025, 11, 3)) == week_of(date(2025, 11, 9))
    assert event_period(Ev("x", "2025-11-06", "week")) == (date(2025, 11, 3), date(2025, 11, 9))
    assert event_period(Ev("x", "2025-11-06", True)) == (date(2025, 11, 6), date(2025, 11, 6))
    assert format_date("2025-11-06", "week") == "the week of 3 November 2025"
    assert format_date("2025-11-06", True) == "about 6 November 2025"
    with speaking("es"):
        assert format_date("2025-11-09", "week") == "la semana del 3 de noviembre de 2025"


def test_a_week_is_placed_at_its_end_or_its_cap_and_named_against_the_events_it_may_have_preceded():
    brk = Ev("break", "2025-11-03")
    vote = Ev("vote", "2025-11-06")
    review = Ev("review", "2025-11-03", "week", after=["break"])
    late = Ev("late", "2025-11-08")
    events = [brk, review, vote, late]
    # at the end of its week (Sunday the 9th) without a cap: after the 8th
    assert [e.id for e in chronological(events)] == ["break", "vote", "late", "review"]
    # its undated reports also tell of the vote: never shown as newer than it (the cap is the vote's day)
    found = caps(events, {"review": ["paper"], "vote": ["paper"]}, {})
    assert found["review"] == Cap(date(2025, 11, 6), "undated", "vote", "2025-11-06")
    listed = chronological(events, found)
    assert [e.id for e in listed] == ["break", "review", "vote", "late"]
    # it may fall on any day of its week up to the cap: the vote is named, the break (a hint) and the 8th are not
    assert open_order(listed, events, found) == {"vote": ["review"]}
    # the chart's window: its week, narrowed by the hints (the break's day is its first)
    assert narrowed_dates(events)["review"] == (date(2025, 11, 3), date(2025, 11, 9))


def test_week_needs_a_day_and_is_reported_where_it_is_written(mini):
    events = mini / "facts" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("- id: rejection\n  date: 2025-11\n", "- id: rejection\n  date: 2025-11\n"
                                   "  approximate: week\n"), encoding="utf-8")
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds", display_root=mini)
    found = [str(p) for p in exc.value.problems.items if "approximate: 'week'" in str(p)]
    line = text.splitlines().index("- id: rejection") + 3  # the new line, 1-based
    assert found == [f"facts/events.yaml:{line}:16: error: approximate: 'week' needs a date with its day (any day "
                     "of that week), not 2025-11 [bad-date]"]


def test_a_week_in_the_exports_and_on_the_timeline(mini):
    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "- id: meeting\n  date: 2025-11-03\n", "- id: meeting\n  date: 2025-11-05\n  approximate: week\n"),
        encoding="utf-8")
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    the_plan = plan(graph)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exports(the_plan)["timeline.csv"]))}
    assert (rows["meeting"]["date"], rows["meeting"]["precision"], rows["meeting"]["approximate"]) == \
        ("2025-11-05", "week", "no")
    ics = timeline_ics(the_plan).replace("\r\n ", "")
    meeting = next(e for e in ics.split("BEGIN:VEVENT")[1:] if "UID:meeting@" in e)
    assert "DTSTART;VALUE=DATE:20251103\r\n" in meeting and "DTEND;VALUE=DATE:20251110\r\n" in meeting
    assert "(the week of 3 November 2025)" in meeting
