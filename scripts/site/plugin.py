"""The MkDocs adapter: the `investigation` plugin (mkdocs.yml, registered in pyproject.toml), and
the only module of the project that imports MkDocs. It connects MkDocs' events to one
SiteBuild (scripts/site/build.py), made anew in each on_config:

- on_config: load and validate the data (a broken data set aborts the build, every problem
  listed; under `mkdocs serve` it is shown in the browser instead, see `serve_problems`), index
  it; the sitemap is ours (scripts/outputs/sitemap.py), not MkDocs'.
- on_files: a generated page per record and per index page (the record pages are out of the
  navigation); the search index starts on the record documents.
- on_page_content: the HTML body of a generated page, rendered from the data.
- on_page_context: the <head> additions (feed links, a record page's metadata), and the
  page's language (below).
- on_post_build: redirects, feeds, exports, sitemap; the search bundle.

The English edition: every page exists at its French path and under en/ (scripts/model/urls.py,
`in_language`). on_files adds the English record and index pages (the hand-written ones are
docs/en/*.md); on_nav makes the English navigation from the French one (titles from
scripts/model/interface.py); on_page_context gives each page under en/ that navigation,
Material's English strings (`page_language`, overrides/partials/language.html), the site's
English name, and every page a link to itself in the other language (`other_language`).

The switch `parallel` (PARALLEL=off|on|auto): off, every page goes through MkDocs' own page
build and Material's templates render every part of every page. On (auto: from 1,000 pages),
the index pages are rendered in a forked process as soon as the data is indexed, the record
pages skip MkDocs' Markdown steps and are rendered, laid out in Material's template and
written by two processes (scripts/site/parallel/shared_pages.py), the parts of Material's
page that are the same across a folder of record pages are rendered once per folder
(per_folder.py), and the outputs are written in a forked process beside the build
(parallel/forked.py). Both ways
give the same bytes (tests/site/test_parallel_switch.py)."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from ..model import interface, urls
from ..model.messages import counted, say
from ..model.problems import DataError, Problem
from ..model.records import Record
from ..model.translations import missing_english
from ..outputs.pagefind import SearchIndexError
from ..outputs.search import page_html
from ..render import pages
from ..render.environment import TEMPLATE_CACHE
from .build import PLACEHOLDER, Settings, SiteBuild, repository_url
from .parallel.forked import Forked, ForkedError
from .parallel.per_folder import per_folder_renderer
from .parallel.shared_pages import SharedPages
from .problems_page import problems_page

log = logging.getLogger("mkdocs.plugins.investigation")
# mkdocs-macros 1.5 logs what it found ("Found external Python module...", "Config variables:
# [...]") at INFO on every build and rebuild, whatever its `verbose` option says (that option
# only governs the chatter of the macros' own modules): its logger keeps its warnings and
# errors, so that `make build` and `make serve` show MkDocs' own lines and nothing else.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


class InvestigationConfig(Config):
    # The data: a folder of records (DATA_DIR in mkdocs.yml), relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")
    # The parallel machinery: auto (from 1,000 pages, with a second core), on, or off. YAML
    # (and so `!ENV [PARALLEL, auto]`) reads on/off as true/false: both spellings are taken.
    parallel = c.Choice(("auto", "on", "off", True, False), default="auto")
    # The branch "edit this page" links open the YAML files on.
    edit_branch = c.Type(str, default="main")


class InvestigationPlugin(BasePlugin[InvestigationConfig]):
    def __init__(self) -> None:
        self.build: SiteBuild | None = None
        self.parallel = False
        self.generated: dict[str, Record | pages.IndexPage] = {}  # src_uri -> what the page shows
        self.page_paths: dict[str, str] = {}  # every page of the site (path -> src_uri), for the sitemap
        self.nav = None
        self.english_nav: Navigation | None = None
        self.record_writer: SharedPages | None = None
        self.outputs_beside: Forked | None = None
        self.index_pages_ahead: Forked | None = None  # src_uri -> body of each index page
        self.index_bodies: dict[str, str] = {}
        self.serving = False  # `mkdocs serve`: a broken data set is shown, not aborted
        self.problems: list[Problem] | None = None  # the data set's problems, while served broken
        self.served_paths: list[str] = []  # the pages of the last good build, while serving

    def on_startup(self, *, command, dirty):
        """Defined, it also keeps this plugin across `mkdocs serve`'s rebuilds (served_paths)."""
        self.serving = command == "serve"

    # -- the data

    def on_config(self, config):
        self.close()
        self.problems = None
        settings = Settings(data_dir=data_folder(config, self.config.data_dir), parallel=switch(self.config.parallel),
                            site_name=config.site_name, site_url=config.site_url or None,
                            repo_url=repository_url(config.repo_url), edit_branch=self.config.edit_branch,
                            english_site_name=interface.in_language(config.site_name, "en"))
        try:
            self.build = SiteBuild.load(settings, docs_dir=Path(config.docs_dir))
        except DataError as error:
            listing = "\n".join(str(problem) for problem in error.problems)
            if self.serving:
                return self.serve_problems(config, error.problems, listing)
            raise Abort(say("build.refused", problems=counted(len(error.problems), "problem"), listing=listing)) from None
        if settings.repo_url and not config.repo_url:
            config.repo_url = settings.repo_url
            config.repo_name = settings.repo_url.split("github.com/", 1)[-1]
        if config.repo_url:
            config.edit_uri = f"edit/{settings.edit_branch}/docs/"
        self.generated = {**self.build.record_pages(), **self.build.index_pages()}
        missing = missing_english(self.build.loaded)  # shown in French on the English pages, marked so
        if missing:  # debug: `make build` prints MkDocs' own lines only (tests/site/test_serve_problems.py)
            log.debug("English edition: %d summaries, claims or category labels have no English yet: %s", len(missing),
                     ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else ""))
        self.parallel = settings.parallel_for(len(self.generated))
        if self.parallel:  # the exports (/donnees/ lists their sizes) and the index pages, meanwhile
            self.build.start_exports()
            index_pages = self.build.index_pages()
            self.index_pages_ahead = Forked(lambda: {src_uri: self.build.index_body(page_def)
                                                     for src_uri, page_def in index_pages.items()})
        config.theme.static_templates.discard(urls.SITEMAP)  # ours: scripts/outputs/sitemap.py
        return config

    def serve_problems(self, config, problems: list[Problem], listing: str):
        """`mkdocs serve` on a broken data set: instead of stopping (the browser would wait for
        a build that never comes), build no page, and write a page that lists the problems at the
        home page and at every page of the last good build (on_post_build), so that the
        browser, reloaded by MkDocs, shows them where it is. The watcher rebuilds on the next
        save: once the data validate, the same URLs show the site again."""
        self.build, self.generated, self.problems = None, {}, problems
        config.nav = None  # the hand-written pages are left out (they show the data): no nav to check
        log.warning(say("build.served_broken", problems=counted(len(problems), "problem"), listing=listing))
        return config

    # -- the pages

    def on_files(self, files: Files, config) -> Files:
        if self.problems is not None:  # served broken: the static files only
            for file in files.documentation_pages():
                files.remove(file)
            return files
        mkdocs_sitemap = files.get_file_from_path(urls.SITEMAP)
        if mkdocs_sitemap is not None:  # no longer a template (on_config): it would be copied as it is
            files.remove(mkdocs_sitemap)
        for src_uri, shown in self.generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise Abort(f"docs/{src_uri} exists but this page is generated from data/: delete docs/{src_uri}")
            if isinstance(shown, pages.IndexPage):
                files.append(File.generated(config, src_uri, content=self.build.index_markdown(shown)))
                continue
            file = File.generated(config, src_uri, content=self.build.record_markdown(shown, src_uri),
                                  inclusion=InclusionLevel.NOT_IN_NAV)  # out of the nav on purpose
            files.append(file)
            if self.parallel:
                RecordPage(file, config, pages.record_meta(shown, urls.language_of(src_uri)))
        for file in files.documentation_pages():  # the English navigation is made in on_nav
            if urls.language_of(file.src_uri) == "en" and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self.page_paths = {urls.HOME if file.url == "./" else file.url: file.src_uri
                           for file in files.documentation_pages()}
        self.build.start_search_index()
        if self.parallel:  # the site folder is emptied by now
            self.outputs_beside = Forked(lambda: self.build.write_outputs(Path(config.site_dir), self.page_paths,
                                                                          with_exports=False), niceness=5)
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        self.english_nav = english_navigation(nav, files)
        return nav

    def on_pre_page(self, page, config, files):
        record = self.generated.get(page.file.src_uri)
        if isinstance(record, Record):
            page.edit_url = self.build.edit_url(record)
        return page

    def on_page_content(self, html: str, page, config, files) -> str:
        shown = self.generated.get(page.file.src_uri)
        if isinstance(shown, Record):  # searched from its data (outputs/search.py: record_documents)
            return "" if self.parallel else self.build.record_body(page.file.src_uri, shown)
        if isinstance(shown, pages.IndexPage):
            html = self.index_body(page.file.src_uri, shown)
        self.build.indexer.add_page("/" + page.url, page_html(page.title or "", html, urls.language_of(page.file.src_uri)))
        return html

    def index_body(self, src_uri: str, page_def: pages.IndexPage) -> str:
        if self.index_pages_ahead is not None:
            try:
                self.index_bodies = self.index_pages_ahead.wait()
            except ForkedError as error:
                raise Abort(f"The index pages could not be rendered: {error}") from None
            self.index_pages_ahead = None
        return self.index_bodies.pop(src_uri, None) or self.build.index_body(page_def)

    def on_env(self, env, config, files: Files):
        """Every page's content is known: Pagefind writes its bundle meanwhile; with the parallel
        machinery, the record pages leave MkDocs' page loop for SharedPages, whose worker starts."""
        env.bytecode_cache = TEMPLATE_CACHE
        env.globals["per_folder"] = per_folder_renderer(self.parallel)
        # overrides/main.html: the live-reload script `mkdocs serve` adds to each page is inline.
        env.globals["live_reload"] = self.serving
        env.filters["interface"] = interface.in_language  # overrides' words on the English pages
        if self.build is None:  # served broken: no page
            return env
        self.build.indexer.write_bundle(Path(config.site_dir) / urls.SEARCH_BUNDLE)
        if self.parallel:
            record_files = [file for file in files.documentation_pages()
                            if isinstance(self.generated.get(file.src_uri), Record)]
            for file in record_files:
                files.remove(file)
            layout = PageLayout(self, env, config, files)
            self.record_writer = SharedPages([file.page for file in record_files], layout.write)
        return env

    def on_page_context(self, context, page, config, nav):
        """`record_head`: printed in <head> by overrides/main.html. `nav_folder`: set on record
        pages, whose navigation, footer, styles and scripts are shared by their folder."""
        path = urls.HOME if page.url == "./" else page.url
        context["record_head"] = self.build.head_of(page.file.src_uri, path,
                                                    page.meta.get("title") or page.title or "",
                                                    page.meta.get("description", ""))
        lang = urls.language_of(page.file.src_uri)
        context["page_language"] = lang
        other = urls.other_language(lang)
        if urls.other_language_url(path) in self.page_paths:  # a site without docs/en/ has no English home
            context["other_language"] = {"lang": other, "url": urls.relative_url(path, urls.other_language_url(path)),
                                         "label": {"en": "English", "fr": "Français"}[other]}
        if lang == "en":
            context["nav"] = self.english_nav or context["nav"]
            context["config"] = LanguageConfig(context["config"], lang)
        if isinstance(self.generated.get(page.file.src_uri), Record):
            context["nav_folder"] = page.url.rstrip("/").rpartition("/")[0] + "/"
        return context

    def on_template_context(self, context, template_name, config):
        """The 404 page is a template, not a page: it gets the feed links too."""
        if template_name == "404.html" and self.build is not None:
            context["record_head"] = self.build.head_of("404.html")
            context["english_home"] = urls.in_language(urls.HOME, "en") in self.page_paths
        return context

    # -- the end

    def on_post_build(self, config):
        if self.problems is not None:
            self.write_problem_pages(Path(config.site_dir), config.site_name)
            return
        try:
            if self.record_writer is not None:
                self.record_writer.finish()
            if self.outputs_beside is not None:
                self.outputs_beside.wait()
                self.build.write_exports(Path(config.site_dir))
            else:
                self.build.write_outputs(Path(config.site_dir), self.page_paths)
            self.build.indexer.wait_written()
        except (ForkedError, DataError, OSError) as error:  # OSError: the exports written here (a full disk)
            raise Abort(str(error)) from None
        except SearchIndexError as error:
            raise Abort(f"The search index could not be built: {error}") from None
        finally:
            self.close()
        if self.serving:
            self.served_paths = list(self.page_paths)

    def write_problem_pages(self, site_dir: Path, site_name: str) -> None:
        html = problems_page(self.problems, site_name).encode("utf-8")
        write_file(html, str(site_dir / "404.html"))  # any other address (served without reload)
        for path in dict.fromkeys([urls.HOME, *self.served_paths]):
            write_file(html, str(site_dir / path / "index.html"))

    def on_build_error(self, error):
        self.close()

    def on_shutdown(self):
        self.close()

    def close(self) -> None:
        """Stop whatever still runs beside the build (a build that failed half-way)."""
        for helper in (self.record_writer, self.outputs_beside, self.index_pages_ahead, self.build):
            if helper is not None:
                helper.close()
        self.record_writer = self.outputs_beside = self.index_pages_ahead = None


