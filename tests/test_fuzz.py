"""Property-based tests: whatever is in the facts folder, loading and validation end in a
Graph or in FactsInvalid whose problems are all located (file, line >= 1, col >= 1); never in
any other exception.

Examples are bounded (see MAX_EXAMPLES) so the suite stays fast; `-s` prints how many ran.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.facts.graph import Graph
from briefing.facts.kinds import facts_files
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph

from conftest import MINI, ROOT

MAX_EXAMPLES = 120
# Loading and checking all the real facts takes about 0.2 s, so mutations of them get fewer examples.
MAX_REAL_EXAMPLES = 15
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FILES = list(facts_files())  # from the registry of record kinds
RUNS: dict[str, int] = {}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2025-11-03", "2025-1-3", "article", "ana-perez",
                                                           "treaty", "unknown", "source", "quote", "id"]))
keys = st.one_of(st.sampled_from(["id", "name", "title", "claims", "cite", "source", "quote", "text", "date",
                                  "summary", "as_of", "kind", "file", "related", "who", "acted", "said_by",
                                  "voice", "after", "before", "roles"]),
                 st.text(max_size=10))
nested = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    """One copy each of the mini and the real facts; examples change one file and put it back."""
    made = {}
    for name, source in (("mini", MINI), ("real", ROOT)):
        project = tmp_path_factory.mktemp(name)
        shutil.copytree(source / "facts", project / "facts")
        (project / "seeds").symlink_to(source / "seeds")  # only read
        made[name] = project
    return made


@contextmanager
def _replaced(path: Path, content: bytes):
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def _outcome(project: Path, name: str) -> None:
    RUNS[name] = RUNS.get(name, 0) + 1
    try:
        graph = load_graph(project / "facts", project / "seeds", display_root=project)
    except FactsInvalid as exc:
        assert exc.problems, "FactsInvalid without problems"
        for p in exc.problems.items:
            assert p.file and p.line >= 1 and p.col >= 1, p
            assert "\n" not in p.message, p
    else:
        assert isinstance(graph, Graph)


@SETTINGS
@given(stem=st.sampled_from(FILES), data=nested)
def test_random_yaml_documents(projects, stem: str, data):
    project = projects["mini"]
    with _replaced(project / "facts" / f"{stem}.yaml", yaml.safe_dump(data, allow_unicode=True).encode("utf-8")):
        _outcome(project, "random YAML documents")


@SETTINGS
@given(stem=st.sampled_from(FILES), text=st.text(max_size=300))
def test_random_text(projects, stem: str, text: str):
    project = projects["mini"]
    with _replaced(project / "facts" / f"{stem}.yaml", text.encode("utf-8", errors="surrogatepass")):
        _outcome(project, "random text")


def _mutate(lines: list[str], op: str, i: int, j: int, char: str) -> list[str]:
    if not lines:
        return [char]
    i, j = i % len(lines), j % len(lines)
    if op == "delete":
        return lines[:i] + lines[i + 1:]
    if op == "duplicate":
        return [*lines[:i + 1], lines[i], *lines[i + 1:]]
    if op == "replace":
        return [*lines[:i], lines[j], *lines[i + 1:]]
    if op == "swap":
        lines = list(lines)
        lines[i], lines[j] = lines[j], lines[i]
        return lines
    if op == "char":
        line = lines[i]
        k = j % (len(line) + 1)
        return [*lines[:i], line[:k] + char + line[k + 1:], *lines[i + 1:]]
    if op == "indent":
        return [*lines[:i], " " * (j % 5) + lines[i].lstrip(), *lines[i + 1:]]
    # "type": turn a value into a list, a mapping or a number
    line = lines[i]
    if ": " in line:
        key, _, value = line.partition(": ")
        new = {0: f"[{value}]", 1: f"{{x: {value}}}", 2: "42", 3: "true", 4: "null"}[j % 5]
        line = f"{key}: {new}"
    return [*lines[:i], line, *lines[i + 1:]]


mutations = st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "replace", "swap", "char", "indent", "type"]),
                               st.integers(0, 10_000), st.integers(0, 10_000),
                               st.sampled_from([*list(":-[]{}&*!|>'\"#%@` \t\ufeff\x00é\\"), "  ", "- ", ": "])),
                     min_size=1, max_size=4)


@settings(SETTINGS, max_examples=MAX_REAL_EXAMPLES)
@given(stem=st.sampled_from(FILES), ops=mutations)
def test_mutated_real_facts(projects, stem: str, ops):
    """Mutations of the real facts files (deleted, duplicated, replaced lines, changed characters, types)."""
    project = projects["real"]
    target = project / "facts" / f"{stem}.yaml"
    lines = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    for op in ops:
        lines = _mutate(lines, op[0], op[1], op[2], op[3])
    with _replaced(target, ("\n".join(lines) + "\n").encode("utf-8")):
        _outcome(project, "mutated real facts")


def teardown_module(module):
    print("\nhypothesis examples run:", ", ".join(f"{k}: {v}" for k, v in sorted(RUNS.items())))
