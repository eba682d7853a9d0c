"""A facts file that cannot be read: people.yaml is a folder (a bad checkout, a mistaken mkdir)."""

from pathlib import Path


def make(project: Path) -> None:
    target = project / "facts" / "people.yaml"
    target.unlink()
    target.mkdir()
