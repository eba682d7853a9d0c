"""The site's editions: the mini briefing (languages: [en, es]) builds an English site at / and a
Spanish one at /es/, each page in both, linked to each other by relative addresses only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.facts.kinds import EVENT
from briefing.facts.localize import Untranslated, localized
from briefing.facts.validate import load_graph
from briefing.site import build_site

from conftest import MINI, cli, copy_project, write_files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(MINI, tmp_path_factory.mktemp("editions") / "mini")
    config = project / "mkdocs.yml"  # edit buttons, to see which file each edition's opens
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme:\n", "repo_url: https://github.com/example/mini\nedit_uri: edit/main/docs/\ntheme:\n", 1)
        .replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n", 1), encoding="utf-8")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_is_in_both_editions(built: Path):
    english = {p.relative_to(built).as_posix() for p in built.rglob("*.html")
               if "es" not in p.relative_to(built).parts[:1]}
    spanish = {p.relative_to(built / "es").as_posix() for p in (built / "es").rglob("*.html")}
    assert len(english) > 20 and english == spanish


def test_each_edition_speaks_its_language(built: Path):
    assert '<html lang="en"' in _html(built, "index.html") and '<html lang="es"' in _html(built, "es/index.html")
    timeline = _html(built, "es/timeline/index.html")
    assert "3 de noviembre de 2025: Los ministros se reúnen" in timeline  # a date from Babel, a title from the facts
    assert "hacia marzo de 2026" in timeline  # an approximate month, from the catalog
    assert "Buscar" in _html(built, "es/index.html")  # Material's interface in Spanish
    about = _html(built, "es/about/index.html")
    # the Spanish page, its edit button opening the Spanish file
    assert "Una página escrita a mano." in about and "edit/main/docs/about.es.md" in about
    english = _html(built, "about/index.html")
    assert "A hand-written page." in english and "edit/main/docs/about.md" in english


def test_the_language_menu_leads_to_the_same_page_in_the_other_edition(built: Path):
    english, spanish = _html(built, "people/ana-perez/index.html"), _html(built, "es/people/ana-perez/index.html")
    assert '<a href="../../es/people/ana-perez/" hreflang="es" lang="es" target="_self"' in english
    assert '<a href="../../../people/ana-perez/" hreflang="en" lang="en" target="_self"' in spanish
    # <head> names each edition's root (Material fetches a sitemap beside each), all relative
    assert re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="(\w+)">', spanish) == [
        ("../../../", "en"), ("../../", "es")]
    for page in built.rglob("*.html"):
        for href in re.findall(r'<link rel="alternate"[^>]* href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert not href.startswith(("http:", "https:", "/")), (page, href)


def test_the_sitemaps_give_each_page_in_every_edition(built: Path):
    sitemap = _html(built, "es/sitemap.xml")
    assert "<loc>https://example.github.io/mini/es/people/ana-perez/</loc>" in sitemap
    for code, prefix in (("en", ""), ("es", "es/")):
        assert (f'<xhtml:link rel="alternate" hreflang="{code}" '
                f'href="https://example.github.io/mini/{prefix}people/ana-perez/"/>') in sitemap
    assert (built / "es" / "search" / "search_index.json").is_file()


def test_a_missing_translation_shows_the_english_marked(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "mini")
    events = project / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        '      es: "La reunión tuvo lugar el 3 de noviembre de 2025."\n', "", 1), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds", display_root=project)  # a warning, while editing
    assert [w.code.value for w in graph.warnings] == ["missing-translation"]
    spanish = localized(graph, "es")
    meeting = next(e for e in spanish.of(EVENT) if e.id == "meeting")
    assert isinstance(meeting.claims[0].text, Untranslated) and meeting.title == "Los ministros se reúnen"
    page = build_site(graph, language="es").pages["timeline.md"]
    assert ('<span class="briefing-untranslated" lang="en" title="aún sin traducir">The meeting took place on 3 '
            "November 2025\\.</span>") in page
    assert cli("--project", str(project), "build").returncode == 1  # the strict build refuses it


def test_quotes_stay_in_their_own_words_in_every_edition():
    graph = load_graph(MINI / "facts", MINI / "seeds")
    spanish = localized(graph, "es")
    english_quotes = [c.quote for e in graph.of(EVENT) for claim in e.claims for c in claim.cite]
    spanish_quotes = [c.quote for e in spanish.of(EVENT) for claim in e.claims for c in claim.cite]
    assert spanish_quotes == english_quotes


def test_each_edition_names_the_site_in_its_language(built: Path):
    spanish, english = _html(built, "es/people/ana-perez/index.html"), _html(built, "people/ana-perez/index.html")
    assert "<title>Ana Pérez - Mini informe</title>" in spanish and "Mini briefing" not in spanish
    assert "<title>Ana Pérez - Mini briefing</title>" in english and "Mini informe" not in english


def _config(project: Path, briefing_plugin: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - briefing")
    end = text.index("markdown_extensions:")
    config.write_text(text[:start] + briefing_plugin + text[end:], encoding="utf-8")


def test_an_edition_without_its_site_name_fails_the_strict_build(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "mini")
    _config(project, "  - briefing\n")
    result = cli("--project", str(project), "build")
    assert result.returncode == 1
    assert ("mkdocs.yml gives no site_name for the es edition (the briefing plugin's editions: "
            "{es: {site_name: ...}}): it shows the English one") in result.stderr


def test_the_words_of_every_edition_are_checked(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", (
        "  font: false\n  palette:\n    - scheme: default\n      toggle: {icon: material/brightness-7, name: Dark}\n"
        "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: Light}\n")), encoding="utf-8")
    _config(project, "  - briefing:\n      editions:\n        es: {site_name: Mini informe, palette: [Oscuro]}\n"
                     "        fr: {site_name: Mini dossier}\n")
    result = cli("--project", str(project), "build")
    assert result.returncode == 1
    assert ("mkdocs.yml: the briefing plugin's editions: 'fr' is not one of the briefing's other languages (es)"
            in result.stderr)
    _config(project, "  - briefing:\n      editions:\n        es: {site_name: Mini informe, palette: [Oscuro]}\n")
    result = cli("--project", str(project), "build")
    assert result.returncode == 1
    assert ("editions: es: palette: give one name for each of the 2 toggles of theme.palette, in its order"
            in result.stderr)
    _config(project, "  - briefing:\n      editions:\n        es: {site_name: Mini informe, palette: [Oscuro, Claro]}"
                     "\n")
    assert cli("--project", str(project), "build").returncode == 0
    spanish = (project / "site/es/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Oscuro"' in spanish and 'aria-label="Claro"' in spanish and 'aria-label="Dark"' not in spanish
    assert 'aria-label="Dark"' in (project / "site/index.html").read_text(encoding="utf-8")


def test_the_markdown_extensions_words_are_each_editions(built: Path):
    spanish, english = _html(built, "es/timeline/index.html"), _html(built, "timeline/index.html")
    assert 'title="Volver a la llamada de la nota 1 en el texto"' in spanish and "Jump back" not in spanish
    assert 'title="Jump back to footnote 1 in the text"' in english


FRENCH = '''msgid "What happened"
msgstr "Ce qui s’est passé"

msgid "Timeline"
msgstr "Chronologie"

#, python-brace-format
msgid "According to {names}: "
msgstr "Selon {names} : "

#, python-brace-format
msgid "about {period}"
msgstr "vers {period}"
'''
"""A briefing's own catalog for a language the package does not ship (i18n.py asks it first)."""


