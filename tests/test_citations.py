"""Citations that help: each quote found in its archived text and marked there, one mark per sentence on a
page, notes leading to the marked passage, source pages that lead with the source and its text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts.archive import normalise
from briefing.facts.model import Citation, Claim
from briefing.pages.builders import plan
from briefing.pages.footnotes import shared_notes
from briefing.pages.passages import _Finder, locate, marked_html
from briefing.pages.plan import PageSpec
from briefing.pages.render import Page, render_page

# -- where a quote is in its archived text --------------------------------------------------------

BODY = "Headline\n\nHe said the talks “went   well” —\nand would resume.\n\nA second  paragraph ends here."


def test_a_quote_is_found_as_the_quote_check_finds_it_and_mapped_to_the_original_words():
    passages = locate(BODY, ['said the talks "went well" - and would'])
    (start, end, anchor), = passages.spans
    assert BODY[start:end] == "said the talks “went   well” —\nand would"
    assert passages.anchor('said the talks "went well" - and would') == anchor
    assert passages.anchor("said  the talks “went well” – and would") == anchor  # same words, as normalised


def test_overlapping_and_contained_quotes_make_one_passage_and_share_its_anchor():
    passages = locate(BODY, ["the talks", "said the talks", "talks “went well”", "A second paragraph"])
    assert len(passages.spans) == 2
    first = passages.anchor("said the talks")
    assert passages.anchor("the talks") == first and passages.anchor("talks “went well”") == first
    assert BODY[passages.spans[0][0]:passages.spans[0][1]] == "said the talks “went   well”"
    assert passages.anchor("A second paragraph") != first
    assert passages.anchor("not in the text") is None


def test_a_passage_anchor_comes_from_its_own_words():
    alone = locate(BODY, ["A second paragraph"]).anchor("A second paragraph")
    with_others = locate(BODY, ["Headline", "A second paragraph"]).anchor("A second paragraph")
    assert alone is not None
    assert alone == with_others and re.fullmatch(r"q-[0-9a-f]{6}", alone)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.\n\t\u00a0\u201c\u201d\"'\u2019\u2014-")), min_size=1,
                max_size=60).map("".join),
       st.data())
def test_a_text_in_normal_form_takes_the_fast_path(body, data):
    normal = normalise(body)
    if not normal:
        return
    i = data.draw(st.integers(0, len(normal) - 1))
    needle = normal[i:data.draw(st.integers(i + 1, len(normal)))].strip()
    finder = _Finder(body)
    assert finder.by_char and finder.text == normal
    if needle:
        span = finder.find(needle)
        assert span is not None, needle
        start, end = span
        assert normalise(body[start:end]) == needle and finder._slow is None  # found without the slow map


def test_a_text_not_in_normal_form_is_mapped_character_by_character():
    body = "Cafe\u0301 con le\u0301che, dijo \u201cel\u00a0ministro\u201d."  # decomposed accents, a no-break space
    needle = normalise("dijo \u201cel ministro\u201d")
    passages = locate(body, [needle])
    (start, end, _), = passages.spans
    assert normalise(body[start:end]) == needle


_CHARS = st.sampled_from([*list("ab ,.\n\t\xa0“”\"'’—-–"), "é", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, min_size=1, max_size=60).map("".join), st.data())
def test_every_quote_the_check_accepts_is_found_and_marked_at_its_words(body, data):
    normal = normalise(body)
    if not normal:
        return
    i = data.draw(st.integers(0, len(normal) - 1))
    j = data.draw(st.integers(i + 1, len(normal)))
    needle = normal[i:j].strip()
    if not needle:
        return
    passages = locate(body, [needle])
    assert passages.anchor(needle) is not None
    (start, end, _), = passages.spans
    assert needle in normalise(body[start:end])
    # the marked text holds every character of the body, each escaped, nothing else
    html = marked_html(passages)
    assert "<script" not in html
    text = re.sub(r"<br>\n", "\n", re.sub(r"</?(p|mark)[^>]*>", "", html))
    assert normalise(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                     .replace("&#x27;", "'").replace("&amp;", "&")) == normal


def test_the_archived_text_is_escaped_and_a_passage_over_two_paragraphs_is_marked_in_both():
    body = "<b>bold</b> & \"so\" on\n\nend of <i>it</i>"
    passages = locate(body, ["on end of"])
    html = marked_html(passages)
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;so&quot;" in html
    anchor = passages.anchor("on end of")
    assert f'<mark id="{anchor}" class="briefing-passage">on</mark></p>' in html
    assert f'<p><mark data-passage="{anchor}" class="briefing-passage">end of</mark>' in html


# -- one mark per sentence, its note giving each quote -------------------------------------------------

def test_a_quote_within_another_of_the_same_source_shares_its_note():
    keys = [("a", "the talks"), ("b", "the talks went well"), ("a", "said the talks went well"),
            ("a", "the  talks"), ("a", "would resume")]
    shared = shared_notes(keys)
    assert shared[("a", "the talks")] == ("a", "said the talks went well")
    assert shared[("a", "the  talks")] == ("a", "said the talks went well")  # compared as normalised
    assert shared[("b", "the talks went well")] == ("b", "the talks went well")  # another source: its own
    assert shared[("a", "would resume")] == ("a", "would resume")


def _page(graph, path="timeline.md"):
    the_plan = plan(graph)
    return Page(graph, the_plan, path), the_plan


def notes_of(page: str) -> dict[int, list[str]]:
    """A page's footnotes: number -> its items ('[Source](passage): “quote”'), a paragraph each (the
    first on the note's line, the others indented, blank lines between)."""
    notes: dict[int, list[str]] = {}
    number = 0
    for line in page.splitlines():
        if m := re.match(r"\[\^(\d+)\]: (.*)$", line):
            number = int(m.group(1))
            notes[number] = [m.group(2)]
        elif number and (m := re.match(r"    (\S.*)$", line)):
            notes[number].append(m.group(1))
        elif line.strip():
            number = 0
    return notes


