"""Side by side: the full build against plain builds of the same generated Markdown (issue 23).

`write_plain` writes what the briefing plugin handed MkDocs in a full build (every generated page,
every generated file, the hand-written docs, the navigation it computed and the Markdown extensions
and assets it added) as a plain MkDocs project without the plugin. `mkdocs_build` builds that
project in this process, the way bench/run.py times the full build; `Zensical` builds it again
with Zensical (https://zensical.org), which reads mkdocs.yml but runs no MkDocs plugin, in its
own venv (bench/.venv-zensical, made on first use) and as a subprocess, cold and then warm.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ZENSICAL_VENV = HERE / ".venv-zensical"
ZENSICAL_CONFIG = "mkdocs.zensical.yml"
"""Zensical's copy of the plain config, beside it: its own site_dir, and any change it needs."""
ZENSICAL_SITE = "site-zensical"


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (not_in_nav) as YAML block scalars, one path a line."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _dump(config: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _nav_paths(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav
    return set().union(*(_nav_paths(item) for item in items)) if items else set()


def write_plain(project: Path, config: Any, site: Any, theme: Path, dest: Path) -> dict[str, Any]:
    """Write a plain MkDocs project into `dest` from a finished full build; return its config.

    `config` is the full build's MkDocsConfig (after the plugin's on_config: its nav, extensions and
    assets), `site` the plugin's Site, `theme` the plugin's theme folder (its overrides, copied).
    """
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(Path(config.docs_dir), docs)  # the hand-written pages
    for path, markdown in site.pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for path, data in site.files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    shutil.copytree(theme, dest / "overrides")

    raw = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    raw.pop("docs_dir", None)
    raw.pop("site_dir", None)
    raw["plugins"] = [p for p in raw.get("plugins", []) if _plugin_name(p) != "briefing"]
    theme_config = raw["theme"] if isinstance(raw.get("theme"), dict) else {"name": raw.get("theme")}
    raw["theme"] = {**theme_config, "custom_dir": "overrides"}
    # The extensions the plugin added (MkDocs' own built-ins left out, as in the original file).
    builtins = set(type(config).markdown_extensions.builtins)
    named = {e if isinstance(e, str) else next(iter(e)) for e in raw.get("markdown_extensions", [])}
    added = [e for e in config.markdown_extensions if e not in named and e not in builtins]
    raw["markdown_extensions"] = [*raw.get("markdown_extensions", []),
                                  *({e: config.mdx_configs[e]} if config.mdx_configs.get(e) else e for e in added)]
    raw["extra_css"] = [str(s) for s in config.extra_css]
    raw["extra_javascript"] = [str(s) for s in config.extra_javascript]
    raw["nav"] = config.nav
    # The plugin adds pages left out of a long nav as "not in nav"; say the same of them here.
    listed = _nav_paths(config.nav)
    unlisted = sorted(p for p in site.pages if p not in listed)
    if unlisted:
        raw["not_in_nav"] = "".join(f"/{p}\n" for p in unlisted)
    _dump(raw, dest / "mkdocs.yml")
    return raw


