"""What makes `build.py serve` quick to show an edit: it notices a saved fact sooner than MkDocs would, and
each build (each edition's, each rebuild's) does not work out again what cannot have changed since the last.

MkDocs' live reload watches with watchdog's PollingObserver, every 0.5 s: polling works on every file
system (network drives, containers' shared folders, WSL), where native notifications (inotify, FSEvents)
may never come or need a limit raised, so it is kept. The facts and seeds are what an editor saves, and
they are small: their watches are polled as often as their size allows (`poll_interval`), down to
`QUICK_POLL`, so that polling costs a core at most a fiftieth of its time. The rest MkDocs watches (docs/,
mkdocs.yml) keeps its interval.

MkDocs makes a new Jinja environment for each build (each edition's, and three more for the search plugin's
words): the theme's templates come compiled (briefing/compiled.py), and the theme's files, which MkDocs lists
at each build by walking the theme's folders (Material's 14,500 files, icons mostly), are listed once a process
(`quicken_theme`). The theme is not watched while serving (MkDocs watches it only when asked to), so a file
added to it shows at the next `serve`; an edited template is compiled again at the next rebuild.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme
from watchdog.utils.dirsnapshot import DirectorySnapshot

from briefing.compiled import TemplateCache

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


def quicken_theme(theme: Theme, compiled: TemplateCache, listed: dict[tuple[Any, ...], list[str]]) -> None:
    """Each environment this build's theme makes takes its compiled templates from `compiled`, and lists the
    theme's files from `listed` (kept by the caller between rebuilds) once they were listed.

    A listing is kept by what it depends on: the theme's folders, the names it keeps apart as templates, and
    what asked (the extensions and the filter's code: MkDocs' filter reads only those names)."""
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = compiled
        list_templates = env.list_templates

        def listed_once(extensions: Collection[str] | None = None,
                        filter_func: Callable[[str], bool] | None = None) -> list[str]:
            key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)), tuple(extensions or ()),
                   getattr(filter_func, "__code__", filter_func))
            if key not in listed:
                listed[key] = list_templates(extensions, filter_func)
            return list(listed[key])

        env.list_templates = listed_once  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
