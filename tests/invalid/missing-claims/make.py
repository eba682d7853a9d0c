from pathlib import Path

ADDED = {
    "people": "- id: new-person\n  name: New Person\n",
    "institutions": "- id: new-office\n  name: New Office\n  es: Nueva oficina\n  kind: ministry\n",
}


def make(project: Path) -> None:
    """What a new editor writes first: a person and an institution with no claims (nothing cites them)."""
    for name, record in ADDED.items():
        path = project / "facts" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + record, encoding="utf-8")
