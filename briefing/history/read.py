"""The history of the facts: from git, what was added, changed and removed, day by day.

Read with the `git` command (never the network) from the repository that holds facts/ and
seeds/. Records are matched by id across commits; "changed" names the top-level fields whose
values differ. Each day (the committer date, in UTC) is diffed as a whole: the files as they
stood before the day's first commit against the files after its last, following the first
parent, so a merge counts as the change it brought to the main line.

Bounded and deterministic: at most MAX_COMMITS of the latest commits touching facts/ or
seeds/ are read, and at most PARSE_BUDGET bytes of YAML parsed; only the records whose text
differs are parsed (recorddiff.py); blobs and days are cached by their git blob ids. The same
commit gives the same history: only committed content and committer dates are read.

Missing history is a state, not an error: a folder without git (a downloaded archive), no
commits, or a shallow clone (GitHub Actions' checkout fetches one commit unless told
`fetch-depth: 0`) gives a History that says so. Edits not yet committed (under `make serve`)
are read too, as a separate `pending` day, so the site can say "not yet committed".
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self

from briefing.facts.kinds import by_file
from briefing.facts.load import MAX_FILE_BYTES
from briefing.history.recorddiff import RECENT, UNREADABLE, Action, Budget, Change, OutOfBudget, diff_files
from briefing.i18n import N_

MAX_COMMITS = 200
"""At most this many of the latest commits that touch facts/ or seeds/ are read."""
PARSE_BUDGET = 40 * 1024 * 1024
"""At most this many bytes of YAML are parsed per reading of the history (some 15 s at 12,500
records; a day of ordinary edits parses a few KB): older days past it are left out, as they are
past MAX_COMMITS. Days read before (under `make serve`) come from the cache and cost nothing."""

ZERO = "0" * 40
State = Literal["complete", "bounded", "shallow", "unavailable"]

# Variables a git hook sets that would point git at another repository than the facts' own.
_REPO_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")


@dataclass(frozen=True)
class Day:
    """Everything that changed on one day."""

    date: str
    """YYYY-MM-DD, the committer date in UTC; '' for edits not yet committed."""
    updated: int
    """The committer time (Unix seconds) of the day's last commit."""
    changes: tuple[Change, ...]
    archives: tuple[tuple[str, Action], ...] = ()
    """Archived texts added, changed or removed: (path under seeds/, action)."""


@dataclass(frozen=True)
class History:
    """What git says about the facts; `state` says how much of it there is."""

    state: State
    days: tuple[Day, ...] = ()
    """Newest first."""
    pending: Day | None = None
    """Edits in facts/ or seeds/ not yet committed."""
    reason: str = ""
    """Why the history is unavailable or shallow, in a sentence for readers (a message of the catalog, in
    English: a page shows it in its edition's language, `_(reason)`)."""
    commits: int = 0
    """How many commits were read."""

    @property
    def available(self) -> bool:
        return self.state != "unavailable"


def unavailable(reason: str) -> History:
    return History("unavailable", reason=reason)


class GitError(Exception):
    """A git command failed (no repository, no commits, no git)."""


def git(cwd: Path, *args: str) -> bytes:
    """Run git in `cwd` (its own repository, whatever a hook set) and return its output."""
    env = {k: v for k, v in os.environ.items() if k not in _REPO_VARIABLES}
    env.update(GIT_OPTIONAL_LOCKS="0", LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args],
                              cwd=cwd, env=env, capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(str(exc)) from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


# -- where the facts are in the repository -------------------------------------------------------

@dataclass
class Repo:
    """The repository holding the facts, and where facts/ and seeds/ are in it."""

    top: Path
    facts: str
    """Path of facts/ from the repository's top, with a trailing '/' ('' at the top itself)."""
    seeds: str | None
    head: str
    shallow: frozenset[str] = frozenset()
    """Commits whose parents this clone does not have (a shallow clone's boundary)."""

    def pathspecs(self) -> list[str]:
        return [f":(literal){p.rstrip('/') or '.'}" for p in (self.facts, self.seeds) if p is not None]


def find_repo(facts: Path, seeds: Path) -> Repo:
    """The repository of `facts`; GitError when there is none or it has no commits."""
    if not facts.is_dir():
        raise GitError(f"{facts} is not a folder")
    top_line, prefix = git(facts, "rev-parse", "--show-toplevel", "--show-prefix").decode().split("\n")[:2]
    top = Path(top_line)
    seeds_prefix = None
    if seeds.is_dir():
        seeds_top, seeds_at = git(seeds, "rev-parse", "--show-toplevel", "--show-prefix").decode().split("\n")[:2]
        seeds_prefix = seeds_at if Path(seeds_top) == top else None
    shallow_flag = git(top, "rev-parse", "--is-shallow-repository").decode().strip()
    try:
        head = git(top, "rev-parse", "--verify", "-q", "HEAD^{commit}").decode().strip()
    except GitError:
        head = ""  # a repository without commits
    shallow: frozenset[str] = frozenset()
    if shallow_flag == "true":
        path = top / git(top, "rev-parse", "--git-path", "shallow").decode().strip()
        shallow = frozenset(path.read_text(encoding="ascii").split()) if path.is_file() else frozenset()
    return Repo(top, prefix, seeds_prefix, head, shallow)


