"""YAML mistakes get an editor's hint at the line of the mistake (the folders under
tests/invalid/yaml-* hold the same mistakes as whole-briefing cases)."""

from __future__ import annotations

import pytest

from briefing.facts.load import load_text
from briefing.facts.problems import Problems


def _one(text: str) -> tuple[int, int, str, str]:
    problems = Problems()
    assert load_text(text, "f.yaml", problems) is None or problems
    [p] = problems.items
    return p.line, p.col, p.code, p.message


@pytest.mark.parametrize("text, where, hint", [
    # a key indented more than the one above it (PyYAML: "mapping values are not allowed here")
    ("- id: a\n  name: A\n   country: peru\n", (3, 4),
     "'country' is indented 3 spaces, 'name' above it 2 spaces: line this key up with the keys above it"),
    # a key indented less than its siblings, lining up with no key above it
    ("- id: a\n  claims:\n    - text: x\n      cite: []\n     tags: [a]\n", (5, 6),
     ("'tags' is indented 5 spaces, which lines up with no key above it (they are indented 2 or 6): "
      "line this key up with the keys above it")),
    # ': ' inside a value (PyYAML: the same "mapping values are not allowed here")
    ("- id: a\n  title: Peru: the break\n", (2, 10),
     ("the value has ': ' in it, which YAML reads as the start of another key; put the value in quotes: "
      "title: \"Peru: the break\"")),
    # a quote never closed, single or double
    ("- id: a\n  title: 'Peru breaks\n  name: B\n", (2, 10),
     "the quote ' opened here is never closed; end the value with ' on this line"),
    ("- id: a\n  title: \"Peru breaks\n  name: B\n- id: b\n  title: \"Other\"\n", (2, 10),
     ("the quote \" opened here is not closed on this line (the value runs on to line 5); "
      "end the value with \" on this line")),
    # a list item without its dash, at the top and nested
    ("- id: a\n  name: A\nid: b\n  name: B\n", (3, 1),
     ("a list item without its '- ': this line lines up with the list that starts at line 1; "
      "start each item with '- ', as in '- id: b'")),
    ("- id: a\n  cite:\n    - source: x\n      quote: y\n    source: z\n", (5, 5),
     ("a list item without its '- ': this line lines up with the list that starts at line 3; "
      "start each item with '- ', as in '- source: z'")),
    # text after a closing quote
    ("- id: a\n  title: \"Peru\" breaks ties\n", (2, 10),
     ("a value that starts with a quote mark ends at the closing one, and text follows it here; "
      "put the whole value in the other kind of quotes: title: '\"Peru\" breaks ties'")),
    # the slips of issue 22, each at the line of the mistake (PyYAML gives up a line later, or says other things)
    ("- id: a\n  title:Peru breaks\n  name: B\n", (2, 8),
     ("no space after the colon in 'title:Peru breaks', so YAML reads the line as one text, not as the key 'title' "
      "and its value; put a space after the colon: title: Peru breaks")),
    ("- id:a\n  name: B\n", (1, 5),
     "no space after the colon in 'id:a', so YAML reads the line as one text, not as the key 'id' and its value; "
     "put a space after the colon: id: a"),
    ("- id: a\n  name A\n  title: B\n", (2, 3),
     "'name A' has no ':' after its key; write the key, a colon and a space, then the value: name: A"),
    ("- id: a\n  title:\n  Peru breaks\n", (3, 3),
     ("'Peru breaks' is indented as a key, not as the value of 'title' above it; put the value on the key's line "
      "(title: Peru breaks), or indent it more than the key")),
    ("-id: a\n  name: B\n", (1, 1),
     ("no space after the dash in '-id: a', so YAML does not read it as a list item; put a space after the dash: "
      "- id: a")),
    ("- id: a\n  who:\n    acted:\n    - x\n    -y\n", (5, 5),
     "no space after the dash in '-y', so YAML does not read it as a list item; put a space after the dash: - y"),
    ("- id: a\n\tname: B\n", (2, 1),
     "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces, lining the line up "
     "with the ones above it"),
    ("-\tid: a\n", (1, 2), "a tab after the list item's dash; YAML needs a space there: write '- ' and then the item"),
    ("- id: a\n  acted: [x, y\n  name: B\n", (2, 10),
     "the '[' opened here is never closed; end the list with ']' on this line: acted: [x, y]"),
    ("- id: a\n  title: *Peru* breaks\n", (2, 10),
     ("an unquoted value cannot start with '*', which YAML reads as an alias; put the whole value in quotes: "
      "title: \"*Peru* breaks\"")),
    ("- id: a\n  title: “Peru: the break”\n", (2, 10),
     ("the value has ': ' in it, which YAML reads as the start of another key; put the value in straight quotes "
      "(YAML does not read curly ones as quotes): title: \"Peru: the break\"")),
])
def test_common_mistakes_get_a_hint_at_their_line(text: str, where: tuple[int, int], hint: str):
    line, col, code, message = _one(text)
    assert (line, col, code) == (*where, "yaml-syntax")
    assert message == f"YAML syntax error: {hint}"


