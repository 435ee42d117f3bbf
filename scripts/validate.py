"""Stage 2, validate: every record against its JSON Schema, then what a schema cannot check
(ids, references, ownership cycles, real dates, links). Every problem is collected, each at
the line of the offending value, with a message that says what to do.

Ids: entities, datasets, flows, sources, events AND the categories of data/categories.yaml
share one namespace. A reference is then just an id, and any id in an export or a graph
names exactly one thing; the cost (a category cannot be called like an entity) is small.
"""
from __future__ import annotations

import argparse
import datetime
import difflib
import functools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, ValidationError

from . import DATA_DIR, REPO_ROOT
from .collections import CATEGORIES_FILE, CATEGORIES_SCHEMA, COLLECTIONS
from .load import DATE_KEYS, LoadedData, Record, display_name, gc_paused, load_data
from .problems import DataError, Problem

SCHEMA_DIR = REPO_ROOT / "data" / "schema"

# What each reference may point to.
ENTITY = ("entities",)
FLOW_END = ("entities", "datasets")
SOURCE = ("sources",)
EVENT_SUBJECT = ("entities", "datasets", "flows")
CATEGORY = ("categories",)

SINGULAR = {"entities": "entity", "datasets": "dataset", "flows": "flow", "sources": "source",
            "events": "event", "categories": "category"}

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
URL_PATTERN = "^https?://[^\\s]+$"
URL_KEYS = frozenset({"url", "archive", "website", "policy", "opt_out"})
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_LINK_SCHEMES = ("http", "https", "mailto")
CHECKED_KEYS = DATE_KEYS | URL_KEYS | {"source"}  # the keys value_problems looks at

Path_ = tuple


# ---------------------------------------------------------------- public API

