"""A reader's path through the cross-links: from the home page to an entity, a data file, a
flow and a source, then back through the source page's backlinks to a record that cites it."""
from __future__ import annotations

import re

from browsing import csp_violations, visit


def follow(page, base_url: str, pattern: str) -> str:
    """Click the first link of the article whose target path matches `pattern`; return the
    path reached."""
    links = page.locator("article.md-content__inner a[href]")
    targets = links.evaluate_all("links => links.map(a => new URL(a.getAttribute('href'), location.href).pathname)")
    for index, target in enumerate(targets):
        link = links.nth(index)
        if re.fullmatch(pattern, target) and link.is_visible():
            link.click()
            page.wait_for_url(base_url + target)
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").first.inner_text().strip(), f"{target} has no title"
            return target
    raise AssertionError(f"no visible link to {pattern} on {page.url}")


# A route that exists in the investigation's data: Médiapost, the address files it holds,
# their rental to advertisers, then whichever source that flow cites first.
ROUTE = [r"/entites/mediapost/", r"/fichiers/fichiers-adresses-mediapost/",
         r"/flux/location-fichiers-mediapost-annonceurs/", r"/sources/[a-z0-9-]+/"]


def test_home_to_entity_dataset_flow_source_and_back(page, base_url):
    visit(page, base_url, "/")
    reached = [follow(page, base_url, pattern) for pattern in ROUTE]
    source = reached[-1]

    backlinks = page.locator("a.lp-backlink")
    assert backlinks.count() > 0, f"{source} lists no record that cites it"
    backlinks.first.click()
    page.wait_for_load_state("networkidle")
    citing = page.url.removeprefix(base_url).split("#")[0]
    assert re.fullmatch(r"/(entites|fichiers|flux)/[a-z0-9-]+/", citing), citing
    # The citing record really cites the source: a link back to it is on the page.
    cited = page.locator(f'article a[href$="{source.rsplit("/", 2)[-2]}/"]')
    assert cited.count() > 0, f"{citing} does not link back to {source}"

    page.go_back()
    page.wait_for_url(base_url + source)
    assert csp_violations(page) == []
    assert page.console_errors == []
