"""Synthetic but valid briefings at a chosen scale, for benchmarks and scale tests.

`generate(dest, scale)` writes a whole project (facts/, seeds/, docs/, mkdocs.yml) whose
record counts are the real briefing's counts times `scale`. Every source gets an archived
text written here, and every quote is a run of words cut from that text, so the quote
check really runs (and passes). Text is made of nonsense words: no fact is invented.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("sources", "people", "institutions", "events", "legal", "questions", "discrepancies")

# The real briefing's counts when these were written; real facts, when present, override them.
FALLBACK_COUNTS = {"sources": 12, "people": 18, "institutions": 30, "events": 28, "legal": 6,
                   "questions": 11, "discrepancies": 20}
FALLBACK_RATIOS = {"claims_per_record": 2.5, "cites_per_claim": 1.8, "text_chars": 2600}

_SYLLABLES = ["la", "mi", "to", "ra", "pe", "xi", "co", "ná", "vi", "dé", "su", "ro", "ta", "ñu", "ke", "lo"]


def real_counts(project: Path = ROOT) -> tuple[dict[str, int], dict[str, float]]:
    """Record counts and claim/citation ratios of a real briefing (fallbacks where absent)."""
    counts = dict(FALLBACK_COUNTS)
    ratios = dict(FALLBACK_RATIOS)
    claims = cites = records = 0
    seen_any = False
    for kind in KINDS:
        path = project / "facts" / f"{kind}.yaml"
        if not path.exists():
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
        if isinstance(data, list) and data:
            counts[kind] = len(data)
            records += len(data)
            seen_any = True
            c, q = _count_claims(data)
            claims, cites = claims + c, cites + q
    if seen_any and records and claims:
        ratios["claims_per_record"] = claims / records
        ratios["cites_per_claim"] = cites / claims
    seeds = [p for p in (project / "seeds").rglob("*.txt")] if (project / "seeds").is_dir() else []
    if seeds:
        ratios["text_chars"] = sum(p.stat().st_size for p in seeds) / len(seeds)
    return counts, ratios


def _count_claims(node) -> tuple[int, int]:
    claims = cites = 0
    if isinstance(node, dict):
        if "text" in node and isinstance(node.get("cite"), list):
            claims += 1
        for key in ("cite", "quotes"):
            if isinstance(node.get(key), list):
                cites += len(node[key])
        for value in node.values():
            c, q = _count_claims(value)
            claims, cites = claims + c, cites + q
    elif isinstance(node, list):
        for value in node:
            c, q = _count_claims(value)
            claims, cites = claims + c, cites + q
    return claims, cites


def _s(value: str) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def _translated(code: str, text: str) -> str:
    return f"[{code}] {text}"


def _fields(code: str, texts: dict[str, str]) -> str:
    return ", ".join(f"{key}: {_s(_translated(code, text))}" for key, text in texts.items())


class _Writer:
    def __init__(self, rng: random.Random, words: dict[str, list[str]], cites_per_claim: float,
                 languages: tuple[str, ...] = ("en",)):
        self.rng = rng
        self.others = languages[1:]  # every text also gets a translation into each of these
        self.words = words  # source id -> its text's words
        self.source_ids = list(words)
        self.cites_per_claim = cites_per_claim

    def word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(1, 3)))

    def phrase(self, n: int) -> str:
        return " ".join(self.word() for _ in range(n)).capitalize()

    def quote(self) -> tuple[str, str]:
        source = self.rng.choice(self.source_ids)
        words = self.words[source]
        n = self.rng.randint(5, 12)
        start = self.rng.randrange(0, max(1, len(words) - n))
        return source, " ".join(words[start : start + n])

    def cites(self, indent: str) -> str:
        n = max(1, round(self.rng.gauss(self.cites_per_claim, 0.6)))
        out = []
        for _ in range(n):
            source, quote = self.quote()
            out.append(f"{indent}- source: {source}\n{indent}  quote: {_s(quote)}\n"
                       + self.beside(indent + "  ", quote))
        return "".join(out)

    def beside(self, indent: str, text: str) -> str:
        """The translations written beside a text (`es: "..."`): the same length as a real one."""
        return "".join(f"{indent}{code}: {_s(_translated(code, text))}\n" for code in self.others)

    def fields(self, indent: str, **texts: str) -> str:
        """A record's translated fields (`es: {title: ...}`), one mapping per other language."""
        return "".join(f"{indent}{code}: {{{_fields(code, texts)}}}\n" for code in self.others)

    def claims(self, key: str, n: int, indent: str) -> str:
        out = [f"{indent}{key}:\n"]
        for _ in range(max(1, n)):
            text = self.phrase(8) + '.'
            out.append(f"{indent}  - text: {_s(text)}\n" + self.beside(indent + "    ", text) + f"{indent}    cite:\n")
            out.append(self.cites(indent + "      "))
        return "".join(out)


