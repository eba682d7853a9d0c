"""A new briefing, and a fresh clone of this repository, set up from nothing as a new editor or
maintainer would: `make site` in a clean environment with a half-made .venv, `make test`,
`git add -A`, pre-commit from a plain shell. Slow (real venvs, pinned packages from the package
index): marked `slow`, run by `make test`, left out of `make test-fast`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_setup import plain_env, plain_python

from briefing.editor.scaffold import files as scaffold_files

from conftest import MINI, ROOT, run_cli

pytestmark = pytest.mark.slow
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)


def _make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *targets, f"PYTHON={BASE_PYTHON}"], cwd=project, env=plain_env(),
                          capture_output=True, text=True, timeout=900, check=False)


def _half_made_venv(project: Path) -> None:
    """What `python3 -m venv .venv` leaves where python3-venv is missing, or an install cut short."""
    subprocess.run([BASE_PYTHON, "-m", "venv", "--without-pip", str(project / ".venv")], check=True, timeout=120)
    assert subprocess.run([str(project / ".venv/bin/python"), "-m", "pip", "--version"],
                          capture_output=True, check=False).returncode != 0


def _imports(project: Path, module: str) -> bool:
    return subprocess.run([str(project / ".venv/bin/python"), "-c", f"import {module}"],
                          capture_output=True, check=False).returncode == 0


def test_a_new_briefing_builds_tests_and_commits_by_its_own_instructions(tmp_path: Path):
    target = tmp_path / "my-briefing"
    created = run_cli("new", str(target))
    assert created.returncode == 0, created.stderr
    assert f"cd {target} && make site" in created.stdout
    _half_made_venv(target)

    site = _make(target, "site")
    assert site.returncode == 0, site.stdout + site.stderr
    assert "built site: " in site.stdout
    assert (target / "site" / "index.html").is_file()
    assert "The example meeting" in (target / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert _imports(target, "briefing.plugin") and not _imports(target, "pytest")  # building needs no test tools
    # the editing guide comes with it, in both languages, and the English-only site serves it once
    for guide in ("editing.md", "editing.es.md"):
        assert (target / "docs" / guide).read_bytes() == (ROOT / "docs" / guide).read_bytes()
    assert "How to edit this briefing" in (target / "site" / "editing" / "index.html").read_text(encoding="utf-8")
    assert 'href="editing/"' in (target / "site" / "index.html").read_text(encoding="utf-8")
    assert not (target / "site" / "editing.es").exists()
    wheel = next((target / "vendor").glob("briefing-*.whl"))
    shown = subprocess.run([str(target / ".venv/bin/python"), "-m", "pip", "show", "briefing"],
                           capture_output=True, text=True, check=True).stdout
    assert f"Version: {wheel.name.split('-')[1]}" in shown  # the vendored generator, not this checkout

    tested = _make(target, "test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "4 passed" in tested.stdout

    env = plain_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                    GIT_COMMITTER_EMAIL="t@example.org")
    # `new` made the repository and committed what it wrote; what the build and the tools made is ignored
    committed = subprocess.run(["git", "ls-files"], cwd=target, capture_output=True, text=True, env=env,
                               check=True).stdout.splitlines()
    assert sorted(committed) == sorted(scaffold_files())
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=env)
    assert subprocess.run(["git", "status", "--porcelain"], cwd=target, capture_output=True, text=True, env=env,
                          check=True).stdout == ""

    shell_bin = tmp_path / "shell-bin"  # a plain shell whose python3 has no packages
    shell_bin.mkdir()
    (shell_bin / "python3").symlink_to(plain_python(tmp_path / "system"))
    hooks = subprocess.run([str(target / ".venv/bin/pre-commit"), "run", "--all-files"], cwd=target,
                           env={**env, "PATH": f"{shell_bin}:{env['PATH']}", "PRE_COMMIT_HOME": str(tmp_path / "pc")},
                           capture_output=True, text=True, timeout=300, check=False)
    assert hooks.returncode == 0, hooks.stdout + hooks.stderr
    assert "Passed" in hooks.stdout


def _clone(tmp_path: Path) -> Path:
    """This repository as a fresh clone has it (tracked and new files, nothing ignored), with the
    mini briefing's facts: the real facts are not this test's subject."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    clone = tmp_path / "clone"
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            (clone / rel).write_bytes(source.read_bytes())
    for name in ("facts", "seeds", "docs"):
        subprocess.run(["rm", "-rf", str(clone / name)], check=True)
        subprocess.run(["cp", "-r", str(MINI / name), str(clone / name)], check=True)
    (clone / "mkdocs.yml").write_bytes((MINI / "mkdocs.yml").read_bytes())
    return clone


def test_a_briefing_made_by_a_new_briefing_gets_the_editing_guide_from_the_vendored_generator(tmp_path: Path):
    """`build.py new` run from a new briefing (its generator is the vendored wheel, without this repository's
    docs/) still copies the guide: the wheel carries it."""
    import zipfile

    from briefing.editor.scaffold import wheel

    name, data = wheel()
    (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / name) as zf:
        for guide in ("editing.md", "editing.es.md"):
            carried = zf.read(f"briefing/editor/project/docs/{guide}").decode("utf-8")
            assert carried == (ROOT / "docs" / guide).read_text(encoding="utf-8")
        zf.extractall(tmp_path / "installed")
    made = subprocess.run([sys.executable, "-c", "import sys; from briefing.editor.scaffold import guide; "
                           "sys.stdout.write(guide('editing.md'))"], cwd=tmp_path, capture_output=True, text=True,
                          env={**plain_env(), "PYTHONPATH": str(tmp_path / "installed")}, check=True)
    assert made.stdout == (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")


def test_a_fresh_clone_repairs_a_half_made_venv_and_builds_without_the_test_tools(tmp_path: Path):
    clone = _clone(tmp_path)
    _half_made_venv(clone)
    site = _make(clone, "site")
    assert site.returncode == 0, site.stdout + site.stderr
    assert "built site: " in site.stdout
    assert _imports(clone, "mkdocs") and _imports(clone, "briefing.cli")
    for test_tool in ("pytest", "playwright", "hypothesis", "mypy"):
        assert not _imports(clone, test_tool), f"{test_tool} is a test tool: requirements-test.txt, not the build"
    again = _make(clone, "site")
    assert again.returncode == 0 and "pip install" not in again.stdout  # set up once
