"""The "Citer cette page" box with assets/cite.js: its copy buttons appear, opening it sets the
consultation date to the reader's today, and "copier le lien" copies the claim's full address."""
from __future__ import annotations

import datetime as dt

from browsing import csp_violations, visit


def test_cite_box_dates_and_copy(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.clock.set_fixed_time(dt.datetime(2031, 2, 1, 12, 0))  # a reader's day after the build
    visit(page, base_url, "/entites/mediapost/")
    box = page.locator("details.cite-box").last
    box.locator("summary").click()
    assert box.locator(".cite-today").inner_text() == "1er février 2031"
    assert box.locator(".cite-today").get_attribute("datetime") == "2031-02-01"
    copy = box.locator("button.cite-copy").first
    assert copy.is_visible()
    copy.click()
    assert "(consulté le 1er février 2031)" in page.evaluate("navigator.clipboard.readText()")

    link_button = page.locator(".lp-claim button.cite-copy[data-copy]").first
    claim_id = link_button.get_attribute("data-copy").rsplit("#", 1)[1]
    link_button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/entites/mediapost/#{claim_id}"
    assert csp_violations(page) == []
