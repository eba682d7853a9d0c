"""A page's citations as footnotes: one mark per cited sentence, its note giving every quote.

While a page renders, `Page.cite` writes a pending mark for each (source, quote) it cites; the
marks a sentence carries stand side by side, a run. When the body is complete, `finish` decides
the notes: a quote that lies within another quote of the same source on the page (compared as the
quote check compares, archive.normalise) is given as that longer quote; each run becomes one mark
whose note gives its quotes (each once, in the run's order, a paragraph each), so a reader taps one target and reads
every source of the sentence; runs that give the same quotes share a note; notes are numbered in
the order the body first refers to them. Each quote names its source as citations.label does
(short name and date where known: 'La Jornada, 4 November 2025') and links to the quoted passage,
marked in the archived text on the source's page. A quote cited by two sentences with different
company is in both notes, as each note's popover shows it alone; in the list of notes a quote is
written out once, in the first note that gives it, and a later note points there ("quoted in note
3") while keeping the words for its popover (briefing.css shows each form in its place).
"""

from __future__ import annotations

import re

from briefing.facts.archive import normalise
from briefing.facts.model import Source
from briefing.i18n import current
from briefing.pages.citations import appended, appended_label, label
from briefing.pages.plan import Plan
from briefing.text import Md, escape_md, md_message, message

PENDING = "cite-"
"""Label prefix of a pending mark (`[^cite-3]`); fact text cannot hold one, since `escape_md` escapes `[` and `^`."""

_MARK = re.compile(r"\[\^cite-(\d+)\]")
_RUN = re.compile(r"(?:\[\^cite-\d+\])+")

Key = tuple[str, str]
"""(source id, quote as written)."""

Item = tuple[str, str]
"""A quote in a note: its source, named and linked to the passage, and what follows (': “the words”')."""


def finish(plan: Plan, here: str, body: str, cited: dict[Key, int], shown: dict[Key, str]) -> tuple[Md, Md]:
    """The body with each run of pending marks written as one numbered mark, and the Markdown of its
    footnotes.

    `shown` holds the quotes the page shows in full (a legal text's provisions), with the record
    they are shown under: a note on a quote within one of them points there instead of repeating it
    (so two quotes within one provision make one item, and notes are told apart by what they say).
    """
    keys = {n: key for key, n in cited.items()}
    runs = [[keys[int(n)] for n in _MARK.findall(run)] for run in _RUN.findall(body)]
    shared = shared_notes(list(dict.fromkeys(key for run in runs for key in run)))
    item = {key: _item(plan, here, key, shown) for key in dict.fromkeys(shared.values())}
    numbers: dict[frozenset[Item], int] = {}
    notes: list[list[Item]] = []
    marks: list[int] = []
    for run in runs:
        items = list(dict.fromkeys(item[shared[key]] for key in run))
        marks.append(numbers.setdefault(frozenset(items), len(numbers) + 1))
        if marks[-1] > len(notes):
            notes.append(items)
    sources_only = not any(quote for _source, quote in item)  # the two-page brief: one line per note
    numbered = iter(marks)
    return (Md(_RUN.sub(lambda _run: f"[^{next(numbered)}]", body)),
            Md("\n".join(_note(n, items, sources_only) for n, items in enumerate(_written(notes), start=1))))


def _item(plan: Plan, here: str, key: Key, shown: dict[Key, str]) -> Item:
    source, quote = key
    record = plan.graph.get_as(source, Source)
    if record.appended and appended(record, plan.graph.archives.get(source), quote):
        name = escape_md(appended_label(record))
    else:
        known = plan.labels.get(source)
        name = known if known is not None else plan.labels.setdefault(source, escape_md(label(record)))
    return (f"[{name}]({plan.passage(source, quote, here)})",
            _what(plan, here, source, quote, shown))


def _written(notes: list[list[Item]]) -> list[list[str]]:
    """Each note's items as Markdown: a quote an earlier note gives in full is, in the list of notes, a
    pointer to that note; its words stay beside the pointer, shown in the popover only (briefing.css)."""
    first: dict[Item, int] = {}
    out = []
    for number, items in enumerate(notes, start=1):
        written = []
        for name, what in items:
            again = first.setdefault((name, what), number)
            if again == number or not what.startswith(": “"):
                written.append(name + what)
            else:
                where = md_message("quoted in note {note}", note=Md(f"[{again}](#fn:{again})"))
                written.append(f'{name}: <span class="briefing-full">{what[2:]}</span>'
                               f'<span class="briefing-where">{where}</span>')
        out.append(written)
    return out


def _note(number: int, items: list[str], sources_only: bool) -> str:
    """One footnote: a paragraph per quote (the link back to the text ends the last; a list would take a
    line more per note and indent every quote), or, sources alone, one line."""
    if len(items) == 1:
        return f"[^{number}]: {items[0]}"
    if sources_only:
        return f"[^{number}]: {'; '.join(items)}"
    return f"[^{number}]: " + "\n\n".join(("    " if i else "") + item for i, item in enumerate(items))


def _what(plan: Plan, here: str, source: str, quote: str, shown: dict[Key, str]) -> str:
    """What a note says after naming its source: the quote, or where the page shows it in full."""
    if not quote:
        return ""
    needle = normalise(quote)
    for (where_source, words), rid in shown.items():
        if where_source == source and needle == normalise(words):
            return ": " + message("the words quoted in full under {record}").format(
                record=Md(f"[{escape_md(plan.short_name(rid))}]({plan.link(rid, here)})"))
    for (where_source, words), rid in shown.items():
        if where_source == source and needle in normalise(words):
            # a part of a quotation the page shows: the note gives the part it cites, so a reader sees the
            # words that support the sentence, not the whole quotation's heading
            return f": “{escape_md(quote)}” " + message("(within the words quoted under {record})").format(
                record=Md(f"[{escape_md(plan.short_name(rid))}]({plan.link(rid, here)})"))
    code = current().code
    translation = plan.graph.quote_translation(source, quote, code)
    if translation and plan.graph.get_as(source, Source).language != code:
        # the source's own words, then this briefing's translation of them, marked as such
        ours = md_message("(our translation: “{words}”)", words=translation)
        return f": “{escape_md(quote)}” {ours}"
    return f": “{escape_md(quote)}”"


def shared_notes(keys: list[Key]) -> dict[Key, Key]:
    """Each key -> the key whose note it shares: the longest quote of the same source that holds it
    (itself when none does; of equally long ones, the first in `keys`)."""
    normalised = {key: normalise(key[1]) for key in keys}
    by_source: dict[str, list[Key]] = {}
    for key in keys:
        by_source.setdefault(key[0], []).append(key)
    out: dict[Key, Key] = {}
    for same in by_source.values():
        longest_first = sorted(same, key=lambda k: -len(normalised[k]))  # stable: first seen wins ties
        for key in same:
            out[key] = next(k for k in longest_first if normalised[key] in normalised[k])
    return out