def english_navigation(nav: Navigation, files: Files) -> Navigation:
    """The English pages' navigation: the French one's sections and pages, each page replaced by
    its English counterpart (en/...), titled from scripts/model/interface.py."""
    pages: list[Page] = []

    def mirror(items, parent):
        mirrored = []
        for item in items:
            title = interface.in_language(item.title or "", "en") if item.title else item.title
            if isinstance(item, Section):
                section = Section(title, [])
                section.parent = parent
                section.children = mirror(item.children, section)
                mirrored.append(section)
            elif isinstance(item, Page):
                file = files.get_file_from_path(urls.in_language(item.file.src_uri, "en"))
                if file is None or file.page is None:
                    continue  # no translation yet: tests/site/test_english_edition.py names it
                file.page.title = title
                file.page.parent = parent
                pages.append(file.page)
                mirrored.append(file.page)
            elif isinstance(item, Link):
                link = Link(title, item.url)
                link.parent = parent
                mirrored.append(link)
        return mirrored

    english = Navigation(mirror(nav.items, None), pages)
    english.homepage = files.get_file_from_path(urls.in_language("index.md", "en")).page \
        if files.get_file_from_path(urls.in_language("index.md", "en")) is not None else nav.homepage
    return english


class LanguageConfig:
    """MkDocs' config as the templates of a page in another language see it: the site's name and
    description in that language (Material prints them in the header, the navigation and
    <title>); everything else is the config itself."""

    def __init__(self, config, lang: str):
        self.wrapped = config
        self.site_name = interface.in_language(config.site_name, lang)
        self.site_description = interface.in_language(config.site_description or "", lang) or None

    def __getattr__(self, name):
        return getattr(self.wrapped, name)

    def __getitem__(self, key):
        return getattr(self, key) if key in ("site_name", "site_description") else self.wrapped[key]

    def get(self, key, default=None):
        return self[key] if key in ("site_name", "site_description") else self.wrapped.get(key, default)


