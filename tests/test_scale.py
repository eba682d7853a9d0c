"""Behaviour at scale: the timeline splits by year, pages stay readable, rebuilds reuse work."""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path
from typing import Literal

from mkdocs.config import load_config

from briefing.facts.kinds import DISCREPANCY, EVENT, INSTITUTION, INSTRUMENT, PERSON, QUESTION, SOURCE
from briefing.facts.validate import load_graph
from briefing.pages import builders as pages_module
from briefing.pages import plan as plan_module
from briefing.pages.builders import plan
from briefing.pages.plan import LIST_BUDGETS, TIMELINE_BUDGET, part_path
from briefing.site import build_site

from conftest import ROOT, briefing_plugin, cli

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

MAX_PAGE_BYTES = 500 * 1024


def test_timeline_splits_by_year_beyond_the_budget(tmp_path: Path):
    project = tmp_path / "big"
    generate(project, scale=0.2, counts={"events": TIMELINE_BUDGET + 50})
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    pages = build_site(graph).pages
    years = sorted({e.date[:4] for e in graph.of(EVENT)})
    assert len(years) > 1
    assert sorted(p for p in pages if p.startswith("timeline/")) == [f"timeline/{y}.md" for y in years]
    for year in years:  # the index links every year page, and each year page holds its events
        assert f"[{year}](timeline/{year}.md)" in pages["timeline.md"]
        in_year = [e for e in graph.of(EVENT) if e.date.startswith(year)]
        assert all(f"{{ #{e.id} }}" in pages[f"timeline/{year}.md"] for e in in_year)
        # a year's page folds nothing; its charts (a background and a close-up, or one) keep its entries' order
        page = pages[f"timeline/{year}.md"]
        assert "<details" not in page
        rows = [rid for svg in re.findall(r'<svg class="bc-narrow".*?</svg>', page, re.DOTALL)
                for rid in dict.fromkeys(re.findall(r'href="#([\w-]+)"', svg))]
        assert rows == re.findall(r"\{ #([\w-]+) \}", page)
    assert "#### " not in pages["timeline.md"]
    # links to an event from other pages go to its year page
    event = graph.of(EVENT)[0]
    actor = event.who.acted[0]
    actor_page = next(p for p in pages if p.endswith(f"/{actor}.md"))
    assert f"../timeline/{event.date[:4]}.md#{event.id})" in pages[actor_page]

    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: every link and anchor resolved
    site = project / "site"
    assert (site / "timeline" / years[0] / "index.html").is_file()
    # each year page carries the JSON-LD of its own events; the index of years carries none
    assert 'type="application/ld+json"' not in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    year_page = (site / "timeline" / years[0] / "index.html").read_text(encoding="utf-8")
    first = next(e for e in graph.events_by_date if e.date.startswith(years[0]))
    assert f'timeline/{years[0]}/#{first.id}"' in year_page
    biggest = max((p.stat().st_size, p.name) for p in site.rglob("*.html"))
    assert biggest[0] <= MAX_PAGE_BYTES, biggest


def test_small_timeline_stays_one_page(tmp_path: Path):
    project = tmp_path / "small"
    generate(project, scale=0.2, counts={"events": TIMELINE_BUDGET})
    pages = build_site(load_graph(project / "facts", project / "seeds", display_root=project)).pages
    assert not any(p.startswith("timeline/") for p in pages)
    assert len(re.findall(r"^#### ", pages["timeline.md"], re.MULTILINE)) == TIMELINE_BUDGET


def _on_config(project: Path, command: Literal["build", "gh-deploy", "serve"] | None = None):
    """One rebuild as `mkdocs serve` does it: the config loaded afresh, the plugin's on_config."""
    config = load_config(str(project / "mkdocs.yml"))
    instance = briefing_plugin(config)
    if command:
        instance.on_startup(command=command, dirty=False)
    instance.on_config(config)
    return instance


