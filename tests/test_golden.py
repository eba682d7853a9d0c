"""The mini fixture builds to the committed pages and exports in tests/golden/: every kind of
generated page (home, what changed, timeline, people, institutions, relations, legal, questions,
differences, glossary, sources, the printout and the reference) and every export (the feed too).

It is built from a scripted git history (history_script.py), so the pages show what changed.

After an intended change to the output, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff before committing it. briefing.json is built compact (one line); its golden copy is
kept indented, so that a diff of it can be read, and the built bytes must equal that copy written compact.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from history_script import make_history

from briefing.facts.validate import load_graph
from briefing.history.read import read_history
from briefing.site import STYLESHEET, build_site

GOLDEN = Path(__file__).parent / "golden"
SITE_URL = "https://example.github.io/mini/"


@pytest.fixture(scope="module")
def scripted(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history") / "mini")


def _built(project: Path) -> dict[str, str]:
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    site = build_site(graph, SITE_URL, read_history(project / "facts", project / "seeds"))
    out = dict(site.pages)
    out.update({f"files/{name}": data.decode("utf-8") for name, data in site.files.items() if name != STYLESHEET})
    return out


def readable(path: str, text: str) -> str:
    """A golden file's text: JSON indented (the build writes it compact), the rest as built."""
    if not path.endswith(".json"):
        return text
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def compact(path: str, text: str) -> str:
    """What the build writes for a golden file's text: JSON compact, the rest as it is."""
    if not path.endswith(".json"):
        return text
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"


def update_golden(built: dict[str, str], golden: Path = GOLDEN) -> list[str]:
    """Rewrite the golden folder from `built`; the paths that changed (refused under CI: a golden file is
    reviewed by a person, never rewritten where nobody reads the diff)."""
    if os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        pytest.fail("UPDATE_GOLDEN is refused under CI: regenerate the golden files locally and review the diff")
    before = {p.relative_to(golden).as_posix(): p.read_bytes() for p in golden.rglob("*") if p.is_file()}
    shutil.rmtree(golden, ignore_errors=True)
    for path, text in built.items():
        (golden / path).parent.mkdir(parents=True, exist_ok=True)
        (golden / path).write_bytes(readable(path, text).encode("utf-8"))
    return sorted(p for p in {*before, *built}
                  if p not in built or before.get(p) != readable(p, built[p]).encode("utf-8"))


def test_mini_builds_to_the_golden_pages_and_exports(scripted: Path):
    built = _built(scripted)
    if os.environ.get("UPDATE_GOLDEN"):
        changed = update_golden(built)
        # an update run never passes: it wrote what it compares against
        pytest.fail(f"golden files rewritten ({len(changed)} changed: {', '.join(changed) or 'none'}); review "
                    "`git diff tests/golden`, then run the tests again without UPDATE_GOLDEN")
    committed = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
                 for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(built) == sorted(committed)
    for path, text in built.items():
        assert text == compact(path, committed[path]), f"{path} differs from tests/golden/{path}"


def test_every_kind_of_page_has_a_golden_file():
    kinds = {"index.md", "changes.md", "timeline.md", "people/index.md", "people/ana-perez.md", "institutions/index.md",
             "institutions/ministry.md", "relations.md", "legal/index.md", "legal/example-treaty.md", "questions.md",
             "differences.md", "glossary.md", "sources/index.md", "sources/article.md", "print.md", "reference.md",
             "files/briefing.json", "files/timeline.csv", "files/timeline.ics",
             "files/changes.xml"}
    assert kinds <= {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
