"""What makes `build.py serve` quick to show an edit: it notices a saved fact sooner than MkDocs would.

MkDocs' live reload watches with watchdog's PollingObserver, every 0.5 s: polling works on every file
system (network drives, containers' shared folders, WSL), where native notifications (inotify, FSEvents)
may never come or need a limit raised, so it is kept. The facts and seeds are what an editor saves, and
they are small: their watches are polled as often as their size allows (`poll_interval`), down to
`QUICK_POLL`, so that polling costs a core at most a fiftieth of its time. The rest MkDocs watches (docs/,
mkdocs.yml) keeps its interval.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.utils.dirsnapshot import DirectorySnapshot

QUICK_POLL = 0.05
"""The shortest interval the facts and seeds are polled at (seconds): a save is noticed in 25 ms on
average, where MkDocs' 0.5 s takes 250 ms; MkDocs then waits 0.1 s for the save to end (its build_delay)."""
POLL_SHARE = 50
"""A poll takes at most this fraction (1/POLL_SHARE) of its interval."""


def poll_interval(folders: Iterable[Path], most: float) -> float:
    """How often to poll the folders: fifty times what one look at them takes (watchdog's snapshot of
    every file), from QUICK_POLL up to `most`."""
    start = time.perf_counter()
    for folder in folders:
        if folder.is_dir():
            DirectorySnapshot(str(folder), recursive=True)
    return min(max(QUICK_POLL, POLL_SHARE * (time.perf_counter() - start)), most)


def watch_quickly(server: LiveReloadServer, folders: list[Path]) -> float:
    """Have MkDocs' server watch the folders, polled every `poll_interval`; returns the interval.

    Each watch's poller takes its interval from the observer when it is scheduled (watchdog's
    BaseObserver.schedule), so the observer's is set for these watches only, then put back. Where the
    observer is not the one this knows, the folders are watched at MkDocs' interval."""
    observer = server.observer
    usual = getattr(observer, "_timeout", None)
    if not isinstance(usual, float):
        for folder in folders:
            server.watch(str(folder))
        return float(observer.timeout)
    interval = poll_interval(folders, usual)
    observer._timeout = interval
    try:
        for folder in folders:
            server.watch(str(folder))
    finally:
        observer._timeout = usual
    return interval
