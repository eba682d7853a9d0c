"""The site's editions: one MkDocs build per language of the briefing, its first language at the site's
root and each other one at /<code>/ (site/es/), every page in each.

The plugin starts the other editions' builds itself when the first edition's build ends (`build_others`),
so `mkdocs build`, `mkdocs serve` and `build.py` all make every edition; each one is an ordinary MkDocs
build with `theme.language` set, so Material's interface, search and sitemap are that language's. The
plugin's instance is shared by the nested builds (MkDocs keeps plugins that define on_startup), so it
asks `Editions` which language is being built.

Hand-written pages come in each language as `docs/about.md` and `docs/about.es.md`: the Spanish build
serves `about.es.md` at `about/`, the English one leaves it out.

Links between editions are relative, so a copy of the site served anywhere (a preview, a mirror, a copy
read offline) never asks the public address for anything: the language menu leads to the same page in
the other edition, and `<head>` names each edition's root (Material fetches the sitemap beside each
`<link rel="alternate">`, and a root has one; see DESIGN.md).
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from briefing.i18n import N_, _, catalogued, speaking

log = logging.getLogger("mkdocs.plugins.briefing")


class PageRelative(str):
    """A link already relative to the page it is on: MkDocs' `url` filter must leave it as it is (it
    mangles a link that climbs above the site's root, as one into the first edition does from another)."""


def language_name(code: str) -> str:
    """A language's name in itself, for the language menu ('English', 'Español')."""
    name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    return name[:1].upper() + name[1:]


def up_to_root(page_url: str) -> str:
    """From a page's address to its edition's root: 'people/x/' -> '../../', '' -> ''."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    return "../" * len([p for p in folder.split("/") if p and p != "."])


_HANDWRITTEN = re.compile(r"^(?P<stem>.+)\.(?P<code>[a-z]{2,3}(?:-[A-Z]{2})?)\.md$")


def is_translation(name: str, languages: list[str]) -> bool:
    """Whether a hand-written page's file name is another language's version of a page ('about.es.md'): a
    language of the briefing's other editions, or one the generator speaks that the briefing does not publish."""
    m = _HANDWRITTEN.match(name)
    return bool(m and m["code"] != languages[0] and (m["code"] in languages or m["code"] in catalogued()))


@dataclass
class Editions:
    """The briefing's languages, the one being built, and how each edition's root is reached."""

    languages: list[str]
    building: str = ""
    """The language of the build under way ('' before the first one starts: the first language)."""
    roots: dict[str, str] = field(default_factory=dict)
    """Each edition's site_url."""

    @property
    def first(self) -> str:
        return self.languages[0]

    @property
    def current(self) -> str:
        return self.building or self.first

    def folder(self, code: str) -> str:
        """An edition's folder under the site's root ('' for the first, 'es/')."""
        return "" if code == self.first else f"{code}/"

    def root_of(self, code: str) -> str:
        """Another edition's root, seen from the root of the edition being built."""
        if code == self.current:
            return ""
        return ("" if self.current == self.first else "../") + self.folder(code)

    def alternates(self, page_url: str | None) -> list[dict[str, Any]]:
        """Material's `extra.alternate`: for `<head>`, each edition's root; for the menu, the same page in it."""
        up = up_to_root(page_url or "")
        out = []
        for code in self.languages:
            root = up + self.root_of(code)
            out.append({"name": language_name(code), "lang": code, "link": PageRelative(root or "./"),
                        "page_link": PageRelative((root + (page_url or "")) or "./")})
        return out

    def handwritten(self, files: Files, config: MkDocsConfig) -> Files:
        """Each hand-written page in the language being built: `about.es.md` serves as `about.md` in the
        Spanish edition; other languages' files stay out, and so do the files of a language the generator
        speaks that the briefing does not publish (a new English-only briefing's copy of the Spanish guide)."""
        for file in list(files):
            m = _HANDWRITTEN.match(file.src_uri)
            if m and m["code"] not in self.languages and is_translation(file.src_uri, self.languages):
                files.remove(file)
            if not m or m["code"] not in self.languages[1:]:
                continue
            files.remove(file)
            if m["code"] != self.current:
                continue
            twin = files.get_file_from_path(f"{m['stem']}.md")
            if twin is not None:
                files.remove(twin)
            assert file.abs_src_path is not None  # a file of docs/
            rehomed = File.generated(config, f"{m['stem']}.md", abs_src_path=file.abs_src_path)
            rehomed.edit_uri = file.src_uri  # the edit button opens the Spanish file
            files.append(rehomed)
        return files

    def missing_handwritten(self, docs: Path) -> list[str]:
        """Hand-written pages with no version in the language being built."""
        if self.current == self.first or not docs.is_dir():
            return []
        pages = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if not _HANDWRITTEN.match(p.name)]
        return [p for p in pages if not (docs / f"{p[:-3]}.{self.current}.md").is_file()]


