"""The words the generator writes, in the language of the edition being built.

Every sentence, label and heading the generator composes is an English message (`_("Timeline")`,
`_("According to {names}: ")`) looked up in a gettext catalog for the edition's language, as Sphinx
and Pelican do with Babel and Jinja2's `i18n` extension; dates and numbers come from Babel's locale
data. The catalogs are `.po` files: the package's own (`briefing/locale/<code>/LC_MESSAGES/messages.po`)
and, first, a briefing's own (`locale/<code>/LC_MESSAGES/messages.po` beside its facts), so a briefing
adds a language with a catalog, translations in its facts and a line in briefing.yaml, and no code.
`make catalog` (babel.cfg) extracts the messages into `briefing/locale/messages.pot`.

One edition is built at a time: `speaking(code)` sets the language for everything built inside it
(a context variable, so the English build and the Spanish one never mix their words).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from briefing.facts.order import week_of

LOCALE_DIR = Path(__file__).parent / "locale"
"""The package's catalogs, one folder per language."""

LOCALES = {"en": "en_GB"}
"""The Babel locale of a language code where it is not the code itself (English dates as '3 November 2025')."""


def catalogued() -> frozenset[str]:
    """The languages the generator's own words are written in: English, and each catalog's language."""
    return frozenset({"en", *(d.name for d in LOCALE_DIR.iterdir() if (d / "LC_MESSAGES").is_dir())})


def N_(message: str) -> str:
    """Marks a message for the catalog where it is translated later (a table of labels, say)."""
    return message


@dataclass(frozen=True)
class Language:
    """One edition's language: its code, its catalog and its locale."""

    code: str
    translations: gettext.NullTranslations
    locale: Locale
    dates: dict[tuple[str, bool | str], str] = field(default_factory=dict, compare=False, repr=False)
    """Dates already written: Babel's formatting is the generator's dearest call at scale (bench/run.py)."""

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, value: str, approximate: bool | str = False) -> str:
        """A date at its precision: '3 November 2025', 'November 2025', '2025' (in Spanish: '3 de
        noviembre de 2025', 'noviembre de 2025'); approximate: 'about 3 November 2025', 'hacia noviembre de 2025';
        approximate 'week' (a day of it): 'the week of 3 November 2025', 'la semana del 3 de noviembre de 2025'."""
        key = (value, approximate)
        if key not in self.dates:
            self.dates[key] = self._date(value, approximate)
        return self.dates[key]

    def _date(self, value: str, approximate: bool | str) -> str:
        parts = value.split("-")
        if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[0]) != 4:
            return value
        if len(parts) == 3 and approximate == "week":
            monday, _sunday = week_of(dt.date(*map(int, parts)))
            shown = babel_date(monday, format="long", locale=self.locale)
            return self.gettext("the week of {day}").format(day=shown)
        if len(parts) == 3:
            shown = babel_date(dt.date(*map(int, parts)), format="long", locale=self.locale)
            return self.gettext("about {day}").format(day=shown) if approximate else shown
        if len(parts) == 2:
            shown = format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=self.locale)
        else:
            shown = parts[0]
        return self.gettext("about {period}").format(period=shown) if approximate else shown

    def month(self, month: int, year: int | None = None) -> str:
        """A month's name ('November'), or with its year ('November 2025')."""
        if year is None:
            return str(self.locale.months["stand-alone"]["wide"][month])
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


def _catalog(path: Path) -> gettext.GNUTranslations:
    """A .po file as gettext translations (compiled in memory: the .po files are what is committed)."""
    with path.open("rb") as po:
        catalog = read_po(po)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


@functools.cache
def language(code: str, project: Path | None = None) -> Language:
    """The language of that code: the briefing's own catalog first (`project/locale`), then the
    package's; English, the messages' own language, needs none."""
    translations: gettext.NullTranslations = gettext.NullTranslations()
    for folder in (LOCALE_DIR, *([project / "locale"] if project else [])):  # the last added is asked first
        po = folder / code / "LC_MESSAGES" / "messages.po"
        if po.is_file():
            found = _catalog(po)
            found.add_fallback(translations)
            translations = found
    return Language(code, translations, Locale.parse(LOCALES.get(code, code).replace("-", "_")))


ENGLISH = language("en")

_current: ContextVar[Language] = ContextVar("language", default=ENGLISH)


def current() -> Language:
    """The language of the edition being built (English outside `speaking`)."""
    return _current.get()


@contextmanager
def speaking(code: str, project: Path | None = None) -> Iterator[Language]:
    """Build in that language: every message and date made inside uses it."""
    token = _current.set(language(code, project))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """A message in the current edition's language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands (context), e.g. 'or' after a negation
    (Spanish 'ni')."""
    return current().translations.pgettext(context, message)
