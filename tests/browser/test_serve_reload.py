"""What a contributor sees in the browser under `make serve`: the page they are reading turns into
the list of the data's problems when a save breaks the data set, and back into the page once
the next save fixes it, without touching the browser (MkDocs' live reload, which the pages'
Content-Security-Policy lets run under `mkdocs serve`)."""
from __future__ import annotations

import time
from collections.abc import Callable

from serving import served

DEADLINE = 180  # seconds for one rebuild and reload: a guard, not a measure


def wait_for_title(page, wanted: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        try:
            title = page.title()
        except Exception:  # the page is reloading
            title = ""
        if title and wanted(title):
            return title
        page.wait_for_timeout(250)
    raise AssertionError(f"the page did not change by itself within {DEADLINE} s: {page.title()!r}")


def test_the_page_shows_the_problems_then_comes_back_by_itself(browser, tmp_path):
    with served(tmp_path, lang="fr") as server:  # the page in French, as most contributors read it
        page = browser.new_page(locale="fr-FR")
        blocked = []
        page.on("console", lambda message: blocked.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(server.url + "entites/example-subsidiary/")
        title = page.title()

        line = server.break_data()
        wait_for_title(page, lambda shown: "problème" in shown)
        assert page.url == server.url + "entites/example-subsidiary/"
        assert f"data/flows/example-rental.yaml:{line}" in page.inner_text("ol")

        server.fix_data()
        wait_for_title(page, lambda shown: shown == title)
        assert page.url == server.url + "entites/example-subsidiary/"
        assert page.locator("h1").first.inner_text() != ""
        assert blocked == []
        page.close()
