"""`build.py serve` end to end: one edit, one rebuild; a bad edit keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, search

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


@dataclass
class Preview:
    """A running `build.py serve`: its process, its output so far (line by line) and its address."""

    proc: subprocess.Popen[str]
    lines: list[str]
    url: str


@contextmanager
def previewing(project: Path) -> Iterator[Preview]:
    """`build.py serve` for the project on a free port, its output read line by line as it comes; yields once
    it serves (at its address under site_url's path, as GitHub Pages would), and stops it on leaving."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    pipe = proc.stdout
    assert pipe is not None  # stdout=PIPE
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(pipe.readline, "")), daemon=True)
    reader.start()
    try:
        _until(lambda: any("Serving on" in ln for ln in lines) or proc.poll() is not None, "the first build")
        assert proc.poll() is None, "".join(lines)
        yield Preview(proc, lines, search(r"Serving on (http://\S+/)", "".join(lines)).group(1))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        reader.join(timeout=5)
        pipe.close()


def test_one_edit_one_rebuild_and_a_bad_edit_keeps_the_last_good_site(mini: Path):
    with previewing(mini) as preview:
        lines, url = preview.lines, preview.url

        def count(text: str, since: int) -> int:
            return sum(text in line for line in lines[since:])

        assert "Ministers meet" in _fetch(url + "timeline/")

        events = mini / "facts" / "events.yaml"
        good = events.read_text(encoding="utf-8").replace("Ministers meet", "Ministers met")
        mark = len(lines)
        events.write_text(good, encoding="utf-8")
        _until(lambda: "Ministers met" in _fetch(url + "timeline/"), "the edit to be served")
        time.sleep(2.5)  # any second rebuild would start within this (facts are polled every 0.05 s, docs 0.5 s)
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
        served = _fetch(url + "timeline/")
        assert "Ministers met" in served  # the last good site is still served
        # ... with the problems on it, in both editions (serve_errors.py)
        assert 'id="briefing-problems"' in served
        assert "facts/events.yaml:2:9</code> error: events[0].date: &#x27;2025-13-03&#x27; has month 13" in served
        assert "the facts have 1 problem" in served
        assert "los hechos tienen un problema" in _fetch(url + "es/timeline/")

        # back to the good facts: the banner goes
        mark = len(lines)
        events.write_text(good, encoding="utf-8")
        _until(lambda: count("Reloading browsers", mark), "the rebuild with the good facts")
        assert 'id="briefing-problems"' not in _fetch(url + "timeline/")
        assert 'id="briefing-problems"' not in _fetch(url + "es/timeline/")


def test_the_problems_banner_goes_on_html_pages_only_escaped_and_only_while_there_are_problems():
    from briefing.facts.codes import Code
    from briefing.facts.problems import Problems
    from briefing.publish.serve_errors import showing_problems

    page = b"<html><body><p>last good</p></body></html>"

    def app(environ, start_response):
        html = environ["PATH_INFO"].endswith("/")
        start_response("200 OK", [("Content-Type", "text/html" if html else "text/css"),
                                  ("Content-Length", str(len(page)))])
        return [page]

    found = Problems(skipped=["12 quotes, as facts/sources.yaml did not load"])
    found.add("facts/a.yaml", 3, 5, Code.BAD_DATE, "'<b>x</b>' is not a date")
    problems: Problems | None = found
    served = showing_problems(app, lambda: problems, lambda path: "es" if path.startswith("/es/") else "en")

    def get(path: str) -> tuple[dict[str, str], bytes]:
        got: dict[str, str] = {}
        body = b"".join(served({"PATH_INFO": path}, lambda status, headers, exc=None: got.update(headers)))
        return got, body

    headers, body = get("/people/")
    text = body.decode("utf-8")
    assert text.index('id="briefing-problems"') < text.index("</body>") and "<p>last good</p>" in text
    assert "<code>facts/a.yaml:3:5</code> error: &#x27;&lt;b&gt;x&lt;/b&gt;&#x27; is not a date" in text
    assert "<b>" not in text and "the facts have 1 problem." in text
    assert "not checked until the problems above are fixed: 12 quotes, as facts/sources.yaml did not load" in text
    assert int(headers["Content-Length"]) == len(body)
    assert "los hechos tienen un problema" in get("/es/people/")[1].decode("utf-8")
    assert get("/assets/x.css")[1] == page  # not a page: as it is
    problems = None
    assert get("/people/")[1] == page  # a good build: no banner
