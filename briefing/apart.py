"""The other editions built beside the first, in a process of their own (`build.py build`).

Built one after the other, two editions take about twice one edition's time (editions.py). But the
editions share nothing a build writes: each is an ordinary MkDocs build into its own folder (site/es/),
from the same facts. So `build.py build` starts, as it begins, a second Python process (running this
module's build_others), which builds every edition after the first into a scratch folder of its own, while the first
process builds the first edition; when both are done, the other editions' folders move into the new site
(site/es/) before it is swapped in. On two cores or more the second edition costs its own build's time
beside the first, not after it. The second process starts Python and reads and checks the facts again: the
work done, in CPU time, is more than one after the other (9.5 s against 7.8 s on the real briefing). What
it prints (a warning, why it failed) is shown once the first edition is built; when the first edition
fails, the second process is stopped and its output dropped, so bad facts are reported once. A failed
edition fails the whole build, which leaves site/ as it was (cli.cmd_build).

A second process costs its start (about 1.3 s of imports on the machine of README's benchmarks) and a second
reading of the facts: `build.py build --apart auto` (the default) builds apart on two cores or more when the
facts are at least APART_FROM_BYTES, where it was measured to pay (on 2 cores, 6 December 2026: the 19 KB
facts of tests/fixtures/mini built in 3.2 s apart against 1.9 s in one process; the 200 KB of a 1x synthetic
briefing in 4.4 s against 5.1 s; the real briefing's 600 KB in 5.8 s against 7.7 s). `mkdocs build`, `make
serve` and the tests that build in-process build the editions one after the other in one process
(editions.build_others), as `--apart never` does. Both ways give the same bytes (tests/test_reproducible.py).

The second process is `python -m briefing.cli --project DIR build --others-into OUT_DIR` (build_others).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import yaml

import briefing

APART_FROM_BYTES = 100_000
"""The facts' size (their YAML files, in bytes) from which `--apart auto` builds the other editions apart."""


@dataclass
class Apart:
    """The process building the other editions, its scratch folder and what it printed."""

    process: subprocess.Popen[bytes]
    out: Path
    """Where it builds each other edition (<out>/es/)."""
    printed: IO[bytes]
    """Its standard output and error, held until the first edition is built."""

    def finish(self, site_dir: Path) -> bool:
        """Wait for it, show what it printed, move each edition it built into site_dir; whether it succeeded."""
        try:
            ok = self.process.wait() == 0
            self.printed.seek(0)
            sys.stderr.write(self.printed.read().decode("utf-8", errors="replace"))
            sys.stderr.flush()
            if ok:
                for edition in sorted(self.out.iterdir()):
                    edition.rename(site_dir / edition.name)
            return ok
        finally:
            self.discard()

    def stop(self) -> None:
        """The first edition's build failed: stop the others' and drop what they printed."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.discard()

    def discard(self) -> None:
        self.printed.close()
        shutil.rmtree(self.out, ignore_errors=True)


def worth_it(choice: str, facts: Path) -> bool:
    """Whether to build the other editions apart: `choice` is 'always', 'never' or 'auto' (two cores or more,
    and facts of at least APART_FROM_BYTES); never for a briefing in one language."""
    if len(languages(facts)) < 2 or choice == "never":
        return False
    if choice == "always":
        return True
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2 and sum(p.stat().st_size for p in facts.glob("*.yaml")) >= APART_FROM_BYTES


def start(config_file: Path, scratch: Path, verbose: bool) -> Apart:
    """Start building every edition after the first into a new folder under `scratch`."""
    # named as cmd_build's own scratch folders, so a build killed half-way leaves nothing a later one keeps
    out = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-editions-", dir=scratch))
    env = dict(os.environ)
    # the package this process runs, whether installed or run from its folder (build.py beside it)
    package_root = str(Path(briefing.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([package_root, *filter(None, [env.get("PYTHONPATH")])])
    command = [sys.executable, "-m", "briefing.cli", "--project", str(config_file.resolve().parent), "build",
               "--others-into", str(out), *["--verbose"] * verbose]
    printed = tempfile.TemporaryFile()  # noqa: SIM115 (Apart closes it when the build is done)
    process = subprocess.Popen(command, env=env, stdout=printed, stderr=printed)
    return Apart(process, out, printed)


def languages(facts: Path) -> list[str]:
    """The briefing's languages as its facts declare them (model.Briefing.languages), read without checking
    the facts: the first edition's build checks them, and reports what is wrong once."""
    try:
        data = yaml.safe_load((facts / "briefing.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    found = data.get("languages", ["en"]) if isinstance(data, dict) else []
    return [str(code) for code in found] if isinstance(found, list) else []


def build_others(config_file: Path, out: Path) -> tuple[str, Exception] | None:
    """In the second process: build every edition after the first into <out>/<code>/; the language and the
    reason of the first that failed (None: all built). `build.py build --others-into OUT` runs it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from briefing.editions import Editions, edition_config
    from briefing.plugin import BriefingPlugin

    first = load_config(str(config_file), strict=True)
    plugin = first.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin), type(plugin)
    codes = languages(config_file.parent / plugin.config.facts)
    for code in codes[1:]:
        config = edition_config(str(config_file), str(out / code), (first.site_url or "") + f"{code}/", code,
                                strict=True, docs_dir=first.docs_dir, use_directory_urls=first.use_directory_urls)
        config.plugins.on_startup(command="build", dirty=False)
        nested = config.plugins["briefing"]
        assert isinstance(nested, BriefingPlugin), type(nested)
        nested.editions = Editions(codes, building=code)  # this edition only: the first is built beside it
        try:
            build(config)
        except Abort as exc:
            return code, exc
        finally:
            config.plugins.on_shutdown()
    return None
