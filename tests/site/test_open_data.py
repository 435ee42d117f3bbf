"""The built site's open data and what it tells crawlers and link previews: the /donnees/ page
(in the navigation, linked from the home page, every export with its real size, the data
dictionary), robots.txt, the sitemap's dates, the social card and the sharing tags of every
page, the JSON-LD of the home and open-data pages, the French 404 page, one <title> per page.

`real_site`: the project's data, no SITE_URL; `sample_site`: tests/sample.py's data in a git
repository, with SITE_URL (conftest.py)."""
from __future__ import annotations

import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from sample import SITE, parse_head

from scripts import REPO_ROOT
from scripts.model.collections import COLLECTIONS
from scripts.model.dictionary import fields
from scripts.outputs.exports import EXPORTS
from scripts.render.pages import INDEX_PAGES

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pages_of(site: Path) -> list[Path]:
    """Every page of the site (not the redirects from renamed records' old addresses)."""
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts
                  and 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:2000])


def test_the_open_data_page_lists_every_export_with_its_size(real_site):
    page = (real_site / "donnees/index.html").read_text(encoding="utf-8")
    for export in EXPORTS:
        size = (real_site / "donnees" / export.name).stat().st_size
        assert re.search(rf'href="{re.escape(export.name)}" download><code>{re.escape(export.name)}</code></a>'
                         rf'</td><td>[^<]+</td><td><data value="{size}">', page), export.name
    assert "CC BY-SA 4.0" in page and "Citer les données" in page


def test_the_open_data_page_has_the_data_dictionary_of_every_collection(real_site):
    page = (real_site / "donnees/index.html").read_text(encoding="utf-8")
    for collection in COLLECTIONS:
        assert f'id="dictionnaire--{collection}"' in page
        for field in fields(collection):
            if field.path != "$schema":
                assert f"<code>{field.path}</code>" in page, (collection, field.path)
    assert "<code>public-body</code> (Organisme public)" in page  # an allowed value, with its label


def test_the_open_data_page_is_in_the_navigation_and_linked_from_the_home_page(real_site):
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert 'href="donnees/"' in home
    about = (real_site / "a-propos/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./donnees/" class="md-nav__link">', about)  # the navigation, on any page


def test_robots_txt_points_to_the_sitemap(sample_site, real_site):
    assert (sample_site / "robots.txt").read_text(encoding="utf-8") == \
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE}sitemap.xml\n"
    assert "Sitemap" not in (real_site / "robots.txt").read_text(encoding="utf-8")  # no absolute URL known


def test_the_sitemap_dates_every_page_from_git(real_site, sample_site):
    for site in (real_site, sample_site):
        urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
        assert len(urls) == len(pages_of(site)) - 1  # every page but the 404
        dates = {u.findtext(f"{SITEMAP}loc").removeprefix(SITE).lstrip("/"): u.findtext(f"{SITEMAP}lastmod")
                 for u in urls}
        for path, date in dates.items():
            if not path.removeprefix("en/").startswith(GENERATED):
                # a hand-written page (French, or its English in docs/en/): its docs/ file
                date_expected = git_date(docs_file(path))
                assert date == date_expected, (path, date, date_expected)
            else:
                assert date, path
    by_page = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
               for u in ET.parse(sample_site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")}
    assert by_page[f"{SITE}entites/filiale-exemple/"] == "2026-03-02"
    assert by_page[f"{SITE}fichiers/fichier-exemple/"] == "2025-12-01"
    assert by_page[f"{SITE}groupe/"] == "2026-03-02"  # an index page: the data set's last change


# Pages the plugin generates from the data: records and indexes of every collection, and the rest.
GENERATED = (*(f"{c.url_segment}/" for c in COLLECTIONS.values() if c.url_segment),
             *(page.path for page in INDEX_PAGES))


def docs_file(page_path: str) -> str:
    if page_path in ("", "en/"):
        return f"docs/{page_path}index.md"
    return f"docs/{page_path.rstrip('/')}.md"


def git_date(file: str) -> str | None:
    """The date of the file's last commit on the main line (scripts/load/git_dates.py), or None."""
    command = ["git", "log", "-1", "--first-parent", "--diff-merges=first-parent", "--format=%cs", "--name-only",
               "--", file]  # --name-only: a merge's first-parent diff would otherwise be printed as a patch
    out = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    return out[0] if out else None


def test_the_social_card_is_a_1200_by_630_png(real_site):
    card = (real_site / "assets/social-card.png").read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n" and card[12:16] == b"IHDR"
    assert struct.unpack(">II", card[16:24]) == (1200, 630)


def test_every_page_has_the_sharing_tags(sample_site):
    for path in pages_of(sample_site):
        head = parse_head(path.read_text(encoding="utf-8").split("</head>")[0])
        where = path.relative_to(sample_site)
        assert head.meta.get("og:image") == [f"{SITE}assets/social-card.png"], where
        assert head.meta.get("twitter:card") == ["summary_large_image"], where
        assert head.meta.get("og:site_name"), where
        if path.name == "index.html":
            assert head.meta.get("og:url") and head.meta.get("og:title"), where


def test_the_home_page_is_a_website_and_the_open_data_page_a_dataset(sample_site):
    home = parse_head((sample_site / "index.html").read_text(encoding="utf-8"))
    assert [json.loads(text)["@type"] for text in home.json_ld] == ["WebSite"]
    open_data = parse_head((sample_site / "donnees/index.html").read_text(encoding="utf-8"))
    [dataset] = [json.loads(text) for text in open_data.json_ld]
    assert dataset["@type"] == "Dataset" and dataset["url"] == f"{SITE}donnees/"
    downloads = {d["name"]: d for d in dataset["distribution"]}
    assert set(downloads) == {export.name for export in EXPORTS}
    for name, download in downloads.items():
        assert download["@type"] == "DataDownload" and download["contentUrl"] == f"{SITE}donnees/{name}"
        assert download["contentSize"] == f"{(sample_site / 'donnees' / name).stat().st_size} B"


def test_the_404_page_is_in_french(real_site):
    page = (real_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "<h1>Page introuvable (erreur 404)</h1>" in page and "Not found" not in page
    assert "<title>Page introuvable - La Poste et vos données</title>" in page


def test_no_two_pages_share_a_title(real_site):
    titles = Counter(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1)
                     for path in pages_of(real_site))
    assert [title for title, count in titles.items() if count > 1] == []
    assert titles["Geopost - La Poste et vos données"] == 1  # the entity; its Wikipedia article names its publisher
    assert titles["Geopost (Wikipedia) - La Poste et vos données"] == 1


def test_no_aria_label_on_a_plain_span(real_site):
    """aria-label names an element with a role; on a bare <span> screen readers ignore it."""
    for path in pages_of(real_site):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<span(?![^>]*\brole=)[^>]*\baria-label=", text), path.relative_to(real_site)
