"""Rendering (stage 4) without MkDocs: safe text, relative links, page Markdown, diagrams."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from scripts.index import build_index
from scripts.load import load_data
from scripts.model.records import LoadedData, Record
from scripts.model.text import french_date, inline, period, plain
from scripts.render import diagrams
from scripts.render import pages as render

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "data"


SITE = render.Site("Site Exemple", "https://example.org/enquete/")


@pytest.fixture(scope="module")
def index():
    return build_index(load_data(FIXTURE_DATA))


@pytest.mark.parametrize("hostile", [
    "{{ 7*7 }}", "{% if true %}x{% endif %}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    '[lien](javascript:alert(1))', '[x](https://a.org/" onmouseover="alert(1))',
])
def test_inline_text_escapes_everything_but_emphasis_and_web_links(hostile):
    html = str(inline(hostile))
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split('href="')[-1][:11]
    assert 'onmouseover="' not in html
    assert "{{" not in hostile or "{{ 7*7 }}" in html


def test_inline_text_keeps_emphasis_strong_and_http_links():
    html = str(inline({"fr": "Un *mot*, un **fort** et [un lien](https://example.org/a?b=1&c=2).", "en": "x"}))
    assert html == ('Un <em>mot</em>, un <strong>fort</strong> et '
                    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">un lien</a>.')
    assert plain("Un *mot* et [un lien](https://example.org)") == "Un mot et un lien"


def test_french_dates():
    assert french_date("2019-03-21") == "21 mars 2019"
    assert french_date("2016-05-01") == "1er mai 2016"
    assert french_date("2018-12") == "décembre 2018"
    assert french_date("2019-08") == "août 2019"
    assert french_date("2019") == "2019"
    assert french_date("vers 2019") == "vers 2019"  # not a date: left as written


def test_periods_of_ownership_read_as_french():
    assert period("2017", None) == "depuis 2017"
    assert period("2017-03", None) == "depuis mars 2017"
    assert period("2022-06-03", None) == "depuis le 3 juin 2022"
    assert period(None, "2024") == "jusqu’en 2024"
    assert period(None, "2024-12") == "jusqu’en décembre 2024"
    assert period(None, "2024-11-15") == "jusqu’au 15 novembre 2024"
    assert period("2017-06", "2024-12") == "de juin 2017 à décembre 2024"
    assert period(None, None) == ""


def split_front_matter(markdown: str) -> tuple[dict, str]:
    _, meta, body = markdown.split("---\n", 2)
    return yaml.safe_load(meta), body


def test_record_page_front_matter_turns_macros_off_and_escapes_title(index):
    meta, body = split_front_matter(render_record(index.get("example-subsidiary"), index, SITE))
    assert meta["render_macros"] is False
    assert meta["title"] == "Filiale Exemple"
    assert meta["description"].startswith("Injection test: {{ 7*7 }}")
    assert "&lt;script&gt;" in meta["description"]  # Material prints it unescaped in <meta>
    source_meta, _ = split_front_matter(render_record(index.get("example-press"), index, SITE))
    # with its publisher: a source's page title differs from the title of what it is about
    assert source_meta["title"] == "Article fictif &lt;b&gt;en gras&lt;/b&gt; {{ 7*7 }} (Journal Exemple)"


def test_record_page_body_is_one_html_block_with_claim_anchors(index):
    _, body = split_front_matter(render_record(index.get("example-subsidiary"), index, SITE))
    body = body.strip()
    assert body.startswith('<div class="lp-record') and body.endswith("</div>")
    assert "\n\n" not in body  # a blank line would end the HTML block and let Markdown in
    assert 'id="rents-address-files"' in body and 'id="disputed-claim"' in body
    assert 'href="https://example.org/article"' in body  # link to the original
    assert 'href="../../sources/example-press/"' in body  # link to the source page


def test_entity_identifiers_link_to_the_official_registers(index):
    _, body = split_front_matter(render_record(index.get("example-group"), index, SITE))
    assert 'href="https://annuaire-entreprises.data.gouv.fr/entreprise/000000000"' in body
    assert 'href="https://www.wikidata.org/wiki/Q0"' in body


def entity(record_id: str, owner: str | None = None) -> Record:
    data = {"id": record_id, "name": f"Entité {record_id}", "kind": "company", "summary": "x"}
    if owner:
        data["owners"] = [{"owner": owner, "sources": [{"source": "s", "quote": "q"}]}]
    return Record("entities", record_id, f"data/entities/{record_id}.yaml", Path(f"{record_id}.yaml"), data)


def test_diagram_caps_its_neighbours_and_says_how_many_are_hidden():
    children = [entity(f"child-{n}", "parent") for n in range(10)]
    index = build_index(LoadedData(Path("data"), [entity("parent"), *children], None, []))
    svg = diagrams.neighbourhood_svg(index.get("parent"), index, lambda record: f"../{record.id}/")
    assert svg.count("<a href=") == diagrams.MAX_PER_SIDE - 1
    assert "+5 autres" in svg
    assert 'role="group"' in svg and "<title id=" in svg and "<desc id=" in svg


def test_diagram_escapes_names_and_is_absent_without_neighbours():
    lonely = entity("lonely")
    lonely.data["name"] = "<script>alert(1)</script>"
    child = entity("child", "lonely")
    index = build_index(LoadedData(Path("data"), [lonely, child], None, []))
    svg = diagrams.neighbourhood_svg(index.get("child"), index, lambda record: "x/")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    alone = build_index(LoadedData(Path("data"), [entity("alone")], None, []))
    assert diagrams.neighbourhood_svg(alone.get("alone"), alone, lambda record: "x/") == ""


def test_every_index_page_renders(index):
    for page in render.INDEX_PAGES:
        meta, body = split_front_matter(render_index_page(page, index, SITE))
        assert meta["render_macros"] is False and meta["title"] == page.title
        assert "<h1>" in body


def test_citations_link_to_the_quoted_passage_and_to_the_plain_original(index):
    _, body = split_front_matter(render_record(index.get("example-group"), index, SITE))
    assert 'class="lp-citation__original" href="https://example.org/registre#:~:text=' \
           'Le%20groupe%20d%C3%A9tient%20ses%20filiales."' in body
    assert 'class="lp-citation__url" href="https://example.org/registre"' in body


def test_a_citation_of_a_source_without_a_title_is_named_by_its_description():
    source = Record("sources", "sans-titre", "data/sources/sans-titre.yaml", Path("sans-titre.yaml"),
                    {"id": "sans-titre", "kind": "press", "publisher": "Un journal", "undated": True,
                     "description": {"fr": "Article sans titre visible", "en": "Untitled article"}})
    cited = entity("cite")
    cited.data["claims"] = [{"id": "c", "text": "x", "status": "reported",
                             "sources": [{"source": "sans-titre", "quote": "q"}]}]
    index = build_index(LoadedData(Path("data"), [source, cited], None, []))
    _, body = split_front_matter(render_record(index.get("cite"), index, SITE))
    assert 'class="lp-citation__source lp-untitled" href="../../sources/sans-titre/">Article sans titre visible</a>' in body


def test_each_claim_has_a_permalink_with_the_absolute_claim_url(index):
    _, body = split_front_matter(render_record(index.get("example-subsidiary"), index, SITE))
    for claim_id in ("rents-address-files", "disputed-claim"):
        assert f'href="#{claim_id}"' in body
        assert f'data-copy="https://example.org/enquete/entites/example-subsidiary/#{claim_id}"' in body


def test_cite_boxes_and_metadata_name_the_configured_site():
    site = render.Site("Nom configuré", "https://example.org/enquete/")
    index = build_index(load_data(FIXTURE_DATA))
    extras = render.record_extras(index.get("example-group"), index, site)
    assert "Nom configuré, mis à jour le" in extras.cite_box
    assert '<meta property="og:site_name" content="Nom configuré">' in extras.head


def test_feed_links_only_when_the_feeds_are_written():
    links = render.feed_links_html(render.Site("Site Exemple", "https://example.org/enquete/"))
    assert 'href="https://example.org/enquete/corrections/feed.xml"' in links
    assert 'href="https://example.org/enquete/nouveautes.xml"' in links
    assert links.count('rel="alternate" type="application/atom+xml"') == 2
    assert render.feed_links_html(render.Site("Site Exemple", None)) == ""


def test_corrections_page_lists_the_index_corrections_and_links_its_feed(index):
    page = next(p for p in render.INDEX_PAGES if p.path == "corrections/")
    _, body = split_front_matter(render_index_page(page, index, SITE))
    for entry in index.corrections:
        assert f'id="{entry.anchor}"' in body
    assert 'href="feed.xml" type="application/atom+xml"' in body
    _, without_url = split_front_matter(render_index_page(page, index, render.Site("Site Exemple")))
    assert "feed.xml" not in without_url  # no site URL: no feed is written, so no link


def render_record(record, index, site) -> str:
    """A record page's Markdown, as MkDocs reads it with the parallel machinery off."""
    return render.front_matter(render.record_meta(record)) + render.record_body(record, index, site)


