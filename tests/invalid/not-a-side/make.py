from pathlib import Path


def make(project: Path) -> None:
    """A lead claim that argues for a state which is not one of the briefing's sides."""
    path = project / "facts" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    argues: otherland\n", "    argues: ministry\n", 1), encoding="utf-8")
