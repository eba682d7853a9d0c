"""`build.py new DIR` starts a real briefing: the title, the sides and the address asked once and
written once each, a git repository with a first commit, example facts that pass `check` and show the
cited-claim rule, and a site, built with its own build.py, with no empty sections and the sides' words
right for none, two or three."""

from __future__ import annotations

import builtins
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.facts.load import FactsLoader

from conftest import ROOT, run_cli

SIDES = "Peru, México, Côte d'Ivoire"
TITLE = "Three states dispute the tariffs on copper"


def _build(target: Path) -> Path:
    """The briefing's own build.py, run inside its folder (the real MkDocs build): its site/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "build.py", "build"], cwd=target, env=env,
                           capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    return target / "site"


def _git(target: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=target, capture_output=True, text=True, check=True).stdout


class _Text(HTMLParser):
    """A page's text, its <title>, the navigation's entries, and each relationship view group's head and names."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.text: list[str] = []
        self.nav: list[str] = []
        self.groups: list[list] = []
        """[head, [names]] of each group of the relationship view's cast."""
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        self._in.append("title" if tag == "title" else "nav" if "md-nav__link" in cls else
                        "head" if "rm-head" in cls else "chip" if "rm-name" in cls and self.groups else "")
        if "rm-group" in cls:
            self.groups.append(["", []])

    def handle_endtag(self, tag):
        if self._in:
            self._in.pop()

    def handle_data(self, data):
        where = next((w for w in reversed(self._in) if w), "")
        self.text.append(data)
        if where == "title":
            self.title += data
        elif where == "nav" and data.strip():
            self.nav.append(data.strip())
        elif where == "head" and self.groups and not self.groups[-1][0]:
            self.groups[-1][0] = data
        elif where == "chip" and data.strip():
            self.groups[-1][1].append(data)


def _read(page: Path) -> _Text:
    reader = _Text()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader


LEFT_OUT = ("legal", "questions", "differences", "glossary")
"""The sections a new briefing has no records for."""


