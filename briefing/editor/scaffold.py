"""`python3 build.py new DIR`: a small, valid briefing that stands on its own, to edit into yours.

It has its own Makefile (`make site`, `make test`, `make serve`), pinned requirements that
bring the generator (vendored as a wheel: see `wheel`), the Pages workflow, the pre-commit
hooks, a .gitignore that keeps generated files out, and a README; it is a git repository with a
first commit (`commit`), so "What changed" has a history from the start. Its example facts, made
for its title and sides (example.py), cite an example archived text that says plainly it is an
example; nothing in it is a claim about the world.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import jinja2

from briefing.editor.example import Start, addresses, facts, scalar
from briefing.editor.schema import all_schemas

ABOUT = """\
# About this briefing

Say here who keeps this briefing, what it covers and how sources were chosen.
"""


def next_steps(target: str, start: Start) -> str:
    """What `new` prints once the briefing is made: how to build it, then what to edit, in order."""
    where = ("" if start.addresses else
             "  5. mkdocs.yml   site_url (and repo_url) once you know where the site is published\n")
    return f"""\
Created a briefing in {target}. Build it now (it sets up .venv with the pinned requirements once):

    cd {target} && make site      # the site is in site/; `make serve` previews it live

Edit, in this order:
  1. seeds/       archive your sources' texts: python3 build.py add-source FILE --id ID --title TITLE --kind KIND
                  (and remove seeds/example.txt with its record once nothing cites it)
  2. facts/sources.yaml   one entry per archived text (add-source writes it)
  3. facts/briefing.yaml  title (the site's name too), date, sides and the cited summary
                          (python3 build.py find ID "words" gives exact quotes)
  4. facts/people.yaml, institutions.yaml, events.yaml  (and legal, questions, discrepancies): every person,
                  institution and event needs at least one claim that cites a source
{where}Run `make check` after each edit, and commit: "What changed" on the site is read from git.
`make test` before you publish; README.md says how to publish.
"""


PROJECT = Path(__file__).parent / "project"
"""Files every briefing shares with the generator's own repository (its root renders the same
mkdocs.yml template and holds the same build.py, workflow, hooks and build requirements)."""

ADDRESSES = [("site_url", "https://USER.github.io/REPO/"), ("repo_url", "https://github.com/USER/REPO"),
             ("repo_name", "USER/REPO"), ("edit_uri", "edit/main/docs/")]
DESCRIPTION = "Every claim cited, every quote checked against the archived source text."


def render_mkdocs(site_name: str, description: str = DESCRIPTION, editions: dict[str, dict[str, Any]] | None = None,
                  **addresses: str | None) -> str:
    """mkdocs.yml from the one template; addresses (site_url, repo_url, ...) left out stay as comments, and
    an empty site_name leaves the site's name to the briefing's title (plugin.py). `editions` gives the
    site's words in each other language ({"es": {"site_name": ..., "site_description": ..., "palette":
    [...]}}), as the briefing plugin's `editions` option."""
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["scalar"] = scalar
    template = env.from_string((PROJECT / "mkdocs.yml.j2").read_text(encoding="utf-8"))
    return template.render(site_name=site_name, site_description=description, editions=editions or {},
                           addresses=ADDRESSES,
                           values={key: addresses.get(key) for key, _ in ADDRESSES})


def repo_addresses(repo: str) -> dict[str, str]:
    """site_url, repo_url, repo_name and edit_uri of a GitHub repository 'USER/REPO'."""
    if "://" in repo:
        raise ValueError(f"'{repo}' is not a GitHub repository name; expected USER/REPO")
    return dict(addresses(repo))


