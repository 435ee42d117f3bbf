"""The collections of the data set: where their files live, which schema they follow,
and where their pages are published. One place, read by every stage."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    name: str  # folder under data/, e.g. "entities"
    schema: str  # file under data/schema/, e.g. "entity.json"
    url_segment: str | None  # French URL path segment of its pages; None: no page of its own
    label_fr: str
    label_en: str


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("entities", "entity.json", "entites", "Entités", "Entities"),
        Collection("datasets", "dataset.json", "fichiers", "Fichiers", "Data files"),
        Collection("flows", "flow.json", "flux", "Flux", "Flows"),
        Collection("sources", "source.json", "sources", "Sources", "Sources"),
        Collection("events", "event.json", None, "Événements", "Events"),
    )
}

# The vocabulary file: one file, many items, not a collection of records.
CATEGORIES_FILE = "categories.yaml"
CATEGORIES_SCHEMA = "categories.json"
