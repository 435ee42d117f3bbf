"""`python -m scripts new KIND ID [--url URL] [--owner ID]` (`make new KIND=… ID=…`): write the
skeleton of a new record. The validator then names each empty field at its line until it is
filled in.

The fields come from data/schema/*.json, never from a list kept here, so the skeleton follows
the data contract when it changes:
- every field the schema requires, and those of its `x-skeleton` (optional fields a record of
  the kind usually has), as empty values under their description;
- the fields of its `x-skeleton-commented` as commented-out examples (`# owners:` ...) that show
  every key an item takes: a contributor removes the `# ` to use one;
- `--url` (a source) writes the URL, and stops when that URL is already a source (cite that
  one); `--owner` (an entity) writes the owner link, its citation left to fill in."""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

from .. import DATA_DIR
from ..load.yaml_lines import read_file
from ..model.collections import CATEGORIES_FILE, COLLECTIONS, Collection
from ..model.messages import LANGUAGES, say, set_language
from ..validate.same_url import normalised

COMMENT_WIDTH = 100
PLAIN_SCALAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:/?&=%._~+,;@!$()*'-]*$")  # needs no quotes in YAML


class ScaffoldError(Exception):
    """A request we refuse, with the reason and what to do instead."""


def collection_for(kind: str) -> Collection:
    """`entity` or `entities` -> the entities collection (singular = the schema's file name)."""
    for collection in COLLECTIONS.values():
        if kind in (collection.name, Path(collection.schema).stem):
            return collection
    choices = ", ".join(Path(c.schema).stem for c in COLLECTIONS.values())
    raise ScaffoldError(say("new.unknown_kind", kind=kind, choices=choices))


def load_schema(data_root: Path, collection: Collection) -> dict[str, Any]:
    """The collection's schema: from the data folder's schema/ when it has one, else the repository's."""
    for folder in (data_root / "schema", DATA_DIR / "schema"):
        path = folder / collection.schema
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise ScaffoldError(say("new.no_schema", schema=collection.schema, folder=data_root / "schema"))


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
        reason = say("new.id_empty")
    elif record_id != record_id.lower():
        reason = say("new.id_capitals")
    elif record_id.startswith("-") or record_id.endswith("-"):
        reason = say("new.id_hyphen_end")
    elif "--" in record_id:
        reason = say("new.id_double_hyphen")
    else:
        bad = sorted({c for c in record_id if not re.fullmatch(r"[a-z0-9-]", c)})
        reason = say("new.id_characters", characters=" ".join(repr(c) for c in bad))
    return say("new.bad_id", id=record_id, reason=reason)


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
            return say("new.taken_by_category", path=categories)
    return None


def sources_with_url(data_root: Path, url: str) -> list[str]:
    """Ids of the sources whose `url` is the same page as this one (validate/same_url.py)."""
    wanted, found = normalised(url), []
    if wanted is None:
        raise ScaffoldError(say("new.not_a_url", url=url))
    for path in sorted((data_root / "sources").glob("*.yaml")):
        data = read_file(str(path))[0]
        if isinstance(data, dict) and isinstance(data.get("url"), str) and normalised(data["url"]) == wanted:
            found.append(data["id"] if isinstance(data.get("id"), str) else path.stem)
    return found


def owner_problem(data_root: Path, owner: str) -> str | None:
    """Why `owner` cannot be written as the owner of a new entity; None when it is an entity."""
    if (data_root / "entities" / f"{owner}.yaml").is_file():
        return None
    entities = [path.stem for path in (data_root / "entities").glob("*.yaml")]
    close = difflib.get_close_matches(owner, entities, n=1, cutoff=0.6)
    hint = say("schema.did_you_mean", value=close[0]) if close else say("new.add_owner_first")
    return say("new.unknown_owner", owner=owner, hint=hint)


# -- the lines of the skeleton

def comment_lines(text: str, indent: int) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(text, COMMENT_WIDTH - len(prefix), initial_indent=prefix, subsequent_indent=prefix)


