"""`python -m scripts archive-sources`: ask the Internet Archive's Save Page Now to archive every
source that has a `url` and no `archive` yet, and write the snapshot it answered into the record
as `archive: <snapshot URL>`, on the line after `url:` (a line edit: comments and layout stay).

With --since REV, only the source files added or changed since that commit are considered (the
workflow passes the commit before the push); without it, every source without an archive.

Two ways of asking, both documented by the Internet Archive (Save Page Now 2 API):
- with S3-like API keys (environment variables IA_ACCESS_KEY and IA_SECRET_KEY): POST the URL
  to https://web.archive.org/save with `Authorization: LOW <access>:<secret>` and
  `Accept: application/json`; the answer names a `job_id`; GET /save/status/<job_id> until its
  `status` is "success" (then its `timestamp` and `original_url` name the capture) or "error";
- without keys: GET https://web.archive.org/save/<url>; the capture is named by the answer's
  `Content-Location` header (or the `Location` of a redirect).
The snapshot URL written is always one the service named (never one made up from a pattern);
when it names none, nothing is written and the source is listed as not archived."""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import DATA_DIR
from ..load import load_data

SPN_ENDPOINT = "https://web.archive.org/save"
ACCESS_ENV, SECRET_ENV = "IA_ACCESS_KEY", "IA_SECRET_KEY"
USER_AGENT = ("LaPosteDataArchiver/1.0 (asks Save Page Now to keep a copy of the sources cited by an "
              "open investigation; one capture at a time)")
SNAPSHOT_PATH = re.compile(r"^/web/(\d{14})/(https?://.+)$")
JOB_ID = re.compile(r"^[\w-]{1,200}$")


@dataclass(frozen=True)
class Saved:
    snapshot: str | None  # the capture's URL, as the service named it; None: not archived
    detail: str  # how it went ("SPN2 job abc: success", "HTTP 429", ...)


@dataclass(frozen=True)
class Candidate:
    source: str
    url: str
    file: str  # shown, e.g. data/sources/x.yaml
    path: Path
    url_line: int


# ------------------------------------------------------------------ talking to Save Page Now

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep a redirect as the answer: its Location names the capture."""

    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


_OPENER = urllib.request.OpenerDirector()
for _handler in (urllib.request.HTTPHandler, urllib.request.HTTPSHandler, _NoRedirect,
                 urllib.request.HTTPDefaultErrorHandler, urllib.request.HTTPErrorProcessor):
    _OPENER.add_handler(_handler())


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def http(method: str, url: str, timeout: float, headers: dict[str, str] | None = None,
         form: dict[str, str] | None = None) -> Answer:
    """One request, redirects not followed; raises OSError when there is no answer."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                          response.read(1024 * 1024))
    except urllib.error.HTTPError as error:
        try:
            body = error.read(1024 * 1024)
        except OSError:
            body = b""
        error.close()
        return Answer(error.code, {k.lower(): v for k, v in (error.headers or {}).items()}, body)


