"""Which Pythons the project runs on: one floor (the oldest Python every pin installs on, Debian 12's
python3) named alike in README.md, pyproject.toml, both Makefiles and build.py; a Python below it
refused in one line, naming the version found, before anything is installed; the Tests workflow on
every Python the README names. The slow test resolves every pin, wheels only, for each of them."""

from __future__ import annotations

import email.parser
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from test_setup import _project_with_venv, bare_venv, pins, plain_env

from conftest import ROOT

PROJECT = ROOT / "briefing" / "editor" / "project"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def found(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    match = re.search(pattern, text, flags)
    assert match, f"no {pattern!r}"
    return match


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def readme_floor() -> str:
    return found(r"You need Python (\d+\.\d+\.\d+) or later", README).group(1)


def readme_pythons() -> list[str]:
    """The Pythons the README says the workflow runs on ("on Python 3.11, 3.12, 3.13 and 3.14")."""
    listed = found(r"runs the fast tests on Python ((?:\d+\.\d+(?:, | and )?)+)", README.replace("\n", " "))
    return re.findall(r"\d+\.\d+", listed.group(1))


def python_reporting(version: tuple[int, int, int], where: Path) -> Path:
    """This test run's Python (in a bare venv, with this run's packages), reporting itself as `version`
    to `-c` code and scripts (the Makefile's check, build.py): its site sets sys.version_info, which
    they read. Not for modules run with -m: pip, which would trip on it, runs as it is."""
    python = bare_venv(where)
    purelib = Path(sysconfig.get_paths(vars={"base": str(where), "platbase": str(where)})["purelib"])
    (purelib / "zz_old.pth").write_text(
        f"import sys; sys.argv[:1] == ['-m'] or setattr(sys, 'version_info', {(*version, 'final', 0)!r})\n",
        encoding="utf-8")
    assert subprocess.run([str(python), "-c", "import sys; print(sys.version_info[:3])"], capture_output=True,
                          text=True, check=True).stdout.strip() == repr(version)
    return python


# --- one floor ------------------------------------------------------------------------------------

def test_readme_pyproject_makefiles_and_build_py_name_one_floor():
    floor = readme_floor()
    assert floor == "3.11.2", "Debian 12's python3: the project's rule is that every pin installs there"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert found(r'^requires-python = ">=([\d.]+)"', pyproject, re.MULTILINE).group(1) == floor
    for makefile in (ROOT / "Makefile", PROJECT / "Makefile"):
        text = makefile.read_text(encoding="utf-8")
        assert found(r"^PYTHON_FLOOR := ([\d.]+)$", text, re.MULTILINE).group(1) == floor
    for build_py in (ROOT / "build.py", PROJECT / "build.py"):
        text = build_py.read_text(encoding="utf-8")
        assert found(r"^FLOOR = \((\d+), (\d+), (\d+)\)", text, re.MULTILINE).groups() == tuple(floor.split("."))
    new_readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"You need Python {floor} or later" in new_readme
    assert f"each Python from {floor} to {readme_pythons()[-1]}" in README.replace("\n", " ")
    assert f"each Python from {floor} to {readme_pythons()[-1]}" in new_readme.replace("\n", " ")


def test_the_tests_workflow_builds_and_runs_the_fast_tests_on_every_python_the_readme_names():
    pythons = readme_pythons()
    floor = _version(readme_floor())
    assert pythons[0] == f"{floor[0]}.{floor[1]}"  # from the floor's minor version...
    assert [_version(p)[1] for p in pythons] == list(range(floor[1], _version(pythons[-1])[1] + 1))  # ...each one
    assert _version(pythons[-1]) >= (3, 14)
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    job = wf["jobs"]["pythons"]
    assert job["strategy"]["matrix"]["python"] == pythons
    assert job["strategy"]["fail-fast"] is False  # one Python failing does not hide the others
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    assert [s["run"] for s in job["steps"] if "run" in s] == ["make site", "make test-fast"]
    full = wf["jobs"]["test"]  # every test, once (tests/test_setup.py checks its steps)
    assert "strategy" not in full
    assert next(s for s in full["steps"] if s.get("uses", "").startswith("actions/setup-python@"))["with"][
        "python-version"] in pythons


# --- below the floor: one line, before anything is installed ---------------------------------------

def _make_dir(tmp_path: Path, makefile: Path) -> Path:
    """A folder with a Makefile and the requirements its .venv depends on (what they pin is not read)."""
    where = tmp_path / "project"
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml",
                 "briefing/editor/project/requirements.txt"):
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text("", encoding="utf-8")
    shutil.copy(makefile, where / "Makefile")
    return where


