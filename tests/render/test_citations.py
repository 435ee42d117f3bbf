"""Ready-made citations (French press, APA, BibTeX parsed back with bibtexparser), the
"Citer cette page" box without JavaScript, claim permalinks, text-fragment links, and
CITATION.cff against the CFF 1.2.0 schema."""
from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import jsonschema
import pytest
import yaml
from sample import HOSTILE, SITE, parse_head, sample_index

from scripts.model.text import french_date
from scripts.render.citations import (
    Cited,
    apa,
    bibtex,
    bibtex_entry,
    cite_box_html,
    claim_link_html,
    french_press,
    text_fragment_url,
)

ROOT = Path(__file__).resolve().parents[2]
CITED = Cited(title="Filiale {x} & 100 % _ $ # ~ ^ \\", url="https://x.example/entites/f/",
              updated="2026-03-01", consulted="2026-11-28", site_name="Site Exemple", key="f")


@pytest.fixture
def sample(tmp_path):
    return sample_index(tmp_path)


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def test_french_press_style():
    assert french_press(CITED) == (
        "«\u00a0Filiale {x} & 100 % _ $ # ~ ^ \\\u00a0», Site Exemple, mis à jour le 1er mars 2026, "
        "https://x.example/entites/f/ (consulté le 28 novembre 2026).")


def test_apa_style():
    assert apa(CITED) == ("Site Exemple. (2026, 1er mars). Filiale {x} & 100 % _ $ # ~ ^ \\. "
                          "Consulté le 28 novembre 2026, à l’adresse https://x.example/entites/f/")


def test_bibtex_parses_back_with_its_fields():
    library = parse_bibtex(bibtex(CITED))
    [entry] = library.entries
    assert entry.entry_type == "misc" and entry.key == "f"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["url"] == "https://x.example/entites/f/"
    assert fields["urldate"] == "2026-11-28"
    assert fields["year"] == "2026" and fields["month"] == "mar"  # a month macro: styles print "March"
    assert fields["author"] == "{Site Exemple}"  # a corporate author, kept whole
    # LaTeX specials escaped, braces balanced
    assert fields["title"] == (r"Filiale \{x\} \& 100 \% \_ \$ \# \textasciitilde{} "
                               r"\textasciicircum{} \textbackslash{}")


def test_bibtex_entry_leaves_out_empty_fields_and_keeps_urls_raw():
    text = bibtex_entry("misc", "k", {"title": "T", "note": "", "url": "https://a.example/x_y%20{z}"})
    [entry] = parse_bibtex(text).entries
    fields = {f.key: f.value for f in entry.fields}
    assert "note" not in fields
    assert fields["url"] == "https://a.example/x_y%20%7Bz%7D"


class BoxParser:
    """What a reader without JavaScript sees in a cite box: the <details> summary, the text
    of each <pre> block, and the buttons (hidden until the script runs)."""

    def __init__(self, text: str):
        from html.parser import HTMLParser
        self.summary, self.blocks, self.buttons, self.links = [], [], [], []
        box = self
        stack: list[str] = []

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                stack.append(tag)
                if tag == "pre":
                    box.blocks.append("")
                if tag == "button":
                    box.buttons.append(attrs)
                if tag == "a":
                    box.links.append(attrs)

            def handle_endtag(self, tag):
                while stack and stack.pop() != tag:
                    pass

            def handle_data(self, data):
                if "summary" in stack:
                    box.summary.append(data)
                if "pre" in stack:
                    box.blocks[-1] += data

        parser = Parser()
        parser.feed(text)
        parser.close()


def test_page_cite_box_works_without_javascript(sample):
    _, index = sample
    record = index.records["filiale-exemple"]
    url = f"{SITE}entites/filiale-exemple/"
    text = cite_box_html(record, url, "2026-03-02", site_name="Site Exemple", consulted="2026-11-28")
    box = BoxParser(text)
    assert box.summary == ["Citer cette page"]
    assert text.startswith('<details class="cite-box"')
    press, apa_text, bib = box.blocks
    title = f"Filiale {HOSTILE}"
    assert press == (f"«\u00a0{title}\u00a0», Site Exemple, mis à jour le 2 mars 2026, {url} "
                     "(consulté le 28 novembre 2026).")
    assert apa_text.startswith("Site Exemple. (2026, 2 mars). ")
    [entry] = parse_bibtex(bib).entries
    assert {f.key: f.value for f in entry.fields}["url"] == url
    assert "mis à jour le" in text.lower() and "2 mars 2026" in text
    # copy buttons exist but stay hidden until the script shows them
    assert box.buttons and all("hidden" in b for b in box.buttons)


def test_claim_cite_box_cites_the_claim_url(sample):
    _, index = sample
    record = index.records["filiale-exemple"]
    claim = record.data["claims"][0]
    url = f"{SITE}entites/filiale-exemple/"
    for given in (url, url + "#loue-des-fichiers"):  # with or without the anchor already
        box = BoxParser(cite_box_html(record, given, "2026-03-02", claim=claim, site_name="Site Exemple",
                                      consulted="2026-11-28"))
        assert box.summary == ["Citer cette affirmation"]
        assert f"{url}#loue-des-fichiers " in box.blocks[0]
        assert f"Loue des fichiers d’adresses {HOSTILE}" in box.blocks[0]
        [entry] = parse_bibtex(box.blocks[2]).entries
        assert entry.key == "filiale-exemple-loue-des-fichiers"


