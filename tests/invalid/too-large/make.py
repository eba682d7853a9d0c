"""A facts file one byte over the limit, written at test time so the repository holds no big file."""

from pathlib import Path

from briefing.facts.load import MAX_FILE_BYTES


def make(project: Path) -> None:
    events = project / "facts" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    padding = MAX_FILE_BYTES + 1 - len(text.encode("utf-8"))
    events.write_text(text + "#" * (padding - 1) + "\n", encoding="utf-8")
    assert events.stat().st_size == MAX_FILE_BYTES + 1
