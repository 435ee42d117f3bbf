"""What may be a mistake but is not always one: printed by `python -m scripts validate` beside the
problems, never failing it.

- a record that states nothing with a source: it holds no citation, and no cited statement of
  another record concerns it (an owner link to it, a flow from or to it, a data file it holds,
  an event that names it);
- a subsidiary without its owner: an entity with no `owners` although it is a division or a
  brand (always part of another entity), or its name or summary calls it a subsidiary.

(Two sources with the same URL are an error, not a warning: validate/same_url.py.)"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import LoadedData, Record
from .messages import at
from .references import items, list_of

OWNED_KINDS = ("division", "brand")  # always part of another entity
SUBSIDIARY_WORDS = re.compile(r"\b(filiales?|subsidiar(y|ies))\b", re.IGNORECASE)


def warnings(loaded: LoadedData) -> list[Problem]:
    """Every warning of a loaded data set, sorted by file and line."""
    found = unsourced_records(loaded.records) + subsidiaries_without_owner(loaded.records)
    return sorted(set(found))


def warn(record: Record, line_of: tuple, message: str) -> Problem:
    """A warning about the whole record, at the line of `line_of`."""
    problem = at(record, (), message, line_of=line_of)
    return Problem(problem.file, problem.line, problem.message, level="warning")


def unsourced_records(records: list[Record]) -> list[Problem]:
    concerned = set(ids_of_cited_statements(records))
    return [warn(record, ("id",), say("warn.unsourced")) for record in records
            if record.collection in ("entities", "datasets") and record.id not in concerned
            and not has_citation(record.data)]


def ids_of_cited_statements(records: list[Record]) -> Iterator[str]:
    """The ids that another record's cited statement is about."""
    for record in records:
        data = record.data
        for link in items(data, "owners"):
            if has_citation(link):
                yield link.get("owner")
        if record.collection in ("datasets", "flows") and has_citation(data):
            yield from (data.get(key) for key in ("holder", "from", "to"))
        if record.collection == "events" and has_citation(data):
            yield from list_of(data, "entities")


def has_citation(value: Any) -> bool:
    """Whether a `sources:` list inside `value` holds at least one citation."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            cited = value.get("sources")
            if isinstance(cited, list) and any(isinstance(c, dict) and c.get("source") for c in cited):
                return True
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def subsidiaries_without_owner(records: list[Record]) -> list[Problem]:
    found = []
    for record in records:
        data = record.data
        if record.collection != "entities" or items(data, "owners"):
            continue
        if data.get("kind") in OWNED_KINDS:
            why = say(f"warn.{data['kind']}")
        elif any(SUBSIDIARY_WORDS.search(text) for text in naming_texts(data)):
            why = say("warn.called_subsidiary")
        else:
            continue
        found.append(warn(record, ("kind",), say("warn.no_owner", why=why)))
    return found


def naming_texts(data: dict) -> Iterator[str]:
    for value in (data.get("name"), data.get("summary"), *list_of(data, "aliases")):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            yield from (text for text in value.values() if isinstance(text, str))

