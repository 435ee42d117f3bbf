"""The command line of the quote check (scripts/tools/check_quotes/__init__.py says what it does)."""
from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from ... import DATA_DIR
from ...load.quote_checks import load_results, results_path
from .citations import citations_and_targets
from .fetching import Fetch, http_get
from .matching import check_sources
from .report import ISSUE_LIMIT, annotation, changes_markdown, counts, cut, problems, report_markdown, summary_line
from .results import changes_since, merge_results, write_results


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts check-quotes", description=(
        "Check that every quote is still on its source; results in data/checks/quotes.json."))
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--only", nargs="+", metavar="ID", help="check only these sources (keep the others' results)")
    parser.add_argument("--results", type=Path, help="results file (default: <data>/checks/quotes.json)")
    parser.add_argument("--previous", type=Path,
                        help="results of the last run, to compare with and keep (default: the --results file)")
    parser.add_argument("--no-results", action="store_true", help="do not write the results file")
    parser.add_argument("--report", type=Path, help="write the Markdown report (changes, then problems) here")
    parser.add_argument("--changes", type=Path,
                        help="write only what changed since the last run here, in Markdown; no file when nothing did")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds between two requests to one host")
    parser.add_argument("--workers", type=int, default=4, help="hosts asked at the same time")
    return parser


def main(argv: list[str], fetch: Fetch = http_get, sleep: Callable[[float], None] = time.sleep,
         today: str | None = None) -> int:
    command = parser()
    args = command.parse_args(argv)
    today = today or dt.datetime.now(dt.UTC).date().isoformat()
    results_file = args.results or results_path(args.data)

    citations, targets = citations_and_targets(args.data)
    if args.only:
        unknown = sorted(set(args.only) - {c.source for c in citations} - set(targets))
        if unknown:
            command.error(f"no such source: {', '.join(unknown)}")
        citations = [c for c in citations if c.source in set(args.only)]
    checks = check_sources(citations, targets, fetch, args.timeout, args.delay, args.workers, sleep)

    previous = load_results(args.previous or results_file)
    changes = changes_since(previous, checks, citations)
    if not args.no_results:
        known = None if args.only else checks.keys()  # a full run forgets sources no longer cited
        write_results(results_file, merge_results(previous, checks, citations, today, known))
    for level, problem in problems(citations, targets, checks):
        print(annotation(level, problem) if args.format == "github" else str(problem))
    if args.report:
        args.report.write_text(report_markdown(citations, targets, checks, changes, today), encoding="utf-8")
    if args.changes:
        write_changes(args.changes, changes_markdown(changes, citations, targets, checks), today)
    tally = counts(citations, checks, targets)
    print(summary_line(tally))
    return 1 if tally["not_found"] else 0


def write_changes(path: Path, lines: list[str], today: str) -> None:
    """What changed, for the issue; no file at all when nothing did (the workflow tests that)."""
    if lines:
        body = [f"## Citations des sources : changements du {today} (*quote check: changes*)", "", *lines]
        path.write_text(cut("\n".join(body) + "\n", ISSUE_LIMIT), encoding="utf-8")
    elif path.exists():
        path.unlink()
