"""Stage 4 on the second core: record pages rendered ahead, in a forked process, while MkDocs
lays out the pages already rendered. MkDocs builds one page after the other in one process;
our part of a record page (scripts/render.py) is about half of its cost, and it only needs
the index, which a fork shares for free.

The two processes share the work without getting in each other's way: the worker claims pages
from the front of the list (the order MkDocs asks for them) and sends them back in order,
through a pipe, a bounded number of pages ahead (so memory does not grow with the site); the
build, whenever the page it needs is not there yet, renders pages from the back of the list
rather than wait (kept, compressed, until MkDocs asks for them). The two ends meet somewhere
in between: whichever process is slower, on a machine that is busy or not, neither sits idle.
(Claiming the very next pages instead made both render every other page and wait for each
other.)

Used from this many records on (below, starting a process costs more than it saves), and only
where os.fork exists; anything unexpected (the order differs, the worker dies) makes the
caller render the page itself, with the same code.
"""
from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import threading
import zlib
from collections.abc import Callable, Iterator

from . import forked

RENDER_AHEAD_FROM = 1000
PAGES_AHEAD = 200  # pages the worker rendered but MkDocs has not taken yet, at most
# Pages from the back this process keeps for later, at most: compressed, about 6 kB each. With
# fewer (1,000), the build sat waiting for the worker for 15 s of a 60 s build of 10,000 records.
OWN_PAGES = 20_000
Rendered = tuple  # (key, *strings): what render_one returns, made of str only


class RenderAhead:
    def __init__(self, keys: list[str], render_one: Callable[[str], Rendered]):
        self.keys = keys
        self.render_one = render_one
        self.position = 0  # the next page MkDocs asks for
        self.own: dict[int, bytes] = {}  # pages from the back, rendered by this process
        # [front, back): the pages nobody has claimed yet, in memory both processes share
        self.unclaimed = multiprocessing.get_context("fork").Array("q", [0, len(keys)])
        self.ready: queue.Queue[tuple[int, Rendered] | None] = queue.Queue(maxsize=PAGES_AHEAD)
        self.in_step = True
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: render, send, exit without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                send_all(write_end, self.front_pages(render_one))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        threading.Thread(target=self.receive, args=(read_end,), name="render-ahead", daemon=True).start()

    def claim_front(self, position: int | None = None) -> int | None:
        """The first unclaimed page (only if it is `position`, when given); None: none left."""
        with self.unclaimed.get_lock():
            front, back = self.unclaimed[0], self.unclaimed[1]
            if front >= back or (position is not None and front != position):
                return None
            self.unclaimed[0] = front + 1
            return front

    def claim_back(self) -> int | None:
        with self.unclaimed.get_lock():
            front, back = self.unclaimed[0], self.unclaimed[1]
            if front >= back:
                return None
            self.unclaimed[1] = back - 1
            return back - 1

    def front_pages(self, render_one: Callable[[str], Rendered]) -> Iterator[tuple[int, Rendered]]:
        while (position := self.claim_front()) is not None:
            yield position, render_one(self.keys[position])

    def receive(self, read_end: int) -> None:
        with os.fdopen(read_end, "rb") as stream:
            for rendered in forked.frames(stream):
                self.deliver(rendered)
        self.deliver(None)  # the worker finished, or died

    def deliver(self, rendered: tuple[int, Rendered] | None) -> None:
        while self.in_step:  # once closed, nobody takes: drop instead of waiting forever
            try:
                self.ready.put(rendered, timeout=0.1)
                return
            except queue.Full:
                continue

    def take(self, key: str) -> Rendered | None:
        """The page `key`, rendered by the worker or by this process; None if it is not the
        page expected next (the caller renders it, and every page after it)."""
        position = self.position
        self.position += 1
        if not self.in_step:
            return None
        if position >= len(self.keys) or self.keys[position] != key:
            self.close()
            return None
        if position in self.own:
            return marshal.loads(zlib.decompress(self.own.pop(position)))
        if self.claim_front(position) is not None:  # the worker is behind: this one is ours
            return self.render_one(key)
        delivered = self.next_delivered()
        if delivered is None or delivered[0] != position:
            self.close()
            return None
        return delivered[1]

    def next_delivered(self) -> tuple[int, Rendered] | None:
        """The worker's next page; until it is there, render pages from the back."""
        while len(self.own) < OWN_PAGES:
            try:
                return self.ready.get_nowait()
            except queue.Empty:
                spare = self.claim_back()
                if spare is None:
                    break
                self.own[spare] = zlib.compress(marshal.dumps(plain(self.render_one(self.keys[spare]))), 1)
        return self.ready.get()

    def close(self) -> None:
        if not self.in_step and self.pid is None:
            return
        self.in_step = False
        if self.pid:
            forked.stop(self.pid)
            self.pid = None


def plain(rendered: Rendered) -> Rendered:
    """Its strings as str (marshal does not take Markup, a subclass)."""
    return tuple(str(part) for part in rendered)


def send_all(write_end: int, results: Iterator[tuple[int, Rendered]]) -> None:
    with os.fdopen(write_end, "wb") as stream:
        for position, rendered in results:
            stream.write(forked.frame((position, plain(rendered))))
            stream.flush()  # the build may be waiting for this very page


def render_ahead(keys: list[str], render_one: Callable[[str], Rendered]) -> RenderAhead | None:
    if len(keys) < RENDER_AHEAD_FROM or not forked.can_work_beside():
        return None
    return RenderAhead(keys, render_one)
