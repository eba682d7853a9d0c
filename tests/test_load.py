from pathlib import Path

from briefing.facts.load import load_file, load_text
from briefing.facts.problems import Problems


def test_positions_are_recorded_for_every_value():
    problems = Problems()
    doc = load_text("- id: a\n  name: Ana\n  roles:\n    - title: x\n", "f.yaml", problems)
    assert not problems
    assert doc is not None
    assert doc.data == [{"id": "a", "name": "Ana", "roles": [{"title": "x"}]}]
    assert doc.where((0, "name")) == (2, 9)
    assert doc.where((0, "roles", 0, "title")) == (4, 14)
    assert doc.where_key((0, "name")) == (2, 3)
    # a missing path falls back to its nearest located ancestor
    assert doc.where((0, "roles", 0, "nope")) == (4, 7)


def test_dates_stay_strings_and_years_are_numbers():
    problems = Problems()
    doc = load_text("a: 2025-11-03\nb: 2025-11\nc: 2023\n", "f.yaml", problems)
    assert doc is not None, problems.items
    assert doc.data == {"a": "2025-11-03", "b": "2025-11", "c": 2023}


def test_duplicate_keys_are_reported_with_both_lines():
    problems = Problems()
    load_text("id: a\nname: x\nname: y\n", "f.yaml", problems)
    [p] = problems.items
    assert (p.line, p.col, p.code) == (3, 1, "duplicate-key")
    assert "first at line 2" in p.message


def test_syntax_error_names_the_line_and_tabs(tmp_path: Path):
    problems = Problems()
    assert load_text("a:\n\tb: 1\n", "f.yaml", problems) is None
    [p] = problems.items
    assert (p.line, p.code) == (2, "yaml-syntax")
    assert "a tab indents this line" in p.message and "spaces" in p.message


def test_not_utf8_and_empty_files(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"- id: x\n  name: caf\xe9\n")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# only a comment\n")
    problems = Problems()
    assert load_file(bad, "bad.yaml", problems) is None
    assert load_file(empty, "empty.yaml", problems) is None
    codes = [(p.file, p.line, p.col, p.code) for p in problems.items]
    assert codes == [("bad.yaml", 2, 12, "not-utf8"), ("empty.yaml", 1, 1, "empty-file")]
