"""Stage 4, render: the Markdown (front matter + escaped HTML) of every page of the site.

Plain Python and Jinja (autoescape on); MkDocs is not imported here. Each page is given its own
URL so that every link it prints is relative, and works under any site prefix."""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from markupsafe import Markup

from . import citations, diagrams, metadata
from .collections import COLLECTIONS
from .index import Index, display_title
from .load import Record
from .text import french_date, inline, pick, plain, shorten

TEMPLATES = Path(__file__).parent / "templates"

STATUS = {
    "documented": ("Documenté", "Preuve primaire : page officielle, registre, régulateur ou l’entreprise elle-même."),
    "reported": ("Rapporté", "Rapporté par la presse."),
    "alleged": ("Allégué", "Affirmé, non corroboré."),
    "disputed": ("Contesté", "Contesté : voir la note."),
    "retracted": ("Retiré", "Retiré par nous ; reste visible avec sa correction."),
}
KINDS = {
    "group": "Groupe", "company": "Société", "division": "Division", "programme": "Programme",
    "brand": "Marque", "public-body": "Organisme public", "association": "Association", "audience": "Public",
}
MECHANISMS = {
    "collection": "Collecte", "transfer": "Transfert", "rental": "Location", "sale": "Vente",
    "enrichment": "Enrichissement", "matching": "Rapprochement", "centralisation": "Centralisation",
    "publication": "Publication",
}
LEGAL_BASES = {
    "consent": "Consentement (art. 6.1.a)", "contract": "Contrat (art. 6.1.b)",
    "legal-obligation": "Obligation légale (art. 6.1.c)", "vital-interests": "Intérêts vitaux (art. 6.1.d)",
    "public-task": "Mission d’intérêt public (art. 6.1.e)",
    "legitimate-interests": "Intérêts légitimes (art. 6.1.f)", "unknown": "Inconnue (aucune source ne la précise)",
}
SOURCE_KINDS = {
    "press": "Presse", "trade-press": "Presse professionnelle", "blog": "Blog", "forum": "Forum",
    "ngo": "ONG", "official": "Officiel", "company": "Entreprise", "regulator": "Régulateur",
    "register": "Registre", "parliament": "Parlement", "job-ad": "Offre d’emploi", "wiki": "Wiki",
    "document": "Document", "legislation": "Texte juridique",
}
QUALIFIERS = {"exact": "", "more-than": "plus de ", "about": "environ ", "up-to": "jusqu’à "}
RECORD_TEMPLATES = {"entities": "entity.html", "datasets": "dataset.html", "flows": "flow.html",
                    "sources": "source.html"}
COLLECTION_LABELS = {"entities": "Entité", "datasets": "Fichier", "flows": "Flux", "sources": "Source",
                     "events": "Événement"}
SIREN_URL = "https://annuaire-entreprises.data.gouv.fr/entreprise/{}"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"


@dataclass(frozen=True)
class IndexPage:
    src_uri: str  # e.g. "groupe/index.md"
    title: str
    description: str
    template: str

    @property
    def url(self) -> str:
        return posixpath.dirname(self.src_uri) + "/"


INDEX_PAGES = [
    IndexPage("groupe/index.md", "Le groupe", "L’arborescence du groupe La Poste : qui possède quoi.", "groupe.html"),
    IndexPage("entites/index.md", "Annuaire des entités",
              "Toutes les entités, par nom, par type et par étiquette.", "entites.html"),
    IndexPage("fichiers/index.md", "Fichiers de données personnelles",
              "Les bases de données personnelles : détenteur, catégories, taille.", "fichiers.html"),
    IndexPage("flux/index.md", "Carte des flux", "Les flux de données personnelles entre entités et fichiers.",
              "flux.html"),
    IndexPage("categories/index.md", "Catégories de données",
              "Quelles catégories de données personnelles chaque fichier et chaque flux contient.", "categories.html"),
    IndexPage("sources/index.md", "Bibliographie", "Toutes les sources citées, avec ce qui les cite.",
              "sources.html"),
    IndexPage("chronologie/index.md", "Chronologie", "Les événements datés, du plus ancien au plus récent.",
              "chronologie.html"),
    IndexPage("corrections/index.md", "Journal des corrections",
              "Toutes les corrections apportées aux fiches après publication, la plus récente d’abord.",
              "corrections.html"),
]
TIMELINE_URL = "chronologie/"
# Atom feeds, written by scripts/feeds.py when the site's absolute URL is known.
CORRECTIONS_FEED_URL = "corrections/feed.xml"
NEWS_FEED_URL = "nouveautes.xml"
FEEDS = {CORRECTIONS_FEED_URL: "Journal des corrections", NEWS_FEED_URL: "Nouvelles fiches et mises à jour"}


