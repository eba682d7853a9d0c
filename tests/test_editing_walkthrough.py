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
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from conftest import MINI, ROOT, run_cli

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
    done: list[str] = []
    for directive, block in steps(GUIDE.read_text(encoding="utf-8")):
        if directive.startswith("save "):
            assert block is not None, directive
            path = briefing / directive[5:]
            path.write_text(block, encoding="utf-8")
        elif directive.startswith("append "):
            assert block is not None, directive
            path = briefing / directive[7:]
            path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
        elif m := _REPLACE.match(directive):
            path = briefing / m.group(1)
            text = path.read_text(encoding="utf-8")
            assert m.group(2) in text, directive
            path.write_text(text.replace(m.group(2), m.group(3)), encoding="utf-8")
        elif directive == "run":
            assert block is not None, directive
            for command, expected in _console(block):
                assert _run(command, briefing) == expected, f"after {done}: {command}"
        else:
            raise AssertionError(f"unknown step '{directive}'")
        done.append(directive)
    assert "run" in done and any(d.startswith("append facts/people.yaml") for d in done)
    assert (briefing / "site" / "people" / "ines-ejemplo" / "index.html").is_file()


# -- the guide in every language, and its Translations section ----------------------------------------

_FENCE = re.compile(r"^( *)```[a-z]*\n.*?^\1```$", re.MULTILINE | re.DOTALL)


def _fenced(text: str) -> list[str]:
    return [m.group(0) for m in _FENCE.finditer(text)]


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_each_hand_written_page_has_its_spanish_with_the_english_marks():
    docs = ROOT / "docs"
    for page in docs.glob("*.md"):
        if re.search(r"\.[a-z]{2}\.md$", page.name):
            continue
        english = page.read_text(encoding="utf-8")
        spanish = (docs / f"{page.stem}.es.md").read_text(encoding="utf-8")
        # the marks the build fills in (<!-- balance -->) stay; the walk-through's are the English page's own
        marks = [m for m in re.findall(r"<!-- .+? -->", english) if not _DIRECTIVE.match(m)]
        assert re.findall(r"<!-- .+? -->", spanish) == marks, page.name
    assert "<!-- balance -->" in (docs / "method.es.md").read_text(encoding="utf-8")


def test_the_spanish_guide_shows_the_commands_and_examples_the_walk_through_runs():
    english = GUIDE.read_text(encoding="utf-8")
    spanish = (ROOT / "docs" / "editing.es.md").read_text(encoding="utf-8")
    assert len(_fenced(english)) > 10 and _fenced(spanish) == _fenced(english)
    assert "walkthrough" not in spanish
    assert _fenced(_section(spanish, "Traducciones")) == _fenced(_section(english, "Translations"))


def test_the_translations_section_shows_what_check_prints(tmp_path: Path):
    section = _section(GUIDE.read_text(encoding="utf-8"), "Translations")
    declared, record, printed, plugin = (block.split("\n", 1)[1].rsplit("```", 1)[0] for block in _fenced(section))
    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    assert declared.strip() in (mini / "facts/briefing.yaml").read_text(encoding="utf-8").splitlines()
    events = mini / "facts/events.yaml"
    assert events.read_text(encoding="utf-8").startswith(record)  # the example is the mini briefing's first event
    # the mkdocs.yml example gives this briefing's own Spanish words
    example = yaml.safe_load(textwrap.dedent(plugin))[0]["briefing"]["editions"]["es"]
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert next(p["briefing"] for p in config["plugins"] if "briefing" in p)["editions"]["es"] == example
    # committed in the past, then edited: its claim's translation dropped, its title changed
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    env = {**os.environ, "GIT_COMMITTER_DATE": "2025-11-01T12:00:00Z", "GIT_AUTHOR_DATE": "2025-11-01T12:00:00Z"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "facts"]):
        subprocess.run([*git, *command], cwd=mini, env=env, check=True, capture_output=True)
    text = events.read_text(encoding="utf-8")
    edited = text.replace('      es: "La reunión tuvo lugar el 3 de noviembre de 2025."\n', "", 1).replace(
        "  title: Ministers meet\n", "  title: Ministers met\n", 1)
    assert edited.count("\n") == text.count("\n") - 1
    events.write_text(edited, encoding="utf-8")
    checked = run_cli("--project", str(mini), "check")
    assert checked.returncode == 0 and checked.stderr.splitlines() == printed.splitlines()
    strict = run_cli("--project", str(mini), "check", "--strict")
    assert strict.returncode == 1
    errors = [line.replace(": warning: ", ": error: ") for line in printed.splitlines()]
    assert strict.stderr.splitlines()[:-1] == errors


def test_the_readme_opens_with_an_editors_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Editors: quick start")
    assert start == readme.index("\n## ") + 1  # the first section
    quick = " ".join(readme[start:].split("\n## ", 1)[0].split())
    for step in ("**What to edit.**", "**Preview.**", "**Publish.**"):
        assert step in quick
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make (\w+)`", quick):  # every command it names is a real target
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "docs/editing.md" in quick and "Edit on GitHub, in the browser" in GUIDE.read_text(encoding="utf-8")


def test_the_guide_says_the_cited_claim_rule_and_every_option_of_new():
    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "every person, institution and event needs at least one claim" in text
    helped = run_cli("new", "--help")
    options = set(re.findall(r"(--[a-z][a-z-]+)", helped.stdout)) - {"--help"}
    assert options == {"--title", "--sides", "--repo", "--site-url"}
    assert all(f"`{option} " in text for option in options), options
