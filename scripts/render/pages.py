"""Stage 4, render: the pages generated from the data, as Markdown (a front matter and one HTML
block, every value escaped): a page per record and the index pages.

Every page exists in French (at its path) and in English (under en/, `urls.in_language`): the
language of a page is read from its path, and its template picks the texts of that language.

Plain Python and Jinja; MkDocs is not imported here. Each page is given its own URL so that
every link it prints is relative, and works under any site prefix."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from ..index import Index
from ..model import urls
from ..model.records import Record
from ..model.text import shorten, tr
from . import citations, metadata
from .environment import PageInfo, Site, environment, feeds, page_helpers
from .lazy import Deferral

RECORD_TEMPLATES = {"entities": "entity.html", "datasets": "dataset.html", "flows": "flow.html",
                    "sources": "source.html", "rules": "rule.html"}


@dataclass(frozen=True)
class IndexPage:
    path: str  # its page path, e.g. "groupe/" (scripts/model/urls.py); "en/groupe/" in English
    french_title: str
    french_description: str
    template: str
    english_title: str = ""
    english_description: str = ""

    in_section: bool = False  # a page inside a section of the navigation (`vos-droits/lettre/`)

    @property
    def src_uri(self) -> str:
        """The name MkDocs knows it by: `groupe/index.md`; `vos-droits/lettre.md` for a page in a
        section (an index.md would become the section's own page in Material's navigation)."""
        return self.path.removesuffix("/") + ".md" if self.in_section else self.path + "index.md"

    @property
    def lang(self) -> str:
        return urls.language_of(self.path)

    @property
    def title(self) -> str:
        return tr(self.lang, self.french_title, self.english_title)

    @property
    def description(self) -> str:
        return tr(self.lang, self.french_description, self.english_description)

    def in_language(self, lang: str) -> IndexPage:
        return replace(self, path=urls.in_language(self.path, lang))


FRENCH_INDEX_PAGES = [
    IndexPage(urls.GROUP, "Le groupe", "L’arborescence du groupe La Poste : qui possède quoi.", "groupe.html",
              "The group", "The La Poste group’s tree: who owns what."),
    IndexPage(urls.DIRECTORY, "Annuaire des entités",
              "Toutes les entités, par nom, par type et par étiquette.", "entites.html",
              "Directory of entities", "Every entity, by name, by type and by tag."),
    IndexPage(urls.DATASETS, "Fichiers de données personnelles",
              "Les bases de données personnelles : détenteur, catégories, taille.", "fichiers.html",
              "Personal data files", "The personal databases: holder, categories, size."),
    IndexPage(urls.FLOWS, "Carte des flux", "Les flux de données personnelles entre entités et fichiers.",
              "flux.html", "Map of the flows", "The flows of personal data between entities and files."),
    IndexPage(urls.CATEGORIES, "Catégories de données",
              "Quelles catégories de données personnelles chaque fichier et chaque flux contient.", "categories.html",
              "Data categories", "Which categories of personal data each file and each flow holds."),
    IndexPage(urls.SOURCES, "Bibliographie", "Toutes les sources citées, avec ce qui les cite.", "sources.html",
              "Bibliography", "Every source cited, with what cites it."),
    IndexPage(urls.RULES, "Les règles", "Les droits des personnes, les obligations des organismes, les dispositifs "
              "d’opposition et les recours, chacun cité au texte qui l’établit.", "droit.html",
              "The rules", "People’s rights, organisations’ duties, the opt-out schemes and the remedies, each "
              "cited to the text that lays it down."),
    IndexPage(urls.CONCERNED, "Suis-je concerné ?", "Les fichiers où votre situation vous place probablement : "
              "ce qu’ils contiennent, où vont les données, et ce que vous pouvez faire.", "concerne.html",
              "Am I concerned?", "The files your situation probably puts you in: what they hold, where the data "
              "goes, and what you can do.", in_section=True),
    IndexPage(urls.LETTER, "Écrire à un détenteur de vos données", "Une lettre de demande d’accès, d’opposition "
              "ou d’effacement, écrite dans votre navigateur : rien de ce que vous tapez ne quitte la page.",
              "lettre.html", "Write to a holder of your data", "A letter asking for access, objecting or asking "
              "for erasure, written in your browser: nothing you type leaves the page.", in_section=True),
    IndexPage(urls.TIMELINE, "Chronologie", "Les événements datés, du plus ancien au plus récent.",
              "chronologie.html", "Timeline", "The dated events, from the oldest to the most recent."),
    IndexPage(urls.CORRECTIONS, "Journal des corrections",
              "Toutes les corrections apportées aux fiches après publication, la plus récente d’abord.",
              "corrections.html", "Corrections log",
              "Every correction made to the pages after publication, the most recent first."),
]
# Every index page in both languages: the French ones, then their English counterparts.
INDEX_PAGES = FRENCH_INDEX_PAGES + [page.in_language("en") for page in FRENCH_INDEX_PAGES]


def record_pages(index: Index) -> list[Record]:
    """Records that have a page of their own, in a stable order."""
    return [record for name in RECORD_TEMPLATES for record in index.by_collection[name]]


# --- front matter ---------------------------------------------------------------------------

def page_meta(title: str, description: str) -> dict[str, Any]:
    """A generated page's metadata. Title and description are HTML-escaped here because
    Material prints them unescaped in the <title>, the header and <meta name="description">."""
    return {
        "render_macros": False,
        "title": str(Markup.escape(title)),
        "description": str(Markup.escape(shorten(description, 200))),
        "hide": ["toc"],  # the body is one HTML block: Markdown finds no heading to list
    }


def record_meta(record: Record, lang: str = "fr") -> dict[str, Any]:
    return page_meta(page_title(record, lang), record.summary(lang) or record.title(lang))


def page_title(record: Record, lang: str = "fr") -> str:
    """The page's <title>: a source's title with its publisher, so that it differs from the
    page of what it is about (the entity Geopost, and Wikipedia's article "Geopost")."""
    if record.collection == "sources" and record.data.get("publisher"):
        return f"{record.title(lang)} ({record.data['publisher']})"
    return record.title(lang)


def index_meta(page_def: IndexPage) -> dict[str, Any]:
    return page_meta(page_def.title, page_def.description)


def front_matter(meta: dict[str, Any]) -> str:
    # A JSON string is a valid YAML scalar: no YAML dumper per page (a second per thousand pages).
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n\n"


def compact(html: str) -> str:
    """Drop blank lines, so that Markdown keeps each HTML block whole."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


# --- record pages ---------------------------------------------------------------------------

@dataclass
class Extras:
    """HTML of the citation kit for one record page (all already safe)."""
    cite_box: Markup = Markup("")
    claim_boxes: dict[str, Markup] = field(default_factory=dict)
    claim_links: dict[str, Markup] = field(default_factory=dict)
    head: Markup = Markup("")


def record_extras(record: Record, index: Index, site: Site, lang: str = "fr") -> Extras:
    """Citation boxes (page and claims), claim permalinks and <head> metadata, in `lang`."""
    extras = Extras()
    url = urls.absolute_url(site.url, urls.in_language(urls.record_url(record), lang))
    name = site.name_in(lang)
    updated, is_build_date = site.updated_of(record)
    updated = None if is_build_date else updated  # the kit says so when there is no history
    consulted = site.build_date  # the reader's own date replaces it (docs/assets/cite.js)
    extras.cite_box = Markup(citations.cite_box_html(record, url, updated, site_name=name, consulted=consulted,
                                                     lang=lang))
    for claim in record.data.get("claims") or []:
        extras.claim_boxes[claim["id"]] = Markup(
            citations.cite_box_html(record, url, updated, claim=claim, site_name=name, consulted=consulted, lang=lang))
        extras.claim_links[claim["id"]] = Markup(citations.claim_link_html(url, claim["id"], lang))
    extras.head = Markup(metadata.head_html(record, index, site.url, updated or site.build_date, name,
                                            first_published=site.added.get(record.file), lang=lang))
    return extras


def record_page(record: Record, index: Index, site: Site, lang: str = "fr") -> tuple[str, str]:
    """(body, head) of a record's page in `lang`: its HTML, every value escaped, and its <head> tags."""
    extras = record_extras(record, index, site, lang)
    return record_body(record, index, site, extras, lang), extras.head


def record_body(record: Record, index: Index, site: Site, extras: Extras | None = None, lang: str = "fr") -> str:
    page = PageInfo(urls.in_language(urls.record_url(record), lang), site)
    extras = extras if extras is not None else record_extras(record, index, site, lang)
    template = environment().get_template(RECORD_TEMPLATES[record.collection])
    date, is_build_date = site.updated_of(record)
    return compact(template.render(record=record, data=record.data, extras=extras, updated=date,
                                   updated_is_build_date=is_build_date, **page_helpers(index, page)))


# --- index pages and fragments ----------------------------------------------------------------

def index_body(page_def: IndexPage, index: Index, site: Site) -> str:
    page = PageInfo(page_def.path, site)
    template = environment().get_template(page_def.template)
    lazy = Deferral()
    return compact(lazy.finish(template.render(page_def=page_def, lazy=lazy, **page_helpers(index, page))))


def render_fragment(template_name: str, index: Index, page_url: str, **values: Any) -> Markup:
    """A piece of HTML for a hand-written page (macros): `page_url` is that page's path."""
    template = environment().get_template(template_name)
    return Markup(compact(template.render(**page_helpers(index, PageInfo(page_url)), **values)))


def feed_links_html(site: Site, lang: str = "fr") -> Markup:
    """<link rel="alternate"> tags that let feed readers find the Atom feeds of the page's
    language (every page's <head>); nothing when the feeds are not written."""
    if not site.has_feeds:
        return Markup("")
    return Markup("\n").join(
        Markup('<link rel="alternate" type="application/atom+xml" href="{}" title="{} — {}">').format(
            urls.absolute_url(site.url, path), site.name_in(lang), title)
        for path, title in feeds(lang).items())
