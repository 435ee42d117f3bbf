"""Fetching a source, politely: http(s) only, a User-Agent that says who asks and why, a
timeout, one request at a time per host with a pause between two."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

USER_AGENT = ("LaPosteDataQuoteCheck/1.0 (weekly check that the quotes cited by an open investigation "
              "are still on their sources; one request per site at a time)")
MAX_BYTES = 30 * 1024 * 1024  # a page longer than this is read up to here


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


Fetch = Callable[[str, float], Response]  # (url, timeout) -> Response; raises OSError when no answer

# http and https only (no file:, no ftp:, not even after a redirect).
_OPENER = urllib.request.OpenerDirector()
for _handler in (urllib.request.HTTPHandler, urllib.request.HTTPSHandler, urllib.request.HTTPRedirectHandler,
                 urllib.request.HTTPDefaultErrorHandler, urllib.request.HTTPErrorProcessor):
    _OPENER.add_handler(_handler())


def http_get(url: str, timeout: float) -> Response:
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept-Language": "fr,en;q=0.5",
        "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Response(response.geturl(), response.status, response.headers.get("Content-Type", ""),
                            response.read(MAX_BYTES))
    except urllib.error.HTTPError as error:
        error.close()
        return Response(error.geturl() or url, error.code, "", b"")


class HostGate:
    """One request at a time per host, `delay` seconds apart; different hosts in parallel."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.delay, self.sleep, self.clock = delay, sleep, clock
        self.locks: dict[str, threading.Lock] = {}
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self.guard:
            lock = self.locks.setdefault(host, threading.Lock())
        with lock:
            if host in self.last:
                wait = self.last[host] + self.delay - self.clock()
                if wait > 0:
                    self.sleep(wait)
            try:
                yield
            finally:
                self.last[host] = self.clock()


def no_answer(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "no answer (timed out)"
    return f"no answer ({reason})"
