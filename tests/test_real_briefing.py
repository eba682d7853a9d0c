"""The real briefing: each fault the independent fact-check found (issue 10) stays fixed.

These tests read the real facts and the site built from them (without MkDocs: build_site), so a
later edit that brings a fault back fails here, with the record that did it.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from briefing.charts import draw as charts
from briefing.charts import relations as rel
from briefing.facts.archive import normalise
from briefing.facts.kinds import DISCREPANCY, EVENT, INSTITUTION, INSTRUMENT, PERSON, QUESTION, SOURCE, TERM
from briefing.facts.model import Claim, walk
from briefing.facts.problems import FactsInvalid
from briefing.facts.truth import quoted_segments
from briefing.facts.validate import load_graph
from briefing.i18n import _, speaking
from briefing.pages import glossary
from briefing.pages.citations import language_named
from briefing.site import build_site
from briefing.text import escape_md, fold, format_date

from conftest import ROOT


@pytest.fixture(scope="module")
def graph():
    return load_graph(ROOT / "facts", ROOT / "seeds", display_root=ROOT)


URL = "https://briefing-tools.github.io/peru-mexico-briefing/"


@pytest.fixture(scope="module")
def site(graph):
    return build_site(graph, URL)


@pytest.fixture(scope="module")
def spanish(graph):
    """The Spanish edition, as the plugin builds it at /es/."""
    return build_site(graph, URL + "es/", language="es")


@pytest.fixture(params=["en", "es"])
def edition(request, site, spanish):
    """Each edition in turn: what holds of the pages' structure holds in every language."""
    return site if request.param == "en" else spanish


def said(edition, message: str) -> str:
    """A heading or label as the edition's catalog words it (i18n.py)."""
    with speaking(edition.language):
        return _(message)


def claims(graph, positions: bool = True):
    """(record id, claim) for every claim of every record, the briefing's included; `positions=False`
    leaves out the claims of positions (a holder's own words, shown under the holder's name)."""
    records = [("index", graph.briefing), *((r.id, r) for rs in graph.records.values() for r in rs)]
    for rid, record in records:
        for path, _name, value, _kinds in walk(record):
            if isinstance(value, Claim) and (positions or "positions" not in path):
                yield rid, value


def side(graph, rid: str) -> str:
    """The side of a person or institution: a state of briefing.sides, its country's, or 'others'."""
    record = graph.get(rid)
    state = rid if getattr(record, "kind", None) == "state" else getattr(record, "country", None)
    return state if isinstance(state, str) and state in graph.briefing.sides else "others"


# 1. Timeline order -----------------------------------------------------------------------------

BEFORE = [  # (earlier, later): the order the sources give, which a coarse date once turned round
    ("castillo-ousted", "boluarte-assumes-presidency"),  # 7 December 2022, then "December 2022"
    ("chavez-released", "chavez-enters-mexican-embassy"),  # September 2025, then "2025"
    ("chavez-enters-mexican-embassy", "mexico-grants-asylum-chavez"),
    ("mexico-grants-asylum-chavez", "peru-breaks-relations"),
    ("peru-breaks-relations", "de-zela-legal-review"),  # 3 November, then "November 2025"
    ("ecuador-raids-mexican-embassy", "mexico-sues-ecuador-icj"),  # "2024", then 11 April 2024
]


def test_the_timeline_puts_events_in_the_order_the_sources_give(graph):
    order = [e.id for e in graph.events_by_date]
    for earlier, later in BEFORE:
        assert order.index(earlier) < order.index(later), (earlier, later)


def test_one_order_everywhere(graph, edition):
    site = edition
    order = [e.id for e in graph.events_by_date]
    timeline = site.pages["timeline.md"]
    assert re.findall(r"\{ #([a-z0-9-]+) \}", timeline.split("\n## ", 1)[1]) == order  # the entries
    for size in ("narrow", "wide"):  # the visual timeline: its parts (the background, the close-up) in page order
        drawings = re.findall(rf'<svg class="bc-{size}".*?</svg>', timeline, re.DOTALL)
        assert len(drawings) == 2  # the background, folded, and the close-up
        rows = [rid for svg in drawings for rid in dict.fromkeys(re.findall(r'href="#([a-z0-9-]+)"', svg))]
        assert rows == order
    data = json.loads(site.files["briefing.json"])
    assert [e["id"] for e in data["events"]] == order
    assert [r["id"] for r in csv.DictReader(io.StringIO(site.files["timeline.csv"].decode()))] == order
    ics = site.files["timeline.ics"].decode().replace("\r\n ", "")
    assert [uid.split("@")[0] for uid in re.findall(r"UID:(\S+)", ics)] == order
    # each entry's own link, the first on its line (a note after it may link the events it may have preceded)
    latest = re.findall(r"^- [^\[]*\[[^\]]*\]\(timeline\.md#([a-z0-9-]+)\)",
                        site.pages["index.md"].split("## " + said(site, "Latest events"))[1].split("\n## ")[0],
                        re.MULTILINE)
    # (round fourteen, A-F1) of the events dated to a day or a week: one known only to the year is not "latest"
    dated = [rid for rid in order if len(graph.get(rid).date) == 10]
    assert latest == dated[::-1][: len(latest)] and latest
    printed = site.pages["print.md"].split("## " + said(site, "Timeline"), 1)[1].split("\n## ", 1)[0]
    print_entries = re.findall(r"^#{5} .*?: (.*?)\s*$", printed, re.MULTILINE)
    # the printout's timeline, each title in the edition's language
    assert print_entries == [escape_md(site.plan.graph.get(rid).title) for rid in order]
    if site.language == "es":
        assert site.plan.graph.get("peru-breaks-relations").title != graph.get("peru-breaks-relations").title


# 2. Who did what to whom -----------------------------------------------------------------------

def test_no_opponents_are_shown_acting_together(graph):
    together = [(a, b, events) for a, label, b, events in charts.relations(graph) if label == charts.TOGETHER]
    assert together  # the view does show real joint acts (Colombia and Peru signing the Act of Lima)
    for a, b, events in together:
        sides = {side(graph, a), side(graph, b)} - {"others"}
        assert len(sides) <= 1, (a, b, events)
    # and the two capitals' actors are never both the ones who acted in one event
    for event in graph.of(EVENT):
        assert len({side(graph, a) for a in event.who.acted} - {"others"}) <= 1, event.id


def test_the_named_relations_read_as_what_they_are(graph, site):
    rels = {(a, label, b) for a, label, b, _events in charts.relations(graph)}
    assert ("peru", charts.ACTED_ON, "mexico") in rels  # Peru broke relations with Mexico
    assert ("congress-peru", charts.ACTED_ON, "claudia-sheinbaum") in rels  # declared her persona non grata
    # López Obrador spoke about Congress's ousting of Castillo; he did not act, and Congress did not speak
    assert ("andres-manuel-lopez-obrador", charts.SPOKE, "congress-peru") in rels
    assert ("congress-peru", charts.SPOKE, "andres-manuel-lopez-obrador") not in rels
    for a, label, b, events in charts.relations(graph):  # each event relation, read from its events' roles
        for who in (graph.get(eid).who for eid in events):
            holds = {charts.ACTED_ON: a in who.acted and b in who.acted_on,
                     charts.TOGETHER: a in who.acted and b in who.acted,
                     charts.SPOKE: a in who.spoke and b in who.acted}
            assert holds[label], (a, label, b)
    assert ("mexico", charts.TOGETHER, "peru") not in rels and ("peru", charts.TOGETHER, "mexico") not in rels
    row = "| [Peru](institutions/peru.md) | acted on | [Mexico](institutions/mexico.md) |"
    assert row in site.pages["relations.md"]


# 3. Whose voice --------------------------------------------------------------------------------


def test_a_glossary_tooltip_keeps_the_voice_of_its_explanation(graph):
    # the consular-relations explanation is La Jornada's line; the asylum State's is the Convention's text
    tips = glossary.tooltips(graph)
    assert tips["consular relations"].startswith("According to La Jornada: Consular relations pertain to")
    assert tips["asylum State"].startswith("Under Article IV of the Caracas Convention")

OUTLET_LINES = ["latest chapter of a years-long dispute", "Peru aims to preserve its economic relations",
                "political asylum is an increasingly sore subject in Peru"]


@pytest.mark.parametrize("words", OUTLET_LINES)
def test_one_outlets_framing_is_the_outlets(graph, words):
    found = [(rid, c) for rid, c in claims(graph) if any(words.lower() in q.quote.lower() for q in c.cite)
             and words.split()[-1].lower() in c.text.lower()]
    assert found, words
    for rid, claim in found:
        assert claim.voice == "outlet" or claim.said_by, (rid, claim.text)


def test_the_failed_coup_is_not_one_reports_word(site):
    for path, page in site.pages.items():
        assert "what one report calls" not in page, path


def test_a_persons_words_and_an_outlets_figure_stay_apart(graph):
    figure = [(rid, c) for rid, c in claims(graph) if any("2.5 billion" in q.quote for q in c.cite)]
    assert figure  # the outlets' bilateral-trade figure is in the briefing...
    for rid, claim in figure:  # ...and never in De Zela's (or anyone's) words
        assert not claim.said_by, (rid, claim.text)


def test_quotation_marks_hold_only_a_speakers_words(graph):
    for rid, claim in claims(graph):
        for segment in quoted_segments(claim.text):
            assert "initiation of the asylum process" not in segment, rid
    # the question built on that paraphrase is gone: Mexico says asylum was granted, Peru's ministry relays it
    assert not any("process" in q.question and "granted" in q.question for q in graph.of(QUESTION))


# 4. What belongs in the story ------------------------------------------------------------------

MENTIONED = ["rodney-mbua", "henry-romero", "reuters", "x-social-network", "ebrard", "gertz"]


@pytest.mark.parametrize("rid", MENTIONED)
def test_bylines_credits_wires_and_teasers_are_only_mentioned(graph, edition, rid):
    site = edition
    assert graph.get(rid).relevance == "mentioned"
    page = site.plan.where[rid][0]
    assert page in site.pages  # searchable, with a page of its own
    nav = json.dumps(site.nav([]))
    assert page not in nav
    assert not any(rid in (a, b) for a, _label, b, _e in charts.relations(graph))
    index = "people/index.md" if graph.kind(rid) == "person" else "institutions/index.md"
    assert f"({page.split('/', 1)[1]})" not in site.pages[index]


TEASER_QUOTES = ["Gertz leaves the Attorney General’s office", "AMLO’s reappearance",
                 "Secretary of Economy Ebrard’s announcement at an Acapulco mining convention"]


@pytest.mark.parametrize("quote", TEASER_QUOTES)
def test_a_teaser_after_the_la_jornada_article_is_not_footnoted_as_la_jornada_of_4_november(edition, quote):
    """The La Jornada report's archived page ends with its republishing site's teasers for other
    articles (one dated 1 December): a note on a quote from there names the page, undated, never
    'La Jornada, 4 November 2025' (fact-check round 8, B-F3); the article's own quotes keep that name."""
    page_label = said(edition, "{source}: the archived page, after the source's own text (not dated)").format(
        source="La Jornada")
    named = [m.group(1) for page in edition.pages.values()
             for m in re.finditer(r"\[([^\]]*)\]\([^)]*\): “" + re.escape(escape_md(quote)), page)]
    assert named and set(named) == {escape_md(page_label)}, named
    article = [m.group(1) for page in edition.pages.values()
               for m in re.finditer(r"\[([^\]]*)\]\([^)]*\): “" + re.escape("The government of Peru is currently"),
                                    page)]
    with speaking(edition.language):
        dated = _("{name} ({date}), republished in {language}").format(
            name="La Jornada", date=format_date("2025-11-04"), language=language_named("en"))
    assert article and set(article) == {escape_md(dated)}, article


def test_no_record_only_mentioned_is_on_the_map_lists_or_nav(graph, edition):
    site = edition
    mentioned = [r.id for k in (PERSON, INSTITUTION) for r in graph.of(k) if r.relevance == "mentioned"]
    assert set(MENTIONED) <= set(mentioned)
    on_map = {rid for a, _label, b, _e in charts.relations(graph) for rid in (a, b)}
    nav = json.dumps(site.nav([]))
    for rid in mentioned:
        page = site.plan.where[rid][0]
        assert rid not in on_map and page not in nav, rid
        assert f"({page.split('/', 1)[1]})" not in site.pages[page.split("/")[0] + "/index.md"], rid


def test_a_photo_caption_is_not_an_event(graph):
    assert "sheinbaum-press-conference-2025-11-03" not in graph.index
    assert not any("press conference" in e.title.lower() for e in graph.of(EVENT))


# 5. Balance on the home page -------------------------------------------------------------------

def test_the_headline_says_who_acted(graph):
    title = graph.briefing.title
    assert title.startswith("Peru breaks diplomatic relations with Mexico")
    assert "Peru and Mexico break" not in title and "rejects" in title


def test_each_capital_finds_its_main_point_and_the_answer(graph):
    exchanges = graph.briefing.exchanges
    assert len(exchanges) >= 3
    both = [x for x in exchanges if {side(graph, p.holder) for p in x.positions} >= {"peru", "mexico"}]
    assert len(both) >= 3  # a charge and the other side's direct answer, in their own cited words
    unfriendly = next(x for x in exchanges if "unfriendly act" in x.topic)
    assert {side(graph, p.holder) for p in unfriendly.positions} >= {"peru", "mexico"}
    chavez = next(x for x in exchanges if "Chávez" in x.topic and "case" in x.topic)
    assert {p.holder for p in chavez.positions} >= {"prosecution-peru", "betssy-chavez"}  # accusation and denial


def test_each_key_figure_once(graph):
    values = [f.value for f in graph.briefing.key_figures]
    labels = [f.label for f in graph.briefing.key_figures]
    assert len(values) == len(set(values)) and len(labels) == len(set(labels))
    for figure in ("63", "25 years", "2.5 billion", "3 November 2025", "6 November 2025"):
        # the vote, the sentence, trade, the dates; in a figure's value itself, not in its bracketed note (the trade
        # figure's note dates its report, "written after 6 November 2025": round twelve, A-F2)
        assert sum(figure in v.split(" (", 1)[0] for v in values) == 1, figure


# 6. Where sources differ -----------------------------------------------------------------------

def test_disagreements_of_substance_come_first_and_spellings_after(graph, edition):
    site = edition
    page = site.pages["differences.md"]
    kinds = [graph.get(rid).kind for rid in re.findall(r"\{ #([a-z0-9-]+) \}", page)]
    assert "spelling" in kinds and kinds[0] != "spelling"
    first_spelling = kinds.index("spelling")
    assert all(k == "spelling" for k in kinds[first_spelling:])
    first = next(d.id for d in graph.of(DISCREPANCY) if d.kind == "spelling")
    assert page.index("## " + said(site, "Spellings of names")) < page.index("{ #" + first)


def test_every_disagreement_has_accounts_from_two_sources(graph):
    for d in graph.of(DISCREPANCY):
        sources = {c.source for a in d.accounts for c in a.cite}
        assert len(sources) >= 2 or d.kind == "spelling", d.id


# 7. The rest of the fact-check -----------------------------------------------------------------

def test_absentee_votes_are_the_sources_words(graph):
    for rid, claim in claims(graph):
        assert not re.search(r"two absent\b", claim.text), rid
    assert any("two absentee votes" in c.text for _rid, c in claims(graph))


def test_the_glossary_says_only_what_the_archived_words_say(graph):
    for term in graph.of(TERM):
        for claim in term.explained:
            for c in claim.cite:
                assert "STORED COPY ENDS" not in c.quote, term.id
                if c.quote.rstrip(' "').endswith("salvocondu"):  # the archive is cut inside the word
                    pytest.fail(f"{term.id} is explained by words past the archive's cut")
    article_xii = [c for _rid, c in claims(graph) if any("fuerza mayor" in q.quote for q in c.cite)]
    assert article_xii and all("force majeure" in c.text or "fuerza mayor" in c.text for c in article_xii)


def test_the_two_quotations_of_article_vi_are_set_side_by_side_undecided(graph):
    # (D2) nothing archived says which newspaper's Article VI is the treaty's: neither is said to be a "cut" of
    # the other; (round five, A5) El Universo's archive header says the paper shortens articles, not always
    # marking the cut, so the reading may say its missing words may be a shortening, and no more
    notes = [c for _rid, c in claims(graph) if "entre otros" in c.text]
    assert notes and any(c.voice == "reading" for c in notes)
    assert any(q.source == "caracas-1954-es-800noticias" for c in notes for q in c.cite)
    article_vi = next(p for i in graph.of(INSTRUMENT) for p in i.provisions if p.id == "caracas-art-6")
    for text in [*(c.text for c in notes), article_vi.topic]:
        text = " ".join(text.split())
        assert not re.search(r"\b(omission|omits|leaves the words out|cut the words)\b", text), text
        assert re.sub(r"not always marking the cut", "", text).count("cut") == 0, text
        assert "shortened" not in text or "may be missing from it because the paper shortened" in text, text
        assert "differ" in text and "which is the treaty's wording" in text, text
    [entry] = [d for d in graph.of(DISCREPANCY) if any("entre otros" in c.quote for a in d.accounts for c in a.cite)]
    assert [{c.source for c in a.cite} for a in entry.accounts] == [{"caracas-1954-es-800noticias"},
                                                                    {"caracas-1954-es-el-universo"}]


def test_pairing_a_provision_with_an_event_is_the_briefings_reading(graph):
    paired = []
    for rid, claim in claims(graph):
        sources = {c.source for c in claim.cite}
        legal = {s for s in sources if graph.get(s).kind in ("treaty text", "news report quoting a text")}
        news = sources - legal - {"unga-res-2312", "icj-mexico-v-ecuador-order-2024", "goodwin-gill-asylum-case"}
        residence = any("residence of chiefs of mission" in c.quote for c in claim.cite)
        departure = any("ruptura de relaciones" in c.quote for c in claim.cite)
        if (residence or departure) and news:
            paired.append((rid, claim))
    assert len(paired) >= 2  # the Article I and Article XIX readings
    for rid, claim in paired:
        assert claim.voice == "reading", (rid, claim.text)


def test_both_countries_are_parties_is_attributed(graph):
    parties = [(rid, c) for rid, c in claims(graph, positions=False)
               if re.search(r"both (countries|Mexico and Peru|Peru and Mexico) are part", c.text, re.IGNORECASE)]
    assert parties
    for rid, claim in parties:
        assert claim.said_by or claim.voice in ("outlet", "reading"), (rid, claim.text)


def test_the_dialogue_pledge_is_dated_to_the_3_november_statement(graph):
    pledge = [(rid, c) for rid, c in claims(graph) if "prioritize dialogue" in c.text]
    assert pledge
    for rid, claim in pledge:
        assert rid != "mexico-rejects-persona-non-grata", claim.text
        assert all(q.source == "mexico-rejects-break" for q in claim.cite if "dialogue" in q.quote)


def test_perus_past_practice_keeps_despite_perus_protests(graph):
    paredes = [(rid, c) for rid, c in claims(graph)
               if any("Lilia Paredes was granted asylum" in q.quote for q in c.cite) and "Paredes" in c.text]
    assert paredes
    for rid, claim in paredes:
        assert "despite Peru's protests" in claim.text, (rid, claim.text)


# 8. Round three (issue 20) -----------------------------------------------------------------------

def _quotes(claim) -> str:
    return " ".join(c.quote for c in claim.cite)


def _events_after(graph, rid: str) -> list:
    order = [e.id for e in graph.events_by_date]
    return [graph.get(e) for e in order[order.index(rid) + 1:]]


def test_nothing_undated_is_placed_after_the_vote_the_sources_date(graph, edition):
    site = edition
    # The vote of 6 November is the last development a source dates; an event comes after it only where a
    # source puts it there ('swiftly rejected'), never because its own reports give no day (De Zela's
    # interview: "November 2025" sat last on the timeline and topped "Latest events").
    later = _events_after(graph, "sheinbaum-persona-non-grata")
    assert later, "Mexico's swift rejection comes after the vote"
    for event in later:
        assert "sheinbaum-persona-non-grata" in event.after, event.id
    latest = site.pages["index.md"].split("## " + said(site, "Latest events"))[1].split("\n## ")[0]
    # not the first, newest item (a note on that item may name it: round six)
    assert "de-zela-legal-review" not in latest.split("\n- ")[1].split(" (")[0]
    review = graph.get("de-zela-legal-review")
    assert "no source places it after the vote" in " ".join(review.date_basis.split())


def test_perus_prior_practice_is_the_reports_characterisation(graph):
    found = [(rid, c) for rid, c in claims(graph) if "prior administration recognized" in _quotes(c)]
    assert len(found) >= 7
    for rid, claim in found:
        assert claim.voice == "outlet" or claim.said_by, (rid, claim.text)


def test_the_breaking_of_relations_article_is_tied_to_ornelas_only_with_the_caveat(graph):
    found = [(rid, c) for rid, c in claims(graph) if "ruptura de relaciones" in _quotes(c) and "Ornelas" in c.text]
    assert len(found) >= 2  # the legal page and the question on her deadline
    for rid, claim in found:
        assert claim.voice == "reading", (rid, claim.text)
        assert "the sources do not say" in " ".join(claim.text.split()), (rid, claim.text)


def test_the_charges_against_chavez_are_set_side_by_side(graph):
    charges = [d for d in graph.of(DISCREPANCY) if d.kind == "charge"]
    assert len(charges) == 1
    accounts = charges[0].accounts
    def account_of(source, words):
        return next(i for i, a in enumerate(accounts) if any(c.source == source and words in c.quote for c in a.cite))
    sides = {account_of("peru-cuts-ties", "rebellion and conspiracy"), account_of("persona-non-grata-vote",
             "charges of conspiracy"), account_of("la-jornada-2025-11-04", "crime of rebellion")}
    assert len(sides) == 3  # three accounts, each with its own words


FLIGHT_RISK = "risk of flight"


def test_the_flight_risk_argument_is_filed_under_the_trial(graph):
    for x in graph.briefing.exchanges:
        for p in x.positions:
            for c in p.claims:
                if FLIGHT_RISK in _quotes(c):
                    assert "case against Chávez" in x.topic, x.topic
    assert not any("safe passage" in x.topic.lower() and any(FLIGHT_RISK in _quotes(c) for p in x.positions
                                                             for c in p.claims) for x in graph.briefing.exchanges)
    for q in graph.of(QUESTION):
        if any(FLIGHT_RISK in _quotes(c) for c in q.known):
            assert q.id == "chavez-trial", q.id


# A treaty provision as the site quotes or paraphrases it keeps its conditions: (words the source has,
# words the paraphrase must keep). Claims, provision headings and the glossary's tooltips alike.
CONDITIONS = [
    ("shall be respected by the territorial State", "in accordance with the provisions"),  # Article I
    ("It is not lawful to grant asylum", "at the time of requesting it"),  # Article III
    ("puede pedir la salida", "may ask"),  # Article XII: the asylum State's request comes first
    ("no fuere posible por motivos ajenos", "beyond the will"),  # Article XIX
    ("Recommends that, without prejudice", "without prejudice"),  # resolution 2312
    ("Recognizing that the grant of asylum by a State to persons entitled", "entitled to invoke article 14"),
    ("when the number of the latter exceeds", "capacity"),  # Article I: premises for asylees
    ("who may not try them", "may not try them"),  # Article III: those surrendered
    ("have been convicted by competent regular courts", "by competent regular courts"),  # Article III (A5, D1)
    ("who de facto enter a place that is suitable", "de facto"),  # Article III, second paragraph (D1)
    ("en forma ante tribunales ordinarios competentes", "en forma ante tribunales ordinarios competentes"),  # (D1)
    ("con las garantías establecidas en ella", "guarantees"),  # Article XIX (D8)
    ("Si esto último tampoco fuere posible", "if that too is not possible"),  # Article XIX: the order (D8)
    ("Everyone has the right to seek and to enjoy in other countries", "in other countries"),  # resolution 2312 (D3)
    ("may not constitute a place of asylum", "may not constitute a place of asylum"),  # Article I (D7)
]


def _paraphrases(graph):
    """(where, text, quotes) for every claim in the site's or an outlet's voice or the briefing's reading (a
    side's own words are theirs), and every provision heading."""
    for rid, claim in claims(graph, positions=False):
        if not claim.said_by:
            yield rid, claim.text, _quotes(claim)
    for instrument in graph.of(INSTRUMENT):
        for p in instrument.provisions:
            yield p.id, p.topic, " ".join(q.quote for q in p.quotes)


@pytest.mark.parametrize("source_words, kept", CONDITIONS)
def test_no_treaty_paraphrase_drops_a_condition(graph, source_words, kept):
    found = [(where, text) for where, text, quotes in _paraphrases(graph) if source_words in quotes
             and not text.startswith('"')]  # a whole quotation is the source's, not a paraphrase
    assert found, source_words
    for where, text in found:
        assert kept in " ".join(text.split()), (where, text)


def test_the_diplomatic_asylum_tooltip_keeps_in_accordance_with_the_convention(graph, site):
    # (D6) Article I is a rule, not a definition: the tooltip says no source defines the term, and gives the rule
    # with its condition and Article III's exclusion, which is what Peru says its review weighs
    tip = glossary.tooltips(graph)["diplomatic asylum"]
    # (round eight, C-F1) marked as the editors' reading: no source defines the term
    assert tip.startswith("This briefing's reading: No archived source defines the term. Article I of the "
                          "Convention on Diplomatic Asylum")
    assert "in accordance with the provisions of the Convention" in tip
    assert "its Article III says it is not lawful to grant asylum" in tip and "clearly of a political nature" in tip
    assert "*[diplomatic asylum]: " + tip in site.pages["index.md"]


def test_d6_every_tooltip_is_its_whole_explanation_and_keeps_its_treatys_conditions(graph):
    # a tooltip is the term's first explanation whole (no cut), and CONDITIONS holds for it as for any paraphrase
    from briefing.pages.voice import plain

    tips = glossary.tooltips(graph)
    assert tips
    for term in graph.of(TERM):
        if term.explained:
            assert tips[term.term] == " ".join(plain(term.explained[0], graph).split()), term.id
            quotes = _quotes(term.explained[0])
            for source_words, kept in CONDITIONS:
                if source_words in quotes:
                    assert kept in tips[term.term], (term.id, kept)


def test_cuts_in_the_archived_treaty_text_are_marked(graph):
    topics = {p.id: " ".join(p.topic.split()) for i in graph.of(INSTRUMENT) for p in i.provisions}
    assert '"for the peri"' in topics["caracas-art-5"] and "breaks off" in topics["caracas-art-5"]
    assert "salvocondu" in topics["caracas-art-12"] and "breaks off" in topics["caracas-art-12"]
    for where, text, quotes in _paraphrases(graph):
        if "las garantías necesarias" in quotes and where != "caracas-art-12":
            assert "salvocondu" in text and re.search(r"breaks off|copy ends", text), (where, text)


def test_each_exchange_pairs_a_charge_with_its_answer(graph):
    # one Peruvian position and one answering position per exchange, Peru's first: a selection of pairs
    # (the brief's) can then never give one government's case without the other's answer
    for x in graph.briefing.exchanges:
        sides = [side(graph, p.holder) for p in x.positions]
        if "case against Chávez" in x.topic:  # the accusation and the accused's answer
            assert [p.holder for p in x.positions] == ["prosecution-peru", "betssy-chavez"]
        else:
            assert sides == ["peru", "mexico"], (x.topic, sides)
    topics = " ".join(x.topic for x in graph.briefing.exchanges)
    assert "coup" in topics and "persona non grata" in topics and "determines the nature" in topics \
        and "interfering" in topics


def test_the_brief_gives_both_governments_a_like_share(graph, edition):
    """In each language: a translation may take more words for one side's case than for the other's."""
    site = edition
    brief = site.pages["brief.md"].split("## " + said(site, "Each side's case"))[1].split("\n## ")[0]
    local = site.plan.graph  # names as the edition gives them (an institution's is translated)
    names = {local.get(r.id).name: side(graph, r.id) for k in (PERSON, INSTITUTION) for r in graph.of(k)}
    words = {"peru": 0, "mexico": 0}
    for name, text in re.findall(r"^- \*\*(.+?):\*\* (.*)$", brief, re.MULTILINE):
        if names.get(name) in words:
            words[names[name]] += len(re.findall(r"\w+", re.sub(r"\[\^\d+\]", "", text)))
    assert min(words.values()) > 0 and max(words.values()) <= 1.5 * min(words.values()), words


def test_the_rebellion_trial_and_the_review_are_attributed(graph):
    phrased, review = [], []
    for rid, claim in claims(graph, positions=False):
        text = " ".join(claim.text.split())
        if any(words in text for words in ("rebellion trial", "co-author of the crime of rebellion",
                                           "serious legal charges")):
            phrased.append((rid, claim))
        if "legal experts are urgently reviewing that convention" in _quotes(claim) and "told Reuters" not in text:
            review.append((rid, claim))
    assert phrased and review
    # (round eight, C-F3) a reading may set the reports' charges side by side, each in their quoted words
    assert all(c.voice == "outlet" or c.said_by or (c.voice == "reading" and '"co-author of the crime of rebellion'
                                                     in " ".join(c.text.split())) for _rid, c in phrased), phrased
    assert all(c.said_by == ["hugo-de-zela"] for _rid, c in review), review


def test_readings_of_the_convention_carry_their_caveats(graph):
    readings = [(rid, c, " ".join(c.text.split())) for rid, c in claims(graph) if c.voice == "reading"]
    residence = [t for _r, c, t in readings if "residence of chiefs of mission" in _quotes(c)]
    assert residence and all("do not say whether that residence" in t for t in residence)
    # those that bear Article III on the case (the glossary's summary of the articles does not: round eight)
    article_iii = [t for _r, c, t in readings if "It is not lawful to grant asylum" in _quotes(c)
                   and not t.startswith("No archived source defines the term")]
    assert len(article_iii) >= 2 and all("common or political" in t for t in article_iii)
    article_xii = [t for _r, c, t in readings if "puede pedir la salida" in _quotes(c)]
    assert len(article_xii) >= 2 and all("do not report that Mexico" in t for t in article_xii)
    assert not any(re.search(r"\bIn 1949 Peru declined", c.text) for _rid, c in claims(graph))


@pytest.mark.parametrize("kind, words", [("number", "up to 25 years"), ("fact", "initiation of the asylum process"),
                                         ("fact", "usurper")])
def test_the_reports_differences_have_entries(graph, kind, words):
    found = [d for d in graph.of(DISCREPANCY) if d.kind == kind
             and any(words in c.quote for a in d.accounts for c in a.cite)]
    assert len(found) == 1, words
    assert len({c.source for a in found[0].accounts for c in a.cite}) >= 2


def test_the_summary_gives_both_sides_view_of_december_2022(graph):
    summary = [" ".join(c.text.split()) for c in graph.briefing.summary]
    both = [t for t in summary if '"the failed coup attempt"' in t and "coup d'état" in t]
    assert both  # Peru's governments' words and Mexico's presidents', in one sentence of fact about who says what
    assert not any(c.said_by and "coup d'état" in c.text and "failed coup" not in c.text
                   for c in graph.briefing.summary)


def test_an_interview_holds_only_what_was_said_in_it(graph):
    # De Zela's undated interview: his words and a report's own line on the same review, not the trade figure
    for claim in graph.get("de-zela-legal-review").claims:
        assert claim.said_by == ["hugo-de-zela"] or claim.voice == "outlet", claim.text


def test_seeking_refuge_in_an_embassy_does_nothing_to_it(graph):
    rels = {(a, label, b) for a, label, b, _events in charts.relations(graph)}
    assert ("betssy-chavez", charts.ACTED_ON, "mexican-embassy-lima") not in rels
    assert "mexican-embassy-lima" in graph.get("chavez-enters-mexican-embassy").who.involved


# 9. What each source is (issue 19, point 7) ------------------------------------------------------
# Each news report's page says what its own text says about where it came from, in the text's words,
# checked against the archived text; what is not known is said once, never as a row of "unknown".

NEWS = ("peru-cuts-ties", "persona-non-grata-vote", "mexico-rejects-break", "la-jornada-2025-11-04", "standoff-deepens")

SAYS = {  # source: (label as the page gives it, the text's own words), read from seeds/000_*.txt ... 004_*.txt
    "peru-cuts-ties": [("Headline", "Peru Cuts Diplomatic Ties with Mexico Over Asylum for Ex-PM")],
    "persona-non-grata-vote": [
        ("Headline", "Peru Declares Mexico’s President Persona Non Grata as Asylum Dispute Deepens Diplomatic Rift"),
        ("Byline", "Written By Rodney Mbua"), ("Credit", "Source: Reuters"),
        ("Photo credit", "REUTERS/Henry Romero/File Photo")],
    "mexico-rejects-break": [("Headline", "Mexico Rejects Peru's Decision to Break Diplomatic Ties"),
                             ("Dated", "Politics Events Country 2025-11-04T07:07:06+00:00")],
    "la-jornada-2025-11-04": [
        ("Headline", "Mexican Foreign Ministry: Peru Breaking Relations is a Disproportionate Action"),
        ("Dateline", "Lima. Peru announced yesterday"),
        ("First appeared", "This article originally appeared in the November 4, 2025 edition of La Jornada"),
        ("Not the source's own text, from", "The Return of Large Scale Mining in Mexico")],  # the site's teasers
    "standoff-deepens": [("Headline", "Peru Severs Ties With Mexico As Political Standoff Deepens")],
}

LEADS = {  # what the page says the source is, and what is not known, in one paragraph
    "peru-cuts-ties": "A news report in English. The archived copy names no outlet, author or publication date, "
                      "and the address it was copied from is not recorded.",
    "persona-non-grata-vote": "A news report in English by Rodney Mbua. It names Reuters as its source. The archived "
                              "copy names no outlet or publication date, and the address it was copied from is not "
                              "recorded.",
    "mexico-rejects-break": "A news report in English. Published on 4 November 2025, going by the date the copy "
                            "prints. The archived copy names no "  # (fact-check 20: a timestamp, unlabelled)
                            "outlet or author, and the address it was copied from is not recorded.",
    "la-jornada-2025-11-04": "A news report in English, republished by a site the copy does not name. "
                             "It says the original first appeared in La Jornada on 4 November 2025. "
                             "The archived copy names no outlet, author or publication date of its own, and the "
                             "address it was copied from is not recorded.",
    "standoff-deepens": "A news report in English. The archived copy names no outlet, author or publication date, "
                        "and the address it was copied from is not recorded.",
}

FOOTNOTE_NAMES = {
    "peru-cuts-ties": "The report “Peru Cuts Diplomatic Ties with Mexico”",
    "persona-non-grata-vote": "Rodney Mbua’s report (source: Reuters)",
    "mexico-rejects-break": "The report “Mexico Rejects Peru's Decision to Break Diplomatic Ties”, 4 November 2025",
    "la-jornada-2025-11-04": "La Jornada (4 November 2025), republished in English",  # the words are a translator's
    "standoff-deepens": "The report “Peru Severs Ties With Mexico”",
}


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _furniture(page: str) -> str:
    """A source page without its archived text: what the page itself says."""
    before, rest = page.split('<div class="briefing-archived"', 1)
    return before + rest.split("</div>", 1)[1]


def test_no_source_page_has_a_row_of_unknown(graph, edition):
    site = edition
    pages = [site.pages[f"sources/{s.id}.md"] for s in graph.of(SOURCE)]
    assert len(pages) == 12
    for page in [*pages, site.pages["sources/index.md"]]:
        assert not re.search(r"\|\s*unknown\s*\|", page), page[:80]
    for source, page in zip(graph.of(SOURCE), pages, strict=True):
        says = _furniture(page)
        assert "unknown" not in says.lower() and said(site, "Not known:") not in says, source.id
        assert "Not known:" not in says, source.id
        assert "seeds/" not in says, source.id  # no repository path a reader cannot open


@pytest.mark.parametrize("sid", NEWS)
def test_each_news_report_gives_what_its_text_says_about_itself(graph, site, sid):
    page = site.pages[f"sources/{sid}.md"].split("\n---\n", 1)[1]  # after the front matter
    text = _unescaped(page)
    lines = [ln for ln in page.splitlines() if ln.strip()]
    assert _unescaped(lines[1]) == LEADS[sid]  # first thing under the headline: what it is, what is not known
    assert text.count("The archived copy names no") == 1  # said once
    own_words = text.split("**In its own words**", 1)[1].split("**The archived", 1)[0]
    listed = re.findall(r"^- \*\*([^*]+):\*\* (.*)$", own_words, re.MULTILINE)
    assert [label for label, _words in listed] == [label for label, _words in SAYS[sid]]
    archive = graph.archives[sid]
    for (label, words), (_label, shown) in zip(SAYS[sid], listed, strict=True):
        assert archive.contains(words), (sid, words)  # the text's own words
        linked = re.search(r"\]\(#(q-[0-9a-f]{6})\)", shown)  # linked to the words, marked below
        assert linked, (sid, label)
        anchor = linked.group(1)
        assert re.search(rf'<mark id="{anchor}" class="briefing-passage">', page), (sid, label)
        if label == "Headline":
            assert graph.get(sid).title == words and "the title above" in shown
        else:
            assert f"“{words}”" in shown, (sid, label, shown)
    assert "[on this page, above](#archived-text)" in page and 'id="archived-text"' in page


def test_every_word_a_source_page_gives_about_its_source_is_checked(graph):
    from briefing.facts.said import writes_date

    checked = 0
    for source in graph.of(SOURCE):
        for _name, _label, said in source.said():
            assert graph.archives[source.id].contains(said.quote), (source.id, said.quote)
            assert said.text is None or said.text in said.quote, (source.id, said.text)
            assert said.date is None or writes_date(said.quote, said.date), (source.id, said.date)
            checked += 1
    assert checked == 13  # 12 in the five news reports (where La Jornada's page's teasers start too), 1 in the ICJ's
    # the summary fields agree with the source's words or the archive's header; none is invented
    for source in graph.of(SOURCE):
        header = graph.archives[source.id].header
        bylines = [b.value for b in source.byline]
        assert source.author == "unknown" or source.author in bylines or source.author == header.get("author")
        assert source.published == "unknown" or source.published in (
            source.dated.date if source.dated else None, header.get("published")), source.id
        assert source.url is None or source.url == header.get("url"), source.id
        assert source.outlet == "unknown" or fold(source.outlet.split(" (")[0]) in fold(header.get("publisher", "")), \
            source.id
    assert {s.id for s in graph.of(SOURCE) if s.outlet == "unknown"} == set(NEWS)  # no news outlet is named


def test_a_wrong_word_about_a_source_is_a_build_error_at_its_line(tmp_path):
    from conftest import copy_project

    project = copy_project(ROOT, tmp_path / "real")
    sources = project / "facts/sources.yaml"
    text = sources.read_text(encoding="utf-8")
    line = text.splitlines().index("    quote: Lima. Peru announced yesterday") + 1
    sources.write_text(text.replace("    text: Lima\n", "    text: LIMA\n").replace(
        "    date: 2025-11-04\n    quote: This article", "    date: 2025-11-03\n    quote: This article"),
        encoding="utf-8")
    with pytest.raises(FactsInvalid) as raised:
        load_graph(project / "facts", project / "seeds", display_root=project)
    found = [(p.file, p.line, p.col, p.code.value) for p in raised.value.problems.sorted()]
    events = (project / "facts/events.yaml").read_text(encoding="utf-8").splitlines()
    vidarte = events.index("- id: vidarte-says-peru-must-allow-exit") + 2  # its date, 4 November: the report's
    assert found == [("facts/events.yaml", vidarte, 9, "after-its-source"),
                     ("facts/sources.yaml", line - 1, 11, "source-says-otherwise"),
                     ("facts/sources.yaml", line + 3, 11, "source-says-otherwise")], found


def _footnote_names(site) -> dict[str, set[str]]:
    """source id: how the site's footnotes name it (a quote from the text a page carries after the source's
    own, La Jornada's page's teasers, aside: test_a_teaser_after_the_la_jornada_article_...)."""
    teasers = said(site, "{source}: the archived page, after the source's own text (not dated)")
    names: dict[str, set[str]] = {}
    for page in site.pages.values():
        notes = page.split("\n[^1]:", 1)[1].split("\n\n*[", 1)[0] if "\n[^1]:" in page else ""
        # every source a note names: a note may give several, one per list item (or, sources only, on one line)
        for name, sid in re.findall(r"\[((?:[^\]\\]|\\.)+)\]\((?:\.\./)*sources/([a-z0-9-]+)\.md", notes):
            if _unescaped(name) != teasers.format(source="La Jornada"):
                names.setdefault(sid, set()).add(_unescaped(name))
    return names


def test_footnotes_name_the_source_with_its_date_where_known(graph, site):
    names = _footnote_names(site)
    for sid, name in FOOTNOTE_NAMES.items():
        assert names.get(sid) == {name}, (sid, names.get(sid))
    for sid in NEWS:  # not only a headline
        assert graph.get(sid).title not in names[sid]


def test_spanish_footnotes_name_each_source_one_way_with_its_spanish_date(graph, site, spanish):
    names = _footnote_names(spanish)
    assert set(names) == set(_footnote_names(site))  # the same sources cited
    for sid, found in names.items():
        assert len(found) == 1, (sid, found)
    assert names["la-jornada-2025-11-04"] == {"La Jornada (4 de noviembre de 2025), en una republicación en inglés"}
    assert next(iter(names["mexico-rejects-break"])).endswith(", 4 de noviembre de 2025")
    for sid in NEWS:
        assert graph.get(sid).title not in names[sid]


