"""<head> metadata of record pages: Highwire citation_* tags (Zotero), Dublin Core, Open Graph
and schema.org JSON-LD, parsed back from the HTML; hostile text stays inert.

The sample data set is tests/sample.py's."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sample import HOSTILE, SITE, HeadParser, parse_head, sample_index

from scripts.render.metadata import head_html, json_ld_script


@pytest.fixture
def sample(tmp_path):
    return sample_index(tmp_path)


def head_of(sample, record_id, updated="2026-03-02"):
    _, index = sample
    record = index.records[record_id]
    return parse_head(head_html(record, index, SITE, updated, "Site Exemple"))


def test_entity_meta_tags_read_by_zotero_dublin_core_and_open_graph(sample):
    head = head_of(sample, "filiale-exemple")
    title = f"Filiale {HOSTILE}"
    assert head.meta["citation_title"] == [title]
    assert head.meta["citation_publication_date"] == ["2026/03/02"]
    assert head.meta["citation_public_url"] == [f"{SITE}entites/filiale-exemple/"]
    assert head.meta["citation_language"] == ["fr"]
    assert head.meta["DC.title"] == [title]
    assert head.meta["DC.date"] == ["2026-03-02"]
    assert head.meta["DC.language"] == ["fr"]
    assert head.meta["DC.publisher"] == ["Site Exemple"]
    assert head.meta["og:title"] == [title]
    assert head.meta["og:url"] == [f"{SITE}entites/filiale-exemple/"]
    assert head.meta["og:site_name"] == ["Site Exemple"]
    assert head.meta["og:locale"] == ["fr_FR"]
    # the summary without its Markdown emphasis
    assert head.meta["og:description"] == [f"Filiale marketing du groupe {HOSTILE}"]


def test_entity_json_ld_is_an_organization_with_its_sources(sample):
    head = head_of(sample, "filiale-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    assert document["@type"] == "WebPage"
    assert document["dateModified"] == "2026-03-02"
    organization = document["mainEntity"]
    assert organization["@type"] == "Organization"
    assert organization["name"] == f"Filiale {HOSTILE}"
    assert organization["url"] == "https://filiale.example"
    assert organization["identifier"]["value"] == "123456782"
    assert organization["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert organization["parentOrganization"] == [
        {"@type": "Organization", "name": "Groupe Exemple", "url": f"{SITE}entites/groupe-exemple/"}]
    # every cited source, in order of first citation, once; the register has no URL
    assert [c["name"] for c in document["citation"]] == [
        "La filiale rejoint le groupe", "Fiche de l’entreprise", f"Location de fichiers {HOSTILE}"]
    assert document["isBasedOn"] == ["https://presse.example/2016/rachat",
                                     "https://presse.example/2019/location?a=1&b=2"]


def test_dataset_json_ld_is_a_dataset(sample):
    head = head_of(sample, "fichier-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    dataset = document["mainEntity"]
    assert dataset["@type"] == "Dataset"
    assert dataset["name"] == "Fichier d’adresses exemple"
    assert dataset["maintainer"]["name"] == f"Filiale {HOSTILE}"
    assert dataset["maintainer"]["url"] == f"{SITE}entites/filiale-exemple/"
    assert dataset["size"]["value"] == 15000000
    assert head.meta["DC.type"] == ["Dataset"]


def test_source_json_ld_is_the_original_creative_work(sample):
    head = head_of(sample, "relais-2020")
    [document] = [json.loads(text) for text in head.json_ld]
    work = document["mainEntity"]
    assert work["@type"] == "CreativeWork"
    assert work["url"] == "https://blog.example/relais"
    assert work["publisher"]["name"] == "Blog Exemple"
    assert work["datePublished"] == "2020"
    assert work["isBasedOn"]["url"] == "https://presse.example/2019/location?a=1&b=2"
    original = head_of(sample, "presse-2019")
    [document] = [json.loads(text) for text in original.json_ld]
    assert document["mainEntity"]["archivedAt"] == "https://archive.example/2019/location"
    assert document["mainEntity"]["author"] == [{"@type": "Person", "name": "Auteur Exemple"}]


def test_flow_json_ld_is_about_both_ends(sample):
    head = head_of(sample, "location-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    assert [a["name"] for a in document["about"]] == ["Fichier d’adresses exemple", "Groupe Exemple"]
    assert document["about"][0]["@type"] == "Dataset"
    assert document["citation"][0]["name"] == f"Location de fichiers {HOSTILE}"


def test_hostile_text_stays_inert_in_head(sample):
    _, index = sample
    record = index.records["filiale-exemple"]
    text = head_html(record, index, SITE, "2026-03-02", "Site Exemple")
    head = parse_head(text)
    # one script element only (the JSON-LD): the quoted </script><script> never became markup
    assert [attrs.get("type") for attrs, _ in head.scripts] == ["application/ld+json"]
    assert "<script>alert" not in text and "<b>" not in text
    assert "\\u003c/script\\u003e" in head.json_ld[0]


def test_json_ld_script_escapes_everything_that_could_end_the_element():
    text = json_ld_script({"name": "</script><!-- & \u2028"})
    assert "</script><!--" not in text[:-len("</script>")]
    assert json.loads(text[len('<script type="application/ld+json">'):-len("</script>")]) == \
        {"name": "</script><!-- & \u2028"}


def test_missing_update_date_falls_back_to_the_build_date(sample):
    import datetime as dt
    head = head_of(sample, "groupe-exemple", updated=None)
    assert head.meta["DC.date"] == [dt.date.today().isoformat()]


# ---- on the built site (conftest.py: sample_site) ---------------------------------------


def built_head(site: Path, path: str) -> HeadParser:
    return parse_head((site / path / "index.html").read_text(encoding="utf-8"))


def test_built_pages_carry_the_metadata_with_the_git_date(sample_site):
    entity = built_head(sample_site, "entites/filiale-exemple")
    assert entity.meta["citation_title"] == [f"Filiale {HOSTILE}"]
    assert entity.meta["DC.date"] == ["2026-03-02"]  # its file's last commit, not the build date
    assert entity.meta["og:url"] == [f"{SITE}entites/filiale-exemple/"]
    documents = [json.loads(text) for text in entity.json_ld]
    assert [d["mainEntity"]["@type"] for d in documents] == ["Organization"]
    assert documents[0]["dateModified"] == "2026-03-02"
    dataset = built_head(sample_site, "fichiers/fichier-exemple")
    assert dataset.meta["DC.date"] == ["2025-12-01"]
    assert json.loads(dataset.json_ld[0])["mainEntity"]["@type"] == "Dataset"
    source = built_head(sample_site, "sources/presse-2019")
    assert json.loads(source.json_ld[0])["mainEntity"]["@type"] == "CreativeWork"
    # the hostile title stays data: in JSON-LD strings only, never a script of its own
    html_text = (sample_site / "entites/filiale-exemple/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html_text
    assert not any("alert(1)" in text for attrs, text in entity.scripts
                   if attrs.get("type") != "application/ld+json")
