"""Same facts, same bytes; removed facts, removed pages; hand-written docs/ never touched."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from conftest import MINI, ROOT, Result, cli, copy_project, snapshot, write_files


def _build(project: Path, **env: str) -> subprocess.CompletedProcess:
    """A build in a process of its own: its own hash seed, so set or dict order cannot leak into the bytes."""
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env.update(NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                          env=full_env, capture_output=True, text=True, timeout=300, check=False)


@contextlib.contextmanager
def _environ(**env: str):
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", *env)}
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _build_here(project: Path, **env: str) -> Result:
    """The same build in this process (faster), with SOURCE_DATE_EPOCH as given."""
    with _environ(**env):
        return cli("--project", str(project), "build")


def _gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def test_two_builds_are_byte_identical(tmp_path: Path):
    """Two builds, in two different folders, give the same files with the same bytes."""
    first, second = copy_project(MINI, tmp_path / "one"), copy_project(MINI, tmp_path / "two" / "deeper")
    assert _build(first).returncode == 0
    assert _build(second).returncode == 0
    a, b = snapshot(first / "site"), snapshot(second / "site")
    assert len(a) > 50 and "sitemap.xml.gz" in a
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []
    # a rebuild in place changes nothing either
    assert _build(first).returncode == 0
    assert snapshot(first / "site") == a


def test_editions_built_apart_are_the_bytes_of_one_process(tmp_path: Path):
    """`build.py build --apart always` builds the Spanish edition in a process of its own, beside the English one
    (briefing/apart.py); `--apart never` one after the other in this one: the same files, the same bytes, and
    nothing left of the second process's scratch folder."""
    apart, alone = copy_project(MINI, tmp_path / "apart"), copy_project(MINI, tmp_path / "alone")
    result = cli("--project", str(apart), "build", "--apart", "always")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert cli("--project", str(alone), "build", "--apart", "never").returncode == 0
    a, b = snapshot(apart / "site"), snapshot(alone / "site")
    assert "es/index.html" in a and "es/sitemap.xml" in a
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert sorted(p.name for p in apart.iterdir()) == sorted(p.name for p in alone.iterdir())


def test_an_edition_built_apart_that_fails_fails_the_build_and_loses_nothing(tmp_path: Path):
    """The Spanish edition alone fails (a hand-written page without its Spanish version is a warning there, and the
    build is strict): the build fails with its reason, once, and site/ is the last good one, byte for byte."""
    project = copy_project(MINI, tmp_path / "mini")
    assert cli("--project", str(project), "build", "--apart", "always").returncode == 0
    before = snapshot(project / "site")
    (project / "docs" / "about.es.md").unlink()
    result = cli("--project", str(project), "build", "--apart", "always")
    assert result.returncode == 1
    assert result.stderr.count("docs/about.md has no es version") == 1, result.stderr
    assert "the es edition's build failed: Aborted with 1 warnings in strict mode!" in result.stderr
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["docs", "facts", "mkdocs.yml", "seeds", "site"]


def test_bad_facts_are_reported_once_when_editions_are_built_apart(tmp_path: Path):
    """Bad facts stop the first edition; the second process, which would find them too, is stopped and its output
    dropped: each problem is printed once."""
    project = copy_project(MINI, tmp_path / "mini")
    events = project / "facts" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  title:", "  title2:", 1), encoding="utf-8")
    result = cli("--project", str(project), "build", "--apart", "always")
    assert result.returncode == 1
    assert result.stderr.count("unknown key 'title2'") == 1, result.stderr
    assert not (project / "site").exists()
    assert sorted(p.name for p in project.iterdir()) == ["docs", "facts", "mkdocs.yml", "seeds"]


