"""Benchmark: how long an editor waits under `build.py serve` from saving a YAML edit to seeing it.

For each project (synthetic briefings at the scales asked for, bench/generate.py, and a copy of the real
briefing), `build.py serve` is started on a free port and left to finish its first build. Then, RUNS
times: the first event's title in facts/events.yaml is changed (as an editor would, in the file), and
the clock runs until the served timeline page's HTML (its year's page, where the timeline is split) carries
the new title. The edit to visible time
includes the file watcher noticing the save and the rebuild; it excludes the browser's reload (a
livereload round trip on the same machine). Prints each run and the median.

    .venv/bin/python bench/serve.py 1 10 real
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ROOT, generate

RUNS = 5
TIMEOUT = 600.0
_TITLE = re.compile(r"^(  title: )(.+)$", re.M)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return ""


def _wait(condition: object, what: str, poll: float = 0.02) -> float:
    """Seconds until `condition()` holds, polling; fails after TIMEOUT naming `what`."""
    start = time.perf_counter()
    while not condition():  # type: ignore[operator]
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(poll)
    return time.perf_counter() - start


def _project(which: str, work: Path) -> Path:
    dest = work / which
    if which == "real":
        for part in ("facts", "seeds", "docs", "mkdocs.yml"):
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / part)
        return dest
    generate(dest, float(which))
    return dest


def measure(project: Path) -> tuple[float, list[float]]:
    """(seconds of the first build, each edit's seconds to visible)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    events = project / "facts" / "events.yaml"
    try:
        first = _wait(lambda: any("Serving on" in ln for ln in lines) or proc.poll() is not None, "the first build")
        if proc.poll() is not None:
            raise SystemExit("serve stopped:\n" + "".join(lines))
        served = re.search(r"Serving on (http://\S+/)", "".join(lines))
        assert served, "no address in serve's output"
        url = served.group(1)  # under site_url's path
        _wait(lambda: "<title>" in _fetch(url + "timeline/"), "the timeline page")
        times = []
        for run in range(RUNS):
            text = events.read_text(encoding="utf-8")
            match = _TITLE.search(text)
            assert match, "no event title in events.yaml"
            new = f"Edited title number {run} {time.time_ns()}"
            # past its budget the timeline is one page a year (timeline/2025/): the edited event's page, or the one
            year = re.findall(r'date: "?(\d{4})', text[:match.start()])[-1:]
            pages = [url + "timeline/", *(url + f"timeline/{y}/" for y in year)]
            events.write_text(text[:match.start(2)] + new + text[match.end(2):], encoding="utf-8")
            times.append(_wait(lambda new=new, pages=pages: any(new in _fetch(page) for page in pages),
                               "the edit to be served"))
            time.sleep(1.0)  # let the watcher settle before the next save
        return first, times
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=5)
        proc.stdout.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="*", default=["1", "10", "real"], help="scales (1, 10, ...) or 'real'")
    args = parser.parse_args()
    print(f"edit to visible under build.py serve, median of {RUNS} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        for which in args.projects:
            project = _project(which, Path(tmp))
            first, times = measure(project)
            label = "real briefing" if which == "real" else f"{which}x"
            runs = ", ".join(f"{t:.2f}" for t in times)
            print(f"{label:>14}: first build {first:6.1f} s; edit to visible median {statistics.median(times):5.2f} s"
                  f" (runs: {runs})", flush=True)


if __name__ == "__main__":
    main()
