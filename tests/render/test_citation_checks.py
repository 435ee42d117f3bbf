"""Each citation shows the quote check's last verdict (tests/fixtures/site/data/checks/quotes.json)
and its archived copy; without results, a record page is exactly what it was."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.load.quote_checks import QuoteChecks, load_results, results_path
from scripts.model.quotes import citations_in, quote_key
from scripts.render import pages as render

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "data"
SITE = render.Site("Site Exemple", "https://example.org/enquete/")
CHECK = re.compile(r' · <span class="lp-citation__check lp-citation__check--(\w+)">(.*?)</span>')
ARCHIVE = '<a class="lp-citation__archive" href="https://web.archive.org/web/2020/https://example.org/article"'


@pytest.fixture(scope="module")
def loaded():
    return load_data(FIXTURE_DATA)


@pytest.fixture(scope="module")
def checked(loaded):
    return build_index(loaded, QuoteChecks.read(FIXTURE_DATA))


@pytest.fixture(scope="module")
def unchecked(loaded):
    return build_index(loaded)


def body(index, record_id: str) -> str:
    return render.record_body(index.get(record_id), index, SITE)


def citations(html: str) -> list[str]:
    return re.findall(r'<li class="lp-citation".*?</li>', html, re.S)


def verdicts(html: str) -> list[tuple[str, str] | None]:
    """Per citation, in page order: (found|missing, the text shown), or None."""
    found = [CHECK.findall(citation) for citation in citations(html)]
    return [matches[0] if matches else None for matches in found]


def shown(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def test_each_citation_shows_its_last_verdict_or_nothing(checked) -> None:
    page = verdicts(body(checked, "example-subsidiary"))
    # owner link (found), rights (source never answered), claim: press (not found), blog (found
    # before its source stopped answering), disputed claim (never checked)
    assert [(v[0], shown(v[1])) if v else None for v in page] == [
        ("found", "vérifiée le 2 décembre 2026"),
        None,
        ("missing", "introuvable lors de la dernière vérification (2 décembre 2026)"),
        ("found", "vérifiée le 25 novembre 2026"),
        None,
    ]
    assert '<time datetime="2026-11-25">25 novembre 2026</time>' in page[3][1]


def test_the_timeline_shows_the_verdict_of_an_event_citation(checked) -> None:
    timeline = render.index_body(next(p for p in render.INDEX_PAGES if p.template == "chronologie.html"),
                                 checked, SITE)
    assert [v for v in verdicts(timeline) if v] == [("found", 'vérifiée le <time datetime="2026-12-02">'
                                                              '2 décembre 2026</time>')]


def test_without_results_a_page_is_exactly_what_it_was(checked, unchecked, loaded, tmp_path: Path) -> None:
    for record in render.record_pages(unchecked):
        without = render.record_body(record, unchecked, SITE)
        assert "lp-citation__check" not in without
        assert CHECK.sub("", render.record_body(record, checked, SITE)) == without  # the verdicts, nothing else
    empty = tmp_path / "data"
    results_path(empty).parent.mkdir(parents=True)
    results_path(empty).write_text('{\n "sources": {}\n}\n', encoding="utf-8")
    assert body(build_index(loaded, QuoteChecks.read(empty)), "example-subsidiary") == \
        body(unchecked, "example-subsidiary")


def test_a_citation_links_to_the_archived_copy_when_its_source_has_one(unchecked) -> None:
    page = citations(body(unchecked, "example-subsidiary"))
    with_archive = [c for c in page if 'href="../../sources/example-press/"' in c]
    assert len(with_archive) == 2 and all(ARCHIVE in c and ">archive</a>" in c for c in with_archive)
    assert not any("lp-citation__archive" in c for c in page if c not in with_archive)  # blog, register: none


def test_the_fixture_results_are_keyed_by_the_fixture_quotes(loaded) -> None:
    """If the quote key changes (scripts/model/quotes.py), this fixture must be written again."""
    cited = {(c["source"], quote_key(c["quote"])) for r in loaded.records for _, c in citations_in(r.data)}
    results = load_results(results_path(FIXTURE_DATA))["sources"]
    keyed = {(s, key) for s, entry in results.items() for key in entry["quotes"] if s != "example-removed"}
    assert keyed and keyed <= cited



def test_a_citation_names_a_source_without_a_title_by_its_description(data_tree) -> None:
    """A page that shows no title has our description instead (`description:`): the citation's
    link says it, marked as not a title, rather than being a link without text."""
    data = data_tree({"sources/example-register.yaml": (
        "id: example-register\nkind: register\ndescription: Fiche d’un registre, sans titre\n"
        "publisher: Example Register\nundated: true\nlanguage: fr\n")})
    index = build_index(load_data(data))
    links = re.findall(r'<a class="lp-citation__source([^"]*)" href="[^"]*">([^<]*)</a>', body(index, "example-subsidiary"))
    assert (" lp-untitled", "Fiche d’un registre, sans titre") in links
    assert ("", "La location de fichiers d’adresses") in links and all(text for _, text in links)
