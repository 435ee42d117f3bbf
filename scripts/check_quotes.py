"""`python -m scripts.check_quotes`: read every cited source again and check that each quote we
cite from it is still there, word for word (typography aside).

For each source record with a `url` (or, when it has none, an `original: {url: ...}`), the page is
fetched; when it does not answer, or when a quote is missing from it, its `archive` copy is read
too. The text is extracted (HTML with BeautifulSoup, PDF with pypdf), decoded with its declared
charset (Latin-1 is read as browsers read it, i.e. as Windows-1252) and normalised on both sides:
HTML entities, Unicode compatibility forms (NFKC), whitespace of every width (non-breaking, thin),
soft hyphens and zero-width characters, typographic or straight apostrophes and quotation marks
(’ ' ‘ « » “ ” "), dashes, the space French puts before ; : ! ? and inside « », and letter case.
An elision in a quote (`[…]`, `(...)`, `…`) splits it: each part must be found, in order. A word
broken at a line end with a hyphen (PDFs) is searched both as printed and joined.

Every citation of every record (any `{source: <id>, quote: ...}` anywhere in it) is then found,
not found, or not checked because its source did not answer. Problems are printed one per line
as `file:line: message`, at the line of the quote, then a summary. Exit 1 when a quote is not
found at a source that answered; a source that does not answer is reported, never fatal.

The results go to data/checks/quotes.json (JSON, written by machine, so that the YAML loader
never takes it for a record), where the site finds the last result of any citation with
`quote_check(results, source_id, quote)`:

    {"sources": {"<source id>": {
        "checked": "YYYY-MM-DD",           # date of the last attempt
        "status": "answered" | "unreachable",
        "fetched": "<url read>",           # the first URL that answered (after redirects)
        "last_answered": "YYYY-MM-DD",     # the last date it answered
        "error": "<why not>",              # when unreachable
        "quotes": {"<quote_key(quote)>": {  # sha1 of the normalised quote, 12 hex digits
            "found": true | false,
            "checked": "YYYY-MM-DD",       # the last date this quote was looked for
            "last_found": "YYYY-MM-DD",    # the last date it was found (absent: never)
            "at": "<url where found>"}}}}} # absent when not found

A quote is only ever looked for on a page that answered: when a source does not answer, the
previous results of its quotes are kept as they were (with their dates). Results of sources not
re-checked (--only) are kept too. Keys are sorted, one space of indentation, newline at the end.

Politeness: one request at a time per host (and a pause of --delay seconds between two), a
User-Agent that says who asks and why, a timeout, at most --workers hosts at once."""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
import sys
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.load import load_data
from scripts.model.problems import Problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RESULTS_NAME = Path("checks") / "quotes.json"  # under the data folder
USER_AGENT = ("LaPosteDataQuoteCheck/1.0 (weekly check that the quotes cited by an open investigation "
              "are still on their sources; one request per site at a time)")
MAX_BYTES = 30 * 1024 * 1024  # a page longer than this is read up to here
ISSUE_LIMIT = 60_000  # GitHub refuses an issue body over 65,536 characters


# ------------------------------------------------------------------ normalising text

# Apostrophes and quotation marks, typographic or straight, become the straight ones; dashes a
# hyphen; invisible characters (soft hyphen, zero-width spaces and joiners, BOM) disappear.
_APOSTROPHES = "\u2019\u2018\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07"
_QUOTATION_MARKS = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a\u2033\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATE = {**{ord(c): "'" for c in _APOSTROPHES}, **{ord(c): '"' for c in _QUOTATION_MARKS},
              **{ord(c): "-" for c in _DASHES}, **{ord(c): None for c in _INVISIBLE}}
# C1 control characters never appear in a real page: a "Latin-1" page decoded as ISO-8859-1
# (as its <meta> says) has them where Windows-1252 has ’ “ ” … œ €, as browsers read it.
_C1_AS_CP1252 = {code: bytes([code]).decode("cp1252", errors="ignore") or None for code in range(0x80, 0xA0)}
_SPACE_AROUND_QUOTATION_MARK = re.compile(r' ?" ?')
_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r" (?=[;:!?])")
# `[…]`, `[...]`, `(…)`, `(...)`, `…`, `...`: the author of the record cut the quote there.
ELISION = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")


def normalise(text: str) -> str:
    """The form in which a quote and a page are compared."""
    text = unicodedata.normalize("NFKC", html.unescape(text).translate(_C1_AS_CP1252)).translate(_TRANSLATE)
    text = " ".join(text.split())
    text = _SPACE_AROUND_QUOTATION_MARK.sub('"', text)
    text = _SPACE_BEFORE_HIGH_PUNCTUATION.sub("", text)
    return text.casefold()


def quote_key(quote: str) -> str:
    """The key of a quote in the results file: the first 12 hex digits of the SHA-1 of its
    normalised form (a typographic correction of the quote keeps its results)."""
    return hashlib.sha1(normalise(quote).encode("utf-8")).hexdigest()[:12]


def quote_parts(quote: str) -> list[str]:
    """The normalised pieces of a quote between its elisions."""
    return [part for part in (normalise(piece) for piece in ELISION.split(html.unescape(quote))) if part]


def contains_quote(text: str, parts: list[str]) -> bool:
    """Every part of the quote in `text` (normalised), in order, none overlapping the previous."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return bool(parts)


# ------------------------------------------------------------------ extracting text

# Elements that break the line in a browser: a space stands for them, so that two paragraphs do
# not run together; inline elements (<em>, <a>, <span>...) add nothing, so that a quote split by
# them is still found.
BLOCK_TAGS = sorted("""address article aside blockquote br caption dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol option
    p pre section summary table tbody td tfoot th thead title tr ul""".split())
SKIPPED_TAGS = ["script", "style", "template"]
# WHATWG Encoding: browsers read these labels as Windows-1252.
CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                           "iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"})


class Unreadable(Exception):
    """The server answered, but with nothing we can read text from."""


def header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not match:
        return None
    charset = match[1].lower()
    return "windows-1252" if charset in CP1252_LABELS else charset


def page_text(body: bytes, content_type: str = "") -> str:
    """The text a reader sees on the page (HTML, PDF or plain text)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/pdf" or body[:5] == b"%PDF-":
        return pdf_text(body)
    charset = header_charset(content_type)
    text = decode_plain(body, charset) if media == "text/plain" else html_text(body, charset)
    return text.translate(_C1_AS_CP1252)


# A word a PDF breaks at the end of a line ("adres-" / "ses") is read both ways: as printed, and joined.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


def texts_to_search(body: bytes, content_type: str = "") -> list[str]:
    """The page's text, normalised; for a PDF, also with the words broken at line ends joined."""
    text = page_text(body, content_type)
    joined = _LINE_END_HYPHEN.sub("", text)
    return [normalise(text)] + ([normalise(joined)] if joined != text else [])


def decode_plain(body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8", "windows-1252"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", errors="replace")


def html_text(body: bytes, charset: str | None = None) -> str:
    from bs4 import BeautifulSoup  # imported here: the site build never needs it

    # The charset of the Content-Type header wins (as in a browser); without one, BeautifulSoup
    # reads the <meta> declaration, then guesses.
    soup = BeautifulSoup(body, "html.parser", from_encoding=charset)
    for tag in soup(SKIPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return soup.get_text()


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as error:
        raise Unreadable(f"PDF not readable ({error})") from None


# ------------------------------------------------------------------ fetching, politely

@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


Fetch = Callable[[str, float], Response]  # (url, timeout) -> Response; raises OSError when no answer

# http and https only (no file:, no ftp:, not even after a redirect).
_OPENER = urllib.request.OpenerDirector()
for _handler in (urllib.request.HTTPHandler, urllib.request.HTTPSHandler, urllib.request.HTTPRedirectHandler,
                 urllib.request.HTTPDefaultErrorHandler, urllib.request.HTTPErrorProcessor):
    _OPENER.add_handler(_handler())


def http_get(url: str, timeout: float) -> Response:
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept-Language": "fr,en;q=0.5",
        "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Response(response.geturl(), response.status, response.headers.get("Content-Type", ""),
                            response.read(MAX_BYTES))
    except urllib.error.HTTPError as error:
        error.close()
        return Response(error.geturl() or url, error.code, "", b"")


class HostGate:
    """One request at a time per host, `delay` seconds apart; different hosts in parallel."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.delay, self.sleep, self.clock = delay, sleep, clock
        self.locks: dict[str, threading.Lock] = {}
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self.guard:
            lock = self.locks.setdefault(host, threading.Lock())
        with lock:
            if host in self.last:
                wait = self.last[host] + self.delay - self.clock()
                if wait > 0:
                    self.sleep(wait)
            try:
                yield
            finally:
                self.last[host] = self.clock()


def no_answer(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "no answer (timed out)"
    return f"no answer ({reason})"


# ------------------------------------------------------------------ what is cited, from where

@dataclass(frozen=True)
class Citation:
    source: str  # source record id
    quote: str
    file: str  # e.g. data/entities/x.yaml
    line: int  # the line of the quote
    record: str  # id of the citing record

    @property
    def key(self) -> str:
        return quote_key(self.quote)


@dataclass(frozen=True)
class Target:
    source: str
    urls: tuple[tuple[str, str], ...]  # (field, url), in the order they are tried
    file: str
    line: int


def find_citations(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(path, citation) for every mapping with a `source` and a `quote`, at any depth."""
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and isinstance(value.get("quote"), str):
            yield path, value
        for key, item in value.items():
            yield from find_citations(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from find_citations(item, path + (index,))


def citations_and_targets(data_root: Path) -> tuple[list[Citation], dict[str, Target]]:
    loaded = load_data(data_root)
    records = loaded.records + ([loaded.categories] if loaded.categories else [])
    citations = []
    for record in records:
        for path, citation in find_citations(record.data):
            citations.append(Citation(citation["source"].strip(), citation["quote"], record.file,
                                      record.line(path + ("quote",)), record.id or record.stem))
    targets = {}
    for record in loaded.in_collection("sources"):
        data = record.data
        urls = []
        original = data.get("original") if isinstance(data.get("original"), dict) else {}
        if isinstance(data.get("url"), str) and data["url"].strip():
            urls.append(("url", data["url"].strip(), ("url",)))
        elif isinstance(original.get("url"), str) and original["url"].strip():
            urls.append(("original.url", original["url"].strip(), ("original", "url")))
        if urls and isinstance(data.get("archive"), str) and data["archive"].strip():
            urls.append(("archive", data["archive"].strip(), ("archive",)))
        if urls:
            source_id = record.id or record.stem
            targets[source_id] = Target(source_id, tuple((f, u) for f, u, _ in urls), record.file,
                                        record.line(urls[0][2]))
    citations.sort(key=lambda c: (c.file, c.line, c.source))
    return citations, targets


# ------------------------------------------------------------------ checking one source

@dataclass
class SourceCheck:
    source: str
    status: str  # "answered" or "unreachable"
    fetched: str | None = None  # the first URL that answered, after redirects
    error: str = ""  # why a URL could not be read ("url: HTTP 404; archive: no answer (timed out)")
    # quote key -> (field, URL) where it was found ("url", "original.url" or "archive"), or None
    found_at: dict[str, tuple[str, str] | None] = field(default_factory=dict)

    def found(self, key: str) -> bool | None:
        """True, False, or None when the source did not answer (not checked)."""
        return None if self.status != "answered" else self.found_at.get(key) is not None


def check_source(target: Target, quotes: dict[str, list[str]], fetch: Fetch, timeout: float,
                 gate: HostGate) -> SourceCheck:
    """Read the source's URL; read its archive too when the URL does not answer or lacks a quote."""
    check = SourceCheck(target.source, "unreachable")
    missing = set(quotes)
    errors = []
    read = set()
    for field_name, url in target.urls:
        if check.fetched and not missing:
            break
        if url in read:
            continue
        read.add(url)
        try:
            with gate.turn(url):
                response = fetch(url, timeout)
        except (OSError, ValueError) as error:  # URLError, timeouts, refused connections
            errors.append(f"{field_name}: {no_answer(error)}")
            continue
        if not 200 <= response.status < 300:
            errors.append(f"{field_name}: HTTP {response.status}")
            continue
        try:
            texts = texts_to_search(response.body, response.content_type)
        except Unreadable as error:
            errors.append(f"{field_name}: {error}")
            continue
        check.status = "answered"
        check.fetched = check.fetched or response.url
        for key in sorted(missing):
            if any(contains_quote(text, quotes[key]) for text in texts):
                check.found_at[key] = (field_name, response.url)
        missing -= check.found_at.keys()
    if check.status == "answered":
        for key in missing:
            check.found_at[key] = None
    check.error = "; ".join(errors)
    return check


def check_sources(citations: list[Citation], targets: dict[str, Target], fetch: Fetch = http_get,
                  timeout: float = 30.0, delay: float = 2.0, workers: int = 4,
                  sleep: Callable[[float], None] = time.sleep) -> dict[str, SourceCheck]:
    """Check every cited source that has a URL; a source nobody cites is not fetched."""
    quotes: dict[str, dict[str, list[str]]] = {}
    for citation in citations:
        if citation.source in targets:
            quotes.setdefault(citation.source, {})[citation.key] = quote_parts(citation.quote)
    gate = HostGate(delay, sleep)
    order = [targets[source] for source in sorted(quotes)]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        checks = list(pool.map(lambda t: check_source(t, quotes[t.source], fetch, timeout, gate), order))
    return {check.source: check for check in checks}


# ------------------------------------------------------------------ results file

def load_results(path: Path) -> dict:
    """The results file, or empty results when it does not exist (or is not ours)."""
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"sources": {}}
    if not isinstance(results, dict) or not isinstance(results.get("sources"), dict):
        return {"sources": {}}
    return results