# --- URLs ---------------------------------------------------------------------------------

def record_src_uri(record: Record) -> str:
    """Source path of a record's generated page, e.g. `entites/la-poste.md`."""
    return f"{COLLECTIONS[record.collection].url_segment}/{record.id}.md"


def record_url(record: Record) -> str:
    """URL of a record's page relative to the site root; events live on the timeline."""
    segment = COLLECTIONS[record.collection].url_segment
    if segment is None:
        return f"{TIMELINE_URL}#{record.id}"
    return f"{segment}/{record.id}/"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url` (both relative to the site root,
    directory style: `entites/x/`, `sources/`, `` for the home page; `to_url` may carry #anchor).
    Plain string work: posixpath.relpath cost a second per thousand pages."""
    target, _, anchor = to_url.partition("#")
    link = ""
    if target or not anchor:
        here = from_url.split("/")[:-1]  # folders of the page: `entites/x/` -> [entites, x]
        there = target.split("/")
        shared = 0
        while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
            shared += 1
        link = "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"
    return link + (f"#{anchor}" if anchor else "")


def absolute_url(site_url: str | None, url: str) -> str:
    """The URL a reader cites: on `site_url` when known, else root-relative."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url


# --- dates and numbers ----------------------------------------------------------------------

def period(since: Any, until: Any) -> str:
    if since and until:
        return f"de {french_date(since)} à {french_date(until)}"
    if since:
        return f"depuis {french_date(since)}"
    if until:
        return f"jusqu’à {french_date(until)}"
    return ""


def number(value: Any) -> str:
    """`15000000` -> `15 000 000` (French thin spaces)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return str(value).replace(".", ",")


# --- rendering ----------------------------------------------------------------------------

class Counter:
    """Numbers the citations of one page, in reading order."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


@dataclass(frozen=True)
class Site:
    """What every page of one build shares."""
    name: str  # the site's name (MkDocs site_name): the author in citations and metadata
    url: str | None = None  # the published site's absolute URL; None: links stay root-relative
    updated: dict[str, str] = field(default_factory=dict)  # record file -> ISO date of last change
    build_date: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).date().isoformat())

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
    url: str  # relative to the site root, e.g. "entites/la-poste/"
    site: Site | None = None  # None for fragments of hand-written pages (macros)


_environment: Environment | None = None
# Compiled templates, ours and Material's, kept between builds in the user's temporary folder
# (Jinja checks each against its source): compiling Material's templates took a second of
# every build and of every `mkdocs serve` rebuild.
TEMPLATE_CACHE = FileSystemBytecodeCache()


def environment() -> Environment:
    global _environment
    if _environment is None:
        _environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                   bytecode_cache=TEMPLATE_CACHE, trim_blocks=True, lstrip_blocks=True,
                                   keep_trailing_newline=False)
        _environment.filters.update(date=french_date, number=number, text=inline, plain=plain)
        _environment.globals.update(STATUS=STATUS, KINDS=KINDS, MECHANISMS=MECHANISMS, LEGAL_BASES=LEGAL_BASES,
                                    SOURCE_KINDS=SOURCE_KINDS, QUALIFIERS=QUALIFIERS, pick=pick,
                                    period=period, COLLECTION_LABELS=COLLECTION_LABELS, SIREN_URL=SIREN_URL,
                                    WIKIDATA_URL=WIKIDATA_URL, FEEDS=FEEDS,
                                    text_fragment_url=citations.text_fragment_url)
    return _environment


def helpers(index: Index, page: PageInfo) -> dict[str, Callable]:
    """Functions the templates call; they close over the page so that links are relative."""

    def href(target: Record | str | None, anchor: str = "") -> str:
        record = index.get(target) if isinstance(target, str) else target
        if record is None:
            return ""
        url = record_url(record)
        return relative_url(page.url, url + (f"#{anchor}" if anchor and "#" not in url else ""))

    def to(url: str) -> str:
        return relative_url(page.url, url)

    def title(target: Record | str | None) -> str:
        record = index.get(target) if isinstance(target, str) else target
        return display_title(record) if record is not None else str(target)

    return {"href": href, "to": to, "title": title, "index": index,
            "counter": Counter(), "page_url": page.url, "record_url": record_url,
            "has_feeds": bool(page.site and page.site.has_feeds),
            "diagram": lambda record: Markup(diagrams.neighbourhood_svg(record, index, href))}


def page_meta(title: str, description: str) -> dict[str, Any]:
    """A generated page's metadata. Title and description are HTML-escaped here because
    Material prints them unescaped in the <title>, the header and <meta name="description">."""
    return {
        "render_macros": False,
        "title": Markup.escape(title).__str__(),
        "description": Markup.escape(shorten(description, 200)).__str__(),
        "hide": ["toc"],  # the body is one HTML block: Markdown finds no heading to list
    }


def front_matter(title: str, description: str) -> str:
    return front_matter_text(page_meta(title, description))


def front_matter_text(meta: dict[str, Any]) -> str:
    # A JSON string is a valid YAML scalar: no YAML dumper per page (a second per thousand pages).
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n\n"


def compact(html: str) -> str:
    """Drop blank lines, so that Markdown keeps each HTML block whole."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


@dataclass
class Extras:
    """HTML of the citation kit for one record page (all already safe)."""
    cite_box: Markup = Markup("")
    claim_boxes: dict[str, Markup] = field(default_factory=dict)
    claim_links: dict[str, Markup] = field(default_factory=dict)
    head: Markup = Markup("")


def record_extras(record: Record, index: Index, site: Site) -> Extras:
    """Citation boxes (page and claims), claim permalinks and <head> metadata."""
    extras = Extras()
    url = absolute_url(site.url, record_url(record))
    updated, is_build_date = site.updated_of(record)
    updated = None if is_build_date else updated  # the kit says so when there is no history
    extras.cite_box = Markup(citations.cite_box_html(record, url, updated, site_name=site.name))
    for claim in record.data.get("claims") or []:
        extras.claim_boxes[claim["id"]] = Markup(
            citations.cite_box_html(record, url, updated, claim=claim, site_name=site.name))
        extras.claim_links[claim["id"]] = Markup(citations.claim_link_html(url, claim["id"]))
    extras.head = Markup(metadata.head_html(record, index, url, updated, site.name))
    return extras


def feed_links_html(site: Site) -> Markup:
    """<link rel="alternate"> tags that let feed readers find the Atom feeds (every page's
    <head>); nothing when the feeds are not written."""
    if not site.has_feeds:
        return Markup("")
    return Markup("\n").join(
        Markup('<link rel="alternate" type="application/atom+xml" href="{}" title="{} — {}">').format(
            absolute_url(site.url, url), site.name, title)
        for url, title in FEEDS.items())


def render_record(record: Record, index: Index, site: Site, extras: Extras | None = None) -> str:
    """The Markdown of a record's page (entity, dataset, flow or source): front matter and
    one HTML block."""
    return record_front_matter(record) + record_body(record, index, site, extras)


def record_front_matter(record: Record) -> str:
    return front_matter_text(record_meta(record))


def record_meta(record: Record) -> dict[str, Any]:
    description = plain(record.data.get("summary")) or display_title(record)
    return page_meta(display_title(record), description)


def record_body(record: Record, index: Index, site: Site, extras: Extras | None = None) -> str:
    """The HTML of a record's page, every value escaped."""
    page = PageInfo(record_url(record), site)
    extras = extras if extras is not None else record_extras(record, index, site)
    template = environment().get_template(RECORD_TEMPLATES[record.collection])
    date, is_build_date = site.updated_of(record)
    return compact(template.render(record=record, data=record.data, extras=extras, updated=date,
                                   updated_is_build_date=is_build_date, **helpers(index, page)))


def render_index_page(page_def: IndexPage, index: Index, site: Site) -> str:
    """The Markdown of one index page (group tree, directory, flows, ...)."""
    return index_front_matter(page_def) + index_body(page_def, index, site)


def index_front_matter(page_def: IndexPage) -> str:
    return front_matter(page_def.title, page_def.description)


# Index pages: a block that starts more than this many lines of content (table rows, list
# items, headings) from the top and from the end of the page is off the first screen and off
# the last one even on a tall desktop screen; its template wraps it in a
# `<div class="{{ lazy(start, lines) }}">` (site.css: content-visibility: auto, laid out when
# the reader scrolls near it). The last screen stays laid out so that a link to a section at
# the end of the page lands exactly on it. Headings stay outside the wrappers: in Chromium a
# block not laid out yet is missing from the accessibility tree, the page's outline must not be.
LAZY_AFTER = 45
LAZY_SIZES = (3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)  # site.css has a class for each


class Deferral:
    """`lazy(start, block)` for an index template: `lp-lazy lp-hN` for a block (its HTML, or its
    number of lines) that starts `start` lines into the page, or "" when it is on the first
    screen or too small to be worth it. N, the nearest of LAZY_SIZES to the block's lines,
    sizes the placeholder it has until it is laid out. Whether a block is on the last screen
    is known once the whole page is rendered: `finish(html)` then unwraps those blocks."""

    def __init__(self):
        self.starts: list[int] = []  # of the blocks deferred so far, by their number
        self.end = 0  # where the last block asked about ends: the page's length, in the end

    def __call__(self, start: int, block: str | int) -> str:
        lines = block if isinstance(block, int) else estimated_lines(block)
        self.end = max(self.end, start + lines)
        if start <= LAZY_AFTER or lines < 3:
            return ""
        size = min(LAZY_SIZES, key=lambda n: max(n, lines) / min(n, lines))
        self.starts.append(start)
        return f"lp-lazy lp-h{size} lp-deferred-{len(self.starts) - 1}"

    def finish(self, html: str) -> str:
        def settle(match: re.Match) -> str:
            on_last_screen = self.end - self.starts[int(match[2])] <= LAZY_AFTER
            return "<div>" if on_last_screen else f'<div class="{match[1]}">'
        return DEFERRED_WRAPPER.sub(settle, html)


DEFERRED_WRAPPER = re.compile(r'<div class="(lp-lazy lp-h\d+) lp-deferred-(\d+)">')


def estimated_lines(html: str, per_line: int = 90) -> int:
    """Lines a block of HTML takes in a desktop column: one per paragraph, list item, quote or
    row, plus one per `per_line` characters of text (site.css turns lines into a height, with
    a factor of each index page for phones)."""
    blocks = sum(html.count(tag) for tag in ("<p", "<li", "<blockquote", "<tr"))
    return max(1, blocks + len(" ".join(Markup(html).striptags().split())) // per_line)


def index_body(page_def: IndexPage, index: Index, site: Site) -> str:
    page = PageInfo(page_def.url, site)
    template = environment().get_template(page_def.template)
    lazy = Deferral()
    return compact(lazy.finish(template.render(page_def=page_def, lazy=lazy, **helpers(index, page))))


def render_fragment(template_name: str, index: Index, page_url: str, **values: Any) -> Markup:
    """A piece of HTML for a hand-written page (macros): `page_url` is that page's URL."""
    template = environment().get_template(template_name)
    html = template.render(**helpers(index, PageInfo(page_url)), **values)
    return Markup(compact(html))


def record_pages(index: Index) -> list[Record]:
    """Records that have a page of their own, in a stable order."""
    return [r for name, collection in COLLECTIONS.items() if collection.url_segment
            for r in index.by_collection[name]]
