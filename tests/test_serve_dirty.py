"""Under `build.py serve` a rebuild renders only the pages an edit changed (publish/rewrite.py), and what
it serves is what a full build of the same facts makes: every page that shows the edited words shows
the new ones, in both editions, with the same navigation and the same search entries, in the index and
in the shards a reader's search fetches (publish/shards.py)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
from pathlib import Path

import pytest
from test_serve import _fetch, _until, previewing

from briefing.cli import PREVIEW_NOTE, _mkdocs_logging

from conftest import cli, snapshot


def _article(html: str) -> str:
    """What a page shows that the generator made: its title, the article, the navigation's labels."""
    article = html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
    labels = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    return "\n".join([title.group(1) if title else "", article, *labels])


def test_a_rebuild_renders_what_changed_and_serves_what_a_full_build_makes(mini: Path, tmp_path: Path):
    with previewing(mini) as preview:
        lines, url = preview.lines, preview.url
        assert "Ministers meet" in _fetch(url + "timeline/")
        mark = len(lines)
        events = mini / "facts" / "events.yaml"
        text = events.read_text(encoding="utf-8").replace("title: Ministers meet", "title: Ministers convene")
        events.write_text(text.replace("Los ministros se reúnen", "Los ministros se congregan"), encoding="utf-8")
        _until(lambda: "Ministers convene" in _fetch(url + "timeline/")
               and "Los ministros se congregan" in _fetch(url + "es/timeline/"), "the edit to be served")
        _until(lambda: sum("Reloading browsers" in ln for ln in lines[mark:]) >= 1, "the reload")
        rebuilt = "".join(lines[mark:])
        said = "".join(lines)  # MkDocs' alarming warning about dirty builds, replaced by one calm note
        assert "dirty" not in said and "inaccurate" not in said, said
        assert said.count(PREVIEW_NOTE) == 1, said
        counts = [(int(a), int(b)) for a, b in re.findall(r"pages: (\d+) rendered, (\d+) unchanged kept", rebuilt)]
        assert len(counts) == 2, rebuilt  # one line per edition
        assert all(kept > 0 and rendered > 0 for rendered, kept in counts), counts  # partial, not whole

        # a full build of the same facts, read page by page beside the served one
        full = tmp_path / "full"
        shutil_copy = subprocess.run(["cp", "-r", str(mini), str(full)], check=True)
        assert shutil_copy.returncode == 0
        assert cli("--project", str(full), "build").returncode == 0
        site = full / "site"
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
        assert len(pages) > 40 and any(p.startswith("es/") for p in pages)
        showing = 0
        for page in pages:
            built = (site / page).read_text(encoding="utf-8")
            served = _fetch(url + page.removesuffix("index.html")).replace(url, "https://example.github.io/mini/")
            assert _article(served) == _article(built), page
            showing += "Ministers convene" in built or "Los ministros se congregan" in built
        assert showing >= 4  # the timeline, the people and sources that name the event, in both editions
        for edition in ("", "es/"):  # the search entries of the pages kept are still there
            built_index = json.loads((site / edition / "search/search_index.json").read_text(encoding="utf-8"))
            served_index = json.loads(_fetch(url + edition + "search/search_index.json"))
            # every page's entries, in a full build's order (the shards number the pages by it)
            locations = [[d["location"] for d in index["docs"]] for index in (served_index, built_index)]
            assert locations[0] == locations[1]
            # the shards readers fetch are cut from that final index: every entry, the edited title too
            manifest = json.loads(_fetch(url + edition + "search/manifest.json"))
            shards = [d for n in range(len(manifest["pages"]))
                      for d in json.loads(_fetch(f"{url}{edition}search/pages/{n}.json"))]
            assert [d["location"] for d in shards] == locations[1]
            # ... and they are a full build's, byte for byte: the manifest names its content
            assert manifest == json.loads((site / edition / "search/manifest.json").read_text(encoding="utf-8"))
            edited = "Ministers convene" if edition == "" else "Los ministros se congregan"
            assert any(edited in d["title"] for d in shards if d["location"].startswith("timeline/"))


