"""YAML syntax errors in an editor's words, at the line of the mistake.

PyYAML reports where its parser gave up, in its own terms ("mapping values are not allowed
here", "expected <block end>, but found '?'"). The mistakes behind those are few: a key not
lined up with the keys above it, a value with ': ' in it, a quote left open, a list item
without its dash, text after a closing quote. `explain` recognises them from the error and the
lines around it; anything else keeps PyYAML's words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import yaml

_Found = tuple[int, int, str]
"""(line, column, message), 1-based."""

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#'\"\-{\[][^:#]*?|-[^\s:#][^:#]*?):(?: |$)")


def explain(text: str, exc: yaml.MarkedYAMLError) -> _Found | None:
    """(line, column, message) for a mistake an editor makes often, or None for PyYAML's own words."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    for check in (_open_quote, _colon_in_value, _key_indented_more, _key_lined_up_with_nothing,
                  _missing_dash, _text_after_quote):
        found = check(text, lines, exc, mark)
        if found:
            return found
    return None


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _quoted_tokens(text: str) -> list[yaml.ScalarToken]:
    """The quoted scalars the scanner read before it stopped (it reads on past a parser error)."""
    found = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # the scanner is disposed of on the way out
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _open_quote(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """A quote opened and not closed on its line: the value swallows the lines after it."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        opened = exc.context_mark
        runaway = [t for t in _quoted_tokens(text) if t.end_mark.line > t.start_mark.line
                   and t.start_mark.line < opened.line]
        if not runaway:
            q = _line(lines, opened.line)[opened.column: opened.column + 1] or '"'
            return (opened.line + 1, opened.column + 1,
                    f"the quote {q} opened here is never closed; end the value with {q} on this line")
    runaway = [t for t in _quoted_tokens(text) if t.end_mark.line > t.start_mark.line
               and t.start_mark.line <= mark.line]
    if not runaway:
        return None
    token = runaway[0]
    q = token.style
    return (token.start_mark.line + 1, token.start_mark.column + 1,
            (f"the quote {q} opened here is not closed on this line (the value runs on to line "
             f"{token.end_mark.line + 1}); end the value with {q} on this line"))


def _colon_in_value(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`title: Peru: the break`: the second ': ' reads as a key inside the value."""
    if exc.problem != "mapping values are not allowed here":
        return None
    line = _line(lines, mark.line)
    m = _KEY_LINE.match(line)
    if not m or m.end("key") >= mark.column:
        return None
    value = line[m.end():].strip()
    quoted = json.dumps(value, ensure_ascii=False)
    return (mark.line + 1, m.end() + 1,
            (f"the value has ': ' in it, which YAML reads as the start of another key; put the value in quotes: "
             f"{m.group('key')}: {quoted}"))


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def _key_column(m: re.Match[str]) -> int:
    return len(m.group("indent")) + len(m.group("dashes"))


def _content_above(lines: list[str], index: int) -> Iterator[tuple[int, re.Match[str] | None]]:
    """(index, key match or None) of each non-blank, non-comment line above `index`, nearest first."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            yield i, _KEY_LINE.match(lines[i])


def _key_indented_more(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """A key indented more than the key above it: PyYAML reads it as more of that key's value."""
    if exc.problem != "mapping values are not allowed here":
        return None
    m = _KEY_LINE.match(_line(lines, mark.line))
    if not m or m.end("key") != mark.column or m.group("dashes"):
        return None
    for _i, above in _content_above(lines, mark.line):
        if above is None or _key_column(above) >= _key_column(m):
            return None
        return (mark.line + 1, _key_column(m) + 1,
                (f"'{m.group('key')}' is indented {_spaces(_key_column(m))}, '{above.group('key')}' above it "
                 f"{_spaces(_key_column(above))}: line this key up with the keys above it"))
    return None


def _key_lined_up_with_nothing(text: str, lines: list[str], exc: yaml.MarkedYAMLError,
                               mark: yaml.Mark) -> _Found | None:
    """A key indented less than its neighbours, at no level a key above it has."""
    if not (exc.problem or "").startswith("expected <block end>, but found '<block mapping start>'"):
        return None
    m = _KEY_LINE.match(_line(lines, mark.line))
    if not m or m.group("dashes"):
        return None
    levels: list[int] = []
    limit: int | None = None
    for _i, above in _content_above(lines, mark.line):
        if above is not None and (limit is None or _key_column(above) < limit):
            limit = _key_column(above)
            levels.append(limit)
    if not levels:
        return None
    shown = ", ".join(str(n) for n in sorted(levels)[:-1])
    shown = f"{shown} or {max(levels)}" if shown else str(levels[0])
    return (mark.line + 1, _key_column(m) + 1,
            (f"'{m.group('key')}' is indented {_spaces(_key_column(m))}, which lines up with no key above it "
             f"(they are indented {shown}): line this key up with the keys above it"))


def _missing_dash(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """A key where the next item of a list was expected: the item's '- ' is missing."""
    if exc.problem != "expected <block end>, but found '?'" or exc.context != "while parsing a block collection":
        return None
    start = exc.context_mark
    if start is None or start.column != mark.column:
        return None
    written = _line(lines, mark.line).strip()
    return (mark.line + 1, mark.column + 1,
            (f"a list item without its '- ': this line lines up with the list that starts at line "
             f"{start.line + 1}; start each item with '- ', as in '- {written}'"))


def _text_after_quote(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`title: "Peru" breaks ties`: a value that starts with a quote ends at the closing quote."""
    if not (exc.problem or "").startswith("expected <block end>, but found '<scalar>'"):
        return None
    closed = [t for t in _quoted_tokens(text) if t.end_mark.line == mark.line and t.end_mark.column <= mark.column]
    if not closed:
        return None
    line = _line(lines, mark.line)
    m = _KEY_LINE.match(line)
    value = line[m.end():].strip() if m else line[closed[-1].start_mark.column:].strip()
    fixed = "'" + value.replace("'", "''") + "'"
    key = f"{m.group('key')}: " if m else ""
    return (closed[-1].start_mark.line + 1, closed[-1].start_mark.column + 1,
            (f"a value that starts with a quote mark ends at the closing one, and text follows it here; "
             f"put the whole value in the other kind of quotes: {key}{fixed}"))