def origin(endpoint: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def snapshot_from_header(endpoint: str, value: str | None) -> str | None:
    """The capture a Content-Location / Location header names, when it names one on the
    service's own host (`/web/<14-digit timestamp>/<original URL>`)."""
    if not value:
        return None
    absolute = urllib.parse.urljoin(origin(endpoint) + "/", value.strip())
    parts = urllib.parse.urlsplit(absolute)
    path = absolute[len(f"{parts.scheme}://{parts.netloc}"):]
    if parts.netloc != urllib.parse.urlsplit(endpoint).netloc or not SNAPSHOT_PATH.match(path):
        return None
    return absolute


def save_anonymously(url: str, endpoint: str = SPN_ENDPOINT, timeout: float = 120.0) -> Saved:
    """GET <endpoint>/<url>: the capture is named by the answer's headers."""
    try:
        answer = http("GET", f"{endpoint}/{url}", timeout)
    except (OSError, ValueError) as error:
        return Saved(None, f"no answer from Save Page Now ({getattr(error, 'reason', error)})")
    if answer.status >= 400:
        return Saved(None, f"Save Page Now answered HTTP {answer.status}")
    for header in ("content-location", "location"):
        snapshot = snapshot_from_header(endpoint, answer.headers.get(header))
        if snapshot:
            return Saved(snapshot, f"Save Page Now named the capture ({header.title()} header)")
    return Saved(None, f"Save Page Now answered HTTP {answer.status} without naming a capture")


def read_json(answer: Answer) -> dict:
    try:
        value = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def save_with_keys(url: str, access: str, secret: str, endpoint: str = SPN_ENDPOINT, timeout: float = 60.0,
                   poll: float = 6.0, max_wait: float = 300.0, sleep: Callable[[float], None] = time.sleep) -> Saved:
    """SPN2: POST the capture request, then ask the job's status until it ends."""
    headers = {"Accept": "application/json", "Authorization": f"LOW {access}:{secret}"}
    try:
        answer = http("POST", endpoint, timeout, headers, form={"url": url})
    except (OSError, ValueError) as error:
        return Saved(None, f"no answer from Save Page Now ({getattr(error, 'reason', error)})")
    reply = read_json(answer)
    job = reply.get("job_id")
    if answer.status >= 400 or not isinstance(job, str) or not JOB_ID.match(job):
        why = reply.get("message") or reply.get("status_ext") or f"HTTP {answer.status}"
        return Saved(None, f"Save Page Now refused the capture: {why}")
    waited = 0.0
    while waited <= max_wait:
        sleep(poll)
        waited += poll
        try:
            answer = http("GET", f"{endpoint}/status/{urllib.parse.quote(job)}", timeout, headers)
        except (OSError, ValueError):
            continue  # the job goes on without us: ask again
        status = read_json(answer)
        if status.get("status") == "success":
            timestamp, original = status.get("timestamp"), status.get("original_url")
            if not (isinstance(timestamp, str) and re.fullmatch(r"\d{14}", timestamp)
                    and isinstance(original, str) and re.match(r"https?://\S+$", original)):
                return Saved(None, f"SPN2 job {job}: success, but no timestamp and original_url in the answer")
            return Saved(f"{origin(endpoint)}/web/{timestamp}/{original}", f"SPN2 job {job}: success")
        if status.get("status") == "error":
            why = status.get("message") or status.get("status_ext") or "error"
            return Saved(None, f"SPN2 job {job}: {why}")
    return Saved(None, f"SPN2 job {job}: still pending after {max_wait:.0f} s")


def save(url: str, endpoint: str = SPN_ENDPOINT, environ: dict[str, str] | None = None, **options) -> Saved:
    """With keys in the environment, the SPN2 API; without, the anonymous endpoint."""
    environ = os.environ if environ is None else environ
    access, secret = environ.get(ACCESS_ENV, "").strip(), environ.get(SECRET_ENV, "").strip()
    if access and secret:
        return save_with_keys(url, access, secret, endpoint, **options)
    return save_anonymously(url, endpoint, options.get("timeout", 120.0))


# ------------------------------------------------------------------ which sources

def changed_source_files(data_root: Path, since: str) -> set[str] | None:
    """Names (x.yaml) of the source files added, changed or renamed since commit `since`;
    None when git cannot compare (no such commit, not a repository)."""
    command = ["git", "-C", str(data_root), "diff", "--name-only", "--relative", "--diff-filter=AMR", "-z",
               f"{since}", "HEAD", "--", "sources"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None
    return {Path(name).name for name in result.stdout.split("\0") if name.endswith(".yaml")}


def previous_commit(data_root: Path) -> str | None:
    result = subprocess.run(["git", "-C", str(data_root), "rev-parse", "--verify", "--quiet", "HEAD^"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


def candidates(data_root: Path, files: set[str] | None = None, only: list[str] | None = None) -> list[Candidate]:
    """Sources with a `url` and no `archive`, among `files` (names) when given, `only` (ids) when given."""
    found = []
    for record in load_data(data_root).in_collection("sources"):
        source = record.id or record.stem
        url, archive = record.data.get("url"), record.data.get("archive")
        if not isinstance(url, str) or not url.strip() or (isinstance(archive, str) and archive.strip()):
            continue
        if files is not None and record.path.name not in files:
            continue
        if only and source not in only:
            continue
        found.append(Candidate(source, url.strip(), record.file, record.path, record.line(("url",))))
    return found


# ------------------------------------------------------------------ the line edit

def yaml_value(text: str) -> str:
    """`text` as a YAML scalar on one line: plain when YAML reads it back unchanged, else quoted."""
    try:
        if yaml.safe_load(f"archive: {text}") == {"archive": text}:
            return text
    except yaml.YAMLError:
        pass
    return "'" + text.replace("'", "''") + "'"


class EditRefused(Exception):
    pass


def with_archive_line(text: str, url_line: int, snapshot: str) -> str:
    """`text` with `archive: <snapshot>` inserted after the top-level `url:` at `url_line`
    (1-based), after the url's continuation lines if it has any. Everything else is unchanged;
    the result must read as the same mapping plus `archive`."""
    lines = text.splitlines(keepends=True)
    index = url_line - 1
    if not (0 <= index < len(lines)) or not lines[index].startswith("url:"):
        raise EditRefused(f"line {url_line} is not a top-level `url:`")
    newline = "\r\n" if lines[index].endswith("\r\n") else "\n"
    end = index + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
        end += 1  # a url folded over several lines
    if not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    lines.insert(end, f"archive: {yaml_value(snapshot)}{newline}")
    edited = "".join(lines)
    try:
        before, after = yaml.safe_load(text), yaml.safe_load(edited)
    except yaml.YAMLError as error:
        raise EditRefused(f"not valid YAML after the edit ({error})") from None
    if not isinstance(before, dict) or "archive" in before or after != {**before, "archive": snapshot}:
        raise EditRefused("the edit would change more than `archive`")
    return edited


def add_archive(candidate: Candidate, snapshot: str) -> None:
    raw = candidate.path.read_bytes()
    text = raw.decode("utf-8-sig")
    edited = with_archive_line(text, candidate.url_line, snapshot)
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    candidate.path.write_bytes((bom + edited).encode("utf-8"))


# ------------------------------------------------------------------ report, command line

def cell(text: str) -> str:
    text = " ".join(str(text).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def summary_markdown(added: list[tuple[Candidate, Saved]], failed: list[tuple[Candidate, Saved]]) -> str:
    lines = ["## Copies archivées des sources (archived copies)", "",
             f"{len(added)} copie(s) ajoutée(s), {len(failed)} échec(s) "
             f"(*{len(added)} added, {len(failed)} not archived*).", ""]
    if added:
        lines += ["### Ajoutées (added)", "", "| Source | URL | Copie (snapshot) |", "| --- | --- | --- |"]
        lines += [f"| {cell(c.file)} | {cell(c.url)} | {cell(s.snapshot)} |" for c, s in added]
        lines.append("")
    if failed:
        lines += ["### Non archivées (not archived)", "", "| Source | URL | Réponse (answer) |", "| --- | --- | --- |"]
        lines += [f"| {cell(c.file)} | {cell(c.url)} | {cell(s.detail)} |" for c, s in failed]
        lines.append("")
    return "\n".join(lines) + "\n"


Save = Callable[[str], Saved]


def main(argv: list[str], save_page: Save | None = None, sleep: Callable[[float], None] = time.sleep,
         clock: Callable[[], float] = time.monotonic) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts archive-sources", description=(
        "Ask Save Page Now for a copy of each source without an archive; write it as archive:."))
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--since", metavar="REV",
                        help="only the source files added or changed since this commit (default: every source)")
    parser.add_argument("--only", nargs="+", metavar="ID", help="only these sources")
    parser.add_argument("--endpoint", default=SPN_ENDPOINT, help=f"Save Page Now (default: {SPN_ENDPOINT})")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each answer")
    parser.add_argument("--delay", type=float, default=10.0, help="seconds between two captures")
    parser.add_argument("--budget", type=float, metavar="SECONDS",
                        help="ask for no new capture after this many seconds (the rest waits for the next run)")
    parser.add_argument("--summary", type=Path, help="write the Markdown summary (pull request body) here")
    parser.add_argument("--dry-run", action="store_true", help="list the sources, ask nothing, write nothing")
    args = parser.parse_args(argv)

    files = None
    if args.since:
        files = changed_source_files(args.data, args.since)
        if files is None:
            fallback = previous_commit(args.data)
            print(f"cannot compare with {args.since}: comparing with the previous commit ({fallback or 'none'})")
            files = changed_source_files(args.data, fallback) if fallback else None
    todo = candidates(args.data, files, args.only)
    if args.dry_run:
        for candidate in todo:
            print(f"{candidate.file}:{candidate.url_line}: would ask Save Page Now for {candidate.url}")
        print(f"{len(todo)} source(s) without an archive")
        return 0

    if save_page is None:
        def save_page(url: str) -> Saved:
            return save(url, args.endpoint, timeout=args.timeout, sleep=sleep)

    added, failed = [], []
    start = clock()
    for number, candidate in enumerate(todo):
        if args.budget is not None and clock() - start > args.budget:
            print(f"time budget spent: {len(todo) - number} source(s) left for the next run")
            todo = todo[:number]
            break
        if number:
            sleep(args.delay)
        saved = save_page(candidate.url)
        if saved.snapshot:
            try:
                add_archive(candidate, saved.snapshot)
            except (EditRefused, OSError, UnicodeDecodeError) as error:
                saved = Saved(None, f"capture {saved.snapshot} not written: {error}")
        (added if saved.snapshot else failed).append((candidate, saved))
        where = f"{candidate.file}:{candidate.url_line}"
        print(f"{where}: archive: {saved.snapshot}" if saved.snapshot else f"{where}: not archived: {saved.detail}")
    if args.summary:
        args.summary.write_text(summary_markdown(added, failed), encoding="utf-8")
    print(f"{len(added)} archived, {len(failed)} not archived, of {len(todo)} source(s) without an archive")
    return 0

