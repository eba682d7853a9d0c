"""The mini fixture builds to the committed pages and exports in tests/golden/: every kind of
generated page (home, timeline, people, institutions, relations, legal, questions, differences,
glossary, sources, the printout and the reference) and every export.

After an intended change to the output, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

import os
import shutil
from pathlib import Path

from briefing.site import SCRIPT, STYLESHEET, build_site
from briefing.validate import load_graph

from conftest import MINI

GOLDEN = Path(__file__).parent / "golden"
SITE_URL = "https://example.github.io/mini/"


def _built() -> dict[str, str]:
    site = build_site(load_graph(MINI / "facts", MINI / "seeds", display_root=MINI), SITE_URL)
    out = dict(site.pages)
    out.update({f"files/{name}": data.decode("utf-8") for name, data in site.files.items()
                if name not in (STYLESHEET, SCRIPT)})
    return out


def test_mini_builds_to_the_golden_pages_and_exports():
    built = _built()
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in built.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))
    committed = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
                 for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(built) == sorted(committed)
    for path, text in built.items():
        assert text == committed[path], f"{path} differs from tests/golden/{path}"


def test_every_kind_of_page_has_a_golden_file():
    kinds = {"index.md", "timeline.md", "people/index.md", "people/ana-perez.md", "institutions/index.md",
             "institutions/ministry.md", "relations.md", "legal/index.md", "legal/example-treaty.md", "questions.md",
             "differences.md", "glossary.md", "sources/index.md", "sources/article.md", "print.md", "reference.md",
             "files/briefing.json", "files/timeline.csv", "files/timeline.ics", "brief.md"}
    assert kinds <= {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
