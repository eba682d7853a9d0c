"""What makes `build.py serve` quick (publish/serving.py): the facts and seeds are polled often, so a save
is noticed soon, each save rebuilds once, and the rest of MkDocs' watches keep their interval."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Literal

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from briefing.publish import serving

from conftest import briefing_plugin


def _server(root: Path, builds: list[float]) -> LiveReloadServer:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return LiveReloadServer(builder=lambda: builds.append(time.perf_counter()), host="127.0.0.1", port=port,
                            root=str(root))


def test_a_saved_fact_is_noticed_quickly_and_rebuilds_once(mini: Path, tmp_path: Path):
    builds: list[float] = []
    server = _server(tmp_path, builds)
    server.watch(str(mini / "docs"))  # as MkDocs' serve does before the plugins' on_serve
    config = load_config(str(mini / "mkdocs.yml"))
    briefing_plugin(config).on_serve(server, config, None)
    intervals = {Path(e.watch.path).name: e.timeout for e in server.observer.emitters}
    assert intervals == {"facts": serving.QUICK_POLL, "seeds": serving.QUICK_POLL, "docs": 0.5}, intervals
    assert server.observer.timeout == 0.5  # put back for what is watched later (mkdocs.yml's `watch`)

    serving_thread = threading.Thread(target=server.serve, daemon=True)
    serving_thread.start()
    try:
        time.sleep(0.5)  # the pollers' first look
        events = mini / "facts" / "events.yaml"
        for n in range(3):
            saved = time.perf_counter()
            events.write_text(events.read_text(encoding="utf-8") + f"\n# edit {n}\n", encoding="utf-8")
            deadline = saved + 10
            while len(builds) < n + 1 and time.perf_counter() < deadline:
                time.sleep(0.01)
            assert len(builds) == n + 1, f"save {n} not noticed"
            time.sleep(0.4)  # a second rebuild for the same save would come within this
            assert len(builds) == n + 1, "one save, more than one rebuild"
    finally:
        server.shutdown(wait=True)
        serving_thread.join(timeout=10)


def test_a_large_folder_is_polled_less_often_never_less_than_mkdocs_does(tmp_path: Path, monkeypatch):
    assert serving.poll_interval([tmp_path, tmp_path / "none"], 0.5) == serving.QUICK_POLL

    def slow_look(seconds: float):
        def look(path: str, recursive: bool) -> None:
            time.sleep(seconds)
        return look

    monkeypatch.setattr(serving, "DirectorySnapshot", slow_look(0.004))  # 4 ms a look: 0.2 s at most a fiftieth
    assert 0.2 <= serving.poll_interval([tmp_path], 0.5) < 0.5
    monkeypatch.setattr(serving, "DirectorySnapshot", slow_look(0.02))
    assert serving.poll_interval([tmp_path], 0.5) == 0.5


def test_a_process_lists_the_themes_files_once_and_adds_the_files_a_build_adds(mini: Path, monkeypatch):
    import jinja2
    from mkdocs.structure.files import Files

    listings: list[str] = []
    walk = jinja2.FileSystemLoader.list_templates

    def listing(self):
        listings.append("listed")
        return walk(self)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", listing)

    def build_start(command: Literal["build", "serve", ""]) -> tuple[list[str], list[str]]:
        """The theme's files MkDocs adds at the start of a build, and the search plugin's words ('': a
        rebuild, the plugins kept from the last)."""
        config = load_config(str(mini / "mkdocs.yml"))
        if command:
            config.plugins.on_startup(command=command, dirty=command == "serve")
        config = config.plugins.on_config(config)
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        search = config.plugins["material/search"].config
        return sorted(f.src_uri for f in files), [*search.lang, search.separator]

    built = build_start("build")
    assert len(listings) == 1 and any(name.endswith("briefing.js") for name in built[0])
    assert build_start("") == built and len(listings) == 1  # the second edition's build: listed already
    served = build_start("serve")
    assert served == built and len(listings) == 2
    for _ in range(2):  # the rebuilds while serving: nothing listed again, the same files and words
        assert build_start("") == built
    assert len(listings) == 2
