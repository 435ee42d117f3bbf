"""« Suis-je concerné ? » and « Lettre », as a reader uses them: every situation ticked, every
field typed into, the letter written, copied, downloaded and printed; and nothing of it leaves
the page: no request after the page has loaded, nothing in cookies, localStorage,
sessionStorage or IndexedDB, nothing in the URL. Both pages work without JavaScript (static
sections and plain templates), have no serious axe violation and fit a 360-px phone."""
from __future__ import annotations

from urllib.parse import unquote

import pytest
from browsing import csp_violations, open_context, visit
from test_accessibility import serious_violations

from scripts.model import urls

CONCERNED = "/" + urls.CONCERNED
LETTER = "/" + urls.LETTER
TYPED = {"#lp-letter-name": "Camille Exemple-Privée", "#lp-letter-address": "12 rue Imaginaire\n00000 Nulle-Part",
         "#lp-letter-ids": "client n° ZZ-0000-TEST", "#lp-letter-place": "Quelque-Ville",
         "#lp-letter-date": "1er janvier 2099"}
STORAGE = """async () => {
  const databases = indexedDB.databases ? (await indexedDB.databases()).length : 0;
  return {cookies: document.cookie, local: localStorage.length, session: sessionStorage.length, databases};
}"""


def assert_private(page, requests_at_load: int, typed: list[str]):
    assert page.requests[requests_at_load:] == [], "a request was made after the page had loaded"
    assert page.evaluate(STORAGE) == {"cookies": "", "local": 0, "session": 0, "databases": 0}
    assert page.context.cookies() == []
    assert "?" not in page.url and "#" not in page.url  # no form sent, nothing written to the URL
    assert all(value not in unquote(page.url) for value in typed)
    assert csp_violations(page) == []
    assert page.console_errors == []


def test_ticking_every_situation_filters_one_list_and_sends_nothing(page, base_url):
    visit(page, base_url, CONCERNED)
    loaded = len(page.requests)
    boxes = page.locator('#lp-concerned-tool input[name="lp-situation"]')
    assert boxes.count() >= 5
    assert page.locator("#lp-concerned-list .lp-concerned__item:visible").count() == 0
    seen = set()
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.check()
        value = box.get_attribute("value")
        shown = page.locator("#lp-concerned-list .lp-concerned__item:visible")
        assert shown.count() >= 1
        for j in range(shown.count()):
            seen.add(shown.nth(j).get_attribute("data-situations"))
        assert any(value in situations.split() for situations in seen)
        # the static section of that situation lists the same files
        assert page.locator(f"#situation--{value} .lp-concerned__item").count() >= 1
    every = page.locator("#lp-concerned-list .lp-concerned__item")
    assert page.locator("#lp-concerned-list .lp-concerned__item:visible").count() == every.count()
    boxes.first.uncheck()
    assert_private(page, loaded, [])


def test_the_letter_is_written_copied_downloaded_and_printed_without_leaving_the_page(browser, base_url, request):
    for context in open_context(browser, base_url, request):
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        visit(page, base_url, LETTER)
        page.evaluate("window.print = () => { window.__printed = true; }")
        loaded = len(page.requests)
        holders = page.locator("#lp-letter-holder option")
        assert holders.count() >= 10
        page.select_option("#lp-letter-holder", "la-poste-mobile")
        page.check('input[name="lp-letter-request"][value="opposition-effacement"]')
        for selector, value in TYPED.items():
            page.fill(selector, value)
        page.click("#lp-letter-generate")
        letter = page.inner_text("#lp-letter-output")
        for value in TYPED.values():
            assert value in letter
        assert "[" not in letter  # every placeholder filled
        assert "mesdonneespersonnelles@lapostemobile.fr" in letter  # the holder's sourced contact
        assert "article 21, paragraphe 2" in letter and "article 17, paragraphe 1" in letter
        assert "délai d'un mois" in letter
        page.click("#lp-letter-copy")
        page.wait_for_function("document.getElementById('lp-letter-status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == letter.strip() or \
            page.evaluate("navigator.clipboard.readText()").strip() == letter.strip()
        with page.expect_download() as download:
            page.click("#lp-letter-download")
        text = open(download.value.path(), encoding="utf-8").read()
        assert "Camille Exemple-Privée" in text and "Objet : opposition" in text
        assert download.value.suggested_filename == "lettre-la-poste-mobile.txt"
        assert download.value.url.startswith("blob:")
        page.click("#lp-letter-print")
        assert page.evaluate("window.__printed === true")
        requested = [url for url in page.requests[loaded:] if not url.startswith("blob:")]
        assert requested == []
        page.requests[:] = [url for url in page.requests if not url.startswith("blob:")]
        assert_private(page, loaded, list(TYPED.values()))


def test_every_holder_and_request_has_a_letter(page, base_url):
    visit(page, base_url, LETTER)
    options = page.eval_on_selector_all("#lp-letter-holder option", "els => els.map(e => e.value)")
    requests = page.eval_on_selector_all('input[name="lp-letter-request"]', "els => els.map(e => e.value)")
    for holder in options:
        page.select_option("#lp-letter-holder", holder)
        for value in requests:
            page.check(f'input[name="lp-letter-request"][value="{value}"]')
            letter = page.inner_text("#lp-letter-output")
            assert "Objet :" in letter and "délai d'un mois" in letter, (holder, value)


@pytest.mark.parametrize("path", [CONCERNED, LETTER])
def test_without_javascript_the_static_sections_remain(browser, base_url, request, path):
    for context in open_context(browser, base_url, request, java_script_enabled=False):
        page = context.new_page()
        page.goto(base_url + path)
        assert page.locator("#lp-concerned-tool:visible, #lp-letter-tool:visible").count() == 0
        if path == CONCERNED:
            assert page.locator("section[id^='situation--'] .lp-concerned__item").count() >= 5
        else:
            assert page.locator("pre.lp-letter[data-holder]").count() >= 40
            page.goto(base_url + path + "#lettre--la-poste-mobile")
            assert page.locator("#lettre--la-poste-mobile details").count() == 4


@pytest.mark.parametrize("path", [CONCERNED, LETTER])
def test_no_serious_accessibility_violation(page, base_url, path):
    visit(page, base_url, path)
    if path == CONCERNED:
        page.locator('#lp-concerned-tool input[name="lp-situation"]').first.check()
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", [CONCERNED, LETTER])
def test_a_phone_reads_them_without_sideways_scrolling(phone, base_url, path):
    visit(phone, base_url, path)
    if path == CONCERNED:
        phone.locator('#lp-concerned-tool input[name="lp-situation"]').first.check()
    else:
        phone.fill("#lp-letter-name", "Camille Exemple")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(phone) == []


def test_the_holder_page_links_to_its_letter(page, base_url):
    visit(page, base_url, "/entites/la-poste-mobile/")
    section = page.locator("#droits")
    assert "mesdonneespersonnelles@lapostemobile.fr" in section.inner_text()
    section.locator("a", has_text="la lettre").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(LETTER + "#lettre--la-poste-mobile")
