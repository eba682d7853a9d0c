#!/usr/bin/env python3
"""Build the briefing: `python3 build.py check | build | serve | schemas | add-source | find | new DIR`.

Run from a plain shell (a pre-commit hook, say), the system Python lacks the pinned packages, or
is older than the pins need: then this reruns itself with the project's .venv, which `make site`
sets up. (Written so that any Python 3 reads it far enough to say which Python it needs.)
"""

import os
import sys
from pathlib import Path

FLOOR = (3, 11, 2)  # the oldest Python the pins install on (Debian 12's python3): as in Makefile and README.md


def rerun_with_venv() -> None:
    """Once, run this again with the project's .venv Python, if there is one and this is not it."""
    venv = Path(__file__).resolve().parent / ".venv"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve() and not os.environ.get("BRIEFING_REEXEC"):
        os.environ["BRIEFING_REEXEC"] = "1"  # once: a .venv that lacks the module too ends here
        os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


if sys.version_info[:3] < FLOOR:
    rerun_with_venv()
    # No f-strings in this file: a Python before 3.6 reads it far enough to say which Python it needs.
    sys.exit("error: Python " + ".".join(map(str, FLOOR)) + " or later is needed, and this is Python "
             + ".".join(map(str, sys.version_info[:3])) + " (" + sys.executable + "): run `make site "
             "PYTHON=python3.13`, say, with a newer one (it sets up .venv), then run this again")

try:
    from briefing.cli import main
except ModuleNotFoundError as missing:
    rerun_with_venv()
    sys.exit("error: the module '" + str(missing.name) + "' is missing for " + sys.executable + "; run `make setup` "
             "once (it sets up .venv with the pinned requirements and builds nothing), then run this again")

if __name__ == "__main__":
    sys.exit(main())
