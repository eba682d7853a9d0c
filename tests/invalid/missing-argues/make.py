from pathlib import Path


def make(project: Path) -> None:
    """An exchange's position that does not say whose case it makes, in a briefing with sides."""
    path = project / "facts" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        argues: testland\n", "", 1), encoding="utf-8")
