"""Benchmark: what a reader downloads, the home page's first visit and each search, at several scales.

For the real briefing and each synthetic scale (bench/generate.py), the site is built (`build.py build`,
or taken from --keep when built there before), served from 127.0.0.1 and read in Chromium:

- the home page's first visit, in a fresh browser: every response gzipped (as GitHub Pages serves text),
  and whether any of it belongs to search (nothing should, publish/shards.py);
- each query, typed at once in a fresh browser (so the first one also brings the manifest and Material's
  search worker): every file searching downloaded (manifest, term shards, pages, Material's worker, lunr's
  language scripts), raw and gzipped; the largest is printed with the query that made it;
- the longest query typed a letter at a time, waiting for the results after each letter: all it
  downloaded, the worst case of a slow typist.

Needs Playwright and Chromium (`make setup-test`; $CHROMIUM, Debian's chromium or Playwright's):
`make bench-search`, or `.venv/bin/python bench/search.py 1 10 100 --keep /tmp/bench-sites`.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ROOT, generate

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REAL_QUERIES = ["Caracas article 12", "Chavez", "persona non grata", "salvoconducto", "Lopez Obrador", "a", "de"]


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def build(project: Path) -> float:
    """Build the project's site with the command line; the seconds it took."""
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                            capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode:
        raise SystemExit(f"the build of {project} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - t0


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory",
                             str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def is_search(path: str) -> bool:
    """A file searching downloads: the index's files, Material's search worker, lunr's language scripts."""
    return path.startswith("search/") or "/workers/search." in path or "/javascripts/lunr/" in path


class Reader:
    """A fresh browser context on the site, with every response it received (path, bytes, gzipped)."""

    def __init__(self, browser: Any, base: str):
        self.base = base
        self.context = browser.new_context()
        self.responses: list[Any] = []
        self.context.on("response", lambda r: self.responses.append(r) if r.status == 200 else None)
        self.page = self.context.new_page()
        self.sizes: list[tuple[str, int, int]] = []

    def files(self) -> list[tuple[str, int, int]]:
        for r in self.responses[len(self.sizes):]:
            body = r.body()
            self.sizes.append((r.url.removeprefix(self.base).split("?")[0], len(body), len(gzip.compress(body, 9))))
        return self.sizes

    def settle(self, quiet_ms: int = 600, timeout_s: float = 120) -> None:
        """Wait until no response has come for `quiet_ms` and the results list has stopped changing."""
        end = time.monotonic() + timeout_s
        last = (-1, "")
        while time.monotonic() < end:
            now = (len(self.responses), self.page.eval_on_selector(".md-search-result", "e => e.textContent"))
            if now == last:
                return
            last = now
            self.page.wait_for_timeout(quiet_ms)

    def close(self) -> None:
        self.context.close()


def first_visit(browser: Any, base: str) -> dict[str, Any]:
    reader = Reader(browser, base)
    reader.page.goto(base, wait_until="networkidle")
    reader.page.wait_for_timeout(800)
    files = reader.files()
    reader.close()
    return {"gzipped": sum(f[2] for f in files), "requests": len(files),
            "search": [f[0] for f in files if is_search(f[0])]}


def query_downloads(browser: Any, base: str, query: str, slowly: bool = False) -> dict[str, Any]:
    reader = Reader(browser, base)
    reader.page.goto(base, wait_until="networkidle")
    reader.page.keyboard.press("/")
    mark = len(reader.files())
    box = reader.page.locator("input.md-search__input")
    if slowly:
        for letter in query:
            box.press_sequentially(letter)  # a letter off the keyboard is inserted: the next key sends it
            reader.settle()
    else:
        box.press_sequentially(query)
        reader.settle()
    files = [f for f in reader.files()[mark:] if is_search(f[0])]
    shown = reader.page.eval_on_selector_all(".md-search-result__item", "items => items.length")
    reader.close()
    return {"query": query, "bytes": sum(f[1] for f in files), "gzipped": sum(f[2] for f in files),
            "files": len(files), "pages": sum(f[0].startswith("search/pages/") for f in files), "results": shown}


def synthetic_queries(site: Path) -> list[str]:
    """Queries a reader of a synthetic briefing could type: a person's name as a source spelled it, its
    accented form, the commonest word, the two commonest, a rare one, a prefix of two letters and one."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    person = next(d["title"] for d in index["docs"] if d["location"].startswith("people/person-")
                  and "#" not in d["location"])
    words: dict[str, int] = {}
    for doc in index["docs"]:
        for w in set(re.sub(r"<[^>]*>", " ", doc["text"]).lower().split()):
            if w.isalpha() and len(w) > 3:
                words[w] = words.get(w, 0) + 1
    common = sorted(words, key=lambda w: (-words[w], w))
    rare = next(w for w in sorted(words) if words[w] == 1)
    return [person.split(" Pérez")[0] + " Perez", person, common[0], f"{common[0]} {common[1]}", rare,
            common[0][:2], common[0][:1]]


def measure(browser: Any, name: str, site: Path, queries: list[str], built: float | None) -> dict[str, Any]:
    index = json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))
    with serve(site) as base:
        visit = first_visit(browser, base)
        per_query = [query_downloads(browser, base, q) for q in queries]
        slow = query_downloads(browser, base, max(queries, key=len), slowly=True)
    biggest = max(per_query, key=lambda r: r["bytes"])
    whole = (site / "search" / "search_index.json").stat().st_size
    line = (f"{name}: home page, first visit {_kb(visit['gzipped'])} gzipped in {visit['requests']} requests, "
            f"{len(visit['search'])} of them for search" + (f"; built in {built:.0f} s" if built else "") + "\n"
            f"  index {_kb(whole)} ({_kb(len(gzip.compress((site / 'search' / 'search_index.json').read_bytes(), 9)))}"
            f" gzipped, never downloaded whole) in {len(index['pages'])} page files and {len(index['terms'])} term "
            f"shards; budget {_kb(index['budget'])} of pages per query\n"
            f"  largest download of one query (typed at once; the manifest and Material's worker included): "
            f"{_kb(biggest['bytes'])} ({_kb(biggest['gzipped'])} gzipped) in {biggest['files']} files, for "
            f"{biggest['query']!r}\n"
            "  each: " + "; ".join(f"{r['query']!r} {_kb(r['bytes'])} / {_kb(r['gzipped'])} gz, {r['pages']} pages, "
                                   f"{r['results']} shown" for r in per_query) + "\n"
            f"  typed a letter at a time, waiting for the results after each: {slow['query']!r} downloaded "
            f"{_kb(slow['bytes'])} ({_kb(slow['gzipped'])} gzipped) in {slow['files']} files")
    print(line, flush=True)
    return {"name": name, "visit": visit, "queries": per_query, "slow": slow, "biggest": biggest}


def main() -> int:
    parser = argparse.ArgumentParser(description="What a reader downloads: first visit and each search.")
    parser.add_argument("scales", nargs="*", type=float, default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="build the sites here, and reuse those built there before")
    parser.add_argument("--no-real", action="store_true", help="leave the real briefing out")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-search-") as tmp, sync_playwright() as pw:
        work = args.keep or Path(tmp)
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        results = []
        if not args.no_real:
            project = work / "real"
            built = None
            if not (project / "site" / "search" / "manifest.json").exists():
                shutil.rmtree(project, ignore_errors=True)
                project.mkdir(parents=True)
                for folder in ("facts", "seeds", "docs"):
                    shutil.copytree(ROOT / folder, project / folder)
                shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
                built = build(project)
            results.append(measure(browser, "real briefing", project / "site", REAL_QUERIES, built))
        for scale in args.scales:
            project = work / f"x{scale:g}"
            built = None
            if not (project / "site" / "search" / "manifest.json").exists():
                shutil.rmtree(project, ignore_errors=True)
                generate(project, scale)
                built = build(project)
            site = project / "site"
            results.append(measure(browser, f"{scale:g}x", site, synthetic_queries(site), built))
        browser.close()
    print("summary: " + "; ".join(f"{r['name']} home {_kb(r['visit']['gzipped'])} gzipped, largest query "
                                  f"{_kb(r['biggest']['bytes'])} ({_kb(r['biggest']['gzipped'])} gzipped), "
                                  f"slow typing {_kb(r['slow']['bytes'])}" for r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