def render_index_page(page, index, site) -> str:
    return render.front_matter(render.index_meta(page)) + render.index_body(page, index, site)


def cited_by_section(body: str) -> str:
    """From the "Citée par" heading to the page's footer (the cite box, or the update line)."""
    start = body.index('id="section--citee-par"')
    ends = [body.find(marker, start) for marker in ('<section class="lp-cite"', '<p class="lp-updated"')]
    return body[start:min(end for end in ends if end >= 0)]


def test_source_page_shows_each_citing_record_with_the_words_quoted_from_it(index):
    _, body = split_front_matter(render_record(index.get("example-press"), index, SITE))
    section = cited_by_section(body)
    for citer, places in index.citing("example-press"):
        assert section.count(f'<a class="lp-cited-by__record" href="{"../../" + citer_path(citer)}"') == 1, citer.id
        for backlink in places:
            assert f'href="{"../../" + citer_path(citer)}#{backlink.anchor}"' in section or citer.collection == "events"
            for quote in backlink.quotes:
                assert f'<blockquote class="lp-quote" lang="fr">{escape(quote)}</blockquote>' in section
    # a contributor's quote stays text: no tag, no template evaluated
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section and "<script>" not in section
    assert "{% if true %}EVALUATED{% endif %}" in section
    assert "<details" not in section  # no record cites it in more than three places


