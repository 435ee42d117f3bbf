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
LAZY_FROM = 3  # lines: a shorter block is laid out with the page
# A placeholder's height is its block's estimated number of lines, written in base 4 as one
# class per digit (`lp-d1-3`: 3 × 4 lines): exact up to MAX_LINES with 15 classes in site.css.
# (Sizes rounded to a dozen buckets put a link further down the page hundreds of pixels off
# once the blocks above it were laid out.)
DIGITS = 5
MAX_LINES = 4 ** DIGITS - 1


class Deferral:
    """`lazy(start, block)` for an index template: the classes of a wrapper for a block (its
    HTML, or its number of lines) that starts `start` lines into the page, or "" when it is on
    the first screen or too small to be worth it: `lp-lazy` and the digits of its number of
    lines, which size the placeholder it has until it is laid out. Whether a block is on the
    last screen is known once the whole page is rendered: `finish(html)` then unwraps those
    blocks."""

    def __init__(self):
        self.starts: list[int] = []  # of the blocks deferred so far, by their number
        self.end = 0  # where the last block asked about ends: the page's length, in the end

    def __call__(self, start: int, block: str | int) -> str:
        lines = block if isinstance(block, int) else estimated_lines(block)
        self.end = max(self.end, start + lines)
        if start <= LAZY_AFTER or lines < LAZY_FROM:
            return ""
        self.starts.append(start)
        return f"{size_classes(lines)} lp-deferred-{len(self.starts) - 1}"

    def finish(self, html: str) -> str:
        def settle(match: re.Match) -> str:
            on_last_screen = self.end - self.starts[int(match[2])] <= LAZY_AFTER
            return "<div>" if on_last_screen else f'<div class="{match[1]}">'
        return DEFERRED_WRAPPER.sub(settle, html)


def size_classes(lines: int) -> str:
    """`lp-lazy lp-d0-3 lp-d1-2`: 3 + 2 × 4 = 11 lines."""
    lines, classes = min(lines, MAX_LINES), ["lp-lazy"]
    for digit in range(DIGITS):
        lines, value = divmod(lines, 4)
        if value:
            classes.append(f"lp-d{digit}-{value}")
    return " ".join(classes)


DEFERRED_WRAPPER = re.compile(r'<div class="(lp-lazy(?: lp-d\d-\d)*) lp-deferred-(\d+)">')


BLOCK_START = re.compile(r"<(?:p|li|blockquote|tr)[\s>]")


def estimated_lines(html: str, per_line: int = 55) -> int:
    """Lines a block of HTML takes: each paragraph, list item, quote or row takes one line per
    `per_line` characters of its text, at least one (site.css turns lines into a height, with
    a factor of each index page for phones and for desktops). Counted item by item: a short
    item still takes a whole line, which a count over the whole block missed."""
    parts = BLOCK_START.split(html)[1:] or [html]
    return max(1, sum(1 + len(" ".join(Markup(part).striptags().split())) // per_line for part in parts))
