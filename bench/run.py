"""Benchmark: build synthetic briefings at several scales and print where the time goes.

For each scale: the synthetic project is written (timed, not counted as build), then the
generator's stages are timed one by one (briefing.load on every facts file,
briefing.validate.load_graph, briefing.site.build_site for each edition), then the whole MkDocs build
(which runs the generator once more inside the plugin, with its cache cleared), of both editions (the
synthetic briefing has every text in English and Spanish), and of the same briefing in English only (its
generator timed alone too). The generator's share is of the build it is part of: one edition's generator
over the one-edition build, both editions' over the two-edition build.

Then the command an editor runs, `build.py build` (make site's; Python's start and the facts' check included), is
timed with the wall clock and the CPU time of its processes: both editions with the Spanish one built apart, in a
process of its own beside the first (briefing/apart.py), and in one process, and the one-language briefing.

Then, side by side (bench/sidebyside.py): what the plugin handed MkDocs is written to disk as a plain
MkDocs project without the plugin (same Markdown, files, theme, extensions, search settings and nav)
and built in this process, timed like the full build; the full build's time over it is the plugin's
overhead inside MkDocs. Zensical, which reads mkdocs.yml but runs no MkDocs plugin, builds the same
project as a subprocess from its own venv (bench/.venv-zensical, made on first use), cold and warm.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generate import ROOT, generate
from sidebyside import ZENSICAL_CONFIG, Zensical, ZensicalRun, mkdocs_build, write_plain, write_zensical_config

from briefing.facts.load import load_file
from briefing.facts.problems import Problems
from briefing.facts.validate import load_graph
from briefing.plugin import BriefingPlugin
from briefing.site import THEME, build_site


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


ZENSICAL_CHANGES: list[tuple[str, Any]] = []
"""Changes to Zensical's copy of the config that it needs to build the project, as (what, edit), printed
each run: none needed by Zensical 0.0.73 (it takes the theme overrides, the extensions and not_in_nav)."""


def bench(scale: float, work: Path, zensical: Zensical | None) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = work / f"x{scale:g}"
    t0 = time.perf_counter()
    generate(project, scale)
    t_gen = time.perf_counter() - t0

    def load_all() -> Problems:
        problems = Problems()
        for path in sorted((project / "facts").glob("*.yaml")):
            load_file(path, path.name, problems)
        return problems

    load_all()  # warm-up: the first read of fresh files would be charged to loading alone
    t0 = time.perf_counter()
    problems = load_all()
    t_load = time.perf_counter() - t0
    assert not problems, problems.report()

    t0 = time.perf_counter()
    graph = load_graph(project / "facts", project / "seeds", display_root=project)
    t_graph = time.perf_counter() - t0
    t0 = time.perf_counter()
    pages = build_site(graph).pages  # every page and export, without MkDocs
    t_render = time.perf_counter() - t0
    t0 = time.perf_counter()
    build_site(graph, language=graph.briefing.languages[1])  # the second edition's pages, from the same graph
    t_render_second = time.perf_counter() - t0

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    instance = config.plugins["briefing"]
    assert isinstance(instance, BriefingPlugin), type(instance)
    instance.on_startup(command="build", dirty=False)  # a fresh builder: nothing reused from before
    t0, c0 = time.perf_counter(), time.process_time()
    build(config)
    t_mkdocs, c_mkdocs = time.perf_counter() - t0, time.process_time() - c0
    assert instance.builder is not None  # on_startup made it
    t_plugin = instance.builder.seconds  # every handler of the plugin: the site, exports, search folding

    site = project / "site"
    html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    biggest, biggest_path = max(html)
    t_one, c_one, g_one = one_edition(scale, work)
    commands = command_builds(project, work / f"x{scale:g}-one-language")
    side = side_by_side(project, config, instance.site, zensical)
    counts = graph.counts()
    records = sum(n for label, n in counts.items() if label not in ("claims", "quotes"))
    generator = t_graph + t_render + t_render_second  # load_graph includes the load stage; both editions
    return {
        "scale": scale, "records": records, "claims": counts["claims"], "quotes": counts["quotes"],
        "pages": len(pages), "html": len(html), "t_write": t_gen, "t_load": t_load,
        "t_validate": t_graph - t_load, "t_render": t_render, "t_mkdocs": t_mkdocs,
        "t_render_second": t_render_second, "share": generator / t_mkdocs, "g_one": g_one, "share_one": g_one / t_one,
        "t_plugin": t_plugin, "plugin_share": t_plugin / t_mkdocs,
        "per_record_ms": 1000 * g_one / records, "per_record_two_ms": 1000 * generator / records,
        "site": _size(site), "biggest": biggest, "biggest_path": biggest_path.relative_to(site).as_posix(),
        "search": (site / "search" / "search_index.json").stat().st_size,
        "t_one": t_one, "editions_ratio": t_mkdocs / t_one, "c_mkdocs": c_mkdocs,
        **side, **commands, "plain_ratio": t_one / side["t_plain"], "c_one": c_one,
        "plain_cpu_ratio": c_one / side["c_plain"],
    }


def one_edition(scale: float, work: Path) -> tuple[float, float, float]:
    """Seconds (wall, CPU) to build the same synthetic briefing with its first language only (no translations,
    one edition): the two-edition build over it is what the second language costs; and the seconds its
    generator takes alone (load_graph and build_site, as for the two editions)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = work / f"x{scale:g}-one-language"
    generate(project, scale, languages=("en",))
    t0 = time.perf_counter()
    build_site(load_graph(project / "facts", project / "seeds", display_root=project))
    generator = time.perf_counter() - t0
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    config.plugins["briefing"].on_startup(command="build", dirty=False)
    t0, c0 = time.perf_counter(), time.process_time()
    build(config)
    return time.perf_counter() - t0, time.process_time() - c0, generator


