"""Old URLs of renamed records lead to the new page: the redirect map, the static redirect
pages (meta refresh, canonical, visible link), followed as a browser would, and clear errors."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from sample import SAMPLE, sample_index, write_sample

from scripts.outputs.redirects import redirect_html, redirect_pages, write_redirects
from scripts.validate import load_and_validate

SITE = "https://enquete.example/"


class RedirectParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refresh = self.canonical = None
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.refresh = attrs["content"]
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "a":
            self.links.append(attrs["href"])
        self.scripts += tag == "script"


def follow(site_dir: Path, site_url: str, old_path: str) -> str:
    """Open `old_path` in the built site and follow its meta refresh: the URL it lands on."""
    parser = RedirectParser()
    parser.feed((site_dir / old_path / "index.html").read_text(encoding="utf-8"))
    match = re.fullmatch(r"0; url=(.+)", parser.refresh)
    assert match, parser.refresh
    assert parser.links == [match.group(1)] and parser.scripts == 0
    return urljoin(site_url + old_path, match.group(1))


def test_previous_ids_map_old_paths_to_new(tmp_path):
    _, index = sample_index(tmp_path)
    assert {old: record.id for old, record in redirect_pages(index).items()} == \
        {"entites/ancienne-filiale/": "filiale-exemple"}


def test_old_url_leads_to_the_new_page_relative(tmp_path):
    _, index = sample_index(tmp_path)
    site = tmp_path / "site"
    french, english = write_redirects(index, site)
    assert french == site / "entites/ancienne-filiale/index.html"
    assert english == site / "en/entites/ancienne-filiale/index.html"  # the English page's old address too
    # relative target: works under any host and sub-path
    for base in (SITE, "https://user.example.io/enquete/"):
        assert follow(site, base, "entites/ancienne-filiale/") == base + "entites/filiale-exemple/"
        assert follow(site, base, "en/entites/ancienne-filiale/") == base + "en/entites/filiale-exemple/"


def test_old_url_leads_to_the_new_page_absolute_with_canonical(tmp_path):
    _, index = sample_index(tmp_path)
    site = tmp_path / "site"
    write_redirects(index, site, SITE)
    assert follow(site, SITE, "entites/ancienne-filiale/") == SITE + "entites/filiale-exemple/"
    parser = RedirectParser()
    parser.feed((site / "entites/ancienne-filiale/index.html").read_text(encoding="utf-8"))
    assert parser.canonical == SITE + "entites/filiale-exemple/"


def test_redirect_html_escapes_its_target():
    page = redirect_html('https://x.example/a/?q="><script>', 'T <b>')
    assert "<script>" not in page and "<b>" not in page
    parser = RedirectParser()
    parser.feed(page)
    assert parser.canonical == 'https://x.example/a/?q="><script>'


def test_a_previous_id_claimed_twice_is_refused_by_the_validator(tmp_path):
    """One place keeps the previous_ids rules (scripts/validate/ids.py): a redirect is only
    written for a data set that passed them."""
    files = dict(SAMPLE)
    files["entities/groupe-exemple.yaml"] += "previous_ids:\n  - ancienne-filiale\n"
    _, problems = load_and_validate(write_sample(tmp_path, files))
    [problem] = [p for p in problems if "ancienne-filiale" in p.message]
    assert problem.file in ("data/entities/groupe-exemple.yaml", "data/entities/filiale-exemple.yaml")
    assert problem.line > 1 and "redirect to one record only" in problem.message


def test_a_previous_id_that_is_a_live_id_is_refused_by_the_validator(tmp_path):
    files = dict(SAMPLE)
    files["entities/groupe-exemple.yaml"] += "previous_ids: [filiale-exemple]\n"
    _, problems = load_and_validate(write_sample(tmp_path, files))
    assert any(str(p).startswith("data/entities/groupe-exemple.yaml:5: previous_ids[0]: 'filiale-exemple' is a live id")
               for p in problems), problems


def test_built_site_redirects_the_old_url_to_the_live_page(sample_site):
    target = follow(sample_site, SITE, "entites/ancienne-filiale/")
    assert target == SITE + "entites/filiale-exemple/"
    assert (sample_site / target.removeprefix(SITE) / "index.html").is_file()
