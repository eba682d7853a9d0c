"""The mini fixture builds to the committed pages and exports in tests/golden/: every kind of
generated page (home, what changed, timeline, people, institutions, relations, legal, questions,
differences, glossary, sources, the printout and the reference) and every export (the feed too).

It is built from a scripted git history (history_script.py), so the pages show what changed.

After an intended change to the output, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

import os
import shutil
from pathlib import Path

import pytest
from history_script import make_history

from briefing.history import read_history
from briefing.site import STYLESHEET, build_site
from briefing.validate import load_graph

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


def test_mini_builds_to_the_golden_pages_and_exports(scripted: Path):
    built = _built(scripted)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in built.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))
    committed = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
                 for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(built) == sorted(committed)
    for path, text in built.items():
        assert text == committed[path], f"{path} differs from tests/golden/{path}"


def test_every_kind_of_page_has_a_golden_file():
    kinds = {"index.md", "changes.md", "timeline.md", "people/index.md", "people/ana-perez.md", "institutions/index.md",
             "institutions/ministry.md", "relations.md", "legal/index.md", "legal/example-treaty.md", "questions.md",
             "differences.md", "glossary.md", "sources/index.md", "sources/article.md", "print.md", "reference.md",
             "files/briefing.json", "files/timeline.csv", "files/timeline.ics",
             "files/changes.xml"}
    assert kinds <= {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
