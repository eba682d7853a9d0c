"""`python3 build.py new DIR`: a small, valid briefing that stands on its own, to edit into yours.

It has its own Makefile (`make site`, `make test`, `make serve`), pinned requirements that
bring the generator (vendored as a wheel: see `wheel`), the Pages workflow, the pre-commit
hooks, a .gitignore that keeps generated files out, and a README. The example facts cite an
example archived text that says plainly it is an example; nothing in it is a claim about the world.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import json
import re
import zipfile
from pathlib import Path

import jinja2
import yaml

from .schema import all_schemas, modeline

SEED = """\
title: Example archived text
note: written by `build.py new` as an example; replace it with a real archived source
---
Example Source Text

This file is an example of an archived source. The briefing generator checks that every
quote in the facts occurs, word for word, in a file like this one.

The example meeting took place on 1 January 2025, according to this example text.
"""

FACTS = {
    "briefing": """\
title: An example briefing
subtitle: Made by `build.py new`; replace this with your own
as_of: 2025-01-01
summary:
  - text: This briefing is an example whose every claim cites an archived text.
    cite:
      - source: example-source
        quote: The briefing generator checks that every quote in the facts occurs, word for word
""",
    "sources": """\
- id: example-source
  title: Example Source Text
  kind: news report
  file: example.txt
  notes: An example made by `build.py new`; replace it with a real source archived under seeds/.
""",
    "people": """\
- id: example-person
  name: Example Person
  aliases: [E. Person]
  claims:
    - text: The example text describes an example meeting.
      cite:
        - source: example-source
          quote: The example meeting took place on 1 January 2025
""",
    "events": """\
- id: example-meeting
  date: 2025-01-01
  title: The example meeting
  who:
    acted: [example-person]
  claims:
    - text: The example meeting took place on 1 January 2025, according to the example text.
      cite:
        - source: example-source
          quote: The example meeting took place on 1 January 2025, according to this example text.
""",
}

ABOUT = """\
# About this briefing

Say here who keeps this briefing, what it covers and how sources were chosen.
"""

NEXT_STEPS = """\
Created a briefing in {dir}. Build it now (it sets up .venv with the pinned requirements once):

    cd {dir} && make site      # the site is in site/; `make serve` previews it live

Edit, in this order:
  1. seeds/       archive your sources' texts: python3 build.py add-source FILE --id ID --title TITLE --kind KIND
                  (and remove seeds/example.txt with its record once nothing cites it)
  2. facts/sources.yaml   one entry per archived text (add-source writes it)
  3. facts/briefing.yaml  title, date and the cited summary (python3 build.py find ID "words" gives exact quotes)
  4. facts/people.yaml, facts/events.yaml  (and institutions, legal, questions, discrepancies)
  5. mkdocs.yml   site_name, site_url and repo_url
Run `make check` after each edit, `make test` before you publish; README.md says how to publish.
"""

PROJECT = Path(__file__).parent / "project"
"""Files every briefing shares with the generator's own repository (its root renders the same
mkdocs.yml template and holds the same build.py, workflow, hooks and build requirements)."""

ADDRESSES = [("site_url", "https://USER.github.io/REPO/"), ("repo_url", "https://github.com/USER/REPO"),
             ("repo_name", "USER/REPO"), ("edit_uri", "edit/main/docs/")]
DESCRIPTION = "Every claim cited, every quote checked against the archived source text."
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as `value`: plain where it can be, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def render_mkdocs(site_name: str, description: str = DESCRIPTION, **addresses: str | None) -> str:
    """mkdocs.yml from the one template; addresses (site_url, repo_url, ...) left out stay as comments."""
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["scalar"] = _scalar
    template = env.from_string((PROJECT / "mkdocs.yml.j2").read_text(encoding="utf-8"))
    return template.render(site_name=site_name, site_description=description, addresses=ADDRESSES,
                           values={key: addresses.get(key) for key, _ in ADDRESSES})


def repo_addresses(repo: str) -> dict[str, str]:
    """site_url, repo_url, repo_name and edit_uri of a GitHub repository 'USER/REPO'."""
    if not _REPO.match(repo):
        raise ValueError(f"'{repo}' is not a GitHub repository name; expected USER/REPO")
    owner, name = repo.split("/")
    return {"site_url": f"https://{owner.lower()}.github.io/{name}/", "repo_url": f"https://github.com/{repo}",
            "repo_name": repo, "edit_uri": "edit/main/docs/"}


def _package_files() -> list[tuple[str, bytes]]:
    """(path inside the wheel, bytes) of every file of the generator package, in a stable order."""
    package = Path(__file__).parent
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
         "sources, published with MkDocs Material.\n"), "Requires-Python: >=3.11\n",
        *(f"Requires-Dist: {r}\n" for r in requires)])
    files += [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: briefing.scaffold\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
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


def files(repo: str | None = None) -> dict[str, str | bytes]:
    """{path: content} of the new briefing; `repo` ('USER/REPO') fills in the GitHub addresses."""
    wheel_name, wheel_bytes = wheel()

    def shared(name: str) -> str:
        return (PROJECT / name).read_text(encoding="utf-8")

    build_pins = "".join(ln + "\n" for ln in shared("requirements.txt").splitlines() if not ln.startswith("#"))
    out: dict[str, str | bytes] = {f"facts/{stem}.yaml": f"{modeline(stem)}\n{body}" for stem, body in FACTS.items()}
    out.update({f"schemas/{name}": text for name, text in all_schemas().items()})
    out.update({
        "seeds/example.txt": SEED,
        "docs/about.md": ABOUT,
        "docs/assets/reader.css": shared("reader.css"),
        "mkdocs.yml": render_mkdocs("An example briefing", **(repo_addresses(repo) if repo else {})),
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
        "README.md": shared("README.md").replace("{title}", "An example briefing").replace("{wheel}", wheel_name),
    })
    return out


def create(target: Path, repo: str | None = None) -> list[Path]:
    """Write the new briefing into target (which must not exist or be empty); returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty; choose a new folder")
    content = files(repo)  # everything is made before anything is written
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
