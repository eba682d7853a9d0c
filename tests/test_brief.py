"""The two-page brief: headline, what happened, each side's case, key figures, open questions, the
as-of date and the site's address; out of search; bounded whatever the briefing's size."""

from __future__ import annotations

import re
from typing import Any

import yaml

from briefing.facts.kinds import QUESTION
from briefing.facts.validate import load_graph
from briefing.i18n import _, speaking
from briefing.pages.builders import (
    BRIEF_CLAIMS,
    BRIEF_EXCHANGES,
    BRIEF_FIGURES,
    BRIEF_FLOOR,
    BRIEF_PATH,
    BRIEF_QUESTIONS,
    BRIEF_WORDS,
    brief_words,
    plan,
)
from briefing.site import build_site
from briefing.text import format_date

from conftest import MINI, ROOT, copy_project, write_files

SITE_URL = "https://example.github.io/mini/"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # facts may not hold YAML aliases
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def test_the_brief_holds_the_story_and_names_the_site():
    graph = load_graph(MINI / "facts", MINI / "seeds", display_root=MINI)
    site = build_site(graph, SITE_URL)
    spec = site.specs[BRIEF_PATH]
    assert not spec.search and not spec.anchors and spec.notes_by_source
    page = site.pages[BRIEF_PATH]
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n\n# Ministers meet { .briefing-brief }\n")
    assert f"The story as of **{format_date(graph.briefing.as_of)}**" in page
    assert f"[{SITE_URL.replace(':', chr(92) + ':').replace('.', chr(92) + '.')}]({SITE_URL})" in page
    for heading in ("## What happened", "## Each side's case", "## Key figures", "## Open questions", "## Sources"):
        assert heading in page, heading
    assert "Ana Pérez said the talks went well\\.[^1]" in page
    assert "**Did the talks go well?**" in page and "- **Otherland:** The talks did not go well" in page
    for q in graph.of(QUESTION):  # the open ones
        assert (f"- {q.question}" in page) == (q.status == "open"), q.question
    assert "- Resumption: **12 March 2026**" in page and "**March**" not in page  # a superseded figure stays off
    # each sentence's note names its sources, each once, without quotes (the site shows them)
    notes = [ln for ln in page.splitlines() if ln.startswith("[^")]
    assert notes[:2] == ["[^1]: [Ministers Meet in Lima](sources/article.md)",
                         "[^2]: [Example Daily, November 2025](sources/reply.md)"]  # short name and date
    sets = []
    for ln in notes:
        note = re.fullmatch(r"\[\^\d+\]: (\[[^\]]+\]\(sources/[a-z0-9-]+\.md\)(?:; |$))+", ln)
        assert note is not None, ln
        cited = re.findall(r"\(sources/([a-z0-9-]+)\.md\)", ln)
        assert len(cited) == len(set(cited)), ln
        sets.append(frozenset(cited))
    assert len(sets) == len(set(sets))  # the same sources are one note
    nav_titles = [title for item in site.nav([]) for title in item]
    assert nav_titles[:2] == ["Home", "Short version"]  # first class: the nav's second entry


def test_the_brief_stays_short_when_the_briefing_grows(tmp_path):
    project = copy_project(MINI, tmp_path / "mini")
    briefing = yaml.safe_load((project / "facts/briefing.yaml").read_text(encoding="utf-8"))
    cite = [{"source": "article", "quote": "would resume in March"}]
    briefing["key_figures"] = [{"label": f"Figure {n}", "value": str(n),
                                "cite": cite} for n in range(BRIEF_FIGURES + 3)]
    exchange = briefing["exchanges"][0]
    for position in exchange["positions"]:
        position["claims"] = position["claims"] * 4
    briefing["exchanges"] = [{**exchange, "topic": f"Point {n}"} for n in range(BRIEF_EXCHANGES + 2)]
    questions = yaml.safe_load((project / "facts/questions.yaml").read_text(encoding="utf-8"))
    questions = [{**questions[0], "id": f"q{n}", "question": f"Question {n}?", "related": []}
                 for n in range(BRIEF_QUESTIONS + 5)]
    write_files(project, {"facts/briefing.yaml": _dump(briefing), "facts/questions.yaml": _dump(questions)})
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    page = build_site(graph, SITE_URL).pages[BRIEF_PATH]
    assert len(re.findall(r"^- Figure \d+: \*\*", page,
                          re.MULTILINE)) == BRIEF_FIGURES and "- *and 3 more on the site*" in page
    assert page.count("**Point ") == BRIEF_EXCHANGES and ", and 2 more points the sides contend.*" in page
    assert page.count("The talks went well") == BRIEF_EXCHANGES * BRIEF_CLAIMS  # each position: its first claims only
    assert page.count("- Question ") == BRIEF_QUESTIONS and "- *and 5 more on the site*" in page
    assert plan(graph).specs[BRIEF_PATH].search is False


def test_each_language_has_its_word_budget():
    """The same story takes more words in Spanish: its brief holds fewer open questions, within its own budget
    (builders.BRIEF_WORDS), and says how many more the site holds; the English brief holds them all."""
    graph = load_graph(ROOT / "facts", ROOT / "seeds", display_root=ROOT)
    open_questions = [q for q in graph.of(QUESTION) if q.status == "open"]
    held = {}
    for code in ("en", "es"):
        site = build_site(graph, SITE_URL, language=code)
        spec = site.specs[BRIEF_PATH]
        context: dict[str, Any] = dict(spec.context)
        questions, figures = context["questions"], context["figures"]
        held[code] = len(questions)
        assert context["more_questions"] == len(open_questions) - len(questions)
        with speaking(code):
            words = brief_words(context["summary"], context["exchanges"], figures, questions, site.plan.graph)
            more = _("and {n} more on the site").format(n=context["more_questions"])
        assert words <= BRIEF_WORDS[code], (code, words)
        assert f"- *{more}*" in site.pages[BRIEF_PATH]
    assert held["en"] == min(BRIEF_QUESTIONS, len(open_questions))
    assert BRIEF_FLOOR <= held["es"] < held["en"]
