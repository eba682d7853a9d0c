"""The real site in a real browser: built once, served under a sub-path as GitHub Pages does.

Debian's chromium is driven by Playwright (never `playwright install`); every request that would
leave 127.0.0.1 is recorded and aborted, and so is every console error, so a test can assert none.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RESULTS = ROOT / "test-results"


def _site_path() -> str:
    """The sub-path GitHub Pages serves the site under, from site_url (the one place it is set)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    assert site_url is not None, "mkdocs.yml sets no site_url"
    return urlsplit(site_url.group(1)).path.rstrip("/") + "/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("browser") / "project"
    project.mkdir()
    for name in ("facts", "seeds", "docs"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                            capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return project / "site"


@contextmanager
def serving(folder: Path, path: str) -> Iterator[str]:
    """http://127.0.0.1:PORT/<path> with `folder` served by Python's static server, stopped on leaving."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{path.lstrip('/')}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"the static server did not start on {url}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(built_site: Path, tmp_path_factory) -> Iterator[str]:
    """http://127.0.0.1:PORT/<repo>/ serving the built site; a parent folder holds it under the repo name."""
    sub = _site_path()
    served = tmp_path_factory.mktemp("served")
    link = served / sub.strip("/")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(built_site, target_is_directory=True)
    with serving(served, sub) as url:
        yield url


def chromium_path(environ=os.environ, debian: Path = DEBIAN_CHROMIUM) -> Path | None:
    """The browser to drive: $CHROMIUM if set, else Debian's chromium, else None for the one
    `playwright install chromium` put in Playwright's cache (the GitHub workflow does that; never here)."""
    if environ.get("CHROMIUM"):
        return Path(environ["CHROMIUM"])
    return debian if debian.exists() else None


GET_A_BROWSER = ("install Debian's chromium (apt-get install chromium), set CHROMIUM to a Chromium binary, or run "
                 "`.venv/bin/python -m playwright install chromium`")


def missing_browser(chromium: Path | None, bundled: Path) -> str | None:
    """Why there is no browser to drive, in one line with what to do; None when there is one to try."""
    if chromium is not None and not chromium.exists():
        return f"no browser for the browser tests: CHROMIUM={chromium} does not exist; {GET_A_BROWSER}"
    if chromium is None and not bundled.exists():
        return f"no browser for the browser tests: {DEBIAN_CHROMIUM} is not there, nor Playwright's; {GET_A_BROWSER}"
    return None


@pytest.fixture(scope="session")
def browser():
    # Without a browser every browser test fails, each with the one line saying what to install: a failure, not a
    # skip (the browser tests stand for features), and not Playwright's launch log.
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.fail("no Playwright for the browser tests: run `make setup-test` (requirements-test.txt pins it)",
                    pytrace=False)
    chromium = chromium_path()
    with sync_playwright() as pw:
        problem = missing_browser(chromium, Path(pw.chromium.executable_path))
        if problem:
            pytest.fail(problem, pytrace=False)
        try:
            b = pw.chromium.launch(executable_path=str(chromium) if chromium else None, args=CHROMIUM_ARGS)
        except Error as exc:
            problem = str(exc).splitlines()[0].removeprefix("BrowserType.launch: ")
        if problem:  # failed outside the except block: Playwright's launch log stays out of the report
            pytest.fail(f"the browser for the browser tests, {chromium or 'Playwright’s chromium'}, does not start "
                        f"({problem}); {GET_A_BROWSER}", pytrace=False)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did that a reader would suffer from: errors, failed or outside requests."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console/page error: {e}" for e in self.errors] + [f"outside request: {u}" for u in self.outside]
                + [f"failed request: {u}" for u in self.failed])


def open_context(browser, **options):
    """A browser context that aborts and records any request not to 127.0.0.1."""
    context = browser.new_context(**options)
    watch = Watch()

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)

    def on_page(page):
        page.on("console", lambda m: watch.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.errors.append(f"{page.url}: {e}"))
        # ERR_ABORTED is a request the next navigation cancelled (the search worker, mostly), not a failure.
        page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                else watch.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: watch.failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)

    context.on("page", on_page)
    return context, watch


@pytest.fixture
def context(browser):
    ctx, watch = open_context(browser)
    ctx.watch = watch
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS
