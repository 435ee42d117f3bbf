"""Benchmark of stages 1-2: write a synthetic valid data set (scripts/synth.py) to a temporary
folder, then time loading and validating it. `python -m scripts bench-validate --records 10000`."""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from ..load import load_data
from ..validate import validate
from ..validate.schemas import SCHEMA_DIR, fast_checks
from .synth import write_dataset


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench-validate")
    parser.add_argument("--records", type=int, default=10_000, help="number of records (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        write_dataset(Path(tmp), args.records, args.seed)
        data_root = Path(tmp) / "data"
        fast_checks(SCHEMA_DIR)  # compiled once per process, like in a real run
        clocks = [(time.perf_counter(), cpu_time())]
        loaded = load_data(data_root)
        clocks.append((time.perf_counter(), cpu_time()))
        problems = loaded.problems + validate(loaded)
        clocks.append((time.perf_counter(), cpu_time()))
    # CPU time beside wall time: on a shared machine the wall clock also counts other jobs.
    print(f"records: {len(loaded.records)}")
    for label, (start, end) in (("load", clocks[0:2]), ("validate", clocks[1:3]), ("total", clocks[0:3:2])):
        print(f"{label}: {end[0] - start[0]:.2f} s (cpu {end[1] - start[1]:.2f} s)")
    print(f"problems: {len(problems)}")
    for problem in problems[:10]:
        print(f"  {problem}")
    return 1 if problems else 0


def cpu_time() -> float:
    """This process's CPU time and that of its finished children (the loader's second process)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
