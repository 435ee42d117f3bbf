"""datapackage.json: the CSV exports described as a Frictionless Data Package, so that a reader
loads them with the right types (a SIREN number stays a 9-digit string, not 813058542.0).

Each column is typed from the collection's JSON Schema (scripts/model/dictionary.py): ids,
identifiers and text as strings; dates as strings of the form YYYY, YYYY-MM or YYYY-MM-DD (a
pattern: the data states dates at the precision its sources give, which no Table Schema date
type holds); numbers, integers and booleans; closed lists as enum constraints; lists joined
with " | " as `list` fields. Every file has its size and SHA-256, which `frictionless
validate` checks. tests/outputs/test_datapackage.py runs it on the package."""
from __future__ import annotations

import csv
import hashlib
import io
from typing import Any

from ..model import dictionary, urls
from ..model.collections import COLLECTIONS
from ..model.vocabulary import STATUS

LIST_SEPARATOR = " | "
LICENSE = {"name": "CC-BY-SA-4.0", "path": urls.LICENSE_URL,
           "title": "Creative Commons Attribution-ShareAlike 4.0"}
ID = {"type": "string", "constraints": {"pattern": "[a-z0-9]+(-[a-z0-9]+)*"}}
TABLE_TYPES = {"number": "number", "integer": "integer", "boolean": "boolean"}
# The tables that are not a collection: their columns and what they are.
OTHER_TABLES = {
    "claims": ("Une ligne par affirmation.", {
        "record": ("Id de la fiche qui porte l’affirmation.", ID),
        "collection": ("Collection de cette fiche.", {"type": "string", "constraints": {"enum": list(COLLECTIONS)}}),
        "claim": ("Id de l’affirmation, unique dans sa fiche (l’ancre #id de sa page).", ID),
        "status": ("Statut de l’affirmation.", {"type": "string", "constraints": {"enum": list(STATUS)}}),
        "text": ("L’affirmation, en français.", {"type": "string"}),
        "text_en": ("L’affirmation, en anglais (si traduite).", {"type": "string"}),
        "note": ("Contexte : qui conteste, pourquoi elle a été retirée.", {"type": "string"}),
        "sources": ("Ids des sources citées, jointes par « | ».",
                    {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string"}),
        "page": ("Adresse de l’affirmation sur le site.", {"type": "string"}),
    }),
    "citations": ("Une ligne par citation : l’extrait d’une source et ce qu’il appuie.", {
        "record": ("Id de la fiche qui cite.", ID),
        "collection": ("Collection de cette fiche.", {"type": "string", "constraints": {"enum": list(COLLECTIONS)}}),
        "backs": ("Ce que la citation appuie : claims/<id>, owners/0, size, identifiers, rights, sources…",
                  {"type": "string"}),
        "source": ("Id de la source citée.", ID),
        "quote": ("L’extrait cité, mot pour mot.", {"type": "string"}),
        "locator": ("Où, dans la source (page, paragraphe).", {"type": "string"}),
    }),
}
FOREIGN_KEYS = {  # table -> (column, table it refers to)
    "datasets": [("holder", "entities")],
    "sources": [("via", "sources")],
    "citations": [("source", "sources")],
}


def descriptor(files: dict[str, bytes], updated: str, site_url: str | None) -> dict[str, Any]:
    """The package of every CSV in `files` (file name -> bytes)."""
    resources = []
    for name, content in files.items():
        if not name.endswith(".csv"):
            continue
        table = name.removesuffix(".csv")
        resources.append(resource(table, name, content))
    package: dict[str, Any] = {
        "name": "la-poste-donnees",
        "title": "La Poste et vos données : les données de l’enquête",
        "description": ("Entités du groupe La Poste, fichiers de données personnelles, flux entre eux et "
                        "sources, chaque affirmation appuyée par une citation exacte d’une source."),
        "licenses": [LICENSE],
        "version": updated.replace("-", "") or "0",
        "resources": resources,
    }
    if site_url:
        package["homepage"] = urls.absolute_url(site_url, urls.EXPORTS)
    if updated:
        package["created"] = f"{updated}T00:00:00Z"
    return package


def resource(table: str, name: str, content: bytes) -> dict[str, Any]:
    header = next(csv.reader(io.StringIO(content.decode("utf-8"))), [])
    schema: dict[str, Any] = {"fields": [column_field(table, column) for column in header]}
    if table in COLLECTIONS:
        schema["primaryKey"] = ["id"]
    elif table == "claims":
        schema["primaryKey"] = ["record", "claim"]
    keys = [{"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
            for column, target in FOREIGN_KEYS.get(table, []) if column in header]
    if keys:
        schema["foreignKeys"] = keys
    description = (OTHER_TABLES[table][0] if table in OTHER_TABLES
                   else f"Une ligne par fiche : {COLLECTIONS[table].one.label().lower()}.")
    return {"name": table, "path": name, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": description,
            "bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
            "schema": schema}


def column_field(table: str, column: str) -> dict[str, Any]:
    if table in OTHER_TABLES:
        description, spec = OTHER_TABLES[table][1].get(column, ("", {"type": "string"}))
        return {"name": column, "description": description, **spec}
    if column == "page":
        return {"name": column, "type": "string", "description": "Adresse de la page de la fiche sur le site."}
    if column in ("claims", "corrections"):
        return {"name": column, "type": "integer", "description": f"Nombre de {column} de la fiche "
                "(le détail est dans claims.csv et data.json).", "constraints": {"minimum": 0}}
    by_column = columns_of(table)
    english = column.endswith("_en") and column.removesuffix("_en") in by_column
    found = by_column.get(column.removesuffix("_en") if english else column)
    if found is None:
        return {"name": column, "type": "string"}
    spec: dict[str, Any] = {"name": column, "description": found.description + (" (English)" if english else "")}
    if found.type == "list":
        spec.update(type="list", delimiter=LIST_SEPARATOR, itemType="string")
    elif found.type in TABLE_TYPES:
        spec["type"] = TABLE_TYPES[found.type]
    else:
        spec["type"] = "string"
        constraints = {}
        if found.values:
            constraints["enum"] = list(found.values)
        elif found.pattern and found.type != "url":
            constraints["pattern"] = found.pattern.removeprefix("^").removesuffix("$")
        if constraints and not english:
            spec["constraints"] = constraints
    if found.type == "date":
        spec["description"] += " Date ISO 8601 à la précision de sa source : AAAA, AAAA-MM ou AAAA-MM-JJ."
    return spec


def columns_of(table: str) -> dict[str, dictionary.Field]:
    return {f.column: f for f in dictionary.fields(table) if f.column}
