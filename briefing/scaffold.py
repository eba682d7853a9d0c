"""`python build.py new DIR`: a small, valid briefing that builds at once, to edit into your own.

The example facts cite an example archived text that says plainly it is an example; nothing
in it is a claim about the world. Replace both with your sources and facts.
"""

from __future__ import annotations

from pathlib import Path

from .schema import all_schemas, modeline

SEED = """\
title: Example archived text
note: written by `build.py new` as an example; replace it with a real archived source
---
Example Source Text

This file is an example of an archived source. The briefing generator checks that every
quote in the facts occurs, word for word, in a file like this one.

The example meeting took place on 1 January 2025, according to this example text.
"""

FACTS = {
    "briefing": """\
title: An example briefing
subtitle: Made by `build.py new`; replace this with your own
as_of: 2025-01-01
summary:
  - text: This briefing is an example whose every claim cites an archived text.
    cite:
      - source: example-source
        quote: The briefing generator checks that every quote in the facts occurs, word for word
""",
    "sources": """\
- id: example-source
  title: Example Source Text
  kind: news report
  file: example.txt
  notes: An example made by `build.py new`; replace it with a real source archived under seeds/.
""",
    "people": """\
- id: example-person
  name: Example Person
  aliases: [E. Person]
  claims:
    - text: The example text describes an example meeting.
      cite:
        - source: example-source
          quote: The example meeting took place on 1 January 2025
""",
    "events": """\
- id: example-meeting
  date: 2025-01-01
  title: The example meeting
  who:
    acted: [example-person]
  claims:
    - text: The example meeting took place on 1 January 2025, according to the example text.
      cite:
        - source: example-source
          quote: The example meeting took place on 1 January 2025, according to this example text.
""",
}

MKDOCS = """\
site_name: An example briefing
# Set these two for GitHub Pages (https://USER.github.io/REPO/) and for 'edit this' links:
# site_url: https://USER.github.io/REPO/
# repo_url: https://github.com/USER/REPO
# edit_uri: edit/main/docs/   # the branch here is used for "edit this" links

theme:
  name: material
  font: false            # no Google Fonts: nothing leaves the reader's machine
  features:
    - navigation.indexes
    - navigation.sections
    - content.action.edit

plugins:
  - search
  - briefing:
      facts: facts
      seeds: seeds

markdown_extensions:
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true
  - pymdownx.escapeall

validation:
  nav: {omitted_files: warn, not_found: warn}
  links: {not_found: warn, anchors: warn, unrecognized_links: warn}
"""

BUILD_PY = '''\
#!/usr/bin/env python3
"""Build the briefing: `python build.py check | build | serve | schemas`."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
'''

ABOUT = """\
# About this briefing

Say here who keeps this briefing, what it covers and how sources were chosen.
"""

GITIGNORE = "site/\nsite.*/\n.site-*/\n__pycache__/\n"

NEXT_STEPS = """\
Created a briefing in {dir}. Build it now:

    cd {dir} && python build.py build      # the site is in site/

Edit, in this order:
  1. seeds/       archive your sources' texts (replace seeds/example.txt)
  2. facts/sources.yaml   one entry per archived text
  3. facts/briefing.yaml  title, date and the cited summary
  4. facts/people.yaml, facts/events.yaml  (and institutions, legal, questions, discrepancies)
  5. mkdocs.yml   site_name, site_url and repo_url
Run `python build.py check` after each edit; `python build.py serve` previews the site live.
"""


def files() -> dict[str, str]:
    """{path: content} of the new briefing."""
    out = {f"facts/{stem}.yaml": f"{modeline(stem)}\n{body}" for stem, body in FACTS.items()}
    out.update({f"schemas/{name}": text for name, text in all_schemas().items()})
    out.update({"seeds/example.txt": SEED, "docs/about.md": ABOUT, "mkdocs.yml": MKDOCS, "build.py": BUILD_PY,
                ".gitignore": GITIGNORE})
    return out


def create(target: Path) -> list[Path]:
    """Write the new briefing into target (which must not exist or be empty); returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty; choose a new folder")
    written = []
    for rel, content in files().items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    (target / "build.py").chmod(0o755)
    return written
