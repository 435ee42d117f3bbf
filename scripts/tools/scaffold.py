"""`python -m scripts new entity|dataset|flow|source|event <id>`: write the skeleton of a new
record, with every field its JSON Schema requires present but empty. The validator then names
each empty field at its line until it is filled in. `new source <id> --url URL` writes the URL
too, and refuses when a source already has that page (one URL, one source: validate/same_url.py).

The fields come from data/schema/*.json, never from a list kept here, so the skeleton follows
the data contract when it changes."""
from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

from .. import DATA_DIR
from ..model.collections import CATEGORIES_FILE, COLLECTIONS, Collection
from ..validate.same_url import normalised

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COMMENT_WIDTH = 100


class ScaffoldError(Exception):
    """A request we refuse, with the reason and what to do instead."""


def collection_for(kind: str) -> Collection:
    """`entity` or `entities` -> the entities collection (singular = the schema's file name)."""
    for collection in COLLECTIONS.values():
        if kind in (collection.name, Path(collection.schema).stem):
            return collection
    choices = ", ".join(Path(c.schema).stem for c in COLLECTIONS.values())
    raise ScaffoldError(f"unknown kind of record '{kind}': choose one of {choices}")


def load_schema(data_root: Path, collection: Collection) -> dict[str, Any]:
    """The collection's schema: from the data folder's schema/ when it has one, else the repository's."""
    for folder in (data_root / "schema", DATA_DIR / "schema"):
        path = folder / collection.schema
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise ScaffoldError(f"schema {collection.schema} not found in {data_root / 'schema'}")


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s (`#/$defs/...`); keys written next to the `$ref` win."""
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def id_problem(record_id: str, pattern: str) -> str | None:
    """Why `record_id` is not a valid id, in words a contributor can act on; None when valid."""
    if re.fullmatch(pattern, record_id):
        return None
    if not record_id:
        reason = "it is empty"
    elif record_id != record_id.lower():
        reason = "it has capital letters"
    elif record_id.startswith("-") or record_id.endswith("-"):
        reason = "it starts or ends with a hyphen"
    elif "--" in record_id:
        reason = "it has two hyphens in a row"
    else:
        bad = sorted({c for c in record_id if not re.fullmatch(r"[a-z0-9-]", c)})
        reason = "it contains " + " ".join(repr(c) for c in bad)
    return (f"'{record_id}' is not a valid id ({reason}): use lowercase letters a-z without accents, "
            "digits, and single hyphens between words, e.g. 'la-poste-mobile'")


def id_taken_by(data_root: Path, record_id: str) -> str | None:
    """Where `record_id` is already used: ids are unique across the whole data set, records of
    every collection and the data categories alike."""
    for collection in COLLECTIONS.values():
        path = data_root / collection.name / f"{record_id}.yaml"
        if path.exists():
            return str(path)
    categories = data_root / CATEGORIES_FILE
    if categories.is_file():
        try:
            items = (yaml.safe_load(categories.read_text(encoding="utf-8")) or {}).get("categories") or []
        except (yaml.YAMLError, AttributeError, UnicodeDecodeError):
            return None  # the validator reports a broken vocabulary file; not our concern here
        if any(isinstance(item, dict) and item.get("id") == record_id for item in items):
            return f"a data category in {categories}"
    return None


def comment_lines(text: str, indent: int) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(text, COMMENT_WIDTH - len(prefix), initial_indent=prefix, subsequent_indent=prefix)


def placeholder(node: dict[str, Any]) -> str:
    """The empty value of a scalar field: it fails the schema, so the validator points at it."""
    if node.get("type") in ("number", "integer", "boolean"):
        return "null"
    return '""'


def field_lines(root: dict[str, Any], key: str, node: dict[str, Any], indent: int) -> list[str]:
    """YAML lines of one required field and, for objects and lists, of its required contents."""
    node = resolve(root, node)
    pad = " " * indent
    if node.get("type") == "object" and "oneOf" not in node:
        return [f"{pad}{key}:"] + object_lines(root, node, indent + 2)
    if node.get("type") == "array":
        return [f"{pad}{key}:"] + item_lines(root, resolve(root, node.get("items", {})), indent + 2)
    line = f"{pad}{key}: {placeholder(node)}"
    if "enum" not in node:
        return [line]
    choices = " | ".join(map(str, node["enum"]))
    if len(line) + len(choices) + 4 <= COMMENT_WIDTH:
        return [f"{line}  # {choices}"]
    return comment_lines(f"one of: {choices}", indent) + [line]


def object_lines(root: dict[str, Any], node: dict[str, Any], indent: int) -> list[str]:
    required = set(node.get("required", []))
    lines: list[str] = []
    for key, child in node.get("properties", {}).items():  # schema order reads naturally
        if key in required:
            lines += field_lines(root, key, child, indent)
    return lines


def item_lines(root: dict[str, Any], item: dict[str, Any], indent: int) -> list[str]:
    """One skeleton item of a list: `- ""`, or `- key: ""` with the item's other required keys."""
    if item.get("type") != "object" or "oneOf" in item:
        return [f"{' ' * indent}- {placeholder(item)}"]
    lines = object_lines(root, item, indent + 2)
    if lines:
        lines[0] = f"{' ' * indent}- {lines[0].lstrip()}"
    return lines


