"""Readers' privacy and the Content-Security-Policy: every page makes requests to the site only
(the harness fails a test on any other host), runs no inline script, and reports no CSP
violation; each page loads only the scripts it uses."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from browsing import ALL_CHECKED, HAND_WRITTEN, csp_violations, open_search, visit

EXECUTABLE_TYPES = {"", "text/javascript", "module", "application/javascript"}


@pytest.mark.parametrize("path", [*ALL_CHECKED, *HAND_WRITTEN, "/404.html"])
def test_page_requests_only_the_site_and_breaks_no_policy(page, base_url, path):
    visit(page, base_url, path)
    policy = page.get_attribute('head > meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy and "default-src 'self'" in policy and "script-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert csp_violations(page) == []
    assert page.console_errors == []
    assert len(page.requests) > 3  # the page, its styles and scripts were recorded


def test_policy_blocks_an_injected_inline_script(page, base_url):
    """The policy is in force, not only written: an inline script added to a page is refused."""
    visit(page, base_url, "/entites/mediapost/")
    page.evaluate("""() => { const s = document.createElement("script");
                            s.textContent = "window.__injected = true"; document.body.append(s); }""")
    assert page.evaluate("window.__injected === undefined")
    assert any("script-src" in violation for violation in csp_violations(page))


def test_search_and_palette_work_under_the_policy(page, base_url):
    visit(page, base_url, "/")
    open_search(page)
    page.keyboard.type("Médiapost")
    page.wait_for_selector("pagefind-modal a.pf-result-link")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.click("form[data-lp-palette] label:not([hidden])")
    page.wait_for_selector('body[data-md-color-scheme="slate"]')
    assert csp_violations(page) == []
    assert page.console_errors == []


class Scripts(HTMLParser):
    """The <script> elements of a page: (src, type, inline text)."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = {**dict(attrs), "text": ""}
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def page_scripts(html: str) -> list[dict]:
    parser = Scripts()
    parser.feed(html)
    return parser.found


def test_no_page_has_an_inline_script_or_a_foreign_one(real_site):
    """Every built page, not only the sampled ones: executable scripts are files of the site."""
    problems = []
    for page_file in sorted(real_site.rglob("*.html")):
        for script in page_scripts(page_file.read_text(encoding="utf-8")):
            executable = (script.get("type") or "").lower() in EXECUTABLE_TYPES
            if executable and not script.get("src") and script["text"].strip():
                problems.append(f"{page_file.relative_to(real_site)}: inline script {script['text'][:60]!r}")
            if re.match(r"(https?:)?//", script.get("src") or ""):
                problems.append(f"{page_file.relative_to(real_site)}: script from {script['src']}")
    assert problems == []


def test_each_page_loads_only_the_scripts_it_uses(real_site):
    """directory.js only where the directory table is, cite.js only where a cite box is, and
    no Mermaid diagram (Material would fetch Mermaid from a CDN)."""
    seen = {"directory.js": 0, "cite.js": 0}
    for page_file in sorted(real_site.rglob("*.html")):
        html = page_file.read_text(encoding="utf-8")
        sources = [script.get("src") or "" for script in page_scripts(html)]
        uses = {"directory.js": 'id="lp-directory"' in html, "cite.js": 'class="cite-copy"' in html}
        for name, used in uses.items():
            loaded = any(src.endswith("assets/" + name) for src in sources)
            assert loaded == used, f"{page_file.relative_to(real_site)}: {name} loaded={loaded}, used={used}"
            seen[name] += loaded
        assert 'class="mermaid"' not in html, page_file
    assert seen["directory.js"] == 2 and seen["cite.js"] > 100, seen  # the directory, in French and in English
