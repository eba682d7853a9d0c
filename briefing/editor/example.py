"""The example a new briefing starts from: facts and one archived text, made for its title and sides.

`build.py new` asks for the title, the sides (any number, none included) and where the site is
published, once each, and each is written in one place: the title and the sides in
facts/briefing.yaml (the site takes its name from the title), the address in mkdocs.yml. The example
shows the rule editors meet first: nothing is shown without a citation, so every person, institution
and event has a claim whose quote `check` finds in the archived text. The archived text says plainly
that it is an example; what it says is about the briefing, never a claim about the world.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from briefing.editor.schema import modeline
from briefing.facts.model import ID_RE
from briefing.text import fold

DEFAULT_TITLE = "An example briefing"
_URL = re.compile(r"^https?://[^\s/?#]+(/\S*)?$", re.IGNORECASE)
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class Side:
    """A side of the story as `new` writes it: a state's id and name."""

    id: str
    name: str


@dataclass(frozen=True)
class Start:
    """What a new briefing is started with: its title, its sides and its site's address (each given once)."""

    title: str = DEFAULT_TITLE
    sides: tuple[Side, ...] = ()
    addresses: tuple[tuple[str, str], ...] = ()
    """mkdocs.yml's site_url, repo_url, repo_name and edit_uri, those known (see `addresses`)."""


def one_line(value: str, what: str) -> str:
    """A title or a name as the facts hold it: one line, not empty."""
    text = " ".join(value.split())
    if not text:
        raise ValueError(f"the {what} is empty")
    return text


def sides(answer: str) -> tuple[Side, ...]:
    """The sides from 'Peru, Mexico, Chile' (empty: none); each id made from its name ('Côte d'Ivoire' ->
    'cote-d-ivoire'). Refused: a name no id can be made from, and two names with one id."""
    out: list[Side] = []
    for raw in answer.split(","):
        if not raw.strip():
            continue
        name = one_line(raw, "side's name")
        rid = re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")[:80].strip("-")
        if not ID_RE.match(rid):
            raise ValueError(f"no id can be made from the side '{name}': give its name in Latin letters or digits "
                             "(you can rename it in facts/institutions.yaml afterwards)")
        if rid in {s.id for s in out} or rid.startswith("example-"):
            raise ValueError(f"the side '{name}' would have the id '{rid}', which is taken; name each side once")
        out.append(Side(rid, name))
    return tuple(out)


def addresses(answer: str) -> tuple[tuple[str, str], ...]:
    """mkdocs.yml's addresses from where the site is published: 'USER/REPO' on GitHub (site_url, repo_url,
    repo_name and edit_uri: GitHub Pages' project site) or the site's own address (site_url only);
    empty: none yet."""
    answer = answer.strip()
    if not answer:
        return ()
    if _URL.match(answer):
        return (("site_url", answer if answer.endswith("/") else answer + "/"),)
    if not _REPO.match(answer):
        raise ValueError(f"'{answer}' is not a GitHub repository name; expected USER/REPO (or the site's address, "
                         "https://...)")
    owner, name = answer.split("/")
    return (("site_url", f"https://{owner.lower()}.github.io/{name}/"), ("repo_url", f"https://github.com/{answer}"),
            ("repo_name", answer), ("edit_uri", "edit/main/docs/"))


# -- the example -------------------------------------------------------------------------------------

def scalar(value: str) -> str:
    """A YAML scalar that reads back as `value`: plain where it can be, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _followed(start: Start) -> str:
    """The archived text's line naming the sides."""
    return f"The sides this briefing follows: {_listed([s.name for s in start.sides])}."


def _person(side: Side) -> str:
    return f"Example Person of {side.name}"


def _case(side: Side) -> str:
    return f"{_possessive(side.name)} case on the example point goes here, in the words of a source."


def seed(start: Start) -> str:
    """The example archived text (seeds/example.txt): what it says is about the example itself."""
    lines = ["title: Example archived text",
             "note: written by `build.py new` as an example; replace it with a real archived source",
             "---",
             "Example Source Text",
             "",
             "This file is an example of an archived source. The briefing generator checks that every",
             "quote in the facts occurs, word for word, in a file like this one.",
             "",
             "The example meeting took place on 1 January 2025, according to this example text."]
    if start.sides:
        lines += ["", _followed(start), ""]
        lines += [f"{_person(s)} is an example of a person on {_possessive(s.name)} side." for s in start.sides]
        if len(start.sides) > 1:
            lines += ["", *(_case(s) for s in start.sides)]
    return "\n".join(lines) + "\n"


