"""Each record against the JSON Schema of its collection (data/schema/): a compiled fast check
first (fast_schema.py), and jsonschema, the reference, to explain the few records that fail."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .. import REPO_ROOT
from ..model.collections import CATEGORIES_SCHEMA, COLLECTIONS
from ..model.problems import Problem
from ..model.records import Record
from .fast_schema import compile_check
from .messages import at, explain

SCHEMA_DIR = REPO_ROOT / "data" / "schema"


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
