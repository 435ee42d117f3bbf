"""Stage 4 on the second core: record pages rendered ahead, in a forked process, while MkDocs
lays out the pages already rendered. MkDocs builds one page after the other in one process;
our part of a record page (scripts/render.py) is about half of its cost, and it only needs
the index, which a fork shares for free. Results come back in the order MkDocs asks for
them, through a pipe, a bounded number of pages ahead (so memory does not grow with the site).

Used from this many records on (below, starting a process costs more than it saves), and only
where os.fork exists; anything unexpected (the order differs, the worker dies) makes the
caller render the page itself, with the same code.
"""
from __future__ import annotations

import marshal
import os
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator

RENDER_AHEAD_FROM = 1000
PAGES_AHEAD = 200  # pages rendered but not yet taken, at most
Rendered = tuple  # (key, *strings): what render_one returns, made of str only


class RenderAhead:
    def __init__(self, keys: list[str], render_one: Callable[[str], Rendered]):
        self.keys = keys
        self.ready: queue.Queue[Rendered | None] = queue.Queue(maxsize=PAGES_AHEAD)
        self.in_step = True
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: render, send, exit without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                send_all(write_end, (render_one(key) for key in keys))
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        threading.Thread(target=self.receive, args=(read_end,), name="render-ahead", daemon=True).start()

    def receive(self, read_end: int) -> None:
        with os.fdopen(read_end, "rb") as stream:
            for rendered in receive_all(stream):
                self.deliver(rendered)
        self.deliver(None)  # the worker finished, or died

    def deliver(self, rendered: Rendered | None) -> None:
        while self.in_step:  # once closed, nobody takes: drop instead of waiting forever
            try:
                self.ready.put(rendered, timeout=0.1)
                return
            except queue.Full:
                continue

    def take(self, key: str) -> Rendered | None:
        """The next page rendered ahead if it is `key`, else None (and no more pages ahead)."""
        if not self.in_step:
            return None
        rendered = self.ready.get()
        if rendered is None or rendered[0] != key:
            self.close()
            return None
        return rendered

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


def send_all(write_end: int, results: Iterable[Rendered]) -> None:
    with os.fdopen(write_end, "wb") as stream:
        for rendered in results:
            payload = marshal.dumps(tuple(str(part) for part in rendered))
            stream.write(len(payload).to_bytes(4, "little") + payload)


def receive_all(stream) -> Iterator[Rendered]:
    while (header := stream.read(4)) and len(header) == 4:
        payload = stream.read(int.from_bytes(header, "little"))
        yield marshal.loads(payload)


def render_ahead(keys: list[str], render_one: Callable[[str], Rendered]) -> RenderAhead | None:
    if len(keys) < RENDER_AHEAD_FROM or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None
    return RenderAhead(keys, render_one)
