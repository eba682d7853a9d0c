"""What a source's text says about itself (model.Said) is checked like a quote (facts/said.py): a name
must be in its quote, the quote must write its date, and the record's summary fields must agree."""

from __future__ import annotations

import pytest

from briefing.facts.archive import Archived
from briefing.facts.model import Source
from briefing.facts.said import problems, writes_date
from briefing.pages import citations


@pytest.mark.parametrize(("words", "date", "written"), [
    ("Politics Events Country 2025-11-04T07:07:06+00:00", "2025-11-04", True),  # a timestamp
    ("originally appeared in the November 4, 2025 edition", "2025-11-04", True),
    ("LIMA, Nov. 4, 2025 (Reuters) -", "2025-11-04", True),
    ("Sept 30, 2025", "2025-09-30", True),
    ("23 May 2024", "2024-05-23", True),
    ("04 November 2025", "2025-11-04", True),
    ("Lima, 4 de noviembre de 2025", "2025-11-04", True),
    ("published in noviembre de 2025", "2025-11", True),
    ("in July 2024", "2024-07", True),
    ("in 2003", "2003", True),
    ("November 4, 2025", "2025-11-05", False),  # another day
    ("November 14, 2025", "2025-11-04", False),  # not inside a longer number
    ("12025-11-04", "2025-11-04", False),
    ("Nov 4", "2025-11-04", False),  # no year: the words do not give the date
    ("May 2024", "2024-05-23", False),  # a month does not give a day
    ("Mayor 2024", "2024-05", False),  # not inside a longer word
])
def test_a_date_is_written_only_as_a_date_is_written(words, date, written):
    assert writes_date(words, date) is written


def _source(**fields) -> Source:
    return Source.model_validate({"id": "s", "title": "Talks Resume", "kind": "news report", "file": "s.txt", **fields})


def _codes(source: Source, header: dict[str, str] | None = None) -> list[tuple[tuple, str]]:
    archive = Archived(path=None, header=header or {}) if header is not None else None  # type: ignore[arg-type]
    return [(path, message.split(":")[0]) for path, _code, message in problems(source, archive)]


def test_what_the_words_say_must_be_in_them():
    assert _codes(_source(headline={"quote": "Talks Resume"}, author="Jan Doe",
                          byline=[{"text": "Jan Doe", "quote": "By Jan Doe"}],
                          dated={"date": "2026-03-12", "quote": "12 March 2026"}, published="2026-03-12")) == []
    assert _codes(_source(credits=[{"text": "Reuters", "quote": "Source: AP"}])) == [
        (("credits", 0, "text"), "credits.0")]
    assert _codes(_source(dated={"date": "2026-03-13", "quote": "12 March 2026"})) == [(("dated", "date"), "dated")]
    first = "originally appeared in the November 4, 2025 edition of La Jornada"
    assert _codes(_source(first_appeared={"text": "La Jornada", "date": "2025-11-04", "quote": first})) == []


def test_the_record_agrees_with_the_words_and_the_header():
    assert _codes(_source(headline={"quote": "Talks Resume in Lima"})) == [(("title",), "title")]
    assert _codes(_source(byline=[{"text": "Jan Doe", "quote": "By Jan Doe"}])) == [(("author",), "author")]
    assert _codes(_source(author="Ann Roe", byline=[{"text": "Jan Doe", "quote": "By Jan Doe"}])) == [
        (("author",), "author")]
    assert _codes(_source(published="2026-03", dated={"date": "2026-03-12", "quote": "12 March 2026"})) == [
        (("published",), "published")]
    header = {"url": "https://example.org/a", "published": "2024-07", "author": "Jan Doe"}
    assert _codes(_source(url="https://example.org/a", published="2024-07", author="jan doe"), header) == []
    assert _codes(_source(url="https://example.org/b", published="2024-08", author="Ann Roe"), header) == [
        (("author",), "author"), (("published",), "published"), (("url",), "url")]
    assert _codes(_source(url="https://example.org/b"), {}) == []  # no header line: nothing to disagree with


def test_a_source_page_says_what_is_known_then_once_what_is_not():
    bare = _source()
    assert citations.describe(bare) == "A news report in English."
    assert citations.not_known(bare) == ("The archived copy names no outlet, author or publication date, and the "
                                         "address it was copied from is not recorded.")
    wire = _source(author="Rodney Mbua", byline=[{"text": "Rodney Mbua", "quote": "Written By Rodney Mbua"}],
                   credits=[{"text": "Reuters", "quote": "Source: Reuters"}], url="https://example.org/a")
    assert citations.describe(wire) == "A news report in English by Rodney Mbua. It names Reuters as its source."
    assert citations.not_known(wire) == "The archived copy names no outlet or publication date."
    copy = _source(first_appeared={"text": "La Jornada", "date": "2025-11-04", "quote": "in La Jornada, Nov. 4, 2025"})
    assert citations.describe(copy) == ("A news report in English. "
                                        "It says it first appeared in La Jornada on 4 November 2025.")
    assert "no outlet, author or publication date of its own" in citations.not_known(copy)
    treaty = _source(kind="treaty text", outlet="OAS", published="1954")
    assert citations.not_known(treaty) == "The address it was copied from is not recorded."  # a treaty has no author
    assert citations.not_known(treaty.model_copy(update={"url": "https://example.org/t"})) == ""


def test_a_footnote_names_the_source_and_its_date_where_known():
    assert citations.label(_source(short="the report “Talks”")) == "The report “Talks”"
    assert citations.label(_source(outlet="Example Daily", published="2025-11")) == "Example Daily, November 2025"
    assert citations.label(_source(kind="treaty text", outlet="OAS")) == "Talks Resume"  # a text by its title
    first = {"text": "La Jornada", "date": "2025-11-04", "quote": "in La Jornada, Nov. 4, 2025"}
    assert citations.label(_source(short="La Jornada", first_appeared=first)) == "La Jornada, 4 November 2025"
    assert citations.label(_source(short="the ICJ order of 23 May 2024", published="2024-05-23")) == \
        "The ICJ order of 23 May 2024"  # the date once
