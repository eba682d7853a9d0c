"""Under `make serve`, each rebuild writes only the pages an edit changed.

MkDocs' dirty build (`mkdocs serve --dirty`) renders a page only when its file says it was modified;
a generated page always says so. Here each generated page is fingerprinted by everything its HTML is
made from that the generator controls: its Markdown, its JSON-LD and its edit link. A page whose
fingerprint is the last build's, in a build whose navigation (every page's titles and the set of
pages, which every page's sidebar shows) and mkdocs.yml are the last build's too, is kept: its HTML on
disk is already right. Anything else, and every page of a build whose navigation changed, is rendered again.
A hand-written page is kept with an unchanged navigation (its text is part of it: its title names it there),
unless it takes a measured part from the facts (the balance table): that one is always rendered.

Material's search plugin indexes only the pages a build renders, so the index of a kept page is
carried over from the last build (`SearchCarry`). `make site` and CI never take this path: they run
the full, strict build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import File


class Kept(File):
    """A generated page whose HTML the last build wrote and this one leaves as it is."""

    def is_modified(self) -> bool:
        return False


class Rendered(File):
    """A hand-written page rendered at every build, whatever its file's time (it holds a measured part)."""

    def is_modified(self) -> bool:
        return True


def search_location(url: str) -> str:
    """A page's address as the search index has it (MkDocs' Page.url): the home page's is '', its file's './'."""
    return "" if url in (".", "./") else url


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@dataclass
class Rewrites:
    """One edition's fingerprints of the last build: its navigation's and each generated page's."""

    navigation: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    kept: int = 0
    """How many pages the last build kept (read by tests and bench/serve.py)."""
    titles: dict[str, str | None] = field(default_factory=dict)
    """Each page's title as its last rendering found it: a kept page is not read again, and the navigation
    of the pages rendered around it names it by this."""

    def keep(self, navigation: str, pages: dict[str, str]) -> set[str]:
        """The pages to keep in this build (unchanged, in an unchanged navigation); remembers this build."""
        same = navigation == self.navigation
        kept = {p for p, f in pages.items() if same and self.pages.get(p) == f}
        self.navigation, self.pages, self.kept = navigation, pages, len(kept)
        return kept


def navigation_fingerprint(nav: Any, pages: list[str], site_name: str, *around: str) -> str:
    """What every page shows around its article: the navigation, the set of pages, and the site's name (in
    every page's title and header; the plugin names the site from the briefing's title); `around`: the texts
    that decide them too, mkdocs.yml (the theme, its options) and the hand-written pages (the navigation names
    them by their titles, read from them)."""
    return fingerprint(json.dumps(nav, sort_keys=True, default=str), *sorted(pages), site_name, *around)


@dataclass
class SearchCarry:
    """The search index entries of each page, by the page's address, from the last build."""

    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def complete(self, index: dict[str, Any], kept: set[str], order: list[str]) -> None:
        """Put back the entries of the pages this build kept (by address) into its search index, each page in
        its place in `order` (this build's pages, as a full build indexes them: the shards number the pages)."""
        rendered: dict[str, list[dict[str, Any]]] = {}
        for doc in index.get("docs", []):
            rendered.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
        carried = {url: docs for url, docs in self.entries.items() if url in kept and url not in rendered}
        place = {url: n for n, url in enumerate(order)}
        pages = sorted({**carried, **rendered}.items(), key=lambda item: place.get(item[0], len(place)))
        self.entries = dict(pages)
        index["docs"] = [doc for _url, docs in pages for doc in docs]
