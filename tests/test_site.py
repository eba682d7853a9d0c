"""The real MkDocs build of the real facts: every page kind, citations, search, a tampered quote."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from briefing.text import fold

from conftest import ROOT, cli, copy_project, snapshot, write_files


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


def test_every_page_kind_exists(site: Path):
    for page in ["index.html", "timeline/index.html", "people/index.html", "institutions/index.html",
                 "legal/index.html", "questions/index.html", "differences/index.html", "sources/index.html",
                 "about/index.html", "method/index.html", "editing/index.html", "404.html"]:
        assert (site / page).is_file(), page
    for kind in ["people", "institutions", "sources", "legal"]:
        pages = [p for p in (site / kind).iterdir() if (p / "index.html").is_file()]
        assert pages, f"no {kind} pages"


def test_citations_link_to_source_pages_and_show_their_quote(site: Path):
    html = _html(site, "index.html")
    notes = re.findall(r'<li id="fn:\d+">(.*?)</li>', html, re.DOTALL)
    assert notes, "the home page has no citation footnotes"
    for note in notes:
        href = re.search(r'href="([^"]+)"', note).group(1)
        assert href.startswith("sources/"), href
        path, _, anchor = href.partition("#")
        target = (site / path).resolve() / "index.html"
        assert target.is_file(), href
        # the note leads to its quote, marked in the archived text on the source's page
        assert re.search(rf'<mark id="{anchor}" class="briefing-passage">', target.read_text(encoding="utf-8")), href
        assert "“" in note  # the quote is shown
    # every claim list item on a generated page carries a footnote mark (a chart's legend is no claim)
    timeline = _html(site, "timeline/index.html")
    body = re.sub(r"<figure .*?</figure>", "", timeline.split('<div class="footnote">')[0], flags=re.DOTALL)
    items = re.findall(r"<li>(.*?)</li>", body, re.DOTALL)
    assert items and all('class="footnote-ref"' in i for i in items)


def test_no_request_would_leave_the_machine(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if "rel=\"canonical\"" in tag or 'rel="alternate"' in tag:
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"


def test_search_index_has_accent_folded_fields(site: Path):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"folded", "folded_title"} <= set(index["config"]["fields"])
    folded = " ".join(d.get("folded", "") + " " + d.get("folded_title", "") for d in index["docs"])
    assert "Chavez" in folded.split() and "Jeri" in folded.split()
    for doc in index["docs"]:
        for word in doc.get("folded", "").split():
            assert word == fold(word)


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
"""Bytes: the search index loads with every page (Material fetches it at once), so it stays small."""


def test_search_indexes_the_story_not_the_printouts_or_page_furniture(site: Path):
    raw = (site / "search/search_index.json").read_bytes()
    assert len(raw) < SEARCH_INDEX_BUDGET, len(raw)
    docs = json.loads(raw)["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert not {loc for loc in locations if loc.startswith(("print/", "brief/", "reference/"))}
    assert {"", "timeline/", "glossary/", "sources/peru-cuts-ties/"} <= locations
    for doc in docs:
        assert "↩" not in doc["text"] and not re.search(r"<sup>\d", doc["text"]), doc["location"]  # no notes, no marks
        assert "Field Value" not in doc["text"], doc["location"]
        if doc["location"].startswith("sources/") and doc["location"] != "sources/":
            assert "seeds/" not in doc["text"] and "Outlet" not in doc["text"], doc["location"]
        assert not doc["location"].endswith(("#where-this-briefing-cites-it", "#about-this-source")), doc["location"]


def test_a_source_page_is_found_by_its_own_words(site: Path):
    docs = {d["location"]: d for d in json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    for page in (site / "sources").iterdir():
        if not (page / "index.html").is_file() or page.name == "parts":
            continue
        text = docs[f"sources/{page.name}/"]["text"]
        # the page's text in the index is its perspective, if any, and its archived text: no description
        assert "Not known" not in text and "The archived text" not in text, page.name
        first = re.search(r'<div class="briefing-archived" id="archived-text">\s*<p>(.*?)</p>',
                          (page / "index.html").read_text(encoding="utf-8"), re.DOTALL).group(1)
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", first)).split()[:8])
        assert words in " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()), page.name