def _archived_text(rng: random.Random, chars: int) -> tuple[str, list[str]]:
    words: list[str] = []
    paragraphs = []
    size = 0
    while size < chars:
        sentence = " ".join(
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(6, 18))
        ).capitalize() + "."
        words.extend(sentence.split())
        paragraphs.append(sentence)
        size += len(sentence) + 1
    # Several sentences per paragraph; line breaks inside quotes are normalised away by the check.
    body = "\n\n".join(" ".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs), 4))
    return body + "\n", words


def generate(dest: Path, scale: float = 1.0, seed: int = 7, base: Path = ROOT,
             counts: dict[str, int] | None = None, languages: tuple[str, ...] = ("en", "es")) -> dict[str, int]:
    """Write a synthetic project into `dest`; return the record counts written.

    `counts` overrides the scaled counts per kind (e.g. {"events": 250} to cross a budget). Every text
    has a translation into each language after the first, as the real briefing's have (two editions).
    """
    base_counts, ratios = real_counts(base)
    n = {k: max(1, round(v * scale)) for k, v in base_counts.items()}
    n.update(counts or {})
    n["institutions"] = max(n["institutions"], 2)
    rng = random.Random(seed)
    per_record = ratios["claims_per_record"]

    def nclaims() -> int:
        return max(1, round(rng.gauss(per_record, 1.0)))

    facts, seeds, docs = dest / "facts", dest / "seeds", dest / "docs"
    for d in (facts, seeds, docs):
        d.mkdir(parents=True, exist_ok=True)

    source_ids = [f"source-{i:05d}" for i in range(n["sources"])]
    words: dict[str, list[str]] = {}
    out = []
    for i, sid in enumerate(source_ids):
        body, words[sid] = _archived_text(rng, int(ratios["text_chars"]))
        (seeds / f"{sid}.txt").write_text(
            f"archived_from: synthetic benchmark text {i}\ncompleteness: full\n---\n{body}", encoding="utf-8")
        # published after every event (they run to 2025): a report cannot come before what it reports
        out.append(f"- id: {sid}\n  title: {_s('Synthetic source ' + str(i))}\n  outlet: Bench Daily\n"
                   f"  published: \"2026-{1 + i % 12:02d}-{1 + i % 28:02d}\"\n"
                   f"  kind: news report\n  url: https://example.org/{sid}\n  file: {sid}.txt\n")
    (facts / "sources.yaml").write_text("".join(out), encoding="utf-8")
    w = _Writer(rng, words, ratios["cites_per_claim"], languages)

    inst_ids = [f"inst-{i:05d}" for i in range(n["institutions"])]
    states = inst_ids[: max(1, len(inst_ids) // 10)]
    out = []
    for i, iid in enumerate(inst_ids):
        kind = "state" if iid in states else "ministry"
        country = "" if kind == "state" else f"  country: {rng.choice(states)}\n"
        name = 'Institución ' + w.phrase(2) + f' {i}'
        out.append(f"- id: {iid}\n  name: {_s(name)}\n"
                   + w.beside("  ", name)
                   + f"  aliases: [{_s('I' + str(i))}]\n  kind: {kind}\n{country}"
                   + w.claims("claims", nclaims(), "  "))
    (facts / "institutions.yaml").write_text("".join(out), encoding="utf-8")

    person_ids = [f"person-{i:05d}" for i in range(n["people"])]
    out = []
    for i, pid in enumerate(person_ids):
        title = 'Minister of ' + w.phrase(1)
        role = (f"  roles:\n    - title: {_s(title)}\n" + w.beside("      ", title)
                + f"      org: {rng.choice(inst_ids)}\n"
                f"      start: \"{2000 + i % 20}\"\n      end: \"{2021 + i % 5}\"\n      cite:\n" + w.cites("        "))
        out.append(f"- id: {pid}\n  name: {_s(w.phrase(2) + f' Pérez {i}')}\n  aliases: [{_s(f'Perez {i}')}]\n"
                   f"  country: {rng.choice(states)}\n{role}" + w.claims("claims", nclaims(), "  "))
    (facts / "people.yaml").write_text("".join(out), encoding="utf-8")

    actors = person_ids + inst_ids
    event_ids = [f"event-{i:05d}" for i in range(n["events"])]
    out = []
    years = max(1, min(26, n["events"] // 40 + 1))  # events spread over more years as they grow
    for i, eid in enumerate(event_ids):
        year, month, day = 2025 - rng.randrange(years), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}" if i % 7 else f"{year}-{month:02d}"
        title = w.phrase(5)
        out.append(f"- id: {eid}\n  date: \"{date}\"\n  title: {_s(title)}\n" + w.fields("  ", title=title)
                   + "  who:\n    acted: [{}]\n    acted_on: [{}]\n".format(*rng.sample(actors, 2))
                   + w.claims("claims", nclaims(), "  ") + "  tags: [bench]\n")
    (facts / "events.yaml").write_text("".join(out), encoding="utf-8")

    instrument_ids = [f"instrument-{i:05d}" for i in range(n["legal"])]
    out = []
    for i, lid in enumerate(instrument_ids):
        title, topic = 'Convention ' + w.phrase(3), w.phrase(3)
        out.append(f"- id: {lid}\n  title: {_s(title)}\n" + w.beside("  ", title) + "  kind: treaty\n"
                   f"  date: \"{1950 + i % 70}\"\n  texts: [{rng.choice(source_ids)}]\n"
                   + w.claims("claims", max(1, nclaims() // 2), "  ")
                   + f"  provisions:\n    - id: {lid}-art-1\n      article: Article I\n      topic: {_s(topic)}\n"
                   + w.fields("      ", article="Article I", topic=topic) + "      quotes:\n" + w.cites("        ")
                   + f"  positions:\n    - holder: {rng.choice(actors)}\n" + w.claims("claims", 1, "      "))
    (facts / "legal.yaml").write_text("".join(out), encoding="utf-8")

    anything = actors + event_ids + instrument_ids + source_ids
    out = []
    for i in range(n["questions"]):
        question, settle = w.phrase(6) + '?', w.phrase(6) + '.'
        out.append(f"- id: question-{i:05d}\n  question: {_s(question)}\n"
                   + w.claims("known", nclaims(), "  ")
                   + f"  would_settle: {_s(settle)}\n" + w.fields("  ", question=question, would_settle=settle)
                   + f"  related: [{', '.join(rng.sample(anything, 2))}]\n")
    (facts / "questions.yaml").write_text("".join(out), encoding="utf-8")

    out = []
    for i in range(n["discrepancies"]):
        texts = [w.phrase(6) + '.' for _ in range(2)]
        accounts = "".join(f"    - text: {_s(text)}\n" + w.beside("      ", text)
                           + "      cite:\n" + w.cites("        ") for text in texts)
        topic = w.phrase(4)
        out.append(f"- id: discrepancy-{i:05d}\n  topic: {_s(topic)}\n" + w.fields("  ", topic=topic)
                   + f"  kind: fact\n  accounts:\n{accounts}"
                   f"  related: [{rng.choice(actors)}]\n")
    (facts / "discrepancies.yaml").write_text("".join(out), encoding="utf-8")

    (facts / "briefing.yaml").write_text(
        f"title: Synthetic briefing at {scale:g}x\n" + w.fields("", title=f"Synthetic briefing at {scale:g}x")
        + f"languages: [{', '.join(languages)}]\nas_of: \"2025-12-31\"\n" + w.claims("summary", 3, "")
        + "key_figures:\n  - label: Records\n" + w.fields("    ", label="Records", value="many")
        + "    value: \"many\"\n    cite:\n" + w.cites("      "),
        encoding="utf-8")
    about = "A synthetic briefing for benchmarks."
    (docs / "about.md").write_text(f"# About\n\n{about}\n", encoding="utf-8")
    for code in languages[1:]:
        (docs / f"about.{code}.md").write_text(f"# About\n\n{_translated(code, about)}\n", encoding="utf-8")
    config = (ROOT / "tests" / "fixtures" / "mini" / "mkdocs.yml").read_text(encoding="utf-8")
    editions = "".join(f"        {code}: {{site_name: {_s(_translated(code, 'Synthetic briefing'))}}}\n"
                       for code in languages[1:])
    config = re.sub(r"(?m)^      editions:\n(        .*\n)*", f"      editions:\n{editions}" if editions else "",
                    config)
    if not editions:
        config = config.replace("  - briefing:\n", "  - briefing\n")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return n


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    print(generate(args.dest, args.scale))
