"""Build the site with MkDocs (in a subprocess, as `mkdocs build --strict` runs in CI) on the
fixture data set, and check the HTML: every record has its page, every internal link and
anchor resolves, citations and source pages link to each other, hostile text stays text,
a record page does not grow with the data set, and a broken data set stops the build.

A test build uses a small config that INHERITs the project's mkdocs.yml and only changes
the docs folder (fixture pages instead of the hand-written ones, which cite real records)."""
from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from scripts.load import load_data
from scripts.model.collections import COLLECTIONS
from scripts.outputs import search as search_index

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "site" / "data"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "site" / "docs"
TEST_SITE_URL = "https://example.org/enquete/"
TEST_REPO_URL = "https://github.com/example-owner/example-repo"
SUBSIDIARY_PAGE = "entites/example-subsidiary/index.html"


# --- building --------------------------------------------------------------------------------

class IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags (only the nav is needed)."""


IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def fixture_config(folder: Path) -> Path:
    """A config in `folder` that builds the fixture docs (with the site's assets)."""
    docs = folder / "docs"
    shutil.copytree(FIXTURE_DOCS, docs)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)
    index_pages = [entry for entry in project["nav"] if isinstance(entry, dict) and "L’enquête" in entry]
    index_pages.append({"Les règles": "droit/index.md"})  # the rest of "Vos droits" is hand-written
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "watch": [],
        "nav": [{"Accueil": "index.md"}] + index_pages,
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def mkdocs_build(config: Path, data_dir: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DATA_DIR": str(data_dir),
           "SITE_URL": TEST_SITE_URL, "REPO_URL": TEST_REPO_URL}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build_ok(config: Path, data_dir: Path, site_dir: Path) -> Path:
    result = mkdocs_build(config, data_dir, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def fixture_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site-config")
    fixture_config(folder)
    return folder


@pytest.fixture(scope="session")
def site(fixture_folder) -> Path:
    """The fixture data set, built once for the whole session."""
    return build_ok(fixture_folder / "mkdocs.yml", FIXTURE_DATA, fixture_folder / "site")


@pytest.fixture(scope="session")
def fixture_records():
    return [r for r in load_data(FIXTURE_DATA).records if COLLECTIONS[r.collection].url_segment]


# --- reading the HTML ------------------------------------------------------------------------

class Page(HTMLParser):
    """Ids, links and a few elements of one built page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []  # (href, attributes)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []  # (attributes, text) of each <script>
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append((attributes["href"], attributes))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def with_class(self, css_class: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.links if css_class in attrs.get("class", "").split()]


def read(site_dir: Path, page: str) -> Page:
    return Page((site_dir / page).read_text(encoding="utf-8"))


def html_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if "assets" not in p.relative_to(site_dir).parts)


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """(target file relative to the site, fragment) of an internal link; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    prefix = urlsplit(TEST_SITE_URL).path  # the 404 page links from the site's root path
    if parts.path.startswith("/"):
        assert parts.path.startswith(prefix), f"{page}: {href} is outside the site"
        target = posixpath.normpath(unquote(parts.path[len(prefix):]) or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if href.split("#")[0].endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, unquote(parts.fragment)


def page_of_record(record) -> str:
    return f"{COLLECTIONS[record.collection].url_segment}/{record.id}/index.html"


# --- the tests --------------------------------------------------------------------------------

def test_every_record_has_its_page_at_its_url(site, fixture_records):
    assert fixture_records, "the fixture data set has records with pages"
    for record in fixture_records:
        page = site / page_of_record(record)
        assert page.is_file(), f"no page for {record.file} at {page_of_record(record)}"
        name = record.title()
        parsed = read(site, page_of_record(record))
        assert any(tag == "h1" for tag, _ in parsed.elements)
        assert name.split("<")[0].strip() in page.read_text(encoding="utf-8")


def test_index_pages_are_built_and_in_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for url in ("groupe/", "entites/", "fichiers/", "flux/", "categories/", "sources/", "chronologie/",
                "corrections/"):
        assert (site / url / "index.html").is_file(), url
        assert f'href="{url}"' in home, f"{url} missing from the navigation"
    assert "example-subsidiary" not in home.split('class="md-content"')[0], \
        "record pages must stay out of the navigation"


def test_every_internal_link_and_anchor_resolves(site):
    pages = {page: read(site, page) for page in html_pages(site)}
    broken = []
    for page, parsed in pages.items():
        for href, _ in parsed.links:
            target = resolve(page, href)
            if target is None:
                continue
            path, fragment = target
            if not (site / path).exists():
                broken.append(f"{page}: {href} -> no file {path}")
            elif fragment and path.endswith(".html") and fragment not in pages[path].ids:
                broken.append(f"{page}: {href} -> no id {fragment!r} in {path}")
    assert not broken, "\n".join(broken)


def test_each_citation_links_to_its_source_page_and_the_source_links_back(site, fixture_records):
    checked = 0
    for record in fixture_records:
        if record.collection == "sources":
            continue
        page = page_of_record(record)
        for citation in read(site, page).with_class("lp-citation__source"):
            source_page, _ = resolve(page, citation["href"])
            assert source_page.startswith("sources/") and (site / source_page).is_file(), citation
            backlinks = [resolve(source_page, link["href"])
                         for link in read(site, source_page).with_class("lp-backlink")]
            assert any(path == page for path, _ in backlinks), f"{source_page} does not link back to {page}"
            for path, fragment in backlinks:
                if path == page:
                    assert fragment in read(site, page).ids, f"{source_page} -> {page}#{fragment}"
            checked += 1
    assert checked >= 5


def test_claims_have_their_own_anchor_and_a_status(site, fixture_records):
    for record in fixture_records:
        parsed = read(site, page_of_record(record))
        for claim in record.data.get("claims") or []:
            assert claim["id"] in parsed.ids, f"{record.file}: claim {claim['id']} has no anchor"
        statuses = [a for t, a in parsed.elements if "lp-status" in a.get("class", "").split()]
        assert len(statuses) >= len(record.data.get("claims") or [])


HOSTILE = ("{{ 7*7 }}", "{% if true %}EVALUATED{% endif %}", "<script>alert(1)</script>",
           "<img src=x onerror=alert(1)>")


def test_hostile_text_shows_literally_and_never_runs(site):
    text = (site / SUBSIDIARY_PAGE).read_text(encoding="utf-8")
    for fragment in HOSTILE:
        assert html.escape(fragment, quote=False) in text, f"{fragment!r} is not shown as typed"
    parsed = read(site, SUBSIDIARY_PAGE)
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parsed.elements)
    runnable = [text for attrs, text in parsed.scripts if attrs.get("type", "text/javascript") != "application/ld+json"]
    assert not any("alert(1)" in text for text in runnable)
    assert "<script>alert(1)" not in text
    for page in ("sources/example-press/index.html", "sources/index.html"):
        parsed = read(site, page)
        assert not any(tag == "b" for tag, _ in parsed.elements), f"{page}: HTML from a title was injected"


def test_hostile_summary_is_escaped_in_title_and_meta_description(site):
    head = (site / SUBSIDIARY_PAGE).read_text(encoding="utf-8").split("</head>")[0]
    assert "<script>alert(1)" not in head and "<img src=x" not in head
    assert 'content="Injection test: {{ 7*7 }}' in head


def test_macros_work_on_hand_written_pages(site):
    parsed = read(site, "index.html")
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "Entités : 4." in text
    assert "Sources datées : 3 sur 4." in text  # sources_count("published"), as `stats` counts them
    assert any(resolve("index.html", href)[0] == SUBSIDIARY_PAGE for href, _ in parsed.links
               if resolve("index.html", href))
    assert "Location du fichier exemple" in text  # flows_table(mechanism="rental")
    assert "Collecte par la division" not in text  # a collection flow, filtered out
    # flow_chain("example-advertiser", "no-such-record"): the flow into the advertiser, the unknown id left out
    chain = [attrs for tag, attrs in parsed.elements if tag == "svg" and "lp-map" in attrs.get("class", "").split()]
    assert len(chain) == 1 and '<title id="chaine--title">Chaîne de test</title>' in text
    flows = {resolve("index.html", a["href"])[0] for a in parsed.with_class("lp-map__flow")}
    assert flows == {"flux/example-rental/index.html"}


def test_a_hand_written_page_states_a_claim_as_its_record_does(site):
    """`{{ claim(record, claim) }}`: the claim's own text, its status, and a link to it on its
    record's page, where its citations are; the page cannot say more than the record."""
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "La personne peut s’opposer à tout moment à la prospection." in text
    [link] = [href for href, attributes in read(site, "index.html").links if href.endswith("#a-tout-moment")]
    page, anchor = resolve("index.html", link)
    assert page == "droit/example-rule/index.html" and anchor == "a-tout-moment"
    assert f'id="{anchor}"' in (site / page).read_text(encoding="utf-8")
    assert re.search(r'lp-claim-ref.*lp-status--documented', text)


def test_record_pages_edit_their_yaml_file(site):
    edit = [attrs["href"] for _, attrs in read(site, SUBSIDIARY_PAGE).links if attrs.get("rel") == "edit"]
    assert edit == [f"{TEST_REPO_URL}/edit/main/tests/fixtures/site/data/entities/example-subsidiary.yaml"]


def test_no_request_leaves_the_site(site):
    for page in html_pages(site):
        parsed = read(site, page)
        for tag, attrs in parsed.elements:
            url = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
            if url and tag in ("script", "link", "img", "iframe", "source", "video", "audio"):
                assert not urlsplit(url).netloc or url.startswith(TEST_SITE_URL), f"{page}: {tag} {url}"
        text = (site / page).read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in text and "api.github.com" not in text
        assert "fonts.googleapis" not in text


def test_neighbourhood_diagram_is_an_accessible_svg_of_links(site):
    parsed = read(site, SUBSIDIARY_PAGE)
    svg = [attrs for tag, attrs in parsed.elements if tag == "svg" and "lp-diagram" in attrs.get("class", "")]
    assert len(svg) == 1 and svg[0]["role"] == "group"  # it holds links: role=img would hide them
    assert {"diagram--title", "diagram--desc"} <= parsed.ids
    nodes = {resolve(SUBSIDIARY_PAGE, a["href"])[0] for a in parsed.with_class("lp-diagram__node")}
    assert nodes == {"entites/example-group/index.html", "entites/example-division/index.html",
                     "fichiers/example-file/index.html"}


def test_special_categories_are_flagged_on_datasets(site):
    text = (site / "fichiers/example-file/index.html").read_text(encoding="utf-8")
    assert "lp-special" in text and "art. 9" in text
    flow = (site / "flux/example-rental/index.html").read_text(encoding="utf-8")
    assert "lp-special" not in flow  # address and age are not special categories


def write_unrelated_entities(data_dir: Path, count: int) -> None:
    for number in range(count):
        (data_dir / "entities" / f"unrelated-{number}.yaml").write_text(
            f"id: unrelated-{number}\nname: Entité sans lien {number}\nkind: company\n"
            f"summary: Entité de remplissage numéro {number}.\n", encoding="utf-8")


def test_a_record_page_does_not_grow_with_the_number_of_records(fixture_folder, tmp_path):
    sizes = {}
    for count in (2, 120):
        data_dir = tmp_path / f"data-{count}"
        shutil.copytree(FIXTURE_DATA, data_dir)
        write_unrelated_entities(data_dir, count)
        site_dir = build_ok(fixture_folder / "mkdocs.yml", data_dir, tmp_path / f"site-{count}")
        sizes[count] = len((site_dir / SUBSIDIARY_PAGE).read_bytes())
        assert (site_dir / f"entites/unrelated-{count - 1}/index.html").is_file()
    assert abs(sizes[120] - sizes[2]) <= 0.02 * sizes[2], sizes


def test_a_broken_data_set_stops_a_plain_build_with_file_and_line(fixture_folder, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data_dir)
    flow = data_dir / "flows" / "example-rental.yaml"
    lines = flow.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("to:"))
    lines[line - 1] = "to: no-such-record"
    flow.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(fixture_folder / "mkdocs.yml", data_dir, tmp_path / "site", strict=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"data/flows/example-rental.yaml:{line}:" in output, output
    assert not (tmp_path / "site" / "index.html").exists()


# --- the citation kit on the built site -------------------------------------------------------

def claim_html(site_dir: Path, page: str, claim_id: str) -> str:
    """The HTML of one claim's <article> (claims do not nest)."""
    text = (site_dir / page).read_text(encoding="utf-8")
    found = re.search(rf'<article [^>]*id="{re.escape(claim_id)}"[^>]*>(.*?)</article>', text, re.S)
    assert found, f"{page}: no <article> for claim {claim_id}"
    return found.group(0)


def site_path(url: str) -> str:
    """An absolute URL of the test site -> the file it serves, relative to the site folder."""
    assert url.startswith(TEST_SITE_URL), url
    return posixpath.join(url[len(TEST_SITE_URL):].split("#")[0], "index.html")


def test_every_claim_can_be_cited_and_copied_by_its_own_url(site, fixture_records):
    checked = 0
    for record in fixture_records:
        page = page_of_record(record)
        for claim in record.data.get("claims") or []:
            claim_url = f"{TEST_SITE_URL}{posixpath.dirname(page)}/#{claim['id']}"
            article = Page(claim_html(site, page, claim["id"]))
            assert f'href="#{claim["id"]}"' in claim_html(site, page, claim["id"])  # permalink
            copy = [a for t, a in article.elements if t == "button" and "data-copy" in a]
            assert [a["data-copy"] for a in copy] == [claim_url]
            box = claim_html(site, page, claim["id"]).split('<details class="cite-box"', 1)[1]
            assert "<summary>Citer cette affirmation</summary>" in box
            assert f"{claim_url} (consulté le" in html.unescape(box)  # press style
            assert f"url = {{{claim_url}}}" in html.unescape(box)  # BibTeX
            checked += 1
        if record.data.get("claims"):  # the self-hosted script that reveals the copy buttons
            assert any(attrs.get("src", "").endswith("assets/cite.js") for attrs, _ in read(site, page).scripts)
    assert checked >= 4


def test_a_retracted_claim_stays_on_its_page_marked_and_explained(site):
    page = "entites/example-division/index.html"
    article = claim_html(site, page, "retracted-claim")
    assert 'class="lp-claim lp-claim--retracted"' in article
    statuses = [a for t, a in Page(article).elements if "lp-status--retracted" in a.get("class", "")]
    assert len(statuses) == 1 and ">Retiré<" in article
    assert "La division gère le fichier exemple." in article  # the text is still there
    assert "Retirée le 2 février 2026 (fictif) — la source citée ne dit pas cela." in article
    corrections = (site / "corrections/index.html").read_text(encoding="utf-8")
    assert "Affirmation « La division gère le fichier exemple » retirée." in corrections


def test_an_old_id_redirects_to_the_renamed_record(site):
    old = site / "entites/example-old-division/index.html"
    assert old.is_file(), "previous_ids: the old URL must keep working"
    parsed = read(site, "entites/example-old-division/index.html")
    refresh = [a["content"] for t, a in parsed.elements if t == "meta" and a.get("http-equiv") == "refresh"]
    canonical = [a["href"] for t, a in parsed.elements if t == "link" and a.get("rel") == "canonical"]
    target = refresh[0].split("url=", 1)[1]
    assert canonical == [target] and site_path(target) == "entites/example-division/index.html"
    assert (site / site_path(target)).is_file()
    assert [href for href, _ in parsed.links] == [target]  # a visible link, without JavaScript


def configured_site_name() -> str:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)["site_name"]


