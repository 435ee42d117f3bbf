"""The English edition in a browser: the language switch on a record page lands on the same
record in the other language and back; the English search finds the English pages ("forwarding"
finds the forwarding contracts) and only them, with a small first download; the search
interface speaks English there; axe finds no serious violation on the English pages."""
from __future__ import annotations

import pytest
from browsing import ALL_CHECKED, HAND_WRITTEN, open_search, visit
from test_accessibility import serious_violations
from test_search import RESULTS, search

FIRST_SEARCH_LIMIT = 1_000_000  # bytes: the first search of a reader, index chunks and fragments


def test_the_language_switch_lands_on_the_same_record(page, base_url):
    visit(page, base_url, "/entites/mediapost/")
    french_title = page.inner_text("article h1")
    page.click("article .lp-language a")
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + "/en/entites/mediapost/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("article h1") == french_title  # a name stays a name
    assert "Claims" in page.inner_text("article")
    page.click("article .lp-language a")
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + "/entites/mediapost/"
    assert page.get_attribute("html", "lang") == "fr"


def test_english_navigation_leads_to_english_pages(page, base_url):
    visit(page, base_url, "/en/")
    hrefs = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                      "links => links.map(a => new URL(a.href).pathname)")
    assert hrefs and all(href.startswith("/en/") for href in hrefs), hrefs


def first_search_bytes(page, real_site) -> int:
    fetched = {url.split("//", 1)[1].split("/", 1)[1] for url in page.requests if "/pagefind/" in url}
    return sum((real_site / path).stat().st_size for path in fetched if (real_site / path).is_file())


def test_an_english_search_finds_the_english_pages_only(page, base_url, real_site):
    visit(page, base_url, "/en/")
    found = search(page, "forwarding")
    assert "/en/fichiers/contrats-de-reexpedition/" in found, found
    assert found and all(path.startswith("/en/") for path in found), found
    assert first_search_bytes(page, real_site) <= FIRST_SEARCH_LIMIT


def test_a_french_search_finds_no_english_page(page, base_url, real_site):
    visit(page, base_url, "/")
    found = search(page, "réexpédition")
    assert "/fichiers/contrats-de-reexpedition/" in found
    assert not any(path.startswith("/en/") for path in found), found
    assert first_search_bytes(page, real_site) <= FIRST_SEARCH_LIMIT


def test_the_english_search_speaks_english(page, base_url):
    visit(page, base_url, "/en/")
    open_search(page)
    assert page.get_attribute("pagefind-modal input.pf-input", "placeholder") == "Search"
    page.keyboard.type("Probayes")
    page.wait_for_selector(f"{RESULTS} a.pf-result-link")
    page.wait_for_function("document.querySelector('pagefind-modal .pf-summary').textContent.includes('result')")


@pytest.mark.parametrize("path", ["/en" + path for path in [*ALL_CHECKED, *HAND_WRITTEN]])
def test_no_serious_accessibility_violation_in_english(page, base_url, path):
    visit(page, base_url, path)
    assert page.get_attribute("html", "lang") == "en"
    assert serious_violations(page) == []