@pytest.mark.parametrize(("event", "words"), [
    ("peru-breaks-relations", "Peru's side acted"),  # Peru and its government
    ("ornelas-given-deadline", "Peru's side acted"),  # its Foreign Minister, through his post
    ("sre-rejects-break", "Mexico's side acted"),
    ("act-of-lima-1949", "Peru's side and others acted"),  # with Colombia
    ("icj-order-mexico-v-ecuador", "Neither side acted"),
    ("de-zela-legal-review", "Peru's side acted"),  # the review "we've asked" for: Peru's government (B1)
    # a professor who only spoke (the event is a newspaper's report of his post: round fifteen, A-F1)
    ("vidarte-says-peru-must-allow-exit", "No one is recorded as acting"),
    # a former prime minister whose post ended in 2022 does not act for Peru
    ("chavez-enters-mexican-embassy", "Neither side acted"),
    ("chavez-released", "No one is recorded as acting"),
])
def test_each_move_on_the_timeline_follows_from_who_acted_and_for_whom(graph, site, event, words):
    """The mark beside an entry says whose move it was only as the facts give it (facts/sides.py acts_for):
    being Peruvian is not acting for Peru's side."""
    entry = site.pages["timeline.md"].split(f"{{ #{event} }}", 1)[1].split("\n#### ", 1)[0]
    assert re.findall(r'<span class="briefing-move[^>]*>.*?</svg>(.*?)</span>', entry) == [escape_md(words)]


# 10. The fact-check of the built site (notes/factcheck A-D) ---------------------------------------
# Each test names its finding: A (home, brief, questions, differences), B (timeline, relations), C (people
# and institutions), D (legal pages, glossary, sources).


def _said(claim) -> bool:
    """Whether a claim is someone's words or an outlet's, not the site's own voice."""
    return bool(claim.said_by) or claim.voice in ("outlet", "reading")


def test_a1_an_outlets_paraphrase_is_never_in_quotation_marks(graph):
    # "considering that he was the one who actually suffered a coup d'état": the report's words about the two
    # presidents' view, not words either of them said
    for rid, claim in claims(graph):
        for segment in quoted_segments(claim.text):
            assert "suffered a coup" not in segment, (rid, claim.text)
    [summary] = [" ".join(c.text.split()) for c in graph.briefing.summary if "suffered a coup" in c.text]
    assert "two reports relate" in summary  # (fact-check 2, A2: test_f2_a2_...)


def test_a2_the_failed_coup_attempt_is_not_the_sites_name_for_castillos_removal(graph):
    # La Jornada glosses the Foreign Ministry's "the failed coup attempt" as the governments' name for "the
    # overthrow of Castillo"; Peru's own words are of a coup Castillo attempted. Only an outlet may say the former.
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split())
        if "failed coup attempt" in text and re.search(r"removal|overthrow|ouster|ended Castillo's presidency", text):
            assert claim.voice == "outlet", (rid, text)
    [summary] = [" ".join(c.text.split()) for c in graph.briefing.summary if "failed coup attempt" in c.text]
    assert summary.startswith('Peru\'s Foreign Ministry speaks of "the failed coup attempt"')  # its own words
    exchange = next(x for x in graph.briefing.exchanges if x.topic.startswith("December 2022"))
    peru = " ".join(exchange.positions[0].claims[0].text.split())
    assert "attempted by former President Pedro Castillo" in peru and "ended Castillo's presidency" not in peru


def test_a3_the_2023_recall_stays_temporary(graph):
    recalls = [(rid, c) for rid, c in claims(graph) if "Peru temporarily recalled its ambassador" in _quotes(c)]
    assert len(recalls) >= 2  # the home page's summary and the timeline
    for rid, claim in recalls:
        assert "temporarily" in claim.text, (rid, claim.text)


def test_a6_who_determines_the_nature_of_the_offence_in_article_ivs_words(graph):
    topics = [" ".join(x.topic.split()) for x in graph.briefing.exchanges]
    asked = [t for t in topics if "Chávez accused" in t]
    assert asked == ["What is Chávez accused of, and who determines the nature of the offence or the motives for "
                     "the persecution under the Convention?"]
    assert not any("qualifies the offence" in t for t in topics)


def test_a7_the_vote_is_given_with_congresss_grounds_and_mexicos_answer(graph, site):
    for claims_ in (graph.briefing.lead, graph.briefing.summary):
        # (round six) the vote and Mexico's "swift" rejection are two claims: the rejection is Rodney Mbua's
        [vote] = [c for c in claims_ if "persona non grata" in c.text and "hostile position" in c.text]
        [answer] = [c for c in claims_ if "swiftly rejected" in c.text]
        assert "Peruvian lawmakers accused Sheinbaum" in _quotes(vote)
        assert "in strict accordance with international law" in _quotes(answer) and answer.voice == "outlet"
        assert "hostile position towards Peru" in vote.text and "in strict accordance" in answer.text
    brief = site.pages["brief.md"]
    assert "hostile position towards Peru" in brief


def test_a_j3_the_box_says_whose_word_the_consular_relations_are(graph):
    [now] = graph.briefing.glance.now
    assert " ".join(now.text.split()).endswith("consular relations remain in place, Foreign Minister de Zela said.")


def test_a4_the_note_on_the_presidents_titles_matches_its_rows(graph):
    note = " ".join(graph.get("presidents-legitimacy").note.split())
    assert "without qualification" not in note
    for words in ('"the transitional president of Peru"', '"Peru\'s new conservative President"',
                  "neither calls Boluarte president", '"Castillo\'s conservative successor"'):
        assert words in note, words


def test_a_j12_the_charges_note_counts_every_report_that_names_one(graph):
    note = " ".join(graph.get("chavez-charges").note.split())
    assert note.startswith("Three reports name the charges")


def test_d1_d7_every_paragraph_of_an_article_the_primary_text_holds_is_quoted_under_it(graph):
    # The OAS copy holds Articles I to IV whole: each provision from it quotes every paragraph of its article
    # (Article I's third paragraph, on war vessels under repair, was left out unmarked)
    archive = graph.archives["caracas-1954-en-oas"]
    body = " ".join(archive.body.split())
    articles = dict(re.findall(r"Article (I{1,3}|IV) (.*?)(?= Article [IVX]+ |$)", body))
    assert set(articles) == {"I", "II", "III", "IV"}
    provisions = {p.article: p for i in graph.of(INSTRUMENT) for p in i.provisions}
    for number, text in articles.items():
        quoted = " ".join(" ".join(q.quote.split()) for q in provisions[f"Article {number}"].quotes
                          if q.source == "caracas-1954-en-oas")
        for sentence in re.split(r"(?<=\.) ", text):
            assert fold(sentence) in fold(quoted), (number, sentence)


def test_d3_d7_d8_headings_keep_the_conditions_the_fact_check_found_dropped(graph):
    topics = {p.id: " ".join(p.topic.split()) for i in graph.of(INSTRUMENT) for p in i.provisions}
    assert "by competent regular courts" in topics["caracas-art-3"] and "de facto" in topics["caracas-art-3"]
    assert "with the guarantees the Convention establishes, or, if that too is not possible" in topics["caracas-art-19"]
    assert "in other countries" in topics["unga-2312-preamble-udhr-article-14"]
    assert "for repair may not constitute a place of asylum" in topics["caracas-art-1"]


def test_d4_the_legal_index_sums_up_a_text_by_what_it_is_not_by_a_partys_statement(site):
    index = site.pages["legal/index.md"]
    for part in index.split("\n## ")[1:]:
        # under the heading, the kind line and the list of archived copies (round twelve, C-F3)
        summary = next(p for p in part.split("\n\n")[2:] if not p.startswith(("Archived texts", "- ", "*No text")))
        if "resolution 2312" in part.split("\n", 1)[0]:
            assert summary.startswith("The archived Declaration\'s preamble says"), summary
        if "Caracas, 1954" in part.split("\n", 1)[0]:
            assert "Secretariat of Foreign Relations" not in summary, summary


def test_d9_the_procedure_mexico_invokes_is_the_laws(graph):
    found = [(rid, c) for rid, c in claims(graph) if "procedure established for it" in c.text]
    assert len(found) >= 3
    for rid, claim in found:
        assert "Law on Refugees" in claim.text, (rid, claim.text)


def test_d10_mexicos_list_of_breached_instruments_is_cut_where_the_copy_breaks_off(graph):
    found = [(rid, c) for rid, c in claims(graph) if "Article 3 (i)" in c.text]
    assert found
    for rid, claim in found:
        assert '"Article 2 of the Pa"' in claim.text and "breaks off" in claim.text, (rid, claim.text)


def test_a_j10_and_c_the_1949_case_is_argued_under_the_havana_convention(graph):
    [haya] = [c for c in graph.get("safe-passage").known if "Haya de la Torre" in c.text]
    assert "1928 Havana Convention" in haya.text and "before he was able to leave" in haya.text
    case = graph.get("asylum-case-colombia-peru-1950")
    for position in case.positions:  # the parties' arguments, not the Court's holding
        for claim in position.claims:
            assert claim.text.startswith(f"{graph.get(position.holder).name} argued"), claim.text


def test_b2_a_reports_own_date_of_first_appearance_bounds_what_it_reports(graph, site):
    # La Jornada's text says it "originally appeared in the November 4, 2025 edition": what it reports came no
    # later than that. (Round fifteen, A-F1: Vidarte's undated post stood after the 3 November events at that bound;
    # the event is now the report itself, dated by the edition, and its entry says the post is not dated.)
    assert graph.get("la-jornada-2025-11-04").appeared() == "2025-11-04"
    vidarte = graph.get("vidarte-says-peru-must-allow-exit")
    assert vidarte.date == "2025-11-04" and not vidarte.approximate and not vidarte.after and not vidarte.before
    # (round twenty-four, C-F1) the report it relays is La República's
    assert vidarte.title.startswith("La Jornada, citing La República, relays expert Óscar Vidarte's view")
    assert "His post itself is not dated" in " ".join(vidarte.date_basis.split())
    order = [e.id for e in graph.events_by_date]
    assert order.index("sre-rejects-break") < order.index("vidarte-says-peru-must-allow-exit") < \
        order.index("sheinbaum-persona-non-grata")


def test_b2_a_date_past_a_reports_first_appearance_is_a_build_error(tmp_path):
    from conftest import copy_project

    project = copy_project(ROOT, tmp_path / "real")
    events = project / "facts/events.yaml"
    text = events.read_text(encoding="utf-8")
    start = text.index("- id: vidarte-says-peru-must-allow-exit")
    line = text[:start].count("\n") + 2  # its date
    events.write_text(text[:start] + text[start:].replace("  date: 2025-11-04\n", "  date: 2025-11-05\n", 1),
                      encoding="utf-8")
    with pytest.raises(FactsInvalid) as raised:
        load_graph(project / "facts", project / "seeds", display_root=project)
    found = [(p.file, p.line, p.code.value) for p in raised.value.problems.sorted()]
    assert found == [("facts/events.yaml", line, "after-its-source")], found


def test_b3_c2_awaiting_sentencing_is_one_reports(graph):
    found = [(rid, c) for rid, c in claims(graph) if "awaiting sentencing" in _quotes(c)]
    assert len(found) >= 4
    for rid, claim in found:
        assert claim.voice == "outlet" or claim.said_by, (rid, claim.text)


def test_c2_the_prosecution_page_keeps_the_reports_subject(graph):
    # "Betsi Chávez Chino, ..., who is being prosecuted along with him": Chávez is prosecuted along with Castillo
    for rid, claim in claims(graph):
        if "prosecuted along with him" in _quotes(claim):
            assert not claim.text.startswith("Castillo is being prosecuted"), (rid, claim.text)


def test_b4_following_which_is_a_sequence_not_a_cause(graph):
    for record in [*graph.of(EVENT), *graph.of(INSTRUMENT)]:
        quoted = " ".join(q.quote for _p, _n, v, _k in walk(record) if hasattr(v, "quote") for q in [v])
        if "following which" in quoted:
            texts = [getattr(record, "title", "")] + [c.text for _rid, c in claims(graph) if _rid == record.id]
            for text in texts:
                assert not re.search(r"\blead(ing|s)? to\b|\bled to\b", text), (record.id, text)


def test_b8_no_event_or_difference_id_is_shown_as_text(graph, site):
    ids = {r.id for k in (EVENT, DISCREPANCY) for r in graph.of(k)}
    for path, page in site.pages.items():
        if path == "reference.md":  # the editors' reference, where ids are what it documents
            continue
        text = re.sub(r"\]\([^)]*\)", "]", page)  # link targets, anchors and attributes may hold ids
        text = _unescaped(re.sub(r"\{ #[^}]*\}|=\"[^\"]*\"", "", text))
        for rid in ids:
            assert not re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w-])", text), (path, rid)


def test_b5_the_relationship_view_groups_by_state_not_by_side(site):
    # the timeline's rule: a side's move is an act for that side (sides.acts_for); belonging to a state is not
    # acting for it, so the cast's groups are the states (Chávez, a professor, a former president: "Peru")
    page = site.pages["relations.md"]
    figure = page.split('<figure class="briefing-chart briefing-relmap', 1)[1].split("</figure>")[0]
    heads = re.findall(r'<div class="rm-group[^"]*"><p class="rm-head">([^<]*)</p>', figure)
    assert heads == ["Peru", "Mexico", "Others"]
    assert "Who belongs to which state" in figure and "side" not in " ".join(re.findall(r"<li>.*?</li>", figure.split(
        'aria-label="Legend"')[1])).replace("of different sides", "")


def test_b6_b7_a_role_that_had_ended_is_held_not_holds(graph, site):
    rels = {(a, label, b) for a, label, b, _e in charts.relations(graph)}
    assert ("pablo-monroy", rel.HELD, "mexican-embassy-lima") in rels  # ambassador until December 2022
    assert ("jose-jeri", rel.HELD, "congress-peru") in rels  # "which he himself presided over"
    # (round six) no source says whether he was still the foreign minister after the reports of 6 November
    assert ("hugo-de-zela", rel.REPORTED, "foreign-ministry-peru") in rels
    for person in graph.of(PERSON):
        for role in person.roles:
            if role.org and role.over(graph.briefing.as_of):
                assert (person.id, rel.ROLE, role.org) not in rels or any(
                    r.org == role.org and not r.over(graph.briefing.as_of) for r in person.roles), (person.id, role)
    for rid in ("jose-jeri", "dina-boluarte"):  # the sources speak of the post as past, and give no end date
        page = site.pages[f"people/{rid}.md"]  # (round eleven, B-F7) but bound it: ended by 10 October 2025
        assert "| ended by 10 October 2025 \\(day not given\\) |" in page, rid
    assert "| holds a role in | [Congress of Peru]" not in site.pages["relations.md"]


def test_c1_chavezs_premiership_ends_with_castillos_presidency_as_its_citations_show(graph):
    [role] = graph.get("betssy-chavez").roles
    assert role.end == "2022-12" and role.start is None  # "(2021-2022)" dates Castillo's government, not her post
    quotes = _quotes(role)
    assert "the last prime minister under ousted former President Pedro Castillo" in quotes
    assert "who was ousted in December 2022" in quotes


def test_c3_no_page_says_the_courts_judgments_got_haya_de_la_torre_out(graph):
    for rid, claim in claims(graph):
        if "before he was able to leave" in _quotes(claim):
            text = " ".join(claim.text.split())
            assert not re.search(r"\bleft (only )?after\b", text), (rid, text)
            assert "five years, four months" in text, (rid, text)


def test_c5_also_written_lists_only_names_the_sources_use(graph, site):
    texts = [normalise(a.body).casefold() for a in graph.archives.values()]
    for kind in (PERSON, INSTITUTION, TERM):
        for record in graph.of(kind):
            for alias in record.aliases:
                assert any(normalise(alias).casefold() in t for t in texts), (record.id, alias)
    assert graph.get("icj").search_as == ["ICJ"]  # an acronym readers type, searchable but not shown as a spelling
    assert "ICJ" in site.search_aliases()["institutions/icj/"]
    assert "**Also written:**" not in site.pages["institutions/icj.md"]


def test_c4_article_xix_is_never_given_as_its_first_rule_alone(graph):
    # leaving with the asylees is the first of three steps: a paraphrase gives the others, or says it stops
    for where, text, quotes in _paraphrases(graph):
        text = " ".join(text.split())
        if "saldrá aquel con los asilados" in quotes and re.search(r"leaves? with the asylees", text):
            assert "third State" in text or "goes on to say" in text, (where, text)


def test_d5_800noticias_is_named_by_its_outlet_and_said_to_quote_the_caracas_convention(graph, site):
    notes = " ".join(graph.get("caracas-1954-es-800noticias").notes.split())
    assert "1954 Caracas Convention" in notes and "not the Vienna Convention" in notes
    page = site.pages["legal/caracas-convention-1954.md"]
    credits = re.findall(r"^> — (.*)$", page, re.MULTILINE)
    assert credits and not any("Viena" in c for c in credits)  # credited to 800Noticias, not to its headline
    assert any(c.startswith("[800Noticias](") for c in credits)


def test_d11_d16_d14_what_the_notes_say_of_each_copy_is_what_the_copy_holds(graph):
    unga = " ".join(graph.get("unga-res-2312").notes.split())
    assert "operative Article 1 is not" not in unga and "the start of Article 1 paragraph 2" in unga
    assert "the start of Article 1 paragraph 2" in graph.archives["unga-res-2312"].header["archived"]
    assert graph.archives["unga-res-2312"].contains("2. The right to seek and to enjoy asylum may not be invoked")
    universo = " ".join(graph.get("caracas-1954-es-el-universo").notes.split())
    assert "headline is not archived" in universo
    # Rodney Mbua's report does not date the break ("just days after"): "other sources", not "the other sources"
    assert "the other sources place" not in graph.get("standoff-deepens").notes


def test_d12_d13_the_method_and_about_pages_say_what_the_archive_and_the_pages_hold(graph):
    method = " ".join((ROOT / "docs/method.md").read_text(encoding="utf-8").split())
    about = " ".join((ROOT / "docs/about.md").read_text(encoding="utf-8").split())
    news = [s.id for s in graph.of(SOURCE) if not graph.get(s.id).file.startswith("legal/")]
    assert len(news) == 5 and all(not graph.archives[sid].header for sid in news)  # no header above their text
    assert all(graph.archives[s.id].header for s in graph.of(SOURCE) if s.id not in news)
    assert "the five news articles are stored without such a header" in method
    assert "every sentence is a *claim*" not in about and "written freehand" not in about
    assert "Every statement of fact about the story on the generated pages is a *claim*" in about


def test_d15_a_note_on_part_of_a_quotation_shows_the_part_it_cites(site):
    page = site.pages["legal/caracas-convention-1954.md"]
    notes = page.split("\n[^1]:", 1)[1]  # the footnotes (a note of several quotes lists each on its own line)
    [note] = [n for n in notes.splitlines() if "sin haber cumplido las penas" in n]
    assert "“sin haber cumplido las penas respectivas\\.\\.\\. salvo que” (within the words quoted under" in note


def test_judgement_calls_taken_up(graph, site):
    home = site.pages["index.md"].split("## In this briefing")[1]
    # (A J14) two of the six instruments have no archived text, and no question is answered yet
    assert "6 legal instruments" in home and "legal texts" not in home
    assert not any(q.status != "open" for q in graph.of(QUESTION)) and "open and answered" not in home
    for inst in graph.of(INSTRUMENT):  # (D) a page with no archived text says so
        page = site.pages[f"legal/{inst.id}.md"]
        assert ("No text of it is archived" in page) == (not inst.texts), inst.id
    # (C) Chávez's page links the difference over "granted" and "offered"
    assert "differences.md#asylum-granted-or-offered" in site.pages["people/betssy-chavez.md"]
    # (B J8) "although Castillo was arrested before he could get to Mexico's embassy" implies an order, no more
    assert "does not say so in terms" in " ".join(graph.get("asylum-2022-grant").note.split())


def test_fc2_c4_both_purposes_of_the_legal_review_are_shown_side_by_side(site):
    """Fact-check round four (C4): the review's purpose is 'the legitimacy of Mexico's move' in De Zela's words
    to Reuters and 'the appropriate course of action' in another report's; the differences page sets both out,
    and De Zela's page leads to it."""
    differences = " ".join(site.pages["differences.md"].split())
    assert "legitimacy of Mexico’s move" in differences and "appropriate course of action" in differences
    assert "What the legal review of the Caracas Convention is to determine" in differences
    assert "legal-review-purpose" in site.pages["people/hugo-de-zela.md"]


def test_fc2_d1_d2_d4_paraphrases_of_articles_iii_and_xii_keep_their_qualifiers(graph, site):
    """Fact-check round four (D1, D2, D4): Article III bars asylum to 'deserters from land, sea, and air forces',
    not to deserters at large; Article XII's departure is 'para territorio extranjero' (for foreign territory)."""
    pages = " ".join(" ".join(text.split()) for text in site.pages.values())
    assert "or to deserters," not in pages and "or to deserters)" not in pages
    assert pages.count("deserters from land, sea and air forces") >= 3  # the glossary, the legal page, a question
    topic = " ".join(next(a.topic for a in graph.get("caracas-convention-1954").provisions
                          if a.id == "caracas-art-12").split())
    assert "departure for foreign territory" in topic


# 11. The second fact-check of the built site (notes/factcheck2 A-B) ---------------------------------------


def test_f2_a1_her_part_in_the_events_of_2022_is_alleged(graph, site):
    # the sources give her part only as the prosecution's accusation: "accuses Chávez ... stemming from her
    # participation", "her alleged involvement", "Castillo's alleged coup attempt"; she denies the accusations.
    # (A position's claims are its holder's case, the prosecution's among them.)
    for rid, claim in claims(graph, positions=False):
        text = " ".join(claim.text.split())
        if re.search(r"\bher (part|participation|role|involvement) in\b", text) and not _said(claim):
            assert re.search(r"\balleged (part|participation|role|involvement)\b|\baccused\b", text), (rid, text)
    for page in ("index.md", "brief.md"):
        assert "prosecuted over her alleged part in the events" in " ".join(site.pages[page].split()), page


def test_f2_a2_mexicos_view_of_the_2022_coup_is_hedged_by_the_reports_that_relate_it(graph, site):
    # two reports relate that Sheinbaum (and López Obrador) hold Castillo suffered a coup: "one report says" gave
    # it less standing than it has, beside Peru's words given flat
    [summary] = [c for c in graph.briefing.summary if "suffered a coup" in c.text]
    text = " ".join(summary.text.split())
    assert "considering, two reports relate, that he was the one who suffered a coup" in text
    assert "one report says" not in text
    assert {c.source for c in summary.cite if "coup" in c.quote and "failed coup attempt" not in c.quote} == {
        "mexico-rejects-break", "standoff-deepens"}
    for page in ("index.md", "brief.md"):
        assert "two reports relate" in site.pages[page], page


def test_f2_a3_b1_no_page_says_both_governments_say_asylum_was_granted(graph, site):
    # only Mexico says in its own words that it granted asylum; Peru's Foreign Ministry relays the Mexican embassy's
    # report, and De Zela's words are reported as asylum "being granted", an "offer", the "initiation" of a process
    # (difference asylum-granted-or-offered): no claim in the site's voice may settle it as both sides' word
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split())
        if "granted" in _quotes(claim) and not _said(claim):
            assert not re.search(r"both governments|both sides", text, re.I), (rid, text)
    [known] = [c for q in graph.of(QUESTION) for c in q.known if "became public on 3 November 2025" in c.text]
    assert " ".join(known.text.split()).startswith("Mexico says it granted her diplomatic asylum, and Peru's Foreign "
                                                   "Ministry relayed the Mexican embassy's report")
    [grant] = graph.get("mexico-grants-asylum-chavez").claims[:1]
    text = " ".join(grant.text.split())
    assert text.startswith("Mexico says it granted") and "differences page" in text
    quotes = _quotes(grant)
    assert "asylum offer" in quotes and "initiation of the asylum process" in quotes
    assert "mexico-grants-asylum-chavez" in graph.get("asylum-granted-or-offered").related
    entry = site.pages["timeline.md"].split("{ #mexico-grants-asylum-chavez }", 1)[1].split("\n#### ", 1)[0]
    assert "both governments" not in entry


def test_f2_b2_the_relations_page_says_its_events_follow_the_timelines_order(graph, site):
    # De Zela's interview and the vote of 6 November: no source says which came first, so "in the order they
    # happened" claimed more than the sources give; the page follows the timeline's order, which says where it is open
    page = site.pages["relations.md"]
    assert "in the order they happened" not in page
    assert "in the order the timeline lists them (where the sources do not fix the order, each says so)" in page
    events = page.split('<ol class="rm-events">', 1)[1].split("</ol>", 1)[0]
    shown = re.findall(r'<li class="rm-event"><p class="rm-head">.*?<a href="\.\./timeline/#([\w-]+)"', events)
    # and where the order is open, the event says so on this page too (fact-check 9, B-F7)
    vote = events.split('timeline/#sheinbaum-persona-non-grata"', 1)[1].split("</li>", 1)[0]
    assert "(the sources do not say whether it came before or after “De Zela says legal experts" in vote
    assert len(shown) > 10
    order = [e.id for e in graph.events_by_date]
    assert shown == [rid for rid in order if rid in shown]


def test_f2_b3_no_source_gives_vidartes_state(graph, site):
    # "a professor ... at the Pontifical Catholic University of Peru" gives his employer, not his state
    assert getattr(graph.get("oscar-vidarte"), "country", None) is None
    rels = {(a, label, b) for a, label, b, _e in charts.relations(graph)}
    assert not any(a == "oscar-vidarte" and b == "peru" for a, _label, b in rels)


# -- round four of the fact-check (issue 20) --------------------------------------------------------


def test_a4_an_event_bounded_by_its_sources_publication_says_so_where_it_is_listed(graph, site, spanish):
    # (round fifteen, A-F1) the report of Vidarte's view is dated 4 November, the edition's day: it stands after
    # the 3 November events and among the latest events, as a report, not as his post
    link = ("La Jornada, citing La República, relays expert Óscar Vidarte's view that Peru must let Chávez leave if "
            "Mexico asks")
    latest = site.pages["index.md"].split("Latest events", 1)[1].split("\n## ", 1)[0]
    assert f"- **4 November 2025**: [{link}]" in latest
    assert latest.index(link) < latest.index("- **3 November 2025**")  # newest first
    assert "the events the sources date to a day or a week; the timeline has every event" in latest
    assert f"- 4 November 2025: [{link}]" in site.pages["people/betssy-chavez.md"]
    assert "- 4 de noviembre de 2025: [La Jornada, citando a La República, recoge la opinión del experto Óscar " \
           "Vidarte" in \
        spanish.pages["people/betssy-chavez.md"]


COUP_PERU = "Peru's government holds that Castillo attempted a coup"
COUP_MEXICO = "suffered a coup d'état"


@pytest.mark.parametrize("page", ["people/pedro-castillo.md", "institutions/congress-peru.md"])
def test_c1_c2_mexicos_coup_claim_stands_beside_perus_position(site, page):
    # Sheinbaum's and López Obrador's "he suffered a coup" was the only view of December 2022 on these pages
    text = " ".join(site.pages[page].split())
    assert COUP_MEXICO in text and COUP_PERU in text, page
    assert '"the failed coup attempt"' in text and '"the coup d\'état attempted by former President' in text


def test_c3_perus_page_gives_perus_reason_for_the_break(site, spanish):
    # Mexico's view of the break (an "excessive and disproportionate" decision) was on Peru's page, Peru's not
    text = " ".join(site.pages["institutions/peru.md"].split())
    assert ('asylum for Chávez "an unfriendly act, which adds to the series of unacceptable acts of '
            'interference"') in text
    assert '"un acto inamistoso, que se suma a la serie' in " ".join(spanish.pages["institutions/peru.md"].split())


def test_d3_the_glossary_quotes_article_xix_with_its_conditions(site):
    # "the territorial State shall respect that asylum" alone read as a duty without the article's steps
    text = " ".join(site.pages["glossary.md"].split())
    assert "ends by saying that the territorial State shall respect" not in text
    assert ("to the mission of a third State party to the Convention" in text
            and "agrees to maintain the asylum; and the territorial State shall respect that asylum" in text)


def test_d5_the_glossary_does_not_choose_between_embassy_and_residence(graph, site):
    # De Zela said "the residence of the Mexican Embassy"; two reports say the embassy: a difference of sources
    text = " ".join(site.pages["glossary.md"].split())
    assert "in its embassy in Lima, is diplomatic asylum" not in text
    assert '"at the residence of the Mexican Embassy in Peru", in De Zela\'s words\\: the sources word it ' \
           'differently' in text
    accounts = [" ".join(a.text.split()) for a in graph.get("asylum-place").accounts]
    assert accounts == ["Mexico's embassy in Lima.", "Mexico's diplomatic compound in Lima.",
                        "The residence of the Mexican Embassy in Peru, in De Zela's words."]


def test_d6_no_1954_tooltip_on_the_page_of_the_1950_asylum_case(graph, site, spanish):
    # the Asylum case (1949-1950) was argued under the 1928 Havana Convention: the tooltip that explains
    # "diplomatic asylum" by the 1954 Caracas Convention's rules must not be on its page, in either edition
    assert glossary.holds_from(graph)["diplomatic asylum"] == "1954-03-28"
    case = "legal/asylum-case-colombia-peru-1950.md"
    assert "diplomatic asylum" in site.pages[case] and "asilo diplomático" in spanish.pages[case]
    assert "*[diplomatic asylum]:" not in site.pages[case]
    assert "*[asilo diplomático]:" not in spanish.pages[case]
    assert "*[diplomatic asylum]: This briefing's reading: No archived source defines the term. Article I of the " \
           "Convention on Diplomatic Asylum (Caracas, 1954)" in site.pages["legal/caracas-convention-1954.md"]


# -- round five of the fact-check, entities (notes/factcheck-B 1-4, 9-14; factcheck-C 2-3) -----------------