def revision(facts: Path) -> str:
    """The commit the facts' repository is at ('' without one): with the working tree's content,
    it decides the history, so a rebuild under `make serve` notices a new commit."""
    try:
        return git(facts, "rev-parse", "HEAD").decode().strip()
    except GitError:
        return ""


# -- reading the history -------------------------------------------------------------------------

def read_history(facts: Path, seeds: Path, max_commits: int = MAX_COMMITS) -> History:
    """The latest changes to the facts and archived texts, or why there are none to read."""
    try:
        repo = find_repo(facts, seeds)
    except GitError:
        return unavailable(N_("This copy of the briefing has no git history (a downloaded archive has none), "
                              "so when its records changed is not known."))
    if not repo.head:
        return unavailable(NOT_COMMITTED)
    try:
        commits = _log(repo, max_commits + 1)
        with Blobs(repo.top) as blobs:
            pending = _pending(repo, facts, seeds, blobs)
            days, read = _days(repo, commits[:max_commits], blobs, Budget(PARSE_BUDGET))
    except GitError as exc:
        return unavailable(f"The git history could not be read ({exc.args[0].splitlines()[0][:200]}).")
    if not commits:
        return unavailable(NOT_COMMITTED)
    boundary = [c for c in commits if c.sha in repo.shallow]
    if boundary and not days:
        return History("unavailable", pending=pending, commits=len(commits), reason=N_(
            "This copy of the briefing holds only the latest commit of its git history (a shallow clone), "
            "so what changed is not known; build from a full clone (GitHub Actions: fetch-depth: 0)."))
    if boundary:
        state: State = "shallow"
    else:
        state = "bounded" if read < len(commits) else "complete"
    reason = N_("This copy holds only part of the git history (a shallow clone).") if boundary else ""
    return History(state, tuple(days), pending, reason, read)


NOT_COMMITTED = N_("The facts have not been committed to git yet, so when their records changed is not known.")


@dataclass
class Commit:
    sha: str
    time: int
    files: list[tuple[str, str, str]] = field(default_factory=list)
    """(path from the top, blob before, blob after) for each file it changed; ZERO for none."""


def _log(repo: Repo, limit: int) -> list[Commit]:
    """The latest commits touching facts/ or seeds/ on the first-parent line, newest first."""
    out = git(repo.top, "log", "--first-parent", "-m", "--no-renames", "--no-abbrev", "--no-color",
              "--no-ext-diff", "--raw", "-z", "--format=%x1e%H %ct", f"-n{limit}", repo.head, "--",
              *repo.pathspecs()).decode("utf-8", "surrogateescape")
    commits = []
    for record in out.split("\x1e")[1:]:
        head, _, raw = record.partition("\0")
        sha, time = head.split()
        commit = Commit(sha, int(time))
        tokens = raw.lstrip("\n").split("\0")
        for info, path in zip(tokens[0::2], tokens[1::2], strict=False):
            parts = info.split()
            if len(parts) >= 4 and info.startswith(":"):
                commit.files.append((path, parts[2], parts[3]))
        commits.append(commit)
    return commits


def _days(repo: Repo, commits: list[Commit], blobs: Blobs, budget: Budget) -> tuple[list[Day], int]:
    """Commits grouped by their UTC date, each day diffed as a whole, newest first; and how
    many commits that covers (fewer than given once the parse budget is spent)."""
    by_date: dict[str, list[Commit]] = {}
    for commit in commits:
        if commit.sha in repo.shallow:
            continue  # a shallow clone's boundary: what it changed is not known
        by_date.setdefault(_utc_date(commit.time), []).append(commit)
    days, read = [], len(commits) - sum(len(group) for group in by_date.values())
    for date in sorted(by_date, reverse=True):
        spans: dict[str, tuple[str, str]] = {}
        for commit in reversed(by_date[date]):  # oldest first: keep each file's first 'before'
            for path, before, after in commit.files:
                spans[path] = (spans[path][0] if path in spans else before, after)
        try:
            day = _diff_day(repo, date, max(c.time for c in by_date[date]), spans, blobs, budget)
        except OutOfBudget:
            break
        read += len(by_date[date])
        if day.changes or day.archives:
            days.append(day)
    return days, read


def _utc_date(time: int) -> str:
    return datetime.fromtimestamp(time, tz=UTC).strftime("%Y-%m-%d")


