"""The site search: a Pagefind index of the built site, written to <site>/pagefind/.

Why not Material's search plugin: it writes one search_index.json holding the text of every
page, and each reader downloads all of it before the first result (5.8 MB at 1,000 records
here). Pagefind splits its index into chunks by word and fetches only the chunks of the words
typed plus the excerpts of the results shown: under 1 MB for a first search at 10,000 records
(figures in research/perf-notes.md).

What is indexed: hand-written and index pages in full (their article only: the header,
navigation and footer repeat on every page); record pages by what a reader searches for (name,
former names, summary, the text of each claim and its note), given as SearchDocuments built
from the records. Indexing every word of every record page (quotes, citation lines, diagram
labels, the "cite this page" box) makes Pagefind use 1.1 to 1.6 GB of memory at 10,000
records, against 0.2 GB this way.

Language: Pagefind reads `<html lang>` (Material writes the theme language, `fr`) and stems
with the matching Snowball stemmer (a search for "livraisons" finds "livraison"). The binary
ships inside the `pagefind[bin]` wheel and runs offline.

`python -m scripts.search_index SITE_DIR` indexes an already built site, every page in full.
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .collections import COLLECTIONS
from .text import plain

# Material puts the page content in this element; our staged record documents use it too.
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
    path: str  # site-relative folder of the page, e.g. "entites/la-poste/"
    title: str
    texts: list[str] = field(default_factory=list)


def record_documents(records: Iterable) -> list[SearchDocument]:
    """One SearchDocument per record that has a page (scripts.load.Record objects)."""
    documents = []
    for record in records:
        collection = COLLECTIONS.get(record.collection)
        if collection is None or not collection.url_segment or not record.id:
            continue
        data = record.data
        title = str(data.get("name") or data.get("title") or record.id)
        texts = [str(alias) for alias in data.get("aliases") or []]
        if record.collection == "sources":
            texts.append(str(data.get("publisher") or ""))
        texts.append(plain(data.get("summary")))
        for claim in data.get("claims") or []:
            if isinstance(claim, dict):
                texts += [plain(claim.get("text")), plain(claim.get("note"))]
        documents.append(SearchDocument(f"{collection.url_segment}/{record.id}/", title,
                                         [t for t in texts if t]))
    return documents


def pagefind_executable() -> Path:
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]==1.5.2' "
                               "(see requirements.txt)") from None
    return Path(pagefind_bin.get_executable())


def pagefind_command(source_dir: Path, bundle_dir: Path, force_language: str | None = None) -> list[str]:
    command = [str(pagefind_executable()), "--site", str(source_dir), "--output-path", str(bundle_dir),
               "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
               "--quiet"]
    if force_language:
        command += ["--force-language", force_language]
    return command


def build_search_index(site_dir: Path, documents: Iterable[SearchDocument] | None = None,
                       force_language: str | None = None) -> None:
    """Write site_dir/pagefind/: the pages of `documents` indexed from them, every other page
    (but 404.html) in full.
    Raises SearchIndexError with Pagefind's own message when it fails."""
    site_dir = Path(site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"{site_dir} holds no built site (no index.html): build it first")
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="search-", dir=memory_dir()) as staging:
        stage_pages(site_dir, Path(staging), list(documents or []))
        run_pagefind(pagefind_command(Path(staging), bundle, force_language))


def memory_dir() -> str | None:
    """A RAM-backed temporary folder when there is one: creating 10,000 small files there takes
    1.5 s instead of 5 to 8 s on this machine's disk. None: the system default."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def stage_pages(site_dir: Path, staging: Path, documents: list[SearchDocument]) -> None:
    """A tree Pagefind indexes instead of the site: record pages as small documents, every
    other page linked (not copied) from the site, except the 404 page (not a search result)."""
    replaced = set()
    for document in documents:
        target = staging / document.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document_html(document), encoding="utf-8")
        replaced.add(target)
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir)
        target = staging / relative
        if relative.parts[0] == BUNDLE_DIR or relative.as_posix() in SKIPPED or target in replaced:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(page, target)


def document_html(document: SearchDocument) -> str:
    title = html.escape(document.title)
    paragraphs = "".join(f"<p>{html.escape(text)}</p>" for text in document.texts)
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><article class="md-content__inner"><h1 data-pagefind-weight="10">{title}</h1>{paragraphs}'
            f"</article></body></html>")


def run_pagefind(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): "
                               f"{(result.stderr or result.stdout).strip()}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m scripts.search_index SITE_DIR", file=sys.stderr)
        return 2
    try:
        build_search_index(Path(argv[0]))
    except SearchIndexError as error:
        print(f"search index: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
