"""Helpers for editors: `add-source` archives a text and records its source; `find` looks up
the exact words of a passage to quote.

Nothing is written until everything is known good: the record passes the model, its id and
its archive file are new, and facts/sources.yaml with the record appended still loads.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from briefing.editor.schema import modeline
from briefing.facts.archive import Match, read_archived
from briefing.facts.load import FactsLoader, byte_position, load_file, load_text
from briefing.facts.model import Source
from briefing.facts.problems import Problems
from briefing.facts.validate import explain_error

SOURCE_FIELDS = ("title", "outlet", "author", "published", "language", "kind", "url")
"""The source record's fields `add-source` takes as options, in the order they are written."""


class Refused(Exception):
    """An edit that was not made, with every reason as a line in the project's error format."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Added:
    archive: Path
    sources_file: Path
    line: int


def _problem_lines(problems: Problems) -> list[str]:
    return [str(p) for p in problems.sorted()]


def _read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Refused([f"{shown}:1:1: error: cannot read the file: {exc.strerror} [unreadable]"]) from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, col = byte_position(raw, exc.start)
        raise Refused([(f"{shown}:{line}:{col}: error: the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                        "save it as UTF-8 [not-utf8]")]) from None
    if not text.strip():
        raise Refused([f"{shown}:1:1: error: the file is empty; archive the source's text [empty-file]"])
    return text


def _record(source_id: str, values: dict[str, str | None]) -> dict[str, Any]:
    """The record as it will be written, checked against the model first."""
    record: dict[str, Any] = {"id": source_id}
    record.update({k: values[k] for k in SOURCE_FIELDS if values.get(k) is not None})
    record["file"] = f"{source_id}.txt"
    try:
        Source.model_validate(record)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            code, msg = explain_error(err, Source, loc)
            option = "--" + str(loc[0]) if loc and loc[0] != "file" else "--id"
            if code == "missing-field":
                kinds = ", ".join(f"'{k}'" for k in get_args(Source.model_fields["kind"].annotation))
                lines.append(f"error: {option} is required" + (f": one of {kinds}" if option == "--kind" else "")
                             + f" [{code}]")
            else:
                lines.append(f"error: {option}: {msg} [{code}]")
        raise Refused(lines) from None
    return record


def _ids_in_use(facts: Path, display_root: Path) -> dict[str, str]:
    """Every top-level record id in the facts, with where it is (`file:line:col`)."""
    used: dict[str, str] = {}
    problems = Problems()
    for path in sorted(facts.glob("*.yaml")):
        doc = load_file(path, path.relative_to(display_root).as_posix(), problems)
        if doc is None or not isinstance(doc.data, list):
            continue
        for i, item in enumerate(doc.data):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                line, col = doc.where((i, "id"))
                used.setdefault(item["id"], f"{doc.file}:{line}:{col}")
    if problems:
        raise Refused([*_problem_lines(problems), "error: fix the facts above first; nothing was added [not-added]"])
    return used


def _header(record: dict[str, Any], original: Path) -> str:
    fields: dict[str, Any] = {
        k: record[k] for k in ("title", "url", "outlet", "author", "published", "language") if k in record}
    fields["archived"] = datetime.date.today().isoformat()
    fields["from"] = original.name
    return "".join(f"{k}: {' '.join(str(v).split())}\n" for k, v in fields.items()) + "---\n"


def _appended(text: str, record: dict[str, Any], shown: str) -> tuple[str, int]:
    """sources.yaml's text with the record appended (comments and layout kept), and its line."""
    problems = Problems()
    doc = None if _only_comments(text) else load_text(text, shown, problems)
    if problems:
        raise Refused([*_problem_lines(problems), f"error: fix {shown} first; nothing was added [not-added]"])
    before = doc.data if doc is not None else []
    if not isinstance(before, list):
        raise Refused([f"{shown}:1:1: error: expected a list of sources; fix it first [wrong-type]"])
    if before == [] and doc is not None:
        text = re.sub(r"^\[\]\s*$", "", text, flags=re.MULTILINE)  # `[]`: an empty list written inline
    if text and not text.endswith("\n"):
        text += "\n"
    if "\n\n- " in text:  # records separated by blank lines: keep to it
        text += "\n"
    line = text.count("\n") + 1
    block = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=10_000)
    new = text + block
    check = Problems()
    after = load_text(new, shown, check)
    if check or after is None or after.data != [*before, record]:  # never write what does not read back
        raise Refused([(f"error: appending to {shown} would not read back as the same records; "
                        "nothing was added [not-added]")])
    return new, line


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


def add_source(root: Path, text_file: Path, source_id: str, values: dict[str, str | None]) -> Added:
    """Archive text_file as seeds/<id>.txt with a header, and append the source record to facts/sources.yaml."""
    text = _read_text(text_file, str(text_file))
    record = _record(source_id, values)
    used = _ids_in_use(root / "facts", root)
    if source_id in used:
        raise Refused([(f"{used[source_id]}: error: id '{source_id}' is already used here; choose another id "
                        "[duplicate-id]")])
    archive = root / "seeds" / record["file"]
    shown_archive = archive.relative_to(root).as_posix()
    if archive.exists():
        raise Refused([(f"{shown_archive}:1:1: error: the file already exists; choose another id, "
                        "or remove the file if it is left over [file-exists]")])
    sources = root / "facts" / "sources.yaml"
    shown_sources = sources.relative_to(root).as_posix()
    current = sources.read_text(encoding="utf-8") if sources.exists() else f"{modeline('sources')}\n"
    new_sources, line = _appended(current, record, shown_sources)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with archive.open("x", encoding="utf-8") as out:
        out.write(_header(record, text_file) + (text if text.endswith("\n") else text + "\n"))
    try:
        _write_atomically(sources, new_sources)
    except OSError:
        archive.unlink()
        raise
    return Added(archive, sources, line)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def archive_of(root: Path, source: str) -> Path:
    """The archived text of a source, by id (from facts/sources.yaml) or as a path to a file."""
    problems = Problems()
    sources = root / "facts" / "sources.yaml"
    doc = load_file(sources, "facts/sources.yaml", problems) if sources.exists() else None
    records = doc.data if doc is not None and isinstance(doc.data, list) else []
    files: dict[str, str] = {r["id"]: r["file"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)
             and isinstance(r.get("file"), str)}
    if source in files:
        return root / "seeds" / files[source]
    as_path = Path(source)
    if as_path.is_file():
        return as_path
    close = difflib.get_close_matches(source, list(files), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise Refused([*_problem_lines(problems),
                   (f"error: '{source}' is neither a source id in facts/sources.yaml nor a file{hint} "
                    "[unknown-reference]")])


def find(root: Path, source: str, words: str) -> tuple[Path, list[Match]]:
    """The passages of a source's archived text matching `words` (accents, case and spacing aside)."""
    path = archive_of(root, source)
    try:
        archived = read_archived(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise Refused([f"{path}:1:1: error: cannot read the archived text ({exc}) [unreadable-archive]"]) from None
    return path, archived.find(words)


def as_yaml_value(text: str) -> str:
    """The text as a YAML value that reads back as exactly this text: plain where it can be."""
    try:
        plain_ok = yaml.load(f"quote: {text}", Loader=FactsLoader) == {"quote": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)