def skeleton(schema: dict[str, Any], collection: Collection, record_id: str, url: str | None = None) -> str:
    """The text of the new record file (with its `url` when one is given)."""
    lines = [
        f"# yaml-language-server: $schema=../schema/{collection.schema}",
        f"# New {Path(collection.schema).stem}: fill in each empty value, then run",
        "# `python -m scripts validate`: it names, line by line, every field still empty.",
    ]
    required = set(schema.get("required", [])) | set(schema.get("x-skeleton", []))
    if url is not None:
        required.add("url")
    for key, node in schema["properties"].items():
        if key not in required:
            continue
        if key == "id":
            lines.append(f"id: {record_id}")
            continue
        description = resolve(schema, node).get("description")
        if description:
            lines += comment_lines(description, 0)
        if key == "url" and url is not None:
            lines.append(f"url: {json.dumps(url)}")
            continue
        lines += field_lines(schema, key, node, 0)
    return "\n".join(lines) + "\n"


def source_with_url(data_root: Path, url: str) -> tuple[str, Path] | None:
    """(id, file) of the source whose `url` is the same page as `url` (same_url.normalised)."""
    wanted = normalised(url)
    if wanted is None:
        raise ScaffoldError(f"{url!r} is not an http(s) URL: write https://host/path")
    for path in sorted((data_root / "sources").glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the validator reports a broken file; not our concern here
        if isinstance(data, dict) and isinstance(data.get("url"), str) and normalised(data["url"]) == wanted:
            return str(data.get("id") or path.stem), path
    return None


def scaffold(kind: str, record_id: str, data_root: Path, url: str | None = None) -> Path:
    """Write data/<collection>/<id>.yaml and return its path; ScaffoldError when refused (a
    source whose URL is already a source's among them: one URL, one source)."""
    collection = collection_for(kind)
    if url is not None and collection.name != "sources":
        raise ScaffoldError("--url is for a source: `python -m scripts new source <id> --url URL`")
    schema = load_schema(data_root, collection)
    problem = id_problem(record_id, resolve(schema, schema["properties"]["id"])["pattern"])
    if problem:
        raise ScaffoldError(problem)
    path = data_root / collection.name / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: edit it instead, or choose another id")
    taken = id_taken_by(data_root, record_id)
    if taken:
        raise ScaffoldError(f"the id '{record_id}' is already used by {taken}: "
                            "ids are unique across the whole data set, choose another")
    if url is not None:
        existing = source_with_url(data_root, url)
        if existing is not None:
            raise ScaffoldError(f"this URL is already the source '{existing[0]}' ({existing[1]}): one URL, "
                                "one source; cite that id instead of writing a new source")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(skeleton(schema, collection, record_id, url))
    return path


def main(argv: list[str]) -> int:
    kinds = "|".join(Path(c.schema).stem for c in COLLECTIONS.values())
    parser = argparse.ArgumentParser(
        prog="python -m scripts new",
        description="Write the skeleton of a new record, every required field present and empty.")
    parser.add_argument("kind", metavar="KIND", help=kinds)
    parser.add_argument("id", help="the new record's id: lowercase letters, digits and hyphens")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--url", help="a source's own address, written into the skeleton; refused when "
                                      "a source already has it (one URL, one source)")
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.kind, args.id, args.data, args.url)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    print("next: fill in each empty value, then run `python -m scripts validate` "
          "until it reports no problem")
    return 0
