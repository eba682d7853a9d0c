"""The facts files' JSON Schemas: generated from the model, committed, and true to the facts."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing.load import _FactsLoader
from briefing.schema import all_schemas, facts_files, modeline, schema_for
from conftest import MINI, ROOT, run_cli


def _load(path: Path):
    # The build's loader: dates stay strings, as the YAML language server reads them (YAML 1.2).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_FactsLoader)


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
