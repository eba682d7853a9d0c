"""Balance as data: how much of each part of the site argues each side's case, counted from the facts.

A statement is counted for the side whose case it makes (`argues` on a position or a claim: by what it
argues, not by who says it), never by the speaker's nationality. Each part is measured in entries (a
position, or a claim of the lead and the at-a-glance box) and words: "Each side's case" on the home
page, the lead and the box, and the two-page brief. The method page states the figures, and a test
keeps the smallest side's share at least two thirds of the largest's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefing.facts.model import Briefing, Claim, Exchange
from briefing.i18n import _

FAIR = 2 / 3
"""The smallest side's words must be at least this share of the largest side's."""


@dataclass
class Part:
    """One part of the site: each side's entries and words."""

    name: str
    entries: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)

    def count(self, side: str | None, claims: Iterable[Claim]) -> None:
        if side is None:
            return
        self.entries[side] = self.entries.get(side, 0) + 1
        self.words[side] = self.words.get(side, 0) + sum(len(c.text.split()) for c in claims)

    def ratio(self) -> float:
        """The smallest side's words over the largest's (1.0 when no side has any, or one side only counts)."""
        counted = list(self.words.values())
        return min(counted) / max(counted) if len(counted) > 1 and max(counted) else 1.0


def _exchanges(name: str, sides: list[str], exchanges: Iterable[Exchange], first_claims: int | None) -> Part:
    part = Part(name, dict.fromkeys(sides, 0), dict.fromkeys(sides, 0))
    for x in exchanges:
        for pos in x.positions:
            claims = [c for c in pos.claims if not c.superseded_by]
            part.count(pos.argues, claims[:first_claims] if first_claims is not None else claims)
    return part


def home_case(b: Briefing) -> Part:
    """'Each side's case' on the home page: every position in full."""
    return _exchanges(_("Each side's case (home page)"), b.sides, b.exchanges, None)


def lead_and_box(b: Briefing) -> Part:
    """The lead and the at-a-glance box; plain reports of what happened argue no side."""
    part = Part(_("The lead and the at-a-glance box (home page)"), dict.fromkeys(b.sides, 0), dict.fromkeys(b.sides, 0))
    glance = [] if b.glance is None else [*b.glance.what, *b.glance.who, *b.glance.now, *b.glance.next]
    for claim in [*b.lead, *glance]:
        part.count(claim.argues, [claim])
    return part


def brief_case(b: Briefing, exchanges: list[Exchange], first_claims: int) -> Part:
    """The brief's 'Each side's case': the exchanges it holds, each position in its first claims."""
    return _exchanges(_("Each side's case (the short version)"), b.sides, exchanges, first_claims)


def brief_exchanges(b: Briefing, room: int, first_claims: int) -> list[Exchange]:
    """The exchanges the brief holds, at most `room`: whole exchanges only (a charge keeps its answer), the
    first ones in the facts' order, then, while the sides' words in them are out of balance (see FAIR),
    the next exchange that narrows the gap takes the place of the last one."""
    chosen = list(b.exchanges[:room])
    rest = list(b.exchanges[room:])
    while rest and brief_case(b, chosen, first_claims).ratio() < FAIR:
        best = max(rest, key=lambda x: brief_case(b, [*chosen[:-1], x], first_claims).ratio())
        if brief_case(b, [*chosen[:-1], best], first_claims).ratio() <= brief_case(b, chosen, first_claims).ratio():
            break
        rest.remove(best)
        rest.insert(0, chosen[-1])
        chosen[-1] = best
    return chosen
