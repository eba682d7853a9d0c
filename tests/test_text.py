"""The one accent folding (text.fold): what a reader without accents types, used alike by search, sorting
and the quote finder (archive.loose)."""

from __future__ import annotations

import re

import pytest

from briefing.facts.archive import loose
from briefing.text import fold

from conftest import ROOT


@pytest.mark.parametrize(("written", "typed"), [
    ("Chávez Jerí", "Chavez Jeri"), ("Øresund", "Oresund"), ("København", "Kobenhavn"), ("Łódź", "Lodz"),
    ("Wałęsa", "Walesa"), ("Straße", "Strasse"), ("Æsir", "AEsir"), ("Cæsar", "Caesar"), ("Œuvre", "OEuvre"),
    ("cœur", "coeur"), ("Peña Nieto", "Pena Nieto"), ("São Paulo", "Sao Paulo"),
])
def test_fold_types_each_letter_as_a_reader_without_it_would(written: str, typed: str):
    assert fold(written) == typed
    assert loose(written) == typed.casefold()  # the quote finder folds the same way, then ignores case


def test_there_is_one_accent_folding():
    """Only text.fold drops combining marks (folds accents) or maps letters such as ø; the rest call it."""
    folding = re.compile(r"if not unicodedata\.combining|maketrans\(\{\s*\"ø\"")
    where = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "briefing").rglob("*.py")
                   if folding.search(path.read_text(encoding="utf-8")))
    assert where == ["briefing/text.py"]
