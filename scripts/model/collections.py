"""The collections of the data set: where their files live, which schema they follow, where
their pages are published and what one of their records is called. One place, read by every
stage."""
from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import Term


@dataclass(frozen=True)
class Collection:
    name: str  # folder under data/, e.g. "entities"
    schema: str  # file under data/schema/, e.g. "entity.json"
    url_segment: str | None  # French URL path segment of its pages; None: no page of its own
    one: Term  # what one record is called, in lists that mix collections ("Entité", "Entity")


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("entities", "entity.json", "entites", Term("Entité", "Entity")),
        Collection("datasets", "dataset.json", "fichiers", Term("Fichier", "Data file")),
        Collection("flows", "flow.json", "flux", Term("Flux", "Flow")),
        Collection("sources", "source.json", "sources", Term("Source", "Source")),
        Collection("rules", "rule.json", "droit", Term("Règle", "Rule")),
        Collection("events", "event.json", None, Term("Événement", "Event")),
    )
}

# The vocabulary file: one file, many items, not a collection of records.
CATEGORIES_FILE = "categories.yaml"
CATEGORIES_SCHEMA = "categories.json"