def _cite(quote: str, indent: int) -> str:
    pad = " " * indent
    return f"{pad}cite:\n{pad}  - source: example-source\n{pad}    quote: {scalar(quote)}\n"


def _briefing(start: Start) -> str:
    text = (f"# The briefing as a whole. Its title is the site's name too (mkdocs.yml does not repeat it).\n"
            f"title: {scalar(start.title)}\n"
            "subtitle: An example made by build.py new; replace it with your own\n"
            "as_of: 2025-01-01\n")
    if start.sides:
        text += ("# The states whose dispute this is, each a state in institutions.yaml: pages group people and\n"
                 "# institutions by them and set their cases side by side. Any number; [] for none.\n"
                 f"sides: [{', '.join(s.id for s in start.sides)}]\n")
    else:
        text += ("# The states whose dispute this is (ids of states in institutions.yaml), if the story has sides:\n"
                 "# sides: [peru, mexico]\n")
    text += ("# Every sentence the site shows is a claim: its `text`, and a `cite` whose quote `check` finds,\n"
             "# word for word, in the archived text of the source it names.\n"
             "summary:\n"
             "  - text: This briefing is an example whose every claim cites an archived text.\n"
             + _cite("The briefing generator checks that every quote in the facts occurs, word for word", 4))
    if len(start.sides) > 1:
        text += ("# Each side's case: a point the sides contend, with each side's position in its own cited words;\n"
                 "# `argues` says whose case a position makes.\n"
                 "exchanges:\n"
                 "  - topic: An example point the sides contend (replace it with a real one)\n"
                 "    positions:\n")
        for s in start.sides:
            text += (f"      - holder: {s.id}\n"
                     f"        argues: {s.id}\n"
                     "        claims:\n"
                     f"          - text: {scalar(_case(s))}\n" + _cite(_case(s), 12))
    return text


RULE = ("# Nothing is shown without a citation: every {what} needs at least one claim, a sentence\n"
        "# (`text`) with a `cite` whose quote occurs, word for word, in an archived text under seeds/\n"
        "# (`check` looks for it there, and reports a record without claims as missing-field).\n")


def _people(start: Start) -> str:
    text = (RULE.format(what="person")
            + "- id: example-person\n"
              "  name: Example Person\n"
              "  aliases: [E. Person]\n"
              "  claims:\n"
              "    - text: The example text describes an example meeting.\n"
            + _cite("The example meeting took place on 1 January 2025", 6))
    for s in start.sides:
        line = f"{_person(s)} is an example of a person on {_possessive(s.name)} side."
        text += (f"- id: example-person-{s.id}\n"
                 f"  name: {scalar(_person(s))}\n"
                 f"  country: {s.id}      # the state the person belongs to: it puts them on its side\n"
                 "  claims:\n"
                 f"    - text: {scalar(line)}\n" + _cite(line, 6))
    return text


def _institutions(start: Start) -> str:
    text = RULE.format(what="institution and state")
    for s in start.sides:
        claim = f"{s.name} is one of the sides this briefing follows."
        text += (f"- id: {s.id}\n"
                 f"  name: {scalar(s.name)}\n"
                 "  kind: state\n"
                 "  claims:\n"
                 f"    - text: {scalar(claim)}\n" + _cite(_followed(start), 6))
    return text if start.sides else text + "[]\n"  # none yet: the file says where they go


EVENTS = """\
# The timeline. `who` says who acted, who was acted on, who spoke about it and who else was involved;
# the relationship view draws its relations from these roles only.
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
"""

SOURCES = """\
# One record per archived text under seeds/ (`python3 build.py add-source` writes both).
- id: example-source
  title: Example Source Text
  kind: news report
  file: example.txt
  notes: An example made by `build.py new`; replace it with a real source archived under seeds/.
"""


def facts(start: Start) -> dict[str, str]:
    """{path: text} of the example's facts files and its archived text."""
    bodies = {"briefing": _briefing(start), "sources": SOURCES, "people": _people(start),
              "institutions": _institutions(start), "events": EVENTS}
    out = {f"facts/{stem}.yaml": f"{modeline(stem)}\n{body}" for stem, body in bodies.items()}
    out["seeds/example.txt"] = seed(start)
    return out