def _text(pages, path: str) -> str:
    """A page's words as a reader sees them: links as their text, Markdown's escapes undone."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(pages[path].split()))
    return re.sub(r"\\(.)", r"\1", text)


def _rels(graph) -> dict[tuple[str, str, str], list[str]]:
    return {(a, label, b): events for a, label, b, events in charts.relations(graph)}


def test_r5_b1_colombia_and_peru_never_acted_together_on_the_act_of_lima(graph, site):
    # the two signed the Act of Lima as the opposing parties of the case Colombia then brought against Peru
    rels = _rels(graph)
    assert not any({a, b} == {"colombia", "peru"} and label == rel.TOGETHER for a, label, b in rels)
    event = graph.get("act-of-lima-1949")
    assert event.opponents and set(event.who.acted) == {"colombia", "peru"}
    assert ("act-of-lima-1949", "colombia", "peru") in rel.apart(graph)
    for e in graph.of(EVENT):  # whom the facts call opponents in an event are never said to act together
        if e.opponents:
            assert not any(label == rel.TOGETHER and e.id in events for (_a, label, _b), events in rels.items()), e.id
    page = _text(site.pages, "institutions/colombia.md")
    assert "acted together with" not in page.split("Connections", 1)[1].split("acted together with:", 1)[0]
    assert "Colombia acted in it on one side and Peru on another" in page


def test_r5_b2_the_usurper_remark_speaks_about_boluarte_it_does_not_act_on_her(graph):
    rels = _rels(graph)
    assert ("andres-manuel-lopez-obrador", rel.ACTED_ON, "dina-boluarte") not in rels
    assert rels[("andres-manuel-lopez-obrador", rel.SPOKE, "dina-boluarte")] == ["boluarte-assumes-presidency"]
    usurper = [c for c in graph.get("boluarte-assumes-presidency").claims if "usurper" in c.text]
    assert usurper and "who had assumed the leadership of the Peruvian state" in _quotes(usurper[0])


def test_r5_b3_perus_government_speaks_of_castillos_act_not_of_congresss(graph):
    rels = _rels(graph)
    assert ("government-peru", rel.SPOKE, "congress-peru") not in rels
    for speaker in ("government-peru", "foreign-ministry-peru", "hugo-de-zela"):
        assert rels[(speaker, rel.SPOKE, "pedro-castillo")] == ["castillo-moves-to-dissolve-congress"], speaker
    for speaker in ("claudia-sheinbaum", "andres-manuel-lopez-obrador"):  # they blame Congress
        assert "castillo-ousted" in rels[(speaker, rel.SPOKE, "congress-peru")]
    order = [e.id for e in graph.events_by_date]
    assert order.index("castillo-moves-to-dissolve-congress") < order.index("castillo-ousted")
    quotes = " ".join(_quotes(c) for c in graph.get("castillo-moves-to-dissolve-congress").claims)
    assert "“the failed coup attempt”" in quotes
    assert "the coup d’état attempted by former President Pedro Castillo" in quotes


def test_r5_b4_a_role_no_source_says_continued_is_never_held_now(graph, site, spanish):
    rels = _rels(graph)
    assert ("karla-ornelas", rel.REPORTED, "mexican-embassy-lima") in rels
    assert ("karla-ornelas", rel.ROLE, "mexican-embassy-lima") not in rels
    for person in graph.of(PERSON):
        for role in person.roles:
            if role.uncertain(graph.briefing.as_of) and all(
                    r.uncertain(graph.briefing.as_of) or r.over(graph.briefing.as_of)
                    for r in person.roles if r.org == role.org):
                assert (person.id, rel.ROLE, role.org) not in rels, (person.id, role.title)
    assert "| not reported; held as of 3 November 2025 |" in site.pages["people/karla-ornelas.md"]
    assert "| no se informa; lo ocupaba el 3 de noviembre de 2025 |" in spanish.pages["people/karla-ornelas.md"]
    assert "Karla Ornelas holds a role in" not in _text(site.pages, "relations.md")


CARACAS_UNTIED = ("unfriendly act", "interfer", "denies the accusations", "General Assembly", "humanitarian tradition",
                  "Article 11")


UNTIED_HEADING = "in words the reports do not tie to the Convention"


def test_r5_b9_only_what_a_source_ties_to_the_caracas_convention_is_a_position_on_it(graph, site):
    """Round five B9: words no source ties to the Convention are not shown as a position on it. Round nine C-F2
    (Peru's side on the same points) lists Peru's words under it, each headed as words the reports do not tie to it."""
    caracas = graph.get("caracas-convention-1954")
    assert "foreign-ministry-peru" not in {p.holder for p in caracas.positions if p.concerning is None}
    for pos in caracas.positions:
        for claim in pos.claims:
            untied = any(words in claim.text for words in CARACAS_UNTIED)
            assert not untied or (pos.concerning or "").endswith(UNTIED_HEADING), (pos.holder, claim.text)
    heading = re.compile(r"(On the Convention on Diplomatic Asylum \(Caracas, 1954\):|On [^:]* \(listed under the "
                         r"Convention on Diplomatic Asylum \(Caracas, 1954\)\):)")
    for path in ("institutions/foreign-ministry-peru.md", "people/hugo-de-zela.md", "people/betssy-chavez.md",
                 "institutions/sre.md"):
        text = _text(site.pages, path)
        if "Legal positions" in text:
            held = text.split("Legal positions", 1)[1].split("On the timeline", 1)[0]
            held = held.split("as the reports relay them:", 1)[-1]  # after the line that says whose they are
            caracas_part = held.split("On the Constitution of Mexico, Article 11:", 1)[0]
            assert "Caracas" in caracas_part.split(":", 1)[0] or "On the Convention" not in held, path
            parts = heading.split(caracas_part)
            for head, words in zip(parts[1::2], parts[2::2], strict=True):
                assert UNTIED_HEADING in head or not any(w in words for w in CARACAS_UNTIED), (path, head)


def test_r5_b10_each_sides_charge_on_these_pages_comes_with_the_others_answer(site, spanish):
    answer = ('"cannot be considered an unfriendly act by any other state"',
              '"in no way constitutes an intervention in the internal affairs of Peru"')
    for path in ("institutions/foreign-ministry-peru.md", "people/hugo-de-zela.md", "institutions/peru.md"):
        text = _text(site.pages, path)
        assert re.search(r'"(an )?unfriendly act', text) and all(a in text for a in answer), path
        assert "According to the Secretariat of Foreign Relations of Mexico: In answer" in text, path
    sre = _text(site.pages, "institutions/sre.md")
    assert "According to the Ministry of Foreign Affairs of Peru:" in sre
    assert ('"is an unfriendly act, which adds to the series of unacceptable acts of interference"' in sre
            and '"the Mexican government has been interfering in an inadmissible and systematic manner' in sre)
    assert '"de ninguna manera constituye una intervención' in _text(spanish.pages, "people/hugo-de-zela.md")
    assert '"es un acto inamistoso, que se suma' in _text(spanish.pages, "institutions/sre.md")


def test_r5_b11_the_sre_page_gives_the_1967_declarations_conditions(site):
    text = _text(site.pages, "institutions/sre.md")
    un = text.index("As the UN General Assembly has recognized")
    condition = text.index('"the grant of asylum by a State to persons entitled to invoke article 14 of the Universal '
                           'Declaration of Human Rights"')
    assert un < condition < text.index("What the sources say") + len(text.split("Legal positions", 1)[0])
    assert ("\"may not be invoked in the case of prosecutions genuinely arising from non-political crimes or from acts "
            "contrary to the purposes and principles of the United Nations\"") in text  # its whole condition (round 9)
    # (round 11, B-F5) the recognising clause itself names no kind of asylum: the reading says so, and that the
    # archived words leave open whether it reaches diplomatic asylum, rather than implying it does not
    assert "Those words of recognition name no kind of asylum" in text
    assert "The archived words do not say whether the recognition reaches diplomatic asylum" in text
    assert "whereas the asylum Mexico granted" not in text


def test_r5_b12_the_2022_grant_difference_is_listed_where_the_grant_is(graph, site):
    topic = graph.get("asylum-2022-grant").topic
    assert {"andres-manuel-lopez-obrador", "mexico"} <= set(graph.get("asylum-2022-grant").related)
    for path in ("people/andres-manuel-lopez-obrador.md", "institutions/mexico.md", "people/pedro-castillo.md"):
        assert topic in site.pages[path].split("Where sources differ", 1)[1], path


HAVANA = "arguing that the 1928 Havana Convention, to which both states were party, did not oblige it to comply"
COLOMBIA_CASE = "Peru, as the territorial state, was obliged to grant safe-conduct"


def test_r5_b13_the_1949_case_is_given_with_both_sides_on_each_page(graph, site):
    for path in ("institutions/colombia.md", "institutions/peru.md", "people/victor-raul-haya-de-la-torre.md"):
        text = _text(site.pages, path)
        assert HAVANA in text and COLOMBIA_CASE in text, path
    [peru] = [p for p in graph.get("asylum-case-colombia-peru-1950").positions if p.holder == "peru"]
    [claim] = peru.claims
    # why it refused safe-conduct, not a plea on the 1950 ruling (fact-check 21, C-F1: the abstract gives no year)
    assert "before the case" in claim.text and "1949" not in claim.text
    assert "31 August 1949, following which Colombia instituted proceedings" in _quotes(claim)


def test_r5_b14_no_state_is_given_for_la_republica(graph, site):
    assert graph.get("la-republica").country is None
    assert "[Peru]" not in site.pages["institutions/la-republica.md"].split("\n\n", 2)[1]
    assert not any(re.search(r"Peruvian (newspaper|daily) La República|La República, a Peruvian", c.text)
                   for _rid, c in claims(graph))


@pytest.mark.parametrize("term", ["safe-conduct", "territorial-state"])
def test_r5_c2_c3_the_glossary_gives_perus_havana_argument_and_the_dates(graph, term):
    used = graph.get(term).used
    haya = [" ".join(c.text.split()) for c in used if "Haya de la Torre" in _quotes(c) or "Colombian" in c.text]
    assert any(HAVANA.replace("arguing", "") in t for t in haya), term
    assert any(COLOMBIA_CASE in t for t in haya), term
    [reading] = [c for c in used if c.voice == "reading" and "1949" in c.text]
    assert "before the 1954 Caracas Convention" in reading.text
    assert "On 3 January 1949" in _quotes(reading) and "the 1954 Caracas Convention" in _quotes(reading)


# -- round five of the fact-check (issue 20; notes/factcheck A, B, C) -------------------------------


def _flat(page: str) -> str:
    return " ".join(page.split())


def test_round5_a1_lawmakers_not_congress_accused_sheinbaum(graph, site, spanish):
    # only "Peruvian lawmakers accused Sheinbaum ..." (peru-cuts-ties) gives the reason: not the declaration
    for path in ("index.md", "brief.md"):
        text = _flat(site.pages[path])
        assert "persona non grata, accusing her" not in text, path
        assert "(Peruvian lawmakers accused her of a hostile position towards Peru" in text, path
        assert "(los legisladores peruanos la acusaron de una posición hostil" in _flat(spanish.pages[path]), path
    congress = [c for t in graph.briefing.exchanges for p in t.positions if p.holder == "congress-peru"
                for c in p.claims]
    assert congress and all(_flat(c.text).startswith("Peruvian lawmakers accused Sheinbaum") for c in congress)


def test_round5_a2_b5_b6_b7_an_event_at_the_end_of_its_span_says_what_it_may_have_preceded(graph, site, spanish):
    # "2025: Chávez seeks refuge" after Jerí took office (10 October), "2023: captured" after February 2023,
    # "2024: Sheinbaum takes office" after 23 May 2024, Vidarte's undated post after the 3 November events:
    # the sources do not give these orders, and the pages must say so wherever they list the events
    # (round six) and entries of one span that no hint orders (December 2022), and about 6 November against
    # 6 November
    assert graph.open_order == {
        "castillo-arrested": ["castillo-ousted"],
        "boluarte-assumes-presidency": ["castillo-arrested"],
        # (round eighteen, B-F1) the expulsion is put after Castillo's arrest: no report puts it first
        # (round eight, B-F4) both reports place it after his move to dissolve Congress
        "mexico-asylum-castillo-family": ["castillo-ousted", "castillo-arrested", "boluarte-assumes-presidency"],
        "amlo-calls-boluarte-usurper": ["castillo-arrested", "mexico-asylum-castillo-family"],
        "chavez-captured": ["peru-recalls-ambassador"],
        "sheinbaum-takes-office": ["ecuador-raids-mexican-embassy", "mexico-sues-ecuador-icj",
                                   "icj-order-mexico-v-ecuador"],
        "chavez-enters-mexican-embassy": ["jeri-assumes-presidency"],
        # (round twelve, A-F4) no longer put after the grant: "which granted her asylum" may be the newspaper's
        # (round fifteen, A-F1) Vidarte's view is dated by La Jornada's report of 4 November: ordered by the dates
        "sheinbaum-persona-non-grata": ["de-zela-legal-review"],
        "mexico-rejects-persona-non-grata": ["de-zela-legal-review"],
        # (round seven) about 6 November may mean 3 or 4 November: the other events of those days
        "de-zela-legal-review": ["peru-foreign-ministry-communique", "ornelas-given-deadline", "sre-rejects-break",
                                 "vidarte-says-peru-must-allow-exit"],
        # (round eleven, B-F1) events of one day that no hint orders
        "ornelas-given-deadline": ["peru-foreign-ministry-communique"],
        # (round twelve, A-F3, B-F5) one report puts Jerí's post "Previously" to the SRE's answer
        "sre-rejects-break": ["peru-foreign-ministry-communique"]}
    open_ = "the sources do not say whether it came before or after"
    timeline = _flat(site.pages["timeline.md"])
    refuge = timeline.split(": Chávez seeks refuge in the Mexican embassy in Lima {", 1)[1].split("####", 1)[0]
    assert f"{open_} “[José Jerí assumes Peru's presidency" in refuge
    assert "where they do not say whether such an event came before one listed above it, the entry says so" in timeline
    assert "las fuentes no dicen si fue antes o después de" in spanish.pages["timeline.md"]
    for path, event, earlier in [
            ("institutions/peru.md", "Chávez is captured", "Peru recalls its ambassador to Mexico City"),
            ("institutions/mexico.md", "Claudia Sheinbaum takes office", "ICJ order on provisional measures")]:
        line = next(ln for ln in site.pages[path].splitlines() if ln.startswith("- ") and event in ln)
        assert f"({open_} " in line and earlier in line.split(open_, 1)[1], (path, line)
    # (round fifteen) the report of Vidarte's view is dated: no note on it; De Zela's week may have preceded it
    line = next(ln for ln in site.pages["people/betssy-chavez.md"].splitlines() if "De Zela says legal" in ln)
    assert "La Jornada, citing La República, relays expert Óscar Vidarte" in line.split(open_, 1)[1]


def test_round5_a3_latest_events_does_not_present_vidarte_as_newer_than_3_november(site, spanish):
    # (round fifteen, A-F1) what is newer than 3 November is La Jornada's report of his view, not his post
    for edition in (site, spanish):
        latest = edition.pages["index.md"].split("## " + said(edition, "Latest events"))[1].split("\n## ")[0]
        line = next(ln for ln in latest.splitlines() if "Vidarte" in ln and "#vidarte" in ln)
        assert "La Jornada" in line and ("relays" in line or "recoge" in line)


def test_round5_a4_lopez_obrador_granted_in_the_sources_tense(graph):
    arrest = graph.get("castillo-arrested")
    texts = [_flat(c.text) for c in arrest.claims]
    assert "López Obrador granted Castillo and his family asylum, although Castillo was arrested before he could " \
           "get to Mexico's embassy." in texts
    assert not any("had granted" in t for t in texts)


def test_round5_a5_article_vi_el_universo_may_have_cut_entre_otros(graph, site, spanish):
    note = _flat(graph.get("article-vi-wording").note)
    assert "shortening some articles, not always marking the cut" in note and 'ends in "..."' in note
    assert "the paper shortened the article" in _flat(site.pages["differences.md"])
    assert "el periódico abrevió el artículo" in _flat(spanish.pages["differences.md"])
    # the header the note rests on, and the "..." it names
    source = graph.get("caracas-1954-es-el-universo")
    assert "not always marking the cut" in _flat(source.notes)
    assert "por razones de persecución política...\n" in (ROOT / "seeds" / source.file).read_text()


def test_round5_b8_present_tense_is_tied_to_the_reports_date(site, spanish):
    for path in ("people/betssy-chavez.md", "people/jose-jeri.md", "institutions/government-peru.md",
                 "institutions/mexican-embassy-lima.md", "people/index.md", "institutions/index.md", "questions.md"):
        # the site's own sentences: footnotes quote the reports, whose present tense is theirs
        text = re.sub(r"“[^”]*”", "", _flat(site.pages[path]))
        for present in ("is sheltering", "are weighing", "heads Peru's government", "currently headed by",
                        "she remains in the Mexican embassy", "Peru has not yet granted Chávez"):
            assert present not in text, (path, present)
    assert "As last reported \\(after the vote of 6 November 2025\\), Betssy Chávez was sheltering" in \
        _flat(site.pages["institutions/mexican-embassy-lima.md"])
    assert "As of La Jornada's report of 4 November 2025, José Jerí headed Peru's government" in \
        _flat(site.pages["people/jose-jeri.md"])
    assert "Según las últimas informaciones \\(posteriores a la votación del 6 de noviembre de 2025\\)" in \
        _flat(spanish.pages["questions.md"])


def test_round5_c1_diplomatic_asylum_gives_articles_v_and_vii(graph, site):
    tip = glossary.tooltip_title(graph.get("diplomatic-asylum"), graph)
    assert tip is not None and "These are only some of its conditions" in tip
    assert 'Article V says asylum may not be granted except in urgent cases and "for the peri"' in tip
    assert "Article VII, as El Universo quotes it, says it is for the asylum State to judge whether a case is " \
           "urgent" in tip
    quotes = {c.quote for c in graph.get("diplomatic-asylum").explained[0].cite}
    assert {"Asylum may not be granted except In urgent cases and for the peri",
            "Corresponde al Estado asilante apreciar si se trata de un caso de urgencia."} <= quotes


def test_round5_c4_the_list_of_sources_says_la_jornadas_copy_is_a_translation(site, spanish):
    row = next(ln for ln in site.pages["sources/index.md"].splitlines() if "Peru Breaking Relations" in ln)
    assert "A news report in English, republished by a site the copy does not name\\. It says the " \
           "original first appeared in La Jornada on 4 November 2025\\." in row
    row = next(ln for ln in spanish.pages["sources/index.md"].splitlines() if "Peru Breaking Relations" in ln)
    assert "Un artículo de prensa en inglés, que republicó un sitio que la copia no nombra" in row


# ---- round six: the sixth fact-check (notes/factcheck6-*.md) --------------------------------------


def test_round6_b6_mexicos_swift_rejection_is_the_reports(graph, site, spanish):
    """Only Rodney Mbua's report (source: Reuters) says Mexico "swiftly rejected" the declaration."""
    swift = [c for _rid, c in claims(graph) if "swiftly rejected" in _flat(c.text)]
    assert len(swift) >= 4
    for c in swift:
        assert c.voice == "outlet" and not c.said_by and {x.source for x in c.cite} == {"persona-non-grata-vote"}
    for page in ("index.md", "institutions/government-mexico.md", "timeline.md"):
        text = _flat(site.pages[page])
        assert "swiftly rejected" in text, page
        for at in re.finditer("Mexico's government swiftly rejected", text):
            before = text[max(0, at.start() - 120):at.start()]
            assert re.search(r"According to \[?Rodney Mbua’s report.{0,80}Reuters.{0,60}:\s*$", before), (page, before)


def test_round6_b1_de_zela_was_last_reported_as_foreign_minister(graph, site, spanish):
    role = graph.get("hugo-de-zela").roles[0]
    assert role.last_reported == "2025-11-06" and role.uncertain(graph.briefing.as_of)
    page = _flat(site.pages["people/hugo-de-zela.md"])
    assert "He is Peru's new Foreign Minister" not in page
    # (round fourteen, B-F1: the Jerí link is the 3 November report's, not the later one's)
    assert "as last reported \\(after the vote of 6 November 2025\\), he was Peru's new Foreign Minister" in page
    assert "He was the top diplomat to President José Jerí when the break was announced on 3 November 2025" in page
    assert "not reported; held as of 6 November 2025" in page
    relations = _flat(site.pages["relations.md"])
    assert "Hugo de Zela](people/hugo-de-zela.md) | holds a role in" not in relations
    assert "Hugo de Zela](people/hugo-de-zela.md) | was last reported holding a role in | [Ministry of Foreign " \
           "Affairs of Peru]" in relations
    assert "según las últimas informaciones \\(posteriores a la votación del 6 de noviembre de 2025\\), era el " \
           "nuevo canciller" in _flat(spanish.pages["people/hugo-de-zela.md"])


NOT_SAID = "the sources do not say whether it came before or after"


def _order_line(page: str, anchor: str) -> str:
    """The timeline entry's 'Order:' line (the first after its anchor)."""
    entry = page.split(f"{{ #{anchor} }}", 1)[1]
    return next(ln for ln in entry.splitlines() if ln.startswith("*Order:*"))


def test_round6_a4_b2_about_6_november_is_not_ordered_against_the_vote(graph, site, spanish):
    assert graph.open_order["sheinbaum-persona-non-grata"] == ["de-zela-legal-review"]
    latest = site.pages["index.md"].split("## " + said(site, "Latest events"))[1].split("\n## ")[0]
    vote = next(ln for ln in latest.splitlines() if "#sheinbaum-persona-non-grata)" in ln.split(" (")[0])
    assert NOT_SAID in vote and "#de-zela-legal-review" in vote.split(NOT_SAID)[1]
    es = spanish.pages["index.md"]
    assert "las fuentes no dicen si fue antes o después de" in next(
        ln for ln in es.splitlines() if ln.startswith("- ") and "#sheinbaum-persona-non-grata)" in ln.split(" (")[0])
    line = _order_line(site.pages["timeline.md"], "sheinbaum-persona-non-grata")
    assert NOT_SAID in line and "#de-zela-legal-review" in line
    # an entity page that lists the interview and an event of that day gives the note too
    checked = 0
    for path, text in site.pages.items():
        if not path.startswith(("people/", "institutions/")) or "(../timeline.md#de-zela-legal-review)" not in text:
            continue
        for rid in ("sheinbaum-persona-non-grata", "mexico-rejects-persona-non-grata"):
            for item in (ln for ln in text.splitlines() if ln.startswith("- ")
                         and ln.split(" (")[0].endswith(f"](../timeline.md#{rid})")):
                checked += 1
                assert NOT_SAID in item and "#de-zela-legal-review" in item.split(NOT_SAID)[1], (path, item)
    assert checked


def test_round6_a3_castillos_arrest_follows_the_attempt_not_the_ouster(graph, site):
    arrest = graph.get("castillo-arrested")
    assert arrest.after == ["castillo-moves-to-dissolve-congress"]
    assert "so he was arrested after that attempt" in _flat(arrest.date_basis)
    assert "whether the arrest came before or after his ouster" in _flat(arrest.date_basis)
    line = _order_line(site.pages["timeline.md"], "castillo-arrested")
    assert line.split(NOT_SAID)[0].count("#castillo-moves-to-dissolve-congress") == 1
    assert "#castillo-ousted" in line.split(NOT_SAID)[1]


def test_round6_a2_december_2022_entries_say_what_the_sources_do_not_order(graph, site):
    unordered = {"boluarte-assumes-presidency": {"castillo-arrested"},
                 "mexico-asylum-castillo-family": {"castillo-arrested", "boluarte-assumes-presidency"},
                 "amlo-calls-boluarte-usurper": {"castillo-arrested", "mexico-asylum-castillo-family"}}
    for rid, named in unordered.items():
        assert named <= set(graph.open_order[rid]), rid
        line = _order_line(site.pages["timeline.md"], rid)
        assert all(f"#{other}" in line.split(NOT_SAID)[1] for other in named), line
    # every two entries of December 2022 are either ordered by a chain of hints or named in a note
    december = [e for e in graph.events_by_date if e.date == "2022-12"]
    for i, later in enumerate(december):
        for earlier in december[:i]:
            assert earlier.id in graph.open_order.get(later.id, []) or _hinted(graph, earlier.id, later.id), \
                (earlier.id, later.id)


def _hinted(graph, first: str, then: str) -> bool:
    """Whether a chain of after/before hints puts `first` before `then`."""
    succ: dict[str, set[str]] = {e.id: set(e.before) for e in graph.events_by_date}
    for e in graph.events_by_date:
        for earlier in e.after:
            succ.setdefault(earlier, set()).add(e.id)
    seen, stack = set(), [first]
    while stack:
        for nxt in succ.get(stack.pop(), ()):
            if nxt == then:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def test_round6_b3_chavezs_complaint_is_not_a_legal_position(graph, site):
    caracas = graph.get("caracas-convention-1954")
    assert "betssy-chavez" not in {p.holder for p in caracas.positions}
    page = _flat(site.pages["people/betssy-chavez.md"])
    assert "Legal positions" not in page
    assert "Chávez has said she has been the subject of repeated violations" in page


def test_round6_b4_de_zelas_position_is_reuterss_account_and_names_the_other_wording(graph, site, spanish):
    caracas = graph.get("caracas-convention-1954")
    zela = next(p for p in caracas.positions if p.holder == "hugo-de-zela")
    texts = [_flat(c.text) for c in zela.claims]
    assert not any("safe passage" in t for t in texts)  # a date for a decision, not a position on the treaty
    assert len(texts) == 1 and ", as Rodney Mbua's report (source: Reuters) relates his words" in texts[0]
    assert "to determine the appropriate course of action" in texts[0]
    assert {c.source for c in zela.claims[0].cite} == {"persona-non-grata-vote", "peru-cuts-ties"}
    assert "determinar el curso de acción apropiado" in _flat(spanish.pages["people/hugo-de-zela.md"])


def test_round6_b5_the_constitutional_courts_page_dates_no_ruling(graph, site):
    # La Jornada gives the Court's ruling no date; September 2025 is the date of reports that tell of bail
    assert "constitutional-court-peru" not in graph.get("chavez-released").who.everyone()
    page = _flat(site.pages["institutions/constitutional-court-peru.md"])
    assert "September 2025" not in page and "#chavez-released" not in page
    assert "declared null and void the extension of Chávez's pretrial detention" in page


def test_round6_c1_the_reports_that_place_chavez_in_the_embassy_are_named(graph, site):
    page = _flat(site.pages["legal/caracas-convention-1954.md"])
    assert "the other reports place Chávez in the embassy" not in page
    # (round twelve, C-F1: the second report is described, not named by a headline cited as if it said something;
    # its footnote names it)
    assert "Rodney Mbua's report \\(source\\: Reuters\\) and one of the reports quoting De Zela's words on the " \
           "residence place Chávez in the embassy in Lima" in page


def test_round6_c2_article_iii_spanish_limits_the_conviction_too(graph, site, spanish):
    for edition, words in ((site, "the conviction too is for such offences by such courts"),
                           (spanish, "también la condena lo es por tales delitos")):
        for path in ("legal/index.md", "legal/caracas-convention-1954.md"):
            page = _flat(edition.pages[path])
            assert words in page, (path, words)
            assert "condenados por tales delitos y por dichos tribunales" in page


# ---- round seven: the seventh fact-check (notes/factcheck7-*.md) ------------------------------------


def test_round7_a1_de_zelas_undated_remarks_are_not_ordered_against_the_3_november_events(graph, site, spanish):
    """A-F1: "about 6 November" stands for the week of the vote; De Zela may have spoken on 3 or 4 November, so
    the timeline, the home page's "Latest events" and the entity pages say the order is not known."""
    later = ["peru-foreign-ministry-communique", "ornelas-given-deadline", "sre-rejects-break",
             "vidarte-says-peru-must-allow-exit"]
    assert graph.open_order["de-zela-legal-review"] == later
    line = _order_line(site.pages["timeline.md"], "de-zela-legal-review")
    assert line.split(NOT_SAID)[0].count("#peru-breaks-relations") == 1
    assert all(f"#{rid}" in line.split(NOT_SAID)[1] for rid in later), line
    entry = spanish.pages["timeline.md"].split("{ #de-zela-legal-review }", 1)[1]
    line = next(ln for ln in entry.splitlines() if ln.startswith("*Orden:*"))
    assert "las fuentes no dicen si fue antes o después de" in line and "#sre-rejects-break" in line
    for edition, words in ((site, NOT_SAID), (spanish, "las fuentes no dicen si fue antes o después de")):
        latest = edition.pages["index.md"].split("## " + said(edition, "Latest events"))[1].split("\n## ")[0]
        item = next(ln for ln in latest.splitlines()
                    if ln.split(" (")[0].endswith("(timeline.md#de-zela-legal-review)"))
        shown = [rid for rid in later if f"(timeline.md#{rid})" in latest]
        assert len(shown) >= 3 and words in item and all(f"#{rid}" in item.split(words)[1] for rid in shown), item
    page = site.pages["people/hugo-de-zela.md"]
    item = next(ln for ln in page.splitlines() if ln.startswith("- ")
                and ln.split(" (")[0].endswith("(../timeline.md#de-zela-legal-review)"))
    assert NOT_SAID in item, item


def test_round7_a2_the_release_note_keeps_la_jornadas_ambiguous_clause_and_names_no_legal_basis(graph, site, spanish):
    """A-F2: 'which had expired' may qualify the detention or its extension; 'to prepare her defense' is a purpose."""
    note = _flat(graph.get(_release_difference(graph)).note)
    assert "an expired extension" not in note and "legal basis" not in note
    assert 'declared null and void the extension of her pre-trial detention ("which had expired")' in note
    assert "different accounts of how she came to be released" in note
    text = _flat(spanish.pages["differences.md"])
    assert "prórroga vencida" not in text and "fundamento jurídico; ninguna" not in text
    assert "relatos distintos de cómo salió en libertad" in text
    assert "different accounts of how she came to be released" in _flat(site.pages["differences.md"])


def _release_difference(graph) -> str:
    return next(d.id for d in graph.of(DISCREPANCY) if "came to be out of detention" in d.topic)


def test_round7_b1_b2_perus_charge_on_a_mexican_presidents_page_comes_with_the_sres_answer(graph, site, spanish):
    """B-F1, B-F2: every person or institution page that gives Peru's "interference" or "unfriendly act" charge
    gives the SRE's answer too (the Sheinbaum and López Obrador pages gave only Peru's)."""
    peru = {"government-peru", "foreign-ministry-peru", "hugo-de-zela", "jose-jeri", "congress-peru", "peru"}
    checked = set()
    for kind in (PERSON, INSTITUTION):
        for record in graph.of(kind):
            charged = [c for c in record.claims if set(c.said_by) & peru
                       and re.search(r"unfriendly act|\"interference\"|interfer", _flat(c.text))]
            if not charged or record.id == "sre":  # the SRE's page is its own answer (round five, B10)
                continue
            answers = [c for c in record.claims if c.said_by == ["sre"] and _flat(c.text).startswith("In answer")]
            assert answers, record.id
            checked.add(record.id)
    assert {"claudia-sheinbaum", "andres-manuel-lopez-obrador", "hugo-de-zela"} <= checked
    for path in ("people/claudia-sheinbaum.md", "people/andres-manuel-lopez-obrador.md"):
        assert "According to the Secretariat of Foreign Relations of Mexico: In answer" in _text(site.pages, path)
        assert '"de ninguna manera constituye una intervención' in _text(spanish.pages, path)


def test_round7_b3_perus_1949_argument_is_headed_by_the_havana_convention(graph, site, spanish):
    """B-F3: Peru's 1949 argument is headed by what it concerned (the Havana Convention, before the case), not
    filed as a position on the 1950 judgment; the Colombia page names what Colombia based its case on."""
    case = graph.get("asylum-case-colombia-peru-1950")
    colombia = next(p for p in case.positions if p.holder == "colombia")
    assert _flat(colombia.claims[0].text).startswith("Colombia argued, basing its case on the 1911 Bolivarian "
                                                     "Agreement on Extradition, the 1928 Havana Convention on Asylum")
    assert "1911 Bolivarian Agreement on Extradition" in _text(site.pages, "institutions/colombia.md")
    # Peru's 1949 refusal concerned the Havana Convention, before the case: its heading says so
    peru = next(p for p in case.positions if p.holder == "peru")
    assert peru.concerning == "the 1928 Havana Convention, before the case"
    page = _text(site.pages, "institutions/peru.md")
    assert "On the 1928 Havana Convention, before the case (listed under the Asylum case (Colombia/Peru), " \
           "Judgment of the International Court of Justice of 20 November 1950):" in page
    assert "On the Asylum case" not in page
    assert "Sobre la Convención de La Habana de 1928, antes del caso (posición recogida en " \
           "«Caso del derecho" in \
        _text(spanish.pages, "institutions/peru.md")
    assert "### [Peru](../institutions/peru.md): on the 1928 Havana Convention, before the case" in \
        site.pages["legal/asylum-case-colombia-peru-1950.md"]
    assert "Acuerdo Bolivariano sobre Extradición de 1911" in _text(spanish.pages, "institutions/colombia.md")


def test_round7_b4_mexicos_request_to_the_court_is_its_own(graph, site, spanish):
    """B-F4: the order records Mexico's request, not the Court's finding. Round nine C-F1: the archived copy leaves
    out the words that introduce the request, so the position names no document it was made in."""
    order = graph.get("icj-embassy-of-mexico-in-quito")
    text = _flat(next(p for p in order.positions if p.holder == "mexico").claims[0].text)
    assert text.startswith("Mexico, which on 11 April 2024 instituted these proceedings against Ecuador, asked the "
                           "Court, as the order of 23 May 2024 recounts it (the archived copy leaves out the words "
                           "that introduce the request")
    assert "Application" not in text and "In its Application" not in _text(site.pages, "institutions/mexico.md")
    assert "asked the Court, as the order of 23 May 2024 recounts it" in _text(site.pages, "institutions/mexico.md")
    spanish_text = _text(spanish.pages, "institutions/mexico.md")
    assert "En su demanda del 11 de abril de 2024" not in spanish_text
    assert "pidió a la Corte, tal como lo recoge la providencia del 23 de mayo de 2024 (la copia archivada omite" in \
        spanish_text


def test_round7_b5_vidartes_view_is_not_filed_under_a_treaty_he_is_not_reported_to_cite(graph, site):
    """B-F5: La Jornada reports no treaty or article behind Vidarte's view: no position on the Caracas
    Convention, no 'Legal basis' on his page; his view stays on his page and on the timeline."""
    assert "oscar-vidarte" not in {p.holder for i in graph.of(INSTRUMENT) for p in i.positions}
    page = _text(site.pages, "people/oscar-vidarte.md")
    assert "Legal positions" not in page and "Legal basis" not in page
    assert "the Peruvian government is obligated to allow Chávez to leave the country if Mexico requests it" in page
    assert "Vidarte" not in _text(site.pages, "legal/caracas-convention-1954.md")


def test_round7_c1_c2_c3_glossary_wording(graph, site, spanish):
    """C-F1: embassy and residence are worded differently, not shown to conflict; C-F2: the diplomatic-asylum
    gloss gives Article IV beside Article III's bar; C-F3: 'on Thursday' is the Reuters report's."""
    text = _text(site.pages, "glossary.md")
    assert "in De Zela's words: the sources differ" not in text
    assert "the sources word it differently, and do not say whether the residence is part of the embassy premises" \
        in text
    assert "las fuentes lo expresan de manera distinta" in _text(spanish.pages, "glossary.md")
    tip = glossary.tooltip_title(graph.get("diplomatic-asylum"), graph)
    assert tip is not None and ("clearly of a political nature, and its Article IV leaves it to the State granting "
                                "asylum to determine the nature of the offence or the motives for the persecution") in \
        " ".join(tip.split())
    assert "su artículo IV deja al Estado asilante determinar la naturaleza del delito" in \
        _text(spanish.pages, "glossary.md")
    assert re.search(r"According to Rodney Mbua’s report \(source: Reuters\): Peru's Congress voted on Thursday", text)


def test_round8_structured_data_speaks_its_editions_language(spanish, site):
    # the JSON-LD of a Spanish page gave claims their English attribution ("According to ...") while the page
    # itself said "Según": it was written outside the edition's language
    path = "people/claudia-sheinbaum.md"
    es, en = spanish.jsonld(path, URL + "es/"), site.jsonld(path, URL)
    assert es is not None and en is not None
    assert "According to" in en and "According to" not in es and "Según" in es


# ---- round eight: the eighth fact-check (notes/factcheck8-*.md) and bilingual review 8 -----------------

SAME_DAY = "Events of the same day are listed in the order the facts give them; where the sources do not say " \
           "which of them came first, the entry says so."
MISMO_DIA = "Los acontecimientos de un mismo día figuran en el orden en que los dan los hechos; donde las fuentes " \
            "no dicen cuál de ellos ocurrió primero, la entrada lo dice."


def test_round8_a1_a2_round11_b1_events_of_one_day_say_which_order_is_open(graph, site, spanish):
    """A-F1, A-F2 (round 8): the 3 November entries (the break, the communiqué, Ornelas's deadline, the SRE's
    answer) are listed one after another though no source orders all of them. Round 8 said the list claims no order
    within a day; round 11 (B-F1) found the relations view and the pages' own timelines, which do not say that,
    still claim one. Now each entry says which of the day's events the sources do not order it against."""
    assert SAME_DAY in _flat(site.pages["timeline.md"]) and MISMO_DIA in _flat(spanish.pages["timeline.md"])
    assert SAME_DAY in " ".join((ROOT / "docs/method.md").read_text(encoding="utf-8").split())
    assert MISMO_DIA in " ".join((ROOT / "docs/method.es.md").read_text(encoding="utf-8").split())
    day = [e.id for e in graph.events_by_date if e.date == "2025-11-03"]
    assert {"peru-breaks-relations", "peru-foreign-ministry-communique", "ornelas-given-deadline",
            "sre-rejects-break"} <= set(day)
    open_order = graph.open_order
    # the communiqué is ordered after the grant and (round twenty-four, B-F1) after the break; Ornelas's deadline and
    # the SRE's answer only after the break, not against the communiqué
    assert "peru-breaks-relations" in graph.get("peru-foreign-ministry-communique").after
    assert "peru-foreign-ministry-communique" not in open_order
    later = {*open_order["ornelas-given-deadline"], *open_order["sre-rejects-break"]}
    assert "peru-foreign-ministry-communique" in later
    assert "peru-breaks-relations" not in later  # both reports put them after the break
    note = ("the sources do not say whether it came before or after “[Peru's Foreign Ministry communiqué accuses "
            "Mexico of systematic interference]")
    for page in ("timeline.md", "institutions/mexico.md", "people/hugo-de-zela.md"):
        assert note in _flat(site.pages[page]), page
    nota = "las fuentes no dicen si fue antes o después de «[Un comunicado de la Cancillería peruana acusa a México"
    assert nota in _flat(spanish.pages["timeline.md"])


def test_round8_a3_chavez_is_not_labelled_as_perus_answer(graph, site, spanish):
    """A-F3: her answer to Peru's prosecutors was tagged '(Peru)', as if she spoke for Peru's side."""
    for edition, state in ((site, "Peru"), (spanish, "Perú")):
        text = _text(edition.pages, "index.md")
        assert "**Betssy Chávez**:" in text and f"Betssy Chávez** ({state})" not in text
        assert re.search(rf"\*\* \({state}\):", text)  # the prosecutors keep theirs


def test_round8_b1_the_sres_un_reference_names_no_resolution(graph, site, spanish):
    """B-F1: Mexico's reference to the General Assembly names no resolution; the SRE page neither lists the 1967
    Declaration as its 'Legal basis' nor lets the editors' match pass for Mexico's citation."""
    page = site.pages["institutions/sre.md"]
    assert "## Legal basis" not in page and "## Related legal texts" in page
    text = _text(site.pages, "institutions/sre.md")
    assert "The SRE's statement, as reported, names no General Assembly text. The archived Declaration" in text
    assert "no nombra ningún texto de la Asamblea General" in _text(spanish.pages, "institutions/sre.md")
    assert "Mexico cites the UN General Assembly, naming no resolution," in \
        _text(site.pages, "institutions/un-general-assembly.md")


def test_round8_b2_a_legal_text_that_mentions_jeri_is_not_his_legal_basis(site, spanish):
    """B-F2: no source ties Jerí's acts to the Caracas Convention; it is listed as a related legal text."""
    page = site.pages["people/jose-jeri.md"]
    assert "## Legal basis" not in page and "## Related legal texts" in page
    assert "## Textos jurídicos relacionados" in spanish.pages["people/jose-jeri.md"]
    assert "Legal basis" in site.pages["legal/index.md"]  # the legal section keeps its name


def test_round8_b4_the_castillo_family_asylum_came_after_his_move_to_dissolve_congress(graph, site, spanish):
    """B-F4: one report places the grant after an arrest that followed Castillo's attempt to dissolve Congress,
    and the other reads as placing it before the arrest, not before the move: the order note no longer says the
    sources do not place it against the move."""
    event = graph.get("mexico-asylum-castillo-family")
    assert "castillo-moves-to-dissolve-congress" in event.after
    assert "castillo-moves-to-dissolve-congress" not in graph.open_order.get(event.id, [])
    assert "castillo-arrested" in graph.open_order[event.id]  # the reports disagree on that one
    assert "Either way the grant came after Castillo's move to dissolve Congress" in _flat(event.date_basis)
    item = next(ln for ln in site.pages["people/pedro-castillo.md"].splitlines() if ln.startswith("- ")
                and "(../timeline.md#mexico-asylum-castillo-family)" in ln.split(" (the sources")[0])
    assert "castillo-moves-to-dissolve-congress" not in item.split(NOT_SAID)[1], item
    assert "la concesión fue posterior al intento de Castillo" in _flat(spanish.pages["timeline.md"])


def _glossary_entry(pages, anchor: str) -> str:
    """A glossary entry's words as a reader sees them (no emphasis marks, escapes or link targets)."""
    entry = pages["glossary.md"].split(f"{{ #{anchor} }}", 1)[1].split("\n## ")[0]
    return _text({"entry": entry}, "entry").replace("*", "")


def test_round8_c1_c2_the_diplomatic_asylum_entry_is_the_editors_summary_and_dates_the_1949_dispute(graph, site,
                                                                                                    spanish):
    """C-F1: no source defines the term: its explanation is the editors' summary of the Caracas articles, headed
    and marked so (and the intro says so); C-F2: Colombia's 1949 argument is shown under it with the note that the
    dispute came before the Convention."""
    entry = _flat(_glossary_entry(site.pages, "diplomatic-asylum"))
    assert "What the sources say it means" not in entry
    assert "What the legal texts provide (the editors' summary)" in entry
    assert "This briefing's reading: No archived source defines the term." in entry
    assert "Lo que disponen los textos jurídicos (resumen de los editores)" in \
        _glossary_entry(spanish.pages, "diplomatic-asylum")
    assert "What the sources say it means" in _glossary_entry(site.pages, "legation")
    assert "by the editors' summary of the legal provisions that bear on it" in _flat(site.pages["glossary.md"])
    tip = glossary.tooltip_title(graph.get("diplomatic-asylum"), graph)
    assert tip is not None and tip.startswith("This briefing's reading: No archived source defines the term.")
    colombia = entry.index("Colombia had the right unilaterally and definitively")
    assert entry.index("The dispute over Haya de la Torre began in 1949, before the 1954 Caracas Convention "
                       "whose articles are summarised above") > colombia


def test_round8_c3_the_caracas_reading_shows_the_charges_it_says_differ(site, spanish):
    """C-F3: 'which the reports give differently' led straight into Article III: the charges were not shown."""
    text = _text(site.pages, "legal/caracas-convention-1954.md")
    assert ('which the reports give differently ("rebellion and conspiracy"; "conspiracy"; "co-author of the crime '
            'of rebellion against the powers of the State"). Article III says') in text
    assert "coautora del delito de rebelión contra los poderes del Estado). El artículo III dice" in \
        _text(spanish.pages, "legal/caracas-convention-1954.md")


def test_round8_bilingual_spanish_wording(graph, spanish):
    """Bilingual review 8: 'null and void' keeps 'y sin efecto'; 'may have spoken' is a possibility, not 'pudo
    hablar'; 'listed under' agrees with a noun; 'voted to declare' is 'aprobó declarar', not the calque."""
    differences = _text(spanish.pages, "differences.md")
    assert "declarara nula y sin efecto la prórroga de su prisión preventiva (\"which had expired\"" in differences
    timeline = _flat(spanish.pages["timeline.md"])
    assert "es posible que hablara cualquier día de ella hasta la fecha de ese artículo, ya el 3 o el 4 de " \
           "noviembre" in timeline
    assert "pudo hablar" not in timeline
    assert "(posición recogida en «" in _text(spanish.pages, "institutions/peru.md")
    assert "(recogido en «" not in _text(spanish.pages, "institutions/peru.md")
    pages = " ".join(_flat(page) for page in spanish.pages.values())
    assert "votó el jueves declarar" not in pages and "aprobó el jueves declarar persona non grata" in pages


# 13. The ninth fact-check of the built site (fact-check 9, groups A to C) --------------------------------------------

def test_round9_b1_where_the_sources_disagree_on_an_order_the_page_says_they_differ(site, spanish):
    """B-F1: the 2022 asylum for Castillo's family and his arrest: one report places the grant after the arrest,
    another reads the other way; the note says the sources differ (linking the difference), not that they are
    silent, while they stay silent on the ouster and Boluarte's taking office."""
    castillo = _text(site.pages, "people/pedro-castillo.md")
    entry = castillo.split("Mexico grants asylum to Castillo's wife and children", 1)[1].split("\n", 1)[0]
    assert ("the sources differ on whether it came before or after “Castillo is arrested” (where sources differ)"
            in entry)
    assert "the sources do not say whether it came before or after “Peru's Congress ousts Castillo" in entry
    assert "“Castillo is arrested”" not in entry.split("the sources differ")[0]
    link = re.search(r"\[where sources differ\]\(([^)]*)\)", site.pages["people/pedro-castillo.md"])
    assert link and link.group(1).endswith("differences.md#asylum-2022-grant")
    assert "las fuentes discrepan sobre si fue antes o después de «Castillo es detenido»" in _text(
        spanish.pages, "people/pedro-castillo.md")


def test_round9_a3_the_questions_page_promises_no_answered_questions_it_does_not_have(graph, site):
    assert all(q.status == "open" for q in graph.of(QUESTION))
    page = _text(site.pages, "questions.md")
    assert "those since answered or overtaken" not in page
    assert "What the sources leave unresolved, what they do say, and what would settle each question." in page


def test_round9_b3_b4_b8_both_states_pages_link_how_reports_word_the_asylum_and_mexicos_gives_perus_charge(site):
    for path in ("institutions/mexico.md", "institutions/peru.md"):
        assert "granted asylum, offered it, or begun the process" in _text(site.pages, path), path
    mexico = _text(site.pages, "institutions/mexico.md")
    charge = mexico.index("According to the Ministry of Foreign Affairs of Peru: The asylum \"is an unfriendly act")
    assert mexico.index("According to the Secretariat of Foreign Relations of Mexico: In answer", charge) > charge


def test_round9_b5_b6_one_reports_words_are_attributed_to_it(site):
    paredes = _text(site.pages, "people/lilia-paredes.md")
    assert ("According to the report “Peru Severs Ties With Mexico”: Lilia Paredes, Castillo's wife, was granted"
            in paredes)
    prosecution = _text(site.pages, "institutions/prosecution-peru.md")
    assert "According to La Jornada: The Public Prosecutor's Office maintains the risk of flight" in prosecution


def test_round9_c3_a_translated_source_is_footnoted_as_a_translation(site, spanish):
    source = _text(site.pages, "sources/la-jornada-2025-11-04.md")
    assert "La Jornada (4 November 2025), republished in English" in source
    assert "La Jornada (4 de noviembre de 2025), en una republicación en inglés" in _text(
        spanish.pages, "sources/la-jornada-2025-11-04.md")


def test_round9_c2_the_caracas_page_gives_perus_side_on_the_points_mexico_makes(graph, site, spanish):
    """C-F2: Mexico had four entries on the Convention page and Peru only the legal review: Peru's words on the same
    points are heard on the page. (Round 11, B-F6: no longer as positions filed under the Convention, which the
    reports do not tie them to, but in a reading that says so and sets Mexico's answer beside them.)"""
    caracas = graph.get("caracas-convention-1954")
    assert not [p for p in caracas.positions if p.concerning]
    text = _text(site.pages, "legal/caracas-convention-1954.md")
    assert "Of the words of Peru's government, the reports tie only De Zela's legal review to the Convention" in text
    assert "in clear violation of the principle of non-intervention recognized by international law" in text
    spanish_text = _text(spanish.pages, "legal/caracas-convention-1954.md")
    assert "en clara violación del principio de no intervención reconocido por el derecho internacional" in spanish_text


def test_round9_c6_article_xx_says_what_it_says_of_any_person(graph, site, spanish):
    """C-F6: 'any person, of any nationality' dropped that any person may be under the protection of asylum."""
    for edition, words in ((site, "diplomatic asylum is not subject to reciprocity; any person, whatever their "
                                  "nationality, may be under the protection of asylum"),
                           (spanish, "el asilo diplomático no está sujeto a reciprocidad; toda persona, sea cual "
                                     "fuere su nacionalidad, puede estar bajo la protección del asilo")):
        for path in ("legal/index.md", "legal/caracas-convention-1954.md"):
            assert words in _text(edition.pages, path), (path, words)
    assert "of any nationality" not in _text(site.pages, "legal/caracas-convention-1954.md")


def test_round9_c7_the_asylum_case_page_says_the_abstract_gives_no_finding_of_the_court(graph, site, spanish):
    """C-F7: the page headed 'Judgment' gave the parties' arguments and never said the archive leaves out what the
    Court decided."""
    case = graph.get("asylum-case-colombia-peru-1950")
    [note] = [c for c in case.claims if "not what the Court decided" in c.text]
    assert note.voice == "reading"
    assert "The archived abstract gives the parties' arguments but not what the Court decided on them" in \
        _text(site.pages, "legal/asylum-case-colombia-peru-1950.md")
    assert "El resumen archivado da los argumentos de las partes, pero no lo que la Corte decidió sobre ellos" in \
        _text(spanish.pages, "legal/asylum-case-colombia-peru-1950.md")


# ---- round eleven: the eleventh fact-check (notes/factcheck11-*.md) -----------------------------------------------

def test_round11_a1_b2_de_zelas_interview_is_dated_to_its_week_not_about_a_day(graph, site, spanish):
    """A-F1, B-F2 (and rounds 9, 10): 'about 6 November 2025' read as a day give or take one, where the sources
    place the interview only in the week of the vote (3 to 9 November); the chart drew it as a day."""
    review = graph.index["de-zela-legal-review"].record
    assert review.approximate == "week"
    for page in ("index.md", "timeline.md", "relations.md", "people/hugo-de-zela.md", "institutions/mexico.md"):
        text = site.pages[page]
        assert "the week of 3 November 2025" in text, page
        assert not re.search(r"about 6 November 2025\W{0,40}De Zela says", text), page
    assert "la semana del 3 de noviembre de 2025" in spanish.pages["timeline.md"]
    assert not re.search(r"hacia el 6 de noviembre de 2025\W{0,40}De Zela dice", spanish.pages["timeline.md"])
    # the chart draws the week as a span with end ticks, not as a mark on one day
    row = site.pages["timeline.md"].split("<title>the week of 3 November 2025: De Zela", 1)[1].split("</a>", 1)[0]
    assert '<path class="span' in row and '<path class="cap' in row
    # still listed before the vote, which its reports also tell of, and never as the latest event
    order = [e.id for e in graph.events_by_date]
    assert order.index("de-zela-legal-review") < order.index("sheinbaum-persona-non-grata")


# 14. Round 11: the eleventh fact-check of the built site (B-F4 to B-F6, C-F1) -----------------------------------

def _section(page: str, heading: str) -> str:
    """The Markdown under a page's `## heading`, up to the next `## ` heading."""
    return page.split(f"## {heading}", 1)[1].split("\n## ", 1)[0] if f"## {heading}" in page else ""


_HEAD, _CHARGE = "head of", "chargé d'affaires"


def test_round11_b_f4_the_pages_that_give_jeris_post_list_and_show_both_wordings(graph, site, spanish):
    """B-F4: the embassy's and De Zela's pages gave Jerí's post as one report words it ('the head of the Mexican
    embassy') and did not list the difference with La Jornada's quotation ('the chargé d'affaires')."""
    difference = graph.get("ornelas-title")
    assert {"mexican-embassy-lima", "hugo-de-zela"} <= set(difference.related)
    for path in ("institutions/mexican-embassy-lima.md", "people/hugo-de-zela.md"):
        for edition, topic, words in (
                (site, "How President Jerí's post on X names Karla Ornelas",
                 ('"the head of the Mexican embassy in Peru" as one report', '"the chargé d\'affaires of the Mexican '
                                                                            'embassy in Peru" as another does')),
                (spanish, "Cómo nombra a Karla Ornelas la publicación del presidente Jerí en X",
                 ('"la jefa de la embajada de México en Perú" según un artículo que cita el mensaje de Jerí',
                  '"la encargada de negocios de la embajada de México en Perú" según otro'))):
            differ = _section(edition.pages[path], said(edition, "Where sources differ"))
            assert topic in " ".join(differ.split()), (path, edition.language)
            text = _text(edition.pages, path)
            assert all(w in text for w in words), (path, edition.language)
    # nowhere does the site (or a speaker, as the site words it) pick one report's wording of her post unattributed
    # (a whole quotation is its report's: the glossary's, whose next entry gives the other report's wording)
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split()).lower().replace("’", "'")
        if (_HEAD in text) != (_CHARGE in text) and "karla ornelas" in text and not text.startswith('"'):
            assert claim.voice in ("outlet", "reading"), (rid, claim.text)
    for record in (graph.get("ornelas-given-deadline"), graph.get("ornelas-deadline")):
        title = (getattr(record, "title", None) or record.question).lower()
        assert "chargé" not in title and "head of" not in title, title