def command_builds(project: Path, one_language: Path) -> dict[str, Any]:
    """What an editor waits for: `build.py build` (make site's command, Python's start included) of both editions,
    with the Spanish one built apart (briefing/apart.py) and in one process, and of the one-language briefing;
    wall and CPU seconds, the processes it starts included."""
    out: dict[str, Any] = {}
    for key, folder, apart in (("cmd_apart", project, "always"), ("cmd_one_process", project, "never"),
                               ("cmd_one_language", one_language, "never")):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(folder), "build", "--apart", apart],
                       check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out[key] = (time.perf_counter() - t0, cpu)
    return out


def side_by_side(project: Path, config: Any, site: Any, zensical: Zensical | None) -> dict[str, Any]:
    """The same generated Markdown built by plain MkDocs (no plugin) and by Zensical."""
    plain = project / "plain"
    t0 = time.perf_counter()
    plain_config = write_plain(project, config, site, THEME, plain)
    out: dict[str, Any] = {"t_write_plain": time.perf_counter() - t0}
    out["t_plain"], out["c_plain"], out["html_plain"] = mkdocs_build(plain)
    out["search_plain"] = (plain / "site" / "search" / "search_index.json").stat().st_size
    out["zensical"] = None
    if zensical is not None:
        write_zensical_config(plain, plain_config, ZENSICAL_CHANGES)
        cold = zensical.build(plain, clean=True)
        warm = zensical.build(plain, clean=False) if not cold.error else None
        out["zensical"] = {"cold": cold, "warm": warm}
    return out


