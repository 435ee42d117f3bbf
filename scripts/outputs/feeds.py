"""Atom feeds: the corrections log (the same `Index.corrections` list as the corrections page
rendered by render.py) and the new and changed records; one pair per language (the English
feeds under en/, linking to the English pages).

Atom ids are absolute URLs under the site's URL; feeds are written with ElementTree, so
record text is escaped by construction."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..index import Index
from ..model import urls
from ..model.text import plain, tr

ATOM = "http://www.w3.org/2005/Atom"
NEWS_LIMIT = 100  # entries in the feed of new and changed records


# ---- Atom --------------------------------------------------------------------------------

def write_feeds(index: Index, site_dir: Path, site_url: str, dates: dict[str, str],
                added: dict[str, str] | None = None, *, site_name: str,
                today: str | None = None, lang: str = "fr") -> list[Path]:
    """Write site_dir/corrections/feed.xml and site_dir/nouveautes.xml; return their paths.
    `dates`/`added`: record file -> last/first commit date (gitdates.file_dates); a record
    without a date counts as changed `today` (the build date)."""
    if not re.match(r"https?://", site_url or ""):
        raise ValueError(f"feeds need the site's absolute URL (site_url in mkdocs.yml), got {site_url!r}")
    base = site_url if site_url.endswith("/") else site_url + "/"
    today = today or dt.date.today().isoformat()
    written = []
    for relative, feed in ((urls.CORRECTIONS_FEED, corrections_feed(index, base, site_name, today, lang)),
                           (urls.NEWS_FEED, news_feed(index, base, dates, added or {}, site_name, today, lang))):
        path = Path(site_dir) / urls.in_language(relative, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(feed).write(path, encoding="utf-8", xml_declaration=True)
        written.append(path)
    return written


def corrections_feed(index: Index, base: str, site_name: str, today: str, lang: str = "fr") -> ET.Element:
    entries = index.corrections
    local = base + urls.in_language("", lang)  # the language's root: `.../` or `.../en/`
    feed = feed_element(f"{site_name} — corrections", local + urls.CORRECTIONS_FEED,
                        local + urls.CORRECTIONS, site_name,
                        atom_time(entries[0].date) if entries else atom_time(today), lang)
    for entry in entries:
        add_entry(feed, entry_id=f"{local}{urls.CORRECTIONS}#{entry.anchor}",
                  title=f"{tr(lang, 'Correction :', 'Correction:')} {entry.record.title(lang)}",
                  link=local + urls.corrections_of(entry.record),
                  updated=atom_time(entry.date or today), summary=plain(entry.note, lang))
    return feed


def news_feed(index: Index, base: str, dates: dict[str, str], added: dict[str, str],
              site_name: str, today: str, lang: str = "fr") -> ET.Element:
    rows = []
    local = base + urls.in_language("", lang)
    for record in index.records.values():
        if not urls.has_own_page(record.collection):
            continue
        updated = dates.get(record.file, today)
        first = added.get(record.file, updated)
        rows.append((updated, first, str(record.id), record, urls.record_url(record)))
    rows.sort(key=lambda row: (row[0], row[2]), reverse=True)
    rows = rows[:NEWS_LIMIT]
    feed = feed_element(f"{site_name} — {tr(lang, 'nouveautés', 'what’s new')}", local + urls.NEWS_FEED, local,
                        site_name, atom_time(rows[0][0] if rows else today), lang)
    for updated, first, _, record, path in rows:
        verb = tr(lang, "Nouvelle fiche :", "New page:") if first == updated else tr(lang, "Fiche mise à jour :",
                                                                                     "Page updated:")
        add_entry(feed, entry_id=f"{local}{path}#maj-{updated}",
                  title=f"{verb} {record.title(lang)}", link=local + path,
                  updated=atom_time(updated), published=atom_time(first),
                  summary=record.summary(lang))
    return feed


def feed_element(title: str, self_url: str, page_url: str, site_name: str,
                 updated: str, lang: str = "fr") -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    sub(author, "name", site_name)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml",
                                           "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                           "href": page_url})
    sub(feed, "rights", f"CC BY-SA 4.0 — {urls.LICENSE_URL}")
    return feed


def add_entry(feed: ET.Element, entry_id: str, title: str, link: str, updated: str,
              summary: str, published: str | None = None) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    sub(entry, "id", entry_id)
    sub(entry, "title", title)
    sub(entry, "updated", updated)
    if published:
        sub(entry, "published", published)
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link})
    if summary:
        sub(entry, "summary", summary)


def sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def atom_time(iso: str) -> str:
    """RFC 3339 time for an ISO date as written: `2026` → `2026-01-01T00:00:00Z`."""
    parts = (iso.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
