"""Pagefind, run beside the build: `pagefind --service` fed page by page (PagefindIndexer), in a
process of its own (IndexerProcess, `python -m scripts.outputs.pagefind --stdin`) so that the
build only streams pages to it. What is indexed, and why: scripts/outputs/search.py."""
from __future__ import annotations

import base64
import json
import marshal
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from .search import (
    BUNDLE_DIR,
    EXCLUDE_SELECTORS,
    ROOT_SELECTOR,
    SKIPPED,
    SearchDocument,
    SearchIndexError,
    document_html,
)


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
            target.write_bytes(entry_in_order(relative.name, base64.b64decode(file["content"])))

    def fail(self, message: str) -> None:
        if not self.errors:
            self.errors.append(message)
        self.index_created.set()  # nobody waits for what will not come
        self.bundle_written.set()


class IndexerProcess:
    """The PagefindIndexer in a process of its own (`python -m scripts.search_index --stdin`):
    the build only streams pages to it. Encoding every page for Pagefind and writing the bundle
    are then done beside the build instead of in threads that would take turns with it for
    Python's interpreter lock (a third of a 10,000-record build went to that). A thread of the
    build writes the messages to the pipe: the indexer, which yields the cores to the build,
    reads them at its pace without the build waiting on a full pipe (0.5 s at 10,000 records)."""

    def __init__(self, documents: Iterable[SearchDocument] = ()):
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen([sys.executable, "-m", "scripts.outputs.pagefind", "--stdin"], cwd=root,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.finished = False
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.sender = threading.Thread(target=self.send, name="search-index-sender", daemon=True)
        self.sender.start()
        self.outbox.put(b"".join(frame(("document", document.path, document.title, document.texts,
                                               document.names, document.weight, document.inherited, document.lang))
                                 for document in documents))

    def send(self) -> None:
        try:
            while (payload := self.outbox.get()) is not None:
                self.process.stdin.write(payload)
            self.process.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the process stopped: wait_written() says why

    def post(self, message: tuple) -> None:
        self.outbox.put(frame(message))

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


def entry_in_order(name: str, content: bytes) -> bytes:
    """The bundle's entry file with its languages in a stable order: Pagefind lists them as its
    hash map gives them, which differs from run to run once there are two (fr and en), and the
    site must be the same bytes from one build to the next (tests/site/test_parallel_switch.py)."""
    if name != "pagefind-entry.json":
        return content
    entry = json.loads(content)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serve_stdin() -> int:
    """The indexer process: framed messages on stdin, the bundle written, exit 0; else the
    reason on stdout and exit 1."""
    if hasattr(os, "nice"):
        # Yield the cores to the build (MkDocs and the render worker), whose pages come first;
        # Pagefind, started from here, inherits it and fills the time they leave idle.
        os.nice(5)
    indexer = None
    try:
        for message in frames(sys.stdin.buffer):
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


def frame(message: tuple) -> bytes:
    """A message (str, numbers, lists, tuples) as it goes through a pipe: its length, then it."""
    payload = marshal.dumps(message)
    return len(payload).to_bytes(4, "little") + payload


def frames(stream) -> Iterator[tuple]:
    """The messages read from a pipe, until it is closed."""
    while (header := stream.read(4)) and len(header) == 4:
        yield marshal.loads(stream.read(int.from_bytes(header, "little")))


def build_search_index(site_dir: Path, documents: Iterable[SearchDocument] | None = None,
                       force_language: str | None = None) -> None:
    """Write site_dir/pagefind/: the pages of `documents` indexed from them, every other page
    (but 404.html) in full. Raises SearchIndexError with Pagefind's own message when it fails."""
    indexer = PagefindIndexer(documents or [], force_language)
    indexer.add_built_pages(site_dir)
    indexer.write_bundle(Path(site_dir).resolve() / BUNDLE_DIR)
    indexer.wait_written()


def main(argv: list[str]) -> int:
    if argv == ["--stdin"]:
        return serve_stdin()
    if len(argv) != 1:
        print("usage: python -m scripts.outputs.pagefind SITE_DIR", file=sys.stderr)
        return 2
    try:
        build_search_index(Path(argv[0]))
    except SearchIndexError as error:
        print(f"search index: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
