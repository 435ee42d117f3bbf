"""What the browser tests share: the pages to check, and how to open one and read what the
harness (conftest.py) recorded."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
# Collects CSP violations in the page, from the first script on (before the site's own).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline")
    + " at " + (e.sourceFile || location.href) + ":" + e.lineNumber);
});
"""

# Issue 5's pages: home, one page of each record kind, and every index.
RECORD_PAGES = {
    "entity": "/entites/mediapost/",
    "dataset": "/fichiers/bnca/",
    "flow": "/flux/location-fichiers-mediapost-annonceurs/",
    "source": "/sources/by-jipp-2019-03-21/",
}
INDEX_PAGES = ["/groupe/", "/entites/", "/fichiers/", "/flux/", "/categories/", "/sources/",
               "/chronologie/", "/corrections/"]
HAND_WRITTEN = ["/vos-droits/", "/methodologie/", "/contribuer/", "/a-propos/"]
ALL_CHECKED = ["/", *RECORD_PAGES.values(), *INDEX_PAGES]


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def visit(page, base_url: str, path: str):
    """Open a page of the site and wait until its scripts have run."""
    response = page.goto(base_url + path)
    assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"
    page.wait_for_load_state("networkidle")
    return response


def lay_out_late_blocks(page):
    """Lay out every block an index page leaves to be laid out on scroll (.lp-lazy,
    content-visibility: auto), as a reader scrolling through would: tools that measure what
    is drawn (axe's contrast check) misjudge content that is not laid out yet."""
    page.evaluate("document.querySelectorAll('.lp-lazy').forEach(e => e.style.contentVisibility = 'visible')")


def open_search(page):
    """Click the header's search button, as a reader does, and wait for the search field to
    take the keyboard (the dialog focuses it a frame after it opens)."""
    page.click("pagefind-modal-trigger")
    page.wait_for_selector("pagefind-modal input.pf-input", state="visible")
    page.wait_for_function("document.activeElement && document.activeElement.matches('pagefind-modal input.pf-input')")


class RequestLog(list):
    def foreign(self, base_url: str) -> list[str]:
        """Every requested URL whose host is not the local server (data: and blob: are local)."""
        host = urlparse(base_url).netloc
        return [url for url in self
                if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != host]


def open_context(browser, base_url, request, **options):
    """A browser context whose pages record their requests (page.requests) and console errors
    (page.console_errors), listen for CSP violations (csp_violations(page)), and leave a
    screenshot when the test fails; the test fails if any page requested another host."""
    options = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR", **options}
    context = browser.new_context(**options)
    context.add_init_script(CSP_LISTENER)
    pages = []

    def watch(page):
        page.requests = RequestLog()
        page.console_errors = []
        page.on("request", lambda req: page.requests.append(req.url))
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        pages.append(page)

    context.on("page", watch)
    yield context
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed and pages:
        RESULTS.mkdir(exist_ok=True)
        shot = RESULTS / f"{request.node.name}.png".replace("/", "_")
        pages[-1].screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
    context.close()
    foreign = [url for page in pages for url in page.requests.foreign(base_url)]
    assert not foreign, f"requests to other hosts: {foreign}"
