"""Stage 3, validate: every facts file through a series of passes, every problem collected.

`load_graph` reads as its own table of contents: read the files, check each record's schema, index
the ids, read the archived texts, then check quotes, references, dates and what the pages will say.
Each pass returns its problems; nothing is rendered until all of them found none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .archive import Archived, read_archived
from .codes import Code
from .graph import Entry, Graph
from .kinds import BRIEFING, KINDS, Kind, by_file, filed
from .load import Document, byte_position, gc_paused, load_file
from .model import ROLES, Briefing, Citation, Claim, DataPath, Event, Figure, Question, walk
from .order import order_problems
from .problems import FactsInvalid, Problems
from .text import clip
from .truth import quoted_words_problems


@dataclass(frozen=True)
class Placed:
    """A record and where it stands: its file (as loaded) and its data path in that file."""

    record: Any
    doc: Document
    path: DataPath


@dataclass
class Loaded:
    """What the files and the schema pass made: valid records by kind, and what failed."""

    docs: dict[str, Document] = field(default_factory=dict)
    briefing: Placed | None = None
    records: dict[str, list[Placed]] = field(default_factory=lambda: {k.name: [] for k in filed()})
    failed: list[Placed] = field(default_factory=list)
    """Records (raw data) that failed the schema: their problems are reported already."""
    half_known: set[str] = field(default_factory=set)
    """Ids of records that failed the schema: references to them are not reported again."""
    unchecked: set[str] = field(default_factory=set)
    """Kinds whose file did not load: references to them cannot be checked."""

    def everything(self) -> list[Placed]:
        return ([self.briefing] if self.briefing else []) + [p for items in self.records.values() for p in items]


@dataclass(frozen=True)
class Scalar:
    """One value inside a valid record (from one walk shared by the passes)."""

    placed: Placed
    path: DataPath
    name: str
    value: Any
    ref_kinds: tuple[str, ...] | None


_CODES = {code.value for code in Code}


class Run:
    """One validation run: the folders, how paths are shown, and the problems found."""

    def __init__(self, facts: Path, seeds: Path, display_root: Path | None):
        self.facts, self.seeds = facts, seeds
        self.base = display_root or facts.parent

    def shown(self, p: Path) -> str:
        try:
            return p.relative_to(self.base).as_posix()
        except ValueError:
            return p.as_posix()


def load_graph(facts: Path, seeds: Path, display_root: Path | None = None) -> Graph:
    """Load and validate every facts file; return the graph or raise FactsInvalid with all problems."""
    with gc_paused():  # see load.gc_paused: thousands of records, no cycles among them
        run = Run(facts, seeds, display_root)
        problems = Problems()
        loaded = Loaded()
        problems.extend(read_files(run, loaded))
        problems.extend(check_schema(loaded))
        index, found = index_ids(loaded)
        problems.extend(found)
        archives, found = read_archives(run, loaded)
        problems.extend(found)
        scalars = [Scalar(p, sub, name, value, kinds) for p in loaded.everything()
                   for sub, name, value, kinds in walk(p.record, p.path)]
        quotes, found = check_quotes(run, loaded, scalars, archives)
        problems.extend(found)
        problems.extend(check_references(loaded, scalars, index))
        problems.extend(check_dates(loaded, scalars, index))
        problems.extend(check_presentation(loaded, scalars))
        if problems:
            raise FactsInvalid(problems)
        assert loaded.briefing is not None
        return Graph(briefing=loaded.briefing.record,
                     records={name: [p.record for p in items] for name, items in loaded.records.items()},
                     archives=archives, index=index, quotes_verified=quotes)


# -- pass 1: files ------------------------------------------------------------------------------

def read_files(run: Run, loaded: Loaded) -> Problems:
    """Unknown and missing files, then each file parsed (YAML problems come from load.py)."""
    problems = Problems()
    files = by_file()
    expected = list(files)
    present = {p.stem: p for p in sorted(run.facts.glob("*.y*ml")) if p.suffix in (".yaml", ".yml")}
    for stem, p in present.items():
        if stem not in expected:
            close = difflib.get_close_matches(stem, expected, n=1)
            hint = f" (did you mean '{close[0]}.yaml'?)" if close else ""
            problems.add(run.shown(p), 1, 1, Code.UNKNOWN_FILE,
                         f"unexpected facts file{hint}; facts files are: {', '.join(e + '.yaml' for e in expected)}")
    for stem in ("briefing", "sources"):
        if stem not in present:
            problems.add(run.shown(run.facts / f"{stem}.yaml"), 1, 1, Code.MISSING_FILE,
                         f"the file does not exist; every briefing needs {stem}.yaml ({files[stem].holds})")
    for stem in expected:
        if stem in present:
            doc = load_file(present[stem], run.shown(present[stem]), problems)
            if doc is None:
                loaded.unchecked.add(files[stem].name)
            else:
                loaded.docs[stem] = doc
    return problems


# -- pass 2: schema -------------------------------------------------------------------------------

def check_schema(loaded: Loaded) -> Problems:
    """Each record against its type; valid ones kept by kind, failed ones kept raw for the quote pass."""
    problems = Problems()
    files = by_file()
    for stem, doc in loaded.docs.items():
        kind = files[stem]
        if kind is BRIEFING:
            if not isinstance(doc.data, dict):
                problems.add(doc.file, *doc.where(()), Code.WRONG_TYPE,
                             f"expected a mapping of briefing fields, got {_describe(doc.data)}")
                continue
            rec = _validate_record(Briefing, doc.data, doc, (), "briefing", problems)
            if rec is None:
                loaded.failed.append(Placed(doc.data, doc, ()))
            else:
                loaded.briefing = Placed(rec, doc, ())
            continue
        if not isinstance(doc.data, list):
            problems.add(doc.file, *doc.where(()), Code.WRONG_TYPE,
                         f"expected {kind.holds} (lines starting with '- '), got {_describe(doc.data)}")
            loaded.unchecked.add(kind.name)
            continue
        for i, item in enumerate(doc.data):
            rec = _validate_record(kind.model, item, doc, (i,), f"{stem}[{i}]", problems)
            if rec is not None:
                loaded.records[kind.name].append(Placed(rec, doc, (i,)))
            else:
                loaded.failed.append(Placed(item, doc, (i,)))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    loaded.half_known.add(item["id"])
    return problems


def _validate_record(model: type[BaseModel], data: Any, doc: Document, path: DataPath, prefix: str,
                     problems: Problems) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            code, msg = explain_error(err, model, loc)
            line, col = doc.where_key((*path, *loc)) if code is Code.UNKNOWN_KEY else doc.where((*path, *loc))
            problems.add(doc.file, line, col, code, f"{_dotted(prefix, loc)}: {msg}")
        return None


def explain_error(err: Any, model: type[BaseModel], loc: DataPath) -> tuple[Code, str]:
    """A pydantic error as (code, message a facts editor can act on)."""
    kind, value = err["type"], err.get("input")
    if kind in _CODES:  # raised by a validator in model.py with its own code
        return Code.of(kind), str(err["ctx"]["message"])
    if kind == "missing":
        return Code.MISSING_FIELD, f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Code.UNKNOWN_KEY, f"unknown key '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "too_short":
        return Code.EMPTY_LIST, f"needs at least {err['ctx'].get('min_length', 1)} item(s); got none"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Code.WRONG_TYPE, f"expected a mapping (key: value lines), got {_describe(value)}"
    if kind == "list_type":
        return Code.WRONG_TYPE, f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind == "string_type":
        return Code.WRONG_TYPE, f"expected text, got {_describe(value)}"
    if kind.startswith("bool"):
        return Code.WRONG_TYPE, f"expected true or false, got {_describe(value)}"
    if kind == "literal_error":
        return Code.BAD_VALUE, f"{_describe(value)} is not allowed; {err['msg'].replace('Input should be', 'expected')}"
    return Code.BAD_VALUE, str(err["msg"])


def _allowed_keys(model: type[BaseModel], loc: DataPath) -> list[str]:
    """The field names of the (nested) model found at `loc` below `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = current.model_fields if isinstance(current, type) and issubclass(current, BaseModel) else {}
        if part not in fields:
            break
        current = _model_in(fields[part].annotation)
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


# -- pass 3: ids ----------------------------------------------------------------------------------

def index_ids(loaded: Loaded) -> tuple[dict[str, Entry], Problems]:
    """Every id, unique across the whole briefing: a reference names one record, whatever its kind.

    Nested records with ids (a legal text's provisions, claims given an id) share the namespace;
    their page is their parent's."""
    problems = Problems()
    index: dict[str, Entry] = {}

    def register(rid: str, kind: Kind, record: Any, doc: Document, path: DataPath, parent: str | None) -> None:
        line, col = doc.where((*path, "id"))
        if rid in index:
            first = index[rid]
            problems.add(doc.file, line, col, Code.DUPLICATE_ID,
                         f"id '{rid}' is already used by {_a(first.kind)} at {first.file}:{first.line}; "
                         "ids must be unique")
            return
        index[rid] = Entry(kind.name, record, doc.file, line, parent)

    nested = [k for k in KINDS if k.parent_field]
    anywhere = {k.model: k for k in KINDS if k.model in (Claim, Figure)}  # given an id wherever they are
    for placed in loaded.everything():
        rec, doc, path = placed.record, placed.doc, placed.path
        top = getattr(rec, "id", None) or "index"  # the briefing's claims live on the home page
        if top != "index":
            register(rec.id, _kind_of(rec), rec, doc, path, None)
        for k in nested:
            field_name = k.parent_field or ""
            for j, child in enumerate(getattr(rec, field_name, None) or []):
                register(child.id, k, child, doc, (*path, field_name, j), top)
        for sub, _name, value, _kinds in walk(rec, path):
            if type(value) in anywhere and value.id:
                register(value.id, anywhere[type(value)], value, doc, sub, top)
    return index, problems


def _kind_of(record: Any) -> Kind:
    return next(k for k in filed() if isinstance(record, k.model))


# -- pass 4: archived texts ---------------------------------------------------------------------

def read_archives(run: Run, loaded: Loaded) -> tuple[dict[str, Archived], Problems]:
    problems = Problems()
    archives: dict[str, Archived] = {}
    root = run.seeds.resolve()
    seeds = run.shown(run.seeds)
    for placed in loaded.records["source"]:
        source, doc = placed.record, placed.doc
        line, col = doc.where((*placed.path, "file"))
        target = (run.seeds / source.file).resolve()
        if root not in target.parents:
            problems.add(doc.file, line, col, Code.UNSAFE_PATH,
                         f"'{source.file}' points outside {seeds}/; give a path inside it")
            continue
        try:
            archives[source.id] = read_archived(target)
        except FileNotFoundError:
            problems.add(doc.file, line, col, Code.MISSING_ARCHIVE,
                         f"archived text '{seeds}/{source.file}' does not exist; copy the source's text there")
        except UnicodeDecodeError as exc:
            # Point at the bad byte in the archive itself; that file is what needs fixing.
            raw = target.read_bytes()
            problems.add(f"{seeds}/{source.file}", *byte_position(raw, exc.start), Code.NOT_UTF8,
                         f"the archived text of '{source.id}' is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                         "save it as UTF-8")
        except OSError as exc:
            problems.add(doc.file, line, col, Code.UNREADABLE_ARCHIVE,
                         f"archived text '{seeds}/{source.file}' cannot be read ({exc.strerror})")
    return archives, problems


# -- pass 5: quotes -------------------------------------------------------------------------------

def check_quotes(run: Run, loaded: Loaded, scalars: list[Scalar],
                 archives: dict[str, Archived]) -> tuple[int, Problems]:
    """Every quote against its source's archived text; records that failed the schema too, so one
    pass shows everything. Returns the number of quotes verified."""
    problems = Problems()

    def check(source: str, quote: str, doc: Document, sub: DataPath) -> None:
        if source in archives and not archives[source].contains(quote):
            line, col = doc.where((*sub, "quote"))
            near = archives[source].closest(quote)  # the error path only: difflib is slow
            problems.add(doc.file, line, col, Code.QUOTE_NOT_FOUND,
                         f"quote not found in the archived text of '{source}' "
                         f"({run.shown(archives[source].path)}): \"{clip(quote)}\"; "
                         + (f"{near}; " if near else "no passage of it shares half the quote's words; ")
                         + "copy the words exactly as the source has them")

    for placed in loaded.failed:
        for sub, source, quote in _raw_citations(placed.record, placed.path):
            check(source, quote, placed.doc, sub)
    quotes = 0
    for s in scalars:
        if isinstance(s.value, Citation):
            quotes += 1
            check(s.value.source, s.value.quote, s.placed.doc, s.path)
    return quotes, problems


def _raw_citations(data: Any, path: DataPath) -> Iterator[tuple[DataPath, str, str]]:
    """(path, source, quote) for every citation-shaped mapping in raw, unvalidated data."""
    if isinstance(data, dict):
        if isinstance(data.get("source"), str) and isinstance(data.get("quote"), str):
            yield path, data["source"], data["quote"]
        for key, value in data.items():
            yield from _raw_citations(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _raw_citations(value, (*path, i))


# -- pass 6: references ---------------------------------------------------------------------------

def check_references(loaded: Loaded, scalars: list[Scalar], index: dict[str, Entry]) -> Problems:
    """Every reference names a record of a kind it may name."""
    problems = Problems()
    for s in scalars:
        if not (s.ref_kinds and isinstance(s.value, str)):
            continue
        target = index.get(s.value)
        if target is None and (s.value in loaded.half_known or loaded.unchecked.intersection(s.ref_kinds)):
            continue  # its own problems are reported already
        if target is None or target.kind not in s.ref_kinds:
            got = f" (it is {_a(target.kind)})" if target else ""
            close = difflib.get_close_matches(s.value, [k for k, e in index.items() if e.kind in s.ref_kinds], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.add(s.placed.doc.file, *s.placed.doc.where(s.path), Code.UNKNOWN_REFERENCE,
                         f"'{s.name}' refers to '{s.value}', which is not {_known(s.ref_kinds)}{got}{hint}")
    return problems


# -- pass 7: dates --------------------------------------------------------------------------------

def check_dates(loaded: Loaded, scalars: list[Scalar], index: dict[str, Entry]) -> Problems:
    """Spans that end before they start, the events' order hints, and claims superseded by earlier ones."""
    problems = Problems()
    for s in scalars:
        if isinstance(s.value, BaseModel):
            start, end = getattr(s.value, "start", None), getattr(s.value, "end", None)
            if start and end and end[: min(len(start), len(end))] < start[: min(len(start), len(end))]:
                problems.add(s.placed.doc.file, *s.placed.doc.where((*s.path, "end")), Code.BAD_DATE,
                             f"{s.name}: ends ({end}) before it starts ({start})")
        if isinstance(s.value, (Claim, Figure)) and s.value.superseded_by:
            _check_supersession(s.value, s.placed.doc, s.path, index, problems)
    events = {p.record.id: p for p in loaded.records["event"]}
    for op in order_problems([p.record for p in events.values()]):
        placed = events[op.event]
        problems.add(placed.doc.file, *placed.doc.where((*placed.path, op.field, op.index)), op.code,
                     f"{op.field}: {op.message}")
    return problems


def _check_supersession(claim: Claim | Figure, doc: Document, sub: DataPath, index: dict[str, Entry],
                        problems: Problems) -> None:
    """A claim (or key figure) is superseded by a later one of its own kind, both dated."""
    later = index.get(claim.superseded_by or "")
    if later is None or type(later.record) is not type(claim):
        return  # reported as an unknown reference
    line, col = doc.where((*sub, "superseded_by"))
    what = "a claim" if isinstance(claim, Claim) else "a key figure"
    if later.record is claim:
        problems.add(doc.file, line, col, Code.BAD_SUPERSESSION, f"{what} cannot supersede itself")
    elif (loop := _supersession_loop(claim, index)) is not None:
        problems.add(doc.file, line, col, Code.BAD_SUPERSESSION,
                     f"{' -> '.join(loop)} supersede one another in a loop; one of them must be the latest")
    elif not claim.as_of or not later.record.as_of:
        problems.add(doc.file, line, col, Code.BAD_SUPERSESSION,
                     f"give both this {what[2:]} and '{claim.superseded_by}' an as_of date, "
                     "so the page can say when it was superseded")
    elif later.record.as_of < claim.as_of[: len(later.record.as_of)]:
        problems.add(doc.file, line, col, Code.BAD_SUPERSESSION,
                     f"'{claim.superseded_by}' (as of {later.record.as_of}) is earlier than this {what[2:]} "
                     f"(as of {claim.as_of}); {what} is superseded only by a later one")


def _supersession_loop(claim: Claim | Figure, index: dict[str, Entry]) -> list[str] | None:
    """The ids of a chain of superseded_by that comes back to `claim` (claim first and last), or None."""
    if claim.id is None:
        return None  # nothing can name it, so no chain comes back to it
    chain, seen = [claim.id], {claim.id}
    entry = index.get(claim.superseded_by or "")
    while entry is not None and type(entry.record) is type(claim):
        later: Claim | Figure = entry.record
        if later is claim:
            return [*chain, claim.id]
        if later.id is None or later.id in seen:
            return None  # a loop further on, reported at its own members
        chain.append(later.id)
        seen.add(later.id)
        entry = index.get(later.superseded_by or "")
    return None


# -- pass 8: what the pages will say ------------------------------------------------------------

def check_presentation(loaded: Loaded, scalars: list[Scalar]) -> Problems:
    """What a page says from the data must hold: quotation marks hold a source's words, a claim has
    one voice, an actor one role per event, a question's status fits its fields."""
    problems = Problems()
    for placed in loaded.everything():
        for sub, message, code in quoted_words_problems(placed.record, placed.path):
            problems.add(placed.doc.file, *placed.doc.where(sub), code, message)
        if isinstance(placed.record, Event):
            _check_roles(placed, problems)
        elif isinstance(placed.record, Question):
            _check_status(placed, problems)
    for s in scalars:
        if isinstance(s.value, Claim) and s.value.said_by and s.value.voice != "fact":
            problems.add(s.placed.doc.file, *s.placed.doc.where((*s.path, "voice")), Code.MIXED_VOICE,
                         f"a claim is either someone's words (said_by) or in another voice "
                         f"(voice: {s.value.voice}), not both; split it into two claims")
    return problems


def _check_roles(placed: Placed, problems: Problems) -> None:
    seen: dict[str, str] = {}
    for role in ROLES:
        for i, rid in enumerate(getattr(placed.record.who, role)):
            if rid in seen:
                problems.add(placed.doc.file, *placed.doc.where((*placed.path, "who", role, i)), Code.DUPLICATE_ACTOR,
                             f"who.{role}: '{rid}' is already listed under who.{seen[rid]}; "
                             "give each actor one role in an event")
            seen.setdefault(rid, role)


def _check_status(placed: Placed, problems: Problems) -> None:
    q: Question = placed.record

    def add(name: str, message: str) -> None:
        problems.add(placed.doc.file, *placed.doc.where((*placed.path, name)), Code.BAD_STATUS, message)

    if q.status == "open":
        if q.answer:
            add("answer", "an open question has no answer; set status: answered, or remove the answer")
        if q.resolved_on:
            add("resolved_on", "an open question has no resolved_on date; set the status, or remove the date")
        return
    if not q.resolved_on:
        add("status", f"{'an answered' if q.status == 'answered' else 'an overtaken'} question needs "
                      f"resolved_on: the date it was {q.status}")
    if q.status == "answered" and not q.answer:
        add("status", "an answered question needs an answer: one or more cited claims that answer it")


# -- wording --------------------------------------------------------------------------------------

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


def _dotted(prefix: str, loc: DataPath) -> str:
    out = prefix
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _known(kinds: tuple[str, ...]) -> str:
    return "a known id" if len(kinds) > 3 else "a known " + " or ".join(kinds)
