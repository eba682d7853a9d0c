"""YAML syntax errors in an editor's words, at the line of the mistake.

PyYAML reports where its parser gave up, in its own terms ("mapping values are not allowed
here", "expected <block end>, but found '?'"), often a line or two after the mistake. The mistakes
behind those are few: a tab, `key:value` with no space, a key with no colon, a dash with no space, a
key not lined up with the keys above it, a value with ': ' in it, a quote or bracket left open, a
list item without its dash, text after a closing quote, a value starting with a character YAML
reserves (`*`, `&`, `@`, `|`...). `explain` recognises them from the error and the lines around it;
anything else keeps PyYAML's words. `dropped_comments` finds the one slip YAML reads without
complaint and loses words to: ' #' inside an unquoted value, which starts a comment.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator

import yaml

from briefing.facts.slips import curly_wrapped, unwrapped

_Found = tuple[int, int, str]
"""(line, column, message), 1-based."""

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#'\"\-{\[][^:#]*?|-[^\s:#][^:#]*?):(?: |$)")
_NO_SPACE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*)$")
"""`title:Ministers meet`: a key, a colon and a value with no space between."""
_DASH_NO_SPACE = re.compile(r"^(?P<indent> *)-(?P<item>[^\s\-].*)$")
"""`-id: meeting`: a list item's dash with no space after it."""
_INDICATORS = {"*": "an alias", "&": "an anchor", "@": "a reserved character", "`": "a reserved character",
               "|": "a block of text on the lines below", ">": "a block of text on the lines below",
               "?": "a complex key", "-": "a list", "%": "a directive", "!": "a tag", "{": "a mapping", "[": "a list"}
"""Characters an unquoted value cannot start with, and what YAML reads them as."""


def explain(text: str, exc: yaml.MarkedYAMLError) -> _Found | None:
    """(line, column, message) for a mistake an editor makes often, or None for PyYAML's own words."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    for check in (_tab, _no_space_after_colon, _dash_without_space, _key_without_colon, _open_bracket, _open_quote,
                  _colon_in_value, _key_indented_more, _key_lined_up_with_nothing, _missing_dash, _text_after_quote,
                  _reserved_start):
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
                found.append(token)  # noqa: PERF401 (a loop: the scan may raise halfway, keeping what it found)
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
    curly = curly_wrapped(value)  # “…” from a word processor: YAML's quotes are straight
    quoted = json.dumps(unwrapped(value) if curly else value, ensure_ascii=False)
    what = "in straight quotes (YAML does not read curly ones as quotes)" if curly else "in quotes"
    return (mark.line + 1, m.end() + 1,
            (f"the value has ': ' in it, which YAML reads as the start of another key; put the value {what}: "
             f"{m.group('key')}: {quoted}"))


def _near(lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> list[int]:
    """The lines a mistake behind this error may be on: where the parser's context began, where it stopped,
    and the line above that (a plain value runs on to the line where the parser gives up)."""
    near = [exc.context_mark.line] if exc.context_mark is not None else []
    near += [mark.line, *(i for i, _m in itertools.islice(_content_above(lines, mark.line), 1))]
    return list(dict.fromkeys(near))


def _tab(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """A tab where YAML wants spaces: before a key, or after a list item's dash."""
    line = _line(lines, mark.line)
    m = re.match(r"^([ \t]*(?:- *)*)\t", line)
    if not m or "\t" not in line[: mark.column + 1]:
        return None
    col = m.end()
    before = line[:col - 1].rstrip(" ")
    if before.endswith("-"):
        return (mark.line + 1, col, "a tab after the list item's dash; YAML needs a space there: write '- ' "
                                    "and then the item")
    return (mark.line + 1, col, "a tab indents this line, and YAML indents with spaces only: replace the tab "
                                "with spaces, lining the line up with the ones above it")


