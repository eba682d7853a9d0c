import re
import subprocess
from pathlib import Path

from conftest import ROOT, cli, copy_project, run_cli, snapshot, write_files


def test_check_on_the_real_facts_prints_a_summary():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("ok: ") and "quotes verified" in line and "claims" in line


def test_build_then_failed_build_keeps_the_site(mini: Path):
    first = cli("--project", str(mini), "build")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("built site: ")
    before = snapshot(mini / "site")
    write_files(mini, {"facts/people.yaml": "- id: x\n  name: [unclosed\n"})
    second = cli("--project", str(mini), "build")
    assert second.returncode == 1
    # the YAML error, and the references to people the new file does not name (ana-perez): every problem
    lines = second.stderr.splitlines()
    assert any(ln.startswith("facts/people.yaml:") and ln.endswith("[yaml-syntax]") for ln in lines)
    assert "Traceback" not in second.stderr
    assert snapshot(mini / "site") == before
    # no staging folders are left behind
    assert sorted(p.name for p in mini.iterdir()) == ["docs", "facts", "mkdocs.yml", "seeds", "site"]


def test_hand_written_page_may_not_shadow_a_generated_one(mini: Path):
    write_files(mini, {"docs/timeline.md": "# Mine\n"})
    result = cli("--project", str(mini), "build")
    assert result.returncode == 1
    assert "docs/timeline.md is hand-written" in result.stderr
    assert (mini / "docs/timeline.md").read_text() == "# Mine\n"


def test_unknown_command_is_a_usage_error():
    result = cli("publish")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_every_make_command_the_readme_gives_is_a_target_ci_runs_the_tests_with():
    """The README's commands are the Makefile's targets (make dry-runs each), and CI runs `make test`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = sorted(set(re.findall(r"^make ([a-z-]+)", readme, re.MULTILINE)))
    assert {"site", "test"} <= set(commands)
    for target in commands:
        dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False)
        assert dry.returncode == 0 and "No rule to make target" not in dry.stderr, (target, dry.stderr)
    assert re.search(r"^make test$", (ROOT / ".ci/run").read_text(encoding="utf-8"), re.MULTILINE)


def test_copy_of_real_project_checks(tmp_path: Path):
    project = copy_project(ROOT, tmp_path / "real")
    assert cli("--project", str(project), "check").returncode == 0
