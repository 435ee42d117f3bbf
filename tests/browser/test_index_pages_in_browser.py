"""The index pages as a reader gets them: the directory sorts on a click or a key and works
without JavaScript; the blocks laid out late (`lp-lazy`, content-visibility: auto) are never in
the first screen, do not move what the reader sees, are reached by a link to them, stay in the
accessibility tree (test_accessibility.py runs axe on them once laid out)."""
from __future__ import annotations

from pathlib import Path

import pytest
from browsing import INDEX_PAGES, csp_violations, open_context, visit

REPO = Path(__file__).resolve().parents[2]
ENTITIES = len(list((REPO / "data" / "entities").glob("*.yaml")))
SCREENS = {"phone": {"width": 360, "height": 780}, "laptop": {"width": 1280, "height": 900},
           "desktop": {"width": 1920, "height": 1200}}

NAMES = "t => [...t.tBodies[0].rows].map(row => row.cells[0].textContent.trim())"
COLUMN = "(t, n) => [...t.tBodies[0].rows].map(row => Number(row.cells[n].textContent))"


def sort_state(page) -> list[str | None]:
    return page.locator("#lp-directory thead th").evaluate_all("ths => ths.map(th => th.getAttribute('aria-sort'))")


def test_directory_sorts_on_a_click_and_from_the_keyboard(page, base_url):
    visit(page, base_url, "/entites/")
    table = page.locator("#lp-directory")
    names = table.evaluate(NAMES)
    assert len(names) == ENTITIES
    # Nothing ran at load: the headers are as the page came, with their buttons shown by CSS.
    assert sort_state(page) == [None] * 6
    table.scroll_into_view_if_needed()  # the table is laid out once the reader gets near it
    buttons = page.locator("#lp-directory .lp-sort")
    assert buttons.count() == 6 and all(buttons.nth(n).is_visible() for n in range(6))
    assert not page.locator("#lp-directory .lp-sort-label").first.is_visible()

    in_order = page.evaluate("names => [...names].sort((a, b) => a.localeCompare(b, 'fr'))", names)
    page.get_by_role("button", name="Nom").click()
    assert sort_state(page)[0] == "ascending"
    assert table.evaluate(NAMES) == in_order
    page.get_by_role("button", name="Nom").click()
    assert sort_state(page) == ["descending"] + [None] * 5
    assert table.evaluate(NAMES) == in_order[::-1]

    page.get_by_role("button", name="Affirmations").focus()
    page.keyboard.press("Enter")
    assert sort_state(page) == [None] * 5 + ["ascending"]
    claims = table.evaluate(COLUMN, 5)
    assert claims == sorted(claims) and len(claims) == ENTITIES
    page.keyboard.press("Space")
    assert sort_state(page)[5] == "descending"
    assert table.evaluate(COLUMN, 5) == sorted(claims, reverse=True)
    assert sorted(table.evaluate(NAMES)) == sorted(names)  # every row still there, once
    assert csp_violations(page) == [] and page.console_errors == []


def test_directory_without_javascript_lists_every_entity_under_plain_headers(browser, base_url, request):
    for context in open_context(browser, base_url, request, java_script_enabled=False):
        page = context.new_page()
        page.goto(base_url + "/entites/")
        assert page.locator("#lp-directory tbody tr").count() == ENTITIES
        page.locator("#lp-directory").scroll_into_view_if_needed()  # laid out once near the screen
        assert not page.locator("#lp-directory .lp-sort").first.is_visible()
        labels = page.locator("#lp-directory .lp-sort-label")
        assert labels.evaluate_all("spans => spans.map(s => s.textContent)") == \
            ["Nom", "Type", "Propriétaire", "Fichiers", "Flux", "Affirmations"]
        assert labels.first.is_visible()
        # The lists by type and by tag, the readers' filters without JavaScript, are there too.
        assert page.locator(".lp-group[id^='type--'] li").count() == ENTITIES


SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries())
  for (const source of entry.sources || [])
    if (source.node && source.node.nodeType === 1 && source.node.closest('.lp-index'))
      window.__shifts.push([entry.value, source.node.tagName, (source.node.id || source.node.className || ''),
                            entry.startTime]);
}).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("screen", list(SCREENS))
def test_late_blocks_are_below_the_first_screen_and_move_nothing(browser, base_url, request, screen):
    for context in open_context(browser, base_url, request, viewport=SCREENS[screen]):
        context.add_init_script(SHIFTS)
        page = context.new_page()
        for path in INDEX_PAGES:
            visit(page, base_url, path)
            page.wait_for_timeout(300)
            tops = page.locator(".lp-lazy").evaluate_all(
                "els => els.map(e => Math.round(e.getBoundingClientRect().top + scrollY))")
            assert all(top >= SCREENS[screen]["height"] for top in tops), (path, tops[:3])
            assert shifts_once_parsed(page) == [], path


def shifts_once_parsed(page) -> list:
    """The layout shifts of the index pages' content after the HTML was parsed: those are the
    page's own doing. A slow machine paints a long page while its HTML still streams in, and a
    table whose rows are still arriving may move then (site.css fixes the index tables' column
    widths to make that rare); that is the browser's streaming, not the late blocks."""
    return page.evaluate("""() => {
      const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
      return window.__shifts.filter(shift => shift[3] >= parsed).map(shift => shift.slice(0, 3));
    }""")


# Links the record pages and the index pages themselves make into the long indexes: an event
# of the timeline, a tag or a type of the directory, a category; the first and the last, and
# some in between (laid out late, or placed after blocks laid out late).
TARGETS = {"/chronologie/": ".lp-event", "/entites/": ".lp-group", "/categories/": ".lp-group"}


@pytest.mark.parametrize("screen", ["phone", "laptop"])
@pytest.mark.parametrize("path", list(TARGETS))
def test_a_link_into_a_long_index_lands_on_its_target(browser, base_url, request, screen, path):
    for context in open_context(browser, base_url, request, viewport=SCREENS[screen]):
        page = context.new_page()
        visit(page, base_url, path)
        anchors = page.locator(TARGETS[path]).evaluate_all("els => els.map(e => e.id)")
        height = SCREENS[screen]["height"]
        for anchor in anchors[::4] + anchors[-1:]:
            page.goto(f"{base_url}{path}#{anchor}")
            page.wait_for_timeout(400)
            top, bottom = page.locator(f"#{anchor}").evaluate(
                "e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom]")
            at_end = page.evaluate("Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight")
            # Below the sticky header (48 px, give or take the half pixel of a 2x screen), in the
            # upper half of the screen (at the end of the page, wherever the last screen puts it);
            # and laid out.
            assert 47.5 <= top and (top <= height / 2 or at_end and bottom <= height), (anchor, top, bottom)
            assert page.locator(f"#{anchor}").evaluate(
                "e => [...e.querySelectorAll('*')].pop().checkVisibility({contentVisibilityAuto: true})")


def test_the_group_tree_points_back_to_a_subtree_shown_above(page, base_url):
    visit(page, base_url, "/groupe/")
    back = page.locator("a[href^='#arbre--']").first
    anchor = back.get_attribute("href")
    back.click()
    page.wait_for_timeout(300)
    top = page.locator(anchor).evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def ax_names(page, role: str) -> set[str]:
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return {node.get("name", {}).get("value") for node in nodes
            if node.get("role", {}).get("value") == role and not node.get("ignored")}


@pytest.mark.parametrize("path", INDEX_PAGES)
def test_the_outline_is_in_the_accessibility_tree_and_late_blocks_join_it(page, base_url, path):
    """Chromium leaves a block that is not laid out yet out of the accessibility tree: the
    headings are never in such a block, and its links are there once the reader gets near."""
    visit(page, base_url, path)
    headings = page.locator(".lp-index :is(h1, h2, h3)").evaluate_all(
        "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())")
    assert set(headings) <= ax_names(page, "heading")
    late = page.locator(".lp-lazy")
    if late.count():
        last = late.last
        assert not last.locator("a").first.evaluate("a => a.checkVisibility({contentVisibilityAuto: true})")
        name = last.locator("a").last.text_content()
        last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        assert name in ax_names(page, "link")
