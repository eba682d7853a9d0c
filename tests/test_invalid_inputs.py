"""Each folder under tests/invalid/ is one bad-input case: its files are laid over the mini
fixture briefing and `check` and `build` must print exactly the lines in expected.txt, exit 1,
show no traceback, and leave site/ and docs/ byte for byte as they were.

Adding a regression test is adding a folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI, copy_project, run_cli, snapshot

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory) -> Path:
    """The mini briefing, built once, with a site/ to protect."""
    project = copy_project(MINI, tmp_path_factory.mktemp("built") / "mini")
    result = run_cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


def _overlay(case: Path, project: Path) -> None:
    """Copy the case's files over the project; then run its make.py, if any, on the project.

    make.py defines `make(project: Path)`: it writes inputs too big to commit (a multi-MB file)
    or removes files (a missing briefing.yaml), which copying alone cannot express.
    """
    for path in case.rglob("*"):
        if path.is_file() and path.name not in ("expected.txt", "make.py") and "__pycache__" not in path.parts:
            target = project / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    maker = case / "make.py"
    if maker.exists():
        namespace: dict = {}
        exec(compile(maker.read_text(encoding="utf-8"), str(maker), "exec"), namespace)
        namespace["make"](project)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_every_problem(case: Path, tmp_path: Path):
    project = copy_project(MINI, tmp_path / "p")
    _overlay(case, project)
    result = run_cli("--project", str(project), "check")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failed_build_loses_nothing(case: Path, built_mini: Path, tmp_path: Path):
    project = tmp_path / "p"
    shutil.copytree(built_mini, project)
    _overlay(case, project)
    site_before, docs_before = snapshot(project / "site"), snapshot(project / "docs")
    assert "index.html" in site_before
    result = run_cli("--project", str(project), "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # the same problem lines as `check`, then nothing else
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == expected
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "docs") == docs_before
    assert sorted(p.name for p in project.iterdir()) == sorted(p.name for p in built_mini.iterdir())


def test_every_error_code_has_a_case():
    codes = {line.rsplit("[", 1)[1].rstrip("]")
             for case in CASES for line in (case / "expected.txt").read_text().splitlines() if "[" in line}
    assert {"yaml-syntax", "wrong-type", "missing-field", "unknown-key", "duplicate-id", "unknown-reference",
            "bad-date", "quote-not-found", "missing-archive", "bad-url", "not-utf8", "empty-file", "bad-id",
            "unsafe-path", "yaml-alias", "too-deep", "file-too-large", "unknown-file", "missing-file", "bad-character"} <= codes
