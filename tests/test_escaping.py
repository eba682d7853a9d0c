"""Nothing unsafe: markup of every kind, put into every text field of the facts, shows on the
built page as the very characters the editor typed, and never runs or changes the page.

One mini briefing is built with a different hostile text in each field (and the quote's text
in the archived seed, since a quote must occur there); each field is then checked on its page.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, cli, copy_project

# Everything that Markdown, its extensions, HTML or a template engine might act on.
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> <b onclick=alert(3)>b</b> "
    "<a href='javascript:alert(4)'>a</a> [link](javascript:alert(5)) ![img](x.png) <https://evil.example> "
    "<div markdown='1'>**in html**</div> <!-- comment --> ==mark== ~~del~~ ^^ins^^ ~sub~ ^sup^ ++ctrl+alt++ "
    ":smile: [^1] *[HTML]: abbr {: onclick=alert(6) } {{ 7*7 }} {% if true %}jinja{% endif %} "
    "**bold** _em_ `code` # heading | cell | &amp; &lt; \\*"
)

# field name: (where it lives in the facts, the page it shows on)
FIELDS = {
    "claim text": (("people", 0, "claims", 0, "text"), "people/ana-perez/index.html"),
    "quote": (("people", 0, "claims", 0, "cite", 0, "quote"), "people/ana-perez/index.html"),
    "person name": (("people", 0, "name"), "people/ana-perez/index.html"),
    "alias": (("people", 0, "aliases", 0), "people/ana-perez/index.html"),
    "role title": (("people", 0, "roles", 0, "title"), "people/ana-perez/index.html"),
    "institution name": (("institutions", 1, "name"), "institutions/ministry/index.html"),
    "event title": (("events", 0, "title"), "timeline/index.html"),
    "date basis": (("events", 0, "date_basis"), "timeline/index.html"),
    "source title": (("sources", 0, "title"), "sources/article/index.html"),
    "source outlet": (("sources", 1, "outlet"), "sources/treaty/index.html"),
    "source author": (("sources", 1, "author"), "sources/treaty/index.html"),
    "source notes": (("sources", 1, "notes"), "sources/treaty/index.html"),
    "published basis": (("sources", 2, "published_basis"), "sources/reply/index.html"),  # shown with its date
    "instrument title": (("legal", 0, "title"), "legal/example-treaty/index.html"),
    "provision topic": (("legal", 0, "provisions", 0, "topic"), "legal/example-treaty/index.html"),
    "provision article": (("legal", 0, "provisions", 0, "article"), "legal/example-treaty/index.html"),
    "question": (("questions", 0, "question"), "questions/index.html"),
    "would settle": (("questions", 0, "would_settle"), "questions/index.html"),
    "discrepancy topic": (("discrepancies", 0, "topic"), "differences/index.html"),
    "discrepancy note": (("discrepancies", 0, "note"), "differences/index.html"),
    "account text": (("discrepancies", 0, "accounts", 0, "text"), "differences/index.html"),
    "briefing title": (("briefing", "title"), "index.html"),
    "subtitle": (("briefing", "subtitle"), "brief/index.html"),
    "key figure label": (("briefing", "key_figures", 0, "label"), "index.html"),
    "key figure value": (("briefing", "key_figures", 0, "value"), "index.html"),
    "exchange topic": (("briefing", "exchanges", 0, "topic"), "index.html"),
    "source short name": (("sources", 2, "short"), "timeline/index.html"),  # in an outlet's attribution
    "source credit": (("sources", 3, "credits", 0, "quote"), "sources/later/index.html"),  # its own words
}

EXTENSIONS = ["abbr", "attr_list", "footnotes", "tables", {"toc": {"permalink": True}}, "admonition",
              "md_in_html", "def_list", "pymdownx.escapeall", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys", "pymdownx.emoji",
              "pymdownx.magiclink", "pymdownx.inlinehilite", "pymdownx.smartsymbols"]


def _payload(field: str, language: str = "") -> str:
    return f"{language.upper()}{field.upper().replace(' ', '_')}: {HOSTILE}"


SINGLE = ("text", "quote", "title", "name", "topic", "term")
"""Fields that are a record's one translated text where its translation is a string (`es: ...`)."""


def _translate(data: dict, path: tuple, value: str) -> bool:
    """The Spanish of the field at `path` set to `value`, where the field is one editors translate; whether it is."""
    *parents, field = path
    record: Any = data
    for part in parents:
        record = record[part]
    if not isinstance(record, dict):
        return False
    es = record.get("es")
    if isinstance(es, str) and field in SINGLE:
        record["es"] = value
    elif isinstance(es, dict) and (field in es or field in ("subtitle", "note", "notes", "published_basis")):
        es[field] = value
    elif es is None and field in ("subtitle", "note", "notes", "published_basis"):
        record["es"] = {field: value}  # a text that had none: its record's translations are a mapping
    else:
        return False
    return True


def _set(data: dict, path: tuple, value: str) -> None:
    *parents, last = path
    for part, after in zip(parents, path[1:], strict=False):
        if isinstance(data, dict) and part not in data:
            data[part] = [] if isinstance(after, int) else {}
        data = data[part]
    if isinstance(data, list) and last == len(data):
        data.append(value)
    else:
        data[last] = value


class _Text(HTMLParser):
    """The text a reader sees (entities resolved), and every tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


TRANSLATED: set[str] = set()
"""The fields whose Spanish the hostile site sets too (the others show as written in every edition)."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(MINI, tmp_path_factory.mktemp("hostile") / "mini")
    facts = project / "facts"
    data = {f.stem: yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) for f in facts.glob("*.yaml")}
    del data["sources"][0]["headline"]  # the title is the headline's words: here it is the hostile text
    data["sources"][3]["credits"] = [{}]
    for field, (path, _) in FIELDS.items():
        _set(data, path, _payload(field))
        if _translate(data, path, _payload(field, "es_")):
            TRANSLATED.add(field)
    for name, field in (("article", "quote"), ("later", "source credit")):  # a quote must occur in its source
        seed = project / f"seeds/{name}.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "\n" + _payload(field) + "\n", encoding="utf-8")
    for stem, content in data.items():
        (facts / f"{stem}.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = EXTENSIONS
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = cli("--project", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("edition", ["", "es/"])
@pytest.mark.parametrize("field", FIELDS)
def test_field_text_shows_literally_and_never_runs(field: str, edition: str, hostile_site: Path):
    page = (hostile_site / (edition + FIELDS[field][1])).read_text(encoding="utf-8")
    parsed = _parse(page)
    shown = " ".join("".join(parsed.text).split())
    typed = [_payload(field, "es_" if edition and field in TRANSLATED else "")]
    if edition and field == "quote":  # a quote is the source's own words in every edition, translated beside
        typed.append(_payload(field))
    for text in typed:
        assert " ".join(text.split()) in shown, f"{field} is not shown as typed"
    # No element or attribute came from the text: every tag is one the theme or generator makes.
    explained = yaml.safe_load((MINI / "facts/glossary.yaml").read_text(encoding="utf-8"))[0]["explained"][0]
    tooltip = explained["es"] if edition else explained["text"]
    for tag, attrs in parsed.tags:
        footnote_mark = tag == "sup" and attrs.get("id", "").startswith("fnref")
        glossary_term = tag == "abbr" and attrs == {"title": tooltip}  # the glossary's own tooltip
        passage = (tag == "mark" and attrs.get("class") == "briefing-passage"  # a quoted passage (passages.py)
                   and re.fullmatch(r"q-[0-9a-f]{6}(-\d+)?", attrs.get("id") or attrs.get("data-passage") or ""))
        assert tag not in ("mark", "del", "ins", "sub", "sup", "kbd", "abbr", "dl") or footnote_mark or glossary_term \
            or passage, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            assert "alert(" not in (value or ""), (tag, attrs)
            assert "javascript:" not in (value or "").lower(), (tag, attrs)
        if tag == "img":
            assert attrs.get("src") != "x" and "x.png" not in attrs.get("src", ""), attrs
        if tag == "a":
            assert "evil.example" not in attrs.get("href", ""), attrs
    assert not re.search(r"<(strong|em|code)>(in html|bold|em|code)</\1>", page)
    assert "49" not in shown.split() and "<h1" not in page.split("heading", 1)[-1].split("|", 1)[0]


def test_every_link_goes_to_the_site_or_to_http(hostile_site: Path):
    for page in hostile_site.rglob("*.html"):
        for tag, attrs in _parse(page.read_text(encoding="utf-8")).tags:
            for key in ("href", "src", "action", "formaction"):
                target = html.unescape(attrs.get(key) or "")
                scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", target)
                assert scheme is None or scheme.group(1).lower() in ("http", "https"), (page, tag, attrs)


def test_search_index_holds_fact_text_escaped(hostile_site: Path):
    index = (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "PERSON_NAME" in index
    assert "<script>alert" not in index and "onerror=alert" not in index.replace("&lt;img src=x onerror=alert", "")
