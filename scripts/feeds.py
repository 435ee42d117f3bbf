"""Atom feeds: the corrections log (the same `Index.corrections` list as the corrections page
rendered by render.py) and the new and changed records.

Atom ids are absolute URLs under the site's URL; feeds are written with ElementTree, so
record text is escaped by construction."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .metadata import LICENSE_URL, iter_records, page_path, record_collection, record_id, record_summary, record_title
from .render import CORRECTIONS_FEED_URL, NEWS_FEED_URL, TIMELINE_URL
from .text import plain

ATOM = "http://www.w3.org/2005/Atom"
CORRECTIONS_PAGE = "corrections/"  # the corrections log page (render.INDEX_PAGES)
NEWS_LIMIT = 100  # entries in the feed of new and changed records


def correction_link(record: Any) -> str:
    """The corrections section of the record's page; an event's entry on the timeline."""
    path = page_path(record_collection(record), str(record_id(record)))
    if path:
        return f"{path}#section--corrections"
    if record_collection(record) == "events":
        return f"{TIMELINE_URL}#{record_id(record)}"
    return CORRECTIONS_PAGE


# ---- Atom --------------------------------------------------------------------------------

def write_feeds(index: Any, site_dir: Path, site_url: str, dates: dict[str, str],
                added: dict[str, str] | None = None, *, site_name: str,
                today: str | None = None) -> list[Path]:
    """Write site_dir/corrections/feed.xml and site_dir/nouveautes.xml; return their paths.
    `dates`/`added`: record file -> last/first commit date (gitdates.file_dates); a record
    without a date counts as changed `today` (the build date)."""
    if not re.match(r"https?://", site_url or ""):
        raise ValueError(f"feeds need the site's absolute URL (site_url in mkdocs.yml), got {site_url!r}")
    base = site_url if site_url.endswith("/") else site_url + "/"
    today = today or dt.date.today().isoformat()
    written = []
    for relative, feed in ((CORRECTIONS_FEED_URL, corrections_feed(index, base, site_name, today)),
                           (NEWS_FEED_URL, news_feed(index, base, dates, added or {}, site_name, today))):
        path = Path(site_dir) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(feed).write(path, encoding="utf-8", xml_declaration=True)
        written.append(path)
    return written


def corrections_feed(index: Any, base: str, site_name: str, today: str) -> ET.Element:
    entries = index.corrections
    feed = feed_element(f"{site_name} — corrections", base + CORRECTIONS_FEED_URL,
                        base + CORRECTIONS_PAGE, site_name,
                        atom_time(entries[0].date) if entries else atom_time(today))
    for entry in entries:
        add_entry(feed, entry_id=f"{base}{CORRECTIONS_PAGE}#{entry.anchor}",
                  title=f"Correction : {record_title(entry.record)}", link=base + correction_link(entry.record),
                  updated=atom_time(entry.date or today), summary=plain(entry.note))
    return feed


def news_feed(index: Any, base: str, dates: dict[str, str], added: dict[str, str],
              site_name: str, today: str) -> ET.Element:
    rows = []
    for record in iter_records(index):
        path = page_path(record_collection(record), str(record_id(record)))
        if not path:
            continue
        file = getattr(record, "file", None)
        updated = dates.get(file, today) if file else today
        first = added.get(file, updated) if file else updated
        rows.append((updated, first, str(record_id(record)), record, path))
    rows.sort(key=lambda row: (row[0], row[2]), reverse=True)
    rows = rows[:NEWS_LIMIT]
    feed = feed_element(f"{site_name} — nouveautés", base + NEWS_FEED_URL, base, site_name,
                        atom_time(rows[0][0] if rows else today))
    for updated, first, _, record, path in rows:
        verb = "Nouvelle fiche" if first == updated else "Fiche mise à jour"
        add_entry(feed, entry_id=f"{base}{path}#maj-{updated}",
                  title=f"{verb} : {record_title(record)}", link=base + path,
                  updated=atom_time(updated), published=atom_time(first),
                  summary=record_summary(record))
    return feed


def feed_element(title: str, self_url: str, page_url: str, site_name: str,
                 updated: str) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    sub(author, "name", site_name)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml",
                                           "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                           "href": page_url})
    sub(feed, "rights", f"CC BY-SA 4.0 — {LICENSE_URL}")
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
