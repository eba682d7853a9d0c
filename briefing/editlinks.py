"""'Edit this' links: each generated page's edit button opens the YAML it came from, at the record's line.

The repository's address comes from mkdocs.yml (`repo_url`, and the branch named in
`edit_uri`). Links go to the file's `blob` view with `#L<line>`: GitHub highlights the line
there and its pencil opens the editor (the `edit` view ignores a line anchor).
"""

from __future__ import annotations

import re

from .graph import Graph
from .reference import PAGE as REFERENCE_PAGE
from .schema import facts_files

# Pages that show a whole facts file rather than one record.
FILE_OF_PAGE = {
    "index.md": "briefing", "timeline.md": "events", "questions.md": "questions",
    "differences.md": "discrepancies", "people/index.md": "people", "institutions/index.md": "institutions",
    "legal/index.md": "legal", "sources/index.md": "sources",
}
_PART = re.compile(r"^(questions|differences)/\d+\.md$|^([a-z]+)/parts/\d+\.md$")
"""A part of a split list page (render.part_path): it shows the same file as its index."""
_BRANCH = re.compile(r"^/?(?:edit|blob|tree)/([^/]+)/")


def blob_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """'https://github.com/o/r' + 'edit/main/docs/' -> 'https://github.com/o/r/blob/main/'; None if unknown."""
    if not repo_url or not edit_uri:
        return None
    m = _BRANCH.match(edit_uri)
    if not m:
        return None
    return f"{repo_url.rstrip('/')}/blob/{m.group(1)}/"


def source_of(graph: Graph, page: str, facts_dir: str = "facts") -> tuple[str, int] | None:
    """(file path from the project root, line) that a generated page is made from."""
    if page == REFERENCE_PAGE:
        return "briefing/model.py", 1
    part = _PART.match(page)
    if part:
        page = f"{part.group(1)}.md" if part.group(1) else f"{part.group(2)}/index.md"
    if page in FILE_OF_PAGE:
        stem = FILE_OF_PAGE[page]
        return (f"{facts_dir}/{stem}.yaml", 1) if stem in facts_files() else None
    rid = page.removesuffix(".md").rpartition("/")[2]
    entry = graph.index.get(rid)
    if entry is None:
        return None
    return entry.file, entry.line


def edit_url(graph: Graph, page: str, base: str | None, facts_dir: str = "facts") -> str | None:
    where = source_of(graph, page, facts_dir)
    if base is None or where is None:
        return None
    file, line = where
    return f"{base}{file}" + (f"#L{line}" if line > 1 else "")
