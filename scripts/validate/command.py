"""`python -m scripts validate`: check every record; exit 1 with the problems, one per line.
Warnings (warnings.py) are printed too, and never fail it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DATA_DIR
from ..model.messages import LANGUAGES, counted, say, set_language
from . import load_and_validate, summary
from .warnings import warnings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts validate",
                                     description="Check every record in the data folder.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: workflow commands that annotate a pull request")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: French in a "
                                                          "French locale, else English)")
    args = parser.parse_args(argv)
    set_language(args.lang)
    loaded, problems = load_and_validate(args.data)
    noted = warnings(loaded)
    for problem in sorted(problems + noted):
        print(problem.github() if args.format == "github" else problem)
    if not problems:
        noted_count = say("validate.warnings", warnings=counted(len(noted), "warning")) if noted else ""
        print(say("validate.ok", summary=summary(loaded)) + noted_count)
        return 0
    files = counted(len({p.file for p in problems}), "file")
    print(say("validate.failed", problems=counted(len(problems), "problem"), files=files), file=sys.stderr)
    return 1
