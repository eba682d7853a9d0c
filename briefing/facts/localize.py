"""The graph in another language: every translated text replaced by its translation, for one edition.

Pages, charts and exports read the graph as they do in English; the Spanish edition is built from a
copy whose translated fields hold the Spanish beside each record (model.Record.translations). Where a
translation is missing, the field keeps its English as `Untranslated`, which the renderer marks ("not
yet translated", `lang="en"`): a page never shows a blank. Quotes are never replaced: a quote is the
source's own words in every edition; its translation is read beside it (`Citation.translated`). A
glossary term's own-language form becomes one of its other forms (`aliases`) in another edition.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.facts.graph import Graph
from briefing.facts.model import Citation, Identified, Record, Term, translated_fields


class Untranslated(str):
    """A text shown in the facts' own language because its translation is missing (the page marks it)."""

    language: str = "en"


def localized(graph: Graph, code: str) -> Graph:
    """A copy of the graph with its translated texts in `code` (the graph itself for its own language)."""
    if code == graph.briefing.languages[0]:
        return graph
    made: dict[int, Record] = {}
    own = graph.briefing.languages[0]

    def local(value: Any) -> Any:
        if isinstance(value, list):
            return [local(v) for v in value]
        if not isinstance(value, Record):
            return value
        update: dict[str, Any] = {}
        translated = () if isinstance(value, Citation) else translated_fields(type(value))
        for name in type(value).model_fields:
            if name == "translations":
                continue
            field = getattr(value, name)
            if name in translated and isinstance(field, str):
                text = value.translated(code, name)
                if text is None:
                    fallback = Untranslated(field)
                    fallback.language = own
                    update[name] = fallback
                else:
                    update[name] = " ".join(text.split())
            elif isinstance(field, (Record, list)):
                update[name] = local(field)
        if isinstance(value, Term) and "term" in update and not isinstance(update["term"], Untranslated):
            # the term in the facts' own language is one of its other forms in this edition (the glossary's
            # "Also written", search, tooltips), and the translated term is not another form of itself
            forms = [value.term, *value.aliases]
            update["aliases"] = [a for a in dict.fromkeys(forms) if a != update["term"]]
        copy = value.model_copy(update=update)
        made[id(value)] = copy
        return copy

    briefing = local(graph.briefing)
    records: dict[str, list[Identified]] = {kind: local(items) for kind, items in graph.records.items()}
    index = {rid: replace(entry, record=made.get(id(entry.record), entry.record))
             for rid, entry in graph.index.items()}
    copy = Graph(briefing=briefing, records=records, archives=graph.archives, index=index,
                 quotes_verified=graph.quotes_verified, warnings=graph.warnings, derived_once=graph.derived_once)
    # what the graph worked out from ids, dates and quotes alone holds of its copy: not worked out again
    for name in SAME_IN_EVERY_LANGUAGE:
        if name in graph.__dict__:
            copy.__dict__[name] = graph.__dict__[name]
    if "events_by_date" in graph.__dict__:
        copy.__dict__["events_by_date"] = [index[e.id].record for e in graph.events_by_date]
    return copy


SAME_IN_EVERY_LANGUAGE = ("_scan", "_quote_translations", "caps", "spans", "open_order", "narrowed")
"""The graph's cached workings that read no translated text (backlinks, citations, the quotes' translations,
the events' order and spans): an edition's copy takes them from the graph once worked out (its events in
the same order, as its own records)."""