def test_new_briefing_builds_at_once(tmp_path: Path):
    """No options and no terminal (a script): the example, with no sides, checks, commits and builds."""
    target = tmp_path / "my-briefing"
    result = run_cli("new", str(target))
    assert result.returncode == 0, result.stderr
    assert "facts/briefing.yaml" in result.stdout and "seeds/" in result.stdout  # what to edit first
    assert _git(target, "log", "--format=%s").splitlines() == ["Start the briefing: An example briefing"]
    site = _build(target)
    assert (site / "index.html").is_file()
    assert (site / "people" / "example-person" / "index.html").is_file()
    assert "The example meeting" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert (site / "timeline.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
    home = _read(site / "index.html")
    # no sides, no relations, no institutions: none of those pages, nav entries or links
    for section in (*LEFT_OUT, "institutions", "relations"):
        assert not (site / section).exists(), section
    assert not {"Institutions and states", "Who is connected", "Legal basis", "Questions", "Where sources differ",
                "Glossary"} & set(home.nav)
    assert "side" not in " ".join(home.text)
    assert "Open questions" not in " ".join(home.text)  # no heading over nothing
    changes = " ".join(_read(site / "changes" / "index.html").text)
    assert "Person: Example Person" in " ".join(changes.split())  # What changed reads the first commit


def test_new_starts_a_three_party_briefing_with_its_title_sides_and_address(tmp_path: Path):
    target = tmp_path / "tariffs"
    result = run_cli("new", str(target), "--title", TITLE, "--sides", SIDES, "--repo", "alice/tariffs")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("git: a repository with a first commit")
    assert _git(target, "log", "--format=%s").splitlines() == [f"Start the briefing: {TITLE}"]
    assert _git(target, "status", "--porcelain") == ""  # everything `new` wrote is in that commit
    check = run_cli("--project", str(target), "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok: 1 sources, 4 people, 3 institutions, 1 events")
    briefing = yaml.safe_load((target / "facts" / "briefing.yaml").read_text(encoding="utf-8"))
    assert briefing["sides"] == ["peru", "mexico", "cote-d-ivoire"]

    site = _build(target)
    home = _read(site / "index.html")
    words = re.sub(r" ([:.,])", r"\1", " ".join(" ".join(home.text).split()))
    assert home.title == TITLE  # the site is named by the title, written only in the facts
    assert "Each side's case" in words and "the other sides' answers" in words
    for name in ("Peru", "México", "Côte d'Ivoire"):
        assert f"{name}: {name}'s case on the example point goes here" in words
    for section in LEFT_OUT:  # no records: no page, no nav entry, no link on the home page
        assert not (site / section).exists(), section
    assert not {"Legal basis", "Questions", "Where sources differ", "Glossary"} & set(home.nav)
    assert {"Timeline", "People", "Institutions and states", "Who is connected", "Sources"} <= set(home.nav)
    assert "open and answered" not in words and "legal text" not in words and "legal instrument" not in words

    view = _read(site / "relations" / "index.html")
    assert view.groups == [[name, [name, f"Example Person of {name}"]]  # by state: belonging is not acting for it
                           for name in ("Peru", "México", "Côte d'Ivoire")]


def test_the_title_the_sides_and_the_address_are_each_written_once(tmp_path: Path):
    target = tmp_path / "b"
    assert run_cli("new", str(target), "--title", TITLE, "--sides", SIDES, "--site-url",
                   "https://briefings.example.org/tariffs").returncode == 0
    texts = {p.relative_to(target).as_posix(): p.read_text(encoding="utf-8") for p in target.rglob("*")
             if p.is_file() and ".git" not in p.parts and p.suffix != ".whl"}
    assert [path for path, text in texts.items() if TITLE in text] == ["facts/briefing.yaml"]
    assert [path for path, text in texts.items() if "briefings.example.org" in text] == ["mkdocs.yml"]
    assert [path for path, text in texts.items() if "cote-d-ivoire" in text and "sides:" in text] == \
        ["facts/briefing.yaml"]
    config = yaml.safe_load(texts["mkdocs.yml"])
    assert config["site_name"] == "" and config["site_url"] == "https://briefings.example.org/tariffs/"
    assert "repo_url" not in config


def test_new_asks_once_for_what_it_was_not_given(tmp_path: Path, monkeypatch, capsys):
    from briefing.cli import main

    answers = iter(["Peru, Mexico, peru", "Peru, Mexico", "not a repository", "alice/tariffs"])
    asked: list[str] = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", answer)
    assert main(["new", str(tmp_path / "b"), "--title", TITLE]) == 0
    assert [p.split(":")[0] for p in asked] == ["Sides", "Sides", "Published at", "Published at"]  # not the title
    err = capsys.readouterr().err
    assert "the side 'peru' would have the id 'peru', which is taken" in err
    assert "'not a repository' is not a GitHub repository name" in err
    briefing = yaml.safe_load((tmp_path / "b" / "facts" / "briefing.yaml").read_text(encoding="utf-8"))
    assert (briefing["title"], briefing["sides"]) == (TITLE, ["peru", "mexico"])
    config = yaml.safe_load((tmp_path / "b" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["repo_url"] == "https://github.com/alice/tariffs"
    asked.clear()
    assert main(["new", str(tmp_path / "b")]) == 1  # a folder in use is refused before anything is asked
    assert asked == []


@pytest.mark.parametrize("sides, exchanges", [("", 0), ("Peru", 0), ("Peru, Mexico", 1), ("A, B, C, D, E, F, G", 1)])
def test_the_first_check_of_a_new_briefing_passes_whatever_its_sides(tmp_path: Path, sides: str, exchanges: int):
    target = tmp_path / "b"
    assert run_cli("new", str(target), "--sides", sides).returncode == 0
    check = run_cli("--project", str(target), "check")
    assert check.returncode == 0, check.stderr
    n = len([s for s in sides.split(",") if s.strip()])
    assert f" {1 + n} people, {n} institutions," in check.stdout
    briefing = yaml.safe_load((target / "facts" / "briefing.yaml").read_text(encoding="utf-8"))
    assert len(briefing.get("exchanges", [])) == exchanges
    # every person and institution shows the rule: a claim whose quote is in the archived text
    seed = (target / "seeds" / "example.txt").read_text(encoding="utf-8")
    for stem in ("people", "institutions"):
        text = (target / "facts" / f"{stem}.yaml").read_text(encoding="utf-8")
        assert "Nothing is shown without a citation" in text.split("\n- ")[0]
        for record in yaml.safe_load(text) or []:
            assert all(c["cite"][0]["quote"] in seed for c in record["claims"]), record["id"]


def test_a_title_that_breaks_a_rule_of_the_facts_writes_nothing(tmp_path: Path):
    result = run_cli("new", str(tmp_path / "b"), "--title", 'Peru calls it a "unilateral decision"')
    assert result.returncode == 1
    assert "facts/briefing.yaml:3:8: error: title: the words in quotation marks" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "b").exists()
    bad = run_cli("new", str(tmp_path / "c"), "--sides", "Peru, Perú")
    assert bad.returncode == 1 and "the side 'Perú' would have the id 'peru', which is taken" in bad.stderr
    assert not (tmp_path / "c").exists()


def _no_identity(tmp_path: Path) -> dict[str, str]:
    """An environment whose git knows no one, as on a fresh CI runner."""
    home = tmp_path / "home"
    home.mkdir()
    keep = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in ("EMAIL", "HOME")}
    return {**keep, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / "none"),
            "NO_MKDOCS_2_WARNING": "1"}


