import pytest

from briefing.facts.archive import normalise, split_header
from briefing.facts.model import Person
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph

from conftest import write_files


def test_mini_fixture_is_a_valid_graph(mini):
    graph = load_graph(mini / "facts", mini / "seeds")
    counts = graph.counts()
    assert counts["people"] == 2 and counts["institutions"] == 3 and counts["events"] == 4
    assert counts["glossary terms"] == 1 and counts["quotes"] == 44  # 3 of them the sources' words about themselves
    assert graph.kind("example-art-1") == "provision"
    assert graph.backlinks["ana-perez"]["event"] == ["meeting", "resumption"]


def test_quotes_match_after_normalising_only_space_quotes_and_dashes():
    text = normalise("said the talks “went well” —\n and   would")
    assert text == 'said the talks "went well" - and would'
    assert normalise("Chávez") != normalise("Chavez")  # accents are not folded


def test_header_split_only_when_lines_are_metadata():
    header, body, start = split_header("title: X\nkind: y\n---\nBody\n")
    assert header == {"title": "X", "kind": "y"} and body == "Body\n" and start == 4
    assert split_header("A headline\n---\nBody\n")[0] == {}


def test_quote_from_the_header_does_not_count(mini):
    write_files(mini, {"facts/questions.yaml": """\
- id: resume
  question: Q?
  known:
    - text: x
      cite:
        - source: treaty
          quote: "archived: partial copy"
  would_settle: x
"""})
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    [p] = exc.value.problems.errors
    assert (p.file, p.line, p.col, p.code) == ("facts/questions.yaml", 7, 18, "quote-not-found")


def test_all_problems_are_collected_across_files(mini):
    write_files(mini, {
        "facts/people.yaml": "- id: ana-perez\n  name: Ana\n  country: nowhere\n  claims: []\n",
        "facts/events.yaml": "- id: meeting\n  date: 2025-02-30\n  title: x\n  claims:\n"
                             "    - text: x\n      cite: [{source: article, quote: not there}]\n",
    })
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    found = {(p.file, p.line, p.code) for p in exc.value.problems.items}
    assert ("facts/people.yaml", 4, "empty-list") in found
    assert ("facts/events.yaml", 2, "bad-date") in found
    # references to a removed person are reported wherever they occur
    assert ("facts/questions.yaml", 32, "unknown-reference") in found


def test_reference_to_wrong_kind_is_an_error(mini):
    write_files(mini, {"facts/people.yaml": (mini / "facts/people.yaml").read_text().replace(
        "country: testland", "country: meeting")})
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    [p] = exc.value.problems.items
    assert p.code == "unknown-reference" and "(it is an event)" in p.message


@pytest.mark.parametrize("as_of, flagged", [
    ("2026-03-12", False),  # the mini briefing: its March 2026 event may fall on or before the 12th
    ("2026-03-01", False),  # still may
    ("2026-02-28", True),   # all of March is after it
    ("2026-02", True),
    ("2025", True),
])
def test_an_event_dated_after_the_briefings_as_of_is_an_error(mini, as_of: str, flagged: bool):
    briefing = mini / "facts" / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("\nas_of: 2026-03-12\n", f"\nas_of: {as_of}\n"),
                        encoding="utf-8")
    try:
        load_graph(mini / "facts", mini / "seeds", display_root=mini)
        found = []
    except FactsInvalid as exc:
        found = [str(p) for p in exc.problems.items if p.code == "after-as-of"]
    if not flagged:
        assert found == []
    else:
        assert found[-1].startswith("facts/events.yaml:16:9: error: date: 'resumption' is dated 2026-03, after the "
                                    f"briefing's as_of date ({as_of}, facts/briefing.yaml)")


def test_a_yaml_error_in_one_source_stops_only_the_quotes_that_cite_it(mini):
    """The other sources are read (load.recover), so a wrong quote citing one of them is still found; the quotes
    citing the unread source are counted as not checked, and so are the references to it."""
    sources = mini / "facts" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert text.startswith("- id: article\n  title: Ministers Meet in Lima\n")
    sources.write_text(text.replace("  title: Ministers Meet in Lima\n", '  title: "Ministers Meet in Lima\n', 1),
                       encoding="utf-8")
    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "quote: Earlier in 2025 the two countries had exchanged angry letters.",
        "quote: Earlier in 2025 the two countries had exchanged polite letters.", 1), encoding="utf-8")
    with pytest.raises(FactsInvalid) as caught:
        load_graph(mini / "facts", mini / "seeds", display_root=mini)
    problems = caught.value.problems
    assert [(p.file, p.code) for p in problems.items] == [("facts/sources.yaml", "yaml-syntax"),
                                                          ("facts/events.yaml", "quote-not-found")]
    assert "'reply'" in problems.items[1].message and "[-polite-]{+angry+}" in problems.items[1].message
    [skipped] = problems.skipped
    assert skipped.startswith("the records at lines 1–")
    assert "of facts/sources.yaml, " in skipped and "references to sources, as their YAML could not be read" in skipped


def test_an_exchange_with_one_position_says_it_has_one_and_why_it_needs_two(mini):
    briefing = mini / "facts" / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8")
    start = text.index("      - holder: otherland\n")
    briefing.write_text(text[:start] + text[text.index("key_figures:"):], encoding="utf-8")
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds", display_root=mini)
    [found] = [str(p) for p in exc.value.problems.items if p.code == "empty-list"]
    assert "briefing.exchanges[0].positions: needs at least 2 items; got 1; an exchange is a charge and the answer" \
        in found, found


# -- a role that had ended by a date, its day not given (`Role.ended_by`; fact-check round eleven, B-F7) ----------

ROLE_START = "      start: 2025-11\n"  # Ana Pérez's role in the mini fixture


def _with_role_lines(mini, lines: str) -> str:
    people = mini / "facts/people.yaml"
    text = people.read_text(encoding="utf-8")
    assert text.count(ROLE_START) == 1
    text = text.replace(ROLE_START, ROLE_START + lines)
    people.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("lines, key, code", [
    ("      ended_by: 2026-02-03\n      end: 2026-02-03\n", "end", "bad-value"),  # the day it ended, or a bound
    ("      ended_by: 2026-02-03\n      ended: true\n", "ended", "bad-value"),  # ended_by says it ended
    ("      ended_by: 2026-02-03\n      last_reported: 2026-01-05\n", "last_reported", "bad-value"),  # left open?
    ("      ended_by: 2025-10\n", "ended_by", "bad-date"),  # before it began (November 2025)
])
def test_ended_by_stands_alone_and_after_the_start(mini, lines: str, key: str, code: str):
    text = _with_role_lines(mini, lines)
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith(f"{key}:"))
    found = [(p.file, p.line, p.code) for p in exc.value.problems.items]
    assert found == [("facts/people.yaml", line, code)], exc.value.problems.items


@pytest.mark.parametrize("bound, en, es", [
    ("2026-02-03", "ended by 3 February 2026 \\(day not given\\)",
     "terminó a más tardar el 3 de febrero de 2026 \\(día no indicado\\)"),
    ("2026-02", "ended by February 2026 \\(date not given\\)",
     "terminó a más tardar en febrero de 2026 \\(fecha no indicada\\)"),
])
def test_a_role_ended_by_a_date_says_so_and_was_held(mini, bound: str, en: str, es: str):
    from briefing.charts import relations as rel
    from briefing.site import build_site

    _with_role_lines(mini, f"      ended_by: {bound}\n")
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    person = graph.get("ana-perez")
    assert isinstance(person, Person)
    [role] = person.roles
    assert role.ended_by == bound and role.over(graph.briefing.as_of) and not role.uncertain(graph.briefing.as_of)
    assert ("ana-perez", rel.HELD, "ministry") in {(a, label, b) for a, label, b, _e in rel.relations(graph)}
    for language, words in (("en", en), ("es", es)):
        page = build_site(graph, "https://example.github.io/mini/", language=language).pages["people/ana-perez.md"]
        row = next(ln for ln in page.splitlines() if ln.startswith("| Foreign Minister") or ln.startswith("| Ministra"))
        assert f"| {words} |" in row, row
