"""Stage 3, validate: every facts file through a series of passes, every problem collected.

`load_graph` reads as its own table of contents: read the files, check each record's schema, index
the ids, read the archived texts, then check quotes, references, dates, what the pages will say, and
what source pages will say of their sources (said.py).
Each pass returns its problems; nothing is rendered until all of them found none.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from briefing.facts import said
from briefing.facts.archive import Archived, read_archived
from briefing.facts.codes import Code
from briefing.facts.graph import Entry, Graph
from briefing.facts.kinds import BRIEFING, KINDS, Kind, by_file, filed
from briefing.facts.load import Document, byte_position, gc_paused, load_file
from briefing.facts.model import (
    ROLES,
    Briefing,
    Citation,
    Claim,
    DataPath,
    Event,
    Figure,
    Identified,
    Question,
    Record,
    Role,
    describe,
    field_names,
    nested,
    walk,
)
from briefing.facts.order import cap_problems, caps, order_problems
from briefing.facts.problems import FactsInvalid, Problems
from briefing.facts.skipped import Skipped, Unloaded
from briefing.facts.slips import CURLY_HINT, curly_wrapped, not_text_hint, unwrapped
from briefing.facts.translations import check_translations
from briefing.facts.truth import quoted_words_problems
from briefing.text import clip


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
    skipped: Skipped = field(default_factory=Skipped)
    """Kinds whose file did not load (references into them cannot be checked), and the other checks that
    could not run (skipped.py)."""

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


def load_graph(facts: Path, seeds: Path, display_root: Path | None = None, strict: bool = False) -> Graph:
    """Load and validate every facts file; return the graph or raise FactsInvalid with all problems.

    Missing and stale translations are warnings, kept on the graph (`Graph.warnings`), unless `strict`
    (the site's build and CI), which makes them errors."""
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
        problems.extend(check_presentation(loaded, scalars, index))
        problems.extend(check_translations(loaded.briefing.record if loaded.briefing else None,
                                           [p.record for p in loaded.records["source"]],
                                           [(p.record, p.doc, p.path) for p in loaded.everything()], facts, strict))
        problems.extend(check_sources_say(loaded, archives))
        if loaded.briefing is None:
            briefing = loaded.skipped.unloaded.get("briefing")
            loaded.skipped.briefing = (f"{briefing.file} {briefing.why}" if briefing
                                       else f"{run.shown(facts / 'briefing.yaml')} has problems")
        problems.skipped = loaded.skipped.lines()
        if problems.errors:
            raise FactsInvalid(problems)
        assert loaded.briefing is not None
        return Graph(briefing=loaded.briefing.record,
                     records={name: [p.record for p in items] for name, items in loaded.records.items()},
                     archives=archives, index=index, quotes_verified=quotes, warnings=problems.warnings)


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
            missing = run.facts / f"{stem}.yaml"
            problems.add(run.shown(missing), 1, 1, Code.MISSING_FILE,
                         f"the file does not exist; every briefing needs {stem}.yaml ({files[stem].holds})")
            loaded.skipped.unloaded[files[stem].name] = Unloaded(run.shown(missing), missing, "does not exist")
    for stem in expected:
        if stem in present:
            doc = load_file(present[stem], run.shown(present[stem]), problems)
            if doc is None:
                # no records left unchecked to name: an empty file, or briefing.yaml (its own line says what stopped)
                none = problems.items[-1].code is Code.EMPTY_FILE or files[stem] is BRIEFING
                loaded.skipped.unloaded[files[stem].name] = Unloaded(run.shown(present[stem]), present[stem],
                                                                     "did not load",
                                                                     records="" if none else "every record of")
                continue
            loaded.docs[stem] = doc
            if doc.unread:  # a YAML error: the other records were read (load.recover); these were not
                loaded.skipped.unloaded[files[stem].name] = Unloaded(
                    doc.file, None, f"could not be read at {_line_runs(doc.unread)}", doc.unread_text,
                    records=f"the records at {_line_runs(doc.unread)} of", partly=True)
    return problems


def _line_runs(runs: list[tuple[int, int]]) -> str:
    """'line 4', 'lines 4–9', 'lines 4–9 and 20–31'."""
    shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    many = len(runs) > 1 or runs[0][0] != runs[0][1]
    return ("lines " if many else "line ") + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1
                                              else shown[0])


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
                             f"expected a mapping of briefing fields, got {describe(doc.data)}")
                continue
            rec = _validate_record(Briefing, doc.data, doc, (), "briefing", problems)
            if rec is None:
                loaded.failed.append(Placed(doc.data, doc, ()))
            else:
                loaded.briefing = Placed(rec, doc, ())
            continue
        if not isinstance(doc.data, list):
            problems.add(doc.file, *doc.where(()), Code.WRONG_TYPE,
                         f"expected {kind.holds} (lines starting with '- '), got {describe(doc.data)}")
            loaded.skipped.unloaded[kind.name] = Unloaded(doc.file, None, "is not a list of records",
                                                          json.dumps(doc.data, default=str))
            continue
        for i, item in enumerate(doc.data):
            rec = _validate_record(kind.model, item, doc, (i,), f"{stem}[{doc.number(i)}]", problems)
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
            value = err.get("input")
            if isinstance(value, str) and curly_wrapped(value) and code not in (Code.UNKNOWN_KEY, Code.MISSING_FIELD):
                msg += f"; {CURLY_HINT}"
            line, col = doc.where_key((*path, *loc)) if code is Code.UNKNOWN_KEY else doc.where((*path, *loc))
            problems.add(doc.file, line, col, code, f"{_dotted(prefix, loc)}: {msg}")
        return None


