"""Stage 1, load: YAML text -> plain Python data, with the line and column of every value.

PyYAML's composer gives nodes with marks; we walk them ourselves so that each value keeps
its position (for error messages), duplicate keys are caught (PyYAML silently keeps the
last), and dates stay strings (YAML's implicit timestamps are switched off).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from briefing.facts.codes import Code
from briefing.facts.problems import Problems
from briefing.facts.yaml_errors import dropped_comments, explain

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A facts file larger than this is refused rather than parsed (a pasted dump, not curation)."""

Path_ = tuple[str | int, ...]


MAX_DEPTH = 40
"""Deepest nesting of lists and mappings a facts file may have (real records need under 10)."""


class _Refused(Exception):
    """YAML that is well-formed but not allowed in facts (aliases, runaway nesting)."""

    def __init__(self, event: yaml.Event, code: Code, message: str):
        super().__init__(message)
        mark = event.start_mark  # always set by the pure-Python parser; typed as optional
        self.line, self.column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.code, self.message = code, message


class FactsLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: `2025-11-03` stays a string.

    Aliases are refused while composing: one alias can stand for a whole subtree, so a few
    lines of `*name` can expand to billions of values (the "billion laughs"), or to a loop.
    Nesting depth is bounded, so a pathological file cannot exhaust the Python stack.
    """

    _depth = 0

    def _next_event(self) -> yaml.NodeEvent:
        """The event compose_node is about to compose (an alias, a scalar or a collection's start)."""
        # types-PyYAML leaves Parser.peek_event unannotated; it returns the parser's next event.
        return cast(yaml.NodeEvent, self.peek_event())  # type: ignore[no-untyped-call]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        # `index`: the item's position in a list, or the key node of a mapping value.
        if self.check_event(yaml.AliasEvent):
            event = self._next_event()
            raise _Refused(event, Code.YAML_ALIAS,
                           f"the alias '*{event.anchor}' is not allowed in facts; write the value out in full "
                           "instead of using &anchors and *aliases (a text that starts with '*' goes in quotes)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(self._next_event(), Code.TOO_DEEP,
                               f"lists and mappings are nested more than {MAX_DEPTH} levels deep; "
                               "facts records need far fewer")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if TYPE_CHECKING:
    _FastBase = yaml.CSafeLoader
else:  # libyaml's loader (about 10x faster) where PyYAML was built with it, else the pure-Python one
    _FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ResolveFn = Callable[[BaseResolver, type[yaml.Node], str | None, Any], str]
_resolve_any = cast(_ResolveFn, BaseResolver.resolve)
"""BaseResolver.resolve, typed (types-PyYAML leaves it unannotated)."""


class _FastFactsLoader(_FastBase):
    """The same on libyaml (about 10x faster); its error messages differ, so on an error
    the text is parsed again with FactsLoader for the messages editors are used to.

    libyaml asks the Python resolver for the type of every scalar; most facts are text
    starting with a character no implicit type (number, bool, null) starts with, so `resolve`
    answers those without trying the patterns. Same answers: there are no path resolvers to consult."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        # `implicit`: (plain, quoted) for a scalar, one bool for a collection.
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _TEXT_FIRST_CHARS)):
            return self.DEFAULT_SCALAR_TAG
        return _resolve_any(self, kind, value, implicit)

    def descend_resolver(self, current_node: yaml.Node | None, current_index: Any) -> None:
        return None  # no path resolvers: nothing to follow down the tree, or back up

    def ascend_resolver(self) -> None:
        return None


FactsLoader.yaml_implicit_resolvers = _FastFactsLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
assert not _FastFactsLoader.yaml_path_resolvers and None not in _FastFactsLoader.yaml_implicit_resolvers
_TEXT_FIRST_CHARS = frozenset(k for k in _FastFactsLoader.yaml_implicit_resolvers if k)
"""The first characters of every implicit type's text: a scalar starting otherwise is text."""


@dataclass
class Document:
    """One loaded facts file: its data, and where each value (by data path) stood."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    last_lines: dict[Path_, int] = field(default_factory=dict)
    """The last line of each scalar value (a folded text runs over several): its lines, for `git blame`."""
    unread: list[tuple[int, int]] = field(default_factory=list)
    """Where a YAML error left records unread (first and last line of each run): the file's other records were
    read one by one (`recover`), and `data` holds only those."""
    unread_text: str = ""
    """The text of the unread lines (the ids they may define)."""
    numbers: list[int] | None = None
    """Each record's place among the file's top-level items, when some were left unread (`data[i]` is item
    `numbers[i]`)."""

    def number(self, i: int) -> int:
        """The place in the file, among its top-level items, of `data[i]`."""
        return self.numbers[i] if self.numbers is not None else i

    def lines(self, path: Path_) -> range:
        """The lines a scalar value at `path` stands on (its key's line first)."""
        start = self.where(path)[0]
        key = self.key_positions.get(tuple(path))
        return range(min(start, key[0]) if key else start, self.last_lines.get(tuple(path), start) + 1)

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


class _TooDeep(yaml.YAMLError):
    """Nesting past MAX_DEPTH met while walking a tree not checked first (_load_text): it is read again by
    FactsLoader, which reports it with its position."""


def _walk(loader: SafeConstructor, node: yaml.Node, path: Path_, doc: Document, problems: Problems) -> Any:
    if len(path) >= MAX_DEPTH:  # the node is deeper than MAX_DEPTH levels (the root is level 1)
        raise _TooDeep()
    doc.positions[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _position(key_node)
                problems.add(doc.file, line, col, Code.KEY_TYPE, "a key must be plain text, not a list or mapping")
                continue
            key = str(key_node.value)
            if key in result:
                line, col = _position(key_node)
                first = doc.key_positions[(*path, key)]
                # The first key of a list item, again: most likely the next item, without its '- '.
                dash = ("; if a new item of the list starts here, put '- ' before it"
                        if path and isinstance(path[-1], int) and key == next(iter(result)) else "")
                problems.add(
                    doc.file, line, col, Code.DUPLICATE_KEY,
                    f"key '{key}' appears twice in this mapping (first at line {first[0]}); keep one{dash}",
                )
                continue
            doc.key_positions[(*path, key)] = _position(key_node)
            result[key] = _walk(loader, value_node, (*path, key), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    end = node.end_mark
    doc.last_lines[path] = end.line + (1 if end.column else 0)
    if node.tag == _STR:  # most values: the text itself, without the constructor's dispatch
        return node.value
    return loader.construct_object(node)


def _comments(root: yaml.Node, text: str, file: str, problems: Problems) -> None:
    """Words after ' #' in an unquoted value: a YAML comment, dropped from the value (yaml_errors.py)."""
    for line, col, message in dropped_comments(root, text):
        problems.add(file, line, col, Code.YAML_COMMENT, message)


def _plain_tree(root: yaml.Node) -> bool:
    """True when no node is reached twice (no alias) and nesting stays within MAX_DEPTH."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return True


def load_text(text: str, file: str, problems: Problems) -> Document | None:
    """Parse YAML text; on a syntax error record the problem and return the records that can still be read
    (`recover`), or None when none can."""
    with gc_paused():
        return _load_text(text, file, problems, recovering=True)


_ITEM = re.compile(r"-(?:[ \t]|\r?$)")
"""A line that starts a top-level list item: '-' in the first column, then a space, a tab or nothing."""


def recover(text: str, file: str, problems: Problems, error_line: int) -> Document | None:
    """The records of a list-of-records file that has a YAML error, read one top-level item at a time.

    An item (from its '- ' in the first column to the next) that holds the error line, or does not parse on its
    own (its YAML problem is reported, at its own line), is left unread; every other item is kept with its lines
    and columns, so its own problems are still found. None when the file is not a list at its top level."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, ln in enumerate(lines) if _ITEM.match(ln)]
    if not starts or any(ln.strip() and not ln.lstrip().startswith("#") for ln in lines[: starts[0]]):
        return None
    numbers: list[int] = []
    doc = Document(file=file, data=[], numbers=numbers)
    for number, (a, b) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        found = _item(lines, a, b, file, problems) if not a < error_line <= b else None
        if found is None:
            doc.unread.append((a + 1, b))
            doc.unread_text += "".join(lines[a:b])
            continue
        part, shift = found
        k = len(doc.data)
        doc.data.append(part.data[0])
        numbers.append(number)
        for into, marks in ((doc.positions, part.positions), (doc.key_positions, part.key_positions)):
            into.update({(k, *path[1:]): (line + shift, col) for path, (line, col) in marks.items() if path})
        doc.last_lines.update({(k, *path[1:]): line + shift for path, line in part.last_lines.items() if path})
    doc.positions[()] = (starts[0] + 1, 1)
    runs: list[tuple[int, int]] = []  # adjacent unread items as one run of lines
    for first, last in doc.unread:
        runs[-1:] = [(runs[-1][0], last)] if runs and first == runs[-1][1] + 1 else [*runs[-1:], (first, last)]
    doc.unread = runs
    return doc


def _item(lines: list[str], a: int, b: int, file: str, problems: Problems) -> tuple[Document, int] | None:
    """One top-level item (lines a to b) parsed alone, and how many lines before it its lines are counted from;
    None when it does not parse, with its YAML problem reported. An item with problems is parsed again in place
    (blank lines before it), so the lines its messages name are the file's."""
    scratch = Problems()
    part = _load_text("".join(lines[a:b]), file, scratch, recovering=False)
    shift = a
    if part is None or scratch:
        scratch = Problems()
        part = _load_text("\n" * a + "".join(lines[a:b]), file, scratch, recovering=False)
        shift = 0
    problems.extend(scratch)
    if part is None or not isinstance(part.data, list) or len(part.data) != 1:
        return None
    return part, shift


def _load_text(text: str, file: str, problems: Problems, recovering: bool) -> Document | None:
    doc = Document(file=file, data=None)
    fast = _FastFactsLoader(text)
    try:
        node = fast.get_single_node()
        # Aliases and runaway nesting are refused by FactsLoader with their positions:
        # any such file is parsed again below, like a file with a syntax error. A text without '&' defines no
        # anchor, so it has no alias either: its tree is walked at once, and _walk refuses runaway nesting.
        if node is not None and ("&" not in text or _plain_tree(node)):
            scratch = Problems()
            doc.data = _walk(fast, node, (), doc, scratch)
            problems.extend(scratch)
            _comments(node, text, file, problems)
            return doc
    except yaml.YAMLError:
        pass
    finally:
        fast.dispose()
    doc = Document(file=file, data=None)
    loader = None
    try:
        loader = FactsLoader(text)  # the reader checks characters here already
        node = loader.get_single_node()
        if node is None:
            problems.add(file, 1, 1, Code.EMPTY_FILE, "the file is empty; expected YAML facts")
            return None
        doc.data = _walk(loader, node, (), doc, problems)
        _comments(node, text, file, problems)
    except _Refused as exc:
        problems.add(file, exc.line, exc.column, exc.code, exc.message)
        return recover(text, file, problems, exc.line) if recovering else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            where = f"line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
            what = f"{what} ({exc.context} at {where})"
        lines = text.splitlines()
        found = explain(text, exc)
        if found:
            line, col, what = found
        elif 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what += " (tabs cannot indent YAML; use spaces)"
        problems.add(file, line, col, Code.YAML_SYNTAX, f"YAML syntax error: {what}")
        return recover(text, file, problems, line) if recovering else None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.add(file, line, col, Code.BAD_CHARACTER,
                     f"the character U+{exc.character:04X} is not allowed in YAML; remove it")
        return recover(text, file, problems, line) if recovering else None
    except yaml.YAMLError as exc:
        problems.add(file, 1, 1, Code.YAML_SYNTAX, f"YAML error: {' '.join(str(exc).split())}")
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, counted in bytes) of a byte offset: where a decoder gave up."""
    before = raw[:offset]
    return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1


def load_file(path: Path, display: str, problems: Problems) -> Document | None:
    """Read and parse one facts file, refusing files that are too large or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 1, 1, Code.UNREADABLE, f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            display, 1, 1, Code.FILE_TOO_LARGE,
            f"the file is {len(raw):,} bytes; a facts file may be at most {MAX_FILE_BYTES:,} bytes",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(display, *byte_position(raw, exc.start), Code.NOT_UTF8,
                     f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.add(display, 1, 1, Code.EMPTY_FILE, "the file has no facts in it; expected YAML content")
        return None
    return load_text(text, display, problems)
