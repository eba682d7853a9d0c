"""The registry of record kinds: every list of kinds is read from it, and CONTRIBUTING.md's steps for
adding a kind work as written (this test runs its example)."""

from __future__ import annotations

import json
import linecache
import re
from pathlib import Path

import pytest

from briefing.editor.schema import schema_for
from briefing.facts import kinds
from briefing.facts.codes import Code
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph
from briefing.site import build_site

from conftest import ROOT, cli, search, write_files


def _example() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Adding a record kind", 1)[1]
    return search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


@pytest.fixture
def with_notes(monkeypatch):
    """The registry with CONTRIBUTING.md's example kind added (and removed again after the test)."""
    monkeypatch.setattr(kinds, "KINDS", list(kinds.KINDS))
    source, name = _example(), "<CONTRIBUTING.md example>"
    # pydantic reads the fields' docstrings from the class's source (inspect, through linecache): give it
    # the example's own lines (under the file's name it would read CONTRIBUTING.md's first lines instead)
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    code = compile(source, name, "exec", dont_inherit=True)
    exec(code, {"__name__": "contributing_example"})
    return kinds.kind("note")


NOTES = """\
- id: coverage
  title: How the talks were covered
  claims:
    - text: The ministry confirmed the meeting.
      cite:
        - source: article
          quote: The ministry confirmed the meeting
"""


def test_a_new_kind_is_read_checked_counted_exported_and_shown(with_notes, mini: Path):
    write_files(mini, {"facts/notes.yaml": NOTES})
    graph = load_graph(mini / "facts", mini / "seeds", display_root=mini)
    assert [n.id for n in graph.records["note"]] == ["coverage"]
    assert graph.counts()["notes"] == 1
    assert graph.kind("coverage") == "note"
    site = build_site(graph)
    assert "{ #coverage }" in site.pages["notes.md"] and "The ministry confirmed the meeting" in site.pages["notes.md"]
    assert {"Notes": "notes.md"} in site.nav([])
    assert [n["id"] for n in json.loads(site.files["briefing.json"])["notes"]] == ["coverage"]
    assert schema_for("notes")["items"]["$ref"].endswith("/Note")
    result = cli("--project", str(mini), "check")
    assert result.returncode == 0 and "1 notes" in result.stdout


def test_a_new_kind_gets_the_same_checks(with_notes, mini: Path):
    write_files(mini, {"facts/notes.yaml": NOTES.replace("id: coverage", "id: ana-perez")
                       .replace("The ministry confirmed", "The ministry denied")})
    with pytest.raises(FactsInvalid) as exc:
        load_graph(mini / "facts", mini / "seeds", display_root=mini)
    found = {(p.file, p.line, p.code) for p in exc.value.problems.errors}
    assert found == {("facts/notes.yaml", 1, Code.DUPLICATE_ID), ("facts/notes.yaml", 7, Code.QUOTE_NOT_FOUND)}
    # and its texts are to translate like any other's (the mini is in English and Spanish)
    warned = {(p.file, p.line, p.code) for p in exc.value.problems.warnings}
    assert warned == {("facts/notes.yaml", line, Code.MISSING_TRANSLATION) for line in (4, 7)}


def test_without_the_new_kind_its_file_is_unknown(mini: Path):
    write_files(mini, {"facts/notes.yaml": NOTES})
    result = cli("--project", str(mini), "check")
    assert result.returncode == 1
    assert "facts/notes.yaml:1:1: error: unexpected facts file" in result.stderr


def test_every_filed_kind_has_a_file_a_page_and_an_export_key():
    for k in kinds.filed():
        assert k.file and k.page and k.index and k.export_key and k.title, k.name
    assert len({k.export_key for k in kinds.filed()}) == len(kinds.filed())
    assert set(kinds.facts_files()) == {"briefing", *(k.file for k in kinds.filed())}
