"""axe-core finds no serious or critical violation on the home page, one page of each record
kind and every index (with the blocks laid out on scroll laid out), in the light and in the dark palette; the neighbourhood diagrams keep
their text readable in both."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import ALL_CHECKED, HAND_WRITTEN, RECORD_PAGES, lay_out_late_blocks, open_context, visit

AXE = Axe()
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module", params=list(SCHEMES))
def palette(request):
    return request.param


@pytest.fixture
def themed_page(browser, base_url, request, palette):
    """A page whose reader's system asks for the light or the dark palette."""
    for context in open_context(browser, base_url, request, color_scheme=palette):
        yield context.new_page()


def serious_violations(page) -> list[str]:
    lay_out_late_blocks(page)
    results = AXE.run(page)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", [*ALL_CHECKED, *HAND_WRITTEN])
def test_no_serious_accessibility_violation(themed_page, base_url, palette, path):
    visit(themed_page, base_url, path)
    assert themed_page.get_attribute("body", "data-md-color-scheme") == SCHEMES[palette]
    assert serious_violations(themed_page) == []


@pytest.mark.parametrize("path", ["/", "/flux/", RECORD_PAGES["flow"]])
def test_no_serious_accessibility_violation_on_a_phone(phone, base_url, path):
    """The pages with flow diagrams, as a 360-px phone shows them (the diagrams as cards)."""
    visit(phone, base_url, path)
    assert serious_violations(phone) == []


CONTRAST_OF_DIAGRAM_TEXT = """() => {
  function rgb(colour) {
    const m = colour.match(/rgba?\\(([^)]+)\\)/); const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).map(Number);
    return {r, g, b, a};
  }
  function over(top, bottom) {
    return {r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a), a: 1};
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  let page = rgb(getComputedStyle(document.body).backgroundColor);
  if (page.a === 0) page = rgb(getComputedStyle(document.documentElement).backgroundColor);
  return [...document.querySelectorAll(".lp-diagram text")].map(text => {
    const rect = text.closest(".lp-diagram__node").querySelector("rect");
    const fill = rgb(getComputedStyle(rect).fill === "none" ? "rgba(0,0,0,0)" : getComputedStyle(rect).fill);
    const ground = over(fill, page);
    const ink = over(rgb(getComputedStyle(text).fill), ground);
    const [hi, lo] = [luminance(ink), luminance(ground)].sort((x, y) => y - x);
    return [text.textContent, Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100];
  });
}"""


@pytest.mark.parametrize("path", ["/entites/mediapost/", "/fichiers/bnca/"])
def test_diagram_text_contrast(themed_page, base_url, palette, path):
    visit(themed_page, base_url, path)
    contrasts = themed_page.evaluate(CONTRAST_OF_DIAGRAM_TEXT)
    assert contrasts, f"{path} has no diagram text"
    low = [(text, ratio) for text, ratio in contrasts if ratio < 4.5]
    assert low == [], f"diagram text under 4.5:1 in the {palette} palette: {low}"