def merge_results(previous: dict, checks: dict[str, SourceCheck], citations: list[Citation], today: str,
                  known_sources: Iterable[str] | None = None) -> dict:
    """New results: the sources checked now replace their previous entry (their quotes that are no
    longer cited are dropped; a source that did not answer keeps its quotes' last results); the
    other sources keep theirs, unless `known_sources` is given and they are no longer in it."""
    sources = {k: v for k, v in previous.get("sources", {}).items() if isinstance(v, dict)}
    if known_sources is not None:
        known = set(known_sources)
        sources = {k: v for k, v in sources.items() if k in known}
    cited: dict[str, set[str]] = {}
    for citation in citations:
        cited.setdefault(citation.source, set()).add(citation.key)
    for source, check in checks.items():
        before = sources.get(source, {})
        old_quotes = before.get("quotes", {}) if isinstance(before.get("quotes"), dict) else {}
        entry: dict[str, Any] = {"checked": today, "status": check.status}
        if check.status == "answered":
            entry["fetched"] = check.fetched
            entry["last_answered"] = today
            quotes = {}
            for key in sorted(cited.get(source, ())):
                at = check.found_at.get(key)
                result: dict[str, Any] = {"found": at is not None, "checked": today}
                if at is not None:
                    result.update(last_found=today, at=at[1])
                elif isinstance(old_quotes.get(key), dict) and old_quotes[key].get("last_found"):
                    result["last_found"] = old_quotes[key]["last_found"]
                quotes[key] = result
        else:
            entry["error"] = check.error
            if before.get("last_answered"):
                entry["last_answered"] = before["last_answered"]
            quotes = {key: old_quotes[key] for key in sorted(cited.get(source, ())) if key in old_quotes}
        entry["quotes"] = quotes
        sources[source] = entry
    return {"sources": dict(sorted(sources.items()))}


def dump_results(results: dict) -> str:
    return json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_results(path: Path, results: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(dump_results(results), encoding="utf-8")
    os.replace(temporary, path)


def quote_check(results: dict | None, source_id: str, quote: str) -> dict | None:
    """The last result for one citation, for the site: None when it was never checked, else
    {"found": True | False | None (its source never answered a check), "checked": date of the last
    check of this quote or None, "last_found": date or None, "at": URL where found or None,
    "source_status": "answered" | "unreachable", "source_checked": date of the last attempt}.

    The site shows "vérifiée le {checked}" when found, "introuvable lors de la dernière
    vérification ({checked})" when not found."""
    source = ((results or {}).get("sources") or {}).get(source_id)
    if not isinstance(source, dict):
        return None
    entry = (source.get("quotes") or {}).get(quote_key(quote))
    if not isinstance(entry, dict):
        if source.get("status") != "unreachable":
            return None  # the source answered but this quote was not cited then
        entry = {}
    return {"found": entry.get("found"), "checked": entry.get("checked"), "last_found": entry.get("last_found"),
            "at": entry.get("at"), "source_status": source.get("status"), "source_checked": source.get("checked")}


# ------------------------------------------------------------------ what changed, reports

@dataclass
class Changes:
    lost: list[Citation] = field(default_factory=list)  # not found now; found before, or never checked
    regained: list[Citation] = field(default_factory=list)  # found now; not found at the last check
    unreachable: list[str] = field(default_factory=list)  # sources that answered before (or are new)
    answering: list[str] = field(default_factory=list)  # sources that answer again

    def __bool__(self) -> bool:
        return bool(self.lost or self.regained or self.unreachable or self.answering)


def changes_since(previous: dict, checks: dict[str, SourceCheck], citations: list[Citation]) -> Changes:
    changes = Changes()
    before = previous.get("sources", {})
    for source, check in sorted(checks.items()):
        was = before.get(source) if isinstance(before.get(source), dict) else {}
        if check.status == "unreachable" and was.get("status") != "unreachable":
            changes.unreachable.append(source)
        if check.status == "answered" and was.get("status") == "unreachable":
            changes.answering.append(source)
    for citation in citations:
        check = checks.get(citation.source)
        if check is None or check.status != "answered":
            continue
        was = ((before.get(citation.source) or {}).get("quotes") or {}).get(citation.key) or {}
        if check.found(citation.key) is False and was.get("found") is not False:
            changes.lost.append(citation)
        elif check.found(citation.key) and was.get("found") is False:
            changes.regained.append(citation)
    return changes


def cell(text: str) -> str:
    """A Markdown table cell: no line break, no `|`, no HTML, no @mention of a GitHub user."""
    text = " ".join(str(text).split())
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "@\u200b")


def short(quote: str, limit: int = 120) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def citation_rows(citations: list[Citation], targets: dict[str, Target], checks: dict[str, SourceCheck]) -> list[str]:
    rows = ["| Fichier (file) | Source | Citation (quote) | Page lue (page read) |", "| --- | --- | --- | --- |"]
    for c in citations:
        check = checks.get(c.source)
        read = (check.fetched if check else None) or (targets[c.source].urls[0][1] if c.source in targets else "")
        rows.append(f"| {cell(c.file)}:{c.line} | {cell(c.source)} | «\u00a0{cell(short(c.quote))}\u00a0» | "
                    f"{cell(read)} |")
    return rows


def source_rows(sources: list[str], targets: dict[str, Target], checks: dict[str, SourceCheck]) -> list[str]:
    rows = ["| Source | Fichier (file) | Réponse (answer) |", "| --- | --- | --- |"]
    for source in sources:
        target = targets.get(source)
        where = f"{cell(target.file)}:{target.line}" if target else ""
        rows.append(f"| {cell(source)} | {where} | {cell(checks[source].error if source in checks else '')} |")
    return rows


def counts(citations: list[Citation], checks: dict[str, SourceCheck], targets: dict[str, Target]) -> dict[str, int]:
    tally = {"citations": len(citations), "sources": len(checks), "found": 0, "not_found": 0, "unreachable": 0,
             "no_url": 0, "archive_only": 0}
    for citation in citations:
        check = checks.get(citation.source)
        if citation.source not in targets or check is None:
            tally["no_url"] += 1
        elif check.status != "answered":
            tally["unreachable"] += 1
        elif check.found(citation.key):
            tally["found"] += 1
            if check.found_at[citation.key][0] == "archive":
                tally["archive_only"] += 1
        else:
            tally["not_found"] += 1
    return tally


def summary_line(tally: dict[str, int]) -> str:
    t = tally
    return (f"{t['citations']} citations, {t['sources']} sources interrogées : {t['found']} trouvées "
            f"(dont {t['archive_only']} dans la seule copie archivée), {t['not_found']} introuvables, "
            f"{t['unreachable']} non vérifiées (source injoignable), {t['no_url']} sans URL "
            f"(*{t['citations']} citations, {t['sources']} sources asked: {t['found']} found "
            f"({t['archive_only']} only in the archived copy), {t['not_found']} not found, "
            f"{t['unreachable']} not checked (source unreachable), {t['no_url']} without a URL*).")


def changes_markdown(changes: Changes, citations: list[Citation], targets: dict[str, Target],
                     checks: dict[str, SourceCheck]) -> list[str]:
    lines = []
    for title, group in (("Citations introuvables depuis la dernière vérification (newly not found)", changes.lost),
                         ("Citations retrouvées (found again)", changes.regained)):
        if group:
            lines += [f"#### {title}", "", *citation_rows(group, targets, checks), ""]
    for title, group in (("Sources devenues injoignables (newly unreachable)", changes.unreachable),
                         ("Sources de nouveau joignables (answering again)", changes.answering)):
        if group:
            lines += [f"#### {title}", "", *source_rows(group, targets, checks), ""]
    return lines


def report_markdown(citations: list[Citation], targets: dict[str, Target], checks: dict[str, SourceCheck],
                    changes: Changes, today: str, limit: int = ISSUE_LIMIT) -> str:
    """The whole report (job summary, issue body): what changed, then what is wrong now."""
    lines = ["## Citations des sources (quote check)", "", f"Vérification du {today} (*checked on {today}*).", "",
             summary_line(counts(citations, checks, targets)), "",
             "### Changements depuis la dernière vérification (changes since the last check)", ""]
    lines += changes_markdown(changes, citations, targets, checks) or ["Aucun (*none*).", ""]
    missing = [c for c in citations if c.source in checks and checks[c.source].found(c.key) is False]
    unreachable = sorted(s for s, check in checks.items() if check.status != "answered")
    if missing:
        lines += ["### Toutes les citations introuvables (every quote not found)", "",
                  *citation_rows(missing, targets, checks), ""]
    if unreachable:
        lines += ["### Toutes les sources injoignables (every unreachable source)", "",
                  *source_rows(unreachable, targets, checks), ""]
    return cut("\n".join(lines) + "\n", limit)


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    end = text.rfind("\n", 0, limit - 200)
    return text[:end] + "\n\n… (liste coupée : voir le résumé du workflow ; *list cut: see the job summary*)\n"


def problems(citations: list[Citation], targets: dict[str, Target],
             checks: dict[str, SourceCheck]) -> list[tuple[str, Problem]]:
    """("error" | "warning", problem) for each citation not found or not checked, at its line."""
    found = []
    for c in citations:
        check = checks.get(c.source)
        if check is None:
            continue
        if check.status != "answered":
            found.append(("warning", Problem(c.file, c.line, f"source '{c.source}' did not answer ({check.error}): "
                                                             f"quote not checked")))
        elif not check.found(c.key):
            read = f"read {check.fetched}" + (f"; {check.error}" if check.error else "")
            found.append(("error", Problem(c.file, c.line, f"quote not found at source '{c.source}' ({read}): "
                                                           f"«\u00a0{short(c.quote, 80)}\u00a0»")))
    return found


def annotation(level: str, problem: Problem) -> str:
    return problem.github().replace("::error ", f"::{level} ", 1)


# ------------------------------------------------------------------ command line

def main(argv: list[str], fetch: Fetch = http_get, sleep: Callable[[float], None] = time.sleep,
         today: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check_quotes", description=(
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
    args = parser.parse_args(argv)
    today = today or dt.datetime.now(dt.UTC).date().isoformat()
    results_path = args.results or args.data / RESULTS_NAME

    citations, targets = citations_and_targets(args.data)
    if args.only:
        unknown = sorted(set(args.only) - {c.source for c in citations} - set(targets))
        if unknown:
            parser.error(f"no such source: {', '.join(unknown)}")
        citations = [c for c in citations if c.source in set(args.only)]
    checks = check_sources(citations, targets, fetch, args.timeout, args.delay, args.workers, sleep)

    previous = load_results(args.previous or results_path)
    changes = changes_since(previous, checks, citations)
    if not args.no_results:
        known = None if args.only else checks.keys()  # a full run forgets sources no longer cited
        write_results(results_path, merge_results(previous, checks, citations, today, known))
    for level, problem in problems(citations, targets, checks):
        print(annotation(level, problem) if args.format == "github" else str(problem))
    if args.report:
        args.report.write_text(report_markdown(citations, targets, checks, changes, today), encoding="utf-8")
    if args.changes:
        if changes:
            body = [f"## Citations des sources : changements du {today} (*quote check: changes*)", "",
                    *changes_markdown(changes, citations, targets, checks)]
            args.changes.write_text(cut("\n".join(body) + "\n", ISSUE_LIMIT), encoding="utf-8")
        elif args.changes.exists():
            args.changes.unlink()
    tally = counts(citations, checks, targets)
    print(summary_line(tally))
    return 1 if tally["not_found"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