def test_apart_pays_only_on_two_cores_and_facts_big_enough(tmp_path: Path, monkeypatch):
    from briefing import apart

    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "briefing.yaml").write_text("languages: [en]\n", encoding="utf-8")
    assert not apart.worth_it("always", facts)  # one language: no other edition to build
    (facts / "briefing.yaml").write_text("languages: [en, es]\n", encoding="utf-8")
    (facts / "events.yaml").write_bytes(b"#" * (apart.APART_FROM_BYTES - 1 - (facts / "briefing.yaml").stat().st_size))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert not apart.worth_it("auto", facts)  # too small: a second process costs more than it saves
    assert apart.worth_it("always", facts) and not apart.worth_it("never", facts)
    (facts / "people.yaml").write_bytes(b"#")
    assert apart.worth_it("auto", facts)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not apart.worth_it("auto", facts)  # one core: the editions would only take turns


def test_sitemap_dates_come_from_the_facts_not_the_clock(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "p")
    assert _build_here(project).returncode == 0
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates == {"2026-03-12"}  # the mini briefing's as_of
    gz = project / "site/sitemap.xml.gz"
    assert gzip.decompress(gz.read_bytes()).decode("utf-8") == sitemap
    assert _gzip_mtime(gz) == int(datetime(2026, 3, 12, tzinfo=UTC).timestamp())
    spanish = (project / "site/es/sitemap.xml").read_text(encoding="utf-8")  # the Spanish edition's own
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", spanish)) == {"2026-03-12"}
    assert _gzip_mtime(project / "site/es/sitemap.xml.gz") == _gzip_mtime(gz)


def test_source_date_epoch_is_honoured(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "p")
    epoch = int(datetime(2030, 1, 2, 15, 4, 5, tzinfo=UTC).timestamp())
    assert _build_here(project, SOURCE_DATE_EPOCH=str(epoch)).returncode == 0
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2030-01-02"}
    assert _gzip_mtime(project / "site/sitemap.xml.gz") == int(datetime(2030, 1, 2, tzinfo=UTC).timestamp())


def test_removing_a_record_removes_its_page_and_keeps_docs(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "p")
    write_files(project, {"docs/notes/extra.md": "# Extra\n\nHand-written, with *emphasis*.\n",
                          "docs/notes/extra.es.md": "# Extra\n\nEscrita a mano, con *énfasis*.\n"})
    docs_before = snapshot(project / "docs")
    assert _build_here(project).returncode == 0
    site = project / "site"
    assert (site / "institutions/ministry/index.html").is_file()
    assert (site / "es/institutions/ministry/index.html").is_file()
    assert (site / "notes/extra/index.html").is_file()
    assert "Escrita a mano" in (site / "es/notes/extra/index.html").read_text(encoding="utf-8")
    assert snapshot(project / "docs") == docs_before  # generated pages never land in docs/

    # Remove the ministry and every reference to it.
    facts = project / "facts"
    inst = (facts / "institutions.yaml").read_text(encoding="utf-8")
    write_files(project, {
        "facts/institutions.yaml": re.sub(r"- id: ministry\n(?:  .*\n|\s*\n)*", "", inst),
        "facts/events.yaml": (facts / "events.yaml").read_text(encoding="utf-8").replace(", ministry]", "]")
        .replace("    acted_on: [ministry]\n", ""),
        "facts/people.yaml": (facts / "people.yaml").read_text(encoding="utf-8").replace("      org: ministry\n", ""),
        "facts/legal.yaml": (facts / "legal.yaml").read_text(encoding="utf-8").replace("holder: ministry",
                                                                                       "holder: ana-perez"),
        "facts/briefing.yaml": (facts / "briefing.yaml").read_text(encoding="utf-8").replace("holder: ministry",
                                                                                              "holder: ana-perez"),
    })
    docs_before = snapshot(project / "docs")
    result = _build_here(project)
    assert result.returncode == 0, result.stderr
    assert not (site / "institutions/ministry").exists() and not (site / "es/institutions/ministry").exists()
    assert "institutions/ministry/" not in (site / "es/sitemap.xml").read_text(encoding="utf-8")
    assert "Ministry of Foreign Affairs" not in (site / "institutions/index.html").read_text(encoding="utf-8")
    assert "institutions/ministry/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "institutions/testland/index.html").is_file()
    assert (site / "notes/extra/index.html").is_file()
    assert snapshot(project / "docs") == docs_before
