"""Problems are values: every stage collects them, the CLI prints them all and fails once."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.facts.codes import Code


def one_line(text: str) -> str:
    """Text quoted from the facts may hold line breaks or control characters: show them
    escaped (as \\n, \\t, \\x07), so every problem stays on its one line."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _annotation_data(text: str) -> str:
    """Text as a GitHub workflow command carries it (the escapes of @actions/core's toCommandValue)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _annotation_property(text: str) -> str:
    return _annotation_data(text).replace(":", "%3A").replace(",", "%2C")


UNREAD = (Code.YAML_SYNTAX, Code.BAD_CHARACTER)
"""Problems that leave lines of a facts file unread (load.py recovers the other records)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the facts, located as precisely as the input allows."""

    file: str
    line: int
    col: int
    code: Code
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {self.message} [{self.code}]"

    def annotation(self) -> str:
        """The problem as a GitHub workflow command: GitHub shows it on the line, in the pull request's files."""
        command = "error" if self.level == "error" else "warning"
        where = ",".join(f"{k}={_annotation_property(str(v))}" for k, v in
                         (("file", self.file), ("line", self.line), ("col", self.col), ("title", self.code)))
        return f"::{command} {where}::{_annotation_data(self.message)}"


@dataclass
class Problems:
    """An ordered collection of problems; stages append, nobody raises for bad data."""

    items: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Checks that could not run, each with why ('12 quotes, as facts/sources.yaml did not load'): skipped.py."""

    def add(self, file: str, line: int, col: int, code: Code, message: str, level: str = "error") -> None:
        self.items.append(Problem(file, line, col, code, one_line(message), level))

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build (warnings do not: a missing translation while editing)."""
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level != "error"]

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)
        self.skipped.extend(other.skipped)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """Problems in file, line, column order, duplicates removed; first, the lines YAML could not read
        (a syntax error, a character it refuses): what they hold is missing to every other check, so the
        problems after them may be their consequences (a reference into a record that was not read)."""
        return sorted(set(self.items), key=lambda p: (p.code not in UNREAD, p))

    def report(self, outcome: str = "nothing was built") -> str:
        """Every problem on its own line, then a count and what happened because of them."""
        lines = [str(p) for p in self.sorted()]
        if self.skipped:
            lines.append(self.skipped_line())
        n, warned = len(self.errors), len(self.warnings)
        also = f" (and {warned} warning{'s' if warned != 1 else ''})" if warned else ""
        lines.append(f"{n} problem{'s' if n != 1 else ''} found{also}; {outcome}.")
        return "\n".join(lines)


    def annotations(self, outcome: str = "nothing was built") -> str:
        """`report` for GitHub's workflows: each problem as an annotation on its line, what was not checked as a
        warning, then the count as a plain line."""
        lines = [p.annotation() for p in self.sorted()]
        if self.skipped:
            lines.append(f"::warning title=not checked::{_annotation_data(self.skipped_line())}")
        lines.append(self.report(outcome).rsplit("\n", 1)[-1])
        return "\n".join(lines)

    def skipped_line(self) -> str:
        """The checks that could not run, in one line, so the count above is not taken for the whole."""
        return "not checked until the problems above are fixed: " + "; ".join(self.skipped)


class FactsInvalid(Exception):
    """Raised at a stage boundary when the facts have problems; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems
