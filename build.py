#!/usr/bin/env python3
"""Build the briefing: `python build.py check | build | serve`. See README.md."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
