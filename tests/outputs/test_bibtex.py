"""sources.bib: pybtex's `plain` style formats every entry (the sample's, the project's), with
entry types that fit (an @article has an author, a year and a journal), months as names, no
year for an undated source, no title made of our description, and a copy cited as its original."""
from __future__ import annotations

import pytest
from sample import SAMPLE, write_sample

from scripts import DATA_DIR
from scripts.index import build_index
from scripts.load import load_data
from scripts.outputs import bibtex
from scripts.validate import check

pybtex = pytest.importorskip("pybtex")
from pybtex.database import parse_string  # noqa: E402
from pybtex.plugin import find_plugin  # noqa: E402

COPY = """\
id: copie-decision
kind: regulator
title: 'Décision 17-DCC-74 du 01 juin 2017'
publisher: Site de copies
undated: true
url: https://copies.example/decision
accessed: 2026-11-30
language: fr
original:
  title: 'Décision n° 17-DCC-74 du 1er juin 2017'
  publisher: Autorité Exemple
  published: '2017-06-01'
"""
UNTITLED = """\
id: page-sans-titre
kind: blog
description: Page de liens qui recopie un billet sur la réexpédition.
publisher: Liens Exemple
undated: true
url: https://liens.example/?q=poste
language: fr
"""


def formatted(bib: str) -> dict[str, str]:
    """Every entry formatted by the `plain` style, as text: key -> reference."""
    data = parse_string(bib, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    return {entry.key: entry.text.render(backend) for entry in style.format_entries(data.entries.values())}


@pytest.fixture
def entries(tmp_path):
    files = dict(SAMPLE, **{"sources/copie-decision.yaml": COPY, "sources/page-sans-titre.yaml": UNTITLED})
    loaded = load_data(write_sample(tmp_path, files))
    assert not loaded.problems
    bib = bibtex.sources_bib(build_index(loaded).by_collection["sources"])
    return bib, parse_string(bib, "bibtex").entries


def test_every_sample_entry_is_formatted_by_the_plain_style(entries):
    bib, parsed = entries
    references = formatted(bib)
    assert set(references) == set(parsed)
    assert references["presse-2019"].startswith("Auteur Exemple. Location de fichiers")
    assert "March 2019" in references["presse-2019"]  # the month macro, printed as a name


def test_the_projects_entries_are_formatted_by_the_plain_style():
    sources = build_index(check(DATA_DIR)).by_collection["sources"]
    references = formatted(bibtex.sources_bib(sources))
    assert len(references) == len(sources)


def test_entry_types_fit_what_the_source_is(entries):
    _, parsed = entries
    article = parsed["presse-2019"]  # trade press with an author and a date
    assert article.type == "article" and article.fields["journal"] == "Magazine Exemple"
    assert [str(p) for p in article.persons["author"]] == ["{Auteur Exemple}"]
    assert (article.fields["year"], article.fields["month"], article.fields["date"]) == ("2019", "March", "2019-03")
    assert parsed["presse-2016"].type == "misc"  # press without a byline: no author for an @article
    assert "author" not in parsed["presse-2016"].persons
    assert parsed["presse-2016"].fields["urldate"] == "2026-11-20"
    assert parsed["registre-exemple"].type == "misc"


def test_a_copy_is_cited_as_its_original(entries):
    _, parsed = entries
    copy = parsed["copie-decision"]
    assert copy.fields["title"] == "{Décision n° 17-DCC-74 du 1er juin 2017}"
    assert copy.fields["howpublished"] == "Autorité Exemple"
    assert (copy.fields["year"], copy.fields["month"]) == ("2017", "June")
    assert "copies.example/decision" in copy.fields["note"]


def test_undated_and_untitled_sources_get_no_made_up_year_or_title(entries):
    _, parsed = entries
    untitled = parsed["page-sans-titre"]
    assert "title" not in untitled.fields and "year" not in untitled.fields
    assert untitled.fields["note"] == "Page de liens qui recopie un billet sur la réexpédition."
