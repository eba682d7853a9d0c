"""An archived text that cannot be read: seeds/reply.txt is a folder."""

from pathlib import Path


def make(project: Path) -> None:
    target = project / "seeds" / "reply.txt"
    target.unlink()
    target.mkdir()
