"""What changed, as readers get it: the page, the Atom feed (checked against RFC 4287 with a real
XML parser), each page's last change and the sitemap's lastmod, in the real MkDocs build of the
mini fixture with its scripted history; a copy without .git; the same commit, the same bytes;
edits not yet committed and new commits under `make serve`."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from history_script import commit_all, make_history
from mkdocs.config import load_config

from briefing.facts.validate import load_graph
from briefing.history.read import read_history
from briefing.pages import changes
from briefing.pages.builders import plan
from briefing.pages.render import render_page
from briefing.plugin import Builder
from briefing.site import build_site
from briefing.text import format_date

from conftest import briefing_plugin, cli, find, snapshot

SITE_URL = "https://example.github.io/mini/"
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def scripted(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history") / "mini")


@pytest.fixture(scope="module")
def built(scripted: Path) -> Path:
    result = cli("--project", str(scripted), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: every link and anchor on the new pages resolves
    return scripted / "site"


def _plan(project: Path, **kwargs):
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    return plan(graph, read_history(project / "facts", project / "seeds", **kwargs))


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def check_atom(text: str | None, site_url: str) -> ET.Element:
    """An Atom 1.0 feed as RFC 4287 requires it (sections 4.1.1 to 4.2.15): one id, title and
    updated per feed and per entry, an author for the feed, dates in RFC 3339, an alternate link
    for every entry without content, ids unique and absolute, links absolute from the site."""
    assert text is not None, "no feed (changes.feed makes none when there are no changes)"
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"

    def one(parent: ET.Element, tag: str) -> str:
        found = parent.findall(f"{A}{tag}")
        assert len(found) == 1, (tag, len(found))
        assert found[0].text and found[0].text.strip(), tag
        return found[0].text

    for tag in ("id", "title", "updated"):
        one(root, tag)
    assert root.findall(f"{A}author/{A}name"), "a feed needs an author when its entries have none"
    selfs = [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selfs] == [site_url + "changes.xml"]
    ids = [one(root, "id")]
    for entry in root.findall(f"{A}entry"):
        ids.append(one(entry, "id"))
        one(entry, "title")
        assert RFC3339.match(one(entry, "updated"))
        assert entry.find(f"{A}content") is None
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href", "").startswith(site_url)
    assert RFC3339.match(one(root, "updated"))
    assert len(set(ids)) == len(ids) and all(re.match(r"^(urn:uuid:[0-9a-f-]{36}|https?://)", i) for i in ids)
    return root


def _text(parent: ET.Element, path: str) -> str:
    """The text of the element at path, which the feed must have."""
    text = find(parent, path).text
    assert text is not None, f"{path} in {parent.tag} is empty"
    return text


# -- the page and the feed, from the plan -----------------------------------------------------------

def test_the_page_links_records_that_exist_and_names_removed_ones(scripted: Path):
    site = build_site(_plan(scripted).graph, SITE_URL, read_history(scripted / "facts", scripted / "seeds"))
    page = site.pages["changes.md"]
    day = page.split("## 4 November 2025 { #2025-11-04 }")[1].split("\n## ")[0]
    assert "- Person: [Ana Pérez](people/ana-perez.md) (aliases)\n" in day
    assert "- Source: [Otherland Rejects the Talks](sources/reply.md) (archived text)\n" in day
    assert "**Removed**\n\n- Person: Minister Pérez\n" in day  # no page to link to
    assert page.index("## 12 March 2026") < page.index("## 4 November 2025") < page.index("## 3 November 2025")
    assert "[Atom feed](changes.xml)" in page
    home = site.pages["index.md"]
    assert "[What changed](changes.md)" in home and "[Atom feed](changes.xml)" in home


def test_each_page_says_when_its_records_last_changed(scripted: Path):
    specs = _plan(scripted).specs
    # a page's date is that of the latest change to any record it shows: Ana Pérez's lists the resumption of the
    # talks (12 March 2026), and a source's page lists the records citing it, the lead among them (fact-check 19)
    expected = {"people/ana-perez.md": "2026-03-12", "people/jan-doe.md": "2025-11-03",
                "institutions/ministry.md": "2025-11-04", "sources/reply.md": "2026-03-12",
                "sources/article.md": "2026-03-12", "questions.md": "2026-03-12", "timeline.md": "2026-03-12",
                "index.md": "2026-03-12", "glossary.md": "2025-11-03", "print.md": "2026-03-12"}
    for path, date in expected.items():
        assert specs[path].changed_on == date, path
        assert specs[path].changed == f"The facts on this page last changed on {format_date(date)}."
    assert specs["reference.md"].changed == "" and specs["changes.md"].changed == ""


def test_a_bounded_history_says_where_it_starts(scripted: Path):
    # only the latest 2 commits read (12 March 2026, and the last of 4 November 2025): a page whose
    # records those commits did not touch cannot say when it last changed, and says so
    the_plan = _plan(scripted, max_commits=2)
    specs = the_plan.specs
    assert specs["people/jan-doe.md"].changed == ("The facts on this page have not changed since 4 November 2025 "
                                                  "(the history read starts there).")
    assert specs["people/jan-doe.md"].changed_on == ""
    assert specs["timeline.md"].changed == "The facts on this page last changed on 12 March 2026."
    page = render_page(the_plan.graph, the_plan, specs["changes.md"])
    assert "The latest 2 commits that changed the facts are shown from 4 November 2025 on" in page


def test_the_page_and_the_feed_are_bounded(scripted: Path, monkeypatch):
    monkeypatch.setattr(changes, "PAGE_BUDGET", 7)
    monkeypatch.setattr(changes, "FEED_BUDGET", 3)
    the_plan = _plan(scripted)
    context = changes.page_context(the_plan)
    assert [d["title"] for d in context["days"]] == ["12 March 2026", "4 November 2025"]
    assert sum(len(items) for d in context["days"] for _, items in d["groups"]) == 7
    assert context["days"][-1]["more"] == 2  # of the 4 changes that day, 2 are listed
    assert context["older"] == (21, 1)
    root = check_atom(changes.feed(the_plan, SITE_URL), SITE_URL)
    assert len(root.findall(f"{A}entry")) == 3


def test_the_feed_is_valid_atom_with_absolute_links(scripted: Path):
    the_plan = _plan(scripted)
    text = changes.feed(the_plan, SITE_URL)
    root = check_atom(text, SITE_URL)
    entries = root.findall(f"{A}entry")
    assert len(entries) == 5 + 4 + 21 <= changes.FEED_BUDGET
    titles = [find(e, f"{A}title").text for e in entries]
    assert titles[:2] == ["Added: Talks Resume in Lima", "Changed: Ministers meet (as of, key figures, lead, glance)"]
    removed = next(e for e in entries if find(e, f"{A}title").text == "Removed: Minister Pérez")
    assert find(removed, f"{A}link").get("href") == SITE_URL + "changes/#2025-11-04"
    assert find(root, f"{A}updated").text == "2026-03-12T12:00:00Z"
    dates = [datetime.fromisoformat(_text(e, f"{A}updated")) for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert changes.feed(the_plan, SITE_URL) == text  # the same history, the same bytes


def test_text_from_the_facts_cannot_break_the_feed(scripted: Path, tmp_path: Path):
    project = tmp_path / "p"
    subprocess.run(["git", "clone", "-q", str(scripted), str(project)], check=True)
    people = project / "facts/people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "name: Jan Doe", "name: \"Jan </title><script>x</script> & <Doe>\""), encoding="utf-8")
    commit_all(project, "hostile name", "2026-04-01T09:00:00+00:00")
    root = check_atom(changes.feed(_plan(project), SITE_URL), SITE_URL)
    assert find(root, f"{A}entry/{A}title").text == "Changed: Jan </title><script>x</script> & <Doe> (name)"


# -- the built site ---------------------------------------------------------------------------

def test_every_page_announces_the_feed_and_the_feed_is_published(built: Path):
    # relative, so a copy read anywhere asks nothing of the public address (the 404 page, served at any
    # address, has MkDocs' root-relative ones); each edition announces its own feed
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        rel = page.relative_to(built).as_posix()
        here = SITE_URL + ("" if rel.endswith("404.html") else rel.removesuffix("index.html"))
        edition = "es/" if rel.startswith("es/") else ""
        hrefs = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">',
                           page.read_text(encoding="utf-8"))
        assert [urljoin(here, h) for h in hrefs] == [f"{SITE_URL}{edition}changes.xml"], page
        assert not hrefs[0].startswith("http"), page
    check_atom((built / "changes.xml").read_text(encoding="utf-8"), SITE_URL)
    home = _html(built, "index.html")
    assert 'href="changes/"' in home and 'href="changes.xml"' in home
    assert "The facts on this page last changed on 12 March 2026." in home


def test_the_sitemap_dates_each_page_by_its_last_change(built: Path):
    sitemap = _html(built, "sitemap.xml")
    lastmod = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    assert lastmod[SITE_URL + "people/ana-perez/"] == "2026-03-12"  # it lists the resumption of the talks
    assert lastmod[SITE_URL + "institutions/ministry/"] == "2025-11-04"
    assert lastmod[SITE_URL + "people/jan-doe/"] == "2025-11-03"
    assert lastmod[SITE_URL] == "2026-03-12"
    assert lastmod[SITE_URL + "about/"] == "2026-03-12"  # hand-written: the briefing's as_of, as before


def test_a_copy_without_git_builds_and_says_the_history_is_not_available(scripted: Path, tmp_path: Path):
    project = tmp_path / "downloaded"
    subprocess.run(["git", "clone", "-q", str(scripted), str(project)], check=True)
    subprocess.run(["rm", "-rf", str(project / ".git")], check=True)
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = _html(site, "changes/index.html")
    assert "no git history" in page and "4 November 2025" not in page
    assert not (site / "changes.xml").exists()
    assert "application/atom+xml" not in _html(site, "index.html")
    assert "last changed" not in _html(site, "people/ana-perez/index.html")


def test_the_same_commit_builds_the_same_bytes(scripted: Path, tmp_path: Path):
    clones = [tmp_path / "one", tmp_path / "two" / "deeper"]
    for clone in clones:
        subprocess.run(["git", "clone", "-q", str(scripted), str(clone)], check=True)
        result = cli("--project", str(clone), "build")
        assert result.returncode == 0, result.stderr
    a, b = (snapshot(clone / "site") for clone in clones)
    assert "changes.xml" in a and "changes/index.html" in a
    assert [name for name in a if a[name] != b.get(name)] == [] and sorted(a) == sorted(b)


def test_serving_shows_uncommitted_edits_then_their_commit(scripted: Path, tmp_path: Path):
    project = tmp_path / "p"
    subprocess.run(["git", "clone", "-q", str(scripted), str(project)], check=True)

    builder = Builder(keep_last_good=True)  # one builder across rebuilds, as under `make serve`

    def rebuild():
        config = load_config(str(project / "mkdocs.yml"))
        instance = briefing_plugin(config)
        instance.builder = builder
        instance.on_config(config)
        return instance.site

    rebuild()
    people = project / "facts/people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Jan Doe", "name: Jan Q. Doe"))
    site = rebuild()
    assert builder.renders == 2
    assert "## Not yet committed { #not-yet-committed }" in site.pages["changes.md"]
    assert "*The facts on this page\\: edited, not yet committed" in site.pages["people/jan-doe.md"]
    rebuild()
    assert builder.renders == 2 and builder.reuses == 1  # nothing changed: nothing rendered again
    commit_all(project, "Jan Doe's middle initial", "2026-04-01T09:00:00+00:00")
    site = rebuild()
    assert builder.renders == 3  # the same files, but a new commit: the history changed
    assert "Not yet committed" not in site.pages["changes.md"]
    assert "*The facts on this page last changed on 1 April 2026\\.*" in site.pages["people/jan-doe.md"]


def test_each_edition_publishes_its_own_feed(built: Path):
    english = check_atom(_html(built, "changes.xml"), SITE_URL)
    spanish = check_atom(_html(built, "es/changes.xml"), SITE_URL + "es/")  # every link inside /es/

    def entries(root: ET.Element) -> list[tuple[str, str]]:
        return [(_text(e, f"{A}id"), _text(e, f"{A}title")) for e in root.findall(f"{A}entry")]

    assert len(entries(english)) == len(entries(spanish)) > 5  # the same changes
    assert not {i for i, _ in entries(english)} & {i for i, _ in entries(spanish)}  # each feed's entries its own
    titles = " ".join(t for _, t in entries(spanish))
    # records named as the edition names them
    assert "Las conversaciones se reanudarán" in titles and "Talks to resume" not in titles
    assert _text(spanish, f"{A}title").startswith("Los ministros se reúnen")
    assert "Las conversaciones se reanudarán" not in " ".join(t for _, t in entries(english))
