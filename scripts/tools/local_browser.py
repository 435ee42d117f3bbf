"""Debian's Chromium and a quiet static server on 127.0.0.1: what the browser tests, the
benchmark and the Lighthouse script share to open the built site as a reader would."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium phones home at start-up (and this machine's closed network refuses it).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-domain-reliability"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_site(site: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler):
    """Serve `site` on a free local port in a thread; returns (server, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
