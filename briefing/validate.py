"""Stage 3, validate: schema, ids, references, dates and quotes; every problem collected.

Nothing is rendered until this stage returns a graph with no problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .archive import Archived, read_archived
from .graph import Entry, Graph
from .load import Document, byte_position, gc_paused, load_file
from .model import COLLECTIONS, Briefing, Citation, Claim, Event, Question, Source, walk
from .order import order_problems
from .truth import quoted_words_problems
from .problems import FactsInvalid, Problems

BRIEFING_FILE = "briefing"
KIND_OF = {"sources": "source", "people": "person", "institutions": "institution", "events": "event",
           "legal": "instrument", "questions": "question", "discrepancies": "discrepancy",
           "glossary": "term"}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if value is None:
        return "an empty value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'" if len(str(value)) < 60 else "a long text"


def _dotted(prefix: str, loc: tuple) -> str:
    out = prefix
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _message(err: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """A pydantic error as (code, message a facts editor can act on)."""
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "missing-field", f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return "unknown-key", f"unknown key '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "value_error":
        msg = err["msg"].removeprefix("Value error, ")
        code = "bad-date" if "date" in msg or "month" in msg or "day" in msg else (
            "bad-url" if "URL" in msg else "bad-id" if "id" in msg else "bad-value")
        return code, msg
    if kind == "too_short":
        return "empty-list", f"needs at least {err['ctx'].get('min_length', 1)} item(s); got none"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "wrong-type", f"expected a mapping (key: value lines), got {_describe(value)}"
    if kind == "list_type":
        return "wrong-type", f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind == "string_type":
        return "wrong-type", f"expected text, got {_describe(value)}"
    if kind.startswith("bool"):
        return "wrong-type", f"expected true or false, got {_describe(value)}"
    if kind == "literal_error":
        return "bad-value", f"{_describe(value)} is not allowed; {err['msg'].replace('Input should be', 'expected')}"
    return "bad-value", err["msg"]


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model found at `loc` below `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            break
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The record type inside an annotation such as `list[Claim]` or `Role | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _validate_record(model: type[BaseModel], data: Any, doc: Document, path: tuple, prefix: str,
                     problems: Problems) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            code, msg = _message(err, model, loc)
            line, col = doc.where_key((*path, *loc)) if code == "unknown-key" else doc.where((*path, *loc))
            problems.add(doc.file, line, col, code, f"{_dotted(prefix, loc)}: {msg}")
        return None


def _read_archives(sources: list[tuple[Source, Document, tuple]], seeds: Path, display_seeds: str,
                   problems: Problems) -> dict[str, Archived]:
    archives: dict[str, Archived] = {}
    root = seeds.resolve()
    for source, doc, path in sources:
        line, col = doc.where((*path, "file"))
        target = (seeds / source.file).resolve()
        if root not in target.parents:
            problems.add(doc.file, line, col, "unsafe-path",
                         f"'{source.file}' points outside {display_seeds}/; give a path inside it")
            continue
        try:
            archives[source.id] = read_archived(target)
        except FileNotFoundError:
            problems.add(doc.file, line, col, "missing-archive",
                         f"archived text '{display_seeds}/{source.file}' does not exist; copy the source's text there")
        except UnicodeDecodeError as exc:
            # Point at the bad byte in the archive itself; that file is what needs fixing.
            raw = target.read_bytes()
            problems.add(f"{display_seeds}/{source.file}", *byte_position(raw, exc.start), "not-utf8",
                         f"the archived text of '{source.id}' is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                         "save it as UTF-8")
        except OSError as exc:
            problems.add(doc.file, line, col, "unreadable-archive",
                         f"archived text '{display_seeds}/{source.file}' cannot be read ({exc.strerror})")
    return archives


def load_graph(facts: Path, seeds: Path, display_root: Path | None = None) -> Graph:
    """Load and validate every facts file; return the graph or raise FactsInvalid with all problems."""
    with gc_paused():  # see load.gc_paused: thousands of records, no cycles among them
        return _load_graph(facts, seeds, display_root)


def _load_graph(facts: Path, seeds: Path, display_root: Path | None) -> Graph:
    problems = Problems()
    base = display_root or facts.parent

    def shown(p: Path) -> str:
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            return p.as_posix()

    expected = [BRIEFING_FILE, *COLLECTIONS]
    present = {p.stem: p for p in sorted(facts.glob("*.y*ml")) if p.suffix in (".yaml", ".yml")}
    for stem, p in present.items():
        if stem not in expected:
            close = difflib.get_close_matches(stem, expected, n=1)
            hint = f" (did you mean '{close[0]}.yaml'?)" if close else ""
            problems.add(shown(p), 1, 1, "unknown-file",
                         f"unexpected facts file{hint}; facts files are: {', '.join(e + '.yaml' for e in expected)}")
    for stem in (BRIEFING_FILE, "sources"):
        if stem not in present:
            problems.add(shown(facts / f"{stem}.yaml"), 1, 1, "missing-file",
                         f"the file does not exist; every briefing needs {stem}.yaml "
                         f"({'title, as_of and summary' if stem == BRIEFING_FILE else 'the list of sources'})")

    # Records that failed the schema, and files that did not load, have had their problems
    # reported already; references to them are not reported again as dangling.
    half_known: set[str] = set()
    failed: list[tuple[Any, Document, tuple]] = []
    unchecked_kinds: set[str] = set()
    briefing: Briefing | None = None
    briefing_doc: Document | None = None
    records: dict[str, list[tuple[Any, Document, tuple]]] = {stem: [] for stem in COLLECTIONS}
    for stem in expected:
        if stem not in present:
            continue
        doc = load_file(present[stem], shown(present[stem]), problems)
        if doc is None:
            unchecked_kinds.add(KIND_OF.get(stem, stem))
            continue
        if stem == BRIEFING_FILE:
            if not isinstance(doc.data, dict):
                problems.add(doc.file, *doc.where(()), "wrong-type",
                             f"expected a mapping of briefing fields, got {_describe(doc.data)}")
                continue
            briefing = _validate_record(Briefing, doc.data, doc, (), "briefing", problems)
            briefing_doc = doc
            if briefing is None:
                failed.append((doc.data, doc, ()))
            continue
        what, model = COLLECTIONS[stem]
        if not isinstance(doc.data, list):
            problems.add(doc.file, *doc.where(()), "wrong-type",
                         f"expected {what} (lines starting with '- '), got {_describe(doc.data)}")
            unchecked_kinds.add(KIND_OF[stem])
            continue
        for i, item in enumerate(doc.data):
            rec = _validate_record(model, item, doc, (i,), f"{stem}[{i}]", problems)
            if rec is not None:
                records[stem].append((rec, doc, (i,)))
            else:
                failed.append((item, doc, (i,)))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    half_known.add(item["id"])

    # Ids are unique across the whole briefing: a reference names one record, whatever its kind.
    index: dict[str, Entry] = {}

    def register(rid: str, kind: str, record: Any, doc: Document, path: tuple, parent: str | None = None):
        line, col = doc.where((*path, "id"))
        if rid in index:
            first = index[rid]
            problems.add(doc.file, line, col, "duplicate-id",
                         f"id '{rid}' is already used by {_a(first.kind)} at {first.file}:{first.line}; ids must be unique")
            return
        index[rid] = Entry(kind, record, doc.file, line, parent)

    for stem, items in records.items():
        for rec, doc, path in items:
            register(rec.id, KIND_OF[stem], rec, doc, path)
            if stem == "legal":
                for j, prov in enumerate(rec.provisions):
                    register(prov.id, "provision", prov, doc, (*path, "provisions", j), parent=rec.id)

    # Claims with an id (for supersession) share the one namespace; a claim's page is its record's.
    for stem, items in records.items():
        for rec, doc, path in items:
            for sub, _name, value, _kinds in walk(rec, path):
                if isinstance(value, Claim) and value.id:
                    register(value.id, "claim", value, doc, sub, parent=rec.id)
    if briefing is not None and briefing_doc is not None:
        for sub, _name, value, _kinds in walk(briefing, ()):
            if isinstance(value, Claim) and value.id:
                register(value.id, "claim", value, briefing_doc, sub, parent="index")

    archives = _read_archives(records["sources"], seeds, shown(seeds), problems)
    quotes = 0

    def check_quote(source: str, quote: str, doc: Document, sub: tuple) -> None:
        if source in archives and not archives[source].contains(quote):
            line, col = doc.where((*sub, "quote"))
            near = archives[source].closest(quote)  # the error path only: difflib is slow
            problems.add(doc.file, line, col, "quote-not-found",
                         f"quote not found in the archived text of '{source}' "
                         f"({shown(archives[source].path)}): \"{_short(quote)}\"; "
                         + (f"{near}; " if near else "no passage of it shares half the quote's words; ")
                         + "copy the words exactly as the source has them")

    # A record that failed the schema still has its quotes checked, so one pass shows everything.
    for data, doc, path in failed:
        for sub, source, quote in _raw_citations(data, path):
            check_quote(source, quote, doc, sub)
    everything = [(briefing, briefing_doc, ())] if briefing else []
    for stem, items in records.items():
        everything.extend(items)
    for rec, doc, path in everything:
        for sub, name, value, kinds in walk(rec, path):  # one walk: quotes, references and spans
            if isinstance(value, Citation):
                quotes += 1
                check_quote(value.source, value.quote, doc, sub)
            elif isinstance(value, BaseModel):
                _check_span(value, name, sub, doc, problems)
            elif kinds and isinstance(value, str):
                target = index.get(value)
                if target is None and (value in half_known or unchecked_kinds.intersection(kinds)):
                    continue
                if target is None or target.kind not in kinds:
                    line, col = doc.where(sub)
                    got = f" (it is {_a(target.kind)})" if target else ""
                    close = difflib.get_close_matches(value, [k for k, e in index.items() if e.kind in kinds], n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    problems.add(doc.file, line, col, "unknown-reference",
                                 f"'{name}' refers to '{value}', which is not {_known(kinds)}{got}{hint}")

    _check_truth(everything, index, problems)
    event_docs = {rec.id: (doc, path) for rec, doc, path in records["events"]}
    for op in order_problems([rec for rec, _, _ in records["events"]]):
        doc, path = event_docs[op.event]
        line, col = doc.where((*path, op.field, op.index))
        problems.add(doc.file, line, col, op.code, f"{op.field}: {op.message}")

    if problems:
        raise FactsInvalid(problems)
    assert briefing is not None
    return Graph(
        briefing=briefing,
        sources=[r for r, _, _ in records["sources"]],
        people=[r for r, _, _ in records["people"]],
        institutions=[r for r, _, _ in records["institutions"]],
        events=[r for r, _, _ in records["events"]],
        instruments=[r for r, _, _ in records["legal"]],
        questions=[r for r, _, _ in records["questions"]],
        discrepancies=[r for r, _, _ in records["discrepancies"]],
        archives=archives,
        index=index,
        quotes_verified=quotes,
        terms=[r for r, _, _ in records["glossary"]],
    )


def _check_truth(everything: list, index: dict[str, Entry], problems: Problems) -> None:
    """Voice, quotation marks, roles, question status and supersession: what pages will say must hold."""
    for rec, doc, path in everything:
        for sub, message, code in quoted_words_problems(rec, path):
            line, col = doc.where(sub)
            problems.add(doc.file, line, col, code, message)
        for sub, _name, value, _kinds in walk(rec, path):
            if isinstance(value, Claim):
                _check_claim(value, sub, doc, index, problems)
        if isinstance(rec, Event):
            seen: dict[str, str] = {}
            for role in ("acted", "acted_on", "spoke", "involved"):
                for i, rid in enumerate(getattr(rec.who, role)):
                    if rid in seen:
                        line, col = doc.where((*path, "who", role, i))
                        problems.add(doc.file, line, col, "duplicate-actor",
                                     f"who.{role}: '{rid}' is already listed under who.{seen[rid]}; "
                                     "give each actor one role in an event")
                    seen.setdefault(rid, role)
        if isinstance(rec, Question):
            _check_status(rec, path, doc, problems)


def _check_claim(claim: Claim, sub: tuple, doc: Document, index: dict[str, Entry], problems: Problems) -> None:
    if claim.said_by and claim.voice != "fact":
        line, col = doc.where((*sub, "voice"))
        problems.add(doc.file, line, col, "mixed-voice",
                     f"a claim is either someone's words (said_by) or in another voice (voice: {claim.voice}), "
                     "not both; split it into two claims")
    if claim.superseded_by:
        later = index.get(claim.superseded_by)
        if later is None or later.kind != "claim":
            return  # reported as an unknown reference
        line, col = doc.where((*sub, "superseded_by"))
        if later.record is claim:
            problems.add(doc.file, line, col, "bad-supersession", "a claim cannot supersede itself")
        elif not claim.as_of or not later.record.as_of:
            problems.add(doc.file, line, col, "bad-supersession",
                         f"give both this claim and '{claim.superseded_by}' an as_of date, "
                         "so the page can say when it was superseded")
        elif later.record.as_of < claim.as_of[: len(later.record.as_of)]:
            problems.add(doc.file, line, col, "bad-supersession",
                         f"'{claim.superseded_by}' (as of {later.record.as_of}) is earlier than this claim "
                         f"(as of {claim.as_of}); a claim is superseded only by a later one")


def _check_status(q: Question, path: tuple, doc: Document, problems: Problems) -> None:
    def add(field: str, message: str) -> None:
        line, col = doc.where((*path, field))
        problems.add(doc.file, line, col, "bad-status", message)

    if q.status == "open":
        if q.answer:
            add("answer", "an open question has no answer; set status: answered, or remove the answer")
        if q.resolved_on:
            add("resolved_on", "an open question has no resolved_on date; set the status, or remove the date")
        return
    if not q.resolved_on:
        add("status", f"a question {q.status} needs resolved_on: the date it was {q.status}")
    if q.status == "answered" and not q.answer:
        add("status", "an answered question needs an answer: one or more cited claims that answer it")


def _raw_citations(data: Any, path: tuple) -> Iterator[tuple[tuple, str, str]]:
    """(path, source, quote) for every citation-shaped mapping in raw, unvalidated data."""
    if isinstance(data, dict):
        if isinstance(data.get("source"), str) and isinstance(data.get("quote"), str):
            yield path, data["source"], data["quote"]
        for key, value in data.items():
            yield from _raw_citations(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _raw_citations(value, (*path, i))


def _check_span(value: BaseModel, name: str, sub: tuple, doc: Document, problems: Problems) -> None:
    """A nested record with a start and an end (a role) must not end before it starts."""
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    if start and end:
        n = min(len(start), len(end))
        if end[:n] < start[:n]:
            line, col = doc.where((*sub, "end"))
            problems.add(doc.file, line, col, "bad-date", f"{name}: ends ({end}) before it starts ({start})")


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _known(kinds: tuple[str, ...]) -> str:
    return "a known id" if len(kinds) > 3 else "a known " + " or ".join(kinds)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
