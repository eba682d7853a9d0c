"""People and Institutions in the navigation open index pages grouped by side, from the facts alone:
the briefing's `sides` and each record's `country`; records only mentioned stay off them."""

from __future__ import annotations

import re

import yaml

from briefing.facts import sides
from briefing.facts.model import Briefing
from briefing.facts.validate import load_graph
from briefing.site import build_site

from conftest import MINI, copy_project, write_files


def _headings(page: str) -> list[str]:
    return [h.split(" { ")[0] for h in re.findall(r"^## (.+)$", page, re.MULTILINE)]


def test_a_state_is_on_its_own_side_and_others_on_their_country_s(graph):
    b = graph.briefing
    assert b.sides == ["testland", "otherland"]
    assert sides.side_of(graph.get("testland"), b) == "testland"
    assert sides.side_of(graph.get("otherland"), b) == "otherland"
    assert sides.side_of(graph.get("ministry"), b) == "testland"  # country: testland
    assert sides.side_of(graph.get("ana-perez"), b) == "testland"


def test_without_sides_there_is_one_group(graph):
    b = Briefing.model_validate({**graph.briefing.model_dump(), "sides": []})
    records = [graph.get("otherland"), graph.get("ministry")]
    assert sides.by_side(records, b) == [(None, records)]


def test_the_navigation_opens_the_index_pages_not_every_record(site):
    nav = site.nav(["about.md"])
    entries = {title: value for item in nav for title, value in item.items()}
    assert entries["People"] == "people/index.md"
    assert entries["Institutions and states"] == "institutions/index.md"
    assert entries["Sources"] == "sources/index.md"  # long titles: the index lists them
    assert "people/ana-perez.md" in site.pages and "institutions/ministry.md" in site.pages  # pages still made


def test_the_index_pages_group_by_side_in_the_briefing_s_order(site):
    people = site.pages["people/index.md"]
    assert _headings(people) == ["Testland"]  # Jan Doe is only mentioned: not listed, no "Others"
    assert "Jan Doe" not in people
    institutions = site.pages["institutions/index.md"]
    assert _headings(institutions) == ["Testland", "Otherland"]
    testland = institutions.split("## Testland")[1].split("## Otherland")[0]
    rows = re.findall(r"^- \*\*\[([^\]]+)\]", testland, re.MULTILINE)
    assert rows == ["Testland", "Ministry of Foreign Affairs"]  # the state first, then its institutions


def test_everyone_on_neither_side_is_listed_after_the_sides_with_their_state(tmp_path):
    project = copy_project(MINI, tmp_path / "mini")
    people = yaml.safe_load((project / "facts/people.yaml").read_text(encoding="utf-8"))
    people.append({"id": "ola-nordmann", "name": "Ola Nordmann", "country": "otherland",
                   "claims": [{"text": "Ola Nordmann wrote.", "cite": [{"source": "reply", "quote": "By Jan Doe"}]}]})
    people.append({"id": "zed-zero", "name": "Zed Zero",
                   "claims": [{"text": "Zed Zero wrote.", "cite": [{"source": "reply", "quote": "By Jan Doe"}]}]})
    write_files(project, {"facts/people.yaml": yaml.safe_dump(people, allow_unicode=True, sort_keys=False)})
    site = build_site(load_graph(project / "facts", project / "seeds", display_root=project))
    page = site.pages["people/index.md"]
    assert _headings(page) == ["Testland", "Otherland", "Others"]
    others = page.split("## Others")[1]
    assert "- **[Zed Zero](zed-zero.md)**: Zed Zero wrote\\." in others  # no state to name
    assert "[Ola Nordmann]" in page.split("## Otherland")[1].split("## Others")[0]


def test_a_part_of_the_site_with_nothing_in_it_has_no_page_no_nav_entry_and_no_link(tmp_path):
    """The new briefing's example without its event: people and a source only, so no timeline, relations,
    institutions, legal texts, questions, differences or glossary, and no heading over nothing."""
    from briefing.editor.example import Start, facts

    write_files(tmp_path, {**facts(Start()), "facts/events.yaml": "[]\n"})
    site = build_site(load_graph(tmp_path / "facts", tmp_path / "seeds", display_root=tmp_path))
    titles = [next(iter(item)) for item in site.nav([])]
    assert titles == ["Home", "Short version", "People", "The whole brief (print)", "Sources", "About this briefing"]
    assert sorted(p for p in site.pages if p.count("/") < 2 and "/example" not in p) == \
        ["brief.md", "index.md", "people/index.md", "print.md", "reference.md", "sources/index.md"]
    home = site.pages["index.md"]
    assert _headings(home) == ["What happened", "In this briefing", "Download the data"]
    listed = home.split("## In this briefing")[1].split("##")[0].strip().splitlines()
    assert listed == ["- [People](people/index.md) (1)",
                      "- [Sources](sources/index.md): 1 archived text, each with every claim that cites it"]
    for path, page in site.pages.items():  # every link to a page goes to one that is there
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        for target in re.findall(r"\]\(([^)#:]+\.md)", page):
            resolved = "/".join(p for p in f"{folder}/{target}".split("/") if p)
            while "/../" in f"/{resolved}":
                resolved = re.sub(r"(^|/)[^/]+/\.\./", r"\1", resolved, count=1)
            assert resolved in site.pages, f"{path} links to {target}"
    printed = set(_headings(site.pages["print.md"].replace("### ", "## ")))
    assert not {"Timeline", "Institutions and states", "Legal basis", "Questions", "Where sources differ"} & printed
