from pathlib import Path


def make(project: Path) -> None:
    """The meeting's date basis names a difference by its id, which a reader would see as it is."""
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    named = "  date_basis: the ministry gives the date (see talks-outcome)\n"
    path.write_text(text.replace("  date_basis: the ministry gives the date\n", named, 1), encoding="utf-8")
