"""What is cited, and where to read it: every citation of every record, at the line of its
quote, and the URLs of each source in the order they are tried."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...load import load_data
from ...model.quotes import citations_in, quote_key


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


def citations_and_targets(data_root: Path) -> tuple[list[Citation], dict[str, Target]]:
    loaded = load_data(data_root)
    records = loaded.records + ([loaded.categories] if loaded.categories else [])
    citations = []
    for record in records:
        for path, citation in citations_in(record.data):
            citations.append(Citation(citation["source"].strip(), citation["quote"], record.file,
                                      record.line(path + ("quote",)), record.id or record.stem))
    targets = {}
    for record in loaded.in_collection("sources"):
        target = target_of(record)
        if target is not None:
            targets[target.source] = target
    citations.sort(key=lambda c: (c.file, c.line, c.source))
    return citations, targets


def target_of(record) -> Target | None:
    """Where a source is read: its `url` (else its original's), then its `archive`."""
    data = record.data
    urls = []
    original = data.get("original") if isinstance(data.get("original"), dict) else {}
    if isinstance(data.get("url"), str) and data["url"].strip():
        urls.append(("url", data["url"].strip(), ("url",)))
    elif isinstance(original.get("url"), str) and original["url"].strip():
        urls.append(("original.url", original["url"].strip(), ("original", "url")))
    if urls and isinstance(data.get("archive"), str) and data["archive"].strip():
        urls.append(("archive", data["archive"].strip(), ("archive",)))
    if not urls:
        return None
    source_id = record.id or record.stem
    return Target(source_id, tuple((f, u) for f, u, _ in urls), record.file, record.line(urls[0][2]))
