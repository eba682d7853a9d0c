import os
import subprocess
from pathlib import Path


def make(project: Path) -> None:
    """Two branches of the briefing: on one, an editor fixes an event's English date basis (at 10:00); on the
    other, a translator rewords the event's Spanish (at 11:00, later by the clock, but without that fix).
    Merged, the Spanish of the date basis was never written for the new English: it is stale."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}

    def git(*args: str, at: str = "09:00") -> None:
        when = f"2025-11-03T{at}:00+00:00"
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=project, check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    def edit(old: str, new: str) -> None:
        path = project / "facts" / "events.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "facts")
    git("checkout", "-q", "-b", "translation")
    edit("es: {title: Los ministros se reúnen,", "es: {title: Se reúnen los ministros,")
    git("commit", "-q", "-am", "Spanish reworded", at="11:00")
    git("checkout", "-q", "main")
    edit("  date_basis: the ministry gives the date\n", "  date_basis: the ministry's statement gives the date\n")
    git("commit", "-q", "-am", "English date basis fixed", at="10:00")
    git("merge", "-q", "--no-edit", "translation", at="12:00")
