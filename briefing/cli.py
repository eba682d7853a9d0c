"""The command line: `check`, `build` and `serve` over the pipeline; glue only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import FactsInvalid
from .validate import load_graph


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def cmd_check(args: argparse.Namespace) -> int:
    root = _project(args)
    graph = load_graph(root / "facts", root / "seeds", display_root=root)
    c = graph.counts()
    print(
        f"ok: {c['sources']} sources, {c['people']} people, {c['institutions']} institutions, "
        f"{c['events']} events, {c['instruments']} legal instruments, {c['questions']} questions, "
        f"{c['discrepancies']} discrepancies; {c['claims']} claims, {c['quotes']} quotes verified"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build a fact-checked briefing site.")
    parser.add_argument("--project", default=".", help="the briefing's folder (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the facts only")
    args = parser.parse_args(argv)
    handlers = {"check": cmd_check}
    try:
        return handlers[args.command](args)
    except FactsInvalid as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
