from pathlib import Path


def make(project: Path) -> None:
    """The briefing said to be current to the end of February 2026, and an event dated March 2026 in it."""
    path = project / "facts" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nas_of: 2026-03-12\n", "\nas_of: 2026-02-28\n", 1), encoding="utf-8")