def switch(value: str | bool) -> str:
    """`on`, `off` or `auto`, however YAML read it."""
    return {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value


def data_folder(config, configured: str) -> Path:
    """The data folder: absolute, or relative to mkdocs.yml."""
    path = Path(configured)
    return path if path.is_absolute() else Path(config.config_file_path).parent / path


class RecordPage(Page):
    """A record's page with the parallel machinery on: its HTML is rendered from the data, so the
    two Markdown steps MkDocs takes for every page are skipped (parsing the front matter with
    the pure-Python YAML loader, and a new Markdown converter per page). Its metadata is the
    front matter's, so the page is the same either way. Created before MkDocs builds the
    navigation, which then keeps this page instead of making a plain one."""

    def __init__(self, file: File, config, meta: dict):
        super().__init__(None, file, config)
        self.record_meta = meta

    def read_source(self, config) -> None:
        self.markdown, self.meta = PLACEHOLDER, dict(self.record_meta)

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


class PageLayout:
    """A record page laid out in the theme's template and written, as MkDocs' own page build
    does it (context, plugins' page_context, template, plugins' post_page, write)."""

    def __init__(self, plugin: InvestigationPlugin, env, config, files: Files):
        self.plugin, self.env, self.config = plugin, env, config
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)

    def write(self, page: Page) -> None:
        record = self.plugin.generated[page.file.src_uri]
        page.content = self.plugin.build.record_body(page.file.src_uri, record)
        page.active = True
        try:
            context = get_context(self.plugin.nav, self.doc_files, self.config, page)
            context = self.config.plugins.on_page_context(context, page=page, config=self.config,
                                                          nav=self.plugin.nav)
            output = self.env.get_template(page.meta.get("template", "main.html")).render(context)
            output = self.config.plugins.on_post_page(output, page=page, config=self.config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        finally:
            page.active = False
            page.content = None  # the next page needs the memory more