def scalar(node: dict[str, Any], value: Any = None) -> str:
    """A scalar field's value: the one given, the only one allowed, or an empty value that
    fails the schema, so that the validator points at it."""
    if value is None and len(node.get("enum", [])) == 1:
        value = node["enum"][0]
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return value if PLAIN_SCALAR.match(value) else json.dumps(value, ensure_ascii=False)
    return "null" if node.get("type") in ("number", "integer", "boolean") else '""'


def hinted(line: str, node: dict[str, Any], indent: int, describe: bool) -> list[str]:
    """`line`, and after it the allowed values (or, in an example, the field's description)
    when they fit on the line; allowed values that do not fit go above it."""
    if "enum" in node and len(node["enum"]) > 1:
        choices = " | ".join(map(str, node["enum"]))
        if len(line) + len(choices) + 4 <= COMMENT_WIDTH:
            return [f"{line}  # {choices}"]
        return comment_lines(say("new.one_of", choices=choices), indent) + [line]
    room = COMMENT_WIDTH - len(line) - 4
    about = first_sentence(node.get("description", ""), room) if describe else ""
    return [f"{line}  # {about}"] if about else [line]


def first_sentence(description: str, room: int) -> str:
    """The description's first sentence, without its asides if it needs the room; "" if it
    does not fit in `room` characters."""
    sentence = re.split(r"(?<!e\.g)(?<!i\.e)[.;](?:\s|$)", description, maxsplit=1)[0].strip()
    if len(sentence) > room:
        sentence = re.sub(r"\s*\([^)]*\)", "", sentence)
    return sentence if len(sentence) <= room else ""


# How much of an object a skeleton shows: its required keys only (REQUIRED), those and its
# optional keys commented out (HINTED), or every key (ALL: an example, commented out as a whole).
REQUIRED, HINTED, ALL = "required", "hinted", "all"


def field_lines(root: dict[str, Any], key: str, node: dict[str, Any], indent: int,
                value: Any = None, mode: str = REQUIRED) -> list[str]:
    """YAML lines of one field and, for objects and lists, of their contents."""
    node = resolve(root, node)
    pad = " " * indent
    if node.get("type") == "object" and "oneOf" not in node:
        return [f"{pad}{key}:"] + object_lines(root, node, indent + 2, value or {}, mode)
    if node.get("type") == "array":
        lines = [f"{pad}{key}:"]
        for item_value in value if isinstance(value, list) and value else [None]:
            lines += item_lines(root, resolve(root, node.get("items", {})), indent + 2, item_value, mode)
        return lines
    return hinted(f"{pad}{key}: {scalar(node, value)}", node, indent, describe=mode != REQUIRED)


def object_lines(root: dict[str, Any], node: dict[str, Any], indent: int, values: dict[str, Any],
                 mode: str) -> list[str]:
    required = set(node.get("required", []))
    lines: list[str] = []
    for key, child in node.get("properties", {}).items():  # schema order reads naturally
        if key in required or key in values or mode == ALL:
            lines += field_lines(root, key, child, indent, values.get(key), mode)
        elif mode == HINTED:
            lines += commented_out(field_lines(root, key, child, indent, None, ALL))
    return lines


def item_lines(root: dict[str, Any], item: dict[str, Any], indent: int, value: Any, mode: str) -> list[str]:
    """One item of a list: `- ""`, or `- key: ""` with the item's other keys under it."""
    if item.get("type") != "object" or "oneOf" in item:
        return hinted(f"{' ' * indent}- {scalar(item, value)}", item, indent, describe=False)
    lines = object_lines(root, item, indent + 2, value or {}, mode)
    first = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), None)
    if first is not None:
        lines[first] = f"{' ' * indent}- {lines[first].lstrip()}"
    return lines


def commented_out(lines: list[str]) -> list[str]:
    """`  key: x` -> `  # key: x`: the same line, inactive; remove `# ` to use it."""
    out = []
    for line in lines:
        body = line.lstrip(" ")
        out.append(line if body.startswith("#") else f"{line[: len(line) - len(body)]}# {body}")
    return out


