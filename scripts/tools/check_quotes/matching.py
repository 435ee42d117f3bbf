"""Finding each quote on its source: a quote cut by elisions is found when each of its parts
is, in order; a source is read at its URL, then at its archive when the URL does not answer or
lacks a quote."""
from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ...model.quotes import normalise
from .citations import Citation, Target
from .extraction import Unreadable, texts_to_search
from .fetching import Fetch, HostGate, http_get, no_answer

# `[…]`, `[...]`, `(…)`, `(...)`, `…`, `...`: the author of the record cut the quote there.
ELISION = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")


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