def validate(loaded: LoadedData, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every problem of a loaded data set (not those of loading), sorted by file and line."""
    with gc_paused():
        return validate_all(loaded, Path(schema_dir))


def validate_all(loaded: LoadedData, schema_dir: Path) -> list[Problem]:
    checks, stamp = fast_checks(schema_dir), schema_stamp(schema_dir)
    index = Index.build(loaded)
    problems = list(index.problems)
    for record in all_records(loaded):
        validator = functools.partial(jsonschema_validator, schema_dir, stamp, record.collection)
        problems += schema_problems(record, validator, checks[record.collection])
        problems += record_problems(record, index)
    problems += ownership_cycles(index)
    if loaded.categories is None and not (loaded.root / CATEGORIES_FILE).is_file():
        problems.append(Problem(display_name(loaded.root / CATEGORIES_FILE, loaded.root), 1,
                                "the vocabulary of data categories is missing: create it "
                                "(categories: [{id: address, label: Adresse postale}, ...])"))
    return sorted(set(problems))


def load_and_validate(data_root: Path) -> tuple[LoadedData, list[Problem]]:
    """Load then validate; the problems of both stages, sorted."""
    data_root = Path(data_root)
    if not data_root.is_dir():
        return (LoadedData(data_root, [], None, []),
                [Problem(data_root.as_posix(), 1, "no such data folder")])
    loaded = load_data(data_root)
    return loaded, sorted(set(loaded.problems + validate(loaded)))


def check(data_root: Path = DATA_DIR) -> LoadedData:
    """The loaded data set, or DataError with every problem (used to refuse a broken build)."""
    loaded, problems = load_and_validate(data_root)
    if problems:
        raise DataError(problems)
    return loaded


def summary(loaded: LoadedData) -> str:
    counts = defaultdict(int)
    for record in loaded.records:
        counts[record.collection] += 1
    parts = [f"{counts[name]} {name}" for name in COLLECTIONS]
    parts.append(f"{len(category_items(loaded))} categories")
    return ", ".join(parts)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts validate",
                                     description="Check every record in the data folder.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: workflow commands that annotate a pull request")
    args = parser.parse_args(argv)
    loaded, problems = load_and_validate(args.data)
    if not problems:
        print(f"ok: {summary(loaded)}")
        return 0
    for problem in problems:
        print(problem.github() if args.format == "github" else problem)
    files = len({p.file for p in problems})
    print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}",
          file=sys.stderr)
    return 1


# ---------------------------------------------------------------- schemas

SCHEMA_FILES = {**{name: c.schema for name, c in COLLECTIONS.items()}, "categories": CATEGORIES_SCHEMA}


def schema_validators(schema_dir: Path = SCHEMA_DIR) -> dict[str, Draft202012Validator]:
    """jsonschema's validator per collection: the reference the fast checks agree with, used
    to explain a record that fails its fast check."""
    schema_dir = Path(schema_dir)
    return {name: jsonschema_validator(schema_dir, schema_stamp(schema_dir), name) for name in SCHEMA_FILES}


def fast_checks(schema_dir: Path = SCHEMA_DIR) -> dict[str, Callable[[Any], bool] | None]:
    return compiled_schemas(Path(schema_dir), schema_stamp(Path(schema_dir)))[1]


def schema_stamp(schema_dir: Path) -> tuple[int, ...]:
    return tuple((schema_dir / file).stat().st_mtime_ns for file in SCHEMA_FILES.values())


@functools.lru_cache(maxsize=4)
def compiled_schemas(schema_dir: Path, stamp: tuple[int, ...]) -> tuple[dict, dict]:
    """(schemas, fast checks) per collection, read again only when a schema file changes (as
    under `mkdocs serve`)."""
    schemas, checks = {}, {}
    for name, file in SCHEMA_FILES.items():
        schemas[name] = json.loads((schema_dir / file).read_text(encoding="utf-8"))
        checks[name] = compile_check(schemas[name], schemas[name])
    return schemas, checks


@functools.lru_cache(maxsize=32)
def jsonschema_validator(schema_dir: Path, stamp: tuple[int, ...], name: str) -> Draft202012Validator:
    """Built only when a record needs explaining: checking a schema against the meta-schema
    takes half a second, more than validating 10,000 valid records with the fast checks (the
    test suite checks every schema against the meta-schema)."""
    schema = compiled_schemas(schema_dir, stamp)[0][name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(record: Record, validator: Callable[[], Draft202012Validator],
                    fast_check: Callable[[Any], bool] | None = None) -> list[Problem]:
    """`validator` gives jsonschema's validator, built only if the fast check fails."""
    if fast_check is not None and fast_check(record.data):
        return []
    problems = []
    for error in validator().iter_errors(record.data):
        for path, message, line_path in explain(error):
            problems.append(at(record, path, message, line_of=line_path))
    return problems


# A record that is valid costs ~1 ms in jsonschema (mostly $ref resolution), 10 s for 10,000
# records here. The schemas use a small set of keywords, so they are compiled once into plain
# Python predicates that only answer "valid or not"; jsonschema, the reference, then explains
# the few records that fail. A schema using any other keyword is left to jsonschema alone.
# tests/test_validate.py checks that both agree on mutated records.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default",
                         "examples"})
JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
                         or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    pass


def compile_check(schema: dict, root: dict) -> Callable[[Any], bool] | None:
    try:
        return compile_node(schema, root, {})
    except Unsupported:
        return None


