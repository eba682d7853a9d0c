"""'Edit this' links: each generated page's edit button opens the YAML it came from, at the record's line.

The repository's address comes from mkdocs.yml (`repo_url`, and the branch named in
`edit_uri`). Links go to the file's `blob` view with `#L<line>`: GitHub highlights the line
there and its pencil opens the editor (the `edit` view ignores a line anchor). Which file and
line a page comes from is its spec's `source` (pages.py).
"""

from __future__ import annotations

import re

_BRANCH = re.compile(r"^/?(?:edit|blob|tree)/([^/]+)/")


def blob_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """'https://github.com/o/r' + 'edit/main/docs/' -> 'https://github.com/o/r/blob/main/'; None if unknown."""
    if not repo_url or not edit_uri:
        return None
    m = _BRANCH.match(edit_uri)
    if not m:
        return None
    return f"{repo_url.rstrip('/')}/blob/{m.group(1)}/"


def edit_url(source: tuple[str, int] | None, base: str | None) -> str | None:
    """The edit link for a page made from `source` (file from the project root, line)."""
    if base is None or source is None:
        return None
    file, line = source
    return f"{base}{file}" + (f"#L{line}" if line > 1 else "")
