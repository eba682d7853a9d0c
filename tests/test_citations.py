"""Citations that help: each quote found in its archived text and marked there, one note per quote on a
page, notes leading to the marked passage, source pages that lead with the source and its text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.archive import normalise
from briefing.footnotes import shared_notes
from briefing.model import Citation, Claim
from briefing.pages import PageSpec, plan
from briefing.passages import _Finder, locate, marked_html
from briefing.render import Page, render_page

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
    assert alone == with_others and re.fullmatch(r"q-[0-9a-f]{6}", alone)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.\n\t\u00a0\u201c\u201d\"'\u2019\u2014-")), min_size=1, max_size=60).map("".join),
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
        start, end = finder.find(needle)
        assert normalise(body[start:end]) == needle and finder._slow is None  # found without the slow map


def test_a_text_not_in_normal_form_is_mapped_character_by_character():
    body = "Cafe\u0301 con le\u0301che, dijo \u201cel\u00a0ministro\u201d."  # decomposed accents, a no-break space
    needle = normalise("dijo \u201cel ministro\u201d")
    passages = locate(body, [needle])
    (start, end, _), = passages.spans
    assert normalise(body[start:end]) == needle


_CHARS = st.sampled_from(list("ab ,.\n\t\u00a0\u201c\u201d\"'\u2019\u2014-\u2013") + ["e\u0301", "\u00e9"])


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


# -- one note per quote ----------------------------------------------------------------------------

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


def test_one_quote_backing_two_sentences_is_one_note_numbered_in_reading_order(graph):
    page, _ = _page(graph)
    long = Citation(source="article", quote="said the talks “went well” — and would resume")
    short = Citation(source="article", quote="would resume")
    other = Citation(source="reply", quote="did not go well")
    body = "".join(page.claim(Claim(text=t, cite=c)) + "\n" for t, c in
                   [("First.", [short]), ("Second.", [other, short]), ("Third.", [long, short]), ("Fourth.", [other])])
    numbered, notes = page.finish(body)
    assert numbered.splitlines() == ["First\\.[^1]", "Second\\.[^2][^1]", "Third\\.[^1]", "Fourth\\.[^2]"]
    assert notes.count("[^1]:") == 1 and notes.count("[^2]:") == 1 and len(notes.splitlines()) == 2
    assert "would resume”" in notes.splitlines()[0] and "went well" in notes.splitlines()[0]  # the longer quote


def test_every_note_on_every_page_is_a_different_quote(site):
    for path, text in site.pages.items():
        notes = re.findall(r"^\[\^\d+\]: \[[^\]]*\]\(([^)#]*)[^)]*\): “(.*)”$", text, re.MULTILINE)
        for i, (source, quote) in enumerate(notes):
            for other_source, other in notes[i + 1:]:
                if source == other_source:
                    assert normalise(quote) not in normalise(other) and normalise(other) not in normalise(quote), \
                        (path, quote, other)


def test_a_provision_shown_in_full_is_not_repeated_as_a_note(site):
    page = site.pages["legal/example-treaty.md"]
    assert page.count("Every State has the right to grant asylum") == 1
    assert "> — [Example treaty](../sources/treaty.md#q-" in page
    note = next(line for line in page.splitlines() if line.startswith("[^1]:"))
    assert "quoted in full under [Article I\\: right to grant asylum](#example-art-1)" in note


def test_notes_lead_to_the_marked_passage(site, graph):
    the_plan = plan(graph)
    for path, text in site.pages.items():
        for source, anchor in re.findall(r"^\[\^\d+\]: \[[^\]]*\]\((?:\.\./)*sources/([a-z0-9-]+)\.md#(q-[0-9a-f]+)\)",
                                         text, re.MULTILINE):
            assert f'<mark id="{anchor}" class="briefing-passage">' in site.pages[f"sources/{source}.md"], path
            assert anchor in {a for _s, _e, a in the_plan.passages[source].spans}


def test_a_note_for_the_two_page_brief_names_its_source_only(graph):
    page = Page(graph, plan(graph), "brief.md", notes_by_source=True)
    body = page.cite([Citation(source="article", quote="would resume"), Citation(source="article", quote="Ana Pérez")])
    numbered, notes = page.finish(body)
    assert numbered == "[^1]" and notes == "[^1]: [Ministers Meet in Lima](sources/article.md)"


# -- source pages ------------------------------------------------------------------------------------

def test_a_source_page_leads_with_what_the_source_is_then_its_archived_text(site):
    page = site.pages["sources/reply.md"]
    front, page = page.split("\n---\n", 1)
    assert front == "---\nsearch:\n  boost: 0.5"  # found after the story's pages that cite it
    lines = [ln for ln in page.splitlines() if ln.strip()]
    assert lines[0] == "# Otherland Rejects the Talks"
    assert lines[1].startswith("A news report in English\\. Outlet\\: Example Daily\\. Published November 2025\\.")
    assert "Not known\\: the author" in lines[1]
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
