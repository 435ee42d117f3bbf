"""One place for every URL (scripts/model/urls.py): record pages, their source names, links
between pages (relative, so the site works under any prefix) and the addresses readers cite."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.model import urls
from scripts.model.records import Record


def record(collection: str, record_id: str) -> Record:
    return Record(collection, record_id, f"data/{collection}/{record_id}.yaml", Path("/dev/null"), {"id": record_id})


@pytest.mark.parametrize(("collection", "expected"), [
    ("entities", "entites/x/"), ("datasets", "fichiers/x/"), ("flows", "flux/x/"), ("sources", "sources/x/"),
    ("events", "chronologie/#x"),
])
def test_every_record_has_one_place(collection, expected):
    assert urls.record_url(record(collection, "x")) == expected


def test_what_has_no_page_has_no_path():
    assert urls.record_path("categories", "address") is None
    assert not urls.has_own_page("events") and urls.has_own_page("sources")


def test_an_anchor_goes_on_the_page_but_never_twice():
    assert urls.record_url(record("entities", "x"), "claim") == "entites/x/#claim"
    assert urls.record_url(record("events", "x"), "claim") == "chronologie/#x"


def test_source_names_are_what_mkdocs_calls_the_generated_pages():
    assert urls.record_source_uri(record("entities", "la-poste")) == "entites/la-poste.md"


def test_corrections_are_found_on_the_record_or_its_timeline_entry():
    assert urls.corrections_of(record("entities", "x")) == "entites/x/#section--corrections"
    assert urls.corrections_of(record("events", "e")) == "chronologie/#e"
    assert urls.corrections_of(record("categories", "c")) == urls.CORRECTIONS


@pytest.mark.parametrize(("here", "there", "link"), [
    ("entites/a/", "sources/b/", "../../sources/b/"),
    ("entites/a/", "entites/a/#claim", "./#claim"),
    ("", "entites/a/", "entites/a/"),
    ("flux/", "chronologie/#event", "../chronologie/#event"),
    ("entites/a/", "entites/#type--company", "../#type--company"),
    ("entites/a/", "", "../../"),
])
def test_relative_links_work_under_any_prefix(here, there, link):
    assert urls.relative_url(here, there) == link


def test_absolute_addresses_are_on_the_site_or_root_relative():
    assert urls.absolute_url("https://x.example/enquete/", "entites/a/") == "https://x.example/enquete/entites/a/"
    assert urls.absolute_url("https://x.example/enquete", "entites/a/") == "https://x.example/enquete/entites/a/"
    assert urls.absolute_url(None, "entites/a/") == "/entites/a/"