_ITEM = re.compile(r"\[[^\]]*\]\(([^)#]*)#?[^)]*\)(?:: “(.*)”"
                   r'|: <span class="briefing-full">“(.*)”</span><span class="briefing-where">.*\]\(#fn:(\d+)\)</span>'
                   r"|: .*|; .*)?$")  # (a note of the two-page brief names sources on one line)


def _quotes(item: str) -> tuple[str, str]:
    """(source page, quote) of a note's item ('' when the item shows no quote)."""
    m = _ITEM.match(item)
    assert m is not None, item
    return m.group(1), m.group(2) or m.group(3) or ""


def _again(item: str) -> int | None:
    """The note an item points to for its words, when an earlier note gives them in full."""
    m = _ITEM.match(item)
    assert m is not None, item
    return int(m.group(4)) if m.group(4) else None


def test_a_sentence_has_one_mark_whose_note_gives_each_of_its_quotes_in_reading_order(graph):
    page, _ = _page(graph)
    long = Citation(source="article", quote="said the talks “went well” — and would resume")
    short = Citation(source="article", quote="would resume")
    other = Citation(source="reply", quote="did not go well")
    body = "".join(page.claim(Claim(text=t, cite=c)) + "\n" for t, c in
                   [("First.", [short]), ("Second.", [other, short, long]), ("Third.", [long, short]),
                    ("Fourth.", [other]), ("Fifth.", [short, other])])
    numbered, notes = page.finish(body)
    # one mark per sentence; the same quotes (a quote within a longer one of its source counts as
    # that one, whatever the order) share a note; notes numbered as the body first refers to them
    assert numbered.splitlines() == ["First\\.[^1]", "Second\\.[^2]", "Third\\.[^1]", "Fourth\\.[^3]", "Fifth\\.[^2]"]
    given = notes_of(notes)
    assert list(given) == [1, 2, 3]
    assert [_quotes(i)[1] for i in given[1]] == ["said the talks “went well” — and would resume"]  # the longer quote
    assert [_quotes(i) for i in given[2]] == [("sources/reply.md", "did not go well"),
                                              ("sources/article.md", "said the talks “went well” — and would resume")]
    assert [_quotes(i)[1] for i in given[3]] == ["did not go well"]
    # a paragraph per quote; a quote an earlier note gives in full points there in the list of notes,
    # its words kept for the popover
    assert notes.splitlines()[1:5] == [f"[^2]: {given[2][0]}", "", f"    {given[2][1]}", f"[^3]: {given[3][0]}"]
    assert [_again(i) for i in given[2]] == [None, 1] and [_again(i) for i in given[3]] == [2]
    # each item names its source, linked (to the quoted passage where the archived text has it)
    items = [i for listed in given.values() for i in listed]
    assert all(re.match(r"\[[^\]]+\]\(sources/[a-z]+\.md(#q-[0-9a-f]{6})?\): ", i) for i in items)


def test_every_page_gives_each_quote_in_one_wording_and_each_set_of_quotes_once(site):
    pairs = several = 0
    for path, text in site.pages.items():
        notes = notes_of(text)
        shown = [_quotes(i) for items in notes.values() for i in items]
        several += sum(1 for items in notes.values() if len(items) > 1)
        for items in notes.values():
            assert len(set(items)) == len(items), (path, items)  # a quote once in its note
        sets = [frozenset(items) for items in notes.values()]
        assert len(sets) == len(set(sets)), path  # the same quotes are one note
        for i, (source, quote) in enumerate(shown):
            for other_source, other in shown[i + 1:]:
                if source == other_source and quote and other and quote != other:
                    pairs += 1
                    assert normalise(quote) not in normalise(other) and normalise(other) not in normalise(quote), \
                        (path, quote, other)
        # in the list of notes each quote is written out once: the first note giving it has its words,
        # any later one points there
        full: dict[str, int] = {}
        for number, items in notes.items():
            for item in items:
                earlier = _again(item)
                if earlier is None and _quotes(item)[1]:
                    assert full.setdefault(item, number) == number, (path, item)
                elif earlier is not None:
                    head = item.split(': <span class="briefing-full">', 1)[0]
                    assert earlier < number and f"{head}: “{_quotes(item)[1]}”" in notes[earlier], (path, item)
        # every mark has its note and every note a mark: one mark per run, no run of marks left
        marks = re.findall(r"\[\^(\d+)\](?!:)", text)
        assert {int(m) for m in marks} == set(notes), path
        assert not re.search(r"\[\^\d+\]\[\^\d+\]", text), path
    assert pairs > 0 and several > 0  # some page has two quotes of one source, and a note with several


