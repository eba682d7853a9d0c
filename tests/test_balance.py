"""Balance as data: each side's share of what the site writes in its name, counted by the case a
statement makes (`argues`), in each part: the home page's case, the lead and box, the brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.facts.localize import localized
from briefing.facts.model import Briefing, Claim, Exchange, Position
from briefing.facts.validate import load_graph
from briefing.pages import balance
from briefing.pages.builders import BRIEF_CLAIMS, BRIEF_EXCHANGES
from briefing.site import build_site

from conftest import MINI, ROOT, cli, copy_project

CITE = [{"source": "article", "quote": "went well"}]


def _claim(words: int, argues: str | None = None) -> Claim:
    return Claim.model_validate({"text": " ".join(["word"] * words), "cite": CITE, "argues": argues})


def _exchange(*positions: tuple[str, int]) -> Exchange:
    return Exchange.model_validate({"topic": "A point", "positions": [
        Position(holder=side, argues=side, claims=[_claim(n)]) for side, n in positions]})


def _briefing(sides: list[str], exchanges: list[Exchange]) -> Briefing:
    return Briefing.model_validate({"title": "T", "as_of": "2025-11-06", "summary": [_claim(3)], "sides": sides,
                                    "exchanges": exchanges})


@pytest.fixture(scope="module")
def real():
    return load_graph(ROOT / "facts", ROOT / "seeds", display_root=ROOT)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_part_of_the_real_briefing_is_fair_to_every_side(real, language: str):
    b = localized(real, language).briefing  # counted in each edition's own words
    held = balance.brief_exchanges(b, BRIEF_EXCHANGES, BRIEF_CLAIMS)
    parts = [balance.home_case(b), balance.lead_and_box(b), balance.brief_case(b, held, BRIEF_CLAIMS)]
    for part in parts:
        assert set(part.words) == set(b.sides), part.name
        assert all(part.words[s] > 0 and part.entries[s] > 0 for s in b.sides), part
        assert part.ratio() >= balance.FAIR, part
    assert len(held) == BRIEF_EXCHANGES and all(len(x.positions) >= 2 for x in held)  # whole pairs


def test_a_statement_counts_for_the_case_it_makes_not_for_who_says_it(real):
    # Betssy Chávez is Peruvian; her answer (political persecution) argues Mexico's case
    [answer] = [p for x in real.briefing.exchanges for p in x.positions if p.holder == "betssy-chavez"]
    assert answer.argues == "mexico"
    part = balance.Part("x", {}, {})
    part.count(answer.argues, answer.claims)
    assert part.entries == {"mexico": 1}


@pytest.mark.parametrize("sides", [["a", "b"], ["a", "b", "c"]])
def test_the_brief_keeps_whole_exchanges_and_swaps_one_in_to_restore_balance(sides: list[str]):
    # the first exchanges give side a far more words; a later one, for the others, restores the balance
    heavy = [_exchange(("a", 40), (sides[1], 5)) for _ in range(2)]
    fair = _exchange(*((s, 30 if s != "a" else 5) for s in sides))
    b = _briefing(sides, [*heavy, _exchange(("a", 40), (sides[1], 5)), fair])
    held = balance.brief_exchanges(b, 3, 1)
    assert len(held) == 3 and fair in held
    assert balance.brief_case(b, held, 1).ratio() > balance.brief_case(b, b.exchanges[:3], 1).ratio()


def test_with_no_sides_nothing_is_counted():
    b = _briefing([], [Exchange.model_validate({"topic": "A point", "positions": [
        {"holder": "x", "claims": [_claim(3)]}, {"holder": "y", "claims": [_claim(3)]}]})])
    assert balance.home_case(b).words == {} and balance.home_case(b).ratio() == 1.0


def test_the_method_page_states_the_measured_balance(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "mini")
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "method.md").write_text("# Method\n\n<!-- balance -->\n", encoding="utf-8")
    (project / "docs" / "method.es.md").write_text("# Método\n\n<!-- balance -->\n", encoding="utf-8")
    assert cli("--project", str(project), "build").returncode == 0
    html = (project / "site" / "method" / "index.html").read_text(encoding="utf-8")
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    table = build_site(graph).balance()
    assert "<!-- balance -->" not in html and "Each side’s case (home page)" in html.replace("'", "’")
    assert "Testland" in table and "Otherland" in table and "words" in html
    spanish = (project / "site" / "es" / "method" / "index.html").read_text(encoding="utf-8")
    assert "<!-- balance -->" not in spanish and "Testland" in spanish  # the Spanish page measures it too
