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
marked `data-pagefind-ignore` in the templates (so is the flows table that hand-written pages
embed with `{{ flows_table() }}`): a reader who types a name lands on its page,
not on every list that names it. At 10,000 records those lists cost Pagefind 1.2 s of its
8 s of CPU and 60 MB of memory, and a reader who got /entites/ among the results downloaded
its 155 kB fragment (1 kB now). Indexing every word of every record page (quotes, citation
lines, diagram labels, the "cite this page" box) makes Pagefind use 1.1 to 1.6 GB of memory
at 10,000 records, against 0.2 GB this way.

How: Pagefind runs as a service beside the build (PagefindIndexer): the record documents go
to it as soon as the data is loaded and are indexed on the other core while MkDocs renders;
the built pages that are not records follow at the end, then the bundle is written while the
exports are.

Language: Pagefind reads `<html lang>` (Material writes the theme language, `fr`) and stems
with the matching Snowball stemmer (a search for "livraisons" finds "livraison"). The binary
ships inside the `pagefind[bin]` wheel and runs offline.

`python -m scripts.search_index SITE_DIR` indexes an already built site, every page in full.
"""
from __future__ import annotations

import base64
import gzip
import html
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import forked
from .collections import COLLECTIONS
from .text import pick, plain

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


# A reader who types a name wants the page of that company first, then its files and flows,
# then the articles whose headline names it: the title of a page weighs by its kind.
TITLE_WEIGHTS = {"entities": 10.0, "datasets": 8.0, "flows": 6.0, "events": 4.0, "sources": 3.0}


def record_documents(records: Iterable) -> list[SearchDocument]:
    """One SearchDocument per record that has a page (scripts.load.Record objects), and one per
    event, found at its place on the timeline (/chronologie/#id): the timeline's list is out of
    the index, or a search at 10,000 records fetched its 330 kB fragment for one event."""
    from .render import record_url  # not at import: the indexer process does not render

    documents = []
    for record in records:
        if record.collection not in COLLECTIONS or not record.id:
            continue
        data = record.data
        title = pick(data.get("name") or data.get("title")) or str(record.id)
        names = [str(alias) for alias in data.get("aliases") or [] if alias]
        texts = [str(data.get("publisher") or "")] if record.collection == "sources" else []
        texts.append(plain(data.get("summary")))
        for claim in data.get("claims") or []:
            if isinstance(claim, dict):
                texts += [plain(claim.get("text")), plain(claim.get("note"))]
        documents.append(SearchDocument(record_url(record), title, [t for t in texts if t], names,
                                         TITLE_WEIGHTS.get(record.collection, 10.0)))
    return documents


def pagefind_executable() -> Path:
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]==1.5.2' "
                               "(see requirements.txt)") from None
    return Path(pagefind_bin.get_executable())


class PagefindIndexer:
    """A Pagefind index built while the site is. `pagefind --service` reads requests on its
    stdin (each a base64 JSON message followed by a comma: the protocol of Pagefind's own
    Python and Node clients, whose Python client waits 0.1 s per reply) and indexes pages on
    the other core. The record documents go as soon as the data is loaded, the other pages as
    MkDocs renders their content; when every page is in, the bundle is asked for and written
    (by the thread that reads the replies) while MkDocs writes the pages.

    The bundle comes back in the reply (GetFiles) and is written here, not by Pagefind
    (WriteFiles): its WriteFiles answers before its last writes reach the disk, and the service
    exits as soon as its input closes, which left truncated files behind.
    """

    def __init__(self, documents: Iterable[SearchDocument] = (), force_language: str | None = None):
        self.process = subprocess.Popen([str(pagefind_executable()), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.errors: list[str] = []
        self.index_created = threading.Event()
        self.bundle_written = threading.Event()
        self.index_id: int | None = None
        self.last_id = 0
        self.bundle_request: int | None = None
        self.bundle_dir: Path | None = None
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()  # ("page", url, html) | ("bundle",) | None
        documents = list(documents)
        self.urls = {"/" + document.path for document in documents}  # pages indexed from documents
        for document in documents:
            self.outbox.put(("page", "/" + document.path, document_html(document)))
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": EXCLUDE_SELECTORS}
        if force_language:
            config["force_language"] = force_language
        threading.Thread(target=self.read_replies, name="pagefind-replies", daemon=True).start()
        threading.Thread(target=self.send_requests, args=(config,), name="pagefind-requests", daemon=True).start()

    # -- what the build calls

    def add_page(self, url: str, html_text: str) -> None:
        """Index a page (root-relative URL) from its HTML: Pagefind reads its article."""
        self.outbox.put(("page", url, html_text))

    def add_built_pages(self, site_dir: Path) -> None:
        """Index the built pages of site_dir no document stands for (all but 404.html)."""
        site_dir = Path(site_dir).resolve()
        if not (site_dir / "index.html").is_file():
            self.close()
            raise SearchIndexError(f"{site_dir} holds no built site (no index.html): build it first")
        for page in sorted(site_dir.rglob("*.html")):
            relative = page.relative_to(site_dir).as_posix()
            url = "/" + relative.removesuffix("index.html")
            if not (relative.startswith(BUNDLE_DIR + "/") or relative in SKIPPED or url in self.urls):
                self.add_page(url, page.read_text(encoding="utf-8", errors="replace"))

    def write_bundle(self, bundle_dir: Path) -> None:
        """Every page is in: ask for the bundle, written to bundle_dir when it comes back."""
        self.bundle_dir = Path(bundle_dir)
        self.outbox.put(("bundle",))
        self.outbox.put(None)

    def wait_written(self) -> None:
        """Wait for the bundle; SearchIndexError with Pagefind's message if anything failed."""
        self.bundle_written.wait()
        errors = list(self.errors)  # before closing: the service stops then, as it should
        self.close()
        if errors:
            raise SearchIndexError(f"Pagefind failed: {errors[0]}")

    def close(self) -> None:
        """Stop the service (also when a build fails half-way)."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except (BrokenPipeError, ValueError):
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.outbox.put(None)

    # -- the two threads

    def send_requests(self, config: dict) -> None:
        try:
            self.send({"type": "NewIndex", "config": config})
            self.index_created.wait()
            while (request := self.outbox.get()) is not None and not self.errors:
                if request[0] == "page":
                    self.send({"type": "AddFile", "index_id": self.index_id, "url": request[1],
                               "file_contents": request[2], "file_path": None})
                else:
                    self.bundle_request = self.last_id + 1
                    self.send({"type": "GetFiles", "index_id": self.index_id})
        except Exception as error:  # noqa: BLE001 - reported by wait_written(), in the build's thread
            self.fail(f"{type(error).__name__}: {error}")

    def send(self, payload: dict) -> None:
        self.last_id += 1
        message = json.dumps({"message_id": self.last_id, "payload": payload}, ensure_ascii=False)
        try:
            self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            if payload["type"] != "AddFile" or self.outbox.empty():
                self.process.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            self.fail("Pagefind stopped while reading the pages")

    def read_replies(self) -> None:
        pending = bytearray()  # the bundle comes back as one message of several MB
        while chunk := self.process.stdout.read1(1 << 20):
            searched = len(pending)
            pending += chunk
            while (end := pending.find(b",", searched)) != -1:
                self.receive(bytes(pending[:end]))
                del pending[:end + 1]
                searched = 0
        self.fail("Pagefind stopped")

    def receive(self, message: bytes) -> None:
        reply = json.loads(base64.b64decode(message))
        payload = reply.get("payload") or {}
        if payload.get("type") == "Error":
            self.fail(str(payload.get("message")))
        elif payload.get("type") == "NewIndex":
            self.index_id = payload.get("index_id")
            self.index_created.set()
        elif reply.get("message_id") == self.bundle_request and self.bundle_request is not None:
            try:
                self.write_files(payload.get("files") or [])
            except (OSError, ValueError, SearchIndexError) as error:
                self.fail(f"cannot write the bundle: {error}")
            self.bundle_written.set()

    def write_files(self, files: list[dict]) -> None:
        shutil.rmtree(self.bundle_dir, ignore_errors=True)
        folders: set[Path] = set()
        for file in files:
            relative = PurePosixPath(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise SearchIndexError(f"Pagefind returned a file outside its folder: {file['path']}")
            target = self.bundle_dir / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(base64.b64decode(file["content"]))

    def fail(self, message: str) -> None:
        if not self.errors:
            self.errors.append(message)
        self.index_created.set()  # nobody waits for what will not come
        self.bundle_written.set()


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
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><article class="md-content__inner"><h1 data-pagefind-weight="{weight}" '
            f'data-pagefind-meta="title[data-title]" data-title="{title}">{indexed_text(document.title)}</h1>'
            f"{names}{paragraphs}</article></body></html>")


def build_search_index(site_dir: Path, documents: Iterable[SearchDocument] | None = None,
                       force_language: str | None = None) -> None:
    """Write site_dir/pagefind/: the pages of `documents` indexed from them, every other page
    (but 404.html) in full. Raises SearchIndexError with Pagefind's own message when it fails."""
    indexer = PagefindIndexer(documents or [], force_language)
    indexer.add_built_pages(site_dir)
    indexer.write_bundle(Path(site_dir).resolve() / BUNDLE_DIR)
    indexer.wait_written()


def page_html(title: str, content: str) -> str:
    """A page as Pagefind needs it while the site is being built: its article, titled as
    Material titles it (an h1 from the page's title when the content has none). The title goes
    in as Material prints it, unescaped: generated pages carry it already escaped."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><article class="md-content__inner">{heading}{content}</article></body></html>')


class IndexerProcess:
    """The PagefindIndexer in a process of its own (`python -m scripts.search_index --stdin`):
    the build only streams pages to it. Encoding every page for Pagefind and writing the bundle
    are then done beside the build instead of in threads that would take turns with it for
    Python's interpreter lock (a third of a 10,000-record build went to that). A thread of the
    build writes the messages to the pipe: the indexer, which yields the cores to the build,
    reads them at its pace without the build waiting on a full pipe (0.5 s at 10,000 records)."""

    def __init__(self, documents: Iterable[SearchDocument] = ()):
        root = Path(__file__).resolve().parent.parent
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen([sys.executable, "-m", "scripts.search_index", "--stdin"], cwd=root,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.finished = False
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.sender = threading.Thread(target=self.send, name="search-index-sender", daemon=True)
        self.sender.start()
        self.outbox.put(b"".join(forked.frame(("document", document.path, document.title, document.texts,
                                               document.names, document.weight)) for document in documents))

    def send(self) -> None:
        try:
            while (payload := self.outbox.get()) is not None:
                self.process.stdin.write(payload)
            self.process.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the process stopped: wait_written() says why

    def post(self, message: tuple) -> None:
        self.outbox.put(forked.frame(message))

    def add_page(self, url: str, html_text: str) -> None:
        self.post(("page", url, html_text))

    def write_bundle(self, bundle_dir: Path) -> None:
        self.post(("bundle", str(bundle_dir)))
        self.outbox.put(None)  # the end of the input

    def wait_written(self) -> None:
        self.sender.join()
        output = self.process.stdout.read()
        self.process.wait()
        self.finished = True
        if self.process.returncode != 0:
            raise SearchIndexError(output.decode("utf-8", "replace").strip()
                                   or f"the search index process stopped (exit {self.process.returncode})")

    def close(self) -> None:
        if not self.finished and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.outbox.put(None)  # the sender stops, on a closed pipe if not before
        self.finished = True


def serve_stdin() -> int:
    """The indexer process: framed messages on stdin, the bundle written, exit 0; else the
    reason on stdout and exit 1."""
    if hasattr(os, "nice"):
        # Yield the cores to the build (MkDocs and the render worker), whose pages come first;
        # Pagefind, started from here, inherits it and fills the time they leave idle.
        os.nice(5)
    indexer = None
    try:
        for message in forked.frames(sys.stdin.buffer):
            if message[0] == "document":
                if indexer is None:
                    indexer = PagefindIndexer()
                indexer.add_page("/" + message[1], document_html(SearchDocument(*message[1:])))
            else:
                indexer = indexer or PagefindIndexer()
                if message[0] == "page":
                    indexer.add_page(message[1], message[2])
                else:
                    indexer.write_bundle(Path(message[1]))
                    indexer.wait_written()
                    return 0
        print("the build stopped before asking for the search bundle")
        return 1
    except SearchIndexError as error:
        print(error)
        return 1
    finally:
        if indexer is not None:
            indexer.close()


def main(argv: list[str]) -> int:
    if argv == ["--stdin"]:
        return serve_stdin()
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
