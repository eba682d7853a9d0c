"""docs/editing.md's walk-through, followed step by step in a new briefing, so the page cannot drift.

The page marks each step with an HTML comment (invisible on the site) before a fenced block:
`<!-- walkthrough: save PATH -->` writes the block to PATH, `append FILE` appends it to FILE,
`run` runs each `$ python3 build.py ...` line of a console block and compares everything it
prints with the lines under it, and `in FILE replace "A" with "B"` edits FILE.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli

GUIDE = ROOT / "docs" / "editing.md"
_DIRECTIVE = re.compile(r"^<!-- walkthrough: (.+) -->$")
_REPLACE = re.compile(r'^in (\S+) replace "(.+)" with "(.+)"$')


def steps(text: str) -> list[tuple[str, str | None]]:
    """(directive, the fenced block after it or None) in page order."""
    lines = text.splitlines()
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(lines):
        m = _DIRECTIVE.match(lines[i])
        i += 1
        if not m:
            continue
        directive = m.group(1)
        if _REPLACE.match(directive):
            found.append((directive, None))
            continue
        assert lines[i].startswith("```"), f"line {i + 1}: a fenced block must follow '{directive}'"
        end = lines.index("```", i + 1)
        found.append((directive, "\n".join(lines[i + 1:end]) + "\n"))
        i = end + 1
    return found


def _run(command: str, cwd: Path) -> list[str]:
    args = shlex.split(command)
    assert args[:2] == ["python3", "build.py"], f"the walk-through runs build.py only: {command}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}  # this checkout's generator
    result = subprocess.run([sys.executable, "build.py", *args[2:]], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert "Traceback" not in result.stderr
    assert (result.returncode != 0) == ("error:" in result.stderr), result.stderr
    return (result.stdout + result.stderr).splitlines()


def _console(block: str) -> list[tuple[str, list[str]]]:
    """(command, the lines it prints) for each `$ ` line of a console block."""
    runs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            assert runs, "a console block starts with a command"
            runs[-1][1].append(line)
    return runs


def test_every_console_block_of_the_guide_is_a_step():
    text = GUIDE.read_text(encoding="utf-8")
    consoles = text.count("```console")
    assert consoles and consoles == sum(1 for d, block in steps(text) if d == "run")


def test_the_editing_walk_through_works_as_written(tmp_path: Path):
    briefing = tmp_path / "my-briefing"
    created = run_cli("new", str(briefing))
    assert created.returncode == 0, created.stderr
    done = []
    for directive, block in steps(GUIDE.read_text(encoding="utf-8")):
        if directive.startswith("save "):
            path = briefing / directive[5:]
            path.write_text(block, encoding="utf-8")
        elif directive.startswith("append "):
            path = briefing / directive[7:]
            path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
        elif m := _REPLACE.match(directive):
            path = briefing / m.group(1)
            text = path.read_text(encoding="utf-8")
            assert m.group(2) in text, directive
            path.write_text(text.replace(m.group(2), m.group(3)), encoding="utf-8")
        elif directive == "run":
            for command, expected in _console(block):
                assert _run(command, briefing) == expected, f"after {done}: {command}"
        else:
            raise AssertionError(f"unknown step '{directive}'")
        done.append(directive)
    assert "run" in done and any(d.startswith("append facts/people.yaml") for d in done)
    assert (briefing / "site" / "people" / "ines-ejemplo" / "index.html").is_file()
