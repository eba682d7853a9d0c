"""Shared fixtures: tiny projects built from a dict, the mini fixture briefing, the CLI."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from briefing.plugin import BriefingPlugin

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def copy_project(src: Path, dest: Path) -> Path:
    """Copy a briefing project (facts, seeds, docs, mkdocs.yml) without its built site."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("facts", "seeds", "docs"):
        if (src / name).exists():
            shutil.copytree(src / name, dest / name)
    shutil.copy(src / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def search(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """re.search for what the test expects to be there: fails, naming the pattern, when it is not."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"no match for {pattern!r} in {text[:300]!r}"
    return found


def find(parent: ET.Element, path: str) -> ET.Element:
    """parent.find(path) for an element the test expects: fails, naming the path, when there is none."""
    found = parent.find(path)
    assert found is not None, f"no {path} in {parent.tag}"
    return found


def briefing_plugin(config: MkDocsConfig) -> BriefingPlugin:
    """The briefing plugin of a loaded mkdocs.yml, as its own class (config.plugins holds BasePlugins)."""
    from briefing.plugin import BriefingPlugin

    instance = config.plugins["briefing"]
    assert isinstance(instance, BriefingPlugin), type(instance)
    return instance


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str) -> Result:
    """The real command line, run in this process (its output captured): fast enough for every case.

    `run_cli` runs it as a subprocess, as an editor does; a few smoke tests keep that path covered."""
    from briefing.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the mini fixture briefing."""
    return copy_project(MINI, tmp_path / "mini")


@pytest.fixture(scope="module")
def graph():
    """The mini fixture briefing, loaded and validated once per test module.

    Modules about another briefing (the real one, a built site) define their own `graph`/`site`."""
    from briefing.facts.validate import load_graph

    return load_graph(MINI / "facts", MINI / "seeds", display_root=MINI)


@pytest.fixture(scope="module")
def site(graph):
    """The mini briefing's pages and files as `build_site` makes them, without MkDocs."""
    from briefing.site import build_site

    return build_site(graph, "https://example.github.io/mini/")


# -- a small briefing with any number of sides and every kind of move (test_moves.py, test_plugin.py) ---

def _cited(text: str) -> list[dict]:
    """One claim, cited to a quote the mini fixture's article holds (a fresh copy each time: YAML aliases
    are refused in facts)."""
    return [{"text": text, "cite": [{"source": "article", "quote": "the meeting took place on 3 November 2025"}]}]


INSTITUTIONS = [
    {"id": "thirdland", "name": "Thirdland", "kind": "state", "claims": _cited("Thirdland is a state.")},
    {"id": "council", "name": "Council of States", "kind": "international organization",
     "claims": _cited("The council is an international body.")},
    {"id": "testland-daily", "name": "Testland Daily", "kind": "media", "country": "testland",
     "claims": _cited("A newspaper of Testland.")},
]
# a person of Testland whose post there ended long before the close-up
PEOPLE = [
    {"id": "old-minister", "name": "Ola Berg", "country": "testland", "claims": _cited("Ola Berg was a minister."),
     "roles": [{"title": "Foreign Minister", "org": "ministry", "start": "2015", "end": "2020",
                "cite": _cited("A post.")[0]["cite"]}]},
]
# (id, date, who acted): two background events long before seven close together (the close-up)
EVENTS = [
    ("old-letter", "1990-05-01", ["otherland"]),
    ("old-census", "2001", []),
    ("joint-statement", "2025-10-01", ["testland", "otherland"]),
    ("third-move", "2025-10-20", ["thirdland"]),
    ("minister-meets", "2025-11-03", ["ana-perez", "ministry"]),
    ("daily-reports", "2025-11-04", ["testland-daily"]),  # a newspaper of a side: it does not act for it
    ("ministry-and-council", "2025-11-05", ["ministry", "council"]),
    ("council-rules", "2025-11-10", ["council"]),
    ("old-minister-speaks", "2025-11-12", ["old-minister"]),  # a post that had ended: no side's move
]


def moves_project(tmp_path: Path, briefing_sides: list[str]) -> Path:
    """The mini briefing with these sides, a third state, an international body, a newspaper and a former
    minister of Testland, and EVENTS in place of its own: one event of each kind of move (test_moves.py),
    two in the background and seven close together after them (the timeline folds the background before
    the close-up)."""
    project = copy_project(MINI, tmp_path / f"sides-{len(briefing_sides)}")
    facts = project / "facts"
    briefing = yaml.safe_load((facts / "briefing.yaml").read_text(encoding="utf-8"))
    briefing["sides"] = briefing_sides
    if len(briefing_sides) < 2:  # the exchanges set the two sides' positions side by side
        briefing.pop("exchanges", None)
    if not briefing_sides:  # no sides: no statement argues one (as sides_fixtures.sides_project)
        from sides_fixtures import _drop_argues

        _drop_argues(briefing)
    institutions = yaml.safe_load((facts / "institutions.yaml").read_text(encoding="utf-8")) + INSTITUTIONS
    people = yaml.safe_load((facts / "people.yaml").read_text(encoding="utf-8")) + PEOPLE
    events = [{"id": rid, "date": date, "title": f"Event {rid}", "who": {"acted": acted, "involved": ["jan-doe"]},
               "claims": _cited(f"Something happened ({rid}).")} for rid, date, acted in EVENTS]
    for name, data in (("briefing", briefing), ("institutions", institutions), ("people", people), ("events", events)):
        (facts / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in (facts / "discrepancies.yaml", facts / "questions.yaml"):  # they name the mini's events
        path.write_text("[]\n", encoding="utf-8")
    return project
