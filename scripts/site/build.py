"""What one build of the site knows and makes, without MkDocs: the settings, the validated data
and its index, the dates of the record files, the pages generated from the data (their
Markdown, body and <head>), the search index fed beside the build, and the files written after
it (redirects, feeds, exports, sitemap). scripts/site/plugin.py connects it to MkDocs."""
from __future__ import annotations

import logging
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import REPO_ROOT
from ..index import Index, build_index
from ..load.git_dates import file_dates
from ..load.quote_checks import QuoteChecks
from ..model import urls
from ..model.records import LoadedData, Record
from ..outputs import exports, feeds, redirects, sitemap
from ..outputs.pagefind import IndexerProcess
from ..outputs.search import record_documents
from ..render import pages
from ..render.environment import Site
from ..validate import check

log = logging.getLogger("mkdocs.plugins.investigation")
GITHUB_HTTPS = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+?(\.git)?/?$")
# From this many generated pages on, the parallel machinery pays for its start (`parallel: auto`).
PARALLEL_FROM = 1000
PLACEHOLDER = "<!-- The body of this page is rendered from data/ by scripts/site/plugin.py:on_page_content. -->\n"


@dataclass(frozen=True)
class Settings:
    """The build's settings, read once from mkdocs.yml (the plugin's typed config, with !ENV
    for DATA_DIR, PARALLEL, SITE_URL and REPO_URL)."""
    data_dir: Path
    parallel: str  # auto | on | off
    site_name: str
    site_url: str | None = None
    repo_url: str | None = None
    edit_branch: str = "main"

    def parallel_for(self, pages: int) -> bool:
        """Whether pages and outputs are made in processes beside MkDocs: never with `off`; with
        `on` wherever a process can be forked; with `auto` from PARALLEL_FROM pages, when the
        machine has a second core."""
        if self.parallel == "off" or not hasattr(os, "fork"):
            return False
        return self.parallel == "on" or (pages >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2)


def repository_url(configured: str | None) -> str | None:
    """REPO_URL, else the git remote when it is a GitHub https URL (edit links need one)."""
    if configured:
        return configured.rstrip("/")
    try:
        result = subprocess.run(["git", "remote", "get-url", "origin"], cwd=REPO_ROOT, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    remote = result.stdout.strip() if result.returncode == 0 else ""
    return remote.removesuffix("/").removesuffix(".git") if GITHUB_HTTPS.match(remote) else None


@dataclass
class SiteBuild:
    settings: Settings
    loaded: LoadedData
    index: Index
    site: Site  # what every rendered page shares (name, URL, record dates)
    added: dict[str, str] = field(default_factory=dict)  # record file -> date of its first commit
    heads: dict[str, str] = field(default_factory=dict)  # src_uri -> <head> tags of a record page rendered
    indexer: IndexerProcess | None = None

    @classmethod
    def load(cls, settings: Settings) -> SiteBuild:
        """The validated data set, indexed with the quote check's last results; DataError with
        every problem when it does not validate."""
        loaded = check(settings.data_dir)
        dates = file_dates(settings.data_dir)
        site = Site(settings.site_name, settings.site_url, dates.updated)
        index = build_index(loaded, QuoteChecks.read(settings.data_dir))
        return cls(settings, loaded, index, site, dates.added)

    # -- the generated pages

    def record_pages(self) -> dict[str, Record]:
        """src_uri -> record, for every record that has a page, in the order MkDocs builds them."""
        return {urls.record_source_uri(record): record for record in pages.record_pages(self.index)}

    def index_pages(self) -> dict[str, pages.IndexPage]:
        return {page_def.src_uri: page_def for page_def in pages.INDEX_PAGES}

    def record_markdown(self, record: Record) -> str:
        """What MkDocs reads for a record page: its front matter; the body comes in `record_body`."""
        return pages.front_matter(pages.record_meta(record)) + PLACEHOLDER

    def index_markdown(self, page_def: pages.IndexPage) -> str:
        return pages.front_matter(pages.index_meta(page_def)) + PLACEHOLDER

    def record_body(self, src_uri: str, record: Record) -> str:
        """A record page's HTML; its <head> tags are kept for `head_of`."""
        body, head = pages.record_page(record, self.index, self.site)
        self.heads[src_uri] = head
        return body

    def index_body(self, page_def: pages.IndexPage) -> str:
        return pages.index_body(page_def, self.index, self.site)

    def head_of(self, src_uri: str) -> str:
        """The <head> additions of a page: the feed links, and a record page's own tags."""
        parts = (pages.feed_links_html(self.site), self.heads.pop(src_uri, ""))
        return "\n".join(part for part in parts if part)

    def edit_url(self, record: Record) -> str | None:
        """The record's YAML file on GitHub, where "edit this page" leads."""
        if not self.settings.repo_url:
            return None
        try:
            path = record.path.resolve().relative_to(REPO_ROOT).as_posix()
        except ValueError:
            path = record.file
        return f"{self.settings.repo_url}/edit/{self.settings.edit_branch}/{path}"

    # -- search and the other outputs

    def start_search_index(self) -> None:
        """Pagefind, in a process of its own, gets the record documents at once."""
        self.indexer = IndexerProcess(record_documents(self.loaded.records))

    def write_outputs(self, site_dir: Path, page_paths: list[str]) -> None:
        """Redirects for old ids, Atom feeds (with SITE_URL), the data exports and the sitemap."""
        redirects.write_redirects(self.index, site_dir, self.site.url)
        if self.site.url:
            feeds.write_feeds(self.index, site_dir, self.site.url, self.site.updated, self.added,
                              site_name=self.site.name)
        else:
            log.debug("Atom feeds not written: set SITE_URL (the site's absolute URL) to publish them")
        exports.write_exports(self.loaded, site_dir / urls.EXPORTS)
        lastmod = {urls.record_url(record): self.site.updated[record.file]
                   for record in pages.record_pages(self.index) if record.file in self.site.updated}
        sitemap.write_sitemap(site_dir, self.site.url, page_paths, lastmod)

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
