"""sitemap.xml (and its gzipped copy): every page of the site, in both languages, with the date
of its last change where the history knows it, and each page's other language as an
`xhtml:link rel="alternate" hreflang` (with x-default, the French page), as search engines
read them. Written by us rather than by MkDocs, whose sitemap dates every generated page with
the build date."""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from ..model import urls

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_xml(site_url: str | None, page_paths: list[str], lastmod: dict[str, str]) -> bytes:
    """`page_paths`: every page's path (`entites/x/`, `` for the home page), in the order given;
    `lastmod`: path -> ISO date, for the pages whose last change is known."""
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{NAMESPACE}}}urlset")
    known = set(page_paths)
    for path in page_paths:
        url = ET.SubElement(root, f"{{{NAMESPACE}}}url")
        ET.SubElement(url, f"{{{NAMESPACE}}}loc").text = urls.absolute_url(site_url, path)
        if path in lastmod:
            ET.SubElement(url, f"{{{NAMESPACE}}}lastmod").text = lastmod[path]
        alternates = urls.alternates(path)
        if all(other in known for other in alternates.values()):
            for lang, other in [*alternates.items(), ("x-default", alternates[urls.DEFAULT_LANGUAGE])]:
                ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": lang,
                                                        "href": urls.absolute_url(site_url, other)})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(site_dir: Path, site_url: str | None, page_paths: list[str],
                  lastmod: dict[str, str] | None = None) -> list[Path]:
    content = sitemap_xml(site_url, page_paths, lastmod or {})
    plain = Path(site_dir) / urls.SITEMAP
    plain.write_bytes(content)
    zipped = plain.with_name(plain.name + ".gz")
    zipped.write_bytes(gzip.compress(content, mtime=0))  # mtime 0: the same bytes on every build
    return [plain, zipped]
