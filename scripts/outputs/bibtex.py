"""sources.bib: every source as the publication it is, in BibTeX that the standard styles format
(tests/outputs/test_bibtex.py runs pybtex's `plain` style on every entry).

- A press article with an author and a date is an @article (journal: its publisher); any
  other source (a web page, an official document, a press page without byline) is a @misc:
  `plain` needs an author and a year for an @article, and a web page has no journal.
- `year` and `month` (a month macro: `mar`, which styles print as a name) come from the
  publication date, `date` holds it whole (biblatex); an undated source has neither.
- `author` only when the source names one; `urldate` is the day we read it.
- A copy or mirror (`original`) is cited as the original document (its title, authors,
  publisher, date, URL); the copy we read is in `note`.
- A source that shows no title has no `title`: our description of it goes in `note`."""
from __future__ import annotations

from typing import Any

from ..model.records import Record
from ..model.text import iso_date, plain
from ..render.citations import MONTHS, bibtex_entry, bibtex_escape

PRESS = ("press", "trade-press")
LANGUAGES = {"fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian",
             "pt": "portuguese", "nl": "dutch"}


def sources_bib(records: list[Record]) -> str:
    entries = [source_bibtex(record) for record in records if record.collection == "sources"]
    return "\n\n".join(entries) + "\n" if entries else ""


def cited_work(data: dict[str, Any]) -> dict[str, Any]:
    """What the entry describes: the source itself, or for a copy the original it copies
    (each field of the original that is known; the copy's own where the original's is not)."""
    original = data.get("original") or {}
    if not original:
        return data
    work = {key: original[key] for key in ("title", "publisher", "authors", "published", "url")
            if original.get(key)}
    if "title" not in work and data.get("title"):
        work["title"] = data["title"]
    if "title" not in work:
        work["description"] = data.get("description")
    work.setdefault("publisher", data.get("publisher"))
    if "published" not in work:
        work["undated"] = True
    return work


def entry_type(kind: str, work: dict[str, Any]) -> str:
    if kind in PRESS and work.get("authors") and iso_date(work.get("published")) and work.get("title"):
        return "article"
    return "misc"


def source_bibtex(record: Record) -> str:
    """The original publication (not our page about it); key: the source id."""
    data = record.data
    work = cited_work(data)
    kind = entry_type(data.get("kind", ""), work)
    published = iso_date(work.get("published"))
    copy = bool(data.get("original"))
    notes = []
    if not work.get("title") and work.get("description"):
        notes.append(plain(work["description"]))
    if copy:
        notes.append(f"Consulté dans une copie : {data.get('publisher', '')}, {data.get('url', '')}".rstrip(", "))
    if data.get("archive"):
        notes.append(f"Archive : {data['archive']}")
    fields = {
        "author": " and ".join("{" + bibtex_escape(a) + "}" for a in work.get("authors") or []),
        # in a second pair of braces: styles keep its capitals (names, acronyms) as written
        "title": "{" + bibtex_escape(work["title"]) + "}" if work.get("title") else "",
        ("journal" if kind == "article" else "howpublished"): work.get("publisher", ""),
        "year": published[:4],
        "month": MONTHS[int(published[5:7]) - 1] if len(published) >= 7 else "",
        "date": published,
        "url": work.get("url") or data.get("url", ""),
        "urldate": iso_date(data.get("accessed")),
        "note": ". ".join(notes),
        "language": LANGUAGES.get(data.get("language", ""), data.get("language", "")),
    }
    return bibtex_entry(kind, record.id, fields, raw={"author", "title"}, macros={"month"})
