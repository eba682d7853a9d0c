"""`build.py new DIR` makes a briefing that builds at once with its own build.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from briefing.load import _FactsLoader
from conftest import run_cli


def test_new_briefing_builds_at_once(tmp_path: Path):
    target = tmp_path / "my-briefing"
    result = run_cli("new", str(target))
    assert result.returncode == 0, result.stderr
    assert "facts/briefing.yaml" in result.stdout and "seeds/" in result.stdout  # what to edit first
    # Its own build.py, run inside the folder, with the generator installed as a package.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "build.py", "build"], cwd=target, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    site = target / "site"
    assert (site / "index.html").is_file()
    assert (site / "people" / "example-person" / "index.html").is_file()
    assert "The example meeting" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert (site / "timeline.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1


def test_new_briefing_facts_name_and_match_their_schemas(tmp_path: Path):
    target = tmp_path / "b"
    assert run_cli("new", str(target)).returncode == 0
    for path in sorted((target / "facts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        schema_path = path.parent / first.split("$schema=", 1)[1]
        schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(yaml.load(text, Loader=_FactsLoader), schema)
    check = run_cli("--project", str(target), "check")
    assert check.returncode == 0, check.stderr


def test_new_refuses_a_folder_with_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("new", str(tmp_path))
    assert result.returncode == 1
    assert "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