def test_unchanged_inputs_are_not_rendered_again(mini: Path):
    first = _on_config(mini, command="serve")
    builder = first.builder
    assert builder.renders == 1
    second = _on_config(mini)  # MkDocs keeps the plugin (it has on_startup): the builder stays
    assert second is first and second.builder is builder
    assert builder.renders == 1 and builder.reuses == 1
    site = second.site
    # the rendered Markdown itself is reused, not rendered again
    assert site.pages["timeline.md"] is next(iter(builder.last[2].values())).pages["timeline.md"]

    events = mini / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Ministers meet", "Ministers met"), encoding="utf-8")
    third = _on_config(mini)
    assert builder.renders == 2
    assert third.site is not site
    assert "Ministers met" in third.site.pages["timeline.md"]

    (mini / "seeds" / "article.txt").write_text(
        (mini / "seeds" / "article.txt").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _on_config(mini)
    assert builder.renders == 3  # a seed counts as input too


def test_long_lists_split_into_parts(tmp_path: Path, monkeypatch):
    # The budgets are a few hundred entries; the splitting is the same with budgets of 5, and fast.
    budget = 5
    for index in LIST_BUDGETS:
        monkeypatch.setitem(LIST_BUDGETS, index, budget)
    monkeypatch.setattr(pages_module, "HOME_QUESTIONS", 3)
    project = tmp_path / "lists"
    generate(project, scale=0.05, counts={kind: budget + 1 for kind in (
        "people", "institutions", "sources", "legal", "questions", "discrepancies")})
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    pages_ = build_site(graph).pages
    for index, records in (("questions.md", graph.of(QUESTION)), ("differences.md", graph.of(DISCREPANCY)),
                           ("people/index.md", graph.of(PERSON)), ("institutions/index.md", graph.of(INSTITUTION)),
                           ("sources/index.md", graph.of(SOURCE)), ("legal/index.md", graph.of(INSTRUMENT))):
        parts = [part_path(index, 1), part_path(index, 2)]
        assert part_path(index, 3) not in pages_
        for part in parts:  # the index links each part, and each part links back to the index
            assert f"]({posixpath.relpath(part, posixpath.dirname(index) or '.')})" in pages_[index], (index, part)
            assert f"]({posixpath.relpath(index, posixpath.dirname(part))})." in pages_[part]
        # every record is listed in exactly one part, none on the index itself
        for rec in records:
            assert _mark(index, rec.id) not in pages_[index]
            assert sum(_mark(part, rec.id) in pages_[part] for part in parts) == 1
    # links to a question or a discrepancy go to the part that holds it
    question, discrepancy = graph.of(QUESTION)[-1], graph.of(DISCREPANCY)[0]
    holder = next(p for p, text in pages_.items() if f"#{question.id})" in text)
    assert f"{posixpath.relpath('questions/2.md', posixpath.dirname(holder) or '.')}#{question.id})" in pages_[holder]
    holder = next(p for p, text in pages_.items() if f"#{discrepancy.id})" in text)
    link = posixpath.relpath("differences/1.md", posixpath.dirname(holder) or ".")
    assert f"{link}#{discrepancy.id})" in pages_[holder]

    # the home page names the first open questions and counts the rest
    open_questions = [q for q in graph.of(QUESTION) if q.status == "open"]
    assert f"- and {len(open_questions) - 3} more in [Open questions](questions.md)" in pages_["index.md"]
    # a part's edit button opens the same facts file as its index
    specs = plan(graph).specs
    assert specs["questions/2.md"].source == ("facts/questions.yaml", 1)
    assert specs["people/parts/1.md"].source == ("facts/people.yaml", 1)

    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: every link and anchor resolved
    site = project / "site"
    assert (site / "questions" / "2" / "index.html").is_file()
    assert (site / "people" / "parts" / "1" / "index.html").is_file()
    biggest = max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    assert biggest[0] <= MAX_PAGE_BYTES, biggest


def _mark(page: str, rid: str) -> str:
    """How a list page shows a record: its anchor (questions, differences) or a link to its own page."""
    if page.startswith(("questions", "differences")):
        return f"{{ #{rid} }}"
    record_page = f"{page.split('/')[0]}/{rid}.md"
    return f"]({posixpath.relpath(record_page, posixpath.dirname(page))})"


def test_a_crowded_year_splits_by_month(tmp_path: Path, monkeypatch):
    # The budget is 100 events a page; the split is the same with 10, and fast (the page sizes at the
    # real budget are checked by test_timeline_splits_by_year_beyond_the_budget).
    monkeypatch.setattr(plan_module, "TIMELINE_BUDGET", 10)
    project = tmp_path / "crowded"
    generate(project, scale=0.05, counts={"events": 30})
    events = project / "facts" / "events.yaml"  # every event in 2024, so that one year is over the budget
    events.write_text(re.sub(r'date: "\d{4}', 'date: "2024', events.read_text(encoding="utf-8")), encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    pages = build_site(graph).pages
    months = sorted({e.date[:7] for e in graph.of(EVENT) if len(e.date) > 4})
    assert sorted(p for p in pages if p.startswith("timeline/")) == sorted(["timeline/2024.md"] + [
        f"timeline/{m}.md" for m in months])
    assert "[2024](timeline/2024.md)" in pages["timeline.md"]
    for e in graph.of(EVENT):  # each event on exactly one page: its month's, or the year's when dated by year only
        home = f"timeline/{e.date[:7]}.md" if len(e.date) > 4 else "timeline/2024.md"
        assert [p for p in pages if p.startswith("timeline") and f"{{ #{e.id} }}" in pages[p]] == [home]
    assert all(f"]({m}.md)" in pages["timeline/2024.md"] for m in months)
    event = next(e for e in graph.of(EVENT) if len(e.date) > 4)
    actor_page = next(p for p in pages if p.endswith(f"/{event.who.acted[0]}.md"))
    assert f"../timeline/{event.date[:7]}.md#{event.id})" in pages[actor_page]

    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # strict: every link to a month page and its anchors resolved
