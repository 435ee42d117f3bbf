"""Old URLs keep working: a record renamed lists its former ids in `previous_ids`, and the
page at each old URL is a small static redirect to the new one (meta refresh, canonical
link, a visible link; no JavaScript)."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .metadata import iter_records, page_path, record_collection, record_data, record_id, record_title
from .problems import DataError, Problem


def redirect_pages(index: Any) -> dict[str, str]:
    """Old page path -> new page path, both relative to the site root (`entites/old/` ->
    `entites/new/`). Raises DataError when an old id is claimed twice or is a live page."""
    records = list(iter_records(index))
    live = {page_path(record_collection(r), str(record_id(r))) for r in records}
    redirects: dict[str, str] = {}
    claimed_by: dict[str, Any] = {}
    problems = []
    for record in records:
        new = page_path(record_collection(record), str(record_id(record)))
        if not new:
            continue
        for position, old_id in enumerate(record_data(record).get("previous_ids") or []):
            old = page_path(record_collection(record), str(old_id))
            where = (getattr(record, "file", str(record_id(record))),
                     record.line(("previous_ids", position)) if hasattr(record, "line") else 1)
            if old in live:
                problems.append(Problem(*where, f"previous id '{old_id}' is the id of another "
                                                "record: an id never changes; remove it from previous_ids"))
            elif old in claimed_by and claimed_by[old] is not record:
                other = getattr(claimed_by[old], "file", record_id(claimed_by[old]))
                problems.append(Problem(*where, f"previous id '{old_id}' is also listed by {other}: "
                                                "keep it in the record that was renamed"))
            else:
                claimed_by[old] = record
                redirects[old] = new
    if problems:
        raise DataError(problems)
    return redirects


def redirect_html(target_url: str, title: str = "") -> str:
    """A static page that sends the reader (and search engines) to `target_url`."""
    url = html.escape(target_url)
    name = html.escape(title or target_url)
    return (
        "<!doctype html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Page déplacée : {name}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        "</head>\n<body>\n"
        f'<p>Cette fiche a changé d’adresse : <a href="{url}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_redirects(index: Any, site_dir: Path, site_url: str | None = None,
                    prefixes: tuple[str, ...] = ("",)) -> list[Path]:
    """Write `<old path>/index.html` under site_dir for every previous id; return the files.
    With `site_url`, targets are absolute (best for canonical links); without, relative.
    `prefixes`: language trees to cover, e.g. ("", "en/") when English pages exist."""
    titles = {page_path(record_collection(r), str(record_id(r))): record_title(r)
              for r in iter_records(index)}
    written = []
    for old, new in sorted(redirect_pages(index).items()):
        for prefix in prefixes:
            target = absolute(site_url, prefix + new) if site_url else relative(prefix + old, prefix + new)
            path = Path(site_dir) / prefix / old / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(redirect_html(target, titles.get(new, "")), encoding="utf-8")
            written.append(path)
    return written


def absolute(site_url: str, path: str) -> str:
    return (site_url if site_url.endswith("/") else site_url + "/") + path


def relative(from_dir: str, to_dir: str) -> str:
    """URL of directory page `to_dir` seen from directory page `from_dir` (both relative
    to the site root, ending in /)."""
    depth = from_dir.strip("/").count("/") + 1
    return "../" * depth + to_dir
