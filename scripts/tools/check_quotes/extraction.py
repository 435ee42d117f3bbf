"""The text a reader sees on a fetched page (HTML, PDF or plain text), normalised for matching."""
from __future__ import annotations

import io
import re

from ...model.quotes import c1_as_cp1252, normalise

# Elements that break the line in a browser: a space stands for them, so that two paragraphs do
# not run together; inline elements (<em>, <a>, <span>...) add nothing, so that a quote split by
# them is still found.
BLOCK_TAGS = sorted("""address article aside blockquote br caption dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol option
    p pre section summary table tbody td tfoot th thead title tr ul""".split())
SKIPPED_TAGS = ["script", "style", "template"]
# WHATWG Encoding: browsers read these labels as Windows-1252.
CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                           "iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"})
# A word a PDF breaks at the end of a line ("adres-" / "ses") is read both ways: as printed, and joined.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


class Unreadable(Exception):
    """The server answered, but with nothing we can read text from."""


def texts_to_search(body: bytes, content_type: str = "") -> list[str]:
    """The page's text, normalised; for a PDF, also with the words broken at line ends joined."""
    text = page_text(body, content_type)
    joined = _LINE_END_HYPHEN.sub("", text)
    return [normalise(text)] + ([normalise(joined)] if joined != text else [])


def page_text(body: bytes, content_type: str = "") -> str:
    """The text a reader sees on the page (HTML, PDF or plain text)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/pdf" or body[:5] == b"%PDF-":
        return pdf_text(body)
    charset = header_charset(content_type)
    text = decode_plain(body, charset) if media == "text/plain" else html_text(body, charset)
    return c1_as_cp1252(text)


def header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not match:
        return None
    charset = match[1].lower()
    return "windows-1252" if charset in CP1252_LABELS else charset


def decode_plain(body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8", "windows-1252"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", errors="replace")


def html_text(body: bytes, charset: str | None = None) -> str:
    from bs4 import BeautifulSoup  # imported here: the site build never needs it

    # The charset of the Content-Type header wins (as in a browser); without one, BeautifulSoup
    # reads the <meta> declaration, then guesses.
    soup = BeautifulSoup(body, "html.parser", from_encoding=charset)
    for tag in soup(SKIPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return soup.get_text()


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as error:
        raise Unreadable(f"PDF not readable ({error})") from None
