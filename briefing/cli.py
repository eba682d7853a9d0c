"""The command line: `check`, `build` and `serve` over the pipeline; glue only."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from briefing import apart
from briefing.facts.problems import FactsInvalid
from briefing.facts.validate import load_graph

if TYPE_CHECKING:
    from briefing.plugin import BriefingPlugin


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def cmd_check(args: argparse.Namespace) -> int:
    root = _project(args)
    try:
        graph = load_graph(root / "facts", root / "seeds", display_root=root, strict=args.strict)
    except FactsInvalid as exc:
        if args.format != "github":
            raise
        print(exc.problems.annotations())  # workflow commands: read from the step's output by GitHub
        return 1
    for warning in sorted(graph.warnings):
        if args.format == "github":
            print(warning.annotation())
        else:
            print(warning, file=sys.stderr)
    counts = graph.counts()
    claims, quotes = counts.pop("claims"), counts.pop("quotes")
    kinds = ", ".join(f"{n} {label}" for label, n in counts.items())
    print(f"ok: {kinds}; {claims} claims, {quotes} quotes verified")
    return 0


PREVIEW_NOTE = ("preview: each rebuild renders again only the pages your edit changed and keeps the others as "
                "the last build made them; this generator keeps their navigation, links and search right, so "
                "nothing is wrong. For a clean build from scratch, stop the preview and run `make site`.")
"""Said once under `serve`, in place of MkDocs' warning about dirty builds (see _CalmDirtyNote)."""


class _CalmDirtyNote(logging.Filter):
    """MkDocs warns at every dirty rebuild (each edition's) that navigation and links will likely be wrong.
    Here they are not (publish/rewrite.py renders every page an edit touches): the warning alarms editors for
    nothing, so it is replaced by one calm note, said once."""

    def __init__(self) -> None:
        super().__init__()
        self.said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.getMessage().startswith("A 'dirty' build is being performed"):
            return True
        if self.said:
            return False
        self.said = True
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.msg, record.args = PREVIEW_NOTE, ()
        return True


def _mkdocs_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(_CalmDirtyNote())
    log = logging.getLogger("mkdocs")
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO if verbose else logging.WARNING)
    log.propagate = False


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, render and run the strict MkDocs build into a temporary folder, then swap it in.

    Until the swap, the previous site/ is untouched: a failed build loses nothing.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = _project(args)
    _mkdocs_logging(args.verbose)
    config_file = root / "mkdocs.yml"
    if args.others_into:  # the second process of a build with the editions apart (apart.py)
        failed = apart.build_others(config_file, Path(args.others_into))
        return _aborted(failed[1], f"the {failed[0]} edition's build failed: ") if failed else 0
    first = load_config(str(config_file))
    site = Path(first.site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(site.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=site.parent))
    # every edition after the first, built beside it in a process of its own (apart.py), unless asked otherwise
    facts = root / cast("BriefingPlugin", first.plugins["briefing"]).config.facts
    others = apart.start(config_file, site.parent, args.verbose) if apart.worth_it(args.apart, facts) else None
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(staging))
        # As `mkdocs build` does: plugins that keep state across builds (ours) start afresh.
        config.plugins.on_startup(command="build", dirty=False)
        cast("BriefingPlugin", config.plugins["briefing"]).apart = others is not None
        try:
            build(config)
        except Abort as exc:
            return _aborted(exc, "build failed: ")
        finally:
            config.plugins.on_shutdown()
        if others is not None:
            done, others = others, None
            if not done.finish(staging):
                return 1  # why is printed above, by the process that built it
        _swap(staging, site)
    finally:
        if others is not None:  # the first edition failed: the others are of no use
            others.stop()
        shutil.rmtree(staging, ignore_errors=True)
    built = cast("BriefingPlugin", config.plugins["briefing"]).site
    assert built is not None  # the build above made it
    c = built.plan.graph.counts()
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"built {site.relative_to(root) if site.is_relative_to(root) else site}: {pages} pages, "
          f"{c['claims']} claims, {c['quotes']} quotes verified")
    return 0


