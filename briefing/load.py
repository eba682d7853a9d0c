"""Stage 1, load: YAML text -> plain Python data, with the line and column of every value.

PyYAML's composer gives nodes with marks; we walk them ourselves so that each value keeps
its position (for error messages), duplicate keys are caught (PyYAML silently keeps the
last), and dates stay strings (YAML's implicit timestamps are switched off).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A facts file larger than this is refused rather than parsed (a pasted dump, not curation)."""

Path_ = tuple[str | int, ...]


class _FactsLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: `2025-11-03` stays a string."""


class _FastFactsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml (about 10x faster); its error messages differ, so on an error
    the text is parsed again with _FactsLoader for the messages editors are used to."""


_FactsLoader.yaml_implicit_resolvers = _FastFactsLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _resolve_text_at_once(cls: type) -> None:
    """libyaml asks the Python resolver for the type of every scalar; most facts are text
    starting with a character no implicit type (number, bool, null) starts with, so answer
    those without trying the patterns. Same answers: there are no path resolvers to consult."""
    assert not cls.yaml_path_resolvers and None not in cls.yaml_implicit_resolvers
    first_chars = frozenset(k for k in cls.yaml_implicit_resolvers if k)
    general = cls.resolve

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in first_chars)):
            return self.DEFAULT_SCALAR_TAG
        return general(self, kind, value, implicit)

    cls.resolve = resolve
    cls.descend_resolver = lambda self, current_node, current_index: None
    cls.ascend_resolver = lambda self: None


if _FastFactsLoader is not _FactsLoader:
    _resolve_text_at_once(_FastFactsLoader)


@dataclass
class Document:
    """One loaded facts file: its data, and where each value (by data path) stood."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest located ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key of the mapping entry at `path` (for unknown keys)."""
        return self.key_positions.get(tuple(path)) or self.where(path)


_STR = "tag:yaml.org,2002:str"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while many long-lived objects are made (YAML nodes,
    records): each full collection walks every object made so far, so at 12,500 records the
    collector, not the parsing, took most of the time (composing 100x: 35 s with it, 4 s without).
    The objects made here hold no cycles to collect; the collector resumes on the way out."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, doc: Document, problems: Problems) -> Any:
    doc.positions[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _position(key_node)
                problems.add(doc.file, line, col, "key-type", "a key must be plain text, not a list or mapping")
                continue
            key = str(key_node.value)
            if key in result:
                line, col = _position(key_node)
                first = doc.key_positions[(*path, key)]
                problems.add(
                    doc.file, line, col, "duplicate-key",
                    f"key '{key}' appears twice in this mapping (first at line {first[0]}); keep one",
                )
                continue
            doc.key_positions[(*path, key)] = _position(key_node)
            result[key] = _walk(loader, value_node, (*path, key), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    if node.tag == _STR:  # most values: the text itself, without the constructor's dispatch
        return node.value
    return loader.construct_object(node)


def load_text(text: str, file: str, problems: Problems) -> Document | None:
    """Parse YAML text; on a syntax error record the problem and return None."""
    with gc_paused():
        return _load_text(text, file, problems)


def _load_text(text: str, file: str, problems: Problems) -> Document | None:
    doc = Document(file=file, data=None)
    if _FastFactsLoader is not _FactsLoader:
        fast = _FastFactsLoader(text)
        try:
            node = fast.get_single_node()
            if node is not None:
                scratch = Problems()
                doc.data = _walk(fast, node, (), doc, scratch)
                problems.extend(scratch)
                return doc
        except yaml.YAMLError:
            doc = Document(file=file, data=None)  # fall through: report with the pure-Python parser
        finally:
            fast.dispose()
    loader = _FactsLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.add(file, 1, 1, "empty-file", "the file is empty; expected YAML facts")
            return None
        doc.data = _walk(loader, node, (), doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            where = f"line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
            what = f"{what} ({exc.context} at {where})"
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what += " (tabs cannot indent YAML; use spaces)"
        problems.add(file, line, col, "yaml-syntax", f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error for control characters
        problems.add(file, 1, 1, "yaml-syntax", f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    return doc


def load_file(path: Path, display: str, problems: Problems) -> Document | None:
    """Read and parse one facts file, refusing files that are too large or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 1, 1, "unreadable", f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            display, 1, 1, "file-too-large",
            f"the file is {len(raw):,} bytes; a facts file may be at most {MAX_FILE_BYTES:,} bytes",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(display, line, col, "not-utf8", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.add(display, 1, 1, "empty-file", "the file has no facts in it; expected YAML content")
        return None
    return load_text(text, display, problems)
