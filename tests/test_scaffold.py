"""`build.py new DIR` makes a briefing that builds at once with its own build.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from briefing.load import FactsLoader

from conftest import run_cli


def test_new_briefing_builds_at_once(tmp_path: Path):
    target = tmp_path / "my-briefing"
    result = run_cli("new", str(target))
    assert result.returncode == 0, result.stderr
    assert "facts/briefing.yaml" in result.stdout and "seeds/" in result.stdout  # what to edit first
    # Its own build.py, run inside the folder, with the generator installed as a package.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "build.py", "build"], cwd=target, env=env,
                           capture_output=True, text=True, timeout=300, check=False)
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
        jsonschema.validate(yaml.load(text, Loader=FactsLoader), schema)
    check = run_cli("--project", str(target), "check")
    assert check.returncode == 0, check.stderr


def test_new_refuses_a_folder_with_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("new", str(tmp_path))
    assert result.returncode == 1
    assert "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_the_vendored_generator_is_a_valid_reproducible_wheel(tmp_path: Path):
    import base64
    import hashlib
    import zipfile

    from briefing.scaffold import PROJECT, wheel

    name, data = wheel()
    assert wheel() == (name, data)  # the same generator gives the same bytes: no churn in git
    assert re.fullmatch(r"briefing-\d+\.\d+\.\d+\+g[0-9a-f]{12}-py3-none-any\.whl", name)
    version = name.split("-")[1]
    (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / name) as zf:
        names = zf.namelist()
        info = f"briefing-{version}.dist-info"
        assert {"briefing/cli.py", "briefing/templates/home.md.j2", "briefing/project/mkdocs.yml.j2",
                f"{info}/METADATA", f"{info}/RECORD", f"{info}/entry_points.txt"} <= set(names)
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        assert "briefing = briefing.plugin:BriefingPlugin" in zf.read(f"{info}/entry_points.txt").decode()
        requires = [ln.split(": ", 1)[1] for ln in zf.read(f"{info}/METADATA").decode().splitlines()
                    if ln.startswith("Requires-Dist: ")]
        pins = [ln for ln in (PROJECT / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
        assert requires == pins
        for row in zf.read(f"{info}/RECORD").decode().splitlines():
            path, digest, size = row.split(",")
            if path != f"{info}/RECORD":
                content = zf.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
                assert (digest, int(size)) == (f"sha256={expected}", len(content)), path


def test_new_writes_everything_a_briefing_needs_to_stand_alone(tmp_path: Path):
    target = tmp_path / "b"
    result = run_cli("new", str(target), "--repo", "alice/peru-watch")
    assert result.returncode == 0, result.stderr
    assert f"cd {target} && make site" in result.stdout
    for rel in ("Makefile", "requirements.txt", "requirements-test.txt", ".gitignore", "README.md",
                ".github/workflows/pages.yml", ".pre-commit-config.yaml", "tests/test_briefing.py", "build.py"):
        assert (target / rel).is_file(), rel
    [wheel_file] = (target / "vendor").glob("briefing-*.whl")
    requirements = (target / "requirements.txt").read_text()
    assert f"\nvendor/{wheel_file.name}\n" in requirements
    assert all("==" in ln for ln in requirements.splitlines() if ln and not ln.startswith(("#", "vendor/")))
    config = yaml.safe_load((target / "mkdocs.yml").read_text())
    assert config["site_url"] == "https://alice.github.io/peru-watch/"
    assert config["repo_url"] == "https://github.com/alice/peru-watch"
    assert wheel_file.name in (target / "README.md").read_text()
    bad = run_cli("new", str(tmp_path / "c"), "--repo", "no slash")
    assert bad.returncode == 1 and "expected USER/REPO" in bad.stderr
    assert not (tmp_path / "c").exists()
