"""The site search (Pagefind, French stemming) finds an entity by its name, by an alias and by a
word of its summary, from the search dialog a reader opens in the header."""
from __future__ import annotations

import pytest
from browsing import open_search, visit

RESULTS = "pagefind-modal li.pf-result"


def search(page, query: str) -> list[str]:
    """Type a query as a reader does and collect every result's path. Pagefind renders the
    results as they scroll into view: scroll until none is a placeholder any more."""
    open_search(page)
    page.keyboard.type(query)
    page.wait_for_selector(f"{RESULTS} a.pf-result-link")
    for _ in range(100):  # bounded: 15 s at most (a busy machine renders results slowly)
        if page.locator(f"{RESULTS} .pf-skeleton").count() == 0:
            break
        # Scroll the dialog's body itself: a result element may be re-rendered meanwhile.
        page.eval_on_selector("pagefind-modal .pf-modal-body", "body => body.scrollBy(0, body.clientHeight)")
        page.wait_for_timeout(150)
    return page.eval_on_selector_all(f"{RESULTS} a.pf-result-link",
                                     "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("query, expected", [
    ("Médiapost", "/entites/mediapost/"),                            # a name
    ("MediaPoste", "/entites/mediapost/"),                           # an alias of Médiapost
    ("Probayes", "/entites/probayes/"),                              # the example
    ("souscrivent", "/entites/personnes-qui-demenagent/"),           # a word of its summary only
    ("réexpédition", "/entites/personnes-qui-demenagent/"),          # the example, accented
    ("reexpedition", "/entites/personnes-qui-demenagent/"),          # typed without accents
])
def test_search_finds_the_entity(page, base_url, query, expected):
    visit(page, base_url, "/")
    found = search(page, query)
    assert expected in found, f"{query!r}: {expected} not among {found}"


def test_search_stems_french_words(page, base_url):
    """A plural finds the singular: the index is built with the French stemmer (html lang=fr)."""
    visit(page, base_url, "/")
    assert set(search(page, "filiales")) & set(search_again(page, "filiale"))


def search_again(page, query: str) -> list[str]:
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    return search(page, query)


def test_search_interface_is_french(page, base_url):
    visit(page, base_url, "/")
    assert page.get_attribute("html", "lang") == "fr"
    open_search(page)
    assert page.get_attribute("pagefind-modal input.pf-input", "placeholder") == "Rechercher"
    page.keyboard.type("Probayes")
    page.wait_for_selector("pagefind-modal a.pf-result-link")
    page.wait_for_function("document.querySelector('pagefind-modal .pf-summary').textContent.includes('résultat')")


def test_search_downloads_only_part_of_the_index(page, base_url, real_site):
    """A reader's first search fetches a few index chunks, not the whole index."""
    visit(page, base_url, "/")
    search(page, "Probayes")
    fetched = [url for url in page.requests if "/pagefind/index/" in url]
    chunks = list((real_site / "pagefind" / "index").iterdir())
    assert fetched and (len(chunks) == 1 or len(fetched) < len(chunks))


@pytest.mark.parametrize("query, expected", [
    ("Probayes", "/entites/probayes/"),                    # before the articles about its purchase
    ("Banque Postale", "/entites/la-banque-postale/"),     # before its legal notices
    ("BNCA", "/fichiers/bnca/"),                           # before the flows that feed it
    ("Docaposte", "/entites/docaposte/"),                  # before its subsidiary Docaposte Institute
    ("Estocade", "/fichiers/estocade/"),
    ("Geoptis", "/entites/geoptis/"),
    ("Data Lake", "/fichiers/data-lake-la-poste/"),
    ("Connaissance clients", "/entites/programme-connaissance-clients/"),
    ("Médiapost", "/entites/mediapost/"),                  # before Médiapost Communication, and the
                                                           # article on "Mediapost–Delta Diffusion"
    ("La Poste", "/entites/la-poste/"),                    # before the home page, which names it often
])
def test_the_page_of_what_is_named_comes_first(page, base_url, query, expected):
    """Titles weigh by the kind of page (scripts/search_index.py, TITLE_WEIGHTS): a company or
    a file before the articles and flows that mention it, however long its own page is
    (assets/lp-search.js: Pagefind's ranking options)."""
    visit(page, base_url, "/")
    found = search(page, query)
    assert found[:1] == [expected], f"{query!r}: first results {found[:3]}"


def test_an_event_is_found_at_its_place_on_the_timeline(page, base_url):
    """Events have no page: each is a search result of its own that opens the timeline at it
    (scripts/search_index.py), and the timeline's list is not one result for every event."""
    visit(page, base_url, "/")
    open_search(page)
    page.keyboard.type("Basta relaie")
    first = page.locator(f"{RESULTS} a.pf-result-link").first
    first.wait_for()
    assert first.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == "/chronologie/#bastamag-2019-03-15"
    first.click()
    page.wait_for_url("**/chronologie/#bastamag-2019-03-15")
    page.wait_for_function("document.getElementById('bastamag-2019-03-15').getBoundingClientRect().top < innerHeight")
    assert page.locator("#bastamag-2019-03-15 .lp-event__title").is_visible()