def test_a_new_title_names_every_served_page_when_the_site_is_named_from_it(mini: Path):
    """A briefing whose mkdocs.yml leaves site_name to the facts (as `new` writes it): an edit to the title
    renames the site on every page, the pages serve kept included (each page's <title> ends with the site's)."""
    config = mini / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_name: .*$", 'site_name: ""', config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    pages = ["", "people/", "people/ana-perez/", "sources/", "timeline/", "es/people/ana-perez/"]
    with previewing(mini) as preview:
        url = preview.url
        assert "Ministers meet</title>" in _fetch(url + "people/ana-perez/")
        facts = mini / "facts" / "briefing.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("title: Ministers meet", "title: Ministers convene"),
                         encoding="utf-8")
        _until(lambda: all("Ministers convene</title>" in _fetch(url + page) for page in pages[:5]),
               "every page to carry the new name")
        assert "Ministers meet</title>" not in _fetch(url + "es/people/ana-perez/")  # the site's name is one


def test_the_dirty_build_warning_is_one_calm_note(capsys):
    """MkDocs warns at each dirty rebuild, once per edition, that navigation and links will likely be wrong;
    an editor previewing sees instead one note that says what a preview rebuild does and that nothing is wrong."""
    _mkdocs_logging(True)
    log = logging.getLogger("mkdocs.commands.build")
    for _ in range(4):  # two rebuilds of two editions
        log.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other"
                    " links within your site. This option is designed for site development purposes only.")
    log.warning("Some other warning")
    said = capsys.readouterr().err
    assert said.splitlines() == [f"INFO: {PREVIEW_NOTE}", "WARNING: Some other warning"]
    assert "nothing is wrong" in PREVIEW_NOTE and "make site" in PREVIEW_NOTE


EDITS = {
    "a fact most pages do not show": ("facts/people.yaml", "Jan Doe wrote the article", "Jan Doe wrote the piece"),
    "a hand-written page's title (every page's navigation)": ("docs/about.md", "# About", "# About us"),
    "mkdocs.yml (every page's theme)": ("mkdocs.yml", "  font: false", "  font: false\n  features: [navigation.top]"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_serves_a_full_builds_site_byte_for_byte(mini: Path, tmp_path: Path, edit: str):
    """A rebuild after an edit most pages do not show (the home page's and a hand-written one's among them)
    keeps those pages, and what it serves is a full build's, every file byte for byte: the kept pages' search
    entries (the home page's address is '' in the index, './' for its file), the shards, each page's date in
    sitemap.xml; after an edit every page shows (a hand-written page's title, mkdocs.yml), every page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    served, full = tmp_path / "served", tmp_path / "full"

    def building(site: Path, command: str = "") -> None:
        config = load_config(str(mini / "mkdocs.yml"), site_dir=str(site))
        if command:  # else a rebuild: MkDocs keeps the plugins, started once
            config.plugins.on_startup(command="serve" if command == "serve" else "build", dirty=command == "serve")
        build(config, dirty=command != "build")

    building(served, "serve")
    home, about = ((served / page).stat().st_mtime_ns for page in ("index.html", "about/index.html"))
    name, old, new = EDITS[edit]
    edited = mini / name
    assert old in edited.read_text(encoding="utf-8")
    edited.write_text(edited.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    building(served)
    if name.startswith("facts/"):
        assert "wrote the piece" in (served / "people" / "jan-doe" / "index.html").read_text(encoding="utf-8")
        assert (served / "index.html").stat().st_mtime_ns == home  # kept, not written again
        assert (served / "about" / "index.html").stat().st_mtime_ns == about  # a hand-written page too
    building(full, "build")
    for edition in ("", "es/"):
        index = json.loads((served / edition / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert "" in [d["location"] for d in index["docs"]], edition
    files = [snapshot(site) for site in (served, full)]
    differ = sorted(name for name in {*files[0], *files[1]} if files[0].get(name) != files[1].get(name))
    assert files[0] == files[1], differ
