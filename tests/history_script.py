"""A scripted git history for the mini fixture: commits that add, change and remove records.

The last commit holds the mini fixture exactly as it is; each earlier one lays the folders of
tests/fixtures/history/ over it (the files as they stood before the next commit changed them)
and leaves out the files the later commits added. Names, e-mails and dates are fixed, so the
history, and the site built from it, are the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from conftest import MINI, copy_project

LAYERS = Path(__file__).parent / "fixtures" / "history"


@dataclass(frozen=True)
class Step:
    when: str
    """Author and committer date, ISO 8601 with its zone."""
    message: str
    layers: tuple[str, ...] = ()
    """Folders of LAYERS laid over the mini fixture, the first one last (it wins)."""
    absent: tuple[str, ...] = ()
    """Files of the mini fixture that do not exist yet."""


STEPS = (
    Step("2025-11-03T10:00:00+00:00", "First facts", ("first", "before-reply", "before-resumption"),
         ("seeds/later.txt",)),
    Step("2025-11-04T09:00:00+00:00", "Ana Pérez: the spelling without accents; a duplicate record removed",
         ("before-reply", "before-resumption"), ("seeds/later.txt",)),
    # the same day again: the day's changes are listed together
    Step("2025-11-04T16:30:00+00:00", "The ministry's claim reworded; the reply's headline as printed",
         ("before-resumption",), ("seeds/later.txt",)),
    Step("2026-03-12T12:00:00+00:00", "The talks resumed: the answer, the later figures, a new source"),
)


def git(project: Path, *args: str, when: str = "2025-11-03T10:00:00+00:00") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org", GIT_AUTHOR_DATE=when,
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org", GIT_COMMITTER_DATE=when,
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=project, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(project: Path, message: str, when: str) -> None:
    git(project, "add", "-A", when=when)
    git(project, "commit", "-q", "--allow-empty", "-m", message, when=when)


def lay(project: Path, step: Step) -> None:
    """The project's facts and seeds as they stood at this step."""
    for folder in ("facts", "seeds"):
        shutil.rmtree(project / folder)
        shutil.copytree(MINI / folder, project / folder)
    for layer in reversed(step.layers):
        shutil.copytree(LAYERS / layer, project, dirs_exist_ok=True)
    for rel in step.absent:
        (project / rel).unlink()
    # Copies keep their files' times, and a fresh checkout gives every file the same one: git would
    # then take a changed file of the same size for unchanged (its index entry's size and time match).
    # Each step's files carry the step's own time instead, so git reads every file again.
    when = datetime.fromisoformat(step.when).timestamp()
    for path in (p for folder in ("facts", "seeds") for p in (project / folder).rglob("*") if p.is_file()):
        os.utime(path, (when, when))


def make_history(project: Path, steps: tuple[Step, ...] = STEPS) -> Path:
    """A copy of the mini fixture at `project`, a git repository whose commits are the steps."""
    copy_project(MINI, project)
    git(project, "init", "-q", "-b", "main")
    for step in steps:
        lay(project, step)
        commit_all(project, step.message, step.when)
    return project
