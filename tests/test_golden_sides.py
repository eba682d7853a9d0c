"""The pages whose words depend on how many sides the story has, for briefings with none, two and three
(sides_fixtures.py): the home page (its case), the brief, the relationship view, the people and the
institutions grouped by side, the timeline's marks of whose move each event was, and the printout.

After an intended change to the output, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_sides.py
and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sides_fixtures import SIDES, sides_project
from test_golden import SITE_URL, update_golden

from briefing.facts.validate import load_graph
from briefing.site import build_site

GOLDEN = Path(__file__).parent / "golden_sides"
PAGES = ("index.md", "brief.md", "relations.md", "people/index.md", "institutions/index.md", "timeline.md", "print.md")


@pytest.mark.parametrize("name", list(SIDES))
def test_each_number_of_sides_builds_to_its_golden_pages(name: str, tmp_path: Path):
    project = sides_project(tmp_path / name, SIDES[name])
    graph = load_graph(project / "facts", project / "seeds", display_root=project, strict=True)
    site = build_site(graph, SITE_URL)
    built = {path: site.pages[path] for path in PAGES}
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        changed = update_golden(built, golden)
        pytest.fail(f"golden files rewritten ({len(changed)} changed: {', '.join(changed) or 'none'}); review "
                    f"`git diff {golden.relative_to(Path(__file__).parent.parent)}`, then run the tests again")
    committed = {p.relative_to(golden).as_posix(): p.read_text(encoding="utf-8") for p in golden.rglob("*.md")}
    assert sorted(committed) == sorted(PAGES)
    for path in PAGES:
        assert built[path] == committed[path], f"{path} differs from {golden.name}/{path}"


def test_the_golden_pages_word_each_number_of_sides_as_it_is():
    home = {name: (GOLDEN / name / "index.md").read_text(encoding="utf-8") for name in SIDES}
    assert "## Positions, point by point" in home["none"] and "side" not in home["none"]
    assert "the other side's answers" in home["two"] and "the other sides' answers" not in home["two"]
    assert "the other sides' answers" in home["three"]
    three = home["three"].split("## Each side's case", 1)[1].split("\n## ", 1)[0]
    assert all(f"**[{name}](" in three for name in ("Ministry of Foreign Affairs", "Otherland",
                                                   "Office of the Mediator of Thirdland"))
    relations = {name: (GOLDEN / name / "relations.md").read_text(encoding="utf-8") for name in SIDES}
    heads = {name: [h for h in text.split('<p class="rm-head">')[1:] if h.startswith(("Testland", "Otherland",
                                                                                      "Thirdland", "Others"))]
             for name, text in relations.items()}
    # the cast is grouped by the state each name belongs to, never called a side (acting for a side is the
    # timeline's rule: sides.acts_for)
    assert [h.split("</p>")[0] for h in heads["three"]] == ["Testland", "Otherland", "Thirdland"]
    assert not [h for name in SIDES for h in heads[name] if "side" in h.split("</p>")[0]]
