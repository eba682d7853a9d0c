"""Small briefings for the relationship view and the wording of sides, made from the mini fixture: with no
sides, with its two, and with three. Each adds a third state, a person of it and two events, so that every
kind of relation is there: a state acting on two sides at once, two opposing sides acting in one event
(never 'together'), a person speaking about an act, and a person's role in an institution; with three,
the third side takes a position on the contended point. Each builds strictly (golden: tests/golden_sides)."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import MINI, copy_project

# Each text with its Spanish, as the mini has (its two editions build strictly).
CLAIM = [{"text": "The meeting took place in Lima.", "es": "La reunión tuvo lugar en Lima.",
          "cite": [{"source": "article", "quote": "Ministers Meet in Lima", "es": "Los ministros se reúnen en Lima"}]}]

THIRD = [
    {"id": "thirdland", "name": "Thirdland", "es": "Thirdland", "kind": "state", "claims": CLAIM},
    {"id": "third-office", "name": "Office of the Mediator of Thirdland", "kind": "ministry", "country": "thirdland",
     "es": "Oficina del Mediador de Thirdland", "claims": CLAIM},
]
PEOPLE = [
    {"id": "bo-li", "name": "Bo Li", "country": "thirdland", "claims": CLAIM,
     "roles": [{"title": "Mediator", "es": "Mediador", "org": "third-office", "cite": CLAIM[0]["cite"]}]},
]
EVENTS = [
    {"id": "mediation", "date": "2025-11-10", "date_basis": "the mediator gives the date",
     "title": "Thirdland offers to mediate", "claims": CLAIM,
     "es": {"title": "Thirdland ofrece mediar", "date_basis": "el mediador da la fecha"},
     "who": {"acted": ["thirdland", "bo-li"], "acted_on": ["testland", "otherland"], "spoke": ["ana-perez"]}},
    {"id": "joint-statement", "date": "2025-11-12", "date_basis": "the statement gives the date",
     "title": "Otherland and Thirdland issue statements", "claims": CLAIM,
     "es": {"title": "Otherland y Thirdland emiten declaraciones", "date_basis": "la declaración da la fecha"},
     "who": {"acted": ["otherland", "thirdland", "third-office"], "acted_on": ["ministry"]}},
]
THIRD_POSITION = {"holder": "third-office", "argues": "thirdland", "claims": CLAIM}
"""With three sides, the third side's position on the mini's one contended point."""


class _Plain(yaml.SafeDumper):
    """Writes a value used twice out in full: facts refuse YAML's &anchors and *aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _drop_argues(data: object) -> None:
    if isinstance(data, dict):
        data.pop("argues", None)
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            _drop_argues(item)


def sides_project(dest: Path, sides: list[str]) -> Path:
    """The mini briefing with Thirdland, its mediator and two events; `sides` as the briefing's sides."""
    project = copy_project(MINI, dest)
    facts = project / "facts"
    for stem, extra in (("institutions", THIRD), ("people", PEOPLE), ("events", EVENTS)):
        path = facts / f"{stem}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.dump([*data, *extra], Dumper=_Plain, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    path = facts / "briefing.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sides"] = sides
    if "thirdland" in sides:
        data["exchanges"][0]["positions"].append(THIRD_POSITION)
    if not sides:  # no sides: no statement argues one
        _drop_argues(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


SIDES = {"none": [], "two": ["testland", "otherland"], "three": ["testland", "otherland", "thirdland"]}