def explain_error(err: Any, model: type[BaseModel], loc: DataPath) -> tuple[Code, str]:
    """A pydantic error as (code, message a facts editor can act on)."""
    kind, value = err["type"], err.get("input")
    if kind in _CODES:  # raised by a validator in model.py with its own code
        return Code.of(kind), str(err["ctx"]["message"])
    if kind == "missing" and loc[-1] == "claims":  # the rule a new editor meets first
        return Code.MISSING_FIELD, ("missing required field 'claims': nothing is shown without a citation, so this "
                                    "needs at least one claim, a sentence (`text`) with a `cite` quoting an archived "
                                    "source")
    if kind == "missing":
        return Code.MISSING_FIELD, f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else _belongs_elsewhere(str(loc[-1]))
        return Code.UNKNOWN_KEY, f"unknown key '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "too_short":
        least, got = err["ctx"].get("min_length", 1), err["ctx"].get("actual_length", 0)
        why = ("; an exchange is a charge and the answer to it, so give each side's position, or move a lone "
               "position to its holder's claims") if loc and loc[-1] == "positions" else ""
        found = "none" if not got else f"{got}"
        return Code.EMPTY_LIST, f"needs at least {least} item{'s' if least != 1 else ''}; got {found}{why}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Code.WRONG_TYPE, f"expected a mapping (key: value lines), got {describe(value)}"
    if kind == "list_type":
        # lines meant as items, one without its dash: YAML joins them into one text ('ana-perez - ministry')
        hint = "; put each item on a line of its own starting with '- '" if isinstance(value, str) else ""
        return Code.WRONG_TYPE, f"expected a list (lines starting with '- '), got {describe(value)}{hint}"
    if kind == "string_type":
        hint = not_text_hint(value, loc[-1] if loc else '')
        return Code.WRONG_TYPE, f"expected text, got {describe(value)}" + (f"; {hint}" if hint else "")
    if kind.startswith("bool"):
        return Code.WRONG_TYPE, f"expected true or false, got {describe(value)}"
    if kind == "literal_error":
        return Code.BAD_VALUE, f"{describe(value)} is not allowed; {err['msg'].replace('Input should be', 'expected')}"
    return Code.BAD_VALUE, str(err["msg"])


def _belongs_elsewhere(key: str) -> str:
    """For a key of another kind of record (an event's date on a person): which records have it."""
    places = [f"{k.counted} ({k.file}.yaml)" for k in filed() if key in field_names(k.model)]
    places += [what for model, what in ((Claim, "a claim"), (Citation, "a citation (an item under cite:)"))
               if key in field_names(model)]
    if not places:
        return ""
    shown = places[:3] + ([f"{len(places) - 3} more"] if len(places) > 3 else [])
    listed = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    return f" here: '{key}' belongs to {listed}, not to this record; move it there or remove it"


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
        return field_names(current)
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

    def register(rid: str, kind: Kind[Record], record: Any, doc: Document, path: DataPath, parent: str | None) -> None:
        line, col = doc.where((*path, "id"))
        if rid in index:
            first = index[rid]
            problems.add(doc.file, line, col, Code.DUPLICATE_ID,
                         f"id '{rid}' is already used by {_a(first.kind)} at {first.file}:{first.line}; "
                         "ids must be unique")
            return
        index[rid] = Entry(kind.name, record, doc.file, line, parent)

    child_kinds = [k for k in KINDS if k.parent_field]
    anywhere: dict[type, Kind[Record]] = {k.model: k for k in KINDS if k.model in (Claim, Figure)}  # ids anywhere
    for placed in loaded.everything():
        rec, doc, path = placed.record, placed.doc, placed.path
        top = getattr(rec, "id", None) or "index"  # the briefing's claims live on the home page
        if top != "index":
            register(rec.id, _kind_of(rec), rec, doc, path, None)
        for k in child_kinds:
            field_name = k.parent_field or ""
            for j, child in enumerate(getattr(rec, field_name, None) or []):
                register(child.id, k, child, doc, (*path, field_name, j), top)
        for sub, value in nested(rec, path):  # the records in it only: the scalars are not needed here
            kind = anywhere.get(type(value))  # the exact type, not a subclass
            if kind is not None and (cid := getattr(value, "id", None)):
                register(cid, kind, value, doc, sub, top)
    return index, problems


def _kind_of(record: Any) -> Kind[Identified]:
    return next(k for k in filed() if isinstance(record, k.model))


# -- pass 4: archived texts ---------------------------------------------------------------------

def read_archives(run: Run, loaded: Loaded) -> tuple[dict[str, Archived], Problems]:
    problems = Problems()
    archives: dict[str, Archived] = {}
    root = run.seeds.resolve()
    seeds = run.shown(run.seeds)
    for sid, file, doc, path in _archived_texts(loaded):
        line, col = doc.where((*path, "file"))
        target = (run.seeds / file).resolve()
        if root not in target.parents:
            problems.add(doc.file, line, col, Code.UNSAFE_PATH,
                         f"'{file}' points outside {seeds}/; give a path inside it")
            continue
        try:
            archives[sid] = read_archived(target)
        except FileNotFoundError:
            problems.add(doc.file, line, col, Code.MISSING_ARCHIVE,
                         f"archived text '{seeds}/{file}' does not exist; copy the source's text there")
        except UnicodeDecodeError as exc:
            # Point at the bad byte in the archive itself; that file is what needs fixing.
            raw = target.read_bytes()
            problems.add(f"{seeds}/{file}", *byte_position(raw, exc.start), Code.NOT_UTF8,
                         f"the archived text of '{sid}' is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                         "save it as UTF-8")
        except OSError as exc:
            problems.add(doc.file, line, col, Code.UNREADABLE_ARCHIVE,
                         f"archived text '{seeds}/{file}' cannot be read ({exc.strerror})")
    return archives, problems


def _archived_texts(loaded: Loaded) -> Iterator[tuple[str, str, Document, DataPath]]:
    """(source id, archived file, where) of every source: a record that failed the schema too, when its id
    and file are plain text, so the quotes citing it are still checked."""
    for placed in loaded.records["source"]:
        yield placed.record.id, placed.record.file, placed.doc, placed.path
    sources = loaded.docs.get("sources")
    for placed in loaded.failed:
        data = placed.record
        if placed.doc is sources and isinstance(data, dict) and all(isinstance(data.get(k), str) and data[k].strip()
                                                                    for k in ("id", "file")):
            yield data["id"], data["file"], placed.doc, placed.path


# -- pass 5: quotes -------------------------------------------------------------------------------

def check_quotes(run: Run, loaded: Loaded, scalars: list[Scalar],
                 archives: dict[str, Archived]) -> tuple[int, Problems]:
    """Every quote against its source's archived text; records that failed the schema too, so one
    pass shows everything. Returns the number of quotes verified."""
    problems = Problems()
    sources = {p.record.id for p in loaded.records["source"]} | {
        p.record["id"] for p in loaded.failed if p.doc is loaded.docs.get("sources") and isinstance(p.record, dict)
        and isinstance(p.record.get("id"), str)}
    sources_unloaded = loaded.skipped.unloaded.get("source")

    def check(source: str, quote: str, doc: Document, sub: DataPath) -> None:
        if source not in archives:  # not checked: say so, unless the source is unknown (a reference problem)
            if source in sources:
                loaded.skipped.unread_quotes[source] += 1
            elif sources_unloaded and sources_unloaded.may_define(source):
                loaded.skipped.sources_quotes += 1
            return
        if not archives[source].contains(quote):
            problems.add(doc.file, *doc.where((*sub, "quote")), Code.QUOTE_NOT_FOUND,
                         _quote_not_found(run, source, quote, archives))

    for placed in loaded.failed:
        for sub, source, quote in _raw_citations(placed.record, placed.path):
            check(source, quote, placed.doc, sub)
    quotes = 0
    for s in scalars:
        if isinstance(s.value, Citation):
            quotes += 1
            check(s.value.source, s.value.quote, s.placed.doc, s.path)
    for placed in loaded.records["source"]:  # what a source's text says about itself is quoted too (said.py)
        for sub, said_words in said.said_paths(placed.record):
            quotes += 1
            check(placed.record.id, said_words.quote, placed.doc, (*placed.path, *sub))
    return quotes, problems


def _quote_not_found(run: Run, source: str, quote: str, archives: dict[str, Archived]) -> str:
    """Why a quote is not in its source's text, as near as can be said: the curly quotes around it, another source
    that has it word for word, or the closest passage of its own, with the differing words marked."""
    cited = f"the archived text of '{source}' ({run.shown(archives[source].path)})"
    if curly_wrapped(quote) and archives[source].contains(unwrapped(quote)):
        return (f"the quote is in {cited} without the curly quotes around it: \"{clip(unwrapped(quote))}\"; YAML keeps "
                "curly quotes as part of the text: remove them")
    others = [sid for sid, text in archives.items() if sid != source and text.contains(quote)]
    if others:
        named = " and ".join(f"'{sid}' ({run.shown(archives[sid].path)})" for sid in others[:2])
        return (f"quote not found in {cited}: \"{clip(quote)}\"; it is, word for word, in {named}: "
                f"cite that source (source: {others[0]})")
    near = archives[source].closest(quote)  # the error path only: difflib is slow
    return (f"quote not found in {cited}: \"{clip(quote)}\"; "
            + (f"{near}; " if near else "no passage of it shares half the quote's words; ")
            + "copy the words exactly as the source has them")


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
        if target is None and s.value in loaded.half_known:
            continue  # its own problems are reported already
        if target is None and (holder := loaded.skipped.holder(s.value, s.ref_kinds)) is not None:
            holder.references += 1  # it may be defined in a file that did not load
            continue
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
            ends = "end"
            if isinstance(s.value, Role) and s.value.ended_by and not end:
                end, ends = s.value.ended_by, "ended_by"
            if start and end and end[: min(len(start), len(end))] < start[: min(len(start), len(end))]:
                problems.add(s.placed.doc.file, *s.placed.doc.where((*s.path, ends)), Code.BAD_DATE,
                             f"{s.name}: ends ({end}) before it starts ({start})")
            if isinstance(s.value, Role):
                _check_role_end(s.value, s.placed, s.path, problems)
        if isinstance(s.value, (Claim, Figure)) and s.value.superseded_by:
            _check_supersession(s.value, s.placed.doc, s.path, index, problems)
    events = {p.record.id: p for p in loaded.records["event"]}
    for placed in events.values():
        if placed.record.approximate == "week" and len(placed.record.date) != 10:
            problems.add(placed.doc.file, *placed.doc.where((*placed.path, "approximate")), Code.BAD_DATE,
                         f"approximate: 'week' needs a date with its day (any day of that week), not "
                         f"{placed.record.date}")
    records = [p.record for p in events.values()]
    published = {p.record.id: date for p in loaded.records["source"] if (date := p.record.appeared())}
    bounds = caps(records, {e.id: e.sources() for e in records}, published)
    for op in [*order_problems(records), *cap_problems(records, bounds)]:
        placed = events[op.event]
        where = (*placed.path, op.field) if op.index < 0 else (*placed.path, op.field, op.index)
        problems.add(placed.doc.file, *placed.doc.where(where), op.code, f"{op.field}: {op.message}")
    if loaded.briefing is not None:
        _check_after_as_of(loaded.briefing, events.values(), problems)
    return problems


def _check_role_end(role: Role, placed: Placed, path: DataPath, problems: Problems) -> None:
    """`ended_by` (the sources bound the role's end, not its day) says the role ended: never with `end` (the day
    it ended), `last_reported` (the sources leave open whether it went on) or a redundant `ended: true`."""
    if role.ended_by is None:
        return
    clashes = (("end", role.end is not None, f"the role ended on {role.end}; keep `end` or `ended_by`, not both"),
               ("last_reported", role.last_reported is not None,
                "`last_reported` says the sources leave open whether the role went on, `ended_by` that it had ended; "
                "keep the one the sources support"),
               ("ended", role.ended, "`ended_by` already says the role ended; remove `ended: true`"))
    for name, clash, why in clashes:
        if clash:
            problems.add(placed.doc.file, *placed.doc.where((*path, name)), Code.BAD_VALUE, f"ended_by: {why}")


def _check_after_as_of(briefing: Placed, events: Iterable[Placed], problems: Problems) -> None:
    """Events dated after the day the briefing says it is current to: the date or the `as_of` is wrong. A date
    is after only when all of it is ('2026-03' is not after an as_of of 2026-03-12)."""
    as_of = briefing.record.as_of
    for placed in events:
        date = placed.record.date
        n = min(len(date), len(as_of))
        if date[:n] > as_of[:n]:
            problems.add(placed.doc.file, *placed.doc.where((*placed.path, "date")), Code.AFTER_AS_OF,
                         f"date: '{placed.record.id}' is dated {date}, after the briefing's as_of date ({as_of}, "
                         f"{briefing.doc.file}), the day it is current to; fix the event's date, or move as_of "
                         "forward if the briefing now covers it")


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

NOTE_FIELDS = frozenset({"note", "notes", "date_basis", "published_basis", "would_settle"})
"""The editors' notes a reader sees as written: where editors reason about other records, and so where an id
slips in (a claim or a title is written as the story, in words)."""
NAMED_BY_ID = ("event", "discrepancy")
"""Kinds whose ids are made-up phrases ('castillo-ousted'), never words a reader could take for prose."""
_ID_TOKEN = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def check_presentation(loaded: Loaded, scalars: list[Scalar], index: dict[str, Entry]) -> Problems:
    """What a page says from the data must hold: quotation marks hold a source's words, a claim has
    one voice, an actor one role per event, a question's status fits its fields, and no record is named
    by its id in words a reader sees."""
    problems = Problems()
    for s in scalars:
        if s.name in NOTE_FIELDS and s.ref_kinds is None and isinstance(s.value, str):
            for rid in _ID_TOKEN.findall(s.value):
                entry = index.get(rid)
                if entry is not None and entry.kind in NAMED_BY_ID:
                    title = str(getattr(entry.record, "title", None) or getattr(entry.record, "topic", ""))
                    problems.add(s.placed.doc.file, *s.placed.doc.where(s.path), Code.ID_IN_TEXT,
                                 f"{s.name}: '{rid}' is the id of {_a(entry.kind)}, which a reader would see as it "
                                 f"is; name it in words (its title: '{clip(' '.join(title.split()), 60)}')")
    for placed in loaded.everything():
        for sub, message, code in quoted_words_problems(placed.record, placed.path):
            problems.add(placed.doc.file, *placed.doc.where(sub), code, message)
        if isinstance(placed.record, Event):
            _check_roles(placed, problems)
        elif isinstance(placed.record, Question):
            _check_status(placed, problems)
        elif isinstance(placed.record, Briefing):
            _check_home(placed, problems)
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


LEAD_WORDS = 120
"""The home page's lead: at most this many words (a phone's first screen holds it)."""
GLANCE_WORDS = 140
"""The at-a-glance box: at most this many words in all."""


def words(claims: list[Claim]) -> int:
    """How many words claims hold, as a reader counts them."""
    return sum(len(c.text.split()) for c in claims)


def _check_home(placed: Placed, problems: Problems) -> None:
    """The home page's lead and box keep to their budgets; whose case a statement argues names a side."""
    b: Briefing = placed.record

    def add(path: DataPath, code: Code, message: str) -> None:
        problems.add(placed.doc.file, *placed.doc.where(path), code, message)

    if words(b.lead) > LEAD_WORDS:
        add(("lead",), Code.TOO_LONG, f"lead: {words(b.lead)} words; the home page's lead holds at most "
                                      f"{LEAD_WORDS} (a phone's first screen): shorten it or move claims to summary")
    if b.glance is not None:
        lines = (b.glance.what, b.glance.who, b.glance.now, b.glance.next)
        total = sum(words(line) for line in lines)
        if total > GLANCE_WORDS:
            add(("glance",), Code.TOO_LONG, f"glance: {total} words; the at-a-glance box holds at most {GLANCE_WORDS}")
    argued: list[tuple[DataPath, str | None]] = [(("lead", i), c.argues) for i, c in enumerate(b.lead)]
    if b.glance is not None:
        argued += [(("glance", line, i), c.argues) for line in ("what", "who", "now", "next")
                   for i, c in enumerate(getattr(b.glance, line))]
    for i, x in enumerate(b.exchanges):
        for j, pos in enumerate(x.positions):
            path: DataPath = ("exchanges", i, "positions", j)
            if pos.argues is None and b.sides:
                add((*path, "holder"), Code.MISSING_FIELD,
                    f"exchanges[{i}].positions[{j}].argues: say whose case this position makes (one of the sides: "
                    f"{', '.join(b.sides)}), by what it argues, not by who says it")
            argued.append((path, pos.argues))
    for path, side in argued:
        if side is not None and side not in b.sides:
            add((*path, "argues"), Code.NOT_A_SIDE,
                f"argues: '{side}' is not one of the briefing's sides ({', '.join(b.sides) or 'none declared'})")


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


# -- pass 9: what source pages say of their sources -------------------------------------------

def check_sources_say(loaded: Loaded, archives: dict[str, Archived]) -> Problems:
    """A source's headline, byline, credits and dates are its own words, and its author, publication date
    and address agree with them and with the archive's header (said.py)."""
    problems = Problems()
    for placed in loaded.records["source"]:
        for sub, code, message in said.problems(placed.record, archives.get(placed.record.id)):
            problems.add(placed.doc.file, *placed.doc.where((*placed.path, *sub)), code, message)
    return problems


# -- wording --------------------------------------------------------------------------------------

def _dotted(prefix: str, loc: DataPath) -> str:
    out = prefix
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _known(kinds: tuple[str, ...]) -> str:
    return "a known id" if len(kinds) > 3 else "a known " + " or ".join(kinds)
