"""Set-up a maintainer and an editor meet on day one: the shared project files, the Makefile's
.venv handling, build.py from a plain shell, pre-commit, leftovers of a killed build, the
workflows. (A new briefing set up from scratch in a fresh venv: tests/test_new_briefing.py.)"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.editor import scaffold

from conftest import MINI, ROOT, copy_project, run_cli, search, write_files

PROJECT = ROOT / "briefing" / "editor" / "project"


def pins(path: Path) -> dict[str, str]:
    """{package name, normalised: version} of a requirements file, following `-r` includes."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif line and not line.startswith("#") and "==" in line:
            name, version = line.split("==")
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def bare_venv(where: Path) -> Path:
    """A venv made in a blink (no pip install): this test run's packages reach it through a .pth
    file. Its Python is a real venv Python: sys.prefix is `where`, as for a .venv `make` made."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=60)
    purelib = Path(sysconfig.get_paths(vars={"base": str(where), "platbase": str(where)})["purelib"])
    (purelib / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return where / "bin" / "python"


def plain_python(where: Path) -> Path:
    """A Python with no packages at all, like the system Python of a plain shell."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=60)
    return where / "bin" / "python"


def plain_env(**extra: str) -> dict[str, str]:
    """A plain shell's environment: no venv on PATH, no PYTHONPATH."""
    keep = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, "PATH": "/usr/local/bin:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", **extra}


# --- one source for what the root shares with every new briefing ---------------------------------

def _root_addresses() -> dict[str, str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:", 1)[0])
    return {k: config[k] for k in ("site_url", "repo_url", "repo_name", "edit_uri")}


def _root_editions() -> dict[str, Any]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["briefing"] for p in config["plugins"] if isinstance(p, dict) and "briefing" in p)
    return dict(plugin["editions"])


def test_root_mkdocs_yml_is_the_packaged_template_rendered_with_the_roots_values():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text.split("\ntheme:", 1)[0])
    assert set(_root_editions()) == {"es"}  # the root's Spanish edition's words come from the template too
    rendered = scaffold.render_mkdocs(config["site_name"], config["site_description"], editions=_root_editions(),
                                      **_root_addresses())
    assert rendered == text, ("mkdocs.yml and briefing/editor/project/mkdocs.yml.j2 differ: change the template, then "
                              "write scaffold.render_mkdocs(...) with the root's values to mkdocs.yml")


def test_a_new_briefings_mkdocs_yml_differs_from_the_roots_only_in_its_values(tmp_path: Path):
    root = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    new = yaml.safe_load(scaffold.render_mkdocs("An example briefing", editions=_root_editions()))
    assert {k: v for k, v in root.items() if k not in ("site_name", *_root_addresses())} == \
        {k: v for k, v in new.items() if k != "site_name"}
    one_language = yaml.safe_load(scaffold.render_mkdocs("An example briefing"))  # what `new` writes
    briefing_plugin = next(p for p in one_language["plugins"] if isinstance(p, dict) and "briefing" in p)
    assert briefing_plugin == {"briefing": {"facts": "facts", "seeds": "seeds"}}
    with_repo = yaml.safe_load(scaffold.render_mkdocs("B: a briefing", editions=None,
                                                        **scaffold.repo_addresses("Alice/my-brief")))
    assert with_repo["site_name"] == "B: a briefing"
    assert with_repo["site_url"] == "https://alice.github.io/my-brief/"
    assert with_repo["repo_url"] == "https://github.com/Alice/my-brief"
    with pytest.raises(ValueError):
        scaffold.repo_addresses("not a repo")


@pytest.mark.parametrize("root_file, packaged", [
    ("build.py", "build.py"), (".github/workflows/pages.yml", "pages.yml"), ("docs/assets/reader.css", "reader.css"),
])
def test_the_root_holds_the_same_shared_files_as_every_new_briefing(root_file: str, packaged: str):
    assert (ROOT / root_file).read_bytes() == (PROJECT / packaged).read_bytes(), \
        f"{root_file} must equal briefing/editor/project/{packaged}: change both"