def test_a_provision_shown_in_full_is_not_repeated_as_a_note(site):
    page = site.pages["legal/example-treaty.md"]
    assert page.count("Every State has the right to grant asylum") == 1
    assert "> — [Example treaty](../sources/treaty.md#q-" in page
    # by its article alone: after the source's name a note gives the source's words or points to them, never this
    # briefing's summary of them (round eighteen, C-F3)
    assert "quoted in full under [Article I](#example-art-1)" in notes_of(page)[1][0]


def test_notes_lead_to_the_marked_passage(site, graph):
    the_plan = plan(graph)
    for path, text in site.pages.items():
        for source, anchor in re.findall(r"^\[\^\d+\]: \[[^\]]*\]\((?:\.\./)*sources/([a-z0-9-]+)\.md#(q-[0-9a-f]+)\)",
                                         text, re.MULTILINE):
            assert f'<mark id="{anchor}" class="briefing-passage">' in site.pages[f"sources/{source}.md"], path
            assert anchor in {a for _s, _e, a in the_plan.passages[source].spans}


def test_a_note_for_the_two_page_brief_names_its_sources_only(graph):
    page = Page(graph, plan(graph), "brief.md", notes_by_source=True)
    body = page.cite([Citation(source="article", quote="would resume"), Citation(source="article", quote="Ana Pérez")])
    numbered, notes = page.finish(body)
    assert numbered == "[^1]" and notes == "[^1]: [Ministers Meet in Lima](sources/article.md)"
    two = page.cite([Citation(source="reply", quote="did not go well"),
                     Citation(source="article", quote="would resume")])
    numbered, notes = page.finish(body + " Then." + two)
    assert numbered == "[^1] Then.[^2]"
    assert notes.splitlines()[1] == ("[^2]: [Example Daily, November 2025](sources/reply.md); "
                                     "[Ministers Meet in Lima](sources/article.md)")  # a sentence's sources, one line


# -- source pages ------------------------------------------------------------------------------------

def test_a_source_page_leads_with_what_the_source_is_then_its_archived_text(site):
    page = site.pages["sources/reply.md"]
    front, page = page.split("\n---\n", 1)
    assert front == "---\nsearch:\n  boost: 0.5"  # found after the story's pages that cite it
    lines = [ln for ln in page.splitlines() if ln.strip()]
    assert lines[0] == "# Otherland Rejects the Talks"
    assert lines[1] == ("A news report in English by Jan Doe\\. Publisher\\: Example Daily\\. "
                        "Published in November 2025\\. The address it was copied from is not recorded\\.")
    assert "unknown" not in page
    assert page.index('<div class="briefing-archived"') < page.index("## Where this briefing cites it")
    assert page.index("## Where this briefing cites it") < page.index("## About this source")
    assert "<mark id=\"q-" in page


def test_citing_records_are_grouped_by_the_page_that_shows_them(site):
    page = site.pages["sources/article.md"]
    cited = page.split("## Where this briefing cites it", 1)[1].split("## About this source")[0]
    groups = re.findall(r"^\*\*\[([^\]]+)\]\(([^)]+)\)\*\*$", cited, re.MULTILINE)
    assert [title for title, _ in groups][:2] == ["Home", "Timeline"]
    assert len(groups) == len(set(groups))  # each page once
    timeline = cited.split("**[Timeline]")[1].split("**[")[0]
    assert "- [Ministers meet](../timeline.md#meeting): [“the meeting took place on 3 November 2025”](#q-" in timeline
    assert "- [Talks to resume](../timeline.md#resumption)" in timeline


def test_page_furniture_is_kept_out_of_search(site):
    page = site.pages["sources/article.md"]
    assert "{: data-search-exclude }" in page.split('<div class="briefing-archived"')[0]
    for heading in ("## Where this briefing cites it", "## About this source"):
        line = next(ln for ln in page.splitlines() if ln.startswith(heading))
        assert "data-search-exclude" in line


def test_render_page_keeps_the_front_matter_first(graph):
    the_plan = plan(graph)
    text = render_page(graph, the_plan, PageSpec("brief.md", "brief.md.j2", "Brief", the_plan.specs["brief.md"].context,
                                                 search=False, notes_by_source=True))
    assert text.startswith("---\nsearch:\n  exclude: true\n---\n")
