#!/usr/bin/env python3
"""Build the briefing: `python3 build.py check | build | serve | schemas | add-source | find | new DIR`.

Run from a plain shell (a pre-commit hook, say), the system Python lacks the pinned packages:
then this reruns itself with the project's .venv, which `make site` sets up.
"""

import os
import sys
from pathlib import Path

try:
    from briefing.cli import main
except ModuleNotFoundError as missing:
    venv = Path(__file__).resolve().parent / ".venv"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve() and not os.environ.get("BRIEFING_REEXEC"):
        os.environ["BRIEFING_REEXEC"] = "1"  # once: a .venv that lacks the module too ends here
        os.execv(python, [str(python), __file__, *sys.argv[1:]])
    sys.exit(f"error: the module '{missing.name}' is missing for {sys.executable}; run `make site` once "
             "(it sets up .venv with the pinned requirements), then run this again")

if __name__ == "__main__":
    sys.exit(main())
