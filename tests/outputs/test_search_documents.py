"""What the search indexes of a record (scripts/outputs/search.py): its title weighed by its
kind, the words a subsidiary's name takes from its owner's at half weight, and its aliases for
the words they add."""
from __future__ import annotations

from pathlib import Path

from scripts.model.records import Record
from scripts.outputs.search import document_html, new_words, record_documents


def entity(record_id: str, name: str, **data) -> Record:
    return Record("entities", record_id, f"data/entities/{record_id}.yaml", Path("/dev/null"),
                  {"id": record_id, "name": name, **data})


def test_a_subsidiary_indexes_the_words_of_its_owners_name_at_half_weight():
    parent = entity("banque", "La Banque Postale")
    child = entity("financement", "La Banque Postale Financement", owners=[{"owner": "banque"}])
    documents = {d.path: d for d in record_documents([parent, child])}
    assert documents["entites/banque/"].inherited == []
    assert documents["entites/financement/"].inherited == ["banque", "la", "postale"]
    html = document_html(documents["entites/financement/"])
    assert '<span data-pagefind-weight="5">Banque</span>' in html
    assert "Financement</h1>" in html and '<span data-pagefind-weight="5">Financement' not in html


def test_an_alias_counts_for_the_words_the_title_lacks():
    assert new_words("La Banque Postale de Financement", "La Banque Postale Financement") == "de"
    assert new_words("Mediapost", "Médiapost") == "Mediapost"
    [document] = record_documents([entity("x", "La Banque Postale", aliases=["LBP", "La Banque postale"])])
    assert document.names == ["LBP"]


def test_titles_weigh_by_kind():
    source = Record("sources", "s", "data/sources/s.yaml", Path("/dev/null"), {"id": "s", "title": "T"})
    [company, article] = record_documents([entity("x", "X"), source])
    assert company.weight > article.weight


def test_the_section_headings_of_a_page_no_record_stands_for_weigh_as_topics():
    from scripts.outputs.search import OVERVIEW_HEADING_WEIGHT, overview_page

    page = '<h1>Accueil</h1><h2 id="a">Le Data Lake</h2><h3>Détail</h3><h2 data-pagefind-weight="9">Gardé</h2><header>'
    assert overview_page(page) == (
        f'<h1>Accueil</h1><h2 data-pagefind-weight="{OVERVIEW_HEADING_WEIGHT}" id="a">Le Data Lake</h2>'
        f'<h3 data-pagefind-weight="{OVERVIEW_HEADING_WEIGHT}">Détail</h3><h2 data-pagefind-weight="9">Gardé</h2>'
        '<header>')
