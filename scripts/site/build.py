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
from ..load.git_dates import build_date, file_dates
from ..load.quote_checks import QuoteChecks
from ..model import urls
from ..model.records import LoadedData, Record
from ..outputs import exports, feeds, redirects, robots, sitemap
from ..outputs.pagefind import IndexerProcess
from ..outputs.search import record_documents
from ..render import metadata, pages
from ..render.environment import Site
from ..validate import check
from .parallel.forked import Forked

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
    english_site_name: str | None = None  # the site's name on the English pages

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
    doc_dates: dict[str, str] = field(default_factory=dict)  # docs/ file -> date of its last commit
    exports_ahead: Forked | None = None
    exported: dict[str, bytes] | None = None  # export file name -> bytes (outputs/exports.py)

    @classmethod
    def load(cls, settings: Settings, docs_dir: Path | None = None) -> SiteBuild:
        """The validated data set, indexed with the quote check's last results; DataError with
        every problem when it does not validate."""
        loaded = check(settings.data_dir)
        dates = file_dates(settings.data_dir)
        site = Site(settings.site_name, settings.site_url, dates.updated, build_date(settings.data_dir), dates.added,
                    settings.english_site_name)
        build = cls(settings, loaded, build_index(loaded, QuoteChecks.read(settings.data_dir)), site, dates.added)
        if docs_dir is not None:
            build.doc_dates = {path.removeprefix(f"{Path(docs_dir).name}/"): date
                               for path, date in file_dates(docs_dir).updated.items()}
        return build

    @property
    def last_change(self) -> str:
        """The date of the data set's newest commit (the version of the exports), or ''."""
        return exports.last_change(self.site.updated)

    # -- the exports: made once, before the page that lists them with their sizes

    def start_exports(self) -> None:
        """Make the exports in a process of their own, from now (the parallel machinery)."""
        self.exports_ahead = Forked(self.make_exports)

    def make_exports(self) -> dict[str, bytes]:
        return exports.export_files(self.loaded, self.site.url, self.last_change)

    def export_files(self) -> dict[str, bytes]:
        if self.exported is None:
            self.exported = self.exports_ahead.wait() if self.exports_ahead is not None else self.make_exports()
            self.exports_ahead = None
        return self.exported

    # -- the generated pages

    def record_pages(self) -> dict[str, Record]:
        """src_uri -> record, for every record that has a page, in the order MkDocs builds them:
        the French pages, then the English ones (`en/entites/<id>.md`)."""
        records = pages.record_pages(self.index)
        return {urls.in_language(urls.record_source_uri(record), lang): record
                for lang in urls.LANGUAGES for record in records}

    def index_pages(self) -> dict[str, pages.IndexPage]:
        return {page_def.src_uri: page_def for page_def in pages.INDEX_PAGES}

    def record_markdown(self, record: Record, src_uri: str = "") -> str:
        """What MkDocs reads for a record page: its front matter; the body comes in `record_body`."""
        return pages.front_matter(pages.record_meta(record, urls.language_of(src_uri))) + PLACEHOLDER

    def index_markdown(self, page_def: pages.IndexPage) -> str:
        return pages.front_matter(pages.index_meta(page_def)) + PLACEHOLDER

    def record_body(self, src_uri: str, record: Record) -> str:
        """A record page's HTML; its <head> tags are kept for `head_of`."""
        body, head = pages.record_page(record, self.index, self.site, urls.language_of(src_uri))
        self.heads[src_uri] = head
        return body

    def index_body(self, page_def: pages.IndexPage) -> str:
        return pages.index_body(page_def, self.index, self.site)

    def head_of(self, src_uri: str, page_path: str | None = None, title: str = "", description: str = "") -> str:
        """The <head> additions of a page: the feed links; a record page's own tags (rendered
        with its body), or the sharing tags and JSON-LD of any other page (`page_path`: its
        path, None for the 404 page)."""
        lang = urls.language_of(src_uri)
        own = self.heads.pop(src_uri, "")
        if not own:
            own = metadata.page_head_html(page_path, title, description, self.site.url, self.site.name_in(lang),
                                          self.page_date(src_uri), self.dataset_json_ld if page_path == urls.EXPORTS
                                          else None, lang)
        # The hreflang alternates are in the sitemap, not here: Material's bundle fetches
        # `sitemap.xml` under every <link rel="alternate"> of a page (its language selector).
        parts = (pages.feed_links_html(self.site, lang), own)
        return "\n".join(part for part in parts if part)

    def page_date(self, src_uri: str) -> str | None:
        """The date of a page's last change: a hand-written page's docs/ file, an index page's
        newest record; None when unknown (a file never committed)."""
        if src_uri in self.doc_dates:
            return self.doc_dates[src_uri]
        french = urls.in_language(src_uri, "fr")
        if french in self.doc_dates:  # a translation: its French page's
            return self.doc_dates[french]
        if french in {page.src_uri for page in pages.INDEX_PAGES}:
            return self.last_change or None
        return None

    def dataset_json_ld(self) -> dict:
        return metadata.dataset_json_ld(self.export_files(), exports.EXPORTS, self.site.url, self.settings.site_name,
                                        self.last_change)

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
        self.indexer = IndexerProcess([document for lang in urls.LANGUAGES
                                       for document in record_documents(self.loaded.records, lang)])

    def write_outputs(self, site_dir: Path, page_paths: dict[str, str], with_exports: bool = True) -> None:
        """Redirects for old ids, Atom feeds (with SITE_URL), robots.txt, the sitemap and (unless
        they are written apart: `write_exports`) the data exports. `page_paths`: every page's
        path -> its src_uri."""
        site_dir.mkdir(parents=True, exist_ok=True)  # beside the build, MkDocs may not have made it yet
        redirects.write_redirects(self.index, site_dir, self.site.url)
        if self.site.url:
            for lang in urls.LANGUAGES:
                feeds.write_feeds(self.index, site_dir, self.site.url, self.site.updated, self.added,
                                  site_name=self.site.name_in(lang), today=self.last_change or None, lang=lang)
        else:
            log.debug("Atom feeds not written: set SITE_URL (the site's absolute URL) to publish them")
        if with_exports:
            self.write_exports(site_dir)
        lastmod = {urls.in_language(urls.record_url(record), lang): self.site.updated[record.file]
                   for record in pages.record_pages(self.index) if record.file in self.site.updated
                   for lang in urls.LANGUAGES}
        for path, src_uri in page_paths.items():
            date = self.page_date(src_uri)
            if path not in lastmod and date:
                lastmod[path] = date
        sitemap.write_sitemap(site_dir, self.site.url, list(page_paths), lastmod)
        robots.write_robots(site_dir, self.site.url)

    def write_exports(self, site_dir: Path) -> None:
        exports.write_exports(self.loaded, site_dir / urls.EXPORTS, files=self.export_files())

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
        if self.exports_ahead is not None:
            self.exports_ahead.close()
            self.exports_ahead = None
