"""No briefing.yaml at all."""

from pathlib import Path


def make(project: Path) -> None:
    (project / "facts" / "briefing.yaml").unlink()
