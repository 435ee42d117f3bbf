"""What a reader downloads before the first search results: the page's own assets, then
Pagefind's bundle for a first query (counted from the files, or measured in Chromium when it is
installed). Part of `python -m scripts bench`."""
from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .local_browser import CHROMIUM, CHROMIUM_ARGS, serve_site

PAGEFIND_DIR = "pagefind"


class AssetLinks(HTMLParser):
    """Scripts and stylesheets a page loads, and Material's JSON config (path of the search worker)."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.assets.append(attrs["href"])
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def local_file(site: Path, page: Path, url: str) -> Path | None:
    if re.match(r"^[a-z]+:|^//", url):
        return None  # another host: counted apart (the site must make none)
    url = url.split("#")[0].split("?")[0]
    target = (site / url.lstrip("/")) if url.startswith("/") else (page.parent / url)
    return target.resolve() if target.resolve().is_file() else None


def first_search_files(site: Path, start: str = "") -> tuple[list[Path], list[str]]:
    """Files a reader fetches from opening the home page to the first search results, read
    from the built files: the home page, the scripts and styles it loads, and the search index.
    Lunr (Material's search plugin) fetches search/search_index.json in full plus its worker.
    Pagefind fetches its entry file, its WebAssembly and one index chunk per query word plus the
    fragments of the results shown; the chunk sizes here are the average chunk (see
    research/perf-notes.md for a browser measurement). `start`: the home page's path (`en/`: the
    English one)."""
    home = site / start / "index.html"
    parser = AssetLinks()
    parser.feed(home.read_text(encoding="utf-8"))
    files, external = [home], []
    for url in parser.assets:
        path = local_file(site, home, url)
        if path is None:
            external.append(url) if re.match(r"^[a-z]+:|^//", url) else None
        elif path not in files:
            files.append(path)
    config = json.loads(parser.config) if parser.config.strip() else {}
    if (site / "search" / "search_index.json").is_file():
        files.append(site / "search" / "search_index.json")
        worker = config.get("search")
        if worker and (site / worker).is_file():
            files.append(site / worker)
        # The worker then loads lunr's stemmers for the site language.
        lunr = site / "assets" / "javascripts" / "lunr" / "min"
        files += [p for p in (lunr / "lunr.stemmer.support.min.js", lunr / f"lunr.{site_language(home)}.min.js")
                  if p.is_file()]
    if (site / PAGEFIND_DIR).is_dir():
        files += pagefind_first_query(site / PAGEFIND_DIR)
    return files, external


def site_language(home: Path) -> str:
    match = re.search(r'<html[^>]*\blang="([a-z]{2})', home.read_text(encoding="utf-8"))
    return match.group(1) if match else "en"


def pagefind_first_query(bundle: Path) -> list[Path]:
    """Pagefind's fetches for a one-word query, as measured in a browser with its component UI:
    pagefind.js and its worker, pagefind-entry.json, the wasm and metadata of the index
    language, one or two index chunks and six result fragments. Without a browser we count the
    two largest chunks and the six fragments nearest the median size (the largest fragments
    belong to the directory pages, rarely the first results)."""
    def largest(pattern: str, count: int = 1) -> list[Path]:
        return sorted(bundle.glob(pattern), key=lambda p: p.stat().st_size, reverse=True)[:count]
    files = [bundle / name for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
             if (bundle / name).is_file()]
    files += largest("wasm.*.pagefind") + largest("pagefind.*.pf_meta") + largest("index/*.pf_index", 2)
    fragments = sorted(bundle.glob("fragment/*.pf_fragment"), key=lambda p: p.stat().st_size)
    middle = len(fragments) // 2
    return files + fragments[max(0, middle - 3):middle + 3]


def gzipped(path: Path) -> int:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b" or path.suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment"):
        return len(raw)  # already compressed on disk
    return len(gzip.compress(raw, compresslevel=6))


def search_download(site: Path, browser: bool = False, query: str = "adresse", start: str = "") -> dict[str, int]:
    """Bytes from opening the home page (`start`: its path, `en/` for the English one) to the
    first search results: measured in Chromium when `browser` (and it works), else estimated
    from the built files."""
    if browser:
        measured = browser_search_download(site, query, start)
        if measured:
            return measured
    files, external = first_search_files(site, start)
    unique = list(dict.fromkeys(files))
    return {"files": len(unique), "bytes": sum(p.stat().st_size for p in unique),
            "gzip_bytes": sum(gzipped(p) for p in unique), "external": len(external), "how": "estimated"}


def browser_search_download(site: Path, query: str, start: str = "") -> dict[str, int] | None:
    """Serve the site on 127.0.0.1, open the home page in headless Chromium, search `query` with
    whichever search the page has (Pagefind's component UI or Material's), wait for the first
    results and add up every response. None when Playwright or Chromium is missing or the page
    has no search we know."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).is_file():
        return None
    server, base = serve_site(site)
    responses = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.on("response", lambda response: responses.append(response))
                page.goto(base + "/" + start, wait_until="networkidle")
                search_in_page(page, query)
                page.wait_for_load_state("networkidle")
                sizes = [(r.url, len(r.body())) for r in responses if r.ok]
            finally:
                browser.close()
    except (PlaywrightError, LookupError) as error:
        print(f"  (browser measurement failed: {str(error).splitlines()[0]}; estimating from files)")
        return None
    finally:
        server.shutdown()
        server.server_close()
    external = [url for url, _ in sizes if not url.startswith(base)]
    local = [site / url[len(base):].split("?")[0].lstrip("/") for url, _ in sizes if url.startswith(base)]
    local = [p / "index.html" if p.is_dir() else p for p in local]
    return {"files": len(sizes), "bytes": sum(size for _, size in sizes),
            "gzip_bytes": sum(gzipped(p) for p in local if p.is_file()), "external": len(external),
            "how": f"measured in Chromium, query {query!r}"}


def search_in_page(page, query: str) -> None:
    if page.locator("pagefind-modal-trigger").count():
        page.locator("pagefind-modal-trigger button").first.click()
        page.locator("pagefind-modal input").first.fill(query)
        page.wait_for_selector("pagefind-modal pagefind-results a", timeout=60_000)
    elif page.locator("input[data-md-component=search-query]").count():
        box = page.locator("input[data-md-component=search-query]")
        box.focus()
        box.press_sequentially(query, delay=50)  # Material searches on key events, not on fill()
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
    else:
        raise LookupError("no search box found on the home page")


# -- one size ----------------------------------------------------------------------------------
