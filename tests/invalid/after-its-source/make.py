from pathlib import Path


def make(project: Path) -> None:
    """The rejection, reported by a source published in November 2025, dated December 2025."""
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: rejection\n  date: 2025-11\n", "- id: rejection\n  date: 2025-12\n", 1),
                    encoding="utf-8")