def test_source_cite_box_also_gives_the_original_reference(sample):
    _, index = sample
    box = BoxParser(cite_box_html(index.records["presse-2019"], f"{SITE}sources/presse-2019/",
                                  "2026-03-02", site_name="Site Exemple", consulted="2026-11-28"))
    original = box.blocks[3]
    assert original == (f"Auteur Exemple, «\u00a0Location de fichiers {HOSTILE}\u00a0», Magazine Exemple, "
                        "mars 2019, https://presse.example/2019/location?a=1&b=2 "
                        "(archive : https://archive.example/2019/location, consulté le 21 novembre 2026).")


def test_cite_box_without_history_says_the_date_is_the_build_date(sample):
    _, index = sample
    text = cite_box_html(index.records["groupe-exemple"], f"{SITE}entites/groupe-exemple/", None,
                         site_name="Site Exemple")
    assert french_date(dt.date.today().isoformat()) in text
    assert "pas encore d’historique" in text


def test_hostile_text_stays_inert_in_the_cite_box(sample):
    _, index = sample
    record = index.records["filiale-exemple"]
    text = cite_box_html(record, f"{SITE}entites/filiale-exemple/", "2026-03-02",
                         claim=record.data["claims"][0], site_name="Site Exemple")
    assert "<script>alert" not in text and "<b>" not in text
    page_box = cite_box_html(record, f"{SITE}entites/filiale-exemple/", "2026-03-02", site_name="Site Exemple")
    for box in (text, page_box):  # no inline script at all: the site's CSP allows script files only
        assert parse_head(box).scripts == []


def test_claim_link_is_a_permalink_plus_a_hidden_copy_button():
    box = BoxParser(claim_link_html("https://x.example/entites/f/", "loue-des-fichiers"))
    assert [link["href"] for link in box.links] == ["#loue-des-fichiers"]
    [button] = box.buttons
    assert button["data-copy"] == "https://x.example/entites/f/#loue-des-fichiers"
    assert "hidden" in button


def test_text_fragment_of_a_short_quote_encodes_dash_comma_and_ampersand():
    url = text_fragment_url("https://a.example/p", "Data-lake, clients & prospects")
    assert url == "https://a.example/p#:~:text=Data%2Dlake%2C%20clients%20%26%20prospects"


def test_text_fragment_of_a_long_quote_uses_its_first_and_last_words():
    quote = ("une base de données centralisant les données des clients du groupe La Poste "
             "(hors données bancaires) et à terme potentiellement de tous les Français")
    url = text_fragment_url("https://a.example/offre#poste", quote)
    base, directive = url.split(":~:text=")
    assert base == "https://a.example/offre#poste"
    start, end = directive.split(",")
    assert unquote(start) == "une base de données centralisant"
    assert unquote(end) == "potentiellement de tous les Français"
    assert quote.startswith(unquote(start)) and quote.endswith(unquote(end))


def test_text_fragment_spans_an_elision():
    url = text_fragment_url("https://a.example/p", "La location de nos fichiers […] au meilleur coût.")
    start, end = url.split(":~:text=")[1].split(",")
    assert (unquote(start), unquote(end)) == ("La location de nos fichiers", "au meilleur coût.")


def test_text_fragment_keeps_typographic_apostrophes():
    url = text_fragment_url("https://a.example/p", "l’ex-établissement public")
    assert unquote(url.split(":~:text=")[1]) == "l’ex-établissement public"
    assert "%E2%80%99" in url and "%2D" in url


# ---- CITATION.cff ------------------------------------------------------------------------

def cff_schema() -> dict:
    """The CFF 1.2.0 JSON Schema as shipped (verbatim) by the check-jsonschema package."""
    schema = resources.files("check_jsonschema") / "builtin_schemas/vendor/citation-file-format.json"
    return json.loads(schema.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = cff_schema()
    assert "1.2.0" in schema["$id"]
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(cff)]
    assert errors == []
    assert cff["type"] == "dataset"
    assert cff["license"] == "CC-BY-SA-4.0"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff["date-released"])
    assert "doi" not in cff and "repository-code" not in cff  # none invented
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert cff["version"] == pyproject["project"]["version"]


def test_cff_schema_check_catches_a_broken_file():
    schema = cff_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert list(validator.iter_errors({"cff-version": "1.2.0", "title": "x"}))  # no authors, no message


def test_built_page_has_claim_anchors_and_cite_boxes_with_the_git_date(sample_site):  # noqa: F811
    text = (sample_site / "entites/filiale-exemple/index.html").read_text(encoding="utf-8")
    assert 'id="loue-des-fichiers"' in text
    box = BoxParser(text)
    assert box.summary.count("Citer cette page") == 1
    assert box.summary.count("Citer cette affirmation") == 1
    bibtex_blocks = [b for b in box.blocks if b.startswith("@misc{")]
    keys = [parse_bibtex(b).entries[0].key for b in bibtex_blocks]
    assert sorted(keys) == ["filiale-exemple", "filiale-exemple-loue-des-fichiers"]
    page_press = next(b for b in box.blocks if b.startswith(f"«\u00a0Filiale {HOSTILE}\u00a0»"))
    assert f"mis à jour le 2 mars 2026, {SITE}entites/filiale-exemple/ (consulté le" in page_press
