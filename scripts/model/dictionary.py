"""The data dictionary: every field of every collection, read from its JSON Schema
(data/schema/), with its type, its description and its allowed values. The /donnees/ page
prints it, and datapackage.json types the CSV columns from it, so neither can drift from the
schemas.

A field's `path` is how the YAML nests it (`owners.share`); its `column` is the CSV column
that holds it (`size_value`; a text field also has `<column>_en`); lists are joined with
" | " in one column; citations (`sources`) and claims are in citations.csv and claims.csv."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from .. import REPO_ROOT
from .collections import COLLECTIONS

SCHEMA_DIR = REPO_ROOT / "data" / "schema"
# Not in a collection's CSV: the editor hint, and what citations.csv / claims.csv hold.
NOT_IN_CSV = ("$schema", "claims", "corrections", "sources")
DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass(frozen=True)
class Field:
    path: str  # `owners.share`
    column: str | None  # the CSV column (`owners` for the ids of a list of owners), or None
    type: str  # text | string | date | url | id | number | integer | boolean | object | list
    description: str
    required: bool = False
    values: tuple[str, ...] = ()  # the allowed values of a closed list
    pattern: str = ""
    item_type: str = ""  # of a list's items


@functools.cache
def schema(collection: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / COLLECTIONS[collection].schema).read_text(encoding="utf-8"))


def fields(collection: str) -> list[Field]:
    """Every field of a collection's records, nested ones after their parent."""
    root = schema(collection)
    return list(walk(root, root, "", "", in_csv=True))


def resolve(root: dict, node: dict) -> dict:
    """A property's schema with its `$ref` followed; its own description wins."""
    if "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        merged = dict(resolve(root, target))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged
    return node


def kind_of(root: dict, node: dict) -> str:
    node = resolve(root, node)
    if "oneOf" in node:
        return "text"
    pattern = node.get("pattern", "")
    if node.get("type") == "string":
        if pattern == DATE_PATTERN:
            return "date"
        if pattern.startswith("^https?://"):
            return "url"
        if pattern == "^[a-z0-9]+(-[a-z0-9]+)*$":
            return "id"
        return "string"
    if node.get("type") == "array":
        return "list"
    return node.get("type", "string")


def walk(root: dict, node: dict, prefix: str, column_prefix: str, in_csv: bool):
    required = set(node.get("required") or [])
    for name, prop in (node.get("properties") or {}).items():
        prop = resolve(root, prop)
        kind = kind_of(root, prop)
        path = f"{prefix}{name}"
        column = f"{column_prefix}{name}" if in_csv and name not in NOT_IN_CSV else None
        items = resolve(root, prop.get("items") or {}) if kind == "list" else {}
        yield Field(path=path, column=column, type=kind, description=prop.get("description", ""),
                    required=name in required, values=tuple(str(v) for v in prop.get("enum") or ()),
                    pattern=prop.get("pattern", ""), item_type=kind_of(root, items) if items else "")
        if kind == "object":
            yield from walk(root, prop, f"{path}.", f"{column}_" if column else "", in_csv=column is not None)
        elif kind == "list" and items.get("type") == "object":
            # A list of objects: in the CSV only the ids of `owners` (the rest is in data.json).
            yield from walk(root, items, f"{path}.", "", in_csv=False)
