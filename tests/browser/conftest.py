"""Browser tests: build the site once, serve it on 127.0.0.1, drive Debian's Chromium with
Playwright (one browser per session), record every request and every Content-Security-Policy
violation, and keep a screenshot of every failing test in test-results/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import open_context

from scripts.tools.local_browser import CHROMIUM, CHROMIUM_ARGS, serve_site

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - reported as a skip below
    sync_playwright = None


def pytest_collection_modifyitems(config, items):
    reason = None
    if sync_playwright is None:
        reason = "Playwright is not installed: pip install -r requirements-dev.txt"
    elif not Path(CHROMIUM).exists():
        reason = (f"Debian's chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium` "
                  "(or set CHROMIUM to a Chromium binary); browser tests skipped")
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def base_url(real_site) -> str:
    server, base = serve_site(real_site)
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: a Playwright sync session left open would make every later
    # sync Playwright user in the same run (the bench tests) fail with "inside the asyncio loop".
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url, request):
    """A desktop-sized page (1280 x 900, French locale)."""
    yield from _one_page(browser, base_url, request)


@pytest.fixture
def phone(browser, base_url, request):
    """A 360-px-wide phone page."""
    yield from _one_page(browser, base_url, request, viewport={"width": 360, "height": 780},
                         is_mobile=True, has_touch=True, device_scale_factor=2)


def _one_page(browser, base_url, request, **options):
    for context in open_context(browser, base_url, request, **options):
        yield context.new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
