"""Benchmark of `mkdocs serve`: how long a contributor waits after saving a data file.

`python -m scripts bench-serve [--rounds 3]` copies the project (mkdocs.yml, docs/, data/,
overrides/, scripts/) to a temporary folder, starts `mkdocs serve` there on a free port, then
rewrites one data file per round (same text plus a blank line: the data set stays valid) and
prints, per round, the time from the save to MkDocs' "Reloading browsers" and the build time
MkDocs itself reports. The repository's own files are never touched.
"""
from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "overrides", "scripts"]
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
TIMEOUT = 300  # seconds for the first build, or for one rebuild


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench-serve")
    parser.add_argument("--rounds", type=int, default=3, help="data files changed, one per round (default 3)")
    parser.add_argument("--repo", type=Path, default=REPO, help="project to serve (default: this one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = copy_project(args.repo, Path(tmp))
        waits, builds = measure(project, args.rounds)
    for number, (wait, build) in enumerate(zip(waits, builds, strict=True), start=1):
        print(f"round {number}: save to reload {wait:.2f} s (MkDocs build {build:.2f} s)")
    print(f"rebuild: median {statistics.median(waits):.2f} s from save to reload, "
          f"{statistics.median(builds):.2f} s of build")
    return 0


def copy_project(repo: Path, target: Path) -> Path:
    project = target / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    return project


def measure(project: Path, rounds: int) -> tuple[list[float], list[float]]:
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("DATA_DIR", None)
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=forward_lines, args=(process, lines), daemon=True).start()
    try:
        wait_for(lines, "Serving on")
        waits, builds = [], []
        for data_file in sorted((project / "data" / "entities").glob("*.yaml"))[:rounds]:
            time.sleep(1.0)  # let the watcher settle after the previous build
            saved = time.perf_counter()
            data_file.write_text(data_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            build_line = wait_for(lines, "Documentation built in")
            wait_for(lines, "Reloading browsers")
            waits.append(time.perf_counter() - saved)
            builds.append(float(BUILT.search(build_line).group(1)))
        return waits, builds
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """End `mkdocs serve`: politely, then for good after ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def forward_lines(process: subprocess.Popen, lines: queue.Queue) -> None:
    for line in process.stdout:
        lines.put(line)
    lines.put("")  # the server stopped


def wait_for(lines: queue.Queue, text: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if line == "":
            raise RuntimeError("mkdocs serve stopped:\n" + "".join(seen[-20:]))
        seen.append(line)
        if text in line:
            return line
    raise RuntimeError(f"no {text!r} from mkdocs serve within {TIMEOUT} s:\n" + "".join(seen[-20:]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
