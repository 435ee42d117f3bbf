"""What every stage asks of a record: its title (one function: pages, metadata, feeds, search,
exports, diagrams, redirects all use it) and its summary."""
from __future__ import annotations

from pathlib import Path

from scripts.model.records import Record


def record(collection: str, **data) -> Record:
    return Record(collection, "x", f"data/{collection}/x.yaml", Path("/dev/null"), {"id": "x", **data})


def test_entities_datasets_and_flows_are_called_by_their_name():
    assert record("entities", name="La Poste").title() == "La Poste"


def test_sources_and_events_by_their_title():
    assert record("sources", title="Le plus grand fichier de France").title() == "Le plus grand fichier de France"
    assert record("events", title={"fr": "Rachat", "en": "Purchase"}).title("en") == "Purchase"


def test_a_source_without_a_title_is_named_by_its_description_never_as_its_title():
    untitled = record("sources", description="Page d’accueil du site, sans titre")
    assert untitled.title() == "Page d’accueil du site, sans titre"
    assert not untitled.has_own_title and record("sources", title="T").has_own_title


def test_a_title_is_one_line_of_plain_text():
    assert record("entities", name="  La\n  *Poste*  ").title() == "La Poste"


def test_without_a_name_a_record_is_called_by_its_id():
    assert record("entities").title() == "x"


def test_the_summary_is_plain_text():
    assert record("entities", summary={"fr": "Une **filiale**.", "en": "A subsidiary."}).summary() == "Une filiale."
    assert record("entities").summary() == ""
