"""The English edition, on the built site (issue 17): every French page has its English
counterpart and the reverse, each page says its language and links to itself in the other one,
the hreflang pairs are reciprocal (with x-default), the English pages show no French interface
string (Material's, ours) outside what is marked French, the English navigation is English,
and the sitemap, feeds and search bundle have both languages."""
from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.model import interface, urls
from scripts.model.vocabulary import VOCABULARIES
from scripts.validate import check

REPO = Path(__file__).resolve().parents[2]
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
SKIPPED = ("pagefind/", "assets/")


def page_paths(site: Path) -> set[str]:
    """Every page of the built site (its path, `` for the home page), redirects included."""
    found = set()
    for page in site.rglob("index.html"):
        path = page.relative_to(site).as_posix().removesuffix("index.html")
        if not path.startswith(SKIPPED):
            found.add(path)
    return found


def test_every_french_page_has_its_english_counterpart_and_the_reverse(real_site):
    paths = page_paths(real_site)
    french = {path for path in paths if urls.language_of(path) == "fr"}
    english = {urls.in_language(path, "fr") for path in paths if urls.language_of(path) == "en"}
    assert len(french) > 100
    assert sorted(french - english) == [], "French pages with no English counterpart"
    assert sorted(english - french) == [], "English pages with no French counterpart"


