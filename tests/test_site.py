"""The real MkDocs build of the real facts: every page kind, citations, search, a tampered quote."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.i18n import _, speaking
from briefing.text import fold

from conftest import ROOT, cli, copy_project, search, snapshot, write_files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the real project, built once by the real command line (in this process)."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("real") / "project")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # a strict build with no warnings
    return project


@pytest.fixture(scope="module")
def site(built: Path) -> Path:
    return built / "site"


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def said(edition: str, message: str) -> str:
    """A word of the page's furniture as the edition's catalog gives it (i18n.py)."""
    with speaking(edition.strip("/") or "en"):
        return _(message)


EDITIONS = ["", "es/"]
"""Each edition's folder in the site: English at the root, Spanish at es/."""


def test_every_page_kind_exists(site: Path):
    for edition in EDITIONS:
        for page in ["index.html", "timeline/index.html", "people/index.html", "institutions/index.html",
                     "legal/index.html", "questions/index.html", "differences/index.html", "sources/index.html",
                     "about/index.html", "method/index.html", "editing/index.html", "404.html", "brief/index.html",
                     "print/index.html", "reference/index.html", "relations/index.html", "glossary/index.html"]:
            assert (site / edition / page).is_file(), edition + page
        for kind in ["people", "institutions", "sources", "legal"]:
            pages = [p for p in (site / edition / kind).iterdir() if (p / "index.html").is_file()]
            assert pages, f"no {edition}{kind} pages"
    english = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "es"}
    assert {p.relative_to(site / "es").as_posix() for p in (site / "es").rglob("*.html")} == english


def test_the_hand_written_pages_are_in_each_editions_language(site: Path):
    for page, english, spanish in (("about", "About this briefing", "Acerca de este informe"),
                                   ("method", "Method", "Método"),
                                   ("editing", "How to edit this briefing", "Cómo editar este informe")):
        assert re.search(rf"<h1[^>]*>{english}<", _html(site, f"{page}/index.html")), page
        assert re.search(rf"<h1[^>]*>{spanish}<", _html(site, f"es/{page}/index.html")), page
    for edition in EDITIONS:  # the measured balance table, filled in where the page says <!-- balance -->
        method = _html(site, f"{edition}method/index.html")
        assert "<!-- balance -->" not in method and method.count("<table>") == 1
    # the Markdown extensions' words: a heading's permalink, a footnote's way back
    spanish, english = _html(site, "es/method/index.html"), _html(site, "method/index.html")
    assert 'title="Enlace permanente"' in spanish and "Permanent link" not in spanish
    assert 'title="Permanent link"' in english
    for html_file in (site / "es").rglob("*.html"):
        assert "Jump back to footnote" not in html_file.read_text(encoding="utf-8"), html_file


@pytest.mark.parametrize("edition", EDITIONS)
def test_citations_link_to_source_pages_and_show_their_quote(site: Path, edition: str):
    html = _html(site, edition + "index.html")
    notes = html.split('<div class="footnote"', 1)[1].split("</ol>\n</div>", 1)[0].split('<li id="fn:')[1:]
    assert notes, "the home page has no citation footnotes"
    for note in notes:
        # a note gives each quote of its sentence: every source it names leads to its quote
        hrefs = [h for h in re.findall(r'href="([^"]+)"', note) if not h.startswith("#fn")]  # not links between notes
        assert hrefs, note
        for href in hrefs:
            assert href.startswith("sources/"), href  # the edition's own source pages
            path, _sep, anchor = href.partition("#")
            target = (site / edition / path).resolve() / "index.html"
            assert target.is_file(), href
            # the note leads to its quote, marked in the archived text on the source's page
            marked = target.read_text(encoding="utf-8")
            assert re.search(rf'<mark id="{anchor}" class="briefing-passage">', marked), href
        # each quote is shown (where an earlier note gives it, its words are kept for the popover)
        assert note.count("</a>: “") + note.count('</a>: <span class="briefing-full">“') == len(hrefs)
    # every claim list item on a generated page carries a footnote mark (a chart's legend is no claim)
    timeline = _html(site, edition + "timeline/index.html")
    body = re.sub(r"<figure .*?</figure>", "", timeline.split('<div class="footnote"')[0], flags=re.DOTALL)
    items = re.findall(r"<li>(.*?)</li>", body, re.DOTALL)
    assert items and all('class="footnote-ref"' in i for i in items)


