"""Old URLs keep working: a record renamed lists its former ids in `previous_ids`, and the
page at each old URL is a small static redirect to the new one (meta refresh, canonical
link, a visible link; no JavaScript), in each language: `en/entites/old/` leads to
`en/entites/new/`."""
from __future__ import annotations

import html
from pathlib import Path

from ..index import Index
from ..model import urls
from ..model.records import Record
from ..model.text import tr


def redirect_pages(index: Index) -> dict[str, Record]:
    """Old page path (`entites/old/`) -> the record now at another page, for every previous id
    of a record that has a page of its own. The validator has made sure that an old id is no
    live id and redirects to one record only."""
    return {urls.record_path(record.collection, old): record
            for old, record in sorted(index.renamed.items()) if urls.has_own_page(record.collection)}


def redirect_html(target_url: str, title: str = "", lang: str = "fr") -> str:
    """A static page that sends the reader (and search engines) to `target_url`."""
    url = html.escape(target_url)
    name = html.escape(title or target_url)
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{tr(lang, 'Page déplacée :', 'Page moved:')} {name}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        "</head>\n<body>\n"
        f'<p>{tr(lang, "Cette fiche a changé d’adresse :", "This page has moved:")} <a href="{url}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_redirects(index: Index, site_dir: Path, site_url: str | None = None) -> list[Path]:
    """Write `<old path>/index.html` under site_dir for every previous id; return the files.
    With `site_url`, targets are absolute (best for canonical links); without, relative."""
    written = []
    for french_path, record in redirect_pages(index).items():
        for lang in urls.LANGUAGES:
            old_path, new_path = urls.in_language(french_path, lang), urls.in_language(urls.record_url(record), lang)
            target = urls.absolute_url(site_url, new_path) if site_url else urls.relative_url(old_path, new_path)
            path = Path(site_dir) / old_path / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(redirect_html(target, record.title(lang), lang), encoding="utf-8")
            written.append(path)
    return written
