"""Parts of Material's page rendered once per folder of record pages instead of once per page.

Record pages are not in the navigation and have no table of contents, so the parts of
Material's page that show neither their title nor their content (navigation, header but its
title, footer, styles, scripts, the JSON config) differ only by the folder their relative links
start from. With the parallel machinery on, overrides/main.html renders them once per folder
(about a third of Material's time per page); off, every page renders them itself. The header
is rendered once with a marker in place of the page's title, which each page then puts back:
Material's header is used as shipped. The byte-for-byte test
(tests/site/test_parallel_switch.py) fails if anything page-specific gets into such a part."""
from __future__ import annotations

from collections.abc import Callable

TITLE_MARK = "\x00page-title\x00"  # no page title holds a NUL character


def per_folder_renderer(enabled: bool) -> Callable[..., str]:
    """`per_folder(name, folder, render, page=None)`: `render()` (a block's `super`) once per
    folder of record pages when enabled; `folder` is empty on other pages, which render each
    time. With `page`, the part shows that page's title (page.meta.title), rendered as a mark."""
    rendered: dict[tuple[str, str], str] = {}

    def per_folder(name: str, folder: str | None, render: Callable[[], str], page=None) -> str:
        if not enabled or not folder:
            return render()
        if (name, folder) not in rendered:
            rendered[name, folder] = render() if page is None else with_title_mark(page, render)
        part = rendered[name, folder]
        return part if page is None else part.replace(TITLE_MARK, page.meta["title"])
    return per_folder


def with_title_mark(page, render: Callable[[], str]) -> str:
    title = page.meta["title"]
    page.meta["title"] = TITLE_MARK
    try:
        return render()
    finally:
        page.meta["title"] = title
