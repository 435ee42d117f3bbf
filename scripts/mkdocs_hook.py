"""MkDocs adapter (registered under `hooks:` in mkdocs.yml). It only connects MkDocs to the
pipeline in scripts/: load + validate (refuse a broken data set), index once, add one
generated page per record and the index pages, point their edit links at the YAML files,
and call the optional post-build stages (redirects, feeds, exports)."""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads this file by path: make `scripts` importable
    sys.path.insert(0, str(ROOT))


def pipeline_stamp() -> tuple:
    """What the pipeline's modules were built from: its code, templates and the schemas."""
    watched = [*(ROOT / "scripts").rglob("*.py"), *(ROOT / "scripts" / "templates").glob("*"),
               *(ROOT / "data" / "schema").glob("*.json")]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in watched if path.is_file()))


def forget_edited_pipeline(stamp: tuple) -> None:
    """`mkdocs serve` loads this file again on each rebuild. The pipeline's modules (with their
    compiled templates and schemas) are kept when only data/ or docs/ changed, and imported
    afresh when scripts/ or the schemas did, so that an edit to them shows too."""
    package = sys.modules.get("scripts")
    if package is not None and getattr(package, "built_from", stamp) != stamp:
        for name in [name for name in sys.modules if name == "scripts" or name.startswith("scripts.")]:
            del sys.modules[name]


STAMP = pipeline_stamp()
forget_edited_pipeline(STAMP)
import scripts  # noqa: E402
from scripts import export, feeds, forked, gitdates, redirects, render, render_ahead, search_index  # noqa: E402
from scripts.index import Build, build_index, current_build, remember_build  # noqa: E402
from scripts.problems import DataError  # noqa: E402
from scripts.validate import check  # noqa: E402

scripts.built_from = STAMP

log = logging.getLogger("mkdocs.hooks.site")
GITHUB_HTTPS = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+?(\.git)?/?$")
BRANCH = "main"
EXPORTS_DIR = "donnees"  # the JSON / CSV / BibTeX / graph exports, published at /donnees/

PLACEHOLDER = "<!-- The body of this page is rendered by scripts/mkdocs_hook.py:on_page_content. -->\n"

_generated: dict[str, object] = {}  # src_uri -> its Record or IndexPage
_edit_urls: dict[str, str] = {}  # src_uri of a record page -> URL of its YAML file on GitHub
_heads: dict[str, str] = {}  # src_uri of the page being built -> HTML for its <head>
_indexer: list[search_index.IndexerProcess] = []  # the search index being built, if any
_ahead: list[render_ahead.RenderAhead] = []  # record pages being rendered in a second process
_layout_ahead: list[LayoutAhead] = []  # record pages being laid out in a second process
_laying_out: set[str] = set()  # src_uri of the record pages this process lays out itself, now
_nav: list = []  # the site's navigation, once MkDocs has built it
_other_outputs: list[forked.Forked] = []  # exports, feeds and redirects being written beside the build


def data_root(config) -> Path:
    """The data folder: $DATA_DIR (tests build fixture data sets) or data/ of the project."""
    configured = os.environ.get("DATA_DIR")
    if not configured:
        return ROOT / "data"
    path = Path(configured)
    return path if path.is_absolute() else Path(config.config_file_path).parent / path


def load_checked(root: Path):
    """The validated data set; a broken one aborts the build with every problem."""
    try:
        return check(root)
    except DataError as error:
        listing = "\n".join(str(problem) for problem in error.problems)
        raise Abort(f"The data set has {len(error.problems)} problem(s); fix them and build again:\n"
                    f"{listing}") from None


def on_config(config):
    root = data_root(config)
    loaded = load_checked(root)
    build = Build(loaded, build_index(loaded), site_url=config.site_url or None, site_name=config.site_name)
    dates = gitdates.file_dates(root)
    build.updated, build.added = dates.updated, dates.added
    remember_build(id(config), build)
    set_repository(config)
    _generated.clear()
    _generated.update(generated_pages(build))
    start_rendering_ahead(build)
    return config


