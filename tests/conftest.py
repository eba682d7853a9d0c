"""Shared fixtures: tiny projects built from a dict, the mini fixture briefing, the CLI."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
    from briefing.validate import load_graph

    return load_graph(MINI / "facts", MINI / "seeds", display_root=MINI)


@pytest.fixture(scope="module")
def site(graph):
    """The mini briefing's pages and files as `build_site` makes them, without MkDocs."""
    from briefing.site import build_site

    return build_site(graph, "https://example.github.io/mini/")
