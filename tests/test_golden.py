"""The mini fixture renders to the committed Markdown in tests/golden/.

After an intended change to the output, regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

import os
from pathlib import Path

from briefing.render import render_pages
from briefing.validate import load_graph
from conftest import MINI

GOLDEN = Path(__file__).parent / "golden"


def test_mini_renders_to_golden_markdown():
    pages = render_pages(load_graph(MINI / "facts", MINI / "seeds"))
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    committed = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                 for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(committed)
    for path, text in pages.items():
        assert text == committed[path], f"{path} differs from tests/golden/{path}"
