"""What the relationship view shows and in what order: plain data, no HTML.

The view draws no line between two names placed apart, so no line can cross another or pass behind
a name, and none is left without its label. Each relation is a row that reads as a sentence: one
name, the relation as a labelled arrow, the other name ("Peru -- acted on -> Mexico"); the arrow
always points right, from the relation's first name to its second. The rows come in three parts:

- the cast: every name, under the side (or, in a briefing without sides, the state) it belongs to.
  Standing under a state's name says that the record belongs to it (or is it), so that relation is
  not written again as a row;
- the roles and the other memberships (a person's role in an institution, an institution's or a
  person's state where the cast does not already say it), one row each;
- the events, in the one chronological order, each with the relations its participants' roles give;
  a relation that several events give is a row under each of them. Two who both acted in an event from
  opposing sides get no row ('acted together' is never said of opponents): a note under the event says so,
  and the event is listed even when it gives no other row.

`view` builds the relationship page's view; `own_view` one record's connections (no cast: every
relation of the record is a row, its memberships included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SIDE_STYLES = 6
"""How many sides get a mark of their own (a tint and an edge pattern, briefing.css); past this many, a
side's names are told apart only by the cast's groups."""


@dataclass(frozen=True)
class Item:
    """A name to show: its record's id, name and kind ('person', 'institution' or 'state'), and the index
    of its side in the briefing's sides (None: on no side, or past SIDE_STYLES)."""

    id: str
    name: str
    kind: str
    side: int | None = None


@dataclass(frozen=True)
class Group:
    """A titled part of the cast: a side (or a state), or the others."""

    title: str
    items: list[Item]
    state: str | None = None
    """The state its members belong to (or are): standing in this group says so. None: the others."""
    side: int | None = None
    """The side's index in the briefing's sides, when the group is a side."""


@dataclass(frozen=True)
class Row:
    """One relation, once: from a to b (its label), and its index in the relations list."""

    a: str
    label: str
    b: str
    rel: int


@dataclass(frozen=True)
class EventRows:
    """An event and the relations it gives, in the relations' order."""

    event: str
    rows: list[Row]
    apart: list[tuple[str, str]] = field(default_factory=list)
    """Pairs who both acted in it from opposing sides: no relation is drawn between them (relations.TOGETHER is
    never said of opponents), and the view says so under the event, so their joint act is not silently lost."""


@dataclass
class View:
    cast: list[Group] = field(default_factory=list)
    memberships: list[Row] = field(default_factory=list)
    events: list[EventRows] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        """Every row, in the order shown."""
        return self.memberships + [r for e in self.events for r in e.rows]

    def said_by_cast(self) -> set[tuple[str, str]]:
        """(record, state) for each record the cast puts under its state's name."""
        return {(i.id, g.state) for g in self.cast if g.state is not None for i in g.items if i.id != g.state}


Relation = tuple[str, str, str, Sequence[str]]
"""(from id, relation, to id, ids of the events it comes from): relations.Relation."""


Apart = tuple[str, str, str]
"""(event id, a, b): two who both acted in the event from opposing sides (relations.apart)."""


def _rows(numbered: Sequence[tuple[int, Relation]], event_order: Sequence[str], skip: set[tuple[str, str]],
          membership_order: Sequence[str], apart: Sequence[Apart] = ()) -> tuple[list[Row], list[EventRows]]:
    """Rows of (index, relation) pairs: a relation from no event is a membership (unless `skip` holds its
    pair), in `membership_order` of labels; the others are a row under each of their events. An event with
    `apart` pairs is shown with them, rows or not."""
    rank = {label: n for n, label in enumerate(membership_order)}
    members = [Row(a, label, b, n) for n, (a, label, b, events) in numbered if not events and (a, b) not in skip]
    members.sort(key=lambda r: (rank.get(r.label, len(rank)), r.rel))
    by_event: dict[str, list[Row]] = {}
    for n, (a, label, b, events) in numbered:
        for e in dict.fromkeys(events):
            by_event.setdefault(e, []).append(Row(a, label, b, n))
    pairs: dict[str, list[tuple[str, str]]] = {}
    for e, a, b in apart:
        pairs.setdefault(e, []).append((a, b))
        by_event.setdefault(e, [])
    known = [e for e in event_order if e in by_event]
    rest = sorted(set(by_event) - set(known))  # an event outside the order (not expected): last, by id
    return members, [EventRows(e, by_event[e], pairs.get(e, [])) for e in [*known, *rest]]


def view(rels: Sequence[Relation], cast: list[Group], belongs: str, event_order: Sequence[str],
         membership_order: Sequence[str] = (), apart: Sequence[Apart] = ()) -> View:
    """The relationship page's view: the cast, the memberships the cast does not say, the events (and, under
    each, the opponents who both acted in it: `apart`).

    `belongs` is the label of the relation the cast says by grouping; a pair under its state's name is
    left out of the rows only when `rels` holds that relation."""
    out = View(cast=cast)
    said = {(a, b) for a, label, b, _e in rels if label == belongs} & out.said_by_cast()
    out.memberships, out.events = _rows(list(enumerate(rels)), event_order, said, membership_order, apart)
    return out


def own_view(rid: str, rels: Sequence[Relation], event_order: Sequence[str],
             membership_order: Sequence[str] = (), apart: Sequence[Apart] = ()) -> View:
    """One record's connections: its own relations as rows (numbered as in `rels`, so they match the
    relationship page's), its memberships first, then by event, with the opponents it acted beside."""
    out = View()
    mine = [(n, r) for n, r in enumerate(rels) if rid in (r[0], r[2])]
    out.memberships, out.events = _rows(mine, event_order, set(), membership_order,
                                        [p for p in apart if rid in p[1:]])
    return out