def test_every_page_lets_feed_readers_find_both_feeds(site):
    feeds = {f"{TEST_SITE_URL}corrections/feed.xml", f"{TEST_SITE_URL}nouveautes.xml"}
    english = {url.replace(TEST_SITE_URL, TEST_SITE_URL + "en/") for url in feeds}  # the English pages' own
    for page in html_pages(site):
        if page.removeprefix("en/").startswith("entites/example-old-division/"):
            continue  # a redirect, not a page of the site
        parsed = read(site, page)
        found = {a["href"] for t, a in parsed.elements
                 if t == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml"}
        assert found == (english if page.startswith("en/") else feeds), page
    for url in feeds | english:
        assert (site / url[len(TEST_SITE_URL):]).is_file()


def test_the_corrections_page_links_its_feed_and_the_feeds_name_the_configured_site(site):
    feed_links = [href for href, attrs in read(site, "corrections/index.html").links
                  if attrs.get("type") == "application/atom+xml"]
    assert resolve("corrections/index.html", feed_links[0])[0] == "corrections/feed.xml"
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in ("corrections/feed.xml", "nouveautes.xml"):
        root = ET.parse(site / feed).getroot()
        assert root.find(f"{atom}author/{atom}name").text == configured_site_name()
    head = (site / SUBSIDIARY_PAGE).read_text(encoding="utf-8").split("</head>")[0]
    assert f'<meta property="og:site_name" content="{html.escape(configured_site_name())}">' in head


def test_citations_jump_to_the_quoted_passage_and_keep_the_plain_url(site):
    parsed = read(site, "entites/example-group/index.html")
    fragments = [a["href"] for a in parsed.with_class("lp-citation__original")]
    assert all(href.startswith("https://example.org/registre#:~:text=") for href in fragments)
    quotes = ["Groupe Exemple, SIREN 000000000", "Le groupe détient ses filiales."]  # in page order
    assert [unquote(href.split("#:~:text=")[1]) for href in fragments] == quotes
    assert [a["href"] for a in parsed.with_class("lp-citation__url")] == ["https://example.org/registre"] * 2



def test_citations_show_the_last_quote_check_and_the_archived_copy(site):
    """tests/fixtures/site/data/checks/quotes.json: the owner link's quote was found, the press
    claim's was not, the blog's was found before its site stopped answering; the register never
    answered and the disputed claim's quote was never checked: they show nothing."""
    page = (site / SUBSIDIARY_PAGE).read_text(encoding="utf-8")
    items = re.findall(r'<li class="lp-citation".*?</li>', page, re.S)
    notes = [re.sub(r"<[^>]+>", "", m[0]) if (m := re.findall(r'<span class="lp-citation__check[^"]*">(.*?)</span>', i))
             else None for i in items]
    assert notes == ["vérifiée le 2 décembre 2026", None,
                     "introuvable lors de la dernière vérification (2 décembre 2026)", "vérifiée le 25 novembre 2026", None]
    archives = [a["href"] for a in read(site, SUBSIDIARY_PAGE).with_class("lp-citation__archive")]
    assert archives == ["https://web.archive.org/web/2020/https://example.org/article"] * 2  # example-press only

def test_index_pages_give_the_search_their_heading_not_their_lists(site, fixture_records):
    """A reader who types a name lands on the page of what is named, not on every index page
    that lists it: the lists of records are out of the search index (data-pagefind-ignore);
    events, which have no page of their own, are found at their place on the timeline."""
    pages = search_index.fragments(site / search_index.BUNDLE_DIR)
    names = [record.title() for record in fixture_records]
    assert names and all(names)
    for listing in ("/entites/", "/fichiers/", "/flux/", "/categories/", "/sources/", "/groupe/"):
        assert pages[listing]["meta"]["title"], f"{listing} is found by its heading"
        listed = [name for name in names if name in pages[listing]["content"]]
        assert listed == [], f"{listing} puts records in the search index: {listed}"
    entity = next(record for record in fixture_records if record.collection == "entities")
    assert pages[f"/entites/{entity.id}/"]["meta"]["title"] == entity.title()
    events = [record for record in load_data(FIXTURE_DATA).records if record.collection == "events"]
    assert events
    for event in events:  # found at their place on the timeline, each with a fragment of its own
        assert pages[f"/chronologie/#{event.id}"]["meta"]["title"] == event.title()
        assert event.title() not in pages["/chronologie/"]["content"]