def test_round11_c_f1_only_the_reuters_report_ties_mexicos_caracas_defence_to_the_vote(graph, site, spanish):
    """C-F1: 'in strict accordance with international law' under the Caracas Convention was given in the site's and
    Mexico's voice as its answer to the persona non grata vote; only Reuters ties it there, another report gives like
    words as Mexico's answer of 3 November to the break, and a third places the defence before the vote."""
    [difference] = [d for d in graph.of(DISCREPANCY) if d.id == "caracas-defence-occasion"]
    assert difference.kind == "fact"
    assert {c.source for a in difference.accounts for c in a.cite} == {
        "persona-non-grata-vote", "mexico-rejects-break", "peru-cuts-ties"}
    events = [r for r in difference.related if graph.kind(r) == "event"]
    assert len(events) <= 1  # two events in `related` would read as a difference about their order
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split())
        if "in strict accordance with international law" in text and rid not in {"caracas-defence-occasion"}:
            assert (claim.voice == "outlet" or "Rodney Mbua's report" in text
                    or rid == "index"), (rid, claim.text)  # the home page's case is the holder's, not the site's
    for edition in (site, spanish):
        for path in ("timeline.md", "institutions/mexico.md", "people/hugo-de-zela.md",
                     "institutions/government-mexico.md", "legal/caracas-convention-1954.md"):
            text = _text(edition.pages, path)
            assert "Mexico rejects the persona non grata declaration” (where sources differ)" not in text, path
            assert "«México rechaza la declaración de persona non grata» (dónde difieren las fuentes)" not in text, path
    caracas = _text(site.pages, "legal/caracas-convention-1954.md")
    assert ("words Rodney Mbua's report (source: Reuters) gives as Mexico's rejection of Congress's persona non grata "
            "declaration (a report of 4 November gives like words, \"in strict compliance with international law\", "
            "as Mexico's answer to the break of relations of 3 November)") in caracas
    assert "In rejecting Congress's persona non grata declaration:" not in caracas
    assert "palabras que el artículo de Rodney Mbua (fuente: Reuters) da como el rechazo de México" in _text(
        spanish.pages, "legal/caracas-convention-1954.md")
    # (round sixteen, A-F2: the event's title says it is one report's)
    rejection = _text(site.pages, "timeline.md").split(
        "One report says Mexico rejected the persona non grata declaration", 2)[2]
    assert "According to Rodney Mbua’s report (source: Reuters): In rejecting it, Mexico's government said" in rejection
    differ = _section(site.pages["institutions/government-mexico.md"], "Where sources differ")
    assert "What Mexico's defence of the asylum" in differ


