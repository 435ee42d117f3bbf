"""`python -m scripts check-links`: ask every source's `url` and `archive` whether it still
answers, and list the broken ones (in the GitHub job summary when run by the weekly workflow).

A broken link is reported, never fatal: sites go down for a day, and a dead page is still a
valid source when its archived copy answers. Exit 0 unless --strict."""
from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import DATA_DIR
from ..load import load_data

LINK_FIELDS = ("url", "archive")
USER_AGENT = ("LaPosteDataLinkCheck/1.0 (weekly check of the sources cited by an open investigation; "
              "one request per link)")
# Some servers refuse HEAD, or refuse robots, while the page is there for a reader.
RETRY_WITH_GET = frozenset({403, 405, 501})
REFUSED = frozenset({401, 403, 429})

Fetch = Callable[[str, float], int]  # (url, timeout) -> HTTP status; raises OSError when no answer


@dataclass(frozen=True)
class Link:
    source: str  # source record id
    field: str  # "url" or "archive"
    url: str
    file: str  # e.g. data/sources/x.yaml
    line: int


@dataclass(frozen=True)
class Result:
    link: Link
    verdict: str  # "ok", "refused" (the server answered but turned us away) or "broken"
    detail: str  # "HTTP 404", "timed out", ...


def source_links(data_root: Path) -> list[Link]:
    """Every `url` and `archive` of data/sources/*.yaml, with the line it is written on."""
    links = []
    for record in load_data(data_root).in_collection("sources"):
        for field in LINK_FIELDS:
            url = record.data.get(field)
            if isinstance(url, str) and url.strip():
                links.append(Link(record.id or record.stem, field, url.strip(), record.file,
                                  record.line((field,))))
    return links


def http_status(url: str, timeout: float) -> int:
    """Status of `url` after redirects: HEAD first (nothing downloaded), GET when HEAD is refused."""
    status = request_status(url, "HEAD", timeout)
    if status in RETRY_WITH_GET:
        status = request_status(url, "GET", timeout)
    return status


def request_status(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only: the schema says so
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def verdict(status: int) -> str:
    if 200 <= status < 400:
        return "ok"
    return "refused" if status in REFUSED else "broken"


def no_answer(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "no answer (timed out)"
    return f"no answer ({reason})"


def check_links(links: Iterable[Link], fetch: Fetch = http_status, timeout: float = 20.0,
                pause: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> list[Result]:
    """Check each distinct URL once, `pause` seconds apart (politeness), in the order given."""
    answers: dict[str, tuple[str, str]] = {}
    results = []
    for link in links:
        if link.url not in answers:
            if answers:
                sleep(pause)
            try:
                status = fetch(link.url, timeout)
                answers[link.url] = (verdict(status), f"HTTP {status}")
            except (OSError, ValueError) as error:  # URLError, timeouts and refused connections are OSErrors
                answers[link.url] = ("broken", no_answer(error))
        results.append(Result(link, *answers[link.url]))
    return results


def cell(text: str) -> str:
    """Markdown table cell: a `|` or a newline in a URL must not break the table."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def summary_markdown(results: list[Result]) -> str:
    broken = [r for r in results if r.verdict == "broken"]
    refused = [r for r in results if r.verdict == "refused"]
    counts = (f"{len(results)} liens vérifiés, {len(broken)} cassés, {len(refused)} refusés au robot "
              f"(*{len(results)} links checked, {len(broken)} broken, {len(refused)} refused to a robot*).")
    lines = ["## Liens des sources (source links)", "", counts, ""]
    for title, group in (("Cassés (broken)", broken), ("À vérifier à la main (check by hand)", refused)):
        if not group:
            continue
        lines += [f"### {title}", "", "| Source | Champ (field) | URL | Réponse (answer) | Fichier (file) |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {cell(r.link.source)} | {r.link.field} | <{cell(r.link.url)}> | {cell(r.detail)} | "
                  f"{cell(r.link.file)}:{r.link.line} |" for r in group]
        lines.append("")
    return "\n".join(lines) + "\n"


def annotation(result: Result) -> str:
    """A GitHub warning at the line of the link (shown on the workflow run)."""
    message = f"{result.link.field} of source '{result.link.source}': {result.detail} ({result.link.url})"
    return f"::warning file={result.link.file},line={result.link.line}::{message}"


def main(argv: list[str], fetch: Fetch = http_status, sleep: Callable[[float], None] = time.sleep) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts check-links", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--summary", type=Path, default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
                        help="append the Markdown report to this file (default: $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each answer")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between two requests")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a link is broken")
    args = parser.parse_args(argv)

    results = check_links(source_links(args.data), fetch, args.timeout, args.pause, sleep)
    for result in results:
        if result.verdict != "ok":
            print(annotation(result) if args.format == "github" else
                  f"{result.link.file}:{result.link.line}: {result.link.field} {result.link.url}: "
                  f"{result.verdict}, {result.detail}")
    report = summary_markdown(results)
    if args.summary:
        with Path(args.summary).open("a", encoding="utf-8") as out:
            out.write(report)
    print(report.splitlines()[2])
    broken = any(r.verdict == "broken" for r in results)
    return 1 if args.strict and broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
