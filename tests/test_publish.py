"""Publishing: the GitHub Pages workflow is valid and builds the site the way `make site` does."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import yaml

from conftest import ROOT, search

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_workflow_matches_the_vendored_github_workflow_schema():
    # The schema ships inside the package: the check needs no network. (The package is located with
    # importlib.resources: check-jsonschema ships no type information and has no stubs to import it by.)
    vendored = files("check_jsonschema") / "builtin_schemas" / "vendor" / "github-workflows.json"
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


CHECK = 'make check CHECK="--strict --format github"'
"""The facts' check both workflows run: every problem as an annotation on its line."""
NOT_A_PULL_REQUEST = "github.event_name != 'pull_request'"


def test_workflow_builds_with_make_site_and_deploys_site():
    wf = yaml.safe_load(WORKFLOW.read_text())
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert wf["permissions"] == {"contents": "read"}  # what a pull request's run gets
    build = _steps(wf["jobs"]["build"])
    runs = [s.get("run") for s in build if "run" in s]
    assert runs == [CHECK, "make site"]  # the same commands as locally, strict build included
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert build.index(upload) > [s.get("run") for s in build].index("make site")
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}  # the deployment alone may publish
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
    assert deploy["environment"]["name"] == "github-pages"


def test_pull_requests_are_checked_and_built_but_not_published():
    wf = yaml.safe_load(WORKFLOW.read_text())
    triggers = wf[True]
    assert "pull_request" in triggers and "branches" not in (triggers["pull_request"] or {})  # into any branch
    build = wf["jobs"]["build"]
    assert "if" not in build  # every pull request is checked and built...
    upload = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == NOT_A_PULL_REQUEST  # ...and nothing of it is published
    assert wf["jobs"]["deploy"]["if"] == NOT_A_PULL_REQUEST
    tests = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    runs = [s.get("run") for s in _steps(tests["jobs"]["test"])]
    assert CHECK in runs and runs.index(CHECK) < runs.index("make test")


def test_the_workflows_commands_run_here_as_on_github(tmp_path: Path):
    """The build job's `run` steps, in order, in the mini briefing with this repository's Makefile: a broken fact
    stops them at the check, with each problem as an annotation on its line; fixed, they build the site."""
    from test_setup import _make_project, plain_env

    project = _make_project(tmp_path)
    runs = [s["run"] for s in _steps(yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]) if "run" in s]
    people, events = project / "facts" / "people.yaml", project / "facts" / "events.yaml"
    good_people, good_events = people.read_text(encoding="utf-8"), events.read_text(encoding="utf-8")
    people.write_text(good_people.replace("start: 2025-11\n", "start: 03/11/2025\n", 1), encoding="utf-8")
    events.write_text(good_events.replace("  title: Ministers meet", "  title:Ministers meet", 1), encoding="utf-8")

    def step(run: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", run], cwd=project, env=plain_env(), capture_output=True,
                              text=True, timeout=300, check=False)  # as GitHub runs a step: bash -e

    first = step(runs[0])
    assert first.returncode != 0  # the step fails (make: 2): the pull request's check is red
    annotations = [ln for ln in first.stdout.splitlines() if ln.startswith("::")]
    assert annotations[0] == (
        "::error file=facts/events.yaml,line=4,col=8,title=yaml-syntax::YAML syntax error: no space after the colon "
        "in 'title:Ministers meet', so YAML reads the line as one text, not as the key 'title' and its value; put a "
        "space after the colon: title: Ministers meet")
    assert annotations[1].startswith("::error file=facts/people.yaml,line=9,col=14,title=bad-date::people[0].roles[0]"
                                     ".start: '03/11/2025' is not a date; dates are written year first")
    assert annotations[2].startswith("::warning title=not checked::not checked until the problems above are fixed: ")
    assert len(annotations) == 3 and first.stdout.splitlines()[-1] == "2 problems found; nothing was built."

    people.write_text(good_people, encoding="utf-8")
    events.write_text(good_events, encoding="utf-8")
    for run in runs:
        done = step(run)
        assert done.returncode == 0, run + "\n" + done.stdout + done.stderr
    assert "::" not in step(runs[0]).stdout  # no annotation when all is well
    assert (project / "site" / "index.html").is_file()


def test_annotations_escape_what_github_reads_as_the_commands_syntax():
    from briefing.facts.codes import Code
    from briefing.facts.problems import Problems

    problems = Problems()
    problems.add("facts/a,b:c.yaml", 3, 5, Code.BAD_VALUE, "50% of it: done\nnext")
    [line, count] = problems.annotations().splitlines()
    # properties escape , and : too; the message % and line breaks (one_line has made a break \\n already)
    assert line == "::error file=facts/a%2Cb%3Ac.yaml,line=3,col=5,title=bad-value::50%25 of it: done\\nnext"
    assert count == "1 problem found; nothing was built."


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


def test_the_editing_guide_walks_the_web_path_with_the_workflows_as_they_are():
    from briefing.facts.model import check_date

    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    section = " ".join(guide.split("## Edit on GitHub, in the browser", 1)[1].split("\n## ", 1)[0].split())
    steps = ["The edit link", "GitHub's editor", "The pull request", "its problems on your lines", "The merge",
             "The published page"]
    assert [section.index(f"{step}.**") for step in steps] == sorted(section.index(f"{s}.**") for s in steps)
    for workflow in (WORKFLOW, ROOT / ".github" / "workflows" / "test.yml"):
        assert f'"{yaml.safe_load(workflow.read_text())["name"]}"' in section  # named as the Actions tab names it
    quoted = search(r"\(for a date written `03/11/2025`: \"(.+?) …\"\)", section).group(1)
    try:
        check_date("03/11/2025")
    except ValueError as exc:  # pydantic's error, carrying the message check prints
        assert quoted in str(exc)
    else:
        raise AssertionError("03/11/2025 was taken for a date")
