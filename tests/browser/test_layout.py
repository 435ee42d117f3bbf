"""Readable on a 360-px phone (the page body never scrolls sideways; wide tables scroll in
their own box), both palettes with a toggle, and a print style that keeps the sources."""
from __future__ import annotations

import pytest
from browsing import RESULTS, csp_violations, open_context, visit

PHONE_PAGES = {"home": "/", "entity": "/entites/mediapost/", "directory": "/entites/",
               "matrix": "/categories/", "flows": "/flux/", "sources": "/sources/", "timeline": "/chronologie/"}

OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  // Elements sticking out of the viewport that no scrolling box of their own contains.
  function inScroller(el) {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (["auto", "scroll", "hidden"].includes(style.overflowX) && up.clientWidth <= width) return true;
    }
    return false;
  }
  return [...document.querySelectorAll(".md-content *")]
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length && !inScroller(el))
    .slice(0, 5).map(el => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
}"""


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_phone_page_does_not_scroll_sideways(phone, base_url, name):
    visit(phone, base_url, PHONE_PAGES[name])
    assert phone.viewport_size["width"] == 360
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    RESULTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(RESULTS / f"phone-360-{name}.png"))
    assert scroll_width <= 360, f"the page is {scroll_width} px wide: {phone.evaluate(OVERFLOWING)}"
    assert phone.evaluate(OVERFLOWING) == []
    body_size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert body_size >= 16


def test_wide_table_scrolls_in_its_own_box(phone, base_url):
    visit(phone, base_url, "/entites/")
    box = phone.locator("#lp-directory")
    sizes = box.evaluate("t => [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]")
    assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes
    box.evaluate("t => t.scrollLeft = 200")
    assert box.evaluate("t => t.scrollLeft") > 0
    assert phone.evaluate("window.scrollX") == 0


def test_palette_toggle_switches_and_is_remembered(page, base_url):
    visit(page, base_url, "/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    toggle = page.locator("form[data-lp-palette] label:not([hidden])")
    assert toggle.get_attribute("title") == "Passer en mode sombre"
    toggle.click()
    page.wait_for_selector('body[data-md-color-scheme="slate"]')
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    visit(page, base_url, "/entites/mediapost/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background != "rgb(255, 255, 255)"
    assert csp_violations(page) == []


def test_palette_follows_the_system_until_the_reader_chooses(browser, base_url, request):
    for context in open_context(browser, base_url, request, color_scheme="light"):
        page = context.new_page()
        visit(page, base_url, "/entites/mediapost/")
        page.emulate_media(color_scheme="dark")
        page.wait_for_selector('body[data-md-color-scheme="slate"]')
        assert page.get_attribute("form[data-lp-palette] label:not([hidden])", "title") == "Passer en mode clair"
        assert browser_colours(page) == {"scheme": "dark", "theme": page.evaluate(HEADER_COLOUR)}
        page.click("form[data-lp-palette] label:not([hidden])")
        page.wait_for_selector('body[data-md-color-scheme="default"]')
        assert browser_colours(page) == {"scheme": "light", "theme": page.evaluate(HEADER_COLOUR)}
        page.emulate_media(color_scheme="light")
        page.emulate_media(color_scheme="dark")
        visit(page, base_url, "/")
        assert page.get_attribute("body", "data-md-color-scheme") == "default", "the reader's choice comes first"


def test_palette_toggle_answers_the_keyboard(page, base_url):
    visit(page, base_url, "/")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    page.wait_for_selector('body[data-md-color-scheme="slate"]')
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    page.wait_for_selector('body[data-md-color-scheme="default"]')
    assert not page.evaluate("document.body.hasAttribute('data-md-color-switching')")


HEADER_COLOUR = """'#' + getComputedStyle(document.querySelector('.md-header')).backgroundColor
  .match(/\\d+/g).slice(0, 3).map(v => (+v).toString(16).padStart(2, '0')).join('')"""


def browser_colours(page) -> dict:
    """What the page tells the browser about its colours (scrollbars, the phone's address bar)."""
    return page.evaluate("""({scheme: document.querySelector('meta[name=color-scheme]').content,
                             theme: document.querySelector('meta[name=theme-color]').content})""")


def test_dark_palette_follows_the_system_setting(browser, base_url, request):
    for context in open_context(browser, base_url, request, color_scheme="dark"):
        page = context.new_page()
        visit(page, base_url, "/")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"


def test_print_keeps_citations_and_their_addresses(page, base_url):
    visit(page, base_url, "/entites/mediapost/")
    page.emulate_media(media="print")
    original = page.locator("a.lp-citation__original").first
    href = original.get_attribute("href")
    assert href.startswith("http")
    printed = original.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in printed, f"the printed link shows {printed!r}, not its address {href}"
    assert page.locator(".lp-citation .lp-quote").first.is_visible()
    for furniture in (".md-header", ".md-sidebar--primary", "pagefind-modal-trigger", ".md-footer"):
        assert page.locator(furniture).first.evaluate("e => getComputedStyle(e).display") == "none", furniture
    RESULTS.mkdir(exist_ok=True)
    page.pdf(path=str(RESULTS / "print-entity.pdf"))
    page.emulate_media(media="screen")
    assert original.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
