"""The generator's words come from the message catalogs (i18n.py): the committed template is what the
code holds today, and every language the package ships translates every message of it."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from conftest import ROOT

LOCALE = ROOT / "briefing" / "locale"


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def extracted(tmp_path: Path) -> Catalog:
    """The messages the code holds now, extracted as `make catalog` extracts them (its keywords, babel.cfg)."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ncatalog:", 1)[1].split("\n\n", 1)[0]
    keywords = re.findall(r"-k (\w+)", recipe)
    assert {"N_", "md_message", "message"} <= set(keywords)
    out = tmp_path / "messages.pot"
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), *(a for k in keywords for a in ("-k", k)),
            "--no-location", "--sort-output", "--omit-header", "-o", str(out), str(ROOT)]
    CommandLineInterface().run(args)
    return _read(out)


def forms(value: object) -> tuple[str, ...]:
    """A message's id or translation as its forms: one, or a singular and plurals."""
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else (str(value or ""),)


def ids(catalog: Catalog) -> set[tuple[str, ...]]:
    return {forms(m.id) for m in catalog if m.id}


def test_the_committed_template_holds_every_message_of_the_code(tmp_path: Path):
    fresh, committed = ids(extracted(tmp_path)), ids(_read(LOCALE / "messages.pot"))
    assert fresh - committed == set(), "messages not in briefing/locale/messages.pot: run `make catalog`"
    assert committed - fresh == set(), "messages no longer in the code: run `make catalog`"


def test_every_shipped_language_translates_every_message():
    wanted = ids(_read(LOCALE / "messages.pot"))
    languages = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/messages.po"))
    assert languages == ["es"]
    for code in languages:
        catalog = _read(LOCALE / code / "LC_MESSAGES" / "messages.po")
        given = {forms(m.id): forms(m.string) for m in catalog if m.id}
        missing = sorted(i[0] for i in wanted if not all(given.get(i, ("",))))
        assert missing == [], f"{code}: untranslated messages (fill their msgstr): {missing[:10]}"
        assert not any(m.fuzzy for m in catalog if m.id), f"{code}: a fuzzy translation is not used"


def test_a_translation_keeps_the_placeholders_of_its_message():
    """A translation that drops or misspells a {placeholder} would fail at build time (KeyError) or lose a word."""
    for po in LOCALE.glob("*/LC_MESSAGES/messages.po"):
        for m in _read(po):
            if not m.id:
                continue
            english = forms(m.id)
            allowed = set(re.findall(r"\{(\w+)\}", " ".join(english))) | _ALTERNATIVES.get(english[0], set())
            for text in forms(m.string):
                assert set(re.findall(r"\{(\w+)\}", text)) <= allowed, (po, m.id, text)


_ALTERNATIVES = {
    # a side as an owner ({owner}, "Peru's") or by its name ({side}), for languages that name it after
    "{owner} side acted": {"side"}, "{owner} case": {"side"}, "{owner} position": {"side"},
    "{owner} main points and the answers to them, in their own words or as the reports relay them: open a point to "
    "read them.": {"side"},
    "{owners} side acted": {"sides"}, "{owners} side and others acted": {"sides"},
}
"""Placeholders a message is given beside those it shows in English (builders.case_words,
moves.words)."""
