"""`build.py add-source` and `build.py find`, through the real command line."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefing.editor.sources import as_yaml_value
from briefing.facts.archive import read_archived

from conftest import cli, snapshot, write_files

TEXT = "Statement by the ministry\n\nThe Ministry said on Tuesday that talks with Testland would resume\nin March.\n"


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / "downloads" / "statement.txt"
    write_files(path.parent, {path.name: TEXT})
    return path


def _add(mini: Path, statement: Path, *extra: str):
    return cli("--project", str(mini), "add-source", str(statement), *extra)


def test_add_source_archives_the_text_and_appends_a_valid_record(mini: Path, statement: Path):
    sources_before = (mini / "facts/sources.yaml").read_text(encoding="utf-8")
    result = _add(mini, statement, "--id", "ministry-statement", "--title", "Statement: talks resume",
                  "--kind", "official statement", "--published", "2025-11-04", "--outlet", "Ministry of Testland",
                  "--url", "https://example.org/statement", "--language", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("added source 'ministry-statement': its text is archived in "
                             f"seeds/ministry-statement.txt, its record is at facts/sources.yaml:"
                             f"{sources_before.count(chr(10)) + 1}\n")  # the line after the records already there
    sources = (mini / "facts/sources.yaml").read_text(encoding="utf-8")
    assert sources.startswith(sources_before)  # appended: what was there, comments included, is kept
    assert sources[len(sources_before):] == (
        "- id: ministry-statement\n  title: 'Statement: talks resume'\n  outlet: Ministry of Testland\n"
        "  published: '2025-11-04'\n  language: en\n  kind: official statement\n"
        "  url: https://example.org/statement\n  file: ministry-statement.txt\n")
    archived = read_archived(mini / "seeds/ministry-statement.txt")
    assert archived.header["title"] == "Statement: talks resume"
    assert archived.header["url"] == "https://example.org/statement"
    assert archived.header["from"] == "statement.txt"
    assert archived.body == TEXT
    check = cli("--project", str(mini), "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok: 5 sources")


def test_add_source_keeps_comments_and_blank_lines_between_records(mini: Path, statement: Path):
    write_files(mini, {"facts/sources.yaml": "# yaml-language-server: $schema=../schemas/sources.schema.json\n"
                       "# Our sources.\n\n" + (mini / "facts/sources.yaml").read_text().replace(
                           "\n- id: treaty", "\n\n# The treaty.\n- id: treaty")})
    before = (mini / "facts/sources.yaml").read_text()
    assert _add(mini, statement, "--id", "s2", "--title", "T", "--kind", "wire").returncode == 0
    after = (mini / "facts/sources.yaml").read_text()
    assert after == before + "\n- id: s2\n  title: T\n  kind: wire\n  file: s2.txt\n"


def test_add_source_into_an_empty_list(mini: Path, statement: Path):
    write_files(mini, {"facts/sources.yaml": "# no sources yet\n[]\n"})
    assert _add(mini, statement, "--id", "s2", "--title", "T", "--kind", "wire").returncode == 0
    assert (mini / "facts/sources.yaml").read_text() == "# no sources yet\n- id: s2\n  title: T\n  kind: wire\n" \
                                                         "  file: s2.txt\n"


@pytest.mark.parametrize("args, expected", [
    (["--id", "article", "--title", "T", "--kind", "wire"],
     ["facts/sources.yaml:1:7: error: id 'article' is already used here; choose another id [duplicate-id]"]),
    (["--id", "ana-perez", "--title", "T", "--kind", "wire"],
     ["facts/people.yaml:1:7: error: id 'ana-perez' is already used here; choose another id [duplicate-id]"]),
    (["--id", "Bad_Id", "--title", " ", "--kind", "blog", "--published", "2025-11-31", "--url", "ftp://x.org"],
     [("error: --id: 'Bad_Id' is not a valid id; expected lowercase letters, digits and single hyphens "
       "(like 'betssy-chavez'), at most 80 characters [bad-id]"),
      "error: --title: the text is empty; write the text or remove the field [bad-value]",
      "error: --published: '2025-11-31' has day 31; 2025-11 has days 01 to 30 [bad-date]",
      ("error: --kind: the text 'blog' is not allowed; expected 'news report', 'wire', 'opinion', 'official "
       "statement', 'treaty text', 'court document', 'scholarly', 'news report quoting a text' or 'resolution' "
       "[bad-value]"),
      ("error: --url: 'ftp://x.org' is not an http(s) URL; links may only go to http:// or https:// addresses "
       "[bad-url]")]),
    (["--id", "s2", "--title", "T"],
     [("error: --kind is required: one of 'news report', 'wire', 'opinion', 'official statement', 'treaty text', "
       "'court document', 'scholarly', 'news report quoting a text', 'resolution' [missing-field]")]),
])
def test_add_source_refuses_and_writes_nothing(mini: Path, statement: Path, args: list[str], expected: list[str]):
    before = snapshot(mini)
    result = _add(mini, statement, *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, "nothing was added."]
    assert result.stdout == ""
    assert snapshot(mini) == before


def test_add_source_refuses_an_existing_archive_file_and_a_bad_text(mini: Path, statement: Path, tmp_path: Path):
    write_files(mini, {"seeds/s2.txt": "left over\n"})
    before = snapshot(mini)
    result = _add(mini, statement, "--id", "s2", "--title", "T", "--kind", "wire")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("seeds/s2.txt:1:1: error: the file already exists; choose another id, "
                                             "or remove the file if it is left over [file-exists]")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"Line one\nPer\xfa\n")
    result = _add(mini, latin1, "--id", "s3", "--title", "T", "--kind", "wire")
    assert result.stderr.splitlines()[0] == (f"{latin1}:2:4: error: the file is not UTF-8 (byte 0xfa); "
                                             "save it as UTF-8 [not-utf8]")
    result = _add(mini, tmp_path / "missing.txt", "--id", "s3", "--title", "T", "--kind", "wire")
    assert "cannot read the file: No such file or directory [unreadable]" in result.stderr
    assert snapshot(mini) == before


def test_add_source_refuses_while_the_facts_do_not_load(mini: Path, statement: Path):
    write_files(mini, {"facts/sources.yaml": "- id: a\n  title: Peru: the break\n"})
    before = snapshot(mini)
    result = _add(mini, statement, "--id", "s2", "--title", "T", "--kind", "wire")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("facts/sources.yaml:2:10: error: YAML syntax error: the value")
    assert snapshot(mini) == before


def test_find_prints_exact_passages_with_lines_ready_to_quote(mini: Path):
    result = cli("--project", str(mini), "find", "article", "ANA PEREZ")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "seeds/article.txt:3: Ana Pérez\n"
    # across a line break, and a passage that needs quoting to stay one YAML value
    write_files(mini, {"seeds/article.txt": "Title\n\nHe said: the talks\nwent well.\n"})
    result = cli("--project", str(mini), "find", "article", "said: the talks went")
    assert result.stdout == 'seeds/article.txt:3: "said: the talks went"\n'


def test_find_by_path_finds_decomposed_accents(mini: Path):
    write_files(mini, {"seeds/nfd.txt": unicodedata.normalize("NFD", "La canciller Pérez dijo.\n")})
    result = cli("--project", str(mini), "find", str(mini / "seeds/nfd.txt"), "perez dijo")
    assert result.returncode == 0, result.stderr
    assert unicodedata.normalize("NFC", result.stdout) == "seeds/nfd.txt:1: Pérez dijo\n"


def test_find_says_what_is_wrong(mini: Path):
    missing = cli("--project", str(mini), "find", "articel", "x")
    assert missing.returncode == 1
    assert missing.stderr == ("error: 'articel' is neither a source id in facts/sources.yaml nor a file; "
                              "did you mean 'article'? [unknown-reference]\n")
    nothing = cli("--project", str(mini), "find", "article", "zebra")
    assert nothing.returncode == 1
    assert nothing.stderr == 'seeds/article.txt: no passage matches "zebra" (accents, case and spacing aside)\n'


@pytest.mark.parametrize("text", ["plain words", "said: no", "2025", "yes", "- dash", "# hash", "'single'",
                                  '"double"', "a #b", "{x}", "ends with colon:", "@at", "null", "1.5"])
def test_as_yaml_value_reads_back_as_the_same_text(text: str):
    import yaml

    from briefing.facts.load import FactsLoader

    assert yaml.load(f"quote: {as_yaml_value(text)}", Loader=FactsLoader) == {"quote": text}
