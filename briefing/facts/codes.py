"""Every problem code the build reports, with what it means for an editor.

Validators raise the code itself (a `Code`), so no code is ever guessed from a message's words.
The reference page lists them from here, and every code has a case under tests/invalid/.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Code(StrEnum):
    """A kind of problem in the facts; its value is what `check` prints in brackets."""

    description: str

    def __new__(cls, value: str, description: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    @classmethod
    def of(cls, value: str) -> Code:
        """The code printed as `value` ('bad-date'); a ValueError for a code not declared here."""
        for code in cls:
            if code.value == value:
                return code
        raise ValueError(f"no problem code {value!r}; declare it in briefing/codes.py")

    # reading the files
    UNREADABLE = "unreadable", "A facts file cannot be read (a folder, or no permission)."
    NOT_UTF8 = "not-utf8", "A facts file or archived text is not saved as UTF-8; the position is the first bad byte."
    FILE_TOO_LARGE = "file-too-large", "A facts file is larger than the build accepts (a pasted dump, not curation)."
    EMPTY_FILE = "empty-file", "A facts file holds nothing; write its records or delete the file."
    UNKNOWN_FILE = "unknown-file", (
        "A file in facts/ that the build does not know; the message names the expected files.")
    MISSING_FILE = "missing-file", "A required facts file (briefing.yaml, sources.yaml) is missing."
    # YAML
    YAML_SYNTAX = "yaml-syntax", "The file is not valid YAML (a bad indent, an unclosed quote, a tab)."
    BAD_CHARACTER = "bad-character", "A control character YAML does not allow (often pasted from a PDF); remove it."
    DUPLICATE_KEY = "duplicate-key", "The same key appears twice in one record; YAML would silently keep the last."
    YAML_COMMENT = "yaml-comment", (
        "' #' inside an unquoted value: YAML reads the rest of the line as a comment and drops it from the value.")
    YAML_ALIAS = "yaml-alias", (
        "An &anchor/*alias in YAML; facts write every value out (aliases can expand without bound).")
    TOO_DEEP = "too-deep", "Lists and mappings nested far deeper than any record needs."
    KEY_TYPE = "key-type", "A key is not plain text (for example a number or a list used as a key)."
    # the shape of records
    UNKNOWN_KEY = "unknown-key", (
        "A key the record type does not have (often a typo); the message lists the allowed keys.")
    MISSING_FIELD = "missing-field", "A required field is missing."
    WRONG_TYPE = "wrong-type", "A value of the wrong shape: text where a list is expected, a list where a mapping is."
    EMPTY_LIST = "empty-list", "A list that needs at least one item is empty (claims need a citation, records a claim)."
    BAD_ID = "bad-id", "An id that is not lowercase letters, digits and single hyphens."
    BAD_DATE = "bad-date", (
        "A date that is not YYYY, YYYY-MM or YYYY-MM-DD, is not on the calendar, or ends before it starts.")
    BAD_URL = "bad-url", "A URL that is not http:// or https://."
    BAD_TERM = "bad-term", "A glossary term with characters that would break its tooltip (brackets, '*', '<')."
    BAD_VALUE = "bad-value", "A value outside the allowed set (a kind, a status) or otherwise not accepted."
    # across records
    DUPLICATE_ID = "duplicate-id", "Two records share an id; ids are unique across the whole briefing."
    UNKNOWN_REFERENCE = "unknown-reference", "An id that names no record of the expected kind."
    DUPLICATE_ACTOR = "duplicate-actor", "The same person or institution is given two roles in one event."
    # sources and quotes
    QUOTE_NOT_FOUND = "quote-not-found", "A citation's quote does not occur in its source's archived text under seeds/."
    MISSING_ARCHIVE = "missing-archive", "A source's archived text file does not exist under seeds/."
    UNREADABLE_ARCHIVE = "unreadable-archive", (
        "A source's archived text could not be read (a folder, or no permission).")
    UNSAFE_PATH = "unsafe-path", "A source's file path leaves seeds/ (absolute, or with '..')."
    SOURCE_SAYS_OTHERWISE = "source-says-otherwise", (
        "What a source record says of its source that the source's own words (or its archive's header) do not "
        "say: a name or date not in its quote, a title that is not the headline, an author, publication date or "
        "address that disagrees with the byline, the date the text prints or the header.")
    # what the pages will say
    QUOTE_MARKS = "quote-marks", (
        "Words in double quotation marks in a claim, title, question or topic that none of its quotes holds: "
        "quotation marks promise a source's exact words.")
    MIXED_VOICE = "mixed-voice", (
        "A claim given both someone's words (said_by) and another voice (voice: outlet or reading).")
    NOT_A_LANGUAGE = "not-a-language", (
        "A record's key names a language the briefing does not declare (briefing.yaml languages).")
    BAD_TRANSLATION = "bad-translation", (
        "A translation of the wrong shape: text where a record has several translated texts, a mapping where "
        "it has one.")
    MISSING_TRANSLATION = "missing-translation", (
        "A translated text has no translation into one of the briefing's languages (a warning while editing).")
    STALE_TRANSLATION = "stale-translation", (
        "The English of a text changed after its translation was written (git blame; a warning while editing).")
    ID_IN_TEXT = "id-in-text", (
        "An event's or a difference's id written in an editors' note a reader sees (a date basis, a note): name "
        "the record in words, by its title; on the page an id means nothing.")
    TOO_LONG = "too-long", "The home page's lead or at-a-glance box is longer than its word budget."
    NOT_A_SIDE = "not-a-side", "`argues` names a state that is not one of the briefing's sides."
    AFTER_ITS_SOURCE = "after-its-source", (
        "An event dated, or ordered by a hint, after the publication date of a source that reports it.")
    AFTER_AS_OF = "after-as-of", (
        "An event dated after the briefing's as_of date (facts/briefing.yaml), the day the briefing is current to.")
    ORDER_CYCLE = "order-cycle", "Events' after/before hints that go round in a circle."
    ORDER_CONTRADICTS_DATE = "order-contradicts-date", (
        "An after/before hint that puts an event before one whose whole period lies earlier than its own.")
    BAD_STATUS = "bad-status", (
        "A question whose status does not fit its fields: an answered question needs a cited answer and "
        "resolved_on; an open one has neither.")
    BAD_SUPERSESSION = "bad-supersession", (
        "A claim or key figure superseded by itself, by an earlier one, in a loop, or without the as_of dates "
        "that say when.")
