"""Record pages written by two processes: the build and a forked worker take pages from one
shared counter, in chunks, each rendering, laying out and writing the pages it takes. The
worker starts as soon as MkDocs knows every page (on_env); the build joins in once MkDocs has
written its own pages (on_post_build), then waits for the worker. Whichever process is slower,
neither sits idle, and no page goes through a pipe."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import TypeVar

from .forked import Forked

Page = TypeVar("Page")
CHUNK = 16  # pages taken at a time: fewer trips to the shared counter's lock


class SharedPages:
    def __init__(self, pages: Sequence[Page], write_one: Callable[[Page], None]):
        self.pages = pages
        self.write_one = write_one
        self.next = multiprocessing.get_context("fork").Value("q", 0)  # the first page nobody took
        self.worker: Forked | None = Forked(self.write_taken)

    def take(self) -> range:
        with self.next.get_lock():
            start = self.next.value
            self.next.value = min(start + CHUNK, len(self.pages))
            return range(start, self.next.value)

    def write_taken(self) -> None:
        while chunk := self.take():
            for position in chunk:
                self.write_one(self.pages[position])

    def finish(self) -> None:
        """Write the pages the worker has not taken yet, then wait for it (ForkedError if it failed)."""
        self.write_taken()
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
