"""Build benchmark (not a test): Letopis against the floor (plain MkDocs + Material, posts out of
the nav) and the peer (Material's blog plugin) on the same synthetic posts.

    .venv/bin/python benchmarks/run.py                    # 1,000 and 4,000 posts
    .venv/bin/python benchmarks/run.py --sizes 10000      # Letopis and the floor only
    .venv/bin/python benchmarks/run.py --sizes 1000 --repeats 5

Builds of one size run interleaved (a b c a b c …) so that the machine's drift affects all
alike; the table shows the median wall time of each. The table is printed and written to
benchmarks/RESULTS.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from corpus import write_configs, write_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUILDS = {"letopis": "(a) Letopis", "floor": "(b) floor: MkDocs + Material",
          "blog": "(c) Material blog plugin"}
# The blog plugin grows quadratically: past this size it would take hours.
BLOG_LIMIT = 4000
# Runs `mkdocs build` in this process and reports its own and its children's peak memory
# (Pagefind runs as a child process).
MEASURE = """
import json, resource, sys
from mkdocs.__main__ import cli
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"peak_kb": peak}), file=sys.stderr)
"""


def build(config: Path, site: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `mkdocs build`."""
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, "build", "-q", "-f", str(config),
                           "-d", str(site)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{config.name} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    peak = json.loads(done.stderr.strip().splitlines()[-1])["peak_kb"] / 1024
    return seconds, peak


def measure(size: int, repeats: int, folder: Path, with_blog: bool) -> dict[str, dict]:
    docs = folder / f"docs-{size}"
    write_corpus(docs, size)
    configs = write_configs(folder, docs, REPO / "theme")
    names = [n for n in BUILDS if n != "blog" or with_blog]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_ in range(repeats):
        for name in names:
            if name == "blog" and round_ > 0 and size > 1000:
                continue  # minutes per run: one is enough to show the gap
            seconds, peak = build(configs[name], folder / f"site-{name}")
            runs[name].append((seconds, peak))
            print(f"  {size} posts, {name}: {seconds:.1f} s, {peak:.0f} MB", file=sys.stderr)
    return {name: {"seconds": statistics.median(s for s, _ in results),
                   "peak": max(p for _, p in results), "runs": len(results)}
            for name, results in runs.items()}


def table(results: dict[int, dict[str, dict]]) -> str:
    lines = ["| posts | build | median wall (s) | ms per post | peak RSS (MB) | runs |",
             "|---:|---|---:|---:|---:|---:|"]
    ratios = ["", "| posts | a / b (target ≤ 1.15) | c / a (target ≥ 10) |", "|---:|---:|---:|"]
    for size, builds in results.items():
        for name, result in builds.items():
            lines.append(f"| {size:,} | {BUILDS[name]} | {result['seconds']:.1f} | "
                         f"{result['seconds'] / size * 1000:.2f} | {result['peak']:.0f} | "
                         f"{result['runs']} |")
        a, b, c = (builds.get(n, {}).get("seconds") for n in ("letopis", "floor", "blog"))
        ratios.append(f"| {size:,} | {a / b:.2f} | {f'{c / a:.1f}' if c else '—'} |")
    return "\n".join(lines + ratios)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    versions = subprocess.run([sys.executable, "-m", "pip", "list", "--format=freeze"],
                              capture_output=True, text=True).stdout
    wanted = [line for line in versions.splitlines()
              if line.split("==")[0].lower() in {"mkdocs", "mkdocs-material", "pagefind"}]
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"{memory:,} MB RAM; Python {platform.python_version()}; {', '.join(wanted)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Letopis build benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-blog", action="store_true",
                        help="leave out Material's blog plugin (minutes per build at 4,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="letopis-bench-") as folder:
        results = {size: measure(size, args.repeats, Path(folder),
                                 not args.no_blog and size <= BLOG_LIMIT)
                   for size in args.sizes}
    report = (f"# Build benchmark\n\nMeasured {date.today().isoformat()} by `make bench` "
              f"(benchmarks/run.py) on: {machine()}.\n\nThe corpus: benchmarks/corpus.py "
              "(Cyrillic posts of ~350 words with headings and lists, 2–4 tags, 1–3 "
              "categories, an author, 2006–2018 with several posts on some days, a journal of "
              "8 issues). (b) is Material as it comes, its search plugin included; (a) uses "
              "Pagefind instead. Median of the runs shown; the blog plugin runs once past "
              "1,000 posts.\n\n" + table(results) + "\n")
    args.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