def _with_french(project: Path) -> None:
    """French as a third language of a briefing, with no change to the package: a line of briefing.yaml, the
    translations beside each text in the facts (here the Spanish ones copied, and the title in French), a
    catalog beside the facts, the site's name in mkdocs.yml and the hand-written page in French."""
    for path in (project / "facts").glob("*.yaml"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            lines.append(line)
            if m := re.match(r"^(\s*)es: (.+)$", line):
                lines.append(f"{m[1]}fr: {m[2]}")
        text = "\n".join(lines) + "\n"
        text = text.replace("languages: [en, es]", "languages: [en, es, fr]").replace(
            "fr: {title: Los ministros se reúnen}", "fr: {title: Les ministres se réunissent}")
        path.write_text(text, encoding="utf-8")
    write_files(project, {
        "locale/fr/LC_MESSAGES/messages.po": FRENCH,
        "docs/about.fr.md": "# À propos\n\nUne page écrite à la main.\n",
    })
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        es: {site_name: Mini informe}\n",
        "        es: {site_name: Mini informe}\n        fr: {site_name: Mini dossier}\n"), encoding="utf-8")


def test_a_third_language_is_a_catalog_translations_and_a_line_of_configuration(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "mini")
    _with_french(project)
    assert "fr:" in (project / "facts/events.yaml").read_text(encoding="utf-8")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    home = _html(site, "fr/index.html")
    assert '<html lang="fr"' in home and "<title>Mini dossier</title>" in home
    assert "Les ministres se réunissent" in home  # the facts' French
    # the briefing's own catalog
    assert re.search(r"<h2[^>]*>Ce qui s’est passé", home) and not re.search(r"<h2[^>]*>What happened", home)
    assert "Selon " in home and "Según" not in home
    timeline = _html(site, "fr/timeline/index.html")
    assert "Chronologie" in timeline and "3 novembre 2025" in timeline  # Babel's French dates
    assert "vers mars 2026" in timeline
    assert "Une page écrite à la main." in _html(site, "fr/about/index.html")
    # a message the catalog does not give stays English, never blank; the other editions keep their words
    assert "Key facts and figures" in home
    assert "Qué ocurrió" in _html(site, "es/index.html") and "What happened" in _html(site, "index.html")
    # every edition's language menu offers the third
    assert 'hreflang="fr"' in _html(site, "es/people/ana-perez/index.html")


def _jsonld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def test_structured_data_names_the_language_of_its_edition(built: Path):
    for code, prefix in (("en", ""), ("es", "es/")):
        person = _jsonld(_html(built, f"{prefix}people/ana-perez/index.html"))
        assert person["@type"] == "Person" and person["inLanguage"] == code
        events = _jsonld(_html(built, f"{prefix}timeline/index.html"))["@graph"]
        assert events and all(e["inLanguage"] == code for e in events)
    # in the language it says: the Spanish description is the Spanish claim
    spanish = _jsonld(_html(built, "es/timeline/index.html"))["@graph"]
    assert any("La reunión tuvo lugar" in e["description"] for e in spanish)