def test_round11_b_f5_each_foreign_ministrys_charge_or_answer_has_a_reading_that_says_only_what_the_words_do(
        graph, site, spanish):
    """B-F5: the SRE's UN claim had a reading against the 1967 Declaration that implied its recognition does not
    reach diplomatic asylum; Peru's charges had none. Now each has one, in both languages, each with the
    conditions that cut each way."""
    sre = _text(site.pages, "institutions/sre.md")
    assert "Those words of recognition name no kind of asylum" in sre
    assert "The archived words do not say whether the recognition reaches diplomatic asylum" in sre
    assert "(the archived copy lacks the first paragraph of Article 1)" in sre
    assert "Esas palabras de reconocimiento no nombran ninguna clase de asilo" in _text(spanish.pages,
                                                                                       "institutions/sre.md")
    [reading] = [c for c in graph.get("foreign-ministry-peru").claims if c.voice == "reading"]
    quoted = _quotes(reading)
    assert "it is an unfriendly act" in quoted and "principle of non-intervention" in quoted
    assert "shall be respected by the territorial State" in quoted and "It is not lawful to grant asylum" in quoted
    assert "It shall rest with the State granting asylum" in quoted
    page = _text(site.pages, "institutions/foreign-ministry-peru.md").replace("*This briefing's reading:*",
                                                                              "This briefing's reading:")
    reading_text = page.split("This briefing's reading: The Foreign Ministry's charges", 1)[1].split(" - ", 1)[0]
    for words in ("name no treaty", "none of the archived articles of the Convention on Diplomatic Asylum",
                  "in accordance with the provisions of the Convention",  # Article I's condition
                  "at the time of requesting it", "clearly of a political nature",  # Article III, Peru's way
                  "leaves it to the State granting asylum, here Mexico",  # Article IV, Mexico's way
                  "common or political offences in the Convention's sense", "stops inside Article V"):
        assert words in reading_text, words
    # the charge, Mexico's answer, then the reading of both against the Convention
    assert (page.index("According to the Ministry of Foreign Affairs of Peru: Since")
            < page.index("According to the Secretariat of Foreign Relations of Mexico: In answer")
            < page.index("This briefing's reading: The Foreign Ministry's charges"))
    spanish_page = _text(spanish.pages, "institutions/foreign-ministry-peru.md").replace("*", "")
    assert "Lectura de este informe: Las acusaciones de la Cancillería, tal como las recoge La Jornada" in spanish_page
    assert "el artículo IV deja al Estado asilante, aquí México" in spanish_page


def test_round11_b_f6_words_the_reports_tie_to_no_treaty_are_not_filed_under_the_convention(graph, site, spanish):
    """B-F6: De Zela's 'alleged co-author of the coup d'état' and the communiqué's 'unfriendly act' and 'systematic
    manner' were Legal positions 'listed under' the Caracas Convention though no report ties them to it."""
    caracas = graph.get("caracas-convention-1954")
    assert [p.holder for p in caracas.positions if p.holder in {"hugo-de-zela", "foreign-ministry-peru"}] == [
        "hugo-de-zela"]  # the review of 'that convention', as Reuters reports it
    for instrument in graph.of(INSTRUMENT):
        for position in instrument.positions:
            words = " ".join(c.text for c in position.claims)
            assert "alleged co-author of the coup" not in words and "unfriendly act" not in words, instrument.id
    for edition in (site, spanish):
        for path in ("people/hugo-de-zela.md", "institutions/foreign-ministry-peru.md",
                     "legal/caracas-convention-1954.md"):
            text = _text(edition.pages, path)
            assert "listed under the" not in text and "do not tie to the Convention" not in text, path
            assert "no vinculan a la Convención" not in text, path
    # their words stay on their own pages
    de_zela = _text(site.pages, "people/hugo-de-zela.md")
    assert "According to Hugo de Zela: \"Today we learned with surprise and deep regret\" that Chávez, \"the alleged " \
           "co-author of the coup d'état attempted by former President Pedro Castillo\"" in de_zela
    ministry = _text(site.pages, "institutions/foreign-ministry-peru.md")
    assert "\"an unfriendly act, which adds to the series of unacceptable acts of interference\"" in ministry
    assert "\"in an inadmissible and systematic manner\"" in ministry
    # Peru's side stays heard on the Convention's page: the review as a position, both sides' words in a reading
    page = _text(site.pages, "legal/caracas-convention-1954.md")
    positions = page.split("## Positions", 1)[1]
    assert "### Hugo de Zela" in positions
    assert "Legal experts are urgently reviewing the Convention, to determine the legitimacy of Mexico's move" in \
        positions
    assert "\"cannot be considered an unfriendly act by any other state\" is, in the report that quotes it" in page


# ---- round eleven: the eleventh fact-check (B-F7, B-F3) ----------------------------------------------------------

def test_round11_b_f7_boluartes_presidency_and_jeris_congress_ended_by_10_october_2025(graph, site, spanish):
    """B-F7: both roles read 'ended; date not given', though La Jornada (4 November 2025) bounds them: Jerí
    "assumed power on October 10 after Congress, which he himself presided over, removed the de facto president,
    Dina Boluarte"."""
    bound = "who assumed power on October 10 after Congress, which he himself presided over, removed the de facto " \
            "president, Dina Boluarte"
    edition = "This article originally appeared in the November 4, 2025 edition of La Jornada"  # the year
    for rid, org in (("dina-boluarte", "peru"), ("jose-jeri", "congress-peru")):
        [role] = [r for r in graph.get(rid).roles if r.org == org]
        assert role.ended_by == "2025-10-10" and role.end is None and not role.ended and role.last_reported is None
        assert role.over(graph.briefing.as_of)
        quotes = [c.quote for c in role.cite if c.source == "la-jornada-2025-11-04"]
        assert any(bound in q for q in quotes) and edition in quotes, rid
        for edition_site, words in (
                (site, "| ended by 10 October 2025 \\(day not given\\) |"),
                (spanish, "| terminó a más tardar el 10 de octubre de 2025 \\(día no indicado\\) |")):
            page = edition_site.pages[f"people/{rid}.md"]
            assert words in page and "ended; date not given" not in page and "fecha no indicada" not in page, rid
        assert (rid, rel.HELD, org) in _rels(graph) or org == "peru"  # a role in a state is her country's, not a line
    assert ("jose-jeri", rel.HELD, "congress-peru") in _rels(graph)


def _relations_event_notes(edition) -> dict[str, str]:
    """The relationship view's events (by headline link's anchor) and their differences' note, where they have one."""
    figure = edition.pages["relations.md"].split('<figure class="briefing-chart briefing-relmap', 1)[1]
    out = {}
    for entry in figure.split("</figure>")[0].split('<li class="rm-event">')[1:]:
        head = re.match(r'<p class="rm-head">.*?<a href="[^"#]*#([^"]+)"', entry)
        assert head is not None
        event = head.group(1)
        note = re.search(r'<p class="rm-note rm-differ">(.*?)</p>', entry)
        out[event] = note.group(1) if note else ""
    return out


def test_round11_b_f3_the_relations_view_says_where_the_sources_differ_on_an_event(graph, site, spanish):
    """B-F3: the view listed Mexico's 2022 asylum with relations to Lilia Paredes alone, though one report says
    López Obrador granted Castillo and his family asylum; each event a difference of substance names now links it."""
    grant = graph.get("asylum-2022-grant")
    assert "mexico-asylum-castillo-family" in grant.related
    for edition, words, topic in (
            (site, "(the sources differ on this event: ", "Whom Mexico granted asylum in 2022, and whether before"),
            (spanish, "(las fuentes discrepan sobre este acontecimiento: ", "A quién concedió México asilo en 2022")):
        notes = _relations_event_notes(edition)
        family = notes["mexico-asylum-castillo-family"]
        assert family.startswith(words) and family.endswith(")") and topic in family, family
        assert '<a href="../differences/#asylum-2022-grant">' in family
        # exactly the listed events a difference other than a spelling names, each linking those differences
        for event, note in notes.items():
            wanted = [d.id for d in graph.of(DISCREPANCY) if d.kind != "spelling" and event in d.related]
            assert re.findall(r'href="\.\./differences/#([^"]+)"', note) == wanted, event
        # not noisy: when written, 9 of the 18 events listed, none with more than three differences
        assert sum(1 for note in notes.values() if note) <= len(notes) // 2 + 1
        assert max(note.count("<a ") for note in notes.values()) <= 3



# ---- round twelve: the twelfth fact-check (notes/factcheck12-*.md), order ------------------------------------------

def test_round12_b4_b5_a3_a4_orders_the_sources_give_and_one_they_do_not(graph, site):
    """B-F4: the expulsion of Mexico's ambassador came after Castillo's arrest (one report puts his family's asylum
    after the arrest, another the expulsion after that asylum); B-F5, A-F3: one report puts Jerí's post on Ornelas's
    deadline "Previously" to the SRE's answer; A-F4: Vidarte's post was put after the grant on words ("which granted
    her asylum") that may be the newspaper's, so its order to the grant is open."""
    # (round sixteen put it back to "the sources differ"; rounds seventeen and eighteen, B-F1: no report puts the
    # expulsion before the arrest, and the report whose account of the 2022 asylum differs does not order them: the
    # order is the one account's, and the date line says how it is worked out and what the other report leaves open)
    assert "castillo-arrested" in graph.get("peru-expels-mexican-ambassador").after
    assert "peru-expels-mexican-ambassador" not in graph.open_order
    assert "peru-expels-mexican-ambassador" in graph.get("asylum-2022-grant").related
    entry = _flat(site.pages["timeline.md"].split("{ #peru-expels-mexican-ambassador }", 1)[1].split("\n#### ", 1)[0])
    assert "“[Castillo is arrested](#castillo-arrested)”" in entry.split("*Order:* after", 1)[1].split("\n", 1)[0]
    assert "differ on whether it came before or after" not in entry
    assert "It is put after Castillo's arrest on the one account that orders them" in entry
    assert "no report puts the expulsion first" in entry
    assert "sre-rejects-break" in graph.get("ornelas-given-deadline").before
    assert "ornelas-given-deadline" not in graph.open_order["sre-rejects-break"]
    assert "mexico-grants-asylum-chavez" not in graph.get("vidarte-says-peru-must-allow-exit").after
    assert "vidarte-says-peru-must-allow-exit" not in graph.open_order  # (round fifteen) dated by its report
    embassy = _flat(site.pages["institutions/mexican-embassy-lima.md"])
    expelled = embassy.split("Peru expels Mexico's ambassador Pablo Monroy", 1)[1][:200]
    assert "do not say whether it came before or after" not in expelled.split(" - ", 1)[0]
    index = _flat(site.pages["index.md"])
    sre = index.split("as excessive and disproportionate](timeline.md#sre-rejects-break)", 1)[1][:400]
    assert "Ornelas" not in sre.split(" - ", 1)[0]


# ---- round twelve: anchors, cites and the legal index (notes/factcheck12-*.md) ------------------------------------

def test_round12_a_f1_de_zelas_end_of_the_week_is_anchored_to_its_week_wherever_it_is_stated(graph, site, spanish):
    """A-F1: 'a decision ... is expected by the end of the week' (De Zela, via an undated report) stood on the home
    page, the brief, the questions and De Zela's page with no anchor; a reader in 2026 takes 'the week' as now. The
    timeline dates the interview the week of 3 November 2025; outside that entry the claim names the week."""
    stated = [(rid, c) for rid, c in claims(graph) if "end of the week" in c.text]
    assert len(stated) >= 5
    for rid, claim in stated:
        if rid == "de-zela-legal-review":  # the timeline entry itself, dated the week of 3 November 2025
            assert graph.get(rid).approximate == "week" and str(graph.get(rid).date) == "2025-11-03"
            continue
        # (round seventeen, A-F2) in square brackets: the briefing's words inside his
        # (round twenty-four, A-F1) and says the week is this briefing's dating
        assert "end of the week [the week of 3 November 2025, this briefing's dating]" in " ".join(
            claim.text.split()), (rid, claim.text)
        assert claim.said_by == ["hugo-de-zela"], rid  # still his words, as the report gives them
    for path in ("index.md", "brief.md", "questions.md", "people/hugo-de-zela.md"):
        text = _text(site.pages, path)
        assert "end of the week [the week of 3 November 2025, this briefing's dating]" in text, path
        assert not re.search(r"end of the week\.", text.split("[^1]:", 1)[0]), path  # none unanchored above the notes
        words = _text(spanish.pages, path)
        assert re.search(r"finale?s? de la semana \[la (semana )?del 3 de noviembre de 2025, datación propia de este "
                         r"informe\]", words), path
    # the anchor cost the Spanish brief none of the key figures it held (BRIEF_WORDS)
    assert "Comercio bilateral Perú-México" in _text(spanish.pages, "brief.md")


def test_round12_a_f2_the_trade_figures_last_year_is_the_reports_not_the_readers(graph, site, spanish):
    """A-F2: 'exceeding $2.5 billion last year, one report says' reused an undated report's relative 'last year'
    (written after the vote of 6 November 2025) as if the reader's; it is now quoted as that report's words."""
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split())
        if "last year" in text:
            assert any("last year" in s for s in quoted_segments(text)), (rid, text)
            assert "of 6 November 2025 or later" in text, (rid, text)  # (round thirteen, A-F1: or of that day)
    [trade] = [f for f in graph.briefing.key_figures if "trade" in f.label and "bilateral" in f.label]
    assert trade.value == 'over $2.5 billion (exceeding $2.5 billion "last year", in a report of 6 November ' \
                          '2025 or later)'
    assert "2024" not in trade.value
    for path in ("index.md", "brief.md"):
        assert '"last year", in a report of 6 November 2025 or later' in _text(site.pages, path), path
        assert '"el año pasado", según un artículo del 6 de noviembre de 2025 o posterior' in \
            _text(spanish.pages, path), path
    assert 'a report of 6 November 2025 or later says it exceeded $2.5 billion "last year"' in \
        _text(site.pages, "questions.md")
    assert 'superó los 2500 millones de dólares "el año pasado"' in _text(spanish.pages, "questions.md")


_HEREDIA = "Similarly, the wife of ex-President Ollanta Humala, former First Lady Nadine Heredia, was granted asylum " \
           "in Brazil after she was sentenced to prison for laundering campaign funds from a Brazilian construction " \
           "company."


def test_round12_a_f6_the_prior_administrations_two_cases_cite_heredias_too(graph, site, spanish):
    """A-F6: the questions page's claims on the earlier cases of Lilia Paredes and Nadine Heredia quoted only the
    Paredes sentence and 'In both cases ...'; every such claim now cites a Heredia sentence too (with its Spanish)."""
    found = [(rid, c) for rid, c in claims(graph) if "Nadine Heredia" in c.text and "prior administration" in c.text]
    assert len(found) >= 4
    for rid, claim in found:
        heredia = [c for c in claim.cite if "Nadine Heredia, was granted asylum in Brazil" in c.quote]
        assert heredia and all(c.translated("es", "quote") for c in heredia), (rid, claim.text)
    asked = [c for rid, c in found if rid in {q.id for q in graph.of(QUESTION)}]
    assert len(asked) == 2 and all(any(c.quote == _HEREDIA for c in claim.cite) for claim in asked)
    assert _HEREDIA in _text(site.pages, "questions.md")
    assert "Del mismo modo, la esposa del expresidente Ollanta Humala, la ex primera dama Nadine Heredia, recibió " \
           "asilo en Brasil" in _text(spanish.pages, "questions.md")


def test_round12_b_f1_the_archives_note_is_not_quoted_as_the_resolution(graph, site, spanish):
    """B-F1: the SRE page's reading cited 'UN General Assembly resolution 2312 (XXII): "Article 1 paragraph 1 is NOT
    in this stored copy"', the archivist's words, not the resolution's; the reading says the gap in its own words."""
    for rid, claim in claims(graph):
        for c in claim.cite:
            assert "stored copy" not in c.quote and "NOT in" not in c.quote, (rid, c.quote)
    assert "NOT in this stored copy" not in site.pages["institutions/sre.md"]
    assert "NO está en esta copia almacenada" not in spanish.pages["institutions/sre.md"]
    assert "(the archived copy lacks the first paragraph of Article 1)" in _text(site.pages, "institutions/sre.md")
    assert "(a la copia archivada le falta el primer párrafo del artículo 1)" in \
        _text(spanish.pages, "institutions/sre.md")


