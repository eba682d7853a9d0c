"""The slips editors make in values that YAML reads without complaint, worded for the line they are on.

A date written as people write dates (03/11/2025, 3 November 2025), a value wrapped in curly quotes
(a word processor's “…”, which YAML keeps as part of the text), a bare `no` or `2025` where text is
expected. The validators and the quote check add these hints to their messages (the YAML syntax
slips are in yaml_errors.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel import Locale

CURLY = {"“": "”", "‘": "’", "„": "“", "‚": "‘"}
"""Opening curly quotes and the closing one that goes with each."""

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_WORDS_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|º)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})$")
_WORDS_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WORDS_MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})$")


@functools.cache
def _months() -> dict[str, int]:
    """Month names and their abbreviations, in English and Spanish, lowercase, by number (Babel's data)."""
    names: dict[str, int] = {}
    for code in ("en", "es"):
        months = Locale.parse(code).months["format"]
        for width in ("wide", "abbreviated"):
            names.update({str(name).lower().rstrip("."): n for n, name in months[width].items()})
    names["sept"] = 9
    return names


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    """The date as YYYY-MM-DD (or YYYY-MM), if it is on the calendar."""
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _spoken(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {Locale.parse('en').months['format']['wide'][month]} {year}"


def date_written_otherwise(value: str) -> str | None:
    """For a date written day first, with slashes or in words: how to write it ('' parts left out), or None."""
    text = value.strip()
    if m := _DAY_MONTH_YEAR.match(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        readings = dict.fromkeys(r for r in (_iso(year, b, a), _iso(year, a, b)) if r)
        if len(readings) == 2:
            first, second = readings
            return (f"dates are written year first, with dashes: '{first}' if it means {_spoken(first)}, "
                    f"'{second}' if it means {_spoken(second)}")
        if readings:
            return f"dates are written year first, with dashes: '{next(iter(readings))}'"
        return None
    if m := _YEAR_MONTH_DAY.match(text):
        fixed = _iso(int(m[1]), int(m[2]), int(m[3]))
    elif m := _MONTH_YEAR.match(text):
        fixed = _iso(int(m[2]), int(m[1]))
    elif m := _WORDS_DAY_FIRST.match(text):
        month = _months().get(m[2].lower())
        fixed = _iso(int(m[3]), month, int(m[1])) if month else None
    elif m := _WORDS_MONTH_FIRST.match(text):
        month = _months().get(m[1].lower())
        fixed = _iso(int(m[3]), month, int(m[2])) if month else None
    elif m := _WORDS_MONTH_YEAR.match(text):
        month = _months().get(m[1].lower())
        fixed = _iso(int(m[2]), month) if month else None
    else:
        return None
    return f"dates are written year first, with dashes: '{fixed}'" if fixed else None


def curly_wrapped(value: str) -> bool:
    """Whether the whole value is inside curly quotes (“…”, ‘…’): a word processor's quotes, kept as text."""
    text = value.strip()
    return len(text) >= 2 and CURLY.get(text[0]) == text[-1]


def unwrapped(value: str) -> str:
    """The value without the curly quotes around it."""
    return value.strip()[1:-1]


CURLY_HINT = ("the curly quotes around it are part of the value, as YAML quotes a value only with straight "
              "quotes (\" or '): remove them")


def not_text_hint(value: object, key: object) -> str:
    """Why YAML read a value meant as text as something else, and what to do."""
    if isinstance(value, bool):
        return "YAML reads an unquoted yes, no, on, off, true or false as true or false: put the text in quotes"
    if isinstance(value, int):
        return f"YAML reads an unquoted number as a number: put it in quotes ({key}: \"{value}\")"
    if isinstance(value, float):
        return "YAML reads an unquoted number as a number: put it in quotes"
    if value is None:
        return "nothing follows the key: write the text after it, on the same line"
    return ""
