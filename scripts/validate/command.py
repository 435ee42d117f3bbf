"""`python -m scripts validate`: check every record; exit 1 with the problems, one per line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DATA_DIR
from . import load_and_validate, summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts validate",
                                     description="Check every record in the data folder.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: workflow commands that annotate a pull request")
    args = parser.parse_args(argv)
    loaded, problems = load_and_validate(args.data)
    if not problems:
        print(f"ok: {summary(loaded)}")
        return 0
    for problem in problems:
        print(problem.github() if args.format == "github" else problem)
    files = len({p.file for p in problems})
    print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}",
          file=sys.stderr)
    return 1