EDITION_WORDS = ("site_name", "site_description", "palette")
"""What mkdocs.yml says in words that an edition gives in its language (the briefing plugin's `editions`):
the site's name (header, page titles), its description (`<meta name="description">`), and the names of
the palette's toggles, in the order of `theme.palette` (the button's label for screen readers)."""


def edition_words(config: MkDocsConfig, editions: Editions, words: dict[str, Any]) -> list[str]:
    """Put the edition being built's words (the plugin's `editions: {es: {site_name: ...}}`) into its
    config; returns what is wrong or missing, for the caller to report (an error, or a warning when only
    missing: the edition then shows the first language's words)."""
    problems = [f"editions: '{code}' is not one of the briefing's other languages "
                f"({', '.join(editions.languages[1:]) or 'none'})" for code in words
                if code not in editions.languages[1:]]
    code = editions.current
    if code == editions.first:
        return problems
    given = words.get(code) or {}
    if not isinstance(given, dict):
        return [*problems, f"editions: {code}: give a mapping of {', '.join(EDITION_WORDS)}"]
    problems += [f"editions: {code}: '{key}' is not one of {', '.join(EDITION_WORDS)}" for key in given
                 if key not in EDITION_WORDS]
    palette = config.theme.get("palette")
    toggles = [p for p in palette if isinstance(p, dict) and "toggle" in p] if isinstance(palette, list) else []
    names = given.get("palette", [])
    if names and (not isinstance(names, list) or len(names) != len(toggles)):
        problems.append(f"editions: {code}: palette: give one name for each of the {len(toggles)} toggles of "
                        "theme.palette, in its order")
        names = []
    for toggle, name in zip(toggles, names, strict=False):
        toggle["toggle"] = {**toggle["toggle"], "name": str(name)}
    for key in ("site_name", "site_description"):
        if given.get(key):
            config[key] = str(given[key])
    return problems


def missing_words(config: MkDocsConfig, editions: Editions, words: dict[str, Any]) -> list[str]:
    """What the edition being built shows in the first language because `editions` does not give it (a
    warning each)."""
    code = editions.current
    if code == editions.first:
        return []
    found = words.get(code)
    given: dict[str, Any] = found if isinstance(found, dict) else {}
    wanted = [k for k in ("site_name", "site_description") if config.get(k)]
    palette = config.theme.get("palette")
    if isinstance(palette, list) and any(isinstance(p, dict) and "toggle" in p for p in palette):
        wanted.append("palette")
    return [f"mkdocs.yml gives no {key} for the {code} edition (the briefing plugin's editions: {{{code}: "
            f"{{{key}: ...}}}}): it shows the {language_name(editions.first)} one"
            for key in wanted if not given.get(key)]


MARKDOWN_WORDS = (("footnotes", "BACKLINK_TITLE", N_("Jump back to footnote %d in the text")),
                  ("toc", "permalink_title", N_("Permanent link")))
"""Words the Markdown extensions write on every page (the title of a footnote's way back to the text, of a
heading's permalink): their own English defaults, which another edition gives in its language."""


def markdown_words(config: MkDocsConfig, editions: Editions, project: Path) -> None:
    """The Markdown extensions' words in the language being built, where mkdocs.yml leaves their defaults."""
    if editions.current == editions.first:
        return
    with speaking(editions.current, project):
        for extension, key, default in MARKDOWN_WORDS:
            if extension not in config.markdown_extensions:
                continue
            options = config.mdx_configs.setdefault(extension, {})
            if options.get(key, default) == default:
                options[key] = _(default)


def keep_page_relative(env: jinja2.Environment) -> None:
    """MkDocs' `url` filter, except for links we worked out relative to the page (PageRelative)."""
    url = env.filters["url"]

    @jinja2.pass_context
    def url_keeping_page_relative(context: Any, value: Any) -> Any:
        return str(value) if isinstance(value, PageRelative) else url(context, value)

    env.filters["url"] = url_keeping_page_relative


def edition_config(config_file: str | None, site_dir: str, site_url: str, code: str, *, strict: bool, docs_dir: str,
                   use_directory_urls: bool) -> MkDocsConfig:
    """The MkDocs config of one edition after the first (`code`), from the first one's file and settings."""
    nested = load_config(config_file=config_file, site_dir=site_dir, site_url=site_url, strict=strict,
                         docs_dir=docs_dir, use_directory_urls=use_directory_urls)
    nested.theme["language"] = code
    return nested


def build_others(config: MkDocsConfig, editions: Editions, serving: bool, dirty: bool) -> None:
    """After the first edition: each other one, into <site_dir>/<code>/, at <site_url><code>/ (one after the
    other in this process; apart.py builds them beside the first, in processes of their own)."""
    for code in editions.languages[1:]:
        site_url = (config.site_url or "") + f"{code}/"
        nested = edition_config(config.config_file_path, str(Path(config.site_dir) / code), site_url, code,
                                strict=config.strict, docs_dir=config.docs_dir,
                                use_directory_urls=config.use_directory_urls)
        editions.building = code
        try:
            build(nested, serve_url=site_url if serving else None, dirty=dirty)
        finally:
            editions.building = ""
