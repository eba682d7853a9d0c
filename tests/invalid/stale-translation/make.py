import os
import subprocess
from pathlib import Path


def make(project: Path) -> None:
    """The briefing in git; then the English of a claim edited (not yet committed): its Spanish is stale."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": "2025-11-03T10:00:00+00:00", "GIT_COMMITTER_DATE": "2025-11-03T10:00:00+00:00"}
    for args in (["init", "-q"], ["add", "-A"], ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "facts"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    - text: The meeting took place on 3 November 2025.\n",
                          "    - text: The meeting took place in Lima on 3 November 2025.\n", 1)
    path.write_text(edited, encoding="utf-8")