def _remove_stale_builds(folder: Path) -> None:
    """Remove what a build killed half-way left (`.site-build-PID-*`, `.site-old-*`): a folder
    named for a process that is still running is another build's, and stays."""
    for path in [*folder.glob(".site-build-*"), *folder.glob(".site-old-*")]:
        pid = path.name.split("-")[2] if path.name.startswith(".site-build-") else ""
        if pid.isdigit() and _running(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _aborted(exc: Exception, prefix: str = "") -> int:
    """Print why MkDocs stopped: every problem when the facts were bad, else its message."""
    problems = getattr(exc, "problems", None)
    print(problems.report() if problems else f"{prefix}{exc}", file=sys.stderr)
    return 1


def _swap(new: Path, site: Path) -> None:
    """Replace site/ with the new build in two renames, so site/ is never half-written."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    new.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """Live preview: facts/ and seeds/ are watched; a bad edit prints problems, the last good site stays."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort

    root = _project(args)
    _mkdocs_logging(True)
    try:
        # dirty: each rebuild renders only the pages an edit changed (publish/rewrite.py)
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True, build_type="dirty")
    except Abort as exc:
        return _aborted(exc)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Regenerate schemas/*.schema.json from the model (editors' completion and checks)."""
    from briefing.editor.schema import write_schemas

    root = _project(args)
    changed = write_schemas(root)
    print(f"schemas: {len(changed)} written under {root / 'schemas'}" if changed else "schemas: up to date")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a small valid briefing in a new folder, a git repository with a first commit, and say what
    to edit first. The title, the sides and the address come from the options, or, asked once each, from
    the terminal; without a terminal (a script, CI) what is not given is left at the example's."""
    from briefing.editor import example
    from briefing.editor.scaffold import commit, create, next_steps

    asking = sys.stdin.isatty()
    target = Path(args.dir)
    try:
        if target.exists() and any(target.iterdir()):  # before asking anything
            raise FileExistsError(f"{target} exists and is not empty; choose a new folder")
        title = _answer(args.title, asking, f"Title: who did what (Enter for '{example.DEFAULT_TITLE}'): ",
                        lambda text: example.one_line(text, "title") if text.strip() else example.DEFAULT_TITLE)
        sides = _answer(args.sides, asking, "Sides: the states whose dispute this is, separated by commas, e.g. "
                        "Peru, Mexico (Enter for none): ", example.sides)
        where = _answer(args.repo if args.repo is not None else args.site_url, asking,
                        "Published at: USER/REPO on GitHub, or the site's address (Enter to set it later in "
                        "mkdocs.yml): ", example.addresses)
        start = example.Start(title, sides, where)
        create(target, start)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(commit(target, start))
    print(next_steps(args.dir, start))
    return 0


T = TypeVar("T")


def _answer(given: str | None, asking: bool, prompt: str, read: Callable[[str], T]) -> T:
    """An option's value read by `read`; when it is not given, the terminal's answer (asked again while
    `read` refuses it), or without a terminal the default (`read('')`)."""
    if given is not None:
        return read(given)
    while asking:
        try:
            return read(input(prompt))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
        except EOFError:
            break
    return read("")


def cmd_add_source(args: argparse.Namespace) -> int:
    """Archive a source's text under seeds/ and append its record to facts/sources.yaml."""
    from briefing.editor.sources import SOURCE_FIELDS, Refused, add_source

    root = _project(args)
    try:
        added = add_source(root, Path(args.file), args.id, {k: getattr(args, k) for k in SOURCE_FIELDS})
    except Refused as exc:
        print("\n".join([*exc.lines, "nothing was added."]), file=sys.stderr)
        return 1
    print(f"added source '{args.id}': its text is archived in {added.archive.relative_to(root).as_posix()}, "
          f"its record is at {added.sources_file.relative_to(root).as_posix()}:{added.line}")
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    """Print the passages of a source matching some words, exactly as the source has them."""
    from briefing.editor.sources import Refused, as_yaml_value, find

    root = _project(args)
    try:
        path, matches = find(root, args.source, args.words)
    except Refused as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return 1
    shown = path.resolve().relative_to(root).as_posix() if path.resolve().is_relative_to(root) else str(path)
    if not matches:
        print(f"{shown}: no passage matches \"{args.words}\" (accents, case and spacing aside)", file=sys.stderr)
        return 1
    for m in matches:
        print(f"{shown}:{m.line}: {as_yaml_value(m.text)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build a fact-checked briefing site.")
    parser.add_argument("--project", default=".", help="the briefing's folder (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True)
    check_p = sub.add_parser("check", help="validate the facts only")
    check_p.add_argument("--strict", action="store_true",
                         help="missing or stale translations are errors, as in the site's build (else warnings)")
    check_p.add_argument("--format", choices=("text", "github"), default="text",
                         help="github: each problem as a GitHub workflow annotation, shown on its line in a pull "
                              "request (on standard output)")
    build_p = sub.add_parser("build", help="validate, render and build the site (strict) into site/")
    build_p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    build_p.add_argument("--apart", choices=("auto", "always", "never"), default="auto",
                         help="build the editions after the first beside it, in a process of their own (always), or "
                              "one after the other in this process (never); auto: apart when the machine has two "
                              "cores or more and the facts are big enough for it to pay (briefing/apart.py). The "
                              "bytes are the same")
    build_p.add_argument("--others-into", help=argparse.SUPPRESS)  # apart.py's second process: the other editions
    serve_p = sub.add_parser("serve", help="live preview that rebuilds when facts change")
    serve_p.add_argument("--dev-addr", default="127.0.0.1:8000", help="HOST:PORT to serve on")
    sub.add_parser("schemas", help="write the facts files' JSON Schemas into schemas/ (from the model)")
    new_p = sub.add_parser("new", help="create a small valid briefing in DIR to start your own")
    new_p.add_argument("dir", metavar="DIR", help="folder to create (must be new or empty)")
    new_p.add_argument("--title", help="the briefing's title, who did what (written in facts/briefing.yaml; the site's "
                       "name too)")
    new_p.add_argument("--sides", metavar="NAMES", help="the states whose dispute this is, separated by commas "
                       "('Peru, Mexico, Chile'); '' for none")
    where = new_p.add_mutually_exclusive_group()
    where.add_argument("--repo", metavar="USER/REPO", help="its GitHub repository: sets site_url, repo_url, edit_uri")
    where.add_argument("--site-url", metavar="URL", help="the site's address, when it is not published on GitHub Pages")
    add_p = sub.add_parser("add-source", help="archive a source's text under seeds/ and add its record to "
                           "facts/sources.yaml")
    add_p.add_argument("file", metavar="FILE", help="the source's text, saved as a UTF-8 text file")
    add_p.add_argument("--id", required=True, help="the new source's id, e.g. 'reuters-2025-11-06'")
    add_p.add_argument("--title", required=True, help="headline or title as the source gives it")
    add_p.add_argument("--kind", help="what sort of source: news report, wire, opinion, official statement, ...")
    for name, what in (("url", "where it was published"), ("outlet", "publisher or outlet"), ("author", "author"),
                       ("published", "publication date: YYYY-MM-DD, YYYY-MM or YYYY"),
                       ("language", "language code of the text, e.g. en, es")):
        add_p.add_argument(f"--{name}", help=what)
    find_p = sub.add_parser("find", help="print a source's passages matching WORDS, ready to paste as a quote")
    find_p.add_argument("source", metavar="SOURCE", help="a source id (or the path of an archived text)")
    find_p.add_argument("words", metavar="WORDS", help="the words to look for; accents and case do not matter")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handlers = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "schemas": cmd_schemas, "new": cmd_new,
                "add-source": cmd_add_source, "find": cmd_find}
    try:
        return handlers[args.command](args)
    except FactsInvalid as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
