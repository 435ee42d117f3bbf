"""The Jinja environment of the pages we render (autoescape on: data is text, never markup), and
what every template receives. The contract between the build and the templates is written here:

- filters: `date` (French date), `number` (French digits), `text` (a text field as safe inline
  HTML), `plain` (a text field as plain text);
- globals: the vocabulary's labels (`STATUS`, `STATUS_HELP`, `KINDS`, `MECHANISMS`,
  `LEGAL_BASES`, `SOURCE_KINDS`, `QUALIFIERS`, `RULE_KINDS`, `SITUATIONS`, `REQUESTS`, `COLLECTION_NAMES`), `urls` (scripts/model/urls.py),
  `letters` (render/letters.py: what each letter stands on),
  `pick`, `period`, `text_fragment_url`, `SIREN_URL`, `WIKIDATA_URL`, `FEEDS`;
- per page (`page_helpers`): `href(record or id, anchor)`, `to(page path)`, `title(record or
  id)`, `index`, `counter`, `page_url`, `diagram(record)` (a record's neighbourhood; a flow's
  flow diagram), `flow_map()` (the map of every flow), `has_feeds`, `quote_check(citation)` (the
  quote check's last verdict on a citation, or None).

Templates live in render/templates/; MkDocs and Material are not involved here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from markupsafe import Markup

from ..index import Index
from ..load.quote_checks import Verdict
from ..model import urls
from ..model.collections import COLLECTIONS
from ..model.records import Record
from ..model.text import french_date, inline, number, period, pick, plain
from ..model.vocabulary import (
    ENTITY_KINDS,
    LEGAL_BASES,
    MECHANISMS,
    QUALIFIERS,
    REQUESTS,
    RULE_KINDS,
    SITUATIONS,
    SOURCE_KINDS,
    STATUS,
    helps,
    labels,
)
from . import citations, diagrams, flow_map, letters

TEMPLATES = Path(__file__).parent / "templates"
SIREN_URL = "https://annuaire-entreprises.data.gouv.fr/entreprise/{}"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"
FEEDS = {urls.CORRECTIONS_FEED: "Journal des corrections", urls.NEWS_FEED: "Nouvelles fiches et mises à jour"}

# Compiled templates, ours and Material's, kept between builds in the user's temporary folder
# (Jinja checks each against its source): compiling Material's templates took a second of
# every build and of every `mkdocs serve` rebuild.
TEMPLATE_CACHE = FileSystemBytecodeCache()
_environment: Environment | None = None


@dataclass(frozen=True)
class Site:
    """What every page of one build shares."""
    name: str  # the site's name (MkDocs site_name): the author in citations and metadata
    url: str | None = None  # the published site's absolute URL; None: links stay root-relative
    updated: dict[str, str] = field(default_factory=dict)  # record file -> ISO date of last change
    # The date the build stands for (scripts/load/git_dates.py: build_date): the date of the commit built.
    build_date: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).date().isoformat())
    added: dict[str, str] = field(default_factory=dict)  # record file -> ISO date of its first commit

    def updated_of(self, record: Record) -> tuple[str, bool]:
        """(ISO date of the record's last change, True when it is the build date because the
        file has no commit yet)."""
        date = self.updated.get(record.file)
        return (date, False) if date else (self.build_date, True)

    @property
    def has_feeds(self) -> bool:
        """Feeds are only written with the site's absolute URL (Atom ids must be absolute)."""
        return bool(self.url)


@dataclass(frozen=True)
class PageInfo:
    """What a page knows about itself while rendering."""
    url: str  # its page path, e.g. "entites/la-poste/"
    site: Site | None = None  # None for fragments of hand-written pages (macros)


class Counter:
    """Numbers the citations of one page, in reading order."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def environment() -> Environment:
    global _environment
    if _environment is None:
        _environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                   bytecode_cache=TEMPLATE_CACHE, trim_blocks=True, lstrip_blocks=True,
                                   keep_trailing_newline=False)
        _environment.filters.update(date=french_date, number=number, text=inline, plain=plain)
        _environment.globals.update(
            STATUS=labels(STATUS), STATUS_HELP=helps(STATUS), KINDS=labels(ENTITY_KINDS),
            MECHANISMS=labels(MECHANISMS), LEGAL_BASES=labels(LEGAL_BASES), SOURCE_KINDS=labels(SOURCE_KINDS),
            QUALIFIERS=labels(QUALIFIERS), RULE_KINDS=labels(RULE_KINDS), COLLECTION_NAMES={name: c.one.label() for name, c in COLLECTIONS.items()},
            urls=urls, pick=pick, period=period, SIREN_URL=SIREN_URL, WIKIDATA_URL=WIKIDATA_URL, FEEDS=FEEDS,
            text_fragment_url=citations.text_fragment_url, SITUATIONS=labels(SITUATIONS),
            REQUESTS=labels(REQUESTS), letters=letters)
    return _environment


def page_helpers(index: Index, page: PageInfo) -> dict[str, Any]:
    """Functions the templates call; they close over the page so that links are relative."""

    def record_of(target: Record | str | None) -> Record | None:
        return index.get(target) if isinstance(target, str) else target

    def href(target: Record | str | None, anchor: str = "") -> str:
        record = record_of(target)
        return urls.relative_url(page.url, urls.record_url(record, anchor)) if record is not None else ""

    def to(path: str) -> str:
        return urls.relative_url(page.url, path)

    def title(target: Record | str | None) -> str:
        record = record_of(target)
        return record.title() if record is not None else str(target)

    def diagram(record: Record) -> Markup:
        if record.collection == "flows":
            return Markup(flow_map.flow_figure(record, index, href, to))
        return Markup(diagrams.neighbourhood_svg(record, index, href))

    def quote_check(citation: dict) -> Verdict | None:
        return index.quote_checks.of(citation.get("source"), citation.get("quote"))

    def map_of_flows() -> Markup:
        return Markup(flow_map.map_figure(index, href, to))

    return {"href": href, "to": to, "title": title, "index": index, "counter": Counter(), "page_url": page.url,
            "has_feeds": bool(page.site and page.site.has_feeds), "diagram": diagram, "flow_map": map_of_flows,
            "quote_check": quote_check}
