"""The Jinja environment of the pages we render (autoescape on: data is text, never markup), and
what every template receives. The contract between the build and the templates is written here:

- filters, in the page's language (`lang`): `date`, `number`, `text` (a text field as safe
  inline HTML; on an English page, a text with no English is shown in French, marked
  `lang="fr"` with an "(in French)" note), `plain` (a text field as plain text);
- globals: `urls` (scripts/model/urls.py), `letters` (render/letters.py: what each letter stands
  on), `text_fragment_url`, `SIREN_URL`, `WIKIDATA_URL`;
- per page (`page_helpers`): `lang` (`fr`, or `en` for the pages under en/, taken from the
  page's path), `t(french, english)` (every interface word of a template goes through it:
  tests/render/test_translations.py fails on a bare word), the vocabulary's labels in that
  language (`STATUS`, `STATUS_HELP`, `KINDS`, `MECHANISMS`, `LEGAL_BASES`, `SOURCE_KINDS`,
  `QUALIFIERS`, `RULE_KINDS`, `SITUATIONS`, `REQUESTS`, `COLLECTION_NAMES`), `FEEDS`, `pick`, `period`,
  `href(record or id, anchor)` and `to(page path)` (links into the page's own language),
  `title(record or id)`, `index`, `counter`, `page_url`, `diagram(record)` (a record's
  neighbourhood; a flow's flow diagram), `flow_map()` (the map of every flow), `has_feeds`,
  `quote_check(citation)` (the quote check's last verdict on a citation, or None).

Templates live in render/templates/; MkDocs and Material are not involved here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, pass_context
from markupsafe import Markup

from ..index import Index
from ..load.quote_checks import Verdict
from ..model import urls
from ..model.collections import COLLECTIONS
from ..model.records import Record
from ..model.text import format_date, has_language, inline, number, period, pick, plain, tr
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
FEED_TITLES = {urls.CORRECTIONS_FEED: ("Journal des corrections", "Corrections log"),
               urls.NEWS_FEED: ("Nouvelles fiches et mises à jour", "New and updated pages")}


def feeds(lang: str = "fr") -> dict[str, str]:
    """{path of the feed in `lang`: its title}: each language has its own feeds."""
    return {urls.in_language(path, lang): tr(lang, *titles) for path, titles in FEED_TITLES.items()}


FEEDS = feeds("fr")

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
    english_name: str | None = None  # the site's name on the English pages (None: `name`)

    def name_in(self, lang: str) -> str:
        return (self.english_name or self.name) if lang == "en" else self.name

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
    url: str  # its page path, e.g. "entites/la-poste/" (or "en/entites/la-poste/" in English)
    site: Site | None = None  # None for fragments of hand-written pages (macros)

    @property
    def lang(self) -> str:
        return urls.language_of(self.url)


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
        _environment.filters.update(date=date_filter, number=number_filter, text=text_filter, plain=plain_filter)
        _environment.globals.update(urls=urls, SIREN_URL=SIREN_URL, WIKIDATA_URL=WIKIDATA_URL,
                                    text_fragment_url=citations.text_fragment_url, letters=letters,
                                    **vocabulary_in("fr"))
    return _environment


# -- filters: in the language of the page being rendered (`lang`, French when not given)

@pass_context
def date_filter(context, value: Any) -> str:
    return format_date(value, context.get("lang", "fr"))


@pass_context
def number_filter(context, value: Any) -> str:
    return number(value, context.get("lang", "fr"))


@pass_context
def plain_filter(context, value: Any) -> str:
    return plain(value, context.get("lang", "fr"))


UNTRANSLATED = Markup(' <span class="lp-untranslated">(in French)</span>')


@pass_context
def text_filter(context, value: Any) -> Markup:
    lang = context.get("lang", "fr")
    if has_language(value, lang):
        return inline(value, lang)
    return Markup('<span lang="fr">{}</span>').format(inline(value, "fr")) + UNTRANSLATED


def name_language(record: Record, lang: str) -> str:
    """The language a record's name is shown in on a page in `lang`: `lang` when it has one
    in it, a source's own language for its title, else French."""
    data = record.data
    named = data.get("name") or data.get("title") or data.get("description")
    if has_language(named, lang):
        return lang
    if record.collection == "sources" and "title" in data:
        return str(data.get("language") or urls.DEFAULT_LANGUAGE)
    return urls.DEFAULT_LANGUAGE


_vocabularies: dict[str, dict[str, Any]] = {}


def vocabulary_in(lang: str) -> dict[str, Any]:
    """The labels of the closed lists and the feeds' titles in `lang` (made once per language)."""
    if lang not in _vocabularies:
        _vocabularies[lang] = dict(
            STATUS=labels(STATUS, lang), STATUS_HELP=helps(STATUS, lang), KINDS=labels(ENTITY_KINDS, lang),
            MECHANISMS=labels(MECHANISMS, lang), LEGAL_BASES=labels(LEGAL_BASES, lang),
            SOURCE_KINDS=labels(SOURCE_KINDS, lang), QUALIFIERS=labels(QUALIFIERS, lang),
            RULE_KINDS=labels(RULE_KINDS, lang), SITUATIONS=labels(SITUATIONS, lang),
            REQUESTS=labels(REQUESTS, lang), FEEDS=feeds(lang),
            COLLECTION_NAMES={name: c.one.label(lang) for name, c in COLLECTIONS.items()})
    return _vocabularies[lang]


def page_helpers(index: Index, page: PageInfo) -> dict[str, Any]:
    """Functions the templates call; they close over the page so that links are relative and
    lead to pages of its language."""
    lang = page.lang

    def record_of(target: Record | str | None) -> Record | None:
        return index.get(target) if isinstance(target, str) else target

    def href(target: Record | str | None, anchor: str = "") -> str:
        record = record_of(target)
        if record is None:
            return ""
        return urls.relative_url(page.url, urls.in_language(urls.record_url(record, anchor), lang))

    def to(path: str) -> str:
        """A link to a page (in the page's language) or to a file (as it is)."""
        return urls.relative_url(page.url, urls.in_language(path, lang) if urls.is_page_path(path) else path)

    def title(target: Record | str | None) -> str:
        record = record_of(target)
        return record.title(lang) if record is not None else str(target)

    def name(target: Record | str | None) -> Markup:
        """A record's name as the page's text: on an English page, a name with no English (a
        French company's, a source's title in its own language) is marked with its language."""
        record = record_of(target)
        shown = title(target)
        if lang == urls.DEFAULT_LANGUAGE or record is None:
            return Markup.escape(shown)
        own = name_language(record, lang)
        return Markup.escape(shown) if own == lang else Markup('<span lang="{}">{}</span>').format(own, shown)

    def diagram(record: Record) -> Markup:
        if record.collection == "flows":
            return Markup(flow_map.flow_figure(record, index, href, to, lang))
        return Markup(diagrams.neighbourhood_svg(record, index, href, lang))

    def quote_check(citation: dict) -> Verdict | None:
        return index.quote_checks.of(citation.get("source"), citation.get("quote"))

    def map_of_flows() -> Markup:
        return Markup(flow_map.map_figure(index, href, to, lang))

    return {"href": href, "to": to, "title": title, "name": name, "index": index, "counter": Counter(), "page_url": page.url,
            "has_feeds": bool(page.site and page.site.has_feeds), "diagram": diagram, "flow_map": map_of_flows,
            "quote_check": quote_check, "lang": lang, "t": lambda fr, en: en if lang == "en" else fr,
            "pick": lambda text: pick(text, lang), "period": lambda since, until: period(since, until, lang),
            **vocabulary_in(lang)}
