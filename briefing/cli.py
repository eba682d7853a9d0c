"""The command line: `check`, `build` and `serve` over the pipeline; glue only."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .problems import FactsInvalid
from .validate import load_graph


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def cmd_check(args: argparse.Namespace) -> int:
    root = _project(args)
    graph = load_graph(root / "facts", root / "seeds", display_root=root)
    counts = graph.counts()
    claims, quotes = counts.pop("claims"), counts.pop("quotes")
    kinds = ", ".join(f"{n} {label}" for label, n in counts.items())
    print(f"ok: {kinds}; {claims} claims, {quotes} quotes verified")
    return 0


def _mkdocs_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
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
    site = Path(load_config(str(config_file)).site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(staging))
        try:
            build(config)
        except Abort as exc:
            return _aborted(exc, "build failed: ")
        _swap(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    c = config.plugins["briefing"].site.plan.graph.counts()
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"built {site.relative_to(root) if site.is_relative_to(root) else site}: {pages} pages, "
          f"{c['claims']} claims, {c['quotes']} quotes verified")
    return 0


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
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    except Abort as exc:
        return _aborted(exc)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Regenerate schemas/*.schema.json from the model (editors' completion and checks)."""
    from .schema import write_schemas

    root = _project(args)
    changed = write_schemas(root)
    print(f"schemas: {len(changed)} written under {root / 'schemas'}" if changed else "schemas: up to date")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a small valid briefing in a new folder, and say what to edit first."""
    from .scaffold import NEXT_STEPS, create

    target = Path(args.dir)
    try:
        create(target)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(NEXT_STEPS.format(dir=args.dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build a fact-checked briefing site.")
    parser.add_argument("--project", default=".", help="the briefing's folder (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the facts only")
    build_p = sub.add_parser("build", help="validate, render and build the site (strict) into site/")
    build_p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    serve_p = sub.add_parser("serve", help="live preview that rebuilds when facts change")
    serve_p.add_argument("--dev-addr", default="127.0.0.1:8000", help="HOST:PORT to serve on")
    sub.add_parser("schemas", help="write the facts files' JSON Schemas into schemas/ (from the model)")
    new_p = sub.add_parser("new", help="create a small valid briefing in DIR to start your own")
    new_p.add_argument("dir", metavar="DIR", help="folder to create (must be new or empty)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handlers = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "schemas": cmd_schemas, "new": cmd_new}
    try:
        return handlers[args.command](args)
    except FactsInvalid as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