def zensical_lines(r: dict[str, Any], version: str) -> str:
    z = r["zensical"]
    if z is None:
        return ""
    cold, warm = z["cold"], z["warm"]
    if cold.error:
        return f"\n  Zensical: the cold build failed ({cold.html:,} HTML written): {cold.error}"

    def timed(run: ZensicalRun) -> str:
        own = f"; {run.own:.2f} s by its own count" if run.own is not None else ""
        return (f"{run.seconds:.2f} s = {run.seconds / r['t_plain']:.2f}x "
                f"(CPU {run.cpu:.1f} s = {run.cpu / r['c_plain']:.2f}x{own})")

    return (f"\n  Zensical {version} on the same Markdown (subprocess, {ZENSICAL_CONFIG}), against the plain MkDocs "
            f"build: cold {timed(cold)}, " + (f"warm failed: {warm.error}" if warm.error else f"warm {timed(warm)}")
            + f"; {cold.html:,} HTML, search index {_kb(cold.search)}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build at several scales.")
    parser.add_argument("scales", nargs="*", type=float, default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="write the synthetic projects here (default: a temp folder)")
    parser.add_argument("--no-zensical", action="store_true",
                        help="leave Zensical out (no install, no build); plain MkDocs is still measured")
    args = parser.parse_args()
    zensical: Zensical | None = None
    if args.no_zensical:
        print("Zensical: left out (--no-zensical)", flush=True)
    else:
        zensical = Zensical()
        if zensical.ensure():
            changes = "; ".join(what for what, _ in ZENSICAL_CHANGES) or "none"
            print(f"Zensical {zensical.version}: {zensical.note}; changes to its copy of mkdocs.yml besides "
                  f"its own site_dir: {changes}", flush=True)
        else:
            print(f"Zensical: not measured, it {zensical.note}", flush=True)
            zensical = None
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = args.keep or Path(tmp)
        results = []
        for scale in args.scales:
            r = bench(scale, work, zensical)
            results.append(r)
            print(
                f"{r['scale']:g}x: {r['records']:,} records ({r['claims']:,} claims, {r['quotes']:,} quotes), "
                f"{r['pages']:,} generated pages ({r['html']:,} HTML)\n"
                f"  synthetic facts written in {r['t_write']:.2f} s (not part of the build)\n"
                f"  generator, two editions: load {r['t_load']:.2f} s, validate {r['t_validate']:.2f} s (quotes and "
                f"translations included), render {r['t_render']:.2f} s + {r['t_render_second']:.2f} s (second edition) "
                f"= {1000 * r['per_record_two_ms'] * r['records'] / 1000:,.0f} ms, {r['per_record_two_ms']:.2f} ms per "
                f"record; one language, one edition: {1000 * r['g_one']:,.0f} ms, {r['per_record_ms']:.2f} ms per "
                f"record\n"
                f"  MkDocs build {r['t_mkdocs']:.1f} s (CPU {r['c_mkdocs']:.1f} s), both editions (en, es; generator "
                f"included); the same briefing "
                f"with one language, one edition: {r['t_one']:.1f} s, so two editions cost {r['editions_ratio']:.2f}x "
                f"one\n"
                f"  build.py build (make site's command, Python's start included), both editions: "
                f"{_timed(r['cmd_apart'])} with the Spanish one apart, {_timed(r['cmd_one_process'])} in one process; "
                f"one language: {_timed(r['cmd_one_language'])}; two editions over one: "
                f"{r['cmd_apart'][0] / r['cmd_one_language'][0]:.2f}x apart "
                f"(CPU {r['cmd_apart'][1] / r['cmd_one_language'][1]:.2f}x), "
                f"{r['cmd_one_process'][0] / r['cmd_one_language'][0]:.2f}x in one process "
                f"(CPU {r['cmd_one_process'][1] / r['cmd_one_language'][1]:.2f}x)\n"
                f"  generator's share of the build: one edition {r['share_one']:.1%}, two editions {r['share']:.1%}; "
                f"all of the plugin's work inside the build (print page, charts, exports, search folding too) "
                f"{r['t_plugin']:.1f} s = {r['plugin_share']:.1%}\n"
                f"  site/ {_kb(r['site'])}, largest page {_kb(r['biggest'])} ({r['biggest_path']}), "
                f"search index {_kb(r['search'])}\n"
                f"  plain MkDocs build of the same Markdown (written to disk in {r['t_write_plain']:.2f} s, "
                f"no plugin, in this process like the full build): {r['t_plain']:.2f} s (CPU {r['c_plain']:.1f} s), "
                f"{r['html_plain']:,} HTML, search index {_kb(r['search_plain'])} (citations left in); "
                f"full build of one edition / plain = {r['plain_ratio']:.2f}x "
                f"(CPU {r['c_one']:.1f} s / {r['c_plain']:.1f} s "
                f"= {r['plain_cpu_ratio']:.2f}x)" + zensical_lines(r, (zensical.version or '') if zensical else ''),
                flush=True,
            )
        last = results[-1]
        print(f"summary: generator's share of the build at {last['scale']:g}x: one edition {last['share_one']:.1%} "
              f"({last['g_one']:.1f} s of {last['t_one']:.1f} s), two editions {last['share']:.1%}; "
              f"the plugin's whole work {last['plugin_share']:.1%}; "
              f"generator per record (one edition) {results[0]['per_record_ms']:.2f} ms at {results[0]['scale']:g}x, "
              f"{last['per_record_ms']:.2f} ms at {last['scale']:g}x "
              f"(two editions {last['per_record_two_ms']:.2f} ms); "
              f"two editions over one: "
              + ", ".join(f"{r['editions_ratio']:.2f}x at {r['scale']:g}x" for r in results)
              + "; with build.py build, the Spanish edition apart: "
              + ", ".join(f"{r['cmd_apart'][0] / r['cmd_one_language'][0]:.2f}x at {r['scale']:g}x "
                          f"(CPU {r['cmd_apart'][1] / r['cmd_one_language'][1]:.2f}x)" for r in results))
        print("summary, side by side (time / plain MkDocs build of the same Markdown): "
              + "; ".join(f"{r['scale']:g}x full (one edition) {r['plain_ratio']:.2f}x "
                          f"(CPU {r['plain_cpu_ratio']:.2f}x)"
                          + _zensical_ratios(r) for r in results)
              + "; figures from one run, indicative only")
    return 0


def _timed(wall_cpu: tuple[float, float]) -> str:
    return f"{wall_cpu[0]:.1f} s (CPU {wall_cpu[1]:.1f} s)"


def _zensical_ratios(r: dict[str, Any]) -> str:
    z = r["zensical"]
    if z is None:
        return ""
    if z["cold"].error:
        return ", Zensical failed"

    def ratio(run: ZensicalRun) -> str:
        return "failed" if run.error else f"{run.seconds / r['t_plain']:.2f}x (CPU {run.cpu / r['c_plain']:.2f}x)"

    return f", Zensical cold {ratio(z['cold'])}, warm {ratio(z['warm'])}"


if __name__ == "__main__":
    sys.exit(main())
