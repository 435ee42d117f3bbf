"""A local web site (127.0.0.1) for the quote check's tests: the fictional pages of
tests/fixtures/check_quotes/ by path, a redirect, a PDF, a page the test changes, a page too slow
to answer, and 404 for anything else. No test of the quote check reaches the internet."""
from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "fixtures" / "check_quotes"
HTML = "text/html; charset=utf-8"


def make_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` (Windows-1252) in Helvetica, with a correct cross-reference table."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("cp1252")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


class Site(BaseHTTPRequestHandler):
    """Fixture pages by path; /old-address moves permanently to /moved; /changing serves what
    the test sets; anything else is 404."""

    routes = {  # noqa: RUF012
        "/apostrophes": (HTML, "apostrophes.html"),
        "/moved": (HTML, "moved.html"),
        "/tags": (HTML, "tags.html"),
        "/gone": (HTML, "gone.html"),
        "/latin1-header": ("text/html; charset=ISO-8859-1", "latin1-header.html"),
        "/latin1-meta": ("text/html", "latin1-meta.html"),
        "/elided": (HTML, "elided.html"),
        "/archive/article": (HTML, "archived.html"),
        "/law": (HTML, "law.html"),
    }
    seen: list[tuple[str, str]] = []  # noqa: RUF012 (path, User-Agent); reset by the fixture
    changing = b""

    def do_GET(self) -> None:
        Site.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/old-address":
            self.answer(301, b"", {"Location": "/moved"})
        elif self.path in self.routes:
            content_type, name = self.routes[self.path]
            self.answer(200, (PAGES / name).read_bytes(), {"Content-Type": content_type})
        elif self.path == "/report.pdf":
            self.answer(200, make_pdf("Le fichier compte 36 millions de contacts d\u2019adresses."),
                        {"Content-Type": "application/pdf"})
        elif self.path == "/changing":
            self.answer(200, Site.changing, {"Content-Type": HTML})
        elif self.path == "/slow":
            threading.Event().wait(1.0)
            try:
                self.answer(200, b"<p>trop tard</p>", {"Content-Type": HTML})
            except OSError:
                pass  # the client stopped waiting
        else:
            self.answer(404, b"<p>Not found</p>", {"Content-Type": HTML})

    def answer(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving() -> Iterator[str]:
    """The site's address while it is served, in a thread of this process."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port_url() -> str:
    """A URL on which nothing listens: the connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"
