"""Dates and figures tied to quotes (scripts/validate/evidence.py) and one URL, one source
(scripts/validate/same_url.py), beyond the fixture pairs of tests/fixtures/(in)valid/evidence-*."""
from __future__ import annotations

import pytest

from scripts.validate import load_and_validate
from scripts.validate.same_url import normalised

SUBSIDIARY = """id: example-subsidiary
name: Example Subsidiary
kind: company
summary: Filiale.
claims:
  - id: the-claim
    text: {text}
    status: {status}
    sources:
      - source: example-press-2019
        quote: "{quote}"
      - source: example-press-2016
        quote: "elle devient une filiale"
{extra}"""


def problems_of(data_tree, text, quote="La location de nos fichiers", status="reported", extra=""):
    files = {"entities/example-subsidiary.yaml": SUBSIDIARY.format(text=text, quote=quote, status=status,
                                                                   extra=extra)}
    return [str(p) for p in load_and_validate(data_tree(files))[1]]


def test_the_message_names_the_value_the_quotes_searched_and_what_to_do(data_tree):
    [problem] = problems_of(data_tree, "En 2017, la filiale loue 3 fichiers.")
    assert problem.startswith("data/entities/example-subsidiary.yaml:7: claims[0].text: ")
    assert "'2017', '3' are in none of the quotes this claim cites" in problem
    assert "(2 quotes of example-press-2019, example-press-2016)" in problem
    assert "quote the words that state them, name the source, or add `basis:`" in problem


def test_a_figure_in_one_of_the_quotes_is_enough(data_tree):
    assert problems_of(data_tree, "En 2017, la filiale loue 3 fichiers.",
                       quote="depuis 2017, nos 3 fichiers") == []


def test_a_basis_silences_the_claim(data_tree):
    extra = "    basis: Année de publication de l’article.\n"
    assert problems_of(data_tree, "En 2017, la filiale loue.", extra=extra) == []


def test_a_retracted_claim_is_not_checked(data_tree):
    extra = "    note: Retiré, la source ne dit pas cela.\n"
    assert problems_of(data_tree, "En 2017, la filiale loue.", status="retracted", extra=extra) == []


@pytest.mark.parametrize("text, named", [
    ("Selon Example Daily (2016), elle devient une filiale.", True),        # the publisher
    ("Selon EXAMPLE DAILY (mars 2016), elle devient une filiale.", True),   # case does not matter
    ("Le 21 mars 2016, Example Daily annonce le rachat.", True),            # the day itself
    ("En 2016, elle devient une filiale.", False),                           # an unnamed source
    ("Selon Example Daily (2015), elle devient une filiale.", False),        # the wrong year
    ("Selon Example Daily, elle devient une filiale le 22 mars 2016.", False),  # more precise than the date
])
def test_a_publication_date_counts_for_a_claim_that_names_its_source(data_tree, text, named):
    problems = problems_of(data_tree, text)
    assert (problems == []) is named, problems


def test_the_english_text_is_not_checked(data_tree):
    text = "{fr: La filiale loue., en: 'In 2017 the subsidiary rents.'}"
    assert problems_of(data_tree, text) == []


def test_a_figure_of_the_french_text_is_reported_at_its_line(data_tree):
    text = "\n      fr: En 2017, la filiale loue.\n      en: It rents."
    [problem] = problems_of(data_tree, text)
    assert problem.startswith("data/entities/example-subsidiary.yaml:8: claims[0].text.fr: '2017'")


@pytest.mark.parametrize("a, b", [
    ("https://example.org/page", "http://example.org/page"),
    ("https://www.example.org/page", "https://example.org/page/"),
    ("https://EXAMPLE.org:443/page#section", "https://example.org/page"),
    ("https://example.org/page?utm_source=x&id=3&fbclid=y", "https://example.org/page?id=3"),
    ("https://example.org/page?b=2&a=1", "https://example.org/page?a=1&b=2"),
    ("https://example.org/d%C3%A9cision", "https://example.org/décision"),
])
def test_two_addresses_of_one_page_meet(a, b):
    assert normalised(a) == normalised(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.org/page", "https://example.org/Page"),             # paths are case-sensitive
    ("https://example.org/page?id=3", "https://example.org/page?id=4"),   # a real parameter
    ("https://example.org:8080/page", "https://example.org/page"),
    ("https://blog.example.org/page", "https://example.org/page"),
])
def test_two_pages_stay_apart(a, b):
    assert normalised(a) != normalised(b)


def test_every_source_that_shares_a_url_names_the_others(data_tree):
    copy = ("id: {id}\nkind: press\ntitle: Copie\npublisher: Example\nlanguage: fr\n"
            "url: https://www.example.org/2016/rachat/#haut\n")
    files = {f"sources/copy-{n}.yaml": copy.format(id=f"copy-{n}") for n in (1, 2)}
    problems = [p for p in load_and_validate(data_tree(files))[1] if "one URL, one source" in p.message]
    assert {p.file for p in problems} == {"data/sources/copy-1.yaml", "data/sources/copy-2.yaml",
                                          "data/sources/example-press-2016.yaml"}
    [original] = [p for p in problems if p.file == "data/sources/example-press-2016.yaml"]
    assert "data/sources/copy-1.yaml (id 'copy-1'), data/sources/copy-2.yaml (id 'copy-2')" in original.message
