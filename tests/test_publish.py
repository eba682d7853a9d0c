"""Publishing: the GitHub Pages workflow is valid and builds the site the way `make site` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_workflow_matches_the_vendored_github_workflow_schema():
    import check_jsonschema

    # The schema ships inside the package: the check needs no network.
    vendored = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor" / "github-workflows.json"
    assert vendored.is_file()
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_fails_the_schema_check(tmp_path: Path):
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:", 1))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def test_workflow_builds_with_make_site_and_deploys_site():
    wf = yaml.safe_load(WORKFLOW.read_text())
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"]["group"]
    build = _steps(wf["jobs"]["build"])
    runs = [s.get("run") for s in build if "run" in s]
    assert runs == ["make site"]  # the same command as locally, strict build included
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert build.index(upload) > [s.get("run") for s in build].index("make site")
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
    assert deploy["environment"]["name"] == "github-pages"


def test_make_site_builds_strict():
    # The workflow trusts `make site` to be the strict build; keep that true.
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) build.py build" in makefile.split("site:", 1)[1].split("\n\n", 1)[0]
    cli = (ROOT / "briefing" / "cli.py").read_text()
    assert "strict=True" in cli


def test_pre_commit_runs_the_facts_check():
    import re
    import shlex

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]}
    check = hooks["briefing-check"]
    assert shlex.split(check["entry"])[1:] == ["build.py", "check"]
    assert check["pass_filenames"] is False and check["language"] == "system"
    assert re.search(check["files"], "facts/people.yaml") and re.search(check["files"], "seeds/a.txt")
    assert not re.search(check["files"], "README.md")