def _diff_day(repo: Repo, date: str, updated: int, spans: dict[str, tuple[str, str]], blobs: Blobs,
              budget: Budget) -> Day:
    facts: list[tuple[str, str, str]] = []
    archives: list[tuple[str, Action]] = []
    for path, (before, after) in sorted(spans.items()):
        if before == after:
            continue
        stem = _facts_stem(repo, path)
        if stem is not None:
            facts.append((stem, before, after))
        elif repo.seeds is not None and path.startswith(repo.seeds):
            action: Action = "added" if before == ZERO else "removed" if after == ZERO else "changed"
            archives.append((path[len(repo.seeds):], action))
    changes = _changes(tuple(facts), _Reader(blobs, budget))
    return Day(date, updated, changes, tuple(archives))


@dataclass(frozen=True)
class _Reader:
    """Where `_changes` reads blob texts and what parsing it may spend. Never part of its cache key
    (no field compares): git blobs never change, so the blob ids alone say what changed."""

    blobs: Blobs = field(compare=False)
    budget: Budget = field(compare=False)


@functools.lru_cache(maxsize=4 * MAX_COMMITS)
def _changes(facts: tuple[tuple[str, str, str], ...], reader: _Reader) -> tuple[Change, ...]:
    """What changed between two sets of blobs, by (facts file stem, blob before, blob after); cached, so a
    rebuild (under `make serve`) parses only the days it has not seen."""
    return diff_files([(stem, reader.blobs.text(before), reader.blobs.text(after)) for stem, before, after in facts],
                      reader.budget)


def _facts_stem(repo: Repo, path: str) -> str | None:
    """The stem of a facts file the build reads ('people'), or None for any other file."""
    if not path.startswith(repo.facts):
        return None
    name = path[len(repo.facts):]
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and "/" not in name and suffix in ("yaml", "yml") and stem in by_file() else None


# -- edits not yet committed ---------------------------------------------------------------------

def _pending(repo: Repo, facts: Path, seeds: Path, blobs: Blobs) -> Day | None:
    """The working tree's edits to facts/ and seeds/ against the last commit, as a day of its own."""
    out = git(repo.top, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--",
              *repo.pathspecs()).decode("utf-8", "surrogateescape")
    paths = sorted(entry[3:] for entry in out.split("\0") if len(entry) > 3)
    if not paths:
        return None
    committed = {}
    folders = [p.rstrip("/") or "." for p in (repo.facts, repo.seeds) if p is not None]
    listing = git(repo.top, "ls-tree", "-r", "-z", repo.head, "--", *folders)
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        info, _, path = entry.partition("\t")
        if path:
            committed[path] = info.split()[2]
    texts: list[tuple[str, str | None, str | None]] = []
    archives: list[tuple[str, Action]] = []
    for path in paths:
        local = repo.top / path
        stem = _facts_stem(repo, path)
        if stem is not None:
            texts.append((stem, blobs.text(committed.get(path, ZERO)), _read(local)))
        elif repo.seeds is not None and path.startswith(repo.seeds):
            action: Action = "removed" if not local.exists() else "changed" if path in committed else "added"
            archives.append((path[len(repo.seeds):], action))
    day = Day("", 0, diff_files(texts), tuple(archives))
    return day if day.changes or day.archives else None


def _read(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return UNREADABLE
    return raw.decode("utf-8", "replace") if len(raw) <= MAX_FILE_BYTES else UNREADABLE


# -- blobs ---------------------------------------------------------------------------------------

class Blobs:
    """Blob texts through one `git cat-file --batch` process."""

    def __init__(self, top: Path):
        self.top = top
        self.process: subprocess.Popen[bytes] | None = None
        # one day's 'after' is often the next day's 'before': read it once, and hand out the same text
        # object each time, so recorddiff's cache of parsed records finds it
        self._text = functools.lru_cache(maxsize=RECENT)(self._fetch)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:  # a git that hangs must not hang the build
                self.process.kill()
                self.process.wait()
            if self.process.stdout is not None:
                self.process.stdout.close()

    def text(self, sha: str) -> str | None:
        """The blob's text; None for no blob (ZERO); UNREADABLE for a missing one or one too large for facts."""
        if sha == ZERO:
            return None
        return self._text(sha)

    def _fetch(self, sha: str) -> str:
        if self.process is None:
            env = {k: v for k, v in os.environ.items() if k not in _REPO_VARIABLES}
            try:
                self.process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.top, env=env,
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                stderr=subprocess.DEVNULL)
            except OSError as exc:
                raise GitError(str(exc)) from None
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(sha.encode() + b"\n")
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) != 3:
            if not header:
                raise GitError("git cat-file stopped")
            return UNREADABLE  # "<sha> missing"
        size = int(header[2])
        if size > MAX_FILE_BYTES:  # too large for facts: skip it without holding it in memory
            left = size + 1
            while left > 0:
                chunk = self.process.stdout.read(min(left, 1 << 20))
                if not chunk:
                    raise GitError("git cat-file stopped")
                left -= len(chunk)
            return UNREADABLE
        return self.process.stdout.read(size + 1)[:size].decode("utf-8", "replace")