def generated_pages(build: Build) -> dict[str, object]:
    """src_uri -> Record or IndexPage of every generated page, in the order MkDocs builds them."""
    pages: dict[str, object] = {render.record_src_uri(record): record for record in render.record_pages(build.index)}
    pages.update((page_def.src_uri, page_def) for page_def in render.INDEX_PAGES)
    return pages


def start_rendering_ahead(build: Build) -> None:
    """On large data sets, a forked worker starts rendering the generated pages as soon as the
    data is indexed, while MkDocs is still gathering its files (render_ahead)."""
    stop_helpers()
    sources = dict(_generated)
    ahead = render_ahead.render_ahead(list(sources), lambda src_uri: (src_uri, *render_generated(sources[src_uri], build)))
    if ahead is not None:
        _ahead.append(ahead)


def set_repository(config) -> None:
    """Edit links need repo_url; without REPO_URL, use the git remote if it is on GitHub."""
    if not config.repo_url:
        remote = git_remote()
        if remote and GITHUB_HTTPS.match(remote):
            config.repo_url = remote.removesuffix("/").removesuffix(".git")
            config.repo_name = config.repo_url.split("github.com/", 1)[1]
    if config.repo_url:
        config.edit_uri = f"edit/{BRANCH}/docs/"


def git_remote() -> str | None:
    try:
        result = subprocess.run(["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def on_files(files: Files, config) -> Files:
    """Add a page per record and the index pages. Their Markdown is only the front matter: the
    HTML body is rendered in on_page_content, one page at a time (no Markdown pass over it,
    no body kept in memory for the whole build)."""
    build = current_build(id(config))
    _edit_urls.clear()
    for src_uri, source in _generated.items():
        if isinstance(source, render.IndexPage):
            add_generated(files, config, src_uri, render.index_front_matter(source) + PLACEHOLDER)
            continue
        meta = render.record_meta(source)
        file = add_generated(files, config, src_uri, render.front_matter_text(meta) + PLACEHOLDER,
                             InclusionLevel.NOT_IN_NAV)
        RecordPage(file, config, meta)
        if config.repo_url:
            _edit_urls[src_uri] = (f"{config.repo_url.rstrip('/')}/edit/{BRANCH}/"
                                   f"{yaml_path_in_repo(source)}")
    start_helpers(build, config)
    return files


def start_helpers(build: Build, config) -> None:
    """The rest of the work that can run on the other core while MkDocs builds page after
    page: on large data sets the exports, feeds and redirects (the site folder is emptied
    by now); and the search index (a process of its own that feeds Pagefind), which gets the
    record documents at once."""
    beside = forked.run_beside(lambda: write_other_outputs(build, Path(config.site_dir)),
                               large=len(_generated) >= render_ahead.RENDER_AHEAD_FROM)
    if beside is not None:
        _other_outputs.append(beside)
    _indexer.append(search_index.IndexerProcess(search_index.record_documents(build.loaded.records)))


def render_generated(source, build: Build) -> tuple[str, str]:
    """(body, head) of a record's page; (body, "") of an index page."""
    if isinstance(source, render.IndexPage):
        return render.index_body(source, build.index, site_of(build)), ""
    extras = render.record_extras(source, build.index, site_of(build))
    return render.record_body(source, build.index, site_of(build), extras), extras.head


def stop_helpers() -> None:
    while _indexer:
        _indexer.pop().close()
    close_page_workers()
    while _other_outputs:
        _other_outputs.pop().close()


def close_page_workers() -> None:
    """The workers that render and lay out pages (none left once every page is written)."""
    while _ahead:
        _ahead.pop().close()
    while _layout_ahead:
        _layout_ahead.pop().close()


def yaml_path_in_repo(record) -> str:
    """`data/entities/<id>.yaml`, relative to the repository root."""
    try:
        return record.path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return record.file


def add_generated(files: Files, config, src_uri: str, content: str,
                  inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """Add a page built in memory; record pages are NOT_IN_NAV (on purpose, not forgotten)."""
    if files.get_file_from_path(src_uri) is not None:
        raise Abort(f"docs/{src_uri} exists but this page is generated from data/: "
                    "delete docs/" + src_uri)
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    files.append(file)
    return file


class RecordPage(Page):
    """A record's page. Its HTML is rendered by scripts/render.py (on_page_content), so the two
    Markdown steps MkDocs takes for every page are skipped: parsing the front matter (with the
    pure-Python YAML loader) and converting Markdown (a new converter per page). Created before
    MkDocs builds the navigation, which then keeps this page instead of making a plain one."""

    def __init__(self, file: File, config, meta: dict):
        super().__init__(None, file, config)
        self.record_meta = meta

    def read_source(self, config) -> None:
        self.markdown, self.meta = PLACEHOLDER, {**self.record_meta, "template": "record.html"}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def on_pre_page(page, config, files):
    edit_url = _edit_urls.get(page.file.src_uri)
    if edit_url:
        page.edit_url = edit_url
    return page


def site_of(build: Build) -> render.Site:
    return render.Site(build.site_name, build.site_url, build.updated)


def on_page_content(html: str, page, config, files) -> str:
    source = _generated.get(page.file.src_uri)
    if source is not None:
        rendered = _ahead[0].take(page.file.src_uri) if _ahead else None
        html, head = rendered[1:] if rendered else render_generated(source, current_build(id(config)))
        if isinstance(source, render.Record):  # indexed from its data (search_index.record_documents)
            _heads[page.file.src_uri] = head
            return html
    if _indexer:
        _indexer[0].add_page("/" + page.url, search_index.page_html(page.title or "", html))
    return html


def feed_links(config) -> str:
    return render.feed_links_html(site_of(current_build(id(config))))


def on_env(env, config, files):
    """Templates are compiled once (not on every build and serve rebuild), the parts of
    record pages that are the same across a folder are rendered once per folder, and the
    workers beside the build get their share."""
    env.bytecode_cache = render.TEMPLATE_CACHE
    env.globals["per_folder"] = per_folder_renderer()
    if _indexer:  # every page's content is known now: Pagefind builds its bundle meanwhile
        _indexer[0].write_bundle(Path(config.site_dir) / search_index.BUNDLE_DIR)
    start_layout_ahead(env, config, files)
    return env


def on_nav(nav, config, files):
    _nav[:] = [nav]
    return nav


def start_layout_ahead(env, config, files: Files) -> None:
    """Every page's content is known (on_env comes after MkDocs populated them all): lay the
    record pages out in Material's template in a second process too, as their content was."""
    while _ahead:  # the content is all there: that worker is done
        _ahead.pop().close()
    layout = LayoutAhead(env, config, files)
    if layout.worker is not None:
        _layout_ahead.append(layout)


class LayoutAhead:
    """Record pages laid out in Material's template and written by a forked process
    (render_ahead) ahead of MkDocs; this process writes those it lays out itself while it
    would wait. MkDocs renders an empty template for them (overrides/record.html) and so
    writes nothing: its "Page skipped" notes for them are filtered out of the log."""

    def __init__(self, env, config, files: Files):
        self.env = env
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = {file.src_uri: file.page for file in self.doc_files
                 if isinstance(_generated.get(file.src_uri), render.Record)}
        self.quiet = WrittenAhead(set(pages))
        self.worker = render_ahead.render_ahead(list(pages), lambda src_uri: (self.write(pages[src_uri], config),))
        if self.worker is not None:
            BUILD_LOG.addFilter(self.quiet)

    def write(self, page, config) -> str:
        """Lay out a record page as MkDocs' _build_page does (context, plugins, template) and
        write it where MkDocs would."""
        _laying_out.add(page.file.src_uri)
        config._current_page, page.active = page, True
        try:
            context = get_context(_nav[0], self.doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=_nav[0])
            output = self.env.get_template(page.meta["template"]).render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            return page.file.src_uri
        finally:
            config._current_page, page.active = None, False
            _laying_out.discard(page.file.src_uri)

    def written(self, page, config) -> None:
        """The page is written: by the worker, ahead by this process, or now (out of step)."""
        if self.worker.take(page.file.src_uri) is None:
            self.write(page, config)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
        BUILD_LOG.removeFilter(self.quiet)


BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class WrittenAhead(logging.Filter):
    def __init__(self, src_uris: set[str]):
        super().__init__()
        self.src_uris = src_uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.src_uris)


def laid_out_ahead(page) -> bool:
    """True for a record page whose HTML comes from LayoutAhead rather than from MkDocs' own
    template run (not while LayoutAhead lays it out in this very process)."""
    return bool(_layout_ahead) and page.file.src_uri not in _laying_out \
        and isinstance(_generated.get(page.file.src_uri), render.Record)


def per_folder_renderer():
    """`per_folder(name, folder, render)`: `render()` (a macro or a block's `super`) once per
    folder of record pages. Record pages are not in the navigation and have no table of
    contents, so the parts of Material's page that show neither their title nor their content
    (navigation, header but its title, footer, scripts…) differ only by the folder their
    relative links start from: rendered once per folder instead of once per page (about half
    of Material's time per page). `folder` is empty on other pages: rendered each time."""
    rendered: dict[tuple[str, str], str] = {}

    def per_folder(name: str, folder: str | None, render) -> str:
        if not folder:
            return render()
        if (name, folder) not in rendered:
            rendered[name, folder] = render()
        return rendered[name, folder]
    return per_folder


def on_page_context(context, page, config, nav):
    """`record_head` (printed in <head> by overrides/main.html): the feed links on every
    page, and a record page's metadata. `nav_folder`: set on record pages, whose navigation,
    header (but its title) and footer are shared by their folder (`per_folder`, used by
    overrides/main.html and partials/header.html). `laid_out_ahead`: the page is
    LayoutAhead's to lay out, with a context of its own (its head is left for it)."""
    context["laid_out_ahead"] = laid_out_ahead(page)
    if context["laid_out_ahead"]:
        return context
    parts = (feed_links(config), _heads.pop(page.file.src_uri, ""))
    context["record_head"] = "\n".join(part for part in parts if part)
    if isinstance(_generated.get(page.file.src_uri), render.Record) and not page.is_homepage:
        context["nav_folder"] = page.url.rstrip("/").rpartition("/")[0] + "/"
    return context


def on_post_page(output: str, page, config) -> str:
    if not laid_out_ahead(page):
        return output
    _layout_ahead[0].written(page, config)
    return ""  # written already: MkDocs writes nothing


def on_template_context(context, template_name, config):
    """The 404 page is a template, not a page: it gets the feed links too."""
    if template_name == "404.html":
        context["record_head"] = feed_links(config)
    return context


def on_build_error(error):
    stop_helpers()


def on_post_build(config):
    build = current_build(id(config))
    site_dir = Path(config.site_dir)
    close_page_workers()
    indexer = _indexer.pop()
    try:
        if _other_outputs:
            wait_for_other_outputs(_other_outputs.pop())
        else:
            write_other_outputs(build, site_dir)
        indexer.wait_written()
    except search_index.SearchIndexError as error:
        raise Abort(f"The search index could not be built: {error}") from None
    finally:
        indexer.close()


def wait_for_other_outputs(beside: forked.Forked) -> None:
    try:
        beside.wait()
    except forked.ForkedError as error:
        raise Abort(str(error)) from None


def write_other_outputs(build: Build, site_dir: Path) -> None:
    """Redirects for old ids, Atom feeds (with SITE_URL), and the data exports."""
    try:
        redirects.write_redirects(build.index, site_dir, build.site_url)
    except DataError as error:
        raise Abort("Old ids (previous_ids) cannot be redirected:\n"
                    + "\n".join(str(problem) for problem in error.problems)) from None
    if build.site_url:
        feeds.write_feeds(build.index, site_dir, build.site_url, build.updated, build.added,
                          site_name=build.site_name)
    else:
        log.info("Atom feeds not written: set SITE_URL (the site's absolute URL) to publish them")
    export.write_exports(build.loaded, build.index, site_dir / EXPORTS_DIR)