def _package_files() -> list[tuple[str, bytes]]:
    """(path inside the wheel, bytes) of every file of the generator package, in a stable order."""
    package = Path(__file__).parents[1]  # the whole briefing package, this folder's parent
    found = []
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_file() and "__pycache__" not in rel.parts and path.suffix not in (".pyc", ".pyo"):
            found.append((f"briefing/{rel.as_posix()}", path.read_bytes()))
    return found


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel() -> tuple[str, bytes]:
    """The running generator as a wheel: (file name, bytes). The same package gives the same bytes.

    Written directly (a wheel is a zip with a dist-info folder), so `new` needs no build tool and
    no network. The version carries a hash of the package's files: a changed generator gets a
    new file name, so requirements.txt changes and `make site` reinstalls it.
    """
    files = _package_files()
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    try:
        base = importlib.metadata.version("briefing").split("+")[0]
    except importlib.metadata.PackageNotFoundError:
        base = "0.0.0"
    version = f"{base}+g{digest.hexdigest()[:12]}"
    info = f"briefing-{version}.dist-info"
    requires = [ln.strip() for ln in (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")]
    metadata = "".join([
        "Metadata-Version: 2.1\nName: briefing\n", f"Version: {version}\n",
        ("Summary: A static briefing site generator: curated YAML facts, every quote checked against archived "
         "sources, published with MkDocs Material.\n"), "Requires-Python: >=3.11.2\n",
        *(f"Requires-Dist: {r}\n" for r in requires)])
    files += [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL",
         b"Wheel-Version: 1.0\nGenerator: briefing.editor.scaffold\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{info}/entry_points.txt", b"[mkdocs.plugins]\nbriefing = briefing.plugin:BriefingPlugin\n"),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files) + f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(entry, data)
    return f"briefing-{version}-py3-none-any.whl", out.getvalue()


def files(start: Start | None = None) -> dict[str, str | bytes]:
    """{path: content} of the new briefing: its title and sides in the facts, its address in mkdocs.yml."""
    start = start or Start()
    wheel_name, wheel_bytes = wheel()

    def shared(name: str) -> str:
        return (PROJECT / name).read_text(encoding="utf-8")

    build_pins = "".join(ln + "\n" for ln in shared("requirements.txt").splitlines() if not ln.startswith("#"))
    out: dict[str, str | bytes] = dict(facts(start))
    out.update({f"schemas/{name}": text for name, text in all_schemas().items()})
    out.update({
        "docs/about.md": ABOUT,
        "docs/assets/reader.css": shared("reader.css"),
        "mkdocs.yml": render_mkdocs("", editions=None, **dict(start.addresses)),
        "build.py": shared("build.py"),
        "Makefile": shared("Makefile"),
        "requirements.txt": ("# What `make site` and the Pages workflow install, every version pinned: the generator\n"
                             "# (vendored: see README.md) and the packages it needs.\n"
                             f"vendor/{wheel_name}\n{build_pins}"),
        "requirements-test.txt": shared("requirements-test.txt"),
        f"vendor/{wheel_name}": wheel_bytes,
        "tests/test_briefing.py": shared("test_briefing.py"),
        ".github/workflows/pages.yml": shared("pages.yml"),
        ".pre-commit-config.yaml": shared("pre-commit-config.yaml"),
        ".gitignore": shared("gitignore"),
        "README.md": shared("README.md").replace("{wheel}", wheel_name),
    })
    return out


def check(content: dict[str, str | bytes]) -> None:
    """Validate the facts about to be written, as `check` will (a title or a side's name can break a rule
    of the facts: quotation marks, say); raises ValueError with every problem, before anything is written."""
    from briefing.facts.problems import FactsInvalid
    from briefing.facts.validate import load_graph

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for rel, data in content.items():
            if rel.startswith(("facts/", "seeds/")) and isinstance(data, str):
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(data, encoding="utf-8")
        try:
            load_graph(root / "facts", root / "seeds", display_root=root)
        except FactsInvalid as exc:
            raise ValueError("the title or a side's name breaks a rule of the facts, as the new briefing would have "
                             "them:\n" + exc.problems.report("nothing was written: give them otherwise")) from None


def create(target: Path, start: Start | None = None) -> list[Path]:
    """Write the new briefing into target (which must not exist or be empty); returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty; choose a new folder")
    content = files(start)  # everything is made and checked before anything is written
    check(content)
    written = []
    for rel, data in content.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        written.append(path)
    (target / "build.py").chmod(0o755)
    return written


FALLBACK_IDENTITY = {"user.name": "Briefing editor", "user.email": "editor@briefing.invalid"}
"""Who the first commit is by where git knows no one (a CI runner, a fresh machine): only for that commit."""


def _git(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    return subprocess.run(["git", *args], cwd=target, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def _why(done: subprocess.CompletedProcess[str]) -> str:
    """git's last line of complaint, or its exit code."""
    lines = done.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit code {done.returncode}"


def commit(target: Path, start: Start | None = None) -> str:
    """Make the new briefing a git repository with everything in a first commit, so "What changed" has a
    history from the start; returns the line to print. Where git has no identity configured, the first
    commit is by FALLBACK_IDENTITY (and the line says so); where git is missing, the line says that."""
    if shutil.which("git") is None:
        return ("git: not found, so this folder is not a git repository and \"What changed\" stays empty; "
                "install git, then run: git init && git add -A && git commit -m 'Start the briefing'")
    made = _git(target, "-c", "init.defaultBranch=main", "init", "-q")
    if made.returncode == 0:
        made = _git(target, "add", "-A")
    if made.returncode != 0:
        return f"git: could not make a repository here ({_why(made)}); the briefing is written all the same"
    missing = [key for key in FALLBACK_IDENTITY if not _git(target, "config", key).stdout.strip()]
    identity = [arg for key in missing for arg in ("-c", f"{key}={FALLBACK_IDENTITY[key]}")]
    title = (start or Start()).title
    done = _git(target, *identity, "commit", "-q", "-m", f"Start the briefing: {title}")
    if done.returncode != 0:
        return f"git: the first commit failed ({_why(done)}); the files are staged: commit them yourself"
    line = "git: a repository with a first commit (\"What changed\" starts from it)"
    if missing:
        line += (f"; git knows no {' or '.join(missing)} here, so the commit is by {FALLBACK_IDENTITY['user.name']} "
                 f"<{FALLBACK_IDENTITY['user.email']}>: set yours with git config --global user.name/user.email")
    return line
