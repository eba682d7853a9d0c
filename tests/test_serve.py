"""`build.py serve` end to end: one edit, one rebuild; a bad edit keeps the last good site."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

TIMEOUT = 90  # seconds for any one thing to happen; the test fails rather than hangs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(condition, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_one_edit_one_rebuild_and_a_bad_edit_keeps_the_last_good_site(mini: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(mini), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()

    def count(text: str, since: int) -> int:
        return sum(text in line for line in lines[since:])

    try:
        _until(lambda: count("Serving on", 0) or proc.poll() is not None, "the first build")
        assert proc.poll() is None, "".join(lines)
        # served under site_url's path, as GitHub Pages would
        url = re.search(r"Serving on (http://\S+/)", "".join(lines)).group(1)
        assert "Ministers meet" in _fetch(url + "timeline/")

        events = mini / "facts" / "events.yaml"
        good = events.read_text(encoding="utf-8").replace("Ministers meet", "Ministers met")
        mark = len(lines)
        events.write_text(good, encoding="utf-8")
        _until(lambda: "Ministers met" in _fetch(url + "timeline/"), "the edit to be served")
        time.sleep(2.5)  # any second rebuild would start within this (MkDocs polls every 0.5 s)
        output = "".join(lines[mark:])
        assert count("Building documentation", mark) == 1, output
        assert count("Reloading browsers", mark) == 1, output

        mark = len(lines)
        events.write_text(good.replace("date: 2025-11-03", "date: 2025-13-03"), encoding="utf-8")
        _until(lambda: count("[bad-date]", mark), "the problems to be printed")
        output = "".join(lines[mark:])
        assert "facts/events.yaml:2:9: error: events[0].date: '2025-13-03' has month 13" in output, output
        assert "Traceback" not in output
        assert "still serving the last good version" in output
        _until(lambda: count("Reloading browsers", mark), "the rebuild with the last good pages")
        assert "Ministers met" in _fetch(url + "timeline/")  # the last good site is still served
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        reader.join(timeout=5)
        proc.stdout.close()
