"""Benchmark of the whole site at scale: `python -m scripts bench --records 1000,10000`.

For each size: write a synthetic data set (scripts/synth.py), time its validation, build our
site on it, build the floor of this stack (stock MkDocs-Material with its search plugin on as
many plain Markdown pages, out of the navigation), and print build time, `ratio: X` (build /
floor), peak memory, site size, average record page size and the bytes a reader downloads
before the first search results. With several sizes, it also prints how time and memory grow
between them (linear growth: the ratios follow the ratio of sizes). On a shared machine whose
speed drifts, `--repeat N` builds the site and the floor N times each, one after the other, and
reports the median time of each and the median of the N build/floor ratios.

Each build runs in its own process; its peak memory comes from os.wait4, which reports that
process (and its own children) only, not the whole benchmark.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..model.collections import COLLECTIONS
from . import synth
from .bench_search import search_download

REPO = Path(__file__).resolve().parents[2]
RECORD_SEGMENTS = [c.url_segment for c in COLLECTIONS.values() if c.url_segment]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    log: str = ""


@dataclass
class Result:
    records: int
    counts: dict[str, int]
    validation_s: float = 0.0
    problems: int = 0
    build: Run | None = None
    floor: Run | None = None
    floor_pages: int = 0
    site_bytes: int = 0
    html_pages: int = 0
    record_page_bytes: dict[str, float] = field(default_factory=dict)
    search_bytes: dict[str, int] = field(default_factory=dict)
    english_search_bytes: dict[str, int] = field(default_factory=dict)  # from the English home page
    # With --repeat: every run, in the order they alternated (build, floor, build, floor...).
    build_runs: list[Run] = field(default_factory=list)
    floor_runs: list[Run] = field(default_factory=list)

    def ratio(self) -> float | None:
        """Build time over floor time: the median of the ratios of runs made one after the other,
        so that a machine whose speed drifts weighs on both sides of each ratio alike."""
        pairs = [build.seconds / floor.seconds for build, floor in zip(self.build_runs, self.floor_runs, strict=False)
                 if build.ok and floor.ok]
        return statistics.median(pairs) if pairs else None


# -- running a build ---------------------------------------------------------------------------

def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run a command; wall time and the peak resident memory of that process tree."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode == 0, output)


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def our_site_available(repo: Path = REPO) -> bool:
    return (repo / "mkdocs.yml").is_file() and (repo / "scripts" / "site" / "plugin.py").is_file()


def build_our_site(data_dir: Path, site_dir: Path, repo: Path = REPO) -> Run:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site_dir)]
    return timed(command, repo, build_env(DATA_DIR=str(data_dir)))


def build_floor(pages: int, work: Path) -> Run:
    """Stock MkDocs-Material, search plugin on, `pages` small pages outside an explicit nav."""
    return build_floor_project(write_floor_project(pages, work))


def write_floor_project(pages: int, work: Path) -> Path:
    project = work / "floor"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    (docs / "p").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Floor\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: fr\n"
        "  font: false\nplugins:\n  - search:\n      lang: fr\nnav:\n  - index.md\n", encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\nPage d’accueil.\n", encoding="utf-8")
    body = ("Une page simple : un titre, un paragraphe et une courte liste, comme une fiche "
            "sans données ni gabarit.\n\n- premier point\n- second point\n")
    for number in range(pages):
        (docs / "p" / f"page-{number}.md").write_text(f"# Page {number}\n\n{body}", encoding="utf-8")
    return project


def build_floor_project(project: Path) -> Run:
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(project / "site")],
                 project, build_env())


def typical(runs: list[Run]) -> Run:
    """One Run standing for several: median time, highest peak memory, failed if any failed."""
    failed = [run for run in runs if not run.ok]
    return Run(statistics.median(run.seconds for run in runs), max(run.peak_mb for run in runs), not failed,
               failed[0].log if failed else runs[-1].log)


# -- measuring a built site ---------------------------------------------------------------------

def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def record_page_sizes(site: Path) -> dict[str, float]:
    sizes = {}
    for segment in RECORD_SEGMENTS:
        pages = list((site / segment).glob("*/index.html"))
        if pages:
            sizes[segment] = sum(p.stat().st_size for p in pages) / len(pages)
    return sizes


def bench_one(records: int, work: Path, seed: int, with_floor: bool, browser: bool, repo: Path,
              repeat: int = 1) -> Result:
    counts = synth.write_dataset(work, records, seed)
    result = Result(records, counts)
    result.validation_s, result.problems = time_validation(work / "data")
    record_pages = sum(n for name, n in counts.items() if COLLECTIONS[name].url_segment)
    result.floor_pages = record_pages
    ours = our_site_available(repo)
    site = work / "site"
    floor_project = None
    for attempt in range(repeat):
        if ours:
            result.build_runs.append(build_our_site(work / "data", site, repo))
            if attempt == 0 and result.build_runs[0].ok:
                result.html_pages = sum(1 for _ in site.rglob("*.html"))
                result.floor_pages = result.html_pages - 2  # its own index.html and 404.html come on top
        if with_floor:
            floor_project = floor_project or write_floor_project(result.floor_pages, work)
            result.floor_runs.append(build_floor_project(floor_project))
    result.build = typical(result.build_runs) if result.build_runs else None
    result.floor = typical(result.floor_runs) if result.floor_runs else None
    if result.build and result.build.ok:
        result.site_bytes = tree_bytes(site)
        result.record_page_bytes = record_page_sizes(site)
        result.search_bytes = search_download(site, browser, "adresse")  # frequent in the synthetic text
        if (site / "en" / "index.html").is_file():  # the English edition's own index
            result.english_search_bytes = search_download(site, browser, "adresse", start="en/")
    elif result.floor:
        result.search_bytes = search_download(work / "floor" / "site", browser, "page")
    return result


def time_validation(data_dir: Path) -> tuple[float, int]:
    from ..validate import load_and_validate  # imported late so that synth-only runs work
    started = time.perf_counter()
    _, problems = load_and_validate(data_dir)
    return time.perf_counter() - started, len(problems)


# -- printing ---------------------------------------------------------------------------------

def mb(value: float) -> str:
    return f"{value / 1e6:.2f} MB"


def report(result: Result) -> list[str]:
    detail = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    lines = [f"== {result.records} records ({detail})",
             f"validation: {result.validation_s:.2f} s ({result.problems} problems)"]
    build, floor = result.build, result.floor
    if build is None:
        lines.append("build: skipped (no mkdocs.yml + scripts/site/plugin.py)")
    elif not build.ok:
        lines.append(f"build: FAILED after {build.seconds:.1f} s; last lines:")
        lines += ["  " + line for line in build.log.strip().splitlines()[-15:]]
    else:
        lines.append(f"build: {build.seconds:.1f} s ({result.html_pages} HTML pages, "
                     f"{1000 * build.seconds / max(result.html_pages, 1):.1f} ms/page){runs(result.build_runs)}")
    if floor is not None:
        state = "" if floor.ok else " FAILED: " + floor.log.strip().splitlines()[-1]
        lines.append(f"floor: {floor.seconds:.1f} s (stock Material + search, {result.floor_pages} plain "
                     f"pages out of the nav, {1000 * floor.seconds / max(result.floor_pages, 1):.1f} ms/page)"
                     f"{runs(result.floor_runs)}{state}")
    ratio = result.ratio()
    if build and build.ok and floor and floor.ok and ratio is not None:
        pairs = [f"{b.seconds / f.seconds:.2f}" for b, f in zip(result.build_runs, result.floor_runs, strict=False)]
        lines.append(f"ratio: {ratio:.2f}" + (f" (median of {len(pairs)}: {', '.join(pairs)})" if len(pairs) > 1 else ""))
    if build and build.ok:
        lines.append(f"peak memory (build): {build.peak_mb:.0f} MB")
    if floor:
        lines.append(f"peak memory (floor): {floor.peak_mb:.0f} MB")
    if result.site_bytes:
        lines.append(f"site size: {mb(result.site_bytes)}")
        pages = result.record_page_bytes
        if pages:
            average = sum(pages.values()) / len(pages)
            lines.append(f"record page average: {average / 1000:.1f} kB ("
                         + ", ".join(f"/{seg}/ {size / 1000:.1f} kB" for seg, size in pages.items()) + ")")
    search = result.search_bytes
    if search:
        whose = "our site" if build and build.ok else "floor site"
        lines.append(f"before first search results ({whose}, {search['how']}): {mb(search['bytes'])} "
                     f"({mb(search['gzip_bytes'])} gzipped, {search['files']} files"
                     f"{', ' + str(search['external']) + ' EXTERNAL' if search['external'] else ''})")
    english = result.english_search_bytes
    if english:
        lines.append(f"before first search results (English pages, {english['how']}): {mb(english['bytes'])} "
                     f"({mb(english['gzip_bytes'])} gzipped, {english['files']} files)")
    return lines


def runs(several: list[Run]) -> str:
    """", median of N runs: a, b, c s" when there were several, else nothing."""
    if len(several) < 2:
        return ""
    return f"; median of {len(several)} runs: " + ", ".join(f"{run.seconds:.1f}" for run in several) + " s"


def growth(small: Result, large: Result) -> list[str]:
    factor = large.records / small.records
    lines = [f"== growth {small.records} -> {large.records} records (x{factor:g})"]
    pairs = [("validation time", small.validation_s, large.validation_s)]
    for name, a, b in (("build", small.build, large.build), ("floor", small.floor, large.floor)):
        if a and b and a.ok and b.ok:
            pairs += [(f"{name} time", a.seconds, b.seconds), (f"{name} peak memory", a.peak_mb, b.peak_mb)]
    for label, a, b in pairs:
        lines.append(f"{label}: x{b / a:.2f}" if a else f"{label}: n/a")
    if small.record_page_bytes and large.record_page_bytes:
        a = sum(small.record_page_bytes.values()) / len(small.record_page_bytes)
        b = sum(large.record_page_bytes.values()) / len(large.record_page_bytes)
        lines.append(f"record page size: x{b / a:.2f}")
    return lines


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--records takes numbers separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < len(synth.PROPORTIONS):
        raise argparse.ArgumentTypeError(f"each size must be at least {len(synth.PROPORTIONS)}")
    return sizes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=parse_sizes, required=True, help="size(s): 1000 or 1000,10000")
    parser.add_argument("--keep", type=Path, help="keep the data sets and sites in this folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-floor", action="store_true", help="skip the stock-Material floor build")
    parser.add_argument("--no-browser", action="store_true",
                        help="estimate the bytes before the first search results from the files "
                             "instead of measuring them in Chromium")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="build the site and the floor N times each, alternately, and report medians "
                             "(for a shared machine whose speed drifts)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="project whose site is built (default: this repository; a copy to compare a change)")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    results = []
    try:
        for records in args.records:
            work = root / f"records-{records}"
            if work.exists() and (work / "data" / synth.MARKER).exists():
                shutil.rmtree(work)
            work.mkdir(parents=True, exist_ok=True)
            results.append(bench_one(records, work, args.seed, not args.no_floor, not args.no_browser,
                                     args.repo.resolve(), max(1, args.repeat)))
            print("\n".join(report(results[-1])), flush=True)
        for small, large in zip(results, results[1:], strict=False):
            print("\n".join(growth(small, large)))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept in {root}")
    failed = any(r.build and not r.build.ok or r.floor and not r.floor.ok or r.problems for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
