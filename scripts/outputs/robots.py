"""robots.txt: every page may be crawled; the sitemap's address (absolute, as crawlers need it:
only with SITE_URL)."""
from __future__ import annotations

from pathlib import Path

from ..model import urls


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {urls.absolute_url(site_url, urls.SITEMAP)}"]
    return "\n".join(lines) + "\n"


def write_robots(site_dir: Path, site_url: str | None) -> Path:
    path = Path(site_dir) / urls.ROBOTS
    path.write_text(robots_txt(site_url), encoding="utf-8")
    return path