def test_other_syntax_errors_keep_the_parsers_words():
    line, _col, code, message = _one("title: a\n- b\n")
    assert code == "yaml-syntax" and line == 2
    assert message.startswith("YAML syntax error: expected <block end>, but found '-'")


def test_a_repeated_first_key_suggests_a_missing_dash():
    problems = Problems()
    load_text("- id: a\n  name: A\n  id: b\n  name: B\n", "f.yaml", problems)
    first, second = problems.items
    assert first.message.endswith("keep one; if a new item of the list starts here, put '- ' before it")
    assert second.message.endswith("keep one")  # not the first key: no guess


def test_words_after_a_hash_in_an_unquoted_value_are_not_lost_silently():
    problems = Problems()
    doc = load_text("- id: a\n  title: Protest #2 in Lima\n  name: B  # a comment, as meant\n", "f.yaml", problems)
    assert doc is not None and doc.data[0]["title"] == "Protest"  # what YAML reads
    [p] = problems.items
    assert (p.line, p.col, p.code) == (2, 18, "yaml-comment")  # at the #
    assert p.message == ("YAML reads ' #2 in Lima' as a comment and leaves it out of the value; if it belongs to the "
                         "value, put the whole value in quotes: title: \"Protest #2 in Lima\"")


def test_a_yaml_error_leaves_out_only_the_record_it_is_in():
    """The records before and after the broken one are read, where they stand in the file; a second broken record
    gets its own problem at its own line; the unread lines are kept to say what was not checked."""
    text = ("# people\n- id: a\n  name: A\n- id: b\n  name: \"B\n  country: x\n- id: c\n  name: C\n"
            "  name: C again\n- id: d\n  name:D\n- id: e\n  name: E\n")
    problems = Problems()
    doc = load_text(text, "f.yaml", problems)
    assert doc is not None
    assert [p.code for p in problems.items] == ["yaml-syntax", "duplicate-key", "yaml-syntax"]
    assert [(p.line, p.col) for p in problems.items] == [(5, 9), (9, 3), (11, 7)]
    assert "first at line 8" in problems.items[1].message  # lines in messages are the file's, not the record's
    assert [r["id"] for r in doc.data] == ["a", "c", "e"]
    assert [doc.number(i) for i in range(3)] == [0, 2, 4]  # `people[4]`, as the editor counts
    assert doc.where((2, "name")) == (13, 9) and doc.where_key((1, "name")) == (8, 3)
    assert doc.unread == [(4, 6), (10, 11)]
    assert "id: b" in doc.unread_text and "id: d" in doc.unread_text and "id: c" not in doc.unread_text


@pytest.mark.parametrize("text", ["title: \"x\nname: y\n", "# a list after text\nsides: [a\n- id: b\n"])
def test_a_file_that_is_not_a_list_of_records_is_not_recovered(text: str):
    problems = Problems()
    assert load_text(text, "f.yaml", problems) is None
    assert [p.code for p in problems.items] == ["yaml-syntax"]
