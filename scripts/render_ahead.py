"""Stage 4 on the second core: record pages rendered ahead, in a forked process, while MkDocs
lays out the pages already rendered. MkDocs builds one page after the other in one process;
our part of a record page (scripts/render.py) is about half of its cost, and it only needs
the index, which a fork shares for free.

The two processes share the work: each claims the next page nobody has claimed yet (a counter
in shared memory). The worker renders the pages it claims and sends them back in order,
through a pipe, a bounded number of pages ahead (so memory does not grow with the site). The
build takes them as MkDocs asks; a page nobody has claimed yet it renders itself, and while the
page it needs is still being rendered by the worker, it renders the next unclaimed ones rather
than wait. Whichever process is slower, on a machine that is busy or not, neither sits idle.

Used from this many records on (below, starting a process costs more than it saves), and only
where os.fork exists; anything unexpected (the order differs, the worker dies) makes the
caller render the page itself, with the same code.
"""
from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable, Iterator

RENDER_AHEAD_FROM = 1000
PAGES_AHEAD = 200  # pages rendered but not yet taken, at most
Rendered = tuple  # (key, *strings): what render_one returns, made of str only


class RenderAhead:
    def __init__(self, keys: list[str], render_one: Callable[[str], Rendered]):
        self.keys = keys
        self.render_one = render_one
        self.position = 0  # the next page MkDocs asks for
        self.own: dict[int, Rendered] = {}  # pages this process rendered while the worker was busy
        self.next_unclaimed = multiprocessing.get_context("fork").Value("q", 0)
        self.ready: queue.Queue[tuple[int, Rendered] | None] = queue.Queue(maxsize=PAGES_AHEAD)
        self.in_step = True
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: render, send, exit without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                send_all(write_end, self.claimed_pages(render_one))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        threading.Thread(target=self.receive, args=(read_end,), name="render-ahead", daemon=True).start()

    def claim(self, position: int | None = None) -> int | None:
        """Claim the next unclaimed page (or `position` if it is that one); None: none left."""
        with self.next_unclaimed.get_lock():
            claimed = self.next_unclaimed.value
            if claimed >= len(self.keys) or (position is not None and claimed != position):
                return None
            self.next_unclaimed.value = claimed + 1
            return claimed

    def claimed_pages(self, render_one: Callable[[str], Rendered]) -> Iterator[tuple[int, Rendered]]:
        while (position := self.claim()) is not None:
            yield position, render_one(self.keys[position])

    def receive(self, read_end: int) -> None:
        with os.fdopen(read_end, "rb") as stream:
            for rendered in receive_all(stream):
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
            return self.own.pop(position)
        if self.claim(position) is not None:
            return self.render_one(key)
        delivered = self.next_delivered()
        if delivered is None or delivered[0] != position:
            self.close()
            return None
        return delivered[1]

    def next_delivered(self) -> tuple[int, Rendered] | None:
        """The worker's next page. While it is not there, render pages nobody has claimed
        (kept for when MkDocs asks for them) rather than wait."""
        while len(self.own) < PAGES_AHEAD:
            try:
                return self.ready.get_nowait()
            except queue.Empty:
                spare = self.claim()
                if spare is None:
                    break
                self.own[spare] = self.render_one(self.keys[spare])
        return self.ready.get()

    def close(self) -> None:
        if not self.in_step and self.pid is None:
            return
        self.in_step = False
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None


def send_all(write_end: int, results: Iterator[tuple[int, Rendered]]) -> None:
    with os.fdopen(write_end, "wb") as stream:
        for position, rendered in results:
            payload = marshal.dumps((position, tuple(str(part) for part in rendered)))
            stream.write(len(payload).to_bytes(4, "little") + payload)
            stream.flush()  # the build may be waiting for this very page


def receive_all(stream) -> Iterator[tuple[int, Rendered]]:
    while (header := stream.read(4)) and len(header) == 4:
        payload = stream.read(int.from_bytes(header, "little"))
        yield marshal.loads(payload)


def render_ahead(keys: list[str], render_one: Callable[[str], Rendered]) -> RenderAhead | None:
    if len(keys) < RENDER_AHEAD_FROM or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None
    return RenderAhead(keys, render_one)
