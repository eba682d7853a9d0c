"""Each folder under tests/invalid/ is one bad-input case: its files are laid over the mini
fixture briefing and `check` and `build` must print exactly the lines in expected.txt, exit 1,
show no traceback, and leave site/ and docs/ byte for byte as they were.

Adding a regression test is adding a folder. The cases run in-process through the real command
line (`cli`); two smoke tests run it as a subprocess, as an editor does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.facts.codes import Code

from conftest import MINI, cli, copy_project, run_cli, snapshot

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory) -> Path:
    """The mini briefing, built once, with a site/ to protect."""
    project = copy_project(MINI, tmp_path_factory.mktemp("built") / "mini")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


def overlay(case: Path, project: Path) -> None:
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


def _expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_every_problem(case: Path, tmp_path: Path):
    project = copy_project(MINI, tmp_path / "p")
    overlay(case, project)
    result = cli("--project", str(project), "check", "--strict")  # as strict as the build: translations too
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == _expected(case)
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failed_build_loses_nothing(case: Path, built_mini: Path, tmp_path: Path):
    project = tmp_path / "p"
    shutil.copytree(built_mini, project)
    overlay(case, project)
    site_before, docs_before = snapshot(project / "site"), snapshot(project / "docs")
    names_before = sorted(p.name for p in project.iterdir())  # a case's make.py may add some (.git)
    assert "index.html" in site_before
    result = cli("--project", str(project), "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # the same problem lines as `check`, then nothing else
    assert result.stderr.splitlines() == _expected(case)
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "docs") == docs_before
    assert sorted(p.name for p in project.iterdir()) == names_before  # the failed build left nothing behind


@pytest.mark.parametrize("command", ["check", "build"])
def test_the_command_line_as_a_subprocess_reports_the_same(command: str, tmp_path: Path):
    case = next(c for c in CASES if c.name == "schema-and-quote-errors-together")
    project = copy_project(MINI, tmp_path / "p")
    overlay(case, project)
    result = run_cli("--project", str(project), command)
    assert result.returncode == 1
    assert result.stderr.splitlines() == _expected(case)
    assert result.stdout == ""


def test_every_error_code_has_a_case():
    found = {line.rsplit("[", 1)[1].rstrip("]") for case in CASES for line in _expected(case) if line.endswith("]")}
    assert found == {code.value for code in Code}