def test_no_request_would_leave_the_machine(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if "rel=\"canonical\"" in tag or 'rel="alternate"' in tag:
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_index_has_accent_folded_fields(site: Path, edition: str):
    index = json.loads((site / edition / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"folded", "folded_title"} <= set(index["config"]["fields"])
    folded = " ".join(d.get("folded", "") + " " + d.get("folded_title", "") for d in index["docs"])
    assert "Chavez" in folded.split() and "Jeri" in folded.split()
    for doc in index["docs"]:
        for word in doc.get("folded", "").split():
            assert word == fold(word), word
    docs = {d["location"]: d for d in index["docs"]}
    article_xii = docs["legal/caracas-convention-1954/#caracas-art-12"]
    # the title's accented words, folded ("Artículo" -> "Articulo", "garantías" -> "garantias"), and the
    # article's number in words a reader types ("article 12", "artículo 12")
    accented = {fold(w) for w in re.findall(r"\w+", article_xii["title"]) if fold(w) != w}
    assert ("Articulo" in accented) == (edition == "es/")
    assert set(article_xii["folded_title"].split()) == accented | {"12", "article", "artículo", "articulo"}
    assert "Caracas" in article_xii["folded"].split()  # found by its treaty's name: "Caracas article 12"


def test_no_archivists_note_is_indexed(site: Path):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "[STORED COPY ENDS HERE]" in (ROOT / "seeds/legal/caracas-convention-1954-es-arts-el-universo-2003.txt"
                                         ).read_text(encoding="utf-8")
    assert "STORED COPY" not in text
    # "[...]" stays only where a description of the archive names it, in quotes
    assert text.count("[...]") == text.count('"[...]"') > 0


def test_the_search_shards_hold_the_final_index(site: Path):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    manifest = json.loads((site / "search/manifest.json").read_text(encoding="utf-8"))
    assert manifest["config"] == index["config"] and manifest["documents"] == len(index["docs"])
    pages = [json.loads((site / f"search/pages/{n}.json").read_text(encoding="utf-8"))
             for n in range(len(manifest["pages"]))]
    assert [d for page in pages for d in page] == index["docs"]  # folded, in the index's order
    assert len(list((site / "search/terms").iterdir())) == len(manifest["terms"])


def test_a_tampered_quote_fails_the_build_and_keeps_the_site(built: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(built, project)
    before = snapshot(project / "site")
    facts = project / "facts" / "briefing.yaml"
    text = facts.read_text(encoding="utf-8")
    tampered = text.replace("63 votes in favor", "73 votes in favor", 1)
    assert tampered != text
    write_files(project, {"facts/briefing.yaml": tampered})
    result = cli("--project", str(project), "build")
    assert result.returncode == 1
    line_no = next(i for i, ln in enumerate(tampered.splitlines(), 1) if "73 votes in favor" in ln)
    assert re.match(rf"facts/briefing\.yaml:{line_no}:\d+: error: quote not found", result.stderr)
    assert snapshot(project / "site") == before


def test_fact_text_is_shown_as_text_not_run(tmp_path: Path):
    project = copy_project(ROOT / "tests/fixtures/mini", tmp_path / "mini")
    evil = '</title><script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:x) {{ 7*7 }} **bold**'
    people = (project / "facts/people.yaml").read_text().replace("name: Ana Pérez", f"name: '{evil}'")
    write_files(project, {"facts/people.yaml": people})
    assert cli("--project", str(project), "build").returncode == 0
    html = (project / "site/people/ana-perez/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert 'href="javascript:x"' not in html and "<strong>bold</strong>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "**bold**" in html and "[link](javascript:x)" in html


SEARCH_INDEX_BUDGET = 500_000
"""Bytes: the whole search index. No page loads it (a query fetches its shards, publish/shards.py); at this
size every page holding a query's words fits one query's budget, so results are the whole index's."""


def test_a_word_folded_counts_as_often_as_it_is_written(tmp_path: Path):
    """Typed without accents, a word ranks a page as it does with them: its folded copies keep their count
    (Spanish pages write many accented words: 'asilo diplomatico' finds the glossary first)."""
    from briefing.publish.search import fold_search_index

    index = tmp_path / "search_index.json"
    text = "asilo diplomático, asilo diplomático y más asilo diplomático"
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "g/", "title": "Glosario: Perú y Perú",
                                                          "text": text}]}), encoding="utf-8")
    fold_search_index(index)
    [doc] = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert doc["folded"].split() == ["diplomatico", "diplomatico", "mas", "diplomatico"]
    assert doc["folded_title"] == "Peru"  # a title's words are few: once is enough


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_indexes_the_story_not_the_printouts_or_page_furniture(site: Path, edition: str):
    raw = (site / edition / "search/search_index.json").read_bytes()
    assert len(raw) < SEARCH_INDEX_BUDGET, len(raw)
    docs = json.loads(raw)["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert not {loc for loc in locations if loc.startswith(("print/", "brief/", "reference/"))}
    assert {"", "timeline/", "glossary/", "sources/peru-cuts-ties/"} <= locations
    for doc in docs:
        assert "↩" not in doc["text"] and not re.search(r"<sup>\d", doc["text"]), doc["location"]  # no notes, no marks
        assert f"{said(edition, 'Field')} {said(edition, 'Value')}" not in doc["text"], doc["location"]
        if doc["location"].startswith("sources/") and doc["location"] != "sources/":
            assert "seeds/" not in doc["text"] and said(edition, "Outlet") not in doc["text"], doc["location"]
        assert not doc["location"].endswith(("#where-this-briefing-cites-it", "#about-this-source")), doc["location"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_source_page_is_found_by_its_own_words(site: Path, edition: str):
    index = json.loads((site / edition / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    for page in (site / edition / "sources").iterdir():
        if not (page / "index.html").is_file() or page.name == "parts":
            continue
        text = docs[f"sources/{page.name}/"]["text"]
        # the page's text in the index is its perspective, if any, and its archived text: no description
        assert said(edition, "Not known") not in text and said(edition, "The archived text") not in text, page.name
        first = search(r'<div class="briefing-archived" id="archived-text">\s*<p>(.*?)</p>',
                       (page / "index.html").read_text(encoding="utf-8"), re.DOTALL).group(1)
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", first)).split()[:8])
        assert words in " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()), page.name


def _notes(page: Path) -> list[tuple[str, str]]:
    """(cited source id, the quote's text) for each quote the footnotes of a page give (a paragraph each: a
    note gives every quote of its sentence; a source's own page links './#q-…')."""
    found = [item for note in re.findall(r'<li id="fn:\d+">(.*?)</li>', page.read_text(encoding="utf-8"), re.DOTALL)
             for item in re.findall(r"<p>(.*?)</p>", note, re.DOTALL)]
    here = page.parent.name if page.parent.parent.name == "sources" else ""
    return [((m.group(1) if (m := re.search(r'sources/([a-z0-9-]+)/', item)) else here),
             " ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).replace("↩", "").split())) for item in found]


def test_the_spanish_edition_quotes_each_source_in_its_own_words(site: Path):
    """An English report's words stay English on the Spanish pages, with this briefing's translation beside
    them, marked as ours; a Spanish copy of the Convention is quoted as it is, with nothing beside it."""
    languages = {s["id"]: s["language"] for s in json.loads(_html(site, "briefing.json"))["sources"]}
    assert set(languages.values()) == {"en", "es"}
    ours = said("es/", "(our translation: “{words}”)").split("{words}")[0]
    assert ours.strip() and ours != said("", "(our translation: “{words}”)").split("{words}")[0]
    translated = {"en": 0, "es": 0}
    for spanish in sorted((site / "es").rglob("index.html")):
        english = site / spanish.relative_to(site / "es")
        notes, english_notes = _notes(spanish), _notes(english)
        # the same notes (a page sorted by its Spanish words, the glossary, may give them in another order)
        assert sorted(sid for sid, _text in notes) == sorted(sid for sid, _text in english_notes), spanish
        assert not any(ours in text for _sid, text in english_notes)  # the English edition adds no translation
        english_text = "\n".join(text for _sid, text in english_notes)
        for sid, text in notes:
            if languages[sid] == "es":
                assert ours not in text, (spanish, text)
                continue
            if ours not in text:
                continue
            translated["en"] += 1
            quoted = text.split(ours)[0].strip()
            assert quoted.endswith("”") and ": “" in quoted, text
            # the source's own words, as the English edition shows them
            assert quoted.split(": “", 1)[1] in english_text, (spanish, quoted)
        translated["es"] += sum(1 for sid, _text in notes if languages[sid] == "es")
    assert translated["en"] > 300 and translated["es"] > 20, translated


class _Words(HTMLParser):
    """The words of a page's main content (<article>), without quotations (blockquote, q, a source's archived
    text, the notes, which give the sources' own words) and code."""

    SKIP = frozenset({"blockquote", "q", "code", "pre", "script", "style", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article = 0
        self.skipping: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.article += 1
        if self.skipping or tag in self.SKIP or {"briefing-archived", "footnote"} & set(classes):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag == "article":
            self.article -= 1

    def handle_data(self, data: str) -> None:
        if self.article and not self.skipping:
            self.words.append(data)


def _words(page: Path) -> str:
    """A page's main content, without what stands between quotation marks (a source's words in a table of
    differences, a phrase a hand-written page quotes)."""
    parser = _Words()
    parser.feed(page.read_text(encoding="utf-8"))
    text = " ".join(parser.words)
    return " ".join(re.sub(r'“[^”]*”|"[^"]*"|«[^»]*»', " ", text).split())


def _english_messages() -> list[str]:
    """The catalog's messages of two words or more, cut at their placeholders, Markdown and quotation marks,
    that the Spanish catalog words otherwise: a message without placeholders, the words a message opens with
    ('According to'), and any other piece of three words or more. The values of the facts' closed lists
    (render.VALUE_WORDS: 'news report') are left out: a source's archived copy says them in its own header."""
    from babel.messages.pofile import read_po
    from test_catalog import forms

    from briefing.pages.render import VALUE_WORDS

    with (ROOT / "briefing/locale/es/LC_MESSAGES/messages.po").open("rb") as po:
        catalog = read_po(po)
    pieces: set[str] = set()
    for m in catalog:
        if not m.id or forms(m.id)[0] in VALUE_WORDS:
            continue
        english, spanish = forms(m.id), " ".join(forms(m.string))
        for text in english:
            for n, piece in enumerate(re.split(r"\{\w+\}|\*\*|%d|[“”\"()]", text)):
                piece = piece.strip(" .,:;")
                words = len(piece.split())
                if (words >= 3 or (words == 2 and n == 0)) and piece not in spanish:
                    pieces.add(piece)
    return sorted(pieces)


def test_the_spanish_pages_show_no_english_words_of_the_generator(site: Path):
    """Every heading, label and sentence the generator writes comes from the catalog in the edition's language:
    none of the catalog's English messages is on a Spanish page, outside the sources' own words. (The editors'
    reference page, made from the model's English docstrings, is for editors, as `check`'s messages are.)"""
    messages = _english_messages()
    assert len(messages) > 200 and "According to" in messages and "What happened" in messages
    found: dict[str, list[str]] = {}
    pages = [p for p in sorted((site / "es").rglob("index.html")) if p.parent.name not in ("reference", "search")]
    assert len(pages) > 60
    for page in pages:
        text = _words(page)
        for message in messages:
            if re.search(rf"(?<![\w']){re.escape(message)}(?![\w'])", text):
                found.setdefault(message, []).append(page.relative_to(site).as_posix())
    assert found == {}, {m: pages[:3] for m, pages in found.items()}
    english = _words(site / "index.html")  # the same words are there on the English pages
    assert "What happened" in english and "According to" in english


def test_the_served_stylesheet_drops_only_its_comments():
    """Readers download the stylesheet without the maintainers' comments (round fifteen's page weight); every rule
    stays, and no rule holds '/*' inside a string, where removing a comment would cut it."""
    from briefing.site import THEME, served_css

    source = (THEME / "briefing.css").read_text(encoding="utf-8")
    served = served_css(source.encode()).decode()
    assert "/*" not in served and "*/" not in served
    assert len(served) < 0.8 * len(source)
    rules = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    assert " ".join(served.split()) == " ".join(rules.split())  # the same rules, only comments gone
    strings = re.findall(r"\"[^\"]*\"|'[^']*'", rules)
    assert not any("/*" in s or "*/" in s for s in strings)
