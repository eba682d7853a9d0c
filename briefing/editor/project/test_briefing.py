"""This briefing's own tests (`make test`): the facts are valid, match the schemas editors'
tools use, build into a site strictly, and the Pages workflow is one GitHub accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def test_the_facts_are_valid() -> None:
    result = _run("build.py", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_every_facts_file_matches_its_schema() -> None:
    for path in sorted((ROOT / "facts").glob("*.yaml")):
        result = _run("-m", "check_jsonschema", "--schemafile", str(ROOT / "schemas" / f"{path.stem}.schema.json"),
                      str(path))
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    project = tmp_path / "copy"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", ".site-*"))
    result = _run("build.py", "--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()


def test_the_pages_workflow_matches_githubs_schema() -> None:
    workflow = ROOT / ".github" / "workflows" / "pages.yml"
    result = _run("-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr
