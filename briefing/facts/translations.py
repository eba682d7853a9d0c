"""Translations in the facts: each translated text has its translation, in each of the briefing's other
languages, beside it in the same record, and no translation is older than the text it translates.

A record's keys named by a language (`es:`) hold its translations (model.Record.translations): a string
where the record has one translated text (a claim's text, a quote), else a mapping of its translated
fields. A quote needs no translation into its own source's language (a Spanish text is quoted in Spanish
in both editions).

A translation is stale when the English it translates changed after it was written: `git blame` says which
commit last changed each line (edits not yet committed count as now), and the translation is stale when a
commit that changed its English is not in the history of the commit that last changed the translation. So an
edit to an English text makes its translations stale until they are edited too, also when the two were
committed on different branches, whatever their clocks say (an English fix committed on one branch before
a translation written on another is still news to that translation once the branches meet). Missing and
stale translations are warnings while editing (`check`, `serve`) and errors in the strict build (`build`,
CI); a page shows the English, marked as untranslated, where a translation is missing.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pydantic import BaseModel

from briefing.facts.codes import Code
from briefing.facts.load import Document
from briefing.facts.model import Briefing, Citation, DataPath, Record, Source, nested, translated_fields
from briefing.facts.problems import Problems
from briefing.facts.truth import quoted_words_problems


def records_in(record: BaseModel, path: DataPath) -> Iterator[tuple[Record, DataPath]]:
    """A record and every record nested in it, with their data paths."""
    if isinstance(record, Record):
        yield record, path
    for sub, value in nested(record, path):
        if isinstance(value, Record):
            yield value, sub


UNCOMMITTED = "0" * 40
"""What `git blame` names a line not yet committed."""


@dataclass(frozen=True)
class Change:
    """The commit that last changed a line (UNCOMMITTED for an edit not yet committed), and its time."""

    commit: str
    time: int


_BLAMED: dict[tuple[str, str, bytes], dict[int, Change] | None] = {}
"""`git blame` of a facts file by (path, HEAD commit, its content): the same file in the same repository
state blames the same, so a rebuild (serve, a test) asks git again only for the files that changed."""
_PARENTS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
"""Each commit's parents, by (repository folder, HEAD commit): read once per repository state."""


@dataclass
class Blame:
    """Which commit last changed each line of the facts files, from `git blame`, and each such commit's history."""

    root: Path
    known: dict[str, dict[int, Change] | None] = field(default_factory=dict)
    histories: dict[str, frozenset[str]] = field(default_factory=dict)
    head: str | None = None
    parents: dict[str, tuple[str, ...]] | None = None

    def __post_init__(self) -> None:
        out = _git(["rev-parse", "HEAD"], self.root)
        self.head = out.strip() if out else None

    def prefetch(self, facts: Path, files: list[str]) -> None:
        """Blame these facts files side by side (one git process each, all at once) where not known yet."""
        wanted = {file: facts / Path(file).name for file in dict.fromkeys(files) if file not in self.known}
        keys = {file: self._key(path) for file, path in wanted.items()}
        for file, key in keys.items():
            if key is not None and key in _BLAMED:
                self.known[file] = _BLAMED[key]
        running = {file: _start(["blame", "--porcelain", "-w", "--", path.name], path.parent)
                   for file, path in wanted.items() if file not in self.known}
        for file, process in running.items():
            out = _finish(process)
            self.known[file] = _blamed(out) if out is not None else None
            key = keys[file]
            if key is not None:
                _BLAMED[key] = self.known[file]

    def _key(self, path: Path) -> tuple[str, str, bytes] | None:
        if self.head is None:
            return None
        try:
            return (str(path.resolve()), self.head, hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            return None

    def lines(self, facts: Path, file: str) -> dict[int, Change] | None:
        """Line number -> its last change, for a facts file (`file` as problems name it, in the folder
        `facts`); None when git cannot say (no repository, or git missing)."""
        if file not in self.known:
            self.prefetch(facts, [file])
        return self.known[file]

    def knows(self, later: Change, earlier: Change) -> bool:
        """Whether the line changed in `later` was written knowing the change `earlier` (it is in its history)."""
        if earlier.commit == later.commit or later.commit == UNCOMMITTED:
            return True  # the same commit, or an edit under way (it sees everything committed)
        if earlier.commit == UNCOMMITTED:
            return False
        if later.commit not in self.histories:
            self.histories[later.commit] = self._history(later.commit)
        history = self.histories[later.commit]
        return earlier.commit in history if history else earlier.time <= later.time

    def _history(self, commit: str) -> frozenset[str]:
        """Every commit in a commit's history, itself included (empty when git cannot say: times decide then),
        from the parents of every commit in HEAD's history, read once (a blamed line's commit is one of them)."""
        if self.parents is None:
            key = (str(self.root.resolve()), self.head or "")
            if key not in _PARENTS:
                out = _git(["rev-list", "--parents", "HEAD"], self.root) if self.head else None
                _PARENTS[key] = {row.split()[0]: tuple(row.split()[1:]) for row in (out or "").splitlines() if row}
            self.parents = _PARENTS[key]
        if commit not in self.parents:
            return frozenset()
        seen = {commit}
        todo = [commit]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str] | None:
    try:
        return subprocess.Popen(["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None


def _finish(process: subprocess.Popen[str] | None) -> str | None:
    if process is None:
        return None
    try:
        out, _err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    return out if process.returncode == 0 else None


def _git(args: list[str], cwd: Path) -> str | None:
    return _finish(_start(args, cwd))


def _blamed(out_text: str) -> dict[int, Change]:
    """`git blame --porcelain` as line number -> its last change."""
    times: dict[str, int] = {}
    out: dict[int, Change] = {}
    sha = ""
    line = 0
    for row in out_text.splitlines():
        if row.startswith("\t"):
            out[line] = Change(sha, times.get(sha, 0))
            continue
        parts = row.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit():
            sha, line = parts[0], int(parts[2])
        elif parts[0] == "committer-time":
            times[sha] = int(parts[1])
    return out


def check_translations(briefing: Briefing | None, sources: list[Source], placed: list[tuple[BaseModel, Document,
                       DataPath]], facts: Path, strict: bool) -> Problems:
    """Every problem with the translations: undeclared languages and wrong shapes (errors); missing and
    stale translations (warnings, errors when `strict`)."""
    problems = Problems()
    if briefing is None:
        return problems
    others = briefing.languages[1:]
    own = {s.id: s.language for s in sources}
    blame = Blame(facts) if others else None
    level = "error" if strict else "warning"
    if blame is not None:
        blame.prefetch(facts, [doc.file for _top, doc, _path in placed])
    for top, doc, top_path in placed:
        for language in others:  # quotation marks in a translation hold a quote's words, or their translation
            for sub, message, code in quoted_words_problems(top, top_path, language):
                problems.add(doc.file, *doc.where(sub), code, message)
        for record, path in records_in(top, top_path):
            _check_shapes(record, path, doc, briefing.languages, problems)
            for language in others:
                for name in translated_fields(type(record)):
                    if getattr(record, name) is None:
                        continue
                    if isinstance(record, Citation) and own.get(record.source) == language:
                        continue  # quoted in its own language in every edition
                    _check_one(record, path, name, language, doc, cast(Blame, blame), facts, level, problems)
    return problems


def _check_shapes(record: Record, path: DataPath, doc: Document, languages: list[str], problems: Problems) -> None:
    fields = translated_fields(type(record))
    alone = len(record.translated_texts()) == 1  # one filled text may be translated as text
    for language, value in record.translations.items():
        at = doc.where_key((*path, language))
        if language not in languages[1:]:
            declared = ", ".join(languages[1:]) or "none"
            problems.add(doc.file, *at, Code.NOT_A_LANGUAGE,
                         f"'{language}' is not one of the briefing's other languages ({declared}): declare it in "
                         f"briefing.yaml's languages, or fix the key")
        elif not fields:
            problems.add(doc.file, *at, Code.BAD_TRANSLATION,
                         f"{language}: nothing in this record is translated (its texts are names or words quoted)")
        elif len(fields) == 1 and not isinstance(value, str):
            problems.add(doc.file, *at, Code.BAD_TRANSLATION,
                         f"{language}: write the translation of its {fields[0]} as text, not a list or a mapping")
        elif len(fields) > 1 and not isinstance(value, dict) and not (alone and isinstance(value, str)):
            problems.add(doc.file, *at, Code.BAD_TRANSLATION,
                         f"{language}: this record has several texts ({', '.join(fields)}): give each its "
                         f"translation, as {language}: {{{fields[0]}: ..., ...}}")
        elif isinstance(value, dict):
            for key in value:
                if key not in fields:
                    problems.add(doc.file, *doc.where_key((*path, language, key)), Code.BAD_TRANSLATION,
                                 f"{language}.{key}: not a translated text of this record (its translated texts: "
                                 f"{', '.join(fields)})")


def _check_one(record: Record, path: DataPath, name: str, language: str, doc: Document, blame: Blame,
               facts: Path, level: str, problems: Problems) -> None:
    where = (*path, name)
    text = record.translated(language, name)
    if text is None:
        problems.add(doc.file, *doc.where(where), Code.MISSING_TRANSLATION,
                     f"{name}: no translation into '{language}'; add `{language}:` beside it "
                     f"(the {language} edition shows the English, marked as untranslated)", level=level)
        return
    lines = blame.lines(facts, doc.file)
    if not lines:
        return
    translated = (*path, *record.translation_path(language, name))
    written = [lines[n] for n in doc.lines(translated) if n in lines]
    if not written:
        return
    translation = max(written, key=lambda c: (c.commit == UNCOMMITTED, c.time))  # its latest change
    english = [lines[n] for n in doc.lines(where) if n in lines]
    if not all(blame.knows(translation, change) for change in english):
        problems.add(doc.file, *doc.where(translated), Code.STALE_TRANSLATION,
                     f"{language}: the English of {name} changed after this translation was written; "
                     f"check it and edit it to match", level=level)