def test_round12_c_f1_no_claim_cites_a_bare_headline(graph, site, spanish):
    """C-F1: the Caracas page's reading on Article I cited the headline "Peru Cuts Diplomatic Ties with Mexico", which
    supports nothing the sentence says; a claim cites words that bear on it, not a report's headline."""
    headlines = {s.id: normalise(s.title) for s in graph.of(SOURCE)}
    for rid, claim in claims(graph):
        for c in claim.cite:
            quote = normalise(c.quote).strip(" .")
            assert not (quote and headlines.get(c.source, "").startswith(quote)), (rid, c.quote)
    page = _text(site.pages, "legal/caracas-convention-1954.md")
    notes = page.split("[^1]:", 1)[1]
    assert ': “Peru Cuts Diplomatic Ties with Mexico”' not in notes
    assert "Chávez still residing in the Mexican embassy in Lima" in notes  # what places her there
    assert "uno de los artículos que citan las palabras de De Zela sobre la residencia sitúan a Chávez en la " \
           "embajada en Lima" in _text(spanish.pages, "legal/caracas-convention-1954.md")


def test_round12_c_f3_the_legal_index_shows_each_archived_copys_kind_and_completeness(graph, site, spanish):
    """C-F3: the legal index promised each archived copy's completeness and kind, but showed them for none of the
    UN resolution, the ICJ order and the Asylum case (headed 'Judgment ... 20 November 1950', of which only a
    scholarly abstract is archived); every instrument's entry now lists its copies with them, or says none is."""
    for edition, label, none in ((site, "Archived texts:", "*No text of it is archived.*"),
                                 (spanish, "Textos archivados:", "*No hay ningún texto suyo archivado.*")):
        index = edition.pages["legal/index.md"]
        parts = {re.findall(r"\]\(([a-z0-9-]+)\.md\)", p)[0]: p for p in index.split("\n## ")[1:]}
        local = {s.id: s for s in graph.of(SOURCE)}
        for inst in graph.of(INSTRUMENT):
            part = parts[inst.id]
            if not inst.texts:
                assert none in part, inst.id
                continue
            assert label in part, (inst.id, edition.language)
            for sid in inst.texts:
                assert f"(../sources/{sid}.md)" in part, (inst.id, sid)
                kind = local[sid].kind
                assert (kind if edition is site else said(edition, kind)) in part, (inst.id, sid, kind)
        flat = " ".join(index.split())
        assert ("the archive holds the abstract only" if edition is site else "el archivo contiene solo el resumen") \
            in flat
    text = _text(site.pages, "legal/index.md")
    assert "Partial - the heading and paragraphs 1 to 2" in text  # the ICJ order
    assert "Article 1 paragraph 1 is not in this copy" in text  # the UN resolution


# ---- round thirteen: the thirteenth fact-check (notes/factcheck13-*.md) ---------------------------------------------

def test_round13_b2_an_entitys_legal_positions_say_whose_they_are(site, spanish):
    """B-F2: the SRE's page listed its contested legal claims ("in full compliance with international law") under
    'Legal positions' with nothing saying whose they are, as if the briefing's own."""
    assert "What the Secretariat of Foreign Relations of Mexico argues, in its own words or as the reports relay " \
           "them:" in _flat(site.pages["institutions/sre.md"])
    assert "Lo que sostiene la Secretaría de Relaciones Exteriores de México, en sus propias palabras o según lo " \
           "recogen los artículos:" in _flat(spanish.pages["institutions/sre.md"])
    assert "What Hugo de Zela argues" in site.pages["people/hugo-de-zela.md"]


def test_round13_b4_b5_a_page_lists_the_differences_about_the_events_it_lists(graph, site):
    """B-F4, B-F5: Peru's page listed Mexico's 2022 asylum for Castillo's wife and children, and the Sheinbaum,
    Congress and Mexico pages Mexico's rejection of the declaration, without the differences about those events."""
    for path, difference in (("institutions/peru.md", "asylum-2022-grant"),
                             ("people/claudia-sheinbaum.md", "caracas-defence-occasion"),
                             ("institutions/congress-peru.md", "caracas-defence-occasion"),
                             ("institutions/mexico.md", "caracas-defence-occasion")):
        differ = site.pages[path].split("## Where sources differ", 1)[1].split("\n## ", 1)[0]
        assert f"differences.md#{difference})" in differ, path
    # no spelling difference is added so (how a name is written is no difference about what happened)
    spelling = {d.id for d in graph.of(DISCREPANCY) if d.kind == "spelling"}
    peru = site.pages["institutions/peru.md"].split("## Where sources differ", 1)[1].split("\n## ", 1)[0]
    assert not any(f"#{d})" in peru for d in spelling if "peru" not in graph.get(d).related)
    question = graph.get("mexico-response-persona-non-grata")
    assert "beyond the rejection one report relates" in question.question


def test_round13_a1_a2_a3_the_reports_date_the_successor_and_vidartes_post(graph, site, spanish):
    """A-F1: the report that gives 'last year' may be of 6 November itself; A-F2: the report 'Peru Severs Ties With
    Mexico' speaks of 'Castillo's conservative successor' without naming Boluarte; A-F3: no source gives the month of
    Vidarte's post, only that it came no later than 4 November 2025 (and it supposes Chávez in the embassy)."""
    home = _flat(site.pages["index.md"])
    assert 'in a report of 6 November 2025 or later' in home and "written after 6 November" not in home
    assert "según un artículo del 6 de noviembre de 2025 o posterior" in _flat(spanish.pages["index.md"])
    pages = " ".join(_flat(p) for p in site.pages.values())
    assert "Boluarte was Castillo's conservative successor" not in pages
    assert "speaks of \"Castillo's conservative successor\" without naming her" in _flat(site.pages["differences.md"])
    vidarte = graph.get("vidarte-says-peru-must-allow-exit")  # (round fifteen) the report's date, 4 November
    assert vidarte.date == "2025-11-04" and not vidarte.approximate
    assert "about November 2025" not in home


def test_round13_b3_the_diplomatic_asylum_tooltip_says_the_convention_came_after_the_1949_case(site):
    """B-F3 (and rounds 11, 12): in the 1949 Haya de la Torre passages the tooltip gave the 1954 Convention's rules
    as if they governed that asylum; it now says the Convention came after the case, argued on the 1928 Havana
    Convention."""
    colombia = site.pages["institutions/colombia.md"]
    # (round fifteen, C-F1: Haya de la Torre left the embassy only about May 1954, so not "after the case"; the
    # sentence is short, as the tooltip is repeated on every use of the term: the Spanish home page's weight)
    assert "The Convention dates from 1954, after Haya de la Torre's asylum of 1949 began." in \
        " ".join(colombia.split()).replace("&quot;", '"').replace("&#x27;", "'")


def test_round15_c5_c6_c7_a_title_the_method_page_and_the_about_page_say_what_they_mean(graph):
    """C-F5: 'begins (2021-2022)' read as an uncertain start; C-F6: the method page named a field ('the `argues` of
    a position'); C-F7: the about page promised a citation for every statement of fact, though a source page's
    description of its archived copy is the editors' (from the archive's record and the copy's words)."""
    assert graph.get("castillo-presidency-begins").title == "Pedro Castillo's presidency of Peru (2021-2022) begins"
    method = " ".join((ROOT / "docs/method.md").read_text(encoding="utf-8").split())
    assert "(the side a position or a claim is marked as arguing for: `argues` in the facts)" in method
    assert "the `argues` of a position" not in method
    about = " ".join((ROOT / "docs/about.md").read_text(encoding="utf-8").split())
    assert "Every statement of fact about the story" in about
    assert "each source page's description of its archived copy" in about
    about_es = " ".join((ROOT / "docs/about.es.md").read_text(encoding="utf-8").split())
    assert "la descripción que la página de cada fuente da de su copia archivada" in about_es


def test_round16_changes_page_counts_a_change_in_the_singular():
    """C-F3: 'And 1 more changes on this day' (a day's list cut at its budget): the count takes its number, in
    both languages (the template asks the catalog for the singular or the plural)."""
    from briefing.i18n import ngettext, speaking

    one = "And {n} more change on this day, not listed here."
    many = "And {n} more changes on this day, not listed here."
    template = (ROOT / "briefing/templates/changes.md.j2").read_text(encoding="utf-8")
    assert f'ngettext("{one}", "{many}", day.more)' in template
    assert ngettext(one, many, 1).format(n=1) == "And 1 more change on this day, not listed here."
    with speaking("es"):
        assert ngettext(one, many, 1).format(n=1) == "Y 1 cambio más ese día, que no se enumera aquí."
        assert ngettext(one, many, 3).format(n=3) == "Y 3 cambios más ese día, que no se enumeran aquí."


def test_round16_b3_paredes_page_lists_what_the_expulsion_followed(site):
    """B-F3: Lilia Paredes's page gives one report's reason for the expulsion of Mexico's ambassador (the asylum
    for Castillo's wife and children) without the difference on what the expulsion followed."""
    differ = site.pages["people/lilia-paredes.md"].split("## Where sources differ", 1)[1].split("\n## ", 1)[0]
    assert "differences.md#ambassador-expulsion-occasion)" in differ


def test_round17_a2_the_briefings_words_inside_an_attributed_sentence_are_in_square_brackets(site, spanish):
    """A-F2: '(the week of 3 November 2025)' inside De Zela's attributed sentence read as his; square brackets mark
    it as the briefing's, and the method page says so in both languages."""
    assert "(the week of 3 November 2025)" not in _text(site.pages, "index.md")
    method = " ".join((ROOT / "docs/method.md").read_text(encoding="utf-8").split())
    assert "Words in square brackets inside a sentence the site attributes to someone are this briefing's" in method
    metodo = " ".join((ROOT / "docs/method.es.md").read_text(encoding="utf-8").split())
    assert "Las palabras entre corchetes dentro de una frase que el sitio atribuye a alguien son de este informe" \
        in metodo


def test_round17_a3_de_zelas_earlier_words_say_the_report_gives_no_time(graph):
    """A-F3: De Zela's words on Mexico's 'initiation of the asylum process', which La Jornada says he had said
    'previously', stood under the break of 3 November as if said then."""
    [claim] = [c for c in graph.get("peru-breaks-relations").claims if "initiation of the asylum process" in c.text]
    assert 'he had said "previously", without saying when' in " ".join(claim.text.split())
    assert 'había dicho "previamente", sin decir cuándo' in " ".join((claim.translated("es", "text") or "").split())


# ---- round eighteen: the eighteenth fact-check (notes/factcheck18-*.md) ------------------------------------------

def test_round18_c2_la_jornadas_copy_names_no_translator(site, spanish):
    """C-F2: 'translated by a site the copy does not name' said who translated it (a site); the copy names no
    translator and no site, and the perspective note asks whose the words are, La Jornada's or the translator's;
    (round nineteen, C-F1) nor does it say it is a translation: the pages say it was republished in English."""
    for path in ("sources/index.md", "sources/la-jornada-2025-11-04.md"):
        text = _flat(site.pages[path])
        assert "translated by a site" not in text and "translating site" not in text, path
        assert "A news report in English, republished by a site the copy does not name" in text, path
        texto = _flat(spanish.pages[path])
        assert "la traducción es de un sitio" not in texto and "sitio que tradujo" not in texto, path
        assert "in English translation" not in text and "en traducción al inglés" not in texto, path
    assert "La Jornada's or those of whoever republished it in English" in _flat(
        site.pages["sources/la-jornada-2025-11-04.md"])
    assert "de La Jornada o de quien lo republicó en inglés" in _flat(spanish.pages["sources/la-jornada-2025-11-04.md"])


def test_round18_c3_a_note_pointing_to_a_provision_names_its_article_not_a_summary(site, spanish):
    """C-F3: a note whose quote the page shows in full pointed to it by the provision's article and this briefing's
    summary of it ('the words quoted in full under Article IV: the asylum state determines ...'), read as the
    source's words after its name; it names the article alone."""
    for pages in (site.pages, spanish.pages):
        notes = _flat(pages["legal/caracas-convention-1954.md"])
        pointers = re.findall(r"(?:the words quoted in full under|las palabras citadas completas en) \[([^\]]*)\]",
                              notes)
        assert pointers, "no note points to a provision quoted in full"
        article = r"(Article|Artículo) [IVXL]+( \\\(.*\\\))?"  # a caveat in brackets may follow the number
        assert all(re.fullmatch(article, p) for p in pointers), pointers


def test_round18_a1_a2_orders_a_report_leaves_open_say_what_it_gives(graph, site):
    """A-F1: the communiqué's order to the break is left open; its date line says why (La Jornada has De Zela speak
    of the asylum before it; another report gives those words in its account of his announcing the break, without
    saying they were one statement). A-F2: a report's paragraph order is not a date: Mexico's defence 'In response to
    Peru's actions' is told before the vote, undated."""
    # (round twenty-four, B-F1: three rounds read the two reports as one statement) put after the break, the date
    # line saying on what
    assert "peru-breaks-relations" in graph.get("peru-foreign-ministry-communique").after
    basis = " ".join(str(graph.get("peru-foreign-ministry-communique").date_basis).split())
    assert "It is put after the break: La Jornada says De Zela spoke of the asylum" in basis
    differences = _text(site.pages, "differences.md")
    assert "before the vote, and reports no Mexican answer" not in differences
    assert "without a date, before it tells of the vote" in differences
    assert "Peru's actions (undated; told before the vote)" in differences


# ---- round twenty: the twentieth fact-check (notes/factcheck20-*.md) ----------------------------------------------

def test_round20_a1_a2_the_accusation_the_report_leaves_to_de_zela_or_jeri_is_the_reports(graph, site):
    """A-F1, A-F2: 'accused Mexican officials of meddling ... by offering asylum protections' follows 'President Jose
    Jerí, who' in the one report that has it: it may be Jerí's, not De Zela's. The claim is the report's, and says
    the sentence can be read either way; the differences page says so too."""
    for claim in graph.get("peru-breaks-relations").claims:
        if "offering asylum protections" in claim.text:
            assert claim.voice == "outlet" and not claim.said_by
            assert "does not make clear whether the one who accused them is De Zela or Jerí" in " ".join(
                claim.text.split())
    differences = _text(site.pages, "differences.md")
    assert "by De Zela or by Jerí (the report's sentence can be read either way)" in differences
    assert "De Zela cited Mexico's asylum offer, accused Mexican officials" not in differences


def test_round20_c2_a_printed_timestamp_dates_a_source_as_that_and_no_more(site, spanish):
    """C-F2: 'Published on 4 November 2025' for a copy whose only date is an unlabelled timestamp on its first
    line: the list says the date is the copy's print."""
    row = next(ln for ln in site.pages["sources/index.md"].splitlines() if "Mexico Rejects Peru" in ln)
    assert "Published on 4 November 2025, going by the date the copy prints" in _text({"row": row}, "row")
    fila = next(ln for ln in spanish.pages["sources/index.md"].splitlines() if "Mexico Rejects Peru" in ln)
    assert "a juzgar por la fecha que imprime la copia" in _text({"row": fila}, "row")


# ---- round twenty-one: the twenty-first fact-check (notes/factcheck21-*.md) ---------------------------------------

def test_round21_the_reports_duarte_stays_its_word_and_peru_argued_the_convention_did_not_oblige_it(graph, site):
    """A-F1: La Jornada's 'the Duarte and now the Jerí governments' was given as 'under Boluarte', correcting the
    report silently in a sentence attributed to it: its word stays, the briefing's reading in square brackets.
    C-F2: 'Peru argued under the 1928 Havana Convention' read as if Peru relied on it; it argued the Convention did
    not oblige it to grant the safe-conduct. C-F1: the abstract gives no year for Peru's refusal."""
    [claim] = [c for c in graph.get("castillo-moves-to-dissolve-congress").claims if "failed coup attempt" in c.text
               and c.voice == "outlet"]
    assert '"Duarte" [Boluarte, most likely: see where sources differ]' in " ".join(claim.text.split())
    glossary = _text(site.pages, "glossary.md")
    assert "Peru argued under the 1928 Havana Convention" not in glossary
    assert "Peru argued that the 1928 Havana Convention did not oblige it to grant the safe-conduct" in glossary
    assert "in 1949, before the case" not in _text(site.pages, "legal/asylum-case-colombia-peru-1950.md")


def test_round21_b2_b3_c1_what_the_abstract_gives_of_the_1949_case_and_no_more(graph):
    """B-F2: the note on Colombia's asylum for Haya de la Torre quotes his name and the date; B-F3: the abstract calls
    APRA neither a party nor Peru's (only its founder 'Peruvian'); C-F1: no sentence gives Peru's refusal of
    safe-conduct a year the abstract does not give."""
    [granted] = [c for c in graph.get("colombia").claims if c.text.startswith("In 1949 Colombia granted asylum")]
    assert any("On 3 January 1949, Víctor Raúl Haya de la Torre" in c.quote for c in granted.cite)
    apra = graph.get("apra")
    assert apra.kind == "other" and apra.country is None
    for rid, claim in claims(graph):
        text = " ".join(claim.text.split())
        if "declin" in text and "safe-conduct" in text and "Haya de la Torre" in text:
            # 'after ... the asylum on 3 January 1949, Peru declined' dates the asylum, which the abstract does
            assert not re.search(r"\bIn 1949, (before the case, )?Peru declin|declin.{0,80}\bin 1949\b", text), (rid,
                                                                                                          text)


# ---- round twenty-two: the twenty-second fact-check (notes/factcheck22-*.md) --------------------------------------

def test_round22_a4_the_events_chavez_is_prosecuted_over_include_castillos_move(graph, site, spanish):
    """A-F4: 'the events of 7 December 2022, when Congress removed Castillo' left out the move to dissolve Congress
    that the accusation is about; the reports differ on whether he dissolved it or attempted to, so 'his move to
    dissolve it', with both reports' words cited."""
    [claim] = [c for c in graph.briefing.summary if "being prosecuted over her alleged part" in c.text]
    assert "when Congress removed Castillo after his move to dissolve it" in " ".join(claim.text.split())
    quotes = [c.quote for c in claim.cite]
    assert "who was ousted in December 2022 after attempting to dissolve Congress" in quotes
    assert any("after having dissolved the legislature" in q for q in quotes)
    for pages in (site.pages, spanish.pages):
        assert "after his move to dissolve it" in _text(pages, "brief.md") or "medida de este para disolverlo" in _text(
            pages, "brief.md")


def test_round22_23_b1_a_month_no_report_gives_is_shown_as_about_it(graph, site):
    """B-F1 (rounds 22 and 23): 'December 2022: Castillo is arrested' stated a month no report gives; it is worked
    out (the timeline says how), so it is shown as about that month wherever the event is listed, and so is the
    asylum for his family, dated from it."""
    for rid in ("castillo-arrested", "mexico-asylum-castillo-family"):
        assert graph.get(rid).approximate is True and graph.get(rid).date_basis, rid
    castillo = _text(site.pages, "people/pedro-castillo.md")
    assert "about December 2022: Castillo is arrested" in castillo
    assert "- December 2022: Castillo is arrested" not in castillo


def test_round25_c1_whose_forces_raided_the_embassy_in_quito_is_not_said(graph):
    """C-F1: 'Ecuador's security forces' (and 'Ecuadorian') said whose forces they were; the one report says
    'security forces raided Mexico's embassy in Quito' in 'a similar 2024 incident in Ecuador', and the ICJ order
    carries Mexico's claim only: 'security forces in Ecuador', as the court's page has it."""
    assert graph.get("ecuador-raids-mexican-embassy").title == "Security forces raid Mexico's embassy in Quito"
    for rid, claim in claims(graph):
        assert "Ecuadorian security forces" not in claim.text and "ecuatorianas" not in str(
            claim.translated("es", "text") or ""), rid


def test_round25_a1_a2_words_a_report_does_not_date_are_not_filed_under_a_date(graph):
    """A-F1: the SRE's 3 November entry cited the Caracas Convention from the undated report; the dated report of
    4 November gives it ('of which both Mexico and Peru are Parties'). A-F2: Lilia Paredes's asylum and safe
    passage, under the dated 2022 asylum for the family, is 'In recent years' in its one report, which says no more."""
    [claim] = [c for c in graph.get("sre-rejects-break").claims if "Caracas Convention" in c.text]
    assert {c.source for c in claim.cite} == {"mexico-rejects-break"}
    [paredes] = [c for c in graph.get("mexico-asylum-castillo-family").claims if "Lilia Paredes" in c.text]
    assert paredes.text.startswith('"In recent years" (the report gives no date)')


def test_round25_b1_jeris_page_lists_the_spelling_its_bracket_points_to(site):
    """B-F1: Jerí's page says '[Boluarte, most likely: see where sources differ]'; its own list has the entry."""
    differ = site.pages["people/jose-jeri.md"].split("## Where sources differ", 1)[1].split("\n## ", 1)[0]
    assert "differences.md#boluarte-spelling)" in differ
