"""Who is connected, as the facts state it: typed, directed relations and the side each record is on.

A relation is a claim the site makes, so each comes from data: a person's or institution's `country`
(belongs to), a person's roles (holds a role in), and the participants' roles in an event (acted on,
acted together with, spoke about an act of). Sides come from `briefing.sides` and each record's
`country`. Nothing is inferred from two names appearing in the same event, and two records on
opposing sides are never said to have acted together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from . import sides
from .graph import Graph
from .relmap import Group, Item, Link

BELONGS = "belongs to"
ROLE = "holds a role in"
ACTED_ON = "acted on"
TOGETHER = "acted together with"
SPOKE = "spoke about an act of"
RELATION_LABELS = (BELONGS, ROLE, ACTED_ON, TOGETHER, SPOKE)
"""Every relation the charts can show. Event relations come from the participants' roles only:
who acted -> who it was done to ('acted on'); two who acted in the same event ('acted together
with', never two from opposing sides); who spoke about it -> who acted."""

Relation = tuple[str, str, str, list[str]]
"""(from id, relation, to id, ids of the events it comes from)."""


def in_story(graph: Graph, rid: str) -> bool:
    """False for a person or institution the sources only mention (a byline, a photo credit)."""
    return getattr(graph.get(rid), "relevance", "story") != "mentioned"


def side_of(graph: Graph, rid: str) -> str | None:
    """The side (a state in briefing.sides) a record is on: the state itself, or its country; else None."""
    return sides.side_of(graph.get(rid), graph.briefing)


def opponents(graph: Graph, a: str, b: str) -> bool:
    """Whether the facts put a and b on different sides of the dispute."""
    sa, sb = side_of(graph, a), side_of(graph, b)
    return sa is not None and sb is not None and sa != sb


def _memberships(graph: Graph) -> list[Relation]:
    out: list[Relation] = []
    for p in graph.of("person"):
        if not in_story(graph, p.id):
            continue
        if p.country and in_story(graph, p.country):
            out.append((p.id, BELONGS, p.country, []))
        for org in dict.fromkeys(r.org for r in p.roles if r.org):
            if org != p.country and in_story(graph, org):  # a mentioned-only institution stays off the map
                out.append((p.id, ROLE, org, []))
    for inst in graph.of("institution"):
        if inst.country and inst.country != inst.id and in_story(graph, inst.id) and in_story(graph, inst.country):
            out.append((inst.id, BELONGS, inst.country, []))
    return out


def relations(graph: Graph) -> list[Relation]:
    """Every relation the facts state, in a stable order: memberships, then event relations by label."""
    by_event: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for e in graph.events_by_date:
        acted = [a for a in dict.fromkeys(e.who.acted) if in_story(graph, a)]
        for a in acted:
            for b in dict.fromkeys(e.who.acted_on):
                if in_story(graph, b) and a != b:
                    by_event[(a, ACTED_ON, b)].append(e.id)
        for a, b in combinations(acted, 2):
            if not opponents(graph, a, b):  # two sides acting in one event did not act together
                by_event[(min(a, b), TOGETHER, max(a, b))].append(e.id)
        for s in dict.fromkeys(e.who.spoke):
            for a in acted:
                if in_story(graph, s) and s != a:
                    by_event[(s, SPOKE, a)].append(e.id)
    order = {label: i for i, label in enumerate(RELATION_LABELS)}
    ranked = sorted(by_event.items(), key=lambda item: (order[item[0][1]], item[0]))
    return _memberships(graph) + [(a, label, b, events) for (a, label, b), events in ranked]


def links(rels: list[Relation]) -> list[Link]:
    """Relations as lines to draw: every one has a direction but 'acted together with'."""
    return [Link(a, label, b, tuple(events), label != TOGETHER) for a, label, b, events in rels]


def kind(graph: Graph, rid: str) -> str:
    """'person', 'state' or 'institution': how a chart draws the record."""
    if graph.kind(rid) == "person":
        return "person"
    return "state" if graph.get(rid).kind == "state" else "institution"


def _clusters(graph: Graph, name: Callable[[str], str], members: list[str], by_state: bool) -> list[list[str]]:
    """Members in clusters that stay together in a column: each institution followed by the people whose
    first role is in it, and with `by_state` (the others' group) each state with what belongs to it;
    by name within each kind."""
    here = set(members)
    by_name = sorted(members, key=lambda r: (name(r).casefold(), r))
    first_role = {p: next((r.org for r in getattr(graph.get(p), "roles", []) if r.org in here), None) for p in by_name}
    placed: set[str] = set()

    def take(rid: str, into: list[str]) -> None:
        if rid in placed:
            return
        placed.add(rid)
        into.append(rid)
        for p in by_name:  # a role in a state is not drawn as a line: only an institution keeps its people
            if first_role[p] == rid and kind(graph, rid) == "institution":
                take(p, into)

    out: list[list[str]] = []
    for k in ("state", "institution", "person"):
        for rid in [r for r in by_name if kind(graph, r) == k and r not in placed]:
            cluster: list[str] = []
            take(rid, cluster)
            if k == "state" and by_state:  # its institutions (each with its people), then its other people
                for member_kind in ("institution", "person"):
                    for m in by_name:
                        if getattr(graph.get(m), "country", None) == rid and kind(graph, m) == member_kind:
                            take(m, cluster)
            out.append(cluster)
    return out


def possessive(name: str) -> str:
    """'Peru' -> "Peru's", 'Honduras' -> "Honduras'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def home_of(graph: Graph, rid: str) -> str | None:
    """The state whose group a record is drawn in: its side when the briefing names sides, else the
    state itself or its country."""
    if graph.briefing.sides:
        return side_of(graph, rid)
    return rid if kind(graph, rid) == "state" else getattr(graph.get(rid), "country", None)


def groups(graph: Graph, name: Callable[[str], str], ids: list[str]) -> list[Group]:
    """The records to draw, by the state they belong to: the sides in briefing.sides' order ("Peru's side",
    pinned left and right), then everyone else ('Others'). A briefing without sides groups by each
    record's state (its country), largest group first."""
    named = graph.briefing.sides
    homes: dict[str | None, list[str]] = {}
    for rid in ids:
        homes.setdefault(home_of(graph, rid), []).append(rid)
    if named:
        order: list[str | None] = [*named, None]
    else:
        states = sorted((h for h in homes if h is not None), key=lambda h: (-len(homes[h]), name(h).casefold(), h))
        order = [*states, None]
    out = []
    for home in order:
        members = homes.get(home, [])
        if not members:
            continue
        if home is None:
            title = "Others"
        else:
            title = possessive(name(home)) + " side" if named else name(home)
        clusters = _clusters(graph, name, members, by_state=home is None)
        column = named.index(home) if home in named[:2] else None
        out.append(Group(title, [[Item(r, name(r), kind(graph, r)) for r in c] for c in clusters], column))
    return out
