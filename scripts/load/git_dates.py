"""When each data file last changed (and first appeared), from the git history: one
`git log` over data/, parsed once, whatever the number of files.

Keys are paths as contributors see them and as `Record.file` holds them
(`data/entities/la-poste.yaml`); values are ISO dates (YYYY-MM-DD, committer date).
A file never committed has no date: callers fall back to the build date and say so.
Without git, or outside a repository, every function returns empty results."""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

MARK = "\x00"  # %x00 in our --format: starts each commit's header line


@dataclass
class FileDates:
    updated: dict[str, str] = field(default_factory=dict)  # path -> date of its last commit
    added: dict[str, str] = field(default_factory=dict)  # path -> date of its first commit
    shallow: bool = False  # a shallow clone: older history is missing, dates are too recent


def file_dates(data_root: Path) -> FileDates:
    """Last and first commit dates of every file under `data_root`, in one `git log`.

    `--first-parent` with first-parent merge diffs: a change made on a branch dates from
    the day it reached the main line, i.e. the day it was published."""
    data_root = Path(data_root).resolve()
    out = run_git(data_root.parent, "log", "--first-parent", "--diff-merges=first-parent",
                  "--relative", "--format=%x00%cs", "--name-only", "--", data_root.name)
    dates = FileDates()
    if out is None:
        return dates
    parse_log(out, dates)
    dates.shallow = (run_git(data_root.parent, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    if dates.shallow:
        log.warning("shallow git clone: last-update dates of records are wrong "
                    "(fetch the whole history, e.g. actions/checkout with fetch-depth: 0)")
    return dates


def parse_log(out: str, dates: FileDates) -> None:
    """Newest commit first: the first date seen for a path is its last update, the last
    one seen its first appearance."""
    date = ""
    for line in out.splitlines():
        if line.startswith(MARK):
            date = line[len(MARK):].strip()
        elif line.strip() and date:
            path = line.strip()
            dates.updated.setdefault(path, date)
            dates.added[path] = date


def last_updated(data_root: Path) -> dict[str, str]:
    """Path -> ISO date of the file's last commit (see module doc)."""
    return file_dates(data_root).updated


def first_added(data_root: Path) -> dict[str, str]:
    """Path -> ISO date of the file's first commit (see module doc)."""
    return file_dates(data_root).added


def run_git(cwd: Path, *args: str) -> str | None:
    """git's output, or None when git is absent or `cwd` is not in a repository."""
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd,
                                capture_output=True, text=True, encoding="utf-8", check=False)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout


def build_date(repo_dir: Path) -> str:
    """The date a build stands for, the same for every build of one commit: SOURCE_DATE_EPOCH
    when set (the reproducible-builds convention), else the date of the commit built (HEAD),
    else today (no git)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    head = (run_git(Path(repo_dir), "log", "-1", "--format=%cs") or "").strip()
    return head or dt.datetime.now(dt.UTC).date().isoformat()
