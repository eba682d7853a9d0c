from pathlib import Path


def make(project: Path) -> None:
    """A lead past its 120 words: the first lead claim made long, its citation the same."""
    path = project / "facts" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    long = " ".join(["The ministers met on 3 November 2025, and the talks resumed on 12 March 2026."] * 9)
    path.write_text(text.replace(
        "  - text: The ministers met on 3 November 2025, and the talks resumed on 12 March 2026.\n",
        f"  - text: {long}\n", 1), encoding="utf-8")