def html_count(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html")) if site_dir.is_dir() else 0


def mkdocs_build(dest: Path) -> tuple[float, float, int]:
    """A plain `mkdocs build` of `dest`, in this process; (seconds, CPU seconds, HTML pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(dest / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    t0, c0 = time.perf_counter(), time.process_time()
    build(config)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return seconds, cpu, html_count(Path(config.site_dir))


@dataclass
class ZensicalRun:
    seconds: float
    """Wall time of the whole subprocess: Python's start and Zensical's imports included."""
    cpu: float
    """CPU time of the process and its threads (more than `seconds` when it works on both cores)."""
    html: int
    error: str
    """'' when the build succeeded, else the last line it printed."""
    own: float | None
    """The time Zensical itself reports ("Build finished in 3.08s"), if it does."""
    search: int
    """Size of its search index (search.json), 0 if none."""


class Zensical:
    """Zensical in its own venv: 0.1.x if one installs here, else the newest that does."""

    WANTED = "zensical==0.1.*"
    FALLBACK = "zensical"

    def __init__(self, venv: Path = ZENSICAL_VENV):
        self.venv = venv
        self.exe = venv / "bin" / "zensical"
        self.version: str | None = None
        self.note = ""
        """How it was installed, or why it could not be."""

    def _version(self) -> str | None:
        try:
            out = subprocess.run([str(self.exe), "--version"], check=False, capture_output=True, text=True,
                                 timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout.strip() or None if out.returncode == 0 else None

    def ensure(self) -> bool:
        """Install Zensical on first use; False (and `note` says why) when it cannot be had."""
        self.version = self._version()
        if self.version:
            self.note = f"already in {self._shown(self.venv)}"
            return True
        python = self.venv / "bin" / "python"
        if not python.exists():
            made = subprocess.run([sys.executable, "-m", "venv", "--clear", str(self.venv)], check=False,
                                  capture_output=True, text=True)
            if made.returncode:
                self.note = f"could not make its venv: {_last_line(made.stderr)}"
                return False
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
        tried = []
        for spec in (self.WANTED, self.FALLBACK):
            try:
                done = subprocess.run([*pip, spec], check=False, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True, timeout=600)
            except subprocess.TimeoutExpired:
                tried.append(f"'{spec}': pip timed out")
                continue
            if done.returncode == 0:
                self.version = self._version()
                if self.version:
                    self.note = f"installed now into {self._shown(self.venv)}: pip install '{spec}'"
                    self.note += "" if not tried else f" (first {'; '.join(tried)})"
                    return True
            tried.append(f"'{spec}' failed: {_pip_reason(done.stdout)}")
        self.note = "could not be installed (" + "; ".join(tried) + ")"
        return False

    @staticmethod
    def _shown(path: Path) -> str:
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)

    def build(self, dest: Path, *, clean: bool) -> ZensicalRun:
        """`zensical build` of dest's Zensical config, as a subprocess.

        `clean`: a cold build, its cache and output removed first (and --clean); else a warm one.
        """
        site_dir = dest / ZENSICAL_SITE
        if clean:
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.rmtree(dest / ".cache", ignore_errors=True)
        command = [str(self.exe), "build", "-f", ZENSICAL_CONFIG, *(["--clean"] if clean else [])]
        env = {**os.environ, "NO_COLOR": "1"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(command, check=False, cwd=dest, capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        (dest / ("zensical-cold.log" if clean else "zensical-warm.log")).write_text(
            done.stdout + done.stderr, encoding="utf-8")  # kept with --keep
        output = done.stdout + done.stderr
        error = "" if done.returncode == 0 else _last_line(output) or f"exit {done.returncode}"
        reported = re.search(r"Build finished in ([\d.]+)\s*(m?s)\b", output)
        own = float(reported[1]) / (1000 if reported[2] == "ms" else 1) if reported else None
        index = next((p for p in (site_dir / "search.json", site_dir / "search" / "search_index.json")
                      if p.exists()), None)
        return ZensicalRun(seconds, cpu, html_count(site_dir), error, own, index.stat().st_size if index else 0)


def write_zensical_config(dest: Path, plain: dict[str, Any], changes: list[tuple[str, Any]]) -> None:
    """Zensical's copy of the plain config: its own site_dir, with `changes` applied ((description, edit))."""
    config = {**plain, "site_dir": ZENSICAL_SITE}
    for _, edit in changes:
        edit(config)
    _dump(config, dest / ZENSICAL_CONFIG)


def _pip_reason(output: str) -> str:
    """What pip said was wrong: a distribution not found, or its first error and the dependency it
    could not meet ("zensical 0.1.4 depends on zensical-ui==0.0.44")."""
    lines = [line.strip() for line in output.splitlines()]
    errors = [line.removeprefix("ERROR: ") for line in lines if line.startswith("ERROR:")]
    for line in errors:
        if "No matching distribution" in line or "Could not find a version" in line:
            return line[:300]
    depends = next((line for line in lines if " depends on " in line), "")
    reason = errors[0] if errors else _last_line(output)
    return (reason + (f" ({depends})" if depends else ""))[:400]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
