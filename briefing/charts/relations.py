"""Who is connected, as the facts state it: typed, directed relations and the side each record is on.

A relation is a claim the site makes, so each comes from data: a person's or institution's `country`
(belongs to), a person's roles (holds a role in), and the participants' roles in an event (acted on,
acted together with, spoke about an act of). Sides come from `briefing.sides` and each record's
`country`. Nothing is inferred from two names appearing in the same event, and two records on
opposing sides, or in an event whose facts say they acted as opponents, are never said to have acted together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from briefing.charts.relmap import SIDE_STYLES, Group, Item
from briefing.facts import sides
from briefing.facts.graph import Graph
from briefing.facts.kinds import INSTITUTION, PERSON
from briefing.facts.model import Event, Institution
from briefing.facts.model import in_story as model_in_story
from briefing.i18n import N_, _

BELONGS = N_("belongs to")
ROLE = N_("holds a role in")
HELD = N_("held a role in")
REPORTED = N_("was last reported holding a role in")
ACTED_ON = N_("acted on")
TOGETHER = N_("acted together with")
SPOKE = N_("spoke about an act of")
RELATION_LABELS = (BELONGS, ROLE, REPORTED, HELD, ACTED_ON, TOGETHER, SPOKE)
"""Every relation the charts can show. Event relations come from the participants' roles only:
who acted -> who it was done to ('acted on'); two who acted in the same event ('acted together
with', never two opponents: `opposed`); who spoke about it -> who acted."""

_SURER = (ROLE, REPORTED, HELD)
"""A person's roles in one institution make one relation: a current role says 'holds', else one the sources
leave open (`Role.last_reported`) says 'was last reported holding', else 'held'."""

Relation = tuple[str, str, str, list[str]]
"""(from id, relation, to id, ids of the events it comes from)."""


def in_story(graph: Graph, rid: str) -> bool:
    """False for a person or institution the sources only mention (model.in_story, the one rule)."""
    return model_in_story(graph.get(rid))


def side_of(graph: Graph, rid: str) -> str | None:
    """The side (a state in briefing.sides) a record is on: the state itself, or its country; else None."""
    return sides.side_of(graph.get(rid), graph.briefing)


def opponents(graph: Graph, a: str, b: str) -> bool:
    """Whether the facts put a and b on different sides of the dispute."""
    sa, sb = side_of(graph, a), side_of(graph, b)
    return sa is not None and sb is not None and sa != sb


def _memberships(graph: Graph) -> list[Relation]:
    out: list[Relation] = []
    for p in graph.of(PERSON):
        if not in_story(graph, p.id):
            continue
        if p.country and in_story(graph, p.country):
            out.append((p.id, BELONGS, p.country, []))
        held: dict[str, str] = {}  # org -> the surest thing its roles say: holds, last reported, held
        for r in p.roles:
            if r.org:
                as_of = graph.briefing.as_of
                label = REPORTED if r.uncertain(as_of) else HELD if r.over(as_of) else ROLE
                held[r.org] = min(held.get(r.org, HELD), label, key=_SURER.index)
        out.extend((p.id, label, org, []) for org, label in held.items()
                   if org != p.country and in_story(graph, org))  # a mentioned-only institution stays off the map
    out.extend((inst.id, BELONGS, inst.country, []) for inst in graph.of(INSTITUTION)
               if inst.country and inst.country != inst.id and in_story(graph, inst.id)
               and in_story(graph, inst.country))
    return out


def opposed(graph: Graph, event: Event, a: str, b: str) -> bool:
    """Whether two who both acted in an event did so as opponents: on different sides of the dispute, or in an
    event whose facts say its actors were opponents (`Event.opponents`: Colombia and Peru signing the Act of
    Lima, after which Colombia brought its case against Peru)."""
    return event.opponents or opponents(graph, a, b)


def relations(graph: Graph) -> list[Relation]:
    """Every relation the facts state, in a stable order: memberships, then event relations by label (ids and
    labels only: worked out once for every edition, Graph.derived)."""
    return list(graph.derived("relations", _relations))


def _relations(graph: Graph) -> list[Relation]:
    by_event: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for e in graph.events_by_date:
        acted = [a for a in dict.fromkeys(e.who.acted) if in_story(graph, a)]
        for a in acted:
            for b in dict.fromkeys(e.who.acted_on):
                if in_story(graph, b) and a != b:
                    by_event[(a, ACTED_ON, b)].append(e.id)
        for a, b in combinations(acted, 2):
            if not opposed(graph, e, a, b):  # opponents acting in one event did not act together
                by_event[(min(a, b), TOGETHER, max(a, b))].append(e.id)
        for s in dict.fromkeys(e.who.spoke):
            for a in acted:
                if in_story(graph, s) and s != a:
                    by_event[(s, SPOKE, a)].append(e.id)
    order = {label: i for i, label in enumerate(RELATION_LABELS)}
    ranked = sorted(by_event.items(), key=lambda item: (order[item[0][1]], item[0]))
    return _memberships(graph) + [(a, label, b, events) for (a, label, b), events in ranked]


def apart(graph: Graph) -> list[tuple[str, str, str]]:
    """(event, a, b) for two who both acted in one event as opponents (`opposed`: Peru and Mexico signing one
    statement): `relations` says no 'acted together' of them, so the view says why it draws nothing between
    them instead of leaving the joint act out without a word."""
    out: list[tuple[str, str, str]] = []
    for e in graph.events_by_date:
        acted = [a for a in dict.fromkeys(e.who.acted) if in_story(graph, a)]
        out.extend((e.id, a, b) for a, b in combinations(acted, 2) if opposed(graph, e, a, b))
    return out


def kind(graph: Graph, rid: str) -> str:
    """'person', 'state' or 'institution': how a chart draws the record."""
    if graph.kind(rid) == "person":
        return "person"
    return "state" if graph.get_as(rid, Institution).kind == "state" else "institution"


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
    """The state under whose name the cast puts a record: its side when the briefing names sides, else
    the state itself or its country; None (the others) for a state the sources only mention."""
    if graph.briefing.sides:
        return side_of(graph, rid)
    home = rid if kind(graph, rid) == "state" else getattr(graph.get(rid), "country", None)
    return home if home is not None and in_story(graph, home) else None


def side_index(graph: Graph, rid: str) -> int | None:
    """The position of a record's side in briefing.sides, when that side has a mark of its own."""
    side = side_of(graph, rid)
    n = graph.briefing.sides.index(side) if side is not None else None
    return n if n is not None and n < SIDE_STYLES else None


def item(graph: Graph, name: Callable[[str], str], rid: str) -> Item:
    """A record as the view shows it: name, kind and the mark of its side."""
    return Item(rid, name(rid), kind(graph, rid), side_index(graph, rid))


def groups(graph: Graph, name: Callable[[str], str], ids: list[str]) -> list[Group]:
    """The cast: the records by the state they belong to, each under the state's name: the sides' states in
    briefing.sides' order, then everyone else ('Others'). Belonging to a state is not acting for it (a
    Peruvian professor acts for no side: sides.acts_for, the timeline's rule), so no group is called a
    side. A briefing without sides groups by each record's state (its country), largest group first.
    Within a group: the state, then each institution followed by the people whose first role is in it,
    then the other people, by name."""
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
        title = _("Others") if home is None else name(home)
        clusters = _clusters(graph, name, members, by_state=home is None)
        side = named.index(home) if home in named else None
        out.append(Group(title, [item(graph, name, r) for c in clusters for r in c], home,
                         side if side is not None and side < SIDE_STYLES else None))
    return out
