"""The editors' reference page, generated from the model: every record, every field, every error code.

Field descriptions are the model's attribute docstrings (pydantic `use_attribute_docstrings`),
so the page cannot drift from what the build accepts. A test checks that every field and
every error code the validator can emit appears here.
"""

from __future__ import annotations

import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .model import RefTo
from .schema import facts_files
from .text import escape_md

PAGE = "reference.md"

ERROR_CODES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML (a bad indent, an unclosed quote, a tab).",
    "duplicate-key": "The same key appears twice in one record; YAML would silently keep the last.",
    "yaml-alias": "An &anchor/*alias in YAML; facts write every value out (aliases can expand without bound).",
    "too-deep": "Lists and mappings nested far deeper than any record needs.",
    "bad-character": "A control character YAML does not allow (often pasted from a PDF); remove it.",
    "key-type": "A key is not plain text (for example a number or a list used as a key).",
    "empty-file": "A facts file holds nothing; write its records or delete the file.",
    "file-too-large": "A facts file is larger than the build accepts (a pasted dump, not curation).",
    "unknown-file": "A file in facts/ that the build does not know; the message names the expected files.",
    "missing-file": "A required facts file (briefing.yaml, sources.yaml) is missing.",
    "unknown-key": "A key the record type does not have (often a typo); the message lists the allowed keys.",
    "missing-field": "A required field is missing.",
    "wrong-type": "A value of the wrong shape: text where a list is expected, a list where a mapping is.",
    "empty-list": "A list that needs at least one item is empty (claims need a citation, records a claim).",
    "bad-id": "An id that is not lowercase letters, digits and single hyphens.",
    "bad-date": "A date that is not YYYY, YYYY-MM or YYYY-MM-DD, is not on the calendar, or ends before it starts.",
    "bad-url": "A URL that is not http:// or https://.",
    "bad-value": "A value outside the allowed set (a kind, a status) or otherwise not accepted.",
    "duplicate-id": "Two records share an id; ids are unique across the whole briefing.",
    "unknown-reference": "An id that names no record of the expected kind.",
    "quote-not-found": "A citation's quote does not occur in its source's archived text under seeds/.",
    "missing-archive": "A source's archived text file does not exist under seeds/.",
    "not-utf8": "A facts file or archived text is not saved as UTF-8; the position is the first bad byte.",
    "unreadable-archive": "A source's archived text could not be read (a folder, or no permission).",
    "unsafe-path": "A source's file path leaves seeds/ (absolute, or with '..').",
}
"""Every problem code the build reports, with what it means for an editor."""


def _models(root: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if root.__name__ in seen:
        return
    seen[root.__name__] = root
    for info in root.model_fields.values():
        for model in _nested(info.annotation):
            _models(model, seen)


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _nested(arg)]


def records() -> dict[str, type[BaseModel]]:
    """Every record type reachable from the facts files, in the order a reader meets them."""
    seen: dict[str, type[BaseModel]] = {}
    for model in facts_files().values():
        _models(model, seen)
    return seen


def _described(metadata: Any) -> str | None:
    """A plain description of a constrained text type (id, reference, date, URL), if it is one."""
    for meta in metadata:
        if isinstance(meta, RefTo):
            return "id of " + " or ".join(f"a {k}" for k in meta.kinds)
        func = getattr(getattr(meta, "func", None), "__name__", "")
        if func == "check_date":
            return "date: YYYY-MM-DD, YYYY-MM or YYYY"
        if func == "_check_date_or_unknown":
            return "date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'"
        if func == "_check_id":
            return "id: lowercase letters, digits, single hyphens"
        if func == "_check_url":
            return "http(s) URL"
    return None


def _type(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _described(annotation.__metadata__) or _type(get_args(annotation)[0])
    if origin is list:
        return f"list of {_type(get_args(annotation)[0])}"
    if origin is typing.Literal:
        return "one of: " + ", ".join(f"'{a}'" for a in get_args(annotation))
    args = [a for a in get_args(annotation) if a is not type(None)]
    if args and len(args) < len(get_args(annotation)):
        return _type(args[0]) if len(args) == 1 else " or ".join(_type(a) for a in args)
    if isinstance(annotation, type):
        return {"str": "text", "bool": "true or false"}.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def _needed(info: Any) -> str:
    if info.is_required():
        return "required"
    default = info.default
    if default in (None, [], PydanticUndefined):
        return "optional"
    return f"optional (default: {default})"


def render_reference() -> str:
    """The reference page as Markdown."""
    files = facts_files()
    lines = [
        "# Reference: facts files, fields and error codes",
        "",
        "Generated from the model at build time. The same descriptions appear in your editor when a",
        "facts file names its JSON Schema on its first line (`# yaml-language-server: $schema=...`).",
        "",
        "## Facts files",
        "",
        "| file | holds |",
        "| --- | --- |",
    ]
    for stem, model in files.items():
        holds = "one" if stem == "briefing" else "a list of"
        lines.append(f"| `facts/{stem}.yaml` | {holds} [{model.__name__}](#{model.__name__.lower()}) |")
    lines.append("")
    lines.append("## Records")
    for name, model in records().items():
        lines += ["", f"### {name}", "", escape_md(model.__doc__ or ""), "",
                  "| field | type | needed | what it is |", "| --- | --- | --- | --- |"]
        for field, info in model.model_fields.items():
            lines.append(f"| `{field}` | {escape_md(_described(info.metadata) or _type(info.annotation))} | {escape_md(_needed(info))} "
                         f"| {escape_md(info.description or '')} |")
    lines += ["", "## Error codes", "",
              "`python build.py check` prints `file:line:col: error: message [code]`.", "",
              "| code | meaning |", "| --- | --- |"]
    for code, meaning in ERROR_CODES.items():
        lines.append(f"| `{code}` | {escape_md(meaning)} |")
    return "\n".join(lines) + "\n"
