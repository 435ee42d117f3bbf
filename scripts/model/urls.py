"""Every URL of the site, in one place (as datasette's url_builder): pages, templates, head
metadata, feeds, search documents, exports, diagrams and redirects take their links from here
and never build one by hand.

A page path is relative to the site root, directory style: `entites/la-poste/`, `sources/`,
`` for the home page; it may carry an `#anchor`. `relative_url` turns it into a link from
another page (so that the site works under any prefix), `absolute_url` into the address a
reader cites."""
from __future__ import annotations

from .collections import COLLECTIONS
from .records import Record

# Index pages and other fixed places of the site.
HOME = ""
GROUP = "groupe/"
DIRECTORY = "entites/"
DATASETS = "fichiers/"
FLOWS = "flux/"
CATEGORIES = "categories/"
SOURCES = "sources/"
RULES = "droit/"
# What a reader can do: which files their situation puts them in, and a letter to each holder.
CONCERNED = "vos-droits/suis-je-concerne/"
LETTER = "vos-droits/lettre/"
RIGHTS_SECTION = "droits"  # the section of a holder's page: its files, its contact, its letter
TIMELINE = "chronologie/"
CORRECTIONS = "corrections/"
EXPORTS = "donnees/"  # the JSON / CSV / BibTeX / graph files
CORRECTIONS_FEED = "corrections/feed.xml"
NEWS_FEED = "nouveautes.xml"
SEARCH_BUNDLE = "pagefind/"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
# The image link previews show (docs/assets/; scripts/tools/social_card.py draws it).
SOCIAL_CARD = "assets/social-card.png"
SOCIAL_CARD_SIZE = (1200, 630)
# The licence of the data and the pages (LICENSE-DATA.md).
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def record_path(collection: str, record_id: str) -> str | None:
    """The page of a record: `entites/<id>/`; an event's place on the timeline; None for what
    has no page (the categories, which the categories page lists)."""
    if collection == "events":
        return f"{TIMELINE}#{record_id}"
    if not has_own_page(collection):
        return None
    return f"{COLLECTIONS[collection].url_segment}/{record_id}/"


def has_own_page(collection: str) -> bool:
    """Entities, datasets, flows and sources have a page each; events are on the timeline."""
    found = COLLECTIONS.get(collection)
    return found is not None and found.url_segment is not None


def record_url(record: Record, anchor: str = "") -> str:
    """The page path of `record` (with `#anchor` on its page, when given and it has none)."""
    path = record_path(record.collection, str(record.id)) or ""
    return path + (f"#{anchor}" if anchor and "#" not in path else "")


def record_source_uri(record: Record) -> str:
    """The name MkDocs knows a record's generated page by: `entites/<id>.md`."""
    return record_path(record.collection, str(record.id)).removesuffix("/") + ".md"


def corrections_of(record: Record) -> str:
    """Where a record's corrections are shown: its page's section, an event's timeline entry."""
    path = record_path(record.collection, str(record.id))
    if path is None:
        return CORRECTIONS
    return path if "#" in path else path + "#section--corrections"


def category_url(category_id: str) -> str:
    return f"{CATEGORIES}#categorie--{category_id}"


def tag_url(tag: str) -> str:
    return f"{DIRECTORY}#tag--{tag}"


KIND_INDEX = {"entities": DIRECTORY, "sources": SOURCES, "rules": RULES}


def kind_url(collection: str, kind: str) -> str:
    """The section of an index page that lists one kind (entities, sources, rules by type)."""
    return f"{KIND_INDEX[collection]}#type--{kind}"


def situation_url(situation: str) -> str:
    """A reader's situation on « Suis-je concerné ? » (its files, what to do)."""
    return f"{CONCERNED}#situation--{situation}"


def letter_url(holder_id: str, request: str = "") -> str:
    """The letter to one holder (its plain templates, for copying without JavaScript); with
    `request`, the template of that request."""
    return f"{LETTER}#lettre--{holder_id}" + (f"--{request}" if request else "")


def mechanism_url(mechanism: str) -> str:
    return f"{FLOWS}#mecanisme--{mechanism}"


# --- languages: the French site at the root, its English edition under en/ (the same paths) ---

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
ENGLISH = "en/"  # the English edition's folder: `en/entites/la-poste/` is `entites/la-poste/` in English
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def language_of(path: str) -> str:
    """The language of a page path or a page's source name (`en/...` is English)."""
    return "en" if path.startswith(ENGLISH) or path == ENGLISH.rstrip("/") else DEFAULT_LANGUAGE


def in_language(path: str, lang: str) -> str:
    """The same page path in `lang`: `entites/x/` <-> `en/entites/x/` (an #anchor is kept)."""
    french = path[len(ENGLISH):] if language_of(path) == "en" else path
    return ENGLISH + french if lang == "en" else french


def is_page_path(path: str) -> bool:
    """A page (`entites/x/`, `flux/#anchor`, the home page ``), not a file (`donnees/entities.json`)."""
    target = path.partition("#")[0]
    return target == "" or target.endswith("/")


def other_language(lang: str) -> str:
    return "fr" if lang == "en" else "en"


def other_language_url(path: str) -> str:
    """The page path of the same page in the other language (the language switcher, hreflang)."""
    return in_language(path, other_language(language_of(path)))


def alternates(path: str) -> dict[str, str]:
    """{lang: page path} of a page in every language, the default language first."""
    return {lang: in_language(path, lang) for lang in LANGUAGES}


def relative_url(from_path: str, to_path: str) -> str:
    """Link from the page at `from_path` to `to_path` (both page paths; `to_path` may carry an
    #anchor). Plain string work: posixpath.relpath cost a second per thousand pages."""
    target, _, anchor = to_path.partition("#")
    link = ""
    if target or not anchor:
        here = from_path.split("/")[:-1]  # folders of the page: `entites/x/` -> [entites, x]
        there = target.split("/")
        shared = 0
        while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
            shared += 1
        link = "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"
    return link + (f"#{anchor}" if anchor else "")


def absolute_url(site_url: str | None, path: str) -> str:
    """The address a reader cites: on `site_url` when known, else root-relative."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "/" + path
