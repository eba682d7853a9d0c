"""Whose voice a claim is in, as the page must say it: the attribution is data, never dropped.

A claim `said_by` people or institutions is theirs ("According to Hugo de Zela: ..."); a claim in an
outlet's voice is the outlet's ("According to La Jornada: ..."); a claim that is this briefing's own
reading says so. Only a claim in the voice of fact is stated plainly. Pages (render.Page.claim) and
exports (CSV, iCalendar, JSON-LD, tooltips) both build their text from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.lists import format_list

from briefing.facts.model import Claim, Institution, Person, Source
from briefing.i18n import N_, _, current
from briefing.text import format_date

if TYPE_CHECKING:
    from briefing.facts.graph import Graph

READING = N_("This briefing's reading")
"""How a page labels a claim that is the briefing's own reading (in the edition's language: `_(READING)`)."""


def voices(claim: Claim, graph: Graph) -> list[str]:
    """The ids the claim is attributed to: its speakers, or the sources of an outlet's line; [] for fact."""
    if claim.said_by:
        return list(claim.said_by)
    if claim.voice == "outlet":
        return list(dict.fromkeys(c.source for c in claim.cite))
    return []


def voice_name(rid: str, graph: Graph) -> str:
    """How an attribution names a speaker or a source (a source by its short name, else its outlet or title;
    an institution by its name as a sentence uses it, `in_text`)."""
    rec = graph.get(rid)
    if isinstance(rec, Source):
        return rec.short or (rec.outlet if rec.outlet != "unknown" else rec.title)
    assert isinstance(rec, Person | Institution), rid
    return (rec.in_text if isinstance(rec, Institution) else None) or rec.name


def joined(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C', as the edition's language lists names (Babel)."""
    return format_list(names, locale=current().locale)


def plain(claim: Claim, graph: Graph) -> str:
    """The claim as plain text with its attribution (and, if superseded, when), for exports and tooltips."""
    if claim.voice == "reading" and not claim.said_by:
        said = _("{reading}: {text}").format(reading=_(READING), text=claim.text)
    else:
        names = [voice_name(rid, graph) for rid in voices(claim, graph)]
        said = _("According to {names}: {text}").format(names=joined(names), text=claim.text) if names else claim.text
    if claim.superseded_by:  # an export must not state an outdated claim as current
        later = graph.get_as(claim.superseded_by, Claim)
        said += " " + _("(superseded on {date})").format(date=format_date(later.as_of or ""))
    return said
