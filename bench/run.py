"""Benchmark: build synthetic briefings at several scales and print where the time goes.

For each scale: the synthetic project is written (timed, not counted as build), then the
generator's stages are timed one by one (briefing.load on every facts file,
briefing.validate.load_graph, briefing.site.build_site), then the whole MkDocs build
(which runs the generator once more inside the plugin, with its cache cleared).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generate import generate

from briefing.load import load_file
from briefing.problems import Problems
from briefing.site import build_site
from briefing.validate import load_graph


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def bench(scale: float, work: Path) -> dict:
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

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    instance = config.plugins["briefing"]
    instance.on_startup(command="build", dirty=False)  # a fresh builder: nothing reused from before
    t0 = time.perf_counter()
    build(config)
    t_mkdocs = time.perf_counter() - t0
    t_plugin = instance.builder.seconds  # every handler of the plugin: the site, exports, search folding

    site = project / "site"
    html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    biggest, biggest_path = max(html)
    counts = graph.counts()
    records = sum(n for label, n in counts.items() if label not in ("claims", "quotes"))
    generator = t_graph + t_render  # load_graph includes the load stage
    return {
        "scale": scale, "records": records, "claims": counts["claims"], "quotes": counts["quotes"],
        "pages": len(pages), "html": len(html), "t_write": t_gen, "t_load": t_load,
        "t_validate": t_graph - t_load, "t_render": t_render, "t_mkdocs": t_mkdocs,
        "share": generator / t_mkdocs, "t_plugin": t_plugin, "plugin_share": t_plugin / t_mkdocs, "per_record_ms": 1000 * generator / records,
        "site": _size(site), "biggest": biggest, "biggest_path": biggest_path.relative_to(site).as_posix(),
        "search": (site / "search" / "search_index.json").stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build at several scales.")
    parser.add_argument("scales", nargs="*", type=float, default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="write the synthetic projects here (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = args.keep or Path(tmp)
        results = []
        for scale in args.scales:
            r = bench(scale, work)
            results.append(r)
            print(
                f"{r['scale']:g}x: {r['records']:,} records ({r['claims']:,} claims, {r['quotes']:,} quotes), "
                f"{r['pages']:,} generated pages ({r['html']:,} HTML)\n"
                f"  synthetic facts written in {r['t_write']:.2f} s (not part of the build)\n"
                f"  load {r['t_load']:.2f} s, validate {r['t_validate']:.2f} s (quotes included), "
                f"render {r['t_render']:.2f} s = {1000 * (r['t_load'] + r['t_validate'] + r['t_render']):,.0f} ms, "
                f"{r['per_record_ms']:.2f} ms per record\n"
                f"  MkDocs build {r['t_mkdocs']:.1f} s (generator included); generator's share {r['share']:.1%}; "
                f"all of the plugin's work inside the build (print page, charts, exports, search folding too) "
                f"{r['t_plugin']:.1f} s = {r['plugin_share']:.1%}\n"
                f"  site/ {_kb(r['site'])}, largest page {_kb(r['biggest'])} ({r['biggest_path']}), "
                f"search index {_kb(r['search'])}",
                flush=True,
            )
        last = results[-1]
        print(f"summary: generator's share of the whole build at {last['scale']:g}x is {last['share']:.1%} "
              f"({last['t_load'] + last['t_validate'] + last['t_render']:.1f} s of {last['t_mkdocs']:.1f} s; "
              f"the plugin's whole work {last['plugin_share']:.1%}); "
              f"per record {results[0]['per_record_ms']:.2f} ms at {results[0]['scale']:g}x, "
              f"{last['per_record_ms']:.2f} ms at {last['scale']:g}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
