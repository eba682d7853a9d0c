"""Glossary tooltips stay out of quotations: a Markdown extension (Python-Markdown's `abbr`, quotation-aware).

The glossary's terms get a tooltip wherever a page uses them (Markdown's abbreviations, `*[term]: ...`,
which pages.glossary writes). Inside a quotation that would put this briefing's words, its reading of a
treaty even, inside the words of a source or a side (fact-check 18 and 20, C-F1: the editors' reading of
the UN Declaration Mexico invokes, on Peru's own words "it is an unfriendly act"). So a term is left
unmarked where it stands inside quotation marks (“...”, «...», or straight "..." in one run of text) or
inside a block quotation (a provision's words); everywhere else it is marked as before, and so is a term
the marks enclose alone in the site's own words, which names the term rather than quoting a sentence (the
questions' 'Was the asylum an "unfriendly act"?', next to each side's position), but not inside a quotation
('“citing it as an "unfriendly act"”'). The words shown are the same either way: only the
tooltip is left off.

Listed in the plugin's REQUIRED_EXTENSIONS after `abbr`, whose tree processor it replaces (same name and
priority, the same definitions).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

OPENING, CLOSING = "“«", "”»"


PAIRS = {"“": "”", "«": "»", '"': '"'}


def named_alone(text: str, start: int, end: int) -> bool:
    """Whether quotation marks enclose text[start:end] and nothing else ('an "unfriendly act"?')."""
    return start > 0 and end < len(text) and PAIRS.get(text[start - 1]) == text[end]


def quoted(text: str, at: int) -> bool:
    """Whether position `at` of a run of text is inside quotation marks opened before it in that run."""
    before = text[:at]
    depth = sum(before.count(c) for c in OPENING) - sum(before.count(c) for c in CLOSING)
    return depth > 0 or before.count('"') % 2 == 1


class QuotationAwareAbbr(AbbrTreeprocessor):
    """`abbr`'s tree processor, leaving a term unmarked inside a quotation (see the module)."""

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if el.tag != "blockquote":  # a block quotation's own text and children stay as they are
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                el.text = self._mark(el.text, lambda abbr: el.insert(0, abbr))
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            index = list(parent).index(el) + 1
            el.tail = self._mark(el.tail, lambda abbr: parent.insert(index, abbr))

    def _mark(self, text: str, insert: Callable[[etree.Element], object]) -> str:
        """Wrap each term of `text` outside quotation marks, from the last one back (as `abbr` does); what is
        left before the first is returned."""
        assert self.RE is not None
        for m in reversed(list(self.RE.finditer(text))):
            start, end = m.start(), m.end()
            # a term named alone keeps its tooltip only in the site's own words: not in a quotation ('“citing
            # it as an "unfriendly act"”', a report's words, fact-check 23)
            alone = named_alone(text, start, end) and not quoted(text, start - 1)
            if self.abbrs[m.group(0)] and (not quoted(text, start) or alone):
                insert(self.create_element(self.abbrs[m.group(0)], m.group(0), text[end:]))
                text = text[:start]
        return text


class QuotationsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            abbrs = md.treeprocessors["abbr"].abbrs  # type: ignore[attr-defined]
            md.treeprocessors.register(QuotationAwareAbbr(md, abbrs), "abbr", 7)


def makeExtension(**kwargs: object) -> QuotationsExtension:
    return QuotationsExtension(**kwargs)