def _no_space_after_colon(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`title:Ministers meet`: with no space after the colon the whole line is one text, not a key and a value."""
    for i in _near(lines, exc, mark):
        m = _NO_SPACE.match(_line(lines, i))
        if m:
            key, value = m.group("key"), m.group("value").rstrip()
            return (i + 1, m.end("key") + 1,
                    (f"no space after the colon in '{key}:{value}', so YAML reads the line as one text, not as the "
                     f"key '{key}' and its value; put a space after the colon: {key}: {value}"))
    return None


def _dash_without_space(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`-id: meeting`: a dash with no space after it does not start a list item."""
    for i in _near(lines, exc, mark):
        m = _DASH_NO_SPACE.match(_line(lines, i))
        if m:
            item = m.group("item").rstrip()
            return (i + 1, len(m.group("indent")) + 1,
                    (f"no space after the dash in '-{item}', so YAML does not read it as a list item; "
                     f"put a space after the dash: - {item}"))
    return None


def _key_without_colon(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """A line among keys with no colon: a key whose ':' is missing, or a value put under its key, not beside it."""
    if exc.problem != "could not find expected ':'" or exc.context_mark is None:
        return None
    i = exc.context_mark.line
    line = _line(lines, i)
    written = line.strip()
    if not written or ":" in written:
        return None
    col = len(line) - len(line.lstrip(" -")) + 1
    for _j, above in itertools.islice(_content_above(lines, i), 1):
        if above is not None and _key_column(above) == col - 1 and not _line(lines, _j)[above.end():].strip():
            key = above.group("key")
            return (i + 1, col,
                    (f"'{written}' is indented as a key, not as the value of '{key}' above it; put the value on the "
                     f"key's line ({key}: {written}), or indent it more than the key"))
    word, _, rest = written.partition(" ")
    fixed = f"{word}: {rest}" if rest else f"{word}:"
    return (i + 1, col, f"'{written}' has no ':' after its key; write the key, a colon and a space, then the value: "
                        f"{fixed}")


def _open_bracket(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`acted: [ana-perez, ministry`: a list (or mapping) in brackets left open runs on into the lines after it."""
    pairs = {"while parsing a flow sequence": ("[", "]", "list"), "while parsing a flow mapping": ("{", "}", "mapping")}
    if exc.context not in pairs or exc.context_mark is None or not (exc.problem or "").startswith("expected ','"):
        return None
    opened, closed, what = pairs[exc.context]
    at = exc.context_mark
    line = _line(lines, at.line)
    if line[at.column: at.column + 1] != opened or closed in line[at.column:]:
        return None
    return (at.line + 1, at.column + 1,
            f"the '{opened}' opened here is never closed; end the {what} with '{closed}' on this line: "
            f"{line.strip()}{closed}")


def _reserved_start(text: str, lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark) -> _Found | None:
    """`title: *Ministers* meet`: an unquoted value cannot start with a character YAML reserves."""
    for i in _near(lines, exc, mark):
        line = _line(lines, i)
        m = _KEY_LINE.match(line)
        value = line[m.end():].strip() if m else ""
        if m and value[:1] in _INDICATORS:
            return (i + 1, m.end() + 1,
                    (f"an unquoted value cannot start with '{value[0]}', which YAML reads as "
                     f"{_INDICATORS[value[0]]}; put the whole value in quotes: "
                     f"{m.group('key')}: {json.dumps(value, ensure_ascii=False)}"))
    return None


_COMMENT_AFTER = re.compile(r"\s+#\S")


def dropped_comments(root: yaml.Node, text: str) -> Iterator[_Found]:
    """(line, column, message) of each unquoted value followed on its line by ' #' and a word: YAML reads that as
    a comment and drops it from the value (`title: Protest #2` is 'Protest'). A comment meant as one has a space
    after its '#'."""
    if "#" not in text:
        return
    lines = text.splitlines()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):
            continue  # a quoted value keeps its '#'; a comment after it was meant as one
        elif node.start_mark.line == node.end_mark.line:
            line = _line(lines, node.end_mark.line)
            rest = line[node.end_mark.column:]
            if _COMMENT_AFTER.match(rest):
                m = _KEY_LINE.match(line)
                key = f"{m.group('key')}: " if m else ""
                whole = json.dumps((str(node.value) + rest).strip(), ensure_ascii=False)
                yield (node.end_mark.line + 1, node.end_mark.column + len(rest) - len(rest.lstrip()) + 1,
                       (f"YAML reads ' {rest.strip()}' as a comment and leaves it out of the value; if it belongs to "
                        f"the value, put the whole value in quotes: {key}{whole}"))


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