def citer_path(record) -> str:
    from scripts.model import urls
    return urls.record_url(record).lstrip("/")


def test_a_record_citing_a_source_in_many_places_is_folded():
    source = Record("sources", "s", "data/sources/s.yaml", Path("s.yaml"),
                    {"id": "s", "kind": "press", "title": "T", "publisher": "P", "language": "fr"})
    claims = [{"id": f"c{i}", "text": f"Fait {i}", "status": "reported",
               "sources": [{"source": "s", "quote": f"passage {i}"}]} for i in range(5)]
    entity = Record("entities", "e", "data/entities/e.yaml", Path("e.yaml"),
                    {"id": "e", "name": "E", "kind": "company", "summary": "s", "claims": claims})
    few = Record("entities", "f", "data/entities/f.yaml", Path("f.yaml"),
                 {"id": "f", "name": "F", "kind": "company", "summary": "s", "claims": claims[:1]})
    index = build_index(LoadedData(Path("."), [source, entity, few], None, []))
    section = cited_by_section(split_front_matter(render_record(source, index, SITE))[1])

    folded = section[section.index("<details"):section.index("</details>")]
    assert "<summary>5 passages cités par cette fiche</summary>" in folded
    assert all(f"passage {i}</blockquote>" in folded and f"#c{i}" in folded for i in range(5))
    assert section.count("<details") == 1  # the record citing it once is not folded