class Page(HTMLParser):
    """What these tests read of a page: its <html lang>, alternates, language link, nav labels,
    and its text (with the attributes a reader hears) outside anything marked in another
    language than the page's, quotations and code."""
    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "path", "rect", "line", "circle"}
    SPOKEN = ("title", "aria-label", "alt", "placeholder")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] | None = None
        self.nav_labels: list[str] = []
        self.texts: list[str] = []
        self.drawn: list[str] = []  # text of the diagrams (SVG): names wrapped word by word
        self.stack: list[tuple[str, str | None, bool]] = []
        self.feed(html)

    def elsewhere(self) -> bool:
        return any((lang is not None and lang != self.lang) or tag in ("script", "style", "blockquote", "code", "pre")
                   for tag, lang, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes["href"]
        if tag == "a" and self.stack and "lp-language" in (self.stack[-1][2] or ""):
            self.switch = attributes
        if tag not in self.VOID:
            self.stack.append((tag, attributes.get("lang"), attributes.get("class") or ""))
        if not self.elsewhere() and tag != "meta":
            self.texts += [attributes[name] for name in self.SPOKEN if attributes.get(name)]

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break

    def handle_data(self, data):
        if data.strip() and not self.elsewhere():
            in_svg = any(tag == "svg" for tag, _, _ in self.stack)
            (self.drawn if in_svg else self.texts).append(data.strip())
            if any("md-ellipsis" in classes for _, _, classes in self.stack[-1:]) and \
                    any(tag == "nav" for tag, _, _ in self.stack):
                self.nav_labels.append(data.strip())


def read(site: Path, path: str) -> Page:
    return Page((site / path / "index.html").read_text(encoding="utf-8"))


# Pages of each kind: hand-written, index, record of every collection, the home page.
SAMPLE = ["", "vos-droits/", "methodologie/", "donnees/", "entites/", "flux/", "chronologie/", "categories/",
          "groupe/", "sources/", "droit/", "corrections/", "fichiers/", "entites/la-poste/", "entites/mediapost/",
          "fichiers/bnca/", "flux/contrats-reexpedition-vers-bnca/", "sources/postillon-plus-grand-fichier/",
          "droit/droit-d-acces/"]


@pytest.mark.parametrize("path", SAMPLE)
def test_each_page_says_its_language_and_links_to_itself_in_the_other(real_site, path):
    for lang in urls.LANGUAGES:
        here = urls.in_language(path, lang)
        page = read(real_site, here)
        assert page.lang == lang, here
        other = urls.other_language(lang)
        assert page.switch is not None, f"{here}: no language switch"
        assert page.switch["hreflang"] == other and page.switch["lang"] == other
        landed = (Path("/") / here / page.switch["href"]).resolve().as_posix().strip("/")
        assert landed + ("/" if landed else "") == urls.in_language(path, other), here


def test_head_metadata_and_cite_box_follow_the_language(real_site):
    for lang, locale, other, cite, updated in (("fr", "fr_FR", "en_GB", "Citer cette page", "Mis à jour le"),
                                               ("en", "en_GB", "fr_FR", "Cite this page", "Updated")):
        html = (real_site / urls.in_language("entites/mediapost/", lang) / "index.html").read_text(encoding="utf-8")
        assert f'<meta property="og:locale" content="{locale}">' in html
        assert f'<meta property="og:locale:alternate" content="{other}">' in html
        assert f'"inLanguage":"{lang}"' in html
        assert f"<summary>{cite}</summary>" in html and f'<p class="cite-dates">{updated} <time' in html
        home = (real_site / urls.in_language("", lang) / "index.html").read_text(encoding="utf-8")
        assert '"@type":"WebSite"' in home and f'"inLanguage":"{lang}"' in home


def test_every_page_links_to_its_counterpart_and_back(real_site):
    """The language switch of every page (an <a rel="alternate" hreflang>) and the one of the
    page it leads to point at each other. The <head> has no <link rel="alternate" hreflang>:
    Material's bundle would fetch a sitemap.xml under each (404s); the sitemap carries them."""
    checked = 0
    for path in sorted(page_paths(real_site)):
        html = (real_site / path / "index.html").read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect: noindex
        page = Page(html)
        assert page.alternates == {}, path
        other = urls.other_language_url(path)
        assert page.switch is not None and page.switch["hreflang"] == urls.language_of(other), path
        back = read(real_site, other).switch
        assert back is not None and back["hreflang"] == page.lang, other
        checked += 1
    assert checked > 200


def french_interface_strings() -> set[str]:
    """The French side of every interface string the English pages could print: the templates'
    t(french, english), the code's tr(lang, french, english), Material's French strings, the
    navigation and overrides (scripts/model/interface.py) and the vocabulary's labels; each
    only where the English differs."""
    pairs = set()
    sources = [*(REPO / "scripts" / "render" / "templates").glob("*.html"),
               *(REPO / "scripts" / "render").glob("*.py"), REPO / "scripts" / "site" / "macros.py"]
    call = re.compile(r"""\bt(?:r\(lang|r\(self\.lang|r\(cited\.lang)?\s*[(,]\s*(['"])(.+?)\1,\s*(['"])(.+?)\3""")
    for path in sources:
        pairs |= {(match[1], match[3]) for match in call.findall(path.read_text(encoding="utf-8"))}
    strings = {"fr": {}, "en": {}}
    for lang in strings:
        text = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
        strings[lang] = dict(re.findall(r'"([\w.]+)": "([^"]+)"', text))
    pairs |= {(value, strings["en"].get(key, "")) for key, value in strings["fr"].items()}
    pairs |= set(interface.ENGLISH.items())
    pairs |= {(term.fr, term.en) for terms in VOCABULARIES.values() for term in terms.values()}
    return {french.strip() for french, english in pairs
            if french.strip() != english.strip() and re.search(r"[^\W\d_]{3}", french) and "{" not in french}


def data_names() -> list[str]:
    """What the data name in French and the English pages print as it is (a record's name where
    it has no English, a publisher, an alias), longest first."""
    names = set()
    for record in check(REPO / "data").records:
        names |= {record.title("fr"), record.title("en"), str(record.data.get("publisher") or ""),
                  *map(str, record.data.get("aliases") or [])}
    return sorted((name for name in names if name), key=len, reverse=True)


def test_no_french_interface_string_on_an_english_page(real_site):
    french = french_interface_strings()
    phrases = {text for text in french if " " in text}
    words = french - phrases
    assert {"Dernière mise à jour :", "Aucune affirmation pour l’instant.", "Rechercher"} <= french
    names = data_names()
    found = {}
    english_pages = [path for path in page_paths(real_site) if urls.language_of(path) == "en"]
    for path in english_pages:
        html = (real_site / path / "index.html").read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        page = Page(html)
        for text in [*page.texts, " ".join(page.drawn)]:
            # a phrase anywhere but in a name of the data; a single word only as a whole text
            # (a name may hold one). A diagram's text is read as one, as it wraps names word by word.
            hits = [phrase for phrase in phrases if phrase in text]
            if hits:
                for name in names:
                    text = text.replace(name, " ")
                text = re.sub(r"[\w’' -]+…", " ", text)  # a name shortened to fit a diagram's box
                hits = [phrase for phrase in phrases if phrase in text]
            if text in words:
                hits.append(text)
            for hit in hits:
                found.setdefault(hit, path)
    assert found == {}


def test_the_english_navigation_is_english(real_site):
    french_titles = [title for title in interface.ENGLISH if interface.ENGLISH[title] != title]
    for path in ("en/", "en/methodologie/", "en/entites/", "en/entites/la-poste/"):
        labels = read(real_site, path).nav_labels
        assert "Methodology" in labels and "Your rights" in labels, path
        assert not set(labels) & set(french_titles), path
    assert "Méthodologie" in read(real_site, "methodologie/").nav_labels


def test_every_heading_anchor_of_a_hand_written_page_is_on_its_translation(real_site):
    """The language switch keeps the reader's place: `#anchor` links work in both languages."""
    heading = re.compile(r'<h[2-6] id="([^"]+)"')  # sections: the title is the page
    for page in (REPO / "docs").glob("*.md"):
        path = "" if page.stem == "index" else page.stem + "/"
        french = set(heading.findall((real_site / path / "index.html").read_text(encoding="utf-8")))
        english = set(heading.findall((real_site / "en" / path / "index.html").read_text(encoding="utf-8")))
        assert sorted(french - english) == [], path


def test_the_search_bundle_has_an_index_per_language(real_site):
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fr", "en"}
    pages = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert pages["en"] == pytest.approx(pages["fr"], rel=0.02), pages


def test_the_sitemap_lists_both_languages_with_their_alternates(sample_site):
    root = ET.fromstring(gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes()))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href")
                                                       for link in url.findall("x:link", ns)}
               for url in root.findall("s:url", ns)}
    english = [loc for loc in entries if "/en/" in loc]
    assert english and len(english) == len(entries) - len(english)
    for loc, alternates in entries.items():
        assert set(alternates) == {"fr", "en", "x-default"}, loc
        assert loc in alternates.values()
        assert entries[alternates["en"]] == alternates == entries[alternates["fr"]]


def test_each_language_has_its_feeds(sample_site):
    atom = "{http://www.w3.org/2005/Atom}"
    for lang, prefix in (("fr", ""), ("en", "en/")):
        for feed in (urls.NEWS_FEED, urls.CORRECTIONS_FEED):
            root = ET.parse(sample_site / prefix / feed).getroot()
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
            links = [link.get("href") for link in root.iter(f"{atom}link") if link.get("type") == "text/html"]
            assert links and all(("/en/" in link) == (lang == "en") for link in links), feed
    english_page = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/enquete/en/nouveautes.xml"' in english_page or "/en/nouveautes.xml" in english_page
