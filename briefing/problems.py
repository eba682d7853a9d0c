"""Problems are values: every stage collects them, the CLI prints them all and fails once."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import Code


def one_line(text: str) -> str:
    """Text quoted from the facts may hold line breaks or control characters: show them
    escaped (as \\n, \\t, \\x07), so every problem stays on its one line."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


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


@dataclass
class Problems:
    """An ordered collection of problems; stages append, nobody raises for bad data."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, col: int, code: Code | str, message: str) -> None:
        # Code.of refuses a code that is not declared in codes.py
        self.items.append(Problem(file, line, col, code if isinstance(code, Code) else Code.of(code),
                                  one_line(message)))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """Problems in file, line, column order, duplicates removed."""
        return sorted(set(self.items))

    def report(self, outcome: str = "nothing was built") -> str:
        """Every problem on its own line, then a count and what happened because of them."""
        lines = [str(p) for p in self.sorted()]
        n = len(lines)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found; {outcome}.")
        return "\n".join(lines)


class FactsInvalid(Exception):
    """Raised at a stage boundary when the facts have problems; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems
