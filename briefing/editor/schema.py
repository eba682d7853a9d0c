"""JSON Schemas for the facts files, generated from the model (never written by hand).

`python build.py schemas` writes one `schemas/<file>.schema.json` per facts file. Each facts
file names its schema on its first line (`# yaml-language-server: $schema=../schemas/...`), so
editors with the YAML language server get completion, field docs and errors as they type.
The schema mirrors what the model accepts; the build's checks (quotes, references, real
calendar dates) go further than a schema can.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from briefing.facts.kinds import by_file, facts_files
from briefing.facts.model import Briefing

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"


def schema_for(stem: str) -> dict[str, Any]:
    """The JSON Schema of facts/<stem>.yaml."""
    if stem == "briefing":
        body = Briefing.model_json_schema()
        title = "facts/briefing.yaml: the briefing as a whole"
    else:
        kind = by_file()[stem]
        body = TypeAdapter(list[kind.model]).json_schema()  # type: ignore[name-defined]
        title = f"facts/{stem}.yaml: {kind.holds}"
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def schema_text(stem: str) -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(schema_for(stem), indent=2, ensure_ascii=False) + "\n"


def all_schemas() -> dict[str, str]:
    """{file name under schemas/: text} for every facts file."""
    return {f"{stem}.schema.json": schema_text(stem) for stem in facts_files()}


def modeline(stem: str) -> str:
    """The first line of facts/<stem>.yaml, pointing the YAML language server at its schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{stem}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    """Write every schema under root/schemas/; returns the files whose content changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in all_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