def compile_node(schema: Any, root: dict, refs: dict) -> Callable[[Any], bool]:
    if schema is True or schema == {}:
        return lambda value: True
    if not isinstance(schema, dict) or not set(schema) <= ANNOTATIONS | set(KEYWORDS):
        raise Unsupported(schema)
    # "type" first: it is the cheapest and the one most often wrong.
    checks = [KEYWORDS[key](schema, root, refs) for key in sorted(schema, key=lambda k: k != "type")
              if key in KEYWORDS]
    if len(checks) == 1:
        return checks[0]

    def check_all(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True
    return check_all


def compile_ref(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    ref = schema["$ref"]
    if not ref.startswith("#/$defs/") or "/" in ref[len("#/$defs/"):]:
        raise Unsupported(ref)
    if ref not in refs:
        refs[ref] = None  # a recursive $ref would loop: not used by our schemas
        refs[ref] = compile_node(root["$defs"][ref[len("#/$defs/"):]], root, refs)
    if refs[ref] is None:
        raise Unsupported(ref)
    return refs[ref]


def compile_type(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    if isinstance(schema["type"], str):
        return JSON_TYPES[schema["type"]]
    tests = [JSON_TYPES[t] for t in schema["type"]]
    return lambda value: any(test(value) for test in tests)


def compile_properties(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    subs = {key: compile_node(sub, root, refs) for key, sub in schema["properties"].items()}

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            sub = subs.get(key)
            if sub is not None and not sub(item):
                return False
        return True
    return check


def compile_additional(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    if schema["additionalProperties"] is not False or "patternProperties" in schema:
        raise Unsupported("additionalProperties")
    allowed = frozenset(schema.get("properties", {}))
    return lambda value: not isinstance(value, dict) or allowed.issuperset(value)


def compile_required(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    required = tuple(schema["required"])
    return lambda value: not isinstance(value, dict) or all(key in value for key in required)


def compile_enum(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    if not all(isinstance(item, str) for item in schema["enum"]):
        raise Unsupported("enum")  # JSON equality of 1, 1.0 and true differs from Python's
    allowed = frozenset(schema["enum"])
    return lambda value: isinstance(value, str) and value in allowed


def compile_pattern(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    search = re.compile(schema["pattern"]).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def compile_min_length(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    minimum = schema["minLength"]
    return lambda value: not isinstance(value, str) or len(value) >= minimum


def compile_min_items(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    minimum = schema["minItems"]
    return lambda value: not isinstance(value, list) or len(value) >= minimum


def compile_minimum(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    bound, is_number = schema["minimum"], JSON_TYPES["number"]
    return lambda value: not is_number(value) or value >= bound


def compile_maximum(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    bound, is_number = schema["maximum"], JSON_TYPES["number"]
    return lambda value: not is_number(value) or value <= bound


def compile_items(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    sub = compile_node(schema["items"], root, refs)

    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not sub(item):
                    return False
        return True
    return check


def compile_one_of(schema: dict, root: dict, refs: dict) -> Callable[[Any], bool]:
    subs = [compile_node(sub, root, refs) for sub in schema["oneOf"]]

    def check(value: Any) -> bool:
        valid = 0
        for sub in subs:
            valid += sub(value)
        return valid == 1
    return check


KEYWORDS: dict[str, Callable[[dict, dict, dict], Callable[[Any], bool]]] = {
    "$ref": compile_ref, "type": compile_type, "properties": compile_properties,
    "additionalProperties": compile_additional, "required": compile_required, "enum": compile_enum,
    "pattern": compile_pattern, "minLength": compile_min_length, "minItems": compile_min_items,
    "minimum": compile_minimum, "maximum": compile_maximum, "items": compile_items,
    "oneOf": compile_one_of,
}


def explain(error: ValidationError) -> Iterator[tuple[Path_, str, Path_]]:
    """(path, message, path of the line to show) in words a contributor can act on."""
    path = tuple(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind in ("oneOf", "anyOf"):
        yield from explain_choice(error, path)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                yield path, unknown_field(key, allowed), path + (key,)  # at the key's own line
    elif kind == "required" and isinstance(instance, dict):
        for name in value:
            if name not in instance:
                yield path, f"missing required field '{name}'{REQUIRED_HINTS.get(name, '')}", path
    else:
        yield path, explain_value(kind, value, instance, path, error), path


def explain_value(kind: str, value: Any, instance: Any, path: Path_, error: ValidationError) -> str:
    if kind == "type":
        return wrong_type(path, value, instance)
    if kind == "enum":
        return (f"{clip(instance)} is not an allowed value{did_you_mean(str(instance), value)}; "
                f"use one of: {', '.join(map(str, value))}")
    if kind == "pattern":
        return wrong_form(path, value, instance)
    if kind == "minLength":
        return blank_quote() if path[-1:] == ("quote",) else "must not be empty"
    if kind == "minItems":
        return too_few(error.schema, value)
    if kind == "minimum":
        return f"must be at least {value} (got {instance})"
    if kind == "maximum":
        percentage = " (a percentage)" if path[-1:] == ("share",) else ""
        return f"must be at most {value}{percentage} (got {instance})"
    return error.message


REQUIRED_HINTS = {
    "id": " (the file name without .yaml)",
    "sources": " (at least one citation: {source: <source id>, quote: \"<verbatim excerpt>\"})",
    "fr": " (French text is required; English is optional)",
    "quote": " (a verbatim excerpt of the source, copied character for character)",
}


def explain_choice(error: ValidationError, path: Path_) -> Iterator[tuple[Path_, str, Path_]]:
    # The branch of the right type explains best: for `text: {fr: x, de: y}` the mapping
    # branch says "unknown field 'de'", which beats "not valid under any of the schemas".
    specific = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
    if specific:
        for sub in specific:
            yield from explain(sub)
        return
    if error.instance is None:
        yield path, "has no value: write one, or remove the field", path
    elif is_text_schema(error.schema):
        got = describe(error.instance)
        yield path, f"must be text: a string, or a mapping {{fr: ..., en: ...}} (got {got})", path
    else:
        yield path, error.message, path


def is_text_schema(schema: dict) -> bool:
    branches = schema.get("oneOf", [])
    return any(b.get("type") == "object" and b.get("required") == ["fr"] for b in branches)


def unknown_field(key: str, allowed: list[str]) -> str:
    hint = did_you_mean(key, allowed)
    if not hint:
        hint = f"; allowed here: {', '.join(k for k in allowed if k != '$schema')}"
    return f"unknown field '{key}'{hint}"


TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of `key: value` lines",
              "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def wrong_type(path: Path_, expected: Any, instance: Any) -> str:
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if expected == "string" and isinstance(instance, bool):
        return (f"got {str(instance).lower()}: YAML reads unquoted yes, no, on, off, true, false "
                "as true/false; put the text in quotes")
    if expected == "string" and isinstance(instance, (int, float)) and key == "siren":
        # not echoed: unquoted, 012345670 is already another number (octal) for YAML
        return "must be text: put the SIREN in quotes, digit for digit as the source gives it"
    if expected == "string" and isinstance(instance, (int, float)):
        return f"must be text, not a number: put it in quotes ({key}: \"{instance}\")"
    if instance is None:
        return "has no value: write one, or remove the field"
    if expected == "array" and isinstance(instance, (str, int, float)):
        return f"must be a list: write [{clip(instance, quoted=False)}] or one `- item` per line"
    return f"must be {TYPE_WORDS.get(expected, expected)}, not {describe(instance)}"


def describe(instance: Any) -> str:
    if isinstance(instance, bool):
        return "true/false"
    if isinstance(instance, (int, float)):
        return "a number"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, dict):
        return "a mapping"
    return "nothing" if instance is None else "text"


def wrong_form(path: Path_, pattern: str, instance: Any) -> str:
    if pattern == ID_PATTERN:
        slug = slugify(str(instance))
        example = f", e.g. '{slug}'" if slug and slug != instance else ""
        return f"{clip(instance)} is not a valid id: use lowercase letters, digits and single hyphens{example}"
    if pattern == DATE_PATTERN:
        return f"{clip(instance)} is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-03-21)"
    if pattern == URL_PATTERN:
        return url_problem(str(instance))
    if pattern == "\\S":
        return blank_quote()
    if path[-1:] == ("siren",):
        return f"{clip(instance)} is not a SIREN: it is exactly 9 digits, without spaces"
    if path[-1:] == ("wikidata",):
        return f"{clip(instance)} is not a Wikidata id: Q followed by digits (e.g. Q42)"
    if path[-1:] == ("language",):
        return f"{clip(instance)} is not a language code: two lowercase letters (fr, en...)"
    return f"{clip(instance)} does not have the expected form {pattern}"


def blank_quote() -> str:
    return "the quote is empty: copy the verbatim excerpt of the source that supports this"


def url_problem(url: str) -> str:
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    if scheme and scheme.isalpha() and scheme not in ("http", "https"):
        return f"{clip(scheme + ':')} links are not allowed: only http:// or https:// URLs"
    if any(c.isspace() for c in url):
        return "a URL cannot contain spaces: encode them as %20"
    return f"{clip(url)} is not an http(s) URL: it must start with https:// (or http://)"


def too_few(schema: dict, minimum: int) -> str:
    items = schema.get("items", {}).get("$ref", "")
    if items.endswith("/citation"):
        return "needs at least one citation: {source: <source id>, quote: \"<verbatim excerpt>\"}"
    if items.endswith("/claim"):
        return "needs at least one claim: {id, text, status, sources}"
    return f"needs at least {minimum} item{'s' * (minimum != 1)}"


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


# ---------------------------------------------------------------- the id index

@dataclass
class Index:
    """Every id, built once, so that each check is a dict lookup."""
    collection_of: dict[str, str] = field(default_factory=dict)  # id -> collection
    record_of: dict[str, Record] = field(default_factory=dict)  # id -> first record with it
    ids_in: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    renamed: dict[str, str] = field(default_factory=dict)  # previous id -> current id
    entities: dict[str, Record] = field(default_factory=dict)
    categories_unknown: bool = False  # categories.yaml missing or unreadable
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def build(cls, loaded: LoadedData) -> Index:
        index = cls()
        users: dict[str, list[tuple[Record, Path_, str]]] = defaultdict(list)
        for record in loaded.records:
            if record.id is not None:
                users[record.id].append((record, ("id",), record.file))
                index.add(record.id, record.collection, record)
                if record.collection == "entities":
                    index.entities.setdefault(record.id, record)
        # Names of files that are broken or whose id differs from the file name count as
        # known ids: one mistake is reported once, not again at every reference to it.
        for record in loaded.records:
            if record.id != record.stem:
                index.add(record.stem, record.collection, None)
        for collection, path in loaded.unreadable:
            index.add(path.stem, collection, None)
        index.categories_unknown = loaded.categories is None
        for position, item in category_items(loaded):
            users[item["id"]].append((loaded.categories, position + ("id",), loaded.categories.file))
            index.add(item["id"], "categories", None)
        index.problems += duplicate_ids(users)
        index.problems += index.index_previous_ids(loaded)
        return index

    def add(self, id_: str, collection: str, record: Record | None) -> None:
        if id_ not in self.collection_of:
            self.collection_of[id_] = collection
            self.ids_in[collection].append(id_)
            if record is not None:
                self.record_of[id_] = record

    def index_previous_ids(self, loaded: LoadedData) -> list[Problem]:
        problems = []
        for record in loaded.records:
            old_ids = record.data.get("previous_ids")
            if not isinstance(old_ids, list) or record.id is None:
                continue
            for i, old in enumerate(old_ids):
                if not isinstance(old, str):
                    continue
                path = ("previous_ids", i)
                if old in self.collection_of:
                    owner = self.record_of.get(old)
                    where = f" ({owner.file})" if owner and owner is not record else ""
                    problems.append(at(record, path, f"{clip(old)} is a live id{where}: a previous id "
                                                     "must be one that no record uses any more"))
                elif old in self.renamed and self.renamed[old] != record.id:
                    problems.append(at(record, path, f"{clip(old)} is already a previous id of "
                                                     f"'{self.renamed[old]}': an old URL can "
                                                     "redirect to one record only"))
                else:
                    self.renamed[old] = record.id
        return problems


def category_items(loaded: LoadedData) -> list[tuple[Path_, dict]]:
    """The well-formed items of categories.yaml (the schema reports the others)."""
    if loaded.categories is None or not isinstance(loaded.categories.data.get("categories"), list):
        return []
    return [(("categories", i), item) for i, item in enumerate(loaded.categories.data["categories"])
            if isinstance(item, dict) and isinstance(item.get("id"), str)]


def duplicate_ids(users: dict[str, list[tuple[Record, Path_, str]]]) -> list[Problem]:
    problems = []
    for id_, uses in users.items():
        if len(uses) < 2:
            continue
        for record, path, _file in uses:
            others = [f"{other}:{rec.line(p)}" for rec, p, other in uses if (rec, p) != (record, path)]
            problems.append(at(record, path, f"{clip(id_)} is also the id of {', '.join(others)}: "
                                             "ids are unique across the whole data set"))
    return problems


# ---------------------------------------------------------------- one record

def record_problems(record: Record, index: Index) -> list[Problem]:
    problems: list[Problem] = []
    data = record.data
    if record.collection != "categories":
        if record.id is not None and record.id != record.stem and re.fullmatch(ID_PATTERN, record.id):
            problems.append(at(record, ("id",), f"id '{record.id}' does not match the file name "
                                                f"{record.path.name}: rename the file to "
                                                f"{record.id}.yaml, or fix the id"))
    check = functools.partial(reference, record, index, problems)
    for i, owner in enumerate(items(data, "owners")):
        check(("owners", i, "owner"), owner.get("owner"), ENTITY)
        problems += period_problems(record, ("owners", i), owner)
    if record.collection == "flows":
        check(("from",), data.get("from"), FLOW_END)
        check(("to",), data.get("to"), FLOW_END)
        problems += period_problems(record, (), data)
    if record.collection == "datasets":
        check(("holder",), data.get("holder"), ENTITY)
    if record.collection in ("datasets", "flows"):
        for i, category in enumerate(list_of(data, "categories")):
            if not index.categories_unknown:
                check(("categories", i), category, CATEGORY)
    if record.collection == "sources":
        check(("via",), data.get("via"), SOURCE)
        if data.get("via") is not None and data.get("via") == record.id:
            problems.append(at(record, ("via",), "a source cannot relay itself: remove `via`"))
        problems += source_metadata_problems(record)
    if record.collection == "events":
        for i, subject in enumerate(list_of(data, "entities")):
            check(("entities", i), subject, EVENT_SUBJECT)
    problems += claim_id_problems(record)
    for path, key, value in walk_strings(data, ()):
        if key in CHECKED_KEYS or "](" in value:
            problems += value_problems(record, index, path, key, value)
    return problems


def source_metadata_problems(record: Record) -> list[Problem]:
    """A source shows its own title, or says in `description` what it is when it has none; a
    publication date and `undated: true` exclude each other."""
    data, problems = record.data, []
    if "title" in data and "description" in data:
        problems.append(at(record, ("description",), "a source with a title needs no `description` "
                                                     "(say what it is in `summary`): remove one"))
    elif "title" not in data and "description" not in data:
        problems.append(at(record, (), "missing field 'title': copy the title the page gives itself; "
                                       "if it shows none, write `description:` (what it is, in plain words)"))
    if "published" in data and "undated" in data:
        problems.append(at(record, ("undated",), "`undated: true` and `published` contradict each other: "
                                                 "keep `published` if the page shows a date"))
    return problems


def reference(record: Record, index: Index, problems: list[Problem], path: Path_, value: Any,
              allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str):
        return  # absent, or the schema reports the wrong type
    found = index.collection_of.get(value)
    if found in allowed:
        return
    wanted = " or ".join(SINGULAR[c] for c in allowed)
    if found is not None:
        message = f"{clip(value)} is {with_article(SINGULAR[found])}, not {with_article(wanted)}"
    elif value in index.renamed:
        message = f"{clip(value)} was renamed to '{index.renamed[value]}': use the new id"
    else:
        candidates = [i for c in allowed for i in index.ids_in[c]]
        message = f"unknown id {clip(value)}" + (did_you_mean(value, candidates) or f": no {wanted} has this id")
    problems.append(at(record, path, message))


def period_problems(record: Record, path: Path_, mapping: dict) -> list[Problem]:
    since, until = mapping.get("since"), mapping.get("until")
    if not (isinstance(since, str) and isinstance(until, str)):
        return []
    if not (real_date(since) and real_date(until)):
        return []  # reported as not a real date
    shared = min(len(since), len(until))  # compare 2019 with 2019-05 at the year's precision
    if until[:shared] < since[:shared]:
        return [at(record, path + ("until",), f"{until} is before since ({since})")]
    return []


def claim_id_problems(record: Record) -> list[Problem]:
    problems, first_use = [], {}
    for i, claim in enumerate(items(record.data, "claims")):
        claim_id = claim.get("id")
        if not isinstance(claim_id, str):
            continue
        path = ("claims", i, "id")
        if claim_id in first_use:
            problems.append(at(record, path, f"claim id '{claim_id}' is already used at line "
                                             f"{record.line(first_use[claim_id])}: claim ids are unique "
                                             "within a record"))
        else:
            first_use[claim_id] = path
    return problems


def walk_strings(value: Any, path: Path_) -> Iterator[tuple[Path_, Any, str]]:
    """(path, key, text) for every string; key is the nearest mapping key."""
    stack = [(path, None, value)]
    while stack:
        path, key, value = stack.pop()
        if isinstance(value, str):
            yield path, key, value
        elif isinstance(value, dict):
            stack.extend([(path + (k,), k, v) for k, v in value.items()])
        elif isinstance(value, list):
            stack.extend([(path + (i,), key, v) for i, v in enumerate(value)])


def value_problems(record: Record, index: Index, path: Path_, key: Any, value: str) -> list[Problem]:
    if key in DATE_KEYS and path[-1] == key and re.fullmatch(DATE_PATTERN, value):
        reason = date_problem(value)
        return [at(record, path, f"'{value}' is not a real date ({reason})")] if reason else []
    if key == "source" and path[-1] == key and len(path) >= 3 and path[-3] == "sources":
        problems: list[Problem] = []
        reference(record, index, problems, path, value, SOURCE)
        return problems
    if key in URL_KEYS and path[-1] == key and re.match(r"https?://", value):
        try:
            host = urlsplit(value).hostname
        except ValueError as error:  # e.g. an unbalanced [ in the host
            return [at(record, path, f"{clip(value)} is not a valid URL ({error})")]
        return [] if host else [at(record, path, f"{clip(value)} has no host name: write https://host/path")]
    if "](" in value:
        return [at(record, path, f"link to {clip(target)}: {url_problem(target)}")
                for target in MARKDOWN_LINK.findall(value) if unsafe_link(target)]
    return []


def date_problem(value: str) -> str | None:
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    try:
        datetime.date(max(year, 1), month, day)
    except ValueError:
        return f"{datetime.date(2000, month, 1):%B} has no day {day:02d}" if month != 2 else \
            f"February {year} has no day {day:02d}"
    return None


def real_date(value: str) -> bool:
    return bool(re.fullmatch(DATE_PATTERN, value)) and date_problem(value) is None


def unsafe_link(target: str) -> bool:
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return bool(scheme) and scheme.group(1).lower() not in SAFE_LINK_SCHEMES


# ---------------------------------------------------------------- the whole graph

def ownership_cycles(index: Index) -> list[Problem]:
    """Each cycle once, at the owner reference that closes it (depth-first search)."""
    entities = index.entities
    problems, state, trail = [], {}, []

    def owners_of(entity_id: str) -> Iterator[tuple[int, str]]:
        for i, owner in enumerate(items(entities[entity_id].data, "owners")):
            if isinstance(owner.get("owner"), str) and owner["owner"] in entities:
                yield i, owner["owner"]

    for start in sorted(entities):
        if start in state:
            continue
        state[start], trail[:] = "open", [start]
        stack = [(start, owners_of(start))]
        while stack:
            node, edges = stack[-1]
            for i, owner in edges:
                if state.get(owner) == "open":
                    cycle = trail[trail.index(owner):] + [owner]
                    problems.append(at(entities[node], ("owners", i, "owner"),
                                       "ownership cycle (each is owned by the next): "
                                       f"{' → '.join(cycle)}"))
                elif owner not in state:
                    state[owner] = "open"
                    trail.append(owner)
                    stack.append((owner, owners_of(owner)))
                    break
            else:
                state[node] = "done"
                trail.pop()
                stack.pop()
    return problems


# ---------------------------------------------------------------- helpers

def all_records(loaded: LoadedData) -> list[Record]:
    return loaded.records + ([loaded.categories] if loaded.categories is not None else [])


def items(data: dict, key: str) -> list[dict]:
    """The mappings in the list `data[key]`, tolerating any malformed shape."""
    value = data.get(key)
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def list_of(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def with_article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def did_you_mean(value: str, candidates: Any) -> str:
    close = difflib.get_close_matches(value, [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def label(path: Path_) -> str:
    """("owners", 0, "owner") -> "owners[0].owner"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def clip(value: Any, quoted: bool = True, limit: int = 60) -> str:
    """A contributor's value inside a message: on one line, and short."""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{text}'" if quoted else text


def at(record: Record, path: Path_, message: str, line_of: Path_ | None = None) -> Problem:
    prefix = label(path)
    line = record.line(path if line_of is None else line_of)
    message = f"{prefix}: {message}" if prefix else message
    return Problem(record.file, line, message.replace("\n", " ").replace("\r", " "))
