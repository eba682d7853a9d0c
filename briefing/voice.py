"""Whose voice a claim is in, as the page must say it: the attribution is data, never dropped.

A claim `said_by` people or institutions is theirs ("According to Hugo de Zela: ..."); a claim in an
outlet's voice is the outlet's ("According to La Jornada: ..."); a claim that is this briefing's own
reading says so. Only a claim in the voice of fact is stated plainly. Pages (render.Page.claim) and
exports (CSV, iCalendar, JSON-LD, tooltips) both build their text from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Claim
from .text import format_date

if TYPE_CHECKING:
    from .graph import Graph

READING = "This briefing's reading"


def voices(claim: Claim, graph: Graph) -> list[str]:
    """The ids the claim is attributed to: its speakers, or the sources of an outlet's line; [] for fact."""
    if claim.said_by:
        return list(claim.said_by)
    if claim.voice == "outlet":
        return list(dict.fromkeys(c.source for c in claim.cite))
    return []


def voice_name(rid: str, graph: Graph) -> str:
    """How an attribution names a speaker or a source (a source by its short name, else its outlet or title)."""
    rec = graph.get(rid)
    if graph.kind(rid) == "source":
        return str(rec.short or (rec.outlet if rec.outlet != "unknown" else rec.title))
    return str(rec.name)


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def plain(claim: Claim, graph: Graph) -> str:
    """The claim as plain text with its attribution (and, if superseded, when), for exports and tooltips."""
    if claim.voice == "reading" and not claim.said_by:
        said = f"{READING}: {claim.text}"
    else:
        names = [voice_name(rid, graph) for rid in voices(claim, graph)]
        said = f"According to {joined(names)}: {claim.text}" if names else claim.text
    if claim.superseded_by:  # an export must not state an outdated claim as current
        later = graph.get(claim.superseded_by)
        said += f" (superseded on {format_date(later.as_of or '')})"
    return said
