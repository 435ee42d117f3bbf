"""The results file (data/checks/quotes.json, format in scripts/load/quote_checks.py): the new
results merged with the previous ones, and what changed since the last check."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .citations import Citation
from .matching import SourceCheck


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


@dataclass
class Changes:
    """What changed since the last check: the issue hears only of this."""
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