MAKEFILES = pytest.mark.parametrize("makefile", [ROOT / "Makefile", PROJECT / "Makefile"], ids=["root", "new-briefing"])


@MAKEFILES
@pytest.mark.parametrize("version, accepted", [((3, 11, 1), False), ((3, 11, 2), True), ((3, 10, 13), False),
                                               ((3, 12, 0), True), ((3, 14, 0), True), ((2, 7, 18), False)])
def test_the_makefiles_check_takes_the_floor_and_newer(tmp_path: Path, makefile: Path, version: tuple[int, int, int],
                                                       accepted: bool):
    python = python_reporting(version, tmp_path / "py")
    project = _make_dir(tmp_path, makefile)
    check = subprocess.run(["make", "--eval", "check-python: ; @$(PYTHON) $(PYTHON_CHECK)", "check-python",
                            f"PYTHON={python}"], cwd=project, env=plain_env(), capture_output=True, text=True,
                           timeout=60, check=False)
    assert (check.returncode == 0) is accepted, check.stderr
    assert check.stdout == f"Python {'.'.join(map(str, version))} ({python})\n"


@MAKEFILES
def test_make_refuses_a_python_below_the_floor_in_one_line_before_any_pip_output(tmp_path: Path, makefile: Path):
    python = python_reporting((3, 11, 1), tmp_path / "py")
    project = _make_dir(tmp_path, makefile)
    for target in ("site", "test", "check"):
        result = subprocess.run(["make", target, f"PYTHON={python}"], cwd=project, env=plain_env(),
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode != 0
        assert result.stdout == ""  # no pip, no venv, no build
        ours = [line for line in result.stderr.splitlines() if not line.startswith("make: *** ")]
        assert ours == [(f"error: Python 3.11.2 or later is needed, and {python} is Python 3.11.1 ({python}): "
                         "install a newer one, or name one: make site PYTHON=python3.13")]
        assert not (project / ".venv").exists()


@MAKEFILES
def test_make_names_a_python_that_is_not_there(tmp_path: Path, makefile: Path):
    project = _make_dir(tmp_path, makefile)
    result = subprocess.run(["make", "site", "PYTHON=python3.99"], cwd=project, env=plain_env(), capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode != 0 and result.stdout == ""
    assert [line for line in result.stderr.splitlines() if not line.startswith("make: *** ")] == [
        ("error: Python 3.11.2 or later is needed, and python3.99 is not found: install a newer one, or name one: "
         "make site PYTHON=python3.13")]


OLD_PYTHON = Path("/root/.pyenv/versions/3.10.13/bin/python")


@pytest.mark.skipif(not OLD_PYTHON.exists(), reason=f"no real old Python here ({OLD_PYTHON})")
def test_make_refuses_a_real_old_python(tmp_path: Path):
    project = _make_dir(tmp_path, ROOT / "Makefile")
    result = subprocess.run(["make", "site", f"PYTHON={OLD_PYTHON}"], cwd=project, env=plain_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(
        f"error: Python 3.11.2 or later is needed, and {OLD_PYTHON} is Python 3.10.13 ")


@MAKEFILES
def test_make_remakes_a_venv_made_by_a_python_below_the_floor(tmp_path: Path, makefile: Path):
    # A .venv left by an older Python (before the floor was checked), pip and stamp included.
    project = _make_dir(tmp_path, makefile)
    python = python_reporting((3, 10, 13), project / ".venv")
    assert subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, check=False).returncode == 0
    (project / ".venv" / ".build").touch()
    plan = subprocess.run(["make", "-n", "site"], cwd=project, env=plain_env(), capture_output=True, text=True,
                          timeout=60, check=True)
    assert "rm -rf .venv && python3 -m venv .venv" in plan.stdout
    assert "-m pip install --quiet --disable-pip-version-check -r requirements.txt" in plan.stdout
    assert not (project / ".venv" / ".build").exists()  # forgotten, so the install runs again


@pytest.mark.parametrize("build_py", [ROOT / "build.py", PROJECT / "build.py"], ids=["root", "new-briefing"])
def test_build_py_below_the_floor_reruns_with_the_venv_or_says_which_python_it_found(tmp_path: Path, build_py: Path):
    project = _project_with_venv(tmp_path)  # the mini briefing, the generator and a .venv `make site` made
    shutil.copy(build_py, project / "build.py")
    (project / ".venv").rename(tmp_path / "venv-aside")
    old = python_reporting((3, 11, 1), tmp_path / "old")
    refused = subprocess.run([str(old), "build.py", "check"], cwd=project, env=plain_env(), capture_output=True,
                             text=True, timeout=120, check=False)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        (f"error: Python 3.11.2 or later is needed, and this is Python 3.11.1 ({old}): run `make site "
         "PYTHON=python3.13`, say, with a newer one (it sets up .venv), then run this again")]
    (tmp_path / "venv-aside").rename(project / ".venv")  # with a Python at or above the floor
    rerun = subprocess.run([str(old), "build.py", "check"], cwd=project, env=plain_env(), capture_output=True,
                           text=True, timeout=120, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith("ok: 4 sources")


# --- every pin, on every Python the README names ----------------------------------------------------

PLATFORMS = ["manylinux_2_28_x86_64", "manylinux_2_24_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
             "manylinux_2_12_x86_64", "manylinux2010_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64"]


def _wheels_for(python: str, into: Path) -> subprocess.Popen:
    """pip, resolving requirements-test.txt (the build pins too) for another Python: wheels only, for
    CPython `python` on x86-64 Linux (GitHub's runners, Debian 12 and later). Its output: into/pip.log."""
    major, minor = python.split(".")[:2]
    into.mkdir()
    with (into / "pip.log").open("w", encoding="utf-8") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:",
             f"--python-version={python}", "--implementation=cp", f"--abi=cp{major}{minor}", "--abi=abi3",
             "--abi=none", *(f"--platform={p}" for p in PLATFORMS), "-r", str(ROOT / "requirements-test.txt"),
             "-d", str(into / "wheels")], stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_every_pin_installs_on_every_python_the_readme_names_and_the_pins_are_the_whole_tree(tmp_path: Path):
    pinned = pins(ROOT / "requirements-test.txt")
    pythons = [readme_floor(), *readme_pythons()[1:]]  # 3.11.2, not just any 3.11
    runs = {python: _wheels_for(python, tmp_path / python) for python in pythons}
    for python, run in runs.items():
        run.wait(timeout=900)
        assert run.returncode == 0, f"Python {python}: {(tmp_path / python / 'pip.log').read_text()[-3000:]}"
        wheels = {}
        for path in (tmp_path / python / "wheels").iterdir():
            name, version, _, _ = parse_wheel_filename(path.name)
            wheels[name] = (str(version), path)
        assert {name: version for name, (version, _) in wheels.items()} == pinned, f"Python {python}"
        # pip evaluates markers for the Python it runs on: evaluate each pin's own requirements for this one.
        full = python if python.count(".") == 2 else f"{python}.0"
        env = {"python_version": ".".join(python.split(".")[:2]), "python_full_version": full, "extra": "",
               "implementation_name": "cpython", "platform_python_implementation": "CPython", "sys_platform": "linux",
               "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"}
        for name, (_, path) in wheels.items():
            with zipfile.ZipFile(path) as whl:
                metadata = email.parser.Parser().parsestr(
                    whl.read(next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))).decode("utf-8"))
            assert SpecifierSet(metadata.get("Requires-Python") or "").contains(full), f"{name} on Python {python}"
            for line in metadata.get_all("Requires-Dist") or []:
                requirement = Requirement(line)
                if requirement.marker is None or requirement.marker.evaluate(env):
                    needed = canonicalize_name(requirement.name)
                    assert needed in pinned, f"{name} needs {line} on Python {python}: pin it"
                    assert requirement.specifier.contains(pinned[needed], prereleases=True), \
                        f"{name} needs {line} on Python {python}, and {needed}=={pinned[needed]} is pinned"
