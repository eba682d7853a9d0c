"""Reading the facts' history from git (history.py): per day, records added, changed (which
fields) and removed; archived texts; merges, renames, shallow clones, no git at all, edits not
yet committed, broken files in old commits, the bound on commits read and the blob cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from history_script import commit_all, git, make_history

from briefing.facts.kinds import filed
from briefing.facts.load import Document
from briefing.facts.problems import Problems
from briefing.facts.validate import load_graph
from briefing.history import read as history
from briefing.history import recorddiff
from briefing.history.read import read_history
from briefing.history.recorddiff import Change
from briefing.pages import changes
from briefing.pages.builders import plan

from conftest import MINI, ROOT, copy_project, search

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


@pytest.fixture(scope="module")
def scripted(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history") / "mini")


@pytest.fixture
def repo(scripted: Path, tmp_path: Path) -> Path:
    """A clone of the scripted history to change freely."""
    subprocess.run(["git", "clone", "-q", str(scripted), str(tmp_path / "clone")], check=True)
    return tmp_path / "clone"


def _read(project: Path, **kwargs) -> history.History:
    return read_history(project / "facts", project / "seeds", **kwargs)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_day_lists_records_added_changed_and_removed(scripted: Path):
    h = _read(scripted)
    assert h.state == "complete" and h.available and h.commits == 4 and h.pending is None
    assert [d.date for d in h.days] == ["2026-03-12", "2025-11-04", "2025-11-03"]
    latest, middle, first = h.days
    # two commits on 4 November make one day: the people file's change and the institutions file's
    assert set(middle.changes) == {
        Change("ana-perez", "person", "changed", ("aliases",), "Ana Pérez"),
        Change("minister-perez", "person", "removed", (), "Minister Pérez"),
        Change("ministry", "institution", "changed", ("claims",), "Ministry of Foreign Affairs"),
    }
    assert middle.archives == (("reply.txt", "changed"),)
    assert middle.updated == 1762273800  # 2025-11-04T16:30:00Z, the day's last commit
    assert {(c.rid, c.action, c.fields) for c in latest.changes} == {
        ("index", "changed", ("as_of", "key_figures", "lead", "glance")),
        ("resumption", "changed", ("claims",)),
        ("resume", "changed", ("status", "answer", "resolved_on")),  # in the model's order
        ("attend", "changed", ("status", "answer", "resolved_on")),
        ("later", "added", ()),
    }
    assert latest.archives == (("later.txt", "added"),)
    assert all(c.action == "added" for c in first.changes) and len(first.changes) == 21
    assert Change("index", "briefing", "added", (), "Ministers meet") in first.changes


def test_a_change_undone_the_same_day_is_no_change(repo: Path):
    people = repo / "facts/people.yaml"
    _edit(people, "name: Ana Pérez", "name: Ana Perez")
    commit_all(repo, "typo", "2026-04-01T09:00:00+00:00")
    _edit(people, "name: Ana Perez", "name: Ana Pérez")
    commit_all(repo, "typo undone", "2026-04-01T10:00:00+00:00")
    _edit(repo / "facts/events.yaml", "title: Ministers meet", "title: The ministers meet")
    commit_all(repo, "a title", "2026-04-01T11:00:00+00:00")
    day = _read(repo).days[0]
    assert day.date == "2026-04-01"
    assert day.changes == (Change("meeting", "event", "changed", ("title",), "The ministers meet"),)


def test_moving_records_or_renaming_a_file_changes_nothing(repo: Path):
    facts = repo / "facts"
    people = (facts / "people.yaml").read_text(encoding="utf-8")
    first, second = people.split("- id: jan-doe\n")
    (facts / "people.yaml").write_text("- id: jan-doe\n" + second + first, encoding="utf-8")
    commit_all(repo, "people reordered", "2026-04-02T09:00:00+00:00")
    git(repo, "mv", "facts/glossary.yaml", "facts/glossary.yml")
    commit_all(repo, "renamed", "2026-04-03T09:00:00+00:00")
    h = _read(repo)
    assert [d.date for d in h.days] == ["2026-03-12", "2025-11-04", "2025-11-03"]  # nothing new to list
    assert h.commits == 6


def test_a_merge_counts_once_as_what_it_brought_to_the_main_line(repo: Path):
    git(repo, "checkout", "-q", "-b", "side")
    _edit(repo / "facts/events.yaml", "title: Talks to resume", "title: The talks are to resume")
    commit_all(repo, "on a branch", "2026-04-05T09:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", when="2026-04-06T09:00:00+00:00")
    h = _read(repo)
    assert h.days[0].date == "2026-04-06"  # the day it reached the main line
    assert h.days[0].changes == (Change("resumption", "event", "changed", ("title",), "The talks are to resume"),)
    assert h.days[1].date == "2026-03-12"


def test_a_file_broken_in_an_old_commit_is_skipped_not_fatal(repo: Path):
    events = repo / "facts/events.yaml"
    good = events.read_text(encoding="utf-8")
    events.write_text(good + "- id: [broken\n", encoding="utf-8")
    _edit(repo / "facts/people.yaml", "name: Jan Doe", "name: Jan Q. Doe")
    commit_all(repo, "broken", "2026-04-07T09:00:00+00:00")
    events.write_text(good, encoding="utf-8")
    commit_all(repo, "fixed", "2026-04-08T09:00:00+00:00")
    h = _read(repo)
    assert h.days[0].date == "2026-04-07"  # 8 April only repaired the file: no record changed
    assert h.days[0].changes == (Change("jan-doe", "person", "changed", ("name",), "Jan Q. Doe"),)


def test_edits_not_yet_committed_are_read_apart(repo: Path):
    _edit(repo / "facts/people.yaml", "name: Jan Doe", "name: Jan Q. Doe")
    (repo / "seeds/later.txt").write_text("Talks Resume in Lima\n\nThe talks resumed on 12 March 2026.\n")
    (repo / "facts/glossary.yaml").unlink()
    h = _read(repo)
    assert h.pending is not None and h.pending.date == ""
    assert set(h.pending.changes) == {Change("jan-doe", "person", "changed", ("name",), "Jan Q. Doe"),
                                      Change("legation", "term", "removed", (), "legation")}
    assert h.pending.archives == (("later.txt", "changed"),)
    assert [d.date for d in h.days] == ["2026-03-12", "2025-11-04", "2025-11-03"]


def test_without_git_there_is_no_history_and_it_says_why(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "downloaded")
    h = _read(project)
    assert h.state == "unavailable" and not h.available and h.days == ()
    assert "no git history" in h.reason


def test_facts_never_committed_have_no_history(tmp_path: Path):
    project = copy_project(MINI, tmp_path / "new")
    git(project, "init", "-q", "-b", "main")
    assert "not been committed" in _read(project).reason  # no commits at all
    (project / "notes.txt").write_text("x")
    git(project, "add", "notes.txt")
    git(project, "commit", "-q", "-m", "not the facts")  # the facts stay untracked
    h = _read(project)
    assert h.state == "unavailable" and "not been committed" in h.reason


def test_a_shallow_clone_says_what_it_lacks(scripted: Path, tmp_path: Path):
    url = scripted.resolve().as_uri()
    subprocess.run(["git", "clone", "-q", "--depth", "1", url, str(tmp_path / "one")], check=True)
    one = _read(tmp_path / "one")
    assert one.state == "unavailable" and "shallow" in one.reason and "fetch-depth: 0" in one.reason
    subprocess.run(["git", "clone", "-q", "--depth", "2", url, str(tmp_path / "two")], check=True)
    two = _read(tmp_path / "two")
    assert two.state == "shallow" and "shallow" in two.reason
    assert [d.date for d in two.days] == ["2026-03-12"]  # the boundary commit's own changes are unknown


def test_only_the_latest_commits_are_read(scripted: Path):
    h = _read(scripted, max_commits=2)
    assert h.state == "bounded" and h.commits == 2
    assert [d.date for d in h.days] == ["2026-03-12", "2025-11-04"]
    # the day of 4 November is read in part: its last commit only
    assert {c.rid for c in h.days[1].changes} == {"ministry"}


def test_a_hook_pointing_git_elsewhere_does_not_change_what_is_read(scripted: Path, tmp_path: Path,
                                                                     monkeypatch):
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert [d.date for d in _read(scripted).days] == ["2026-03-12", "2025-11-04", "2025-11-03"]


def test_a_day_already_read_is_not_parsed_again(scripted: Path, monkeypatch):
    history._changes.cache_clear()
    first = _read(scripted)
    parsed: list[tuple[str, str, Problems]] = []

    def recording(text: str, file: str, problems: Problems) -> None:
        parsed.append((text, file, problems))

    monkeypatch.setattr(recorddiff, "load_text", recording)
    assert _read(scripted) == first
    assert parsed == []  # every day came from the cache, keyed by the blobs' ids


def test_only_records_whose_text_differs_are_parsed(monkeypatch):
    calls: list[str] = []
    real = recorddiff.load_text

    def counting(text: str, file: str, problems: Problems) -> Document | None:
        calls.append(text)
        return real(text, file, problems)

    monkeypatch.setattr(recorddiff, "load_text", counting)
    records = "".join(f"- id: r{i}\n  name: R {i}\n  claims: []\n" for i in range(1000))
    changed = records.replace("name: R 500\n", "name: R five hundred\n")
    assert recorddiff.diff_files([("people", records, changed)]) == (
        Change("r500", "person", "changed", ("name",), "R five hundred"),)
    assert sorted(len(text.splitlines()) for text in calls) == [3, 3]  # one record each side


def test_a_file_not_laid_out_as_a_list_of_items_is_parsed_whole():
    before = "# people\n[{id: a, name: A}, {id: b, name: B}]\n"
    after = "# people\n[{id: a, name: A2}]\n"
    assert recorddiff.diff_files([("people", before, after)]) == (
        Change("a", "person", "changed", ("name",), "A2"), Change("b", "person", "removed", (), "B"))
    assert recorddiff.diff_files([("people", before, "- id: [unclosed\n")]) == ()  # unreadable: unknown
    # one record unreadable among readable ones: the version is not known either (not "b was removed")
    assert recorddiff.diff_files([("people", before, "- {id: a, name: A}\n- id: [unclosed\n")]) == ()
    assert recorddiff.diff_files([("people", before, "x: &a [1]\ny: *a\n")]) == ()  # aliases refused


def test_at_scale_a_day_reads_only_what_changed_and_the_page_stays_bounded(tmp_path: Path, monkeypatch):
    project = tmp_path / "big"
    generate(project, scale=3)  # about 380 records: past the page's budget of 300 changes
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "everything", "2025-11-01T00:00:00+00:00")
    people = project / "facts/people.yaml"
    first = search(r'(?m)^- id: (\S+)\n  name: "([^"]*)"', people.read_text(encoding="utf-8"))
    _edit(people, f'name: "{first.group(2)}"', 'name: "Renamed"')
    commit_all(project, "one name", "2025-11-02T00:00:00+00:00")
    history._changes.cache_clear()
    h = _read(project)
    assert h.state == "complete"
    assert h.days[0].changes == (Change(first.group(1), "person", "changed", ("name",), "Renamed"),)
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    records = sum(len(graph.records[k.name]) for k in filed()) + 1  # and the briefing
    assert len(h.days[1].changes) == records > changes.PAGE_BUDGET
    the_plan = plan(graph, h)
    context = changes.page_context(the_plan)
    assert sum(len(items) for day in context["days"] for _, items in day["groups"]) == changes.PAGE_BUDGET
    assert context["days"][-1]["more"] == records + 1 - changes.PAGE_BUDGET
    assert len(changes.feed_entries(the_plan)) == changes.FEED_BUDGET
    # past the parse budget, older days are left out and the history says it is bounded
    history._changes.cache_clear()
    monkeypatch.setattr(history, "PARSE_BUDGET", 100_000)
    h = _read(project)
    assert h.state == "bounded" and h.commits == 1 and [d.date for d in h.days] == ["2025-11-02"]


def test_a_blob_too_large_for_facts_is_skipped_and_the_next_still_read(scripted: Path, monkeypatch):
    # cat-file streams blobs one after another: skipping one must leave the stream at the next
    monkeypatch.setattr(history, "MAX_FILE_BYTES", 100)
    sha = {name: git(scripted, "rev-parse", f"HEAD:{name}").strip()
           for name in ("facts/events.yaml", "facts/briefing.yaml")}
    sizes = {name: int(git(scripted, "cat-file", "-s", s)) for name, s in sha.items()}
    assert sizes["facts/events.yaml"] > 100 and sizes["facts/briefing.yaml"] > 100
    with history.Blobs(scripted) as blobs:
        assert blobs.text(sha["facts/events.yaml"]) == recorddiff.UNREADABLE
        monkeypatch.setattr(history, "MAX_FILE_BYTES", 10**6)
        assert blobs.text(sha["facts/briefing.yaml"]) == git(scripted, "cat-file", "-p", sha["facts/briefing.yaml"])