def test_where_git_knows_no_one_the_first_commit_has_a_fallback_identity(tmp_path: Path):
    env = _no_identity(tmp_path)
    target = tmp_path / "b"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", str(target)], env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "git knows no user.name or user.email here, so the commit is by Briefing editor" in result.stdout
    author = subprocess.run(["git", "log", "--format=%an <%ae>|%cn <%ce>"], cwd=target, env=env,
                            capture_output=True, text=True, check=True).stdout.strip()
    assert author == "Briefing editor <editor@briefing.invalid>|Briefing editor <editor@briefing.invalid>"
    assert subprocess.run(["git", "config", "user.email"], cwd=target, env=env, capture_output=True,
                          text=True, check=False).stdout == ""  # for that commit only: nothing configured
    # where git knows the editor, the commit is theirs
    (tmp_path / "home" / "none").write_text("[user]\n\tname = Ana Editor\n\temail = ana@example.org\n")
    mine = tmp_path / "mine"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", str(mine)], env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0 and "Briefing editor" not in result.stdout
    assert _git(mine, "log", "--format=%an <%ae>").strip() == "Ana Editor <ana@example.org>"


def test_without_git_new_says_so_in_one_line_and_writes_the_briefing(tmp_path: Path):
    bare = tmp_path / "bin"  # a PATH with Python and without git
    bare.mkdir()
    (bare / "python3").symlink_to(sys.executable)
    assert shutil.which("git", path=str(bare)) is None
    target = tmp_path / "b"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", str(target)],
                            env={**os.environ, "PATH": str(bare)}, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stdout.splitlines() if line.startswith("git")]
    assert said == [line for line in said if line.startswith("git: not found")] and len(said) == 1
    assert (target / "facts" / "briefing.yaml").is_file() and not (target / ".git").exists()


def test_new_briefing_facts_name_and_match_their_schemas(tmp_path: Path):
    target = tmp_path / "b"
    assert run_cli("new", str(target)).returncode == 0
    for path in sorted((target / "facts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        schema_path = path.parent / first.split("$schema=", 1)[1]
        schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(yaml.load(text, Loader=FactsLoader), schema)
    check = run_cli("--project", str(target), "check")
    assert check.returncode == 0, check.stderr


def test_new_refuses_a_folder_with_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("new", str(tmp_path))
    assert result.returncode == 1
    assert "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_the_vendored_generator_is_a_valid_reproducible_wheel(tmp_path: Path):
    import base64
    import hashlib
    import zipfile

    from briefing.editor.scaffold import PROJECT, wheel

    name, data = wheel()
    assert wheel() == (name, data)  # the same generator gives the same bytes: no churn in git
    assert re.fullmatch(r"briefing-\d+\.\d+\.\d+\+g[0-9a-f]{12}-py3-none-any\.whl", name)
    version = name.split("-")[1]
    (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / name) as zf:
        names = zf.namelist()
        info = f"briefing-{version}.dist-info"
        assert {"briefing/cli.py", "briefing/templates/home.md.j2", "briefing/editor/project/mkdocs.yml.j2",
                f"{info}/METADATA", f"{info}/RECORD", f"{info}/entry_points.txt"} <= set(names)
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        assert "briefing = briefing.plugin:BriefingPlugin" in zf.read(f"{info}/entry_points.txt").decode()
        requires = [ln.split(": ", 1)[1] for ln in zf.read(f"{info}/METADATA").decode().splitlines()
                    if ln.startswith("Requires-Dist: ")]
        pins = [ln for ln in (PROJECT / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
        assert requires == pins
        for row in zf.read(f"{info}/RECORD").decode().splitlines():
            path, digest, size = row.split(",")
            if path != f"{info}/RECORD":
                content = zf.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
                assert (digest, int(size)) == (f"sha256={expected}", len(content)), path


def test_new_writes_everything_a_briefing_needs_to_stand_alone(tmp_path: Path):
    target = tmp_path / "b"
    result = run_cli("new", str(target), "--repo", "alice/peru-watch")
    assert result.returncode == 0, result.stderr
    assert f"cd {target} && make site" in result.stdout
    for rel in ("Makefile", "requirements.txt", "requirements-test.txt", ".gitignore", "README.md",
                ".github/workflows/pages.yml", ".pre-commit-config.yaml", "tests/test_briefing.py", "build.py"):
        assert (target / rel).is_file(), rel
    [wheel_file] = (target / "vendor").glob("briefing-*.whl")
    requirements = (target / "requirements.txt").read_text()
    assert f"\nvendor/{wheel_file.name}\n" in requirements
    assert all("==" in ln for ln in requirements.splitlines() if ln and not ln.startswith(("#", "vendor/")))
    config = yaml.safe_load((target / "mkdocs.yml").read_text())
    assert config["site_url"] == "https://alice.github.io/peru-watch/"
    assert config["repo_url"] == "https://github.com/alice/peru-watch"
    assert wheel_file.name in (target / "README.md").read_text()
    bad = run_cli("new", str(tmp_path / "c"), "--repo", "no slash")
    assert bad.returncode == 1 and "expected USER/REPO" in bad.stderr
    assert not (tmp_path / "c").exists()
