"""What loading a page costs the reader's browser, counted rather than timed (timings belong to
`python -m scripts lighthouse`): once a page is first styled, nothing may make the browser
restyle all of it again. Material's palette component and its switches of <html>'s classes did
it four times on every page load, the largest part of the blocking time Lighthouse measured;
assets/lp-palette.js and assets/lp-scope.js do that work before the page's body is parsed."""
from __future__ import annotations

import json

import pytest
from browsing import RECORD_PAGES, open_context, visit

# Pages without a Markdown table: Material's bundle moves those into a scrolling box, which
# restyles the content around them (the home page, Vos droits, Méthodologie have one each).
PAGES = [*RECORD_PAGES.values(), "/groupe/", "/flux/", "/fichiers/"]


def style_passes(browser, context, base_url: str, path: str) -> tuple[list[int], int]:
    """The number of elements the browser styled in each style pass of a page load, and the
    number of elements of the loaded page."""
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
    visit(page, base_url, path)
    page.wait_for_timeout(300)  # the bundle's last timers
    elements = page.evaluate("document.getElementsByTagName('*').length")
    events = json.loads(browser.stop_tracing())["traceEvents"]
    passes = [event["args"].get("elementCount") for event in events
              if event.get("name") == "UpdateLayoutTree" and event.get("ph") == "X"]
    return [count for count in passes if count], elements


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_styled_whole_once(browser, base_url, request, path, color_scheme):
    for context in open_context(browser, base_url, request, viewport={"width": 412, "height": 823},
                                color_scheme=color_scheme):
        passes, elements = style_passes(browser, context, base_url, path)
        assert passes, "the trace recorded no style pass: the test would prove nothing"
        whole = [count for count in passes if count >= elements / 2]
        assert len(whole) <= 1, (f"{path} ({color_scheme}): the browser restyled most of the page's "
                                 f"{elements} elements {len(whole)} times: {passes}")
