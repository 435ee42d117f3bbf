"""What a schema cannot check in one record: references resolve to a record of the right kind,
ids match file names, periods run forwards, claim ids are unique, dates are real, links are
safe, a source names itself or says what it is."""
from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..load import DATE_KEYS
from ..model.messages import month_name, say
from ..model.problems import Problem
from ..model.records import LoadedData, Path_, Record
from .ids import IdIndex
from .messages import DATE_PATTERN, ID_PATTERN, at, clip, did_you_mean, url_problem

# What each reference may point to.
ENTITY = ("entities",)
FLOW_END = ("entities", "datasets")
SOURCE = ("sources",)
EVENT_SUBJECT = ("entities", "datasets", "flows")
CATEGORY = ("categories",)

URL_KEYS = frozenset({"url", "archive", "website", "policy", "opt_out"})
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_LINK_SCHEMES = ("http", "https", "mailto")
CHECKED_KEYS = DATE_KEYS | URL_KEYS | {"source"}  # the keys value_problems looks at


def record_problems(record: Record, index: IdIndex) -> list[Problem]:
    problems: list[Problem] = []
    data = record.data
    if record.collection != "categories":
        if record.id is not None and record.id != record.stem and re.fullmatch(ID_PATTERN, record.id):
            problems.append(at(record, ("id",), say("ref.file_name", id=record.id, file=record.path.name)))
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
            problems.append(at(record, ("via",), say("ref.self_via")))
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
        problems.append(at(record, ("description",), say("source.title_and_description")))
    elif "title" not in data and "description" not in data:
        problems.append(at(record, (), say("source.no_title")))
    if "published" in data and "undated" in data:
        problems.append(at(record, ("undated",), say("source.undated_and_published")))
    return problems


def reference(record: Record, index: IdIndex, problems: list[Problem], path: Path_, value: Any,
              allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or not value:
        return  # absent, or the schema reports the wrong type or the empty value
    found = index.collection_of.get(value)
    if found in allowed:
        return
    if found is not None:
        wanted = say("or").join(say(f"a.{c}") for c in allowed)
        message = say("ref.wrong_kind", value=clip(value), found=say(f"a.{found}"), wanted=wanted)
    elif value in index.renamed:
        message = say("ref.renamed", value=clip(value), new=index.renamed[value])
    else:
        candidates = [i for c in allowed for i in index.ids_in[c]]
        rest = did_you_mean(value, candidates) or say("ref.no_such", nouns=say("or").join(say(f"noun.{c}")
                                                                                          for c in allowed))
        message = say("ref.unknown", value=clip(value), rest=rest)
    problems.append(at(record, path, message))


def period_problems(record: Record, path: Path_, mapping: dict) -> list[Problem]:
    since, until = mapping.get("since"), mapping.get("until")
    if not (isinstance(since, str) and isinstance(until, str)):
        return []
    if not (real_date(since) and real_date(until)):
        return []  # reported as not a real date
    shared = min(len(since), len(until))  # compare 2019 with 2019-05 at the year's precision
    if until[:shared] < since[:shared]:
        return [at(record, path + ("until",), say("period.backwards", until=until, since=since))]
    return []


def claim_id_problems(record: Record) -> list[Problem]:
    problems, first_use = [], {}
    for i, claim in enumerate(items(record.data, "claims")):
        claim_id = claim.get("id")
        if not isinstance(claim_id, str):
            continue
        path = ("claims", i, "id")
        if claim_id in first_use:
            problems.append(at(record, path, say("claim.duplicate_id", id=claim_id,
                                                 line=record.line(first_use[claim_id]))))
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


def value_problems(record: Record, index: IdIndex, path: Path_, key: Any, value: str) -> list[Problem]:
    if key in DATE_KEYS and path[-1] == key and re.fullmatch(DATE_PATTERN, value):
        reason = date_problem(value)
        return [at(record, path, say("date.not_real", value=value, reason=reason))] if reason else []
    if key == "source" and path[-1] == key and len(path) >= 3 and path[-3] == "sources":
        problems: list[Problem] = []
        reference(record, index, problems, path, value, SOURCE)
        return problems
    if key in URL_KEYS and path[-1] == key and re.match(r"https?://", value):
        try:
            host = urlsplit(value).hostname
        except ValueError as error:  # e.g. an unbalanced [ in the host
            return [at(record, path, say("url.invalid", value=clip(value), error=error))]
        return [] if host else [at(record, path, say("url.no_host", value=clip(value)))]
    if "](" in value:
        return [at(record, path, say("link.unsafe", target=clip(target), problem=url_problem(target)))
                for target in MARKDOWN_LINK.findall(value) if unsafe_link(target)]
    return []


def date_problem(value: str) -> str | None:
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    if not 1 <= month <= 12:
        return say("date.no_month", month=f"{month:02d}")
    try:
        datetime.date(max(year, 1), month, day)
    except ValueError:
        month_words = month_name(month) if month != 2 else f"{month_name(month)} {year}"
        return say("date.no_day", month=month_words, day=f"{day:02d}")
    return None


def real_date(value: str) -> bool:
    return bool(re.fullmatch(DATE_PATTERN, value)) and date_problem(value) is None


def unsafe_link(target: str) -> bool:
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return bool(scheme) and scheme.group(1).lower() not in SAFE_LINK_SCHEMES


def all_records(loaded: LoadedData) -> list[Record]:
    return loaded.records + ([loaded.categories] if loaded.categories is not None else [])


def items(data: dict, key: str) -> list[dict]:
    """The mappings in the list `data[key]`, tolerating any malformed shape."""
    value = data.get(key)
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def list_of(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []
