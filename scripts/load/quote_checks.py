"""The results of the weekly quote check, data/checks/quotes.json (written by
`python -m scripts check-quotes`; JSON, so that the record loader never takes it for a record):

    {"sources": {"<source id>": {
        "checked": "YYYY-MM-DD",           # date of the last attempt
        "status": "answered" | "unreachable",
        "fetched": "<url read>",           # the first URL that answered (after redirects)
        "last_answered": "YYYY-MM-DD",     # the last date it answered
        "error": "<why not>",              # when unreachable
        "quotes": {"<quote_key(quote)>": {  # scripts/model/quotes.py
            "found": true | false,
            "checked": "YYYY-MM-DD",       # the last date this quote was looked for
            "last_found": "YYYY-MM-DD",    # the last date it was found (absent: never)
            "at": "<url where found>"}}}}} # absent when not found

The site reads it once per build (`QuoteChecks`) and shows on each citation the last result."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.quotes import quote_key

RESULTS_FILE = Path("checks") / "quotes.json"  # under the data folder
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def results_path(data_root: Path) -> Path:
    return Path(data_root) / RESULTS_FILE


def load_results(path: Path) -> dict:
    """The results file, or empty results when it does not exist (or is not ours)."""
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"sources": {}}
    if not isinstance(results, dict) or not isinstance(results.get("sources"), dict):
        return {"sources": {}}
    return results


def quote_check(results: dict | None, source_id: str, quote: str) -> dict | None:
    """The last result for one citation: None when it was never checked, else
    {"found": True | False | None (its source never answered a check), "checked": date of the last
    check of this quote or None, "last_found": date or None, "at": URL where found or None,
    "source_status": "answered" | "unreachable", "source_checked": date of the last attempt}."""
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


@dataclass(frozen=True)
class Verdict:
    """What a citation shows: `found` with the date of the last check that found it, or not
    found with the date of the last check that looked for it."""
    found: bool
    date: str


@dataclass
class QuoteChecks:
    """The verdict of every checked citation, by (source id, quote key): per citation, the key of
    its quote (about 10 µs) and one dictionary lookup; nothing at all for a source never checked."""
    verdicts: dict[tuple[str, str], Verdict] = field(default_factory=dict)
    sources: frozenset[str] = field(init=False)  # a quote of any other source is not even hashed

    def __post_init__(self) -> None:
        self.sources = frozenset(source for source, _ in self.verdicts)

    @classmethod
    def from_results(cls, results: dict) -> QuoteChecks:
        verdicts = {}
        for source_id, source in (results.get("sources") or {}).items():
            quotes = source.get("quotes") if isinstance(source, dict) else None
            for key, entry in (quotes if isinstance(quotes, dict) else {}).items():
                verdict = verdict_of(entry)
                if verdict is not None:
                    verdicts[(source_id, key)] = verdict
        return cls(verdicts)

    @classmethod
    def read(cls, data_root: Path) -> QuoteChecks:
        """The verdicts of data/checks/quotes.json (none when the file is absent or empty)."""
        return cls.from_results(load_results(results_path(data_root)))

    def of(self, source_id: str | None, quote: str | None) -> Verdict | None:
        if source_id not in self.sources or not isinstance(quote, str):
            return None
        return self.verdicts.get((source_id, quote_key(quote)))

    def __bool__(self) -> bool:
        return bool(self.verdicts)


def verdict_of(entry: object) -> Verdict | None:
    """The verdict a quote's entry gives; None for anything else (never checked, or not a
    result the check writes: the file comes in by pull request like any data)."""
    if not isinstance(entry, dict):
        return None
    found, date = entry.get("found"), entry.get("last_found") if entry.get("found") is True else entry.get("checked")
    if not isinstance(found, bool) or not isinstance(date, str) or not ISO_DAY.fullmatch(date):
        return None
    return Verdict(found, date)
