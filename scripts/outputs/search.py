"""The site search: a Pagefind index of the built site, written to <site>/pagefind/.

Why not Material's search plugin: it writes one search_index.json holding the text of every
page, and each reader downloads all of it before the first result (5.8 MB at 1,000 records
here). Pagefind splits its index into chunks by word and fetches only the chunks of the words
typed plus the excerpts of the results shown: under 1 MB for a first search at 10,000 records
(figures in research/perf-notes.md).

What is indexed: hand-written pages in full (their article only: the header, navigation and
footer repeat on every page); record pages by what a reader searches for (name, former names,
summary, the text of each claim and its note), given as SearchDocuments built from the
records, and each event the same way, at its place on the timeline; index pages by their
heading, introduction and what no record says (the corrections, the categories'
descriptions). Their lists of records and the timeline's list of events are
marked `data-pagefind-ignore` in the templates (so are the flows table and the claims that
hand-written pages embed with `{{ flows_table() }}` and `{{ claim(...) }}`): a reader who types a name lands on its page,
not on every list that names it. At 10,000 records those lists cost Pagefind 1.2 s of its
8 s of CPU and 60 MB of memory, and a reader who got /entites/ among the results downloaded
its 155 kB fragment (1 kB now). Indexing every word of every record page (quotes, citation
lines, diagram labels, the "cite this page" box) makes Pagefind use 1.1 to 1.6 GB of memory
at 10,000 records, against 0.2 GB this way.

How: Pagefind runs as a service beside the build (PagefindIndexer): the record documents go
to it as soon as the data is loaded and are indexed on the other core while MkDocs renders;
the built pages that are not records follow at the end, then the bundle is written while the
exports are.

Language: Pagefind reads `<html lang>` (`fr`, or `en` on the pages under en/: the plugin sets
Material's language per page) and writes one index per language, each stemmed with its
Snowball stemmer (a search for "livraisons" finds "livraison", "forwarding" finds
"forwarded"); a reader's search loads the index of the page's language only, so the French
pages never crowd the English results, nor the reverse. Record documents carry their language. The binary
ships inside the `pagefind[bin]` wheel and runs offline.

`python -m scripts.outputs.pagefind SITE_DIR` indexes an already built site, every page in full.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import urls
from ..model.collections import COLLECTIONS
from ..model.records import Record
from ..model.text import plain

# Material puts the page content in this element; our record documents use it too.
ROOT_SELECTOR = "article.md-content__inner"
# Not text anyone searches for, or text that repeats what every page or the page itself says:
# permalink pilcrows, edit buttons, diagrams, the ownership breadcrumb, the "cite this page" box.
# Templates can also mark an element `data-pagefind-ignore`.
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".md-source-file", "svg", "figure",
                     ".lp-breadcrumb", ".cite-box", ".lp-cite"]
BUNDLE_DIR = "pagefind"
SKIPPED = {"404.html"}
LANGUAGE = "fr"


class SearchIndexError(RuntimeError):
    pass


@dataclass
class SearchDocument:
    """What the search knows of one page: its path in the site and its searchable text."""
    path: str  # site-relative URL of the page: "entites/la-poste/", or "chronologie/#id" for an event
    title: str
    texts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # aliases: found like the title
    weight: float = 10.0  # of the title and names, against 1 for the texts (Pagefind: 0 to 10)
    inherited: list[str] = field(default_factory=list)  # words of the title that its owner's name has
    lang: str = LANGUAGE


# A reader who types a name wants the page of that company first, then its files and flows,
# then the articles whose headline names it: the title of a page weighs by its kind. The words
# a subsidiary's name takes from its owner's ("La Banque Postale Financement") weigh half, so
# that the owner comes first for its own name.
# The section headings of a page no record stands for (the home page, Méthodologie, the
# indexes) name topics that have their own pages: Pagefind weighs an h2 6 and an h3 5 by
# default, more than a dataset's or a flow's own title here, so that "Data Lake" found the home
# page's heading "Le Data Lake et…" before the Data Lake's page. They count twice the text.
OVERVIEW_HEADING_WEIGHT = 2
SECTION_HEADING = re.compile(r"<h([2-6])(?![^>]*data-pagefind-weight)(?=[\s>])")


def overview_page(html_text: str) -> str:
    """A built page as Pagefind indexes it: its section headings weighed as topics."""
    return SECTION_HEADING.sub(rf'<h\1 data-pagefind-weight="{OVERVIEW_HEADING_WEIGHT}"', html_text)


TITLE_WEIGHTS = {"entities": 10.0, "rules": 9.0, "datasets": 8.0, "flows": 6.0, "events": 4.0, "sources": 3.0}


def record_documents(records: Iterable[Record], lang: str = LANGUAGE) -> list[SearchDocument]:
    """One SearchDocument per record that has a page, and one per event, found at its place on
    the timeline (/chronologie/#id): the timeline's list is out of the index, or a search at
    10,000 records fetched its 330 kB fragment for one event."""
    records = list(records)
    titles = {record.id: record.title(lang) for record in records if record.collection == "entities"}
    documents = []
    for record in records:
        if record.collection not in COLLECTIONS or not record.id:
            continue
        data = record.data
        title = record.title(lang)
        names = [name for name in (new_words(str(alias), title) for alias in data.get("aliases") or []) if name]
        texts = [str(data.get("publisher") or "")] if record.collection == "sources" else []
        texts.append(plain(data.get("summary"), lang))
        for claim in data.get("claims") or []:
            if isinstance(claim, dict):
                texts += [plain(claim.get("text"), lang), plain(claim.get("note"), lang)]
        owners = [titles.get(link.get("owner"), "") for link in data.get("owners") or [] if isinstance(link, dict)]
        documents.append(SearchDocument(urls.in_language(urls.record_url(record), lang), title,
                                         [t for t in texts if t], names, TITLE_WEIGHTS.get(record.collection, 10.0),
                                         shared_words(title, owners), lang))
    return documents


def shared_words(title: str, owners: list[str]) -> list[str]:
    """The words of a title that one of its owners' names has (casefolded)."""
    inherited = {word for owner in owners for word in WORD.findall(owner.casefold())}
    return sorted({word for word in WORD.findall(title.casefold()) if word in inherited})


def new_words(alias: str, title: str) -> str:
    """The words of an alias that its record's title lacks: an alias makes a record found by
    the other name, but the title's own words, repeated in it ("La Banque Postale Financement",
    alias "La Banque Postale de Financement"), would count twice and put a subsidiary that
    bears its parent's name above the parent."""
    known = set(WORD.findall(title.casefold()))
    return " ".join(word for word in WORD.findall(alias) if word.casefold() not in known)


WORD = re.compile(r"\w+")


def fragments(bundle_dir: Path) -> dict[str, dict]:
    """What the bundle holds for each page, by URL: Pagefind keeps a page's indexed text and
    metadata in a gzipped `pagefind_dcd{json}` fragment, which a reader downloads when the page
    is among the results."""
    pages = {}
    for path in (Path(bundle_dir) / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[len(b"pagefind_dcd"):])
        pages[fragment["url"]] = fragment
    return pages


# A dash between two words ("Mediapost–Delta Diffusion"): Pagefind scores such a pair about
# three times higher than the same words apart, which put a press article's title above the
# company's own page. Indexed spaced; the result still shows the title as written.
JOINING_DASH = re.compile(r"(?<=\w)([–—])(?=\w)")


def indexed_text(text: str) -> str:
    return html.escape(JOINING_DASH.sub(r" \1 ", text))


def document_html(document: SearchDocument) -> str:
    title, weight = html.escape(document.title), f"{document.weight:g}"
    names = "".join(f'<p data-pagefind-weight="{weight}">{indexed_text(name)}</p>' for name in document.names)
    paragraphs = "".join(f"<p>{indexed_text(text)}</p>" for text in document.texts)
    return (f'<!doctype html><html lang="{document.lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><article class="md-content__inner"><h1 data-pagefind-weight="{weight}" '
            f'data-pagefind-meta="title[data-title]" data-title="{title}">{title_html(document)}</h1>'
            f"{names}{paragraphs}</article></body></html>")


def title_html(document: SearchDocument) -> str:
    """The title as Pagefind indexes it: the words it shares with its owner's name at half weight."""
    if not document.inherited:
        return indexed_text(document.title)
    inherited, half = set(document.inherited), f"{document.weight / 2:g}"
    return "".join(f'<span data-pagefind-weight="{half}">{indexed_text(part)}</span>'
                   if part.casefold() in inherited else indexed_text(part)
                   for part in re.split(r"(\w+)", document.title))


def page_html(title: str, content: str, lang: str = LANGUAGE) -> str:
    """A page no record stands for, as Pagefind needs it while the site is being built: its
    article (section headings weighed as topics), titled as Material titles it (an h1 from the
    page's title when the content has none). The title goes
    in as Material prints it, unescaped: generated pages carry it already escaped."""
    heading, content = ("" if "<h1" in content else f"<h1>{title}</h1>"), overview_page(content)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><article class="md-content__inner">{heading}{content}</article></body></html>')