def example_lines(root: dict[str, Any], key: str, node: dict[str, Any]) -> list[str]:
    """A top-level optional field as a commented-out example with every key its items take."""
    node = resolve(root, node)
    if node.get("type") in ("object", "array") and "oneOf" not in node:
        lines = field_lines(root, key, node, 0, None, ALL)
    else:  # its description is the comment above it
        lines = hinted(f"{key}: {scalar(node)}", node, 0, describe=False)
    return [line if line.startswith("#") else f"# {line}" for line in lines]


def skeleton(schema: dict[str, Any], collection: Collection, record_id: str,
             values: dict[str, Any] | None = None) -> str:
    """The text of the new record file; `values` fills in some fields ({"url": ...})."""
    values = values or {}
    lines = [f"# yaml-language-server: $schema=../schema/{collection.schema}"]
    lines += comment_lines(say("new.header", kind=Path(collection.schema).stem), 0)
    required = set(schema.get("required", [])) | set(schema.get("x-skeleton", []))
    examples = set(schema.get("x-skeleton-commented", []))
    for key, node in schema["properties"].items():
        if key == "id":
            lines.append(f"id: {record_id}")
            continue
        if key not in required | examples and key not in values:
            continue
        description = resolve(schema, node).get("description")
        if description:
            lines += comment_lines(description, 0)
        if key in required:
            lines += field_lines(schema, key, node, 0, values.get(key))
        elif key in values:
            lines += field_lines(schema, key, node, 0, values[key], HINTED)
        else:
            lines += example_lines(schema, key, node)
    return "\n".join(lines) + "\n"


def scaffold(kind: str, record_id: str, data_root: Path, url: str | None = None,
             owner: str | None = None) -> Path:
    """Write data/<collection>/<id>.yaml and return its path; ScaffoldError when refused."""
    collection = collection_for(kind)
    if url is not None and collection.name != "sources":
        raise ScaffoldError(say("new.url_is_for_sources"))
    if owner is not None and collection.name != "entities":
        raise ScaffoldError(say("new.owner_is_for_entities"))
    schema = load_schema(data_root, collection)
    problem = id_problem(record_id, resolve(schema, schema["properties"]["id"])["pattern"])
    if problem:
        raise ScaffoldError(problem)
    path = data_root / collection.name / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(say("new.exists", path=path))
    taken = id_taken_by(data_root, record_id)
    if taken:
        raise ScaffoldError(say("new.taken", id=record_id, where=taken))
    values: dict[str, Any] = {}
    if url is not None:
        same = sources_with_url(data_root, url)
        if same:
            raise ScaffoldError(say("new.known_url", url=url, ids=", ".join(same), first=same[0]))
        values["url"] = url
    if owner is not None:
        problem = owner_problem(data_root, owner)
        if problem:
            raise ScaffoldError(problem)
        values["owners"] = [{"owner": owner}]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(skeleton(schema, collection, record_id, values))
    return path


def shown(path: Path) -> str:
    """The path as the contributor would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    kinds = "|".join(Path(c.schema).stem for c in COLLECTIONS.values())
    parser = argparse.ArgumentParser(
        prog="python -m scripts new",
        description="Write the skeleton of a new record, every required field present and empty.")
    parser.add_argument("kind", metavar="KIND", help=kinds)
    parser.add_argument("id", help="the new record's id: lowercase letters, digits and hyphens")
    parser.add_argument("--url", help="a source's URL (refused when a source already has it)")
    parser.add_argument("--owner", help="an entity's owner: the id of an existing entity")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the messages and of the skeleton's "
                                                          "header (default: French in a French locale)")
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        path = scaffold(args.kind, args.id, args.data, url=args.url, owner=args.owner)
    except ScaffoldError as error:
        print(say("new.error", error=error), file=sys.stderr)
        return 1
    print(say("new.wrote", path=shown(path)))
    print(say("new.next"))
    return 0
