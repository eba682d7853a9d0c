"""The facts files' JSON Schemas: generated from the model, committed, and true to the facts."""

from __future__ import annotations

import functools
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.editor.schema import all_schemas, facts_files, modeline, schema_for
from briefing.facts.load import FactsLoader

from conftest import MINI, ROOT, run_cli


def _load(path: Path):
    # The build's loader: dates stay strings, as the YAML language server reads them (YAML 1.2).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=FactsLoader)


def test_committed_schemas_match_the_model():
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert committed == all_schemas(), "schemas/ is stale: run `python build.py schemas` and commit"


def test_every_schema_is_a_valid_json_schema():
    for stem in facts_files():
        jsonschema.Draft202012Validator.check_schema(schema_for(stem))


@pytest.mark.parametrize("folder", [ROOT / "facts", MINI / "facts"], ids=["real", "mini"])
def test_every_facts_file_validates_against_its_schema(folder: Path):
    files = sorted(folder.glob("*.yaml"))
    assert files
    for path in files:
        validator = jsonschema.Draft202012Validator(schema_for(path.stem))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(path))]
        assert errors == [], f"{path.name}: {errors[:5]}"


def test_every_real_facts_file_names_its_schema_on_the_first_line():
    for path in sorted((ROOT / "facts").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(path.stem), path.name
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), target


def test_schema_rejects_what_the_model_rejects_and_accepts_a_bare_year():
    validator = jsonschema.Draft202012Validator(schema_for("events"))
    event = {"id": "e", "date": 2023, "title": "T", "claims": [{"text": "x", "cite": [{"source": "s", "quote": "q"}]}]}
    assert not list(validator.iter_errors([event]))  # YAML reads `date: 2023` as a number
    assert list(validator.iter_errors([{**event, "dat": "2023"}]))  # unknown key
    assert list(validator.iter_errors([{**event, "date": "3 Nov 2025"}]))
    assert list(validator.iter_errors([{**event, "id": "Not An Id"}]))
    assert list(validator.iter_errors([{**event, "claims": []}]))
    sources = jsonschema.Draft202012Validator(schema_for("sources"))
    source = {"id": "s", "title": "T", "kind": "wire", "file": "a.txt", "published": "unknown"}
    assert not list(sources.iter_errors([source]))
    assert list(sources.iter_errors([{**source, "url": "javascript:alert(1)"}]))
    assert list(sources.iter_errors([{**source, "kind": "blog"}]))


def test_field_docstrings_reach_the_schema():
    props = schema_for("people")["$defs"]["Person"]["properties"]
    assert props["aliases"]["description"].startswith("Every other spelling")


def test_cli_writes_the_schemas(tmp_path: Path):
    result = run_cli("--project", str(tmp_path), "schemas")
    assert result.returncode == 0, result.stderr
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "schemas").iterdir()}
    assert written == all_schemas()
    again = run_cli("--project", str(tmp_path), "schemas")
    assert "up to date" in again.stdout


@functools.cache
def _date_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema_for("events")["$defs"]["Event"]["properties"]["date"])


def _date_accepted_by_schema(value) -> bool:
    return _date_validator().is_valid(value)


def _date_accepted_by_model(value) -> bool:
    from pydantic import ValidationError

    from briefing.facts.model import Event

    try:
        Event.model_validate({"id": "e", "date": value, "title": "T",
                              "claims": [{"text": "x", "cite": [{"source": "s", "quote": "q"}]}]})
    except ValidationError:
        return False
    return True


def test_schema_dates_reject_what_the_build_rejects():
    # Every month and day (00 to 32) of a leap year and a common year, and the short forms.
    values: list[str | int] = [f"{y}-{m:02d}-{d:02d}" for y in (2024, 2025) for m in range(14) for d in range(33)]
    values += [f"2025-{m:02d}" for m in range(14)] + ["2025", 2025, 999, "999", "0000", "0000-05-01", "25-11-03",
                                                      "2025-1-3",
                                                          "2025-11-03T10:00", "2025/11/03", "", "unknown"]
    differ = [v for v in values if _date_accepted_by_schema(v) != _date_accepted_by_model(v)]
    # A pattern cannot know leap years: 29 February passes the schema and is checked by the build.
    assert differ == ["2025-02-29"]
    assert not _date_accepted_by_schema("2025-11-31") and not _date_accepted_by_schema("2025-13-01")
    assert _date_accepted_by_schema("2024-02-29") and _date_accepted_by_schema("2025-12-31")


def test_schema_ids_and_urls_reject_what_the_build_rejects():
    from pydantic import ValidationError

    from briefing.facts.model import Source

    props = schema_for("sources")["$defs"]["Source"]["properties"]
    base = {"id": "s", "title": "T", "kind": "wire", "file": "a.txt"}
    for field, values in {
        "id": ["ok-id", "a", "Bad", "two--hyphens", "-lead", "trail-", "x" * 80, "x" * 81, "sp ace", "ü"],
        "url": ["https://example.org/a?b#c", "HTTP://Example.org", "http://", "http:///path", "ftp://x.org",
                "https://x.org/a b", "javascript:alert(1)", "https://x.org"],
        "kind": ["wire", "news report", "blog", "Wire"],
    }.items():
        schema = jsonschema.Draft202012Validator(props[field] if field != "url" else props[field]["anyOf"][0])
        for value in values:
            try:
                Source.model_validate({**base, field: value})
                model_ok = True
            except ValidationError:
                model_ok = False
            assert schema.is_valid(value) == model_ok, (field, value)


def test_check_jsonschema_flags_impossible_dates_in_a_facts_file(tmp_path: Path):
    # What an editor's YAML extension runs: the committed schema, the YAML as the editor saved it.
    import subprocess
    import sys

    events = tmp_path / "events.yaml"
    events.write_text(
        f"{modeline('events')}\n"
        "- id: a\n  date: 2025-11-31\n  title: T\n  claims: [{text: x, cite: [{source: s, quote: q}]}]\n"
        "- id: b\n  date: 2025-13-01\n  title: T\n  claims: [{text: x, cite: [{source: s, quote: q}]}]\n"
        "- id: c\n  date: 2025-11-30\n  title: T\n  claims: [{text: x, cite: [{source: s, quote: q}]}]\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                             str(ROOT / "schemas" / "events.schema.json"), str(events)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout
    assert "$[0].date" in result.stdout and "$[1].date" in result.stdout
    assert "$[2]" not in result.stdout
    good = events.read_text().replace("2025-11-31", "2025-11-30").replace("2025-13-01", "2025-12-01")
    events.write_text(good, encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                            str(ROOT / "schemas" / "events.schema.json"), str(events)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stdout
