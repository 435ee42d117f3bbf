"""The diagrams as a reader sees them (issue 21): the map of flows on /flux/, the chain on the
home page, a flow page's diagram and an entity's neighbourhood. At 1280 px each is an SVG drawn
at its own size; at 360 px it is a column of cards; either way its text is at least 12 CSS px
once rendered, stays inside its boxes, and every link has a name. The header fits a phone.
A screenshot of each diagram at each width is left in test-results/."""
from __future__ import annotations

import pytest
from browsing import RECORD_PAGES, RESULTS, open_context, visit

DIAGRAMS = {"map": "/flux/", "chain": "/", "flow": RECORD_PAGES["flow"], "entity": RECORD_PAGES["entity"]}

# Which drawing of the first diagram shows, and the rendered size of each piece of its text:
# an SVG's text size times the SVG's scale on screen; a card's computed font size.
RENDERED_TEXT = """() => {
  const figure = document.querySelector("figure.lp-figure");
  const wide = figure.querySelector(".lp-figure__wide"), narrow = figure.querySelector(".lp-figure__narrow");
  const shown = getComputedStyle(wide).display !== "none" ? "svg" : getComputedStyle(narrow).display !== "none" ? "cards" : "none";
  const part = shown === "svg" ? wide : narrow;
  const texts = shown === "svg" ? [...part.querySelectorAll("svg text")]
    : [...part.querySelectorAll("*")].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  const sizes = texts.map(e => {
    const size = parseFloat(getComputedStyle(e).fontSize);
    return [e.textContent.trim(), shown === "svg" ? size * e.getScreenCTM().a : size];
  });
  return {shown, sizes, width: figure.clientWidth};
}"""

# Text of the SVG that sticks out of the box (or row, or frame) it belongs to.
TEXT_OUTSIDE_ITS_BOX = """() => {
  const out = [];
  for (const text of document.querySelectorAll(".lp-map text, .lp-diagram text")) {
    const owner = text.closest(".lp-map__node, .lp-diagram__node, .lp-map__flow, .lp-map__cluster");
    if (!owner) continue;  // a column's title
    const frame = owner.querySelector(":scope > rect.lp-map__row, :scope > rect.lp-map__frame, :scope > rect");
    const t = text.getBBox(), r = frame.getBBox();
    if (t.x < r.x - 0.5 || t.y < r.y - 0.5 || t.x + t.width > r.x + r.width + 0.5 || t.y + t.height > r.y + r.height + 0.5)
      out.push(text.textContent.trim());
  }
  return out;
}"""

# Links of the shown drawing without a name a screen reader can say, and the SVG's title and
# description.
UNNAMED_LINKS = """() => {
  const figure = document.querySelector("figure.lp-figure");
  const svg = figure.querySelector("svg.lp-map, svg.lp-diagram");
  const shown = [...figure.querySelectorAll("a")].filter(a => a.getClientRects().length);
  const unnamed = shown.filter(a => !(a.querySelector(":scope > title") || a).textContent.trim()).map(a => a.outerHTML.slice(0, 80));
  const labels = (svg.getAttribute("aria-labelledby") || "").split(" ").map(id => document.getElementById(id));
  return {links: shown.length, unnamed, titled: labels.length === 2 && labels.every(e => e && e.textContent.trim()),
          role: svg.getAttribute("role")};
}"""


def shot(page, name: str, width: int) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.locator("figure.lp-figure").first.screenshot(path=str(RESULTS / f"diagram-{name}-{width}.png"))


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_text_is_at_least_12_px_on_a_desktop(page, base_url, name):
    visit(page, base_url, DIAGRAMS[name])
    rendered = page.evaluate(RENDERED_TEXT)
    shot(page, name, 1280)
    assert rendered["shown"] == "svg", f"{name}: the SVG should fit a {rendered['width']}-px column"
    assert len(rendered["sizes"]) > 5
    small = [(text, round(size, 2)) for text, size in rendered["sizes"] if size < 12]
    assert small == [], f"{name}: text under 12 px at 1280 px"
    assert page.evaluate(TEXT_OUTSIDE_ITS_BOX) == []


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_becomes_cards_of_readable_text_on_a_phone(phone, base_url, name):
    visit(phone, base_url, DIAGRAMS[name])
    rendered = phone.evaluate(RENDERED_TEXT)
    shot(phone, name, 360)
    assert rendered["shown"] == "cards"
    small = [(text, size) for text, size in rendered["sizes"] if size < 12]
    assert rendered["sizes"] and small == [], f"{name}: text under 12 px at 360 px"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", ["map", "flow"])
def test_every_link_of_a_diagram_has_a_name(browser, base_url, request, name, width):
    options = {"viewport": {"width": width, "height": 800}}
    for context in open_context(browser, base_url, request, **options):
        page = context.new_page()
        visit(page, base_url, DIAGRAMS[name])
        found = page.evaluate(UNNAMED_LINKS)
        assert found["links"] > 5 and found["unnamed"] == []
        assert found["titled"] and found["role"] == "group"


def test_the_map_and_the_table_list_the_same_flows(page, base_url):
    visit(page, base_url, "/flux/")
    in_map = page.evaluate("""[...document.querySelectorAll('.lp-map a.lp-map__flow')]
                              .map(a => new URL(a.getAttribute('href'), location.href).pathname).sort()""")
    in_table = page.evaluate("""[...new Set([...document.querySelectorAll('table.lp-flows td:nth-child(2) a')]
                                .map(a => new URL(a.href).pathname))].sort()""")
    assert in_map == in_table and len(in_map) > 10
    table_top = page.evaluate("document.querySelector('table.lp-flows').getBoundingClientRect().top")
    assert page.evaluate("document.querySelector('.lp-map').getBoundingClientRect().bottom") < table_top


def test_phone_header_has_no_keyboard_hint_and_the_whole_title(phone, base_url):
    visit(phone, base_url, "/")
    hint = phone.locator("pagefind-modal-trigger .pf-trigger-shortcut")
    assert hint.count() == 1 and not hint.is_visible()
    title = phone.locator(".md-header__topic .md-ellipsis").first
    assert title.inner_text().strip() == "La Poste et vos données"
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut"


def test_desktop_header_keeps_the_keyboard_hint(page, base_url):
    visit(page, base_url, "/")
    assert page.locator("pagefind-modal-trigger .pf-trigger-shortcut").is_visible()
