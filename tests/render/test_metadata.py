"""<head> metadata: Dublin Core, Highwire citation_* tags, Open Graph, Twitter card and schema.org
JSON-LD, parsed back from the HTML; hostile text stays inert.

Which tags Zotero's Embedded Metadata translator reads, and what it makes of them (its source,
translators/Embedded Metadata.js, and research/zotero-check.md, measured with Zotero's
translation-server):
- the item type: `citation_journal_title` -> journal article (`publicationTitle`); a
  `citation_title` without it -> journal article too (a guess); neither, with DC/og tags ->
  web page, whose `websiteTitle` is `og:site_name`;
- title: `citation_title`, else `DC.title`; date: `citation_date`, else `DC.date`; URL:
  `citation_public_url`, else the page's address; language: `citation_language`/`DC.language`;
- authors: `citation_author` (one a tag); `DC.creator` is split into a person's first and last
  names, so a site's name given there becomes a made-up person;
- JSON-LD is not read (search engines read it).

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


def head_of(sample, record_id, updated="2026-03-02", first="2025-12-01"):
    _, index = sample
    record = index.records[record_id]
    return parse_head(head_html(record, index, SITE, updated, "Site Exemple", first_published=first))


def zotero_tags(head) -> set[str]:
    """The tags that decide what Zotero saves (see the module's docstring)."""
    return {name for name in head.meta if name and (name.startswith("citation_") or name.startswith("DC.")
                                                    or name == "og:site_name")}


def test_a_record_page_is_saved_as_a_web_page_of_this_site_with_its_dates(sample):
    head = head_of(sample, "filiale-exemple")
    title = f"Filiale {HOSTILE}"
    # no citation_* tag: Zotero saves a web page (websiteTitle: og:site_name), not a journal article
    assert not [name for name in head.meta if name.startswith("citation_")]
    assert head.meta["og:site_name"] == ["Site Exemple"]
    # no DC.creator: the site's name would be split into a made-up person
    assert "DC.creator" not in head.meta
    assert head.meta["DC.title"] == [title]
    assert head.meta["DC.date"] == ["2026-03-02"]  # the item's date: the page's last change
    assert head.meta["DCTERMS.created"] == ["2025-12-01"]  # first published (its file's first commit)
    assert head.meta["DCTERMS.modified"] == ["2026-03-02"]
    assert head.meta["article:published_time"] == ["2025-12-01"]
    assert head.meta["article:modified_time"] == ["2026-03-02"]
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


def test_a_source_page_is_saved_as_the_document_it_describes(sample):
    article = head_of(sample, "presse-2019")  # trade press, with a byline: a journal article
    assert article.meta["citation_title"] == article.meta["DC.title"] == [f"Location de fichiers {HOSTILE}"]
    assert article.meta["citation_journal_title"] == ["Magazine Exemple"]
    assert article.meta["citation_author"] == ["Auteur Exemple"]
    assert article.meta["citation_date"] == ["2019/03"] and article.meta["DC.date"] == ["2019-03"]
    assert article.meta["citation_public_url"] == ["https://presse.example/2019/location?a=1&b=2"]
    assert article.meta["DC.publisher"] == ["Magazine Exemple"]
    # none of our page's own dates, address or name compete with the document's
    for ours in ("DCTERMS.created", "DCTERMS.modified", "article:published_time", "DC.identifier", "DC.creator"):
        assert ours not in article.meta
    assert article.meta["og:site_name"] == ["Magazine Exemple"]
    blog = head_of(sample, "relais-2020")  # a web page of its publisher's site
    assert "citation_title" not in blog.meta and "citation_journal_title" not in blog.meta
    assert blog.meta["DC.title"] == ["Relais de l’article"]
    assert blog.meta["og:site_name"] == ["Blog Exemple"]  # Zotero's websiteTitle
    assert blog.meta["citation_public_url"] == ["https://blog.example/relais"]
    assert "citation_author" not in blog.meta  # it names none
    register = head_of(sample, "registre-exemple")  # undated, no URL: no made-up date or address
    assert "DC.date" not in register.meta and "citation_date" not in register.meta
    assert "citation_public_url" not in register.meta


def test_a_copy_exposes_its_original_and_an_untitled_page_a_bracketed_description(sample, tmp_path):
    from sample import SAMPLE, write_sample

    from scripts.index import build_index
    from scripts.load import load_data
    files = dict(SAMPLE)
    files["sources/copie.yaml"] = """\
id: copie
kind: regulator
title: Copie de la décision
publisher: Site de copies
undated: true
url: https://copies.example/d
language: fr
original:
  title: Décision de l’autorité
  publisher: Autorité Exemple
  authors: [Rapporteur Exemple]
  published: '2017-06-01'
"""
    files["sources/sans-titre.yaml"] = """\
id: sans-titre
kind: blog
description: Page de liens sur la réexpédition.
publisher: Liens Exemple
undated: true
language: fr
"""
    loaded = load_data(write_sample(tmp_path / "copies", files))
    index = build_index(loaded)
    copy = parse_head(head_html(index.records["copie"], index, SITE, "2026-03-02", "Site Exemple"))
    assert copy.meta["DC.title"] == ["Décision de l’autorité"]
    assert copy.meta["DC.date"] == ["2017-06-01"] and copy.meta["citation_author"] == ["Rapporteur Exemple"]
    assert copy.meta["og:site_name"] == copy.meta["DC.publisher"] == ["Autorité Exemple"]
    assert copy.meta["citation_public_url"] == ["https://copies.example/d"]  # the original's address is unknown
    untitled = parse_head(head_html(index.records["sans-titre"], index, SITE, "2026-03-02", "Site Exemple"))
    assert untitled.meta["DC.title"] == ["[Page de liens sur la réexpédition.]"]
    assert "citation_title" not in untitled.meta


def test_every_page_can_be_shared_with_the_social_card(sample):
    for record_id in ("filiale-exemple", "fichier-exemple", "location-exemple", "presse-2019"):
        head = head_of(sample, record_id)
        assert head.meta["og:image"] == [f"{SITE}assets/social-card.png"]
        assert head.meta["og:image:width"] == ["1200"] and head.meta["og:image:height"] == ["630"]
        assert head.meta["twitter:card"] == ["summary_large_image"]


def test_the_home_page_is_a_website_and_the_open_data_page_a_dataset():
    from scripts.render.metadata import page_head_html
    home = parse_head(page_head_html("", "Accueil", "Une enquête.", SITE, "Site Exemple", "2026-03-02"))
    [website] = [json.loads(text) for text in home.json_ld]
    assert website["@type"] == "WebSite" and website["url"] == SITE
    assert home.meta["og:image"] == [f"{SITE}assets/social-card.png"]
    assert home.meta["DC.date"] == ["2026-03-02"] and "DC.creator" not in home.meta
    files = {"data.json": b"{}", "entities.csv": b"id\n"}
    from scripts.outputs.exports import EXPORTS
    from scripts.render.metadata import dataset_json_ld
    page = parse_head(page_head_html("donnees/", "Données", "Les données.", SITE, "Site Exemple", None,
                                     lambda: dataset_json_ld(files, EXPORTS, SITE, "Site Exemple", "2026-03-02")))
    [dataset] = [json.loads(text) for text in page.json_ld]
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith("https://creativecommons.org/")
    assert dataset["distribution"] == [
        {"@type": "DataDownload", "name": "data.json", "contentUrl": f"{SITE}donnees/data.json",
         "encodingFormat": "application/json", "contentSize": "2 B"},
        {"@type": "DataDownload", "name": "entities.csv", "contentUrl": f"{SITE}donnees/entities.csv",
         "encodingFormat": "text/csv", "contentSize": "3 B"}]
    not_found = parse_head(page_head_html(None, "", "", SITE, "Site Exemple", None))
    assert not_found.meta["twitter:card"] == ["summary_large_image"] and "og:url" not in not_found.meta


# ---- on the built site (conftest.py: sample_site) ---------------------------------------


def built_head(site: Path, path: str) -> HeadParser:
    return parse_head((site / path / "index.html").read_text(encoding="utf-8"))


def test_built_pages_carry_the_metadata_with_the_git_date(sample_site):
    entity = built_head(sample_site, "entites/filiale-exemple")
    assert entity.meta["DC.title"] == [f"Filiale {HOSTILE}"]
    assert entity.meta["DC.date"] == ["2026-03-02"]  # its file's last commit, not the build date
    assert entity.meta["DCTERMS.created"] == ["2025-12-01"]  # its first commit
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
