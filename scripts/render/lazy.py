"""Index pages: the blocks far below the first screen are laid out by the browser only when the
reader scrolls near them (site.css: content-visibility: auto with a sized placeholder)."""
from __future__ import annotations

import re

from markupsafe import Markup

# Index pages: a block that starts more than this many lines of content (table rows, list
# items, headings) from the top and from the end of the page is off the first screen and off
# the last one even on a tall desktop screen; its template wraps it in a
# `<div class="{{ lazy(start, lines) }}">` (site.css: content-visibility: auto, laid out when
# the reader scrolls near it). The last screen stays laid out so that a link to a section at
# the end of the page lands exactly on it. Headings stay outside the wrappers: in Chromium a
# block not laid out yet is missing from the accessibility tree, the page's outline must not be.
LAZY_AFTER = 45
LAZY_SIZES = (3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)  # site.css has a class for each


class Deferral:
    """`lazy(start, block)` for an index template: `lp-lazy lp-hN` for a block (its HTML, or its
    number of lines) that starts `start` lines into the page, or "" when it is on the first
    screen or too small to be worth it. N, the nearest of LAZY_SIZES to the block's lines,
    sizes the placeholder it has until it is laid out. Whether a block is on the last screen
    is known once the whole page is rendered: `finish(html)` then unwraps those blocks."""

    def __init__(self):
        self.starts: list[int] = []  # of the blocks deferred so far, by their number
        self.end = 0  # where the last block asked about ends: the page's length, in the end

    def __call__(self, start: int, block: str | int) -> str:
        lines = block if isinstance(block, int) else estimated_lines(block)
        self.end = max(self.end, start + lines)
        if start <= LAZY_AFTER or lines < 3:
            return ""
        size = min(LAZY_SIZES, key=lambda n: max(n, lines) / min(n, lines))
        self.starts.append(start)
        return f"lp-lazy lp-h{size} lp-deferred-{len(self.starts) - 1}"

    def finish(self, html: str) -> str:
        def settle(match: re.Match) -> str:
            on_last_screen = self.end - self.starts[int(match[2])] <= LAZY_AFTER
            return "<div>" if on_last_screen else f'<div class="{match[1]}">'
        return DEFERRED_WRAPPER.sub(settle, html)


DEFERRED_WRAPPER = re.compile(r'<div class="(lp-lazy lp-h\d+) lp-deferred-(\d+)">')


def estimated_lines(html: str, per_line: int = 90) -> int:
    """Lines a block of HTML takes in a desktop column: one per paragraph, list item, quote or
    row, plus one per `per_line` characters of text (site.css turns lines into a height, with
    a factor of each index page for phones)."""
    blocks = sum(html.count(tag) for tag in ("<p", "<li", "<blockquote", "<tr"))
    return max(1, blocks + len(" ".join(Markup(html).striptags().split())) // per_line)
