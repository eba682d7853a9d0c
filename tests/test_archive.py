"""Quote matching against archived texts: what counts as the same words, and the help a miss gets."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Literal

import pytest

from briefing.facts.archive import Archived, read_archived

from conftest import MINI, ROOT, run_cli, write_files

ARTICLE = MINI / "seeds" / "article.txt"


def _archived(body: str, start: int = 1) -> Archived:
    return Archived(path=Path("x.txt"), body=body, body_start_line=start)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_quote_matches_in_either_unicode_form(form: Literal["NFC", "NFD"]):
    for source_form in ("NFC", "NFD"):
        text = _archived(unicodedata.normalize(source_form, "the Foreign Minister, Ana Pérez, said"))
        assert text.contains(unicodedata.normalize(form, "Ana Pérez, said"))


def test_a_no_break_space_equals_a_space_both_ways():
    assert _archived("Ana\u00a0Pérez said").contains("Ana Pérez said")
    assert _archived("Ana Pérez said").contains("Ana\u00a0Pérez\u202fsaid")


def test_case_and_accents_stay_significant():
    text = _archived("the Foreign Minister, Ana Pérez, said")
    assert not text.contains("ana Pérez")
    assert not text.contains("Ana Perez")
    assert not text.contains("ANA PÉREZ")


def test_closest_marks_a_one_letter_typo_with_its_line():
    text = read_archived(ARTICLE)
    near = text.closest("The ministry confirmed the meting took place on 3 November 2025")
    assert near is not None
    assert near.line == 4  # the file's line, counted from the top of the file
    assert near.marked == "The ministry confirmed the [-meting-]{+meeting+} took place on 3 November 2025"


def test_closest_marks_a_missing_accent_and_leaves_out_trailing_punctuation():
    near = read_archived(ARTICLE).closest("Ana Perez")
    assert near is not None
    assert (near.line, near.marked) == (3, "Ana [-Perez-]{+Pérez+}")
    assert str(near) == ('the closest passage, at line 3, differs where marked [-quote-]{+source+}: '
                         '"Ana [-Perez-]{+Pérez+}"')


def test_closest_shows_a_missing_comma_inside_the_quote():
    near = read_archived(ARTICLE).closest("the Foreign Minister Ana Pérez said")
    assert near is not None
    assert near.marked == "the Foreign [-Minister-]{+Minister,+} Ana [-Pérez-]{+Pérez,+} said"


def test_closest_shortens_long_unchanged_runs():
    words = [f"w{i}" for i in range(40)]
    text = _archived("intro line\n" + " ".join(words) + "\n", start=5)
    quote = " ".join([*words[:20], "typo", *words[21:40]])
    near = text.closest(quote)
    assert near is not None
    assert near.line == 6
    assert near.marked == "… w17 w18 w19 [-typo-]{+w20+} w21 w22 w23 …"


LINE_2 = ("The foreign ministers of Peru and Mexico said on Tuesday that both governments would jointly restore "
          "full diplomatic relations.")


def test_closest_finds_a_quote_with_words_left_out_and_changed_along_the_way():
    """9 of the quote's 11 words are on one line, but words left out shift the rest: counted at one exact start,
    no start had half the words ('no passage shares half the quote's words')."""
    text = _archived(f"Intro line, of the talks.\n{LINE_2}\nOther line of the story.\n")
    near = text.closest("foreign ministers of Peru said on Tuesday both governments will restore")
    assert near is not None
    assert (near.line, near.marked) == (2, "foreign ministers of Peru {+and Mexico+} said on Tuesday {+that+} both "
                                           "governments [-will-]{+would jointly+} restore")


def test_closest_aligns_past_punctuation_and_reaches_the_quotes_last_word():
    """A comma or a full stop does not throw the alignment off: 'relations' is the source's 'relations.' (the
    quote may stop before it), and the word the quote left out before it is marked as such."""
    text = _archived(f"Intro line.\n{LINE_2}\n")
    near = text.closest("Peru and Mexico, said on Tuesday that both governments would restore full relations")
    assert near is not None
    assert near.marked == ("Peru and [-Mexico,-]{+Mexico+} said on Tuesday that both governments would {+jointly+} "
                           "restore full {+diplomatic+} relations")


def test_closest_is_none_when_nothing_is_near():
    assert read_archived(ARTICLE).closest("entirely different words here") is None
    assert _archived("").closest("anything") is None


def test_quote_not_found_names_the_closest_passage_in_check(mini: Path):
    people = (mini / "facts/people.yaml").read_text(encoding="utf-8")
    assert "quote: the Foreign Minister, Ana Pérez\n" in people
    write_files(mini, {"facts/people.yaml": people.replace("quote: the Foreign Minister, Ana Pérez\n",
                                                           "quote: the Foreign Minister, Ana Peréz\n", 1)})
    result = run_cli("--project", str(mini), "check")
    assert result.returncode == 1
    [line] = [ln for ln in result.stderr.splitlines() if "quote-not-found" in ln]
    assert 'differs where marked [-quote-]{+source+}: "the Foreign Minister, Ana [-Peréz-]{+Pérez+}"' in line
    assert "at line 3" in line


def test_find_is_accent_case_and_whitespace_insensitive_and_returns_exact_words():
    text = _archived("Intro\nthe  Foreign Minister, Ana\nPérez, said.\nANA PEREZ again\n", start=3)
    found = text.find("ana perez")
    assert [(m.line, m.text) for m in found] == [(4, "Ana Pérez"), (6, "ANA PEREZ")]
    assert text.contains(found[0].text)  # ready to paste as a quote
    nfd = _archived(unicodedata.normalize("NFD", "dijo Chávez hoy"))
    [m] = nfd.find("chavez")
    assert unicodedata.normalize("NFC", m.text) == "Chávez" and nfd.contains(m.text)
    assert text.find("nowhere") == []
    assert text.find("   ") == []


def test_every_run_of_words_cut_from_an_archive_is_found_and_a_changed_one_is_not():
    # What validate does for every quote on every build (its speed is measured by bench/run.py).
    text = read_archived(min((ROOT / "seeds").glob("*.txt")))
    n = len(text.words) - 12
    quotes = [" ".join(w.text for w in text.words[i % n:i % n + 12]) for i in range(600)]
    assert all(text.contains(q) for q in quotes)
    changed = [" ".join([*q.split()[:6], "zzyzx", *q.split()[7:]]) for q in quotes[:50]]
    assert not any(text.contains(q) for q in changed)
