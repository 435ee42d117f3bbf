"""Stage 2, validate: every record against its JSON Schema (schemas.py, fast_schema.py), then
what a schema cannot check: ids and references (ids.py, references.py), values (values.py),
ownership cycles (graph.py), ways out and data-protection contacts as
sources state them (rights.py), dates and figures found in the quotes they cite (evidence.py,
figures.py), one source per URL (same_url.py). Every problem is collected, each at the line of
the offending value, with a message that says what to do (messages.py). `python -m scripts validate`: command.py.

Ids: entities, datasets, flows, sources, events AND the categories of data/categories.yaml
share one namespace. A reference is then just an id, and any id in an export or a graph
names exactly one thing; the cost (a category cannot be called like an entity) is small.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

from .. import DATA_DIR
from ..load import display_name, gc_paused, load_data
from ..model.collections import CATEGORIES_FILE, COLLECTIONS
from ..model.messages import counted, say
from ..model.problems import DataError, Problem
from ..model.records import LoadedData
from .evidence import evidence_problems
from .graph import ownership_cycles
from .ids import IdIndex, category_items
from .references import all_records, record_problems
from .rights import rights_problems
from .same_url import duplicate_urls
from .schemas import SCHEMA_DIR, fast_checks, jsonschema_validator, schema_problems, schema_stamp


def validate(loaded: LoadedData, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every problem of a loaded data set (not those of loading), sorted by file and line."""
    with gc_paused():
        return validate_all(loaded, Path(schema_dir))


def validate_all(loaded: LoadedData, schema_dir: Path) -> list[Problem]:
    checks, stamp = fast_checks(schema_dir), schema_stamp(schema_dir)
    index = IdIndex.build(loaded)
    problems = list(index.problems)
    for record in all_records(loaded):
        validator = functools.partial(jsonschema_validator, schema_dir, stamp, record.collection)
        problems += schema_problems(record, validator, checks[record.collection])
        problems += record_problems(record, index)
        problems += rights_problems(record, index)
    problems += ownership_cycles(index)
    problems += evidence_problems(loaded, index)
    problems += duplicate_urls(loaded)
    if loaded.categories is None and not (loaded.root / CATEGORIES_FILE).is_file():
        problems.append(Problem(display_name(loaded.root / CATEGORIES_FILE, loaded.root), 1, say("data.no_categories")))
    return sorted(set(problems))


def load_and_validate(data_root: Path) -> tuple[LoadedData, list[Problem]]:
    """Load then validate; the problems of both stages, sorted."""
    data_root = Path(data_root)
    if not data_root.is_dir():
        return (LoadedData(data_root, [], None, []),
                [Problem(data_root.as_posix(), 1, say("data.no_folder"))])
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
    parts = [counted(counts[name], name) for name in COLLECTIONS]
    parts.append(counted(len(category_items(loaded)), "categories"))
    return ", ".join(parts)