def test_pre_commit_runs_the_briefings_hooks_and_here_the_same_lint_as_make():
    """The root's hooks are every new briefing's, then ruff, with the rules `make lint` uses (pyproject.toml)."""
    import yaml

    root = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    packaged = yaml.safe_load((PROJECT / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = root["repos"][0]["hooks"]
    assert hooks[:-1] == packaged["repos"][0]["hooks"]
    assert hooks[-1]["id"] == "ruff" and hooks[-1]["entry"].startswith(".venv/bin/python -m ruff check")
    assert "ruff check ." in (ROOT / "Makefile").read_text(encoding="utf-8")  # the same tool, the same config
    selected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]["select"]
    assert {"E", "W", "F", "I", "B", "UP", "SIM", "PERF", "RUF"} <= set(selected)


def test_build_and_test_requirements_are_split_and_pinned_alike():
    build, test = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-test.txt")
    assert build == pins(PROJECT / "requirements.txt")
    assert {"mkdocs", "mkdocs-material", "pydantic", "pyyaml", "jinja2", "markdown"} <= set(build)
    assert not {"pytest", "playwright", "hypothesis", "check-jsonschema", "pre-commit", "mypy", "ruff"} & set(build)
    assert {"pytest", "playwright", "hypothesis", "check-jsonschema", "pre-commit", "mypy", "ruff"} <= set(test)
    assert all(test[name] == version for name, version in build.items())  # test adds, never re-pins
    new_test = pins(PROJECT / "requirements-test.txt")
    assert {"pytest", "check-jsonschema", "pre-commit"} <= set(new_test)
    assert all(test[name] == version for name, version in new_test.items()), "a new briefing's test pins drift"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dependencies = { file = ["briefing/editor/project/requirements.txt"] }' in pyproject


# --- build.py from a plain shell, and pre-commit ------------------------------------------------

def _project_with_venv(tmp_path: Path) -> Path:
    """The mini briefing with this repository's build.py and generator beside it, and a .venv."""
    project = copy_project(MINI, tmp_path / "p")
    shutil.copy(ROOT / "build.py", project / "build.py")
    shutil.copytree(ROOT / "briefing", project / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", project / "schemas")
    bare_venv(project / ".venv")
    return project


def test_build_py_from_a_plain_shell_reruns_itself_with_the_projects_venv(tmp_path: Path):
    project = _project_with_venv(tmp_path)
    python = plain_python(tmp_path / "system")
    result = subprocess.run([str(python), "build.py", "check"], cwd=project, env=plain_env(),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 4 sources")
    shutil.rmtree(project / ".venv")
    result = subprocess.run([str(python), "build.py", "check"], cwd=project, env=plain_env(),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("error: the module '")
    assert ("run `make setup` once (it sets up .venv with the pinned requirements and builds nothing), then run this "
            "again") in result.stderr


def test_pre_commit_runs_from_a_plain_shell_without_downloading_anything(tmp_path: Path):
    project = _project_with_venv(tmp_path)
    shutil.copy(PROJECT / "pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    shell_bin = tmp_path / "shell-bin"  # the plain shell's `python3`: no packages at all
    shell_bin.mkdir()
    (shell_bin / "python3").symlink_to(plain_python(tmp_path / "system"))
    home = tmp_path / "pre-commit-home"
    env = plain_env(PATH=f"{shell_bin}:/usr/local/bin:/usr/bin:/bin", PRE_COMMIT_HOME=str(home),
                    # nothing may leave the machine: no git protocol but files, no proxy that answers
                    GIT_ALLOW_PROTOCOL="file", HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
                    http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9", PIP_NO_INDEX="1",
                    GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                    GIT_COMMITTER_EMAIL="t@example.org")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    assert pre_commit.exists(), "pre-commit is pinned in requirements-test.txt"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    good = run(str(pre_commit), "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"validate the briefing's facts.*Passed", good.stdout)
    # pre-commit made its store and cloned nothing into it
    assert sorted(p.name for p in home.iterdir() if not p.name.startswith(".")) == ["README", "db.db"]
    people = project / "facts" / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert "quote: the Foreign Minister, Ana Pérez\n" in text
    people.write_text(text.replace("quote: the Foreign Minister, Ana Pérez\n",
                                   "quote: the Foreign Minister, Ana Peréz\n"),
                      encoding="utf-8")
    assert run("git", "add", "-A").returncode == 0
    bad = run(str(pre_commit), "run", "--all-files")
    assert bad.returncode == 1
    assert "quote-not-found" in bad.stdout and "facts/people.yaml:" in bad.stdout


# --- the Makefile ------------------------------------------------------------------------------

def _make_project(tmp_path: Path) -> Path:
    """The mini briefing with the root's Makefile, requirements and a ready .venv (stamps fresh)."""
    project = _project_with_venv(tmp_path)
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    time.sleep(0.01)
    (project / ".venv" / ".build").touch()
    return project


def test_make_serve_takes_an_address(tmp_path: Path):
    project = _make_project(tmp_path)
    port = _free_port()
    proc = subprocess.Popen(["make", "serve", f"ADDR=127.0.0.1:{port}"], cwd=project, env=plain_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output_pipe = proc.stdout
    assert output_pipe is not None  # stdout=PIPE
    try:
        out = ""
        deadline = time.monotonic() + 90
        while "Serving on" not in out and time.monotonic() < deadline and proc.poll() is None:
            out += output_pipe.readline()
        assert f"--dev-addr 127.0.0.1:{port}" in out
        url = search(r"Serving on (http://\S+)", out).group(1)
        assert url.startswith(f"http://127.0.0.1:{port}/")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert "Mini briefing" in response.read().decode("utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        output_pipe.close()


def test_make_remakes_a_half_made_venv_before_using_it(tmp_path: Path):
    # `make -n` shows what make would do, without doing it.
    project = _make_project(tmp_path)
    ready = subprocess.run(["make", "-n", "site"], cwd=project, env=plain_env(), capture_output=True, text=True,
                           check=True)
    assert ready.stdout.splitlines() == [".venv/bin/python build.py build"]
    shutil.rmtree(project / ".venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    (project / ".venv" / ".build").touch()  # the stamp of an earlier, whole venv
    half = subprocess.run(["make", "-n", "site"], cwd=project, env=plain_env(), capture_output=True, text=True,
                          check=True)
    assert "rm -rf .venv && python3 -m venv .venv" in half.stdout
    assert ".venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt" in half.stdout
    assert not (project / ".venv" / ".build").exists()  # forgotten, so the install runs again


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- leftovers of a killed build ------------------------------------------------------------------

def test_a_build_removes_what_a_killed_build_left_and_git_ignores_it(mini: Path):
    write_files(mini, {".site-build-999999999-abc/index.html": "half", ".site-build-k2j3h4/x.html": "old",
                       ".site-old-zzz/x.html": "old", f".site-build-{os.getpid()}-live/x.html": "running"})
    result = run_cli("--project", str(mini), "build")
    assert result.returncode == 0, result.stderr
    left = sorted(p.name for p in mini.iterdir() if p.name.startswith(".site"))
    assert left == [f".site-build-{os.getpid()}-live"]  # a build still running keeps its folder
    shutil.copy(ROOT / ".gitignore", mini / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=mini, check=True)
    ignored = subprocess.run(["git", "check-ignore", ".site-build-1-x/a.html", ".site-old-y/a.html", "site/a.html",
                              ".venv/bin/python", "facts/people.yaml"], cwd=mini, capture_output=True, text=True,
                             check=False)
    assert ignored.stdout.split() == [".site-build-1-x/a.html", ".site-old-y/a.html", "site/a.html",
                                      ".venv/bin/python"]


# --- workflows and browsers --------------------------------------------------------------------

def test_the_tests_workflow_runs_make_test_on_pushes_and_pull_requests():
    workflow = ROOT / ".github" / "workflows" / "test.yml"
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", str(workflow)], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    wf = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    triggers = wf[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    runs = [s["run"] for s in wf["jobs"]["test"]["steps"] if "run" in s]
    assert runs[-1] == "make test"
    assert any("playwright install" in r and "chromium" in r for r in runs)  # on GitHub only
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "playwright install" not in ci and "make test" in ci


def test_browsers_are_found_without_a_hard_coded_path(tmp_path: Path):
    from browser.conftest import chromium_path

    debian = tmp_path / "chromium"
    assert chromium_path({"CHROMIUM": "/opt/my/chrome"}, debian) == Path("/opt/my/chrome")
    assert chromium_path({}, debian) is None  # Playwright's own browser
    debian.touch()
    assert chromium_path({}, debian) == debian
    assert chromium_path({"CHROMIUM": ""}, debian) == debian


def test_without_a_browser_the_browser_tests_fail_with_one_line_saying_what_to_install(tmp_path: Path):
    from browser.conftest import DEBIAN_CHROMIUM, GET_A_BROWSER, missing_browser

    bundled = tmp_path / "playwright-chromium"
    assert missing_browser(None, bundled) == (f"no browser for the browser tests: {DEBIAN_CHROMIUM} is not there, "
                                              f"nor Playwright's; {GET_A_BROWSER}")
    assert missing_browser(tmp_path / "nope", bundled) == (
        f"no browser for the browser tests: CHROMIUM={tmp_path}/nope does not exist; {GET_A_BROWSER}")
    bundled.touch()
    assert missing_browser(None, bundled) is None
    # a browser that does not start: one line, not Playwright's launch log and a traceback
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/browser/test_keyboard.py", "-k", "tab_reaches"], cwd=ROOT,
                            env={**os.environ, "CHROMIUM": "/bin/false"}, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 1
    errors = result.stdout.split("= ERRORS =", 1)[1].split("short test summary info", 1)[0].splitlines()
    shown = [ln for ln in errors[1:] if ln.strip() and not ln.startswith(("_", "="))]
    assert shown == [f"the browser for the browser tests, /bin/false, does not start (Target page, context or browser "
                     f"has been closed); {GET_A_BROWSER}"], result.stdout
    assert "Traceback" not in result.stdout and "Browser logs" not in result.stdout


def test_an_install_says_what_it_is_doing_and_when_it_is_done(tmp_path: Path):
    # PIP=true stands in for pip (the bare .venv already reaches this run's packages): what make prints around it
    project = _make_project(tmp_path)
    (project / ".venv" / ".build").unlink()
    result = subprocess.run(["make", "site", "PIP=true"], cwd=project, env=plain_env(), capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Setting up .venv: installing the pinned packages that build the site")
    assert lines[1] == "true -r requirements.txt"  # the command itself, as make shows it
    assert ".venv is ready to build the site." in lines and lines[-1].startswith("built site: ")
    assert lines.index(".venv is ready to build the site.") < lines.index(".venv/bin/python build.py build")
    again = subprocess.run(["make", "site", "PIP=true"], cwd=project, env=plain_env(), capture_output=True, text=True,
                           timeout=300, check=False)
    assert "Setting up" not in again.stdout  # once
    for makefile in (ROOT / "Makefile", PROJECT / "Makefile"):  # a new briefing's make says the same
        text = makefile.read_text(encoding="utf-8")
        assert '@echo "Setting up .venv: installing the pinned packages' in text
        assert '@echo ".venv is ready to run the tests."' in text
