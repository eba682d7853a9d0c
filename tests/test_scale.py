"""Behaviour at scale: the timeline splits by year, pages stay readable, rebuilds reuse work."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config import load_config

from briefing import plugin
from briefing.render import TIMELINE_BUDGET, render_pages
from briefing.validate import load_graph
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

MAX_PAGE_BYTES = 500 * 1024


def test_timeline_splits_by_year_beyond_the_budget(tmp_path: Path):
    project = tmp_path / "big"
    generate(project, scale=0.2, counts={"events": TIMELINE_BUDGET + 50})
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    pages = render_pages(graph)
    years = sorted({e.date[:4] for e in graph.events})
    assert len(years) > 1
    assert sorted(p for p in pages if p.startswith("timeline/")) == [f"timeline/{y}.md" for y in years]
    for year in years:  # the index links every year page, and each year page holds its events
        assert f"[{year}](timeline/{year}.md)" in pages["timeline.md"]
        in_year = [e for e in graph.events if e.date.startswith(year)]
        assert all(f"{{ #{e.id} }}" in pages[f"timeline/{year}.md"] for e in in_year)
    assert "#### " not in pages["timeline.md"]
    # links to an event from other pages go to its year page
    event = graph.events[0]
    actor = event.actors[0]
    actor_page = next(p for p in pages if p.endswith(f"/{actor}.md"))
    assert f"../timeline/{event.date[:4]}.md#{event.id})" in pages[actor_page]

    result = run_cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: every link and anchor resolved
    site = project / "site"
    assert (site / "timeline" / years[0] / "index.html").is_file()
    biggest = max((p.stat().st_size, p.name) for p in site.rglob("*.html"))
    assert biggest[0] <= MAX_PAGE_BYTES, biggest


def test_small_timeline_stays_one_page(tmp_path: Path):
    project = tmp_path / "small"
    generate(project, scale=0.2, counts={"events": TIMELINE_BUDGET})
    pages = render_pages(load_graph(project / "facts", project / "seeds", display_root=project))
    assert not any(p.startswith("timeline/") for p in pages)
    assert len(re.findall(r"^#### ", pages["timeline.md"], re.M)) == TIMELINE_BUDGET


def _on_config(project: Path):
    config = load_config(str(project / "mkdocs.yml"))
    instance = config.plugins["briefing"]
    instance.on_config(config)
    return instance


def test_unchanged_inputs_are_not_rendered_again(mini: Path):
    plugin.clear_cache()
    before = plugin.stats["renders"]
    first = _on_config(mini)
    second = _on_config(mini)  # a fresh plugin instance, as `mkdocs serve` makes for each rebuild
    assert plugin.stats["renders"] == before + 1
    assert second.graph is first.graph and second.pages == first.pages
    # the rendered Markdown itself is reused, not rendered again
    assert second.pages["timeline.md"] is first.pages["timeline.md"]

    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Ministers meet", "Ministers met"), encoding="utf-8")
    third = _on_config(mini)
    assert plugin.stats["renders"] == before + 2
    assert third.graph is not first.graph
    assert "Ministers met" in third.pages["timeline.md"]

    (mini / "seeds" / "article.txt").write_text(
        (mini / "seeds" / "article.txt").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _on_config(mini)
    assert plugin.stats["renders"] == before + 3  # a seed counts as input too
