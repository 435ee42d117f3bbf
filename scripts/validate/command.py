"""`python -m scripts validate`: check every record; exit 1 with the problems, one per line.
Warnings (warnings.py) are printed too, and never fail it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DATA_DIR
from . import load_and_validate, summary
from .warnings import warnings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts validate",
                                     description="Check every record in the data folder.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: workflow commands that annotate a pull request")
    args = parser.parse_args(argv)
    loaded, problems = load_and_validate(args.data)
    noted = warnings(loaded)
    for problem in sorted(problems + noted):
        print(problem.github() if args.format == "github" else problem)
    if not problems:
        print(f"ok: {summary(loaded)}" + (f" ({plural(len(noted), 'warning')})" if noted else ""))
        return 0
    files = len({p.file for p in problems})
    print(f"{plural(len(problems), 'problem')} in {plural(files, 'file')}", file=sys.stderr)
    return 1


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"
