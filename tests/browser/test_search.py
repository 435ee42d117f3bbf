"""Material's search box (French stemming) finds an entity by its name, by an alias and by a
word of its summary."""
from __future__ import annotations

import pytest
from browsing import visit


def search(page, query: str) -> list[str]:
    page.click("input.md-search__input")
    page.keyboard.type(query)  # Material listens to key events, not to a filled value
    page.wait_for_selector(".md-search-result__item a")
    # Material lists the first ten results and renders more as the list is scrolled.
    items = page.locator(".md-search-result__item")
    count = 0
    while items.count() > count:
        count = items.count()
        page.eval_on_selector(".md-search__scrollwrap", "box => box.scrollTop = box.scrollHeight")
        page.wait_for_timeout(200)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("query, expected", [
    ("Médiapost", "/entites/mediapost/"),                            # a name
    ("MediaPoste", "/entites/mediapost/"),                           # an alias of Médiapost
    ("Probayes", "/entites/probayes/"),                              # the example
    ("souscrivent", "/entites/personnes-qui-demenagent/"),           # a word of its summary only
    # The example: Material's lunr search lists 30 sections for it but none of the three
    # entity pages whose text has the word (unaccented "reexpedition" finds them): a defect of
    # the search engine, to be fixed by the search work (Pagefind), not hidden here.
    pytest.param("réexpédition", "/entites/personnes-qui-demenagent/",
                 marks=pytest.mark.xfail(strict=True, reason="Material's lunr search misses it")),
])
def test_search_finds_the_entity(page, base_url, query, expected):
    visit(page, base_url, "/")
    found = search(page, query)
    assert expected in found, f"{query!r}: {expected} not among {found}"


def test_search_interface_is_french(page, base_url):
    visit(page, base_url, "/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.get_attribute("input.md-search__input", "placeholder") == "Rechercher"
    assert page.get_attribute("[data-md-component=search][role=dialog]", "aria-label") == "Recherche"
