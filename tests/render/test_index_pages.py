"""The index pages (stage 4) list every record, whatever part of them the browser lays out
late: `lp-lazy` (content-visibility: auto) is presentation only, never given to the first
blocks of a page, and the directory's sort needs no work at load."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.model import urls as site_urls
from scripts.model.records import LoadedData, Record
from scripts.model.urls import record_url, relative_url
from scripts.render import lazy
from scripts.render import pages as render

REPO = Path(__file__).resolve().parents[2]
FIXTURE_DATA = REPO / "tests" / "fixtures" / "site" / "data"
SITE = render.Site("Site Exemple", "https://example.org/enquete/")
PAGES = {page.path: page for page in render.INDEX_PAGES}
# Where each collection's records are listed, and how a record's link looks from that page.
LISTED_ON = {"entities": ["entites/", "groupe/"], "datasets": ["fichiers/", "categories/"], "flows": ["flux/"],
             "sources": ["sources/"], "events": ["chronologie/"]}


@pytest.fixture(scope="module")
def real_index():
    return build_index(load_data(REPO / "data"))


def body(page_url: str, index) -> str:
    return render.index_body(PAGES[page_url], index, SITE)


def test_every_record_is_listed_on_its_index_pages(real_index):
    for collection, urls in LISTED_ON.items():
        records = real_index.by_collection[collection]
        assert records, collection
        for url in urls:
            html = body(url, real_index)
            for record in records:
                if collection == "events":
                    assert f'id="{record.id}"' in html, (url, record.id)
                else:
                    target = relative_url(url, record_url(record))
                    assert f'href="{target}"' in html, (url, record.id)


def test_the_directory_has_one_row_per_entity(real_index):
    html = body("entites/", real_index)
    table = html[html.index('id="lp-directory"'):html.index("</table>")]
    assert table.count("<tr>") == len(real_index.by_collection["entities"]) + 1  # + the header row


class Outline(HTMLParser):
    """What a reader of the page gets, whatever is laid out late: every link and every piece of
    text in order, and the headings that sit inside a deferred wrapper (there must be none)."""

    def __init__(self):
        super().__init__()
        self.content: list[str] = []
        self.divs: list[bool] = []  # for each open <div>: is it a deferred wrapper?
        self.hidden_headings: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            self.divs.append("lp-lazy" in (attrs.get("class") or ""))
            return
        if tag in ("h1", "h2", "h3", "h4") and any(self.divs):
            self.hidden_headings.append(tag)
        self.content.append(f"<{tag} {sorted(attrs.items())}>")

    def handle_endtag(self, tag):
        if tag == "div":
            self.divs.pop()
        else:
            self.content.append(f"</{tag}>")

    def handle_data(self, data):
        if data.strip():
            self.content.append(data.strip())


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    assert parser.divs == [], "unbalanced <div>"
    return parser


@pytest.mark.parametrize("page_url", list(PAGES))
def test_deferring_changes_nothing_a_reader_gets(real_index, monkeypatch, page_url):
    monkeypatch.setattr(lazy, "LAZY_AFTER", 10**6)
    eager = body(page_url, real_index)
    assert "lp-lazy" not in eager
    monkeypatch.setattr(lazy, "LAZY_AFTER", 0)
    deferred = body(page_url, real_index)
    if page_url.removeprefix("en/") not in ("fichiers/", "corrections/", "droit/", site_urls.CONCERNED,
                                            site_urls.LETTER):  # one table, short lists, the rights tools: nothing to defer
        assert "lp-lazy" in deferred, page_url
    assert outline(deferred).content == outline(eager).content
    assert outline(deferred).hidden_headings == []  # the outline stays in the accessibility tree


def test_long_index_pages_defer_their_later_blocks_but_never_the_first(real_index):
    for url in ("entites/", "categories/", "sources/", "chronologie/"):  # more than two screens
        html = body(url, real_index)
        assert "lp-lazy" in html, url
        first_block = re.search(r"<(section|li|ul|table)[ >]", html[html.index("</h1>"):]).start() + html.index("</h1>")
        assert html.index("lp-lazy") > first_block, url
        assert outline(html).hidden_headings == [], url
    # The directory table is one table (one sort), deferred as a whole behind the lists by type.
    directory = body("entites/", real_index)
    assert directory.count("<table") == 1
    assert directory.index('id="section--par-type"') < directory.index('id="lp-directory"')
    assert re.search(r'<div class="lp-lazy( lp-d\d-\d)+">\n?<table class="lp-table lp-sortable" id="lp-directory" data-pagefind-ignore>',
                     directory)


@pytest.mark.parametrize("start, block, expected", [
    (45, 40, ""),  # may be on the first screen
    (46, 2, ""),  # too small to be worth it
    # the placeholder's lines in base 4, a class per digit: exact, however many
    (46, 3, "lp-lazy lp-d0-3"), (46, 5, "lp-lazy lp-d0-1 lp-d1-1"), (46, 7, "lp-lazy lp-d0-3 lp-d1-1"),
    (100, 67, "lp-lazy lp-d0-3 lp-d3-1"), (100, 1000, "lp-lazy lp-d1-2 lp-d2-2 lp-d3-3 lp-d4-3"),
    (100, 5000, "lp-lazy lp-d0-3 lp-d1-3 lp-d2-3 lp-d3-3 lp-d4-3"),  # 1023 lines at most
    (160, 10, ""),  # on the last screen
    (50, "<ul><li>a</li><li>b</li><li>c</li></ul>", "lp-lazy lp-d0-3"),  # lines of an HTML block
    (50, "<p>" + "mot " * 200 + "</p>", "lp-lazy lp-d0-3 lp-d1-3"),  # 1 paragraph + 799 characters / 55
])
def test_deferral_sizes_the_placeholder_and_spares_the_first_and_last_screens(start, block, expected):
    lazy = render.Deferral()
    wrapper = lazy(start, block)
    lazy(200, 0)  # the page goes on to line 200
    page = lazy.finish(f'<div class="{wrapper}"><p>x</p></div>' if wrapper else "<div><p>x</p></div>")
    assert page == (f'<div class="{expected}"><p>x</p></div>' if expected else "<div><p>x</p></div>")


def test_small_data_sets_defer_nothing():
    index = build_index(load_data(FIXTURE_DATA))
    for url in PAGES:
        assert "lp-lazy" not in body(url, index), url


def test_directory_headers_have_hidden_sort_buttons_and_plain_labels(real_index):
    html = body("entites/", real_index)
    head = html[html.index("<thead>"):html.index("</thead>")]
    labels = ["Nom", "Type", "Propriétaire", "Fichiers", "Flux", "Affirmations"]
    assert re.findall(r'<button type="button" class="lp-sort" hidden>([^<]+)</button>', head) == labels
    assert re.findall(r'<span class="lp-sort-label">([^<]+)</span>', head) == labels
    assert "data-kind" not in html and "data-tags" not in html


def entity(record_id: str, *owners: str, name: str | None = None) -> Record:
    data = {"id": record_id, "name": name or f"Entité {record_id}", "kind": "company", "summary": "x"}
    if owners:
        data["owners"] = [{"owner": owner, "sources": [{"source": "s", "quote": "q"}]} for owner in owners]
    return Record("entities", record_id, f"data/entities/{record_id}.yaml", Path(f"{record_id}.yaml"), data)


def test_group_tree_lists_a_shared_subsidiary_under_each_owner_and_its_subtree_once():
    records = [entity("etat"), entity("caisse"), entity("poste", "etat", "caisse"), entity("filiale", "poste"),
               entity("seule")]
    index = build_index(LoadedData(Path("data"), records, None, []))
    html = body("groupe/", index)
    assert html.count('href="../entites/poste/"') == 2  # under both owners
    assert html.count('href="../entites/filiale/"') == 1  # its subtree once
    assert html.count('id="arbre--poste"') == 1
    assert '<a href="#arbre--poste">ses entités : voir plus haut</a>' in html
    assert 'href="../entites/seule/"' in html  # the entities outside the tree are listed too


def test_group_tree_marks_the_second_meeting_and_counts_what_each_entry_lists():
    records = [entity("etat"), entity("caisse"), entity("poste", "etat", "caisse"), entity("filiale", "poste"),
               entity("petite", "filiale")]
    forest = build_index(LoadedData(Path("data"), records, None, [])).tree()
    by_root = {node.record.id: node for node in forest}
    first, again = by_root["caisse"].children[0], by_root["etat"].children[0]  # "Entité caisse" sorts first
    assert (first.record.id, first.shown_above, first.descendants) == ("poste", False, 2)
    assert (again.record.id, again.shown_above, again.children, again.descendants) == ("poste", True, [], 0)
    assert by_root["caisse"].descendants == 3 and by_root["etat"].descendants == 1


def owned_by(record_id: str, *links: dict) -> Record:
    record = entity(record_id)
    record.data["owners"] = [{**link, "sources": [{"source": "s", "quote": "q"}]} for link in links]
    return record


def test_group_tree_counts_the_entities_of_each_branch_once():
    # `commune` has two owners in the same branch: listed twice under `racine`, counted once.
    records = [entity("racine"), entity("a", "racine"), entity("b", "racine"), entity("commune", "a", "b"),
               entity("petite", "commune"), entity("seule-mere"), entity("seule", "seule-mere")]
    forest = build_index(LoadedData(Path("data"), records, None, [])).tree()
    racine = next(node for node in forest if node.record.id == "racine")
    assert (racine.descendants, racine.entities) == (5, 4)
    a, b = racine.children
    assert (a.entities, b.entities) == (2, 1)  # under b, `commune` is shown above: its entities are not listed
    html = body("groupe/", build_index(LoadedData(Path("data"), records, None, [])))
    assert "<summary>4 entités</summary>" in html and "<summary>1 entité</summary>" in html


def test_group_tree_puts_the_group_first_and_folds_below_the_first_levels():
    records = [entity("actionnaire"), entity("autre-actionnaire")] + [
        entity(*pair) for pair in [("groupe", "actionnaire"), ("branche", "groupe"), ("filiale", "branche"),
                                   ("petite", "filiale"), ("coentreprise", "autre-actionnaire")]]
    records[2].data["kind"] = "group"
    records[2].data["name"] = "Zz groupe"  # sorts last by name, comes first all the same
    records[0].data["name"] = "Zz actionnaire"
    index = build_index(LoadedData(Path("data"), records, None, []))
    assert [node.record.id for node in index.tree()] == ["actionnaire", "autre-actionnaire"]
    html = body("groupe/", index)
    folds = re.findall(r'<li id="arbre--([\w-]+)">.*?<details class="lp-fold"( open)?><summary>', html)
    assert folds == [("actionnaire", " open"), ("groupe", " open"), ("branche", ""), ("filiale", ""),
                     ("autre-actionnaire", " open")]
    assert '<li><a href="../entites/petite/">Entité petite</a> <span class="lp-muted">Société</span></li>' in html


def test_group_tree_shows_each_link_s_share_and_dates():
    records = [entity("mere"), owned_by("a", {"owner": "mere", "share": 75, "since": "2017"}),
               owned_by("b", {"owner": "mere", "until": "2024"}),
               owned_by("c", {"owner": "mere", "share": 33.5, "as_of": "2021-05-25", "since": "2007"}),
               owned_by("d", {"owner": "mere", "share": 51, "as_of": "2024-11", "until": "2024-11-15"}),
               owned_by("e", {"owner": "mere"})]
    html = body("groupe/", build_index(LoadedData(Path("data"), records, None, [])))
    facts = dict(re.findall(r'href="../entites/(\w)/">[^<]+</a> <span class="lp-muted">([^<]*)</span>', html))
    assert facts == {"a": "Société, 75\u202f%, depuis 2017", "b": "Société, jusqu’en 2024",
                     "c": "Société, 33,5\u202f% au 25 mai 2021, depuis 2007",
                     "d": "Société, 51\u202f% en novembre 2024, jusqu’au 15 novembre 2024", "e": "Société"}


def test_group_tree_escapes_names():
    records = [entity("mere", name="<script>alert(1)</script>"), entity("fille", "mere")]
    html = body("groupe/", build_index(LoadedData(Path("data"), records, None, [])))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_index_pages_escape_what_comes_from_the_data_even_in_deferred_blocks(monkeypatch):
    hostile = "<script>alert(1)</script>"
    records = [entity("mere", name=hostile), entity("fille", "mere", name=hostile + " fille")]
    for record in records:
        record.data["tags"] = ["x"]
    index = build_index(LoadedData(Path("data"), records, None, []))
    monkeypatch.setattr(lazy, "LAZY_AFTER", 0)
    for url in ("entites/", "groupe/"):
        html = body(url, index)
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
