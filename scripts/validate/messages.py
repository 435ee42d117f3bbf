"""jsonschema's errors in words a contributor can act on, and the shape of every message:
`file:line: path: message`, values clipped to one short line. The words themselves are keyed in
scripts/model/messages.py (French and English)."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import Path_, Record

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
URL_PATTERN = "^https?://[^\\s]+$"


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
                hint = say(f"schema.required.{name}") if name in REQUIRED_HINTS else ""
                yield path, say("schema.required", name=name, hint=hint), path
    else:
        yield path, explain_value(kind, value, instance, path, error), path


def explain_value(kind: str, value: Any, instance: Any, path: Path_, error: ValidationError) -> str:
    if kind == "type":
        return wrong_type(path, value, instance)
    if kind == "enum":
        choices = ", ".join(map(str, value))
        if instance == "":
            return say("schema.enum_empty", choices=choices)
        return say("schema.enum", value=clip(instance), hint=did_you_mean(str(instance), value), choices=choices)
    if kind == "pattern":
        return empty_value(path, value) if instance == "" else wrong_form(path, value, instance)
    if kind == "minLength":
        return blank_quote() if path[-1:] == ("quote",) else say("schema.not_empty")
    if kind == "minItems":
        return too_few(error.schema, value)
    if kind == "minimum":
        return say("schema.minimum", bound=value, value=instance)
    if kind == "maximum":
        percentage = say("schema.percentage") if path[-1:] == ("share",) else ""
        return say("schema.maximum", bound=value, percentage=percentage, value=instance)
    return error.message


REQUIRED_HINTS = ("id", "sources", "fr", "quote")  # a required field whose message says more


def explain_choice(error: ValidationError, path: Path_) -> Iterator[tuple[Path_, str, Path_]]:
    # The branch of the right type explains best: for `text: {fr: x, de: y}` the mapping
    # branch says "unknown field 'de'", which beats "not valid under any of the schemas".
    specific = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
    if specific:
        for sub in specific:
            yield from explain(sub)
        return
    if error.instance is None:
        yield path, say("schema.no_value"), path
    elif is_text_schema(error.schema):
        yield path, say("schema.not_text", got=describe(error.instance)), path
    else:
        yield path, error.message, path


def is_text_schema(schema: dict) -> bool:
    branches = schema.get("oneOf", [])
    return any(b.get("type") == "object" and b.get("required") == ["fr"] for b in branches)


def unknown_field(key: str, allowed: list[str]) -> str:
    hint = did_you_mean(key, allowed)
    if not hint:
        hint = say("schema.allowed_here", keys=", ".join(k for k in allowed if k != "$schema"))
    return say("schema.unknown_field", key=key, hint=hint)


JSON_TYPES = ("string", "array", "object", "number", "integer", "boolean", "null")


def wrong_type(path: Path_, expected: Any, instance: Any) -> str:
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if expected == "string" and isinstance(instance, bool):
        return say("schema.yes_no", value=str(instance).lower())
    if expected == "string" and isinstance(instance, (int, float)) and key == "siren":
        # not echoed: unquoted, 012345670 is already another number (octal) for YAML
        return say("schema.siren_number")
    if expected == "string" and isinstance(instance, (int, float)):
        return say("schema.number_not_text", key=key, value=instance)
    if instance is None:
        return say("schema.no_value")
    if expected == "array" and isinstance(instance, (str, int, float)):
        return say("schema.not_a_list", value=clip(instance, quoted=False))
    expected_words = say(f"type.{expected}") if expected in JSON_TYPES else expected
    return say("schema.wrong_type", expected=expected_words, got=describe(instance))


def describe(instance: Any) -> str:
    if isinstance(instance, bool):
        return say("got.boolean")
    if isinstance(instance, (int, float)):
        return say("got.number")
    if isinstance(instance, list):
        return say("got.list")
    if isinstance(instance, dict):
        return say("got.mapping")
    return say("got.nothing") if instance is None else say("got.text")


def wrong_form(path: Path_, pattern: str, instance: Any) -> str:
    if pattern == ID_PATTERN:
        slug = slugify(str(instance))
        example = say("form.id_example", slug=slug) if slug and slug != instance else ""
        return say("form.id", value=clip(instance), example=example)
    if pattern == DATE_PATTERN:
        return say("form.date", value=clip(instance))
    if pattern == URL_PATTERN:
        return url_problem(str(instance))
    if pattern == "\\S":
        return blank_quote()
    if path[-1:] == ("siren",):
        return say("form.siren", value=clip(instance))
    if path[-1:] == ("wikidata",):
        return say("form.wikidata", value=clip(instance))
    if path[-1:] == ("language",):
        return say("form.language", value=clip(instance))
    return say("form.other", value=clip(instance), pattern=pattern)


def empty_value(path: Path_, pattern: str) -> str:
    """An empty value (as a skeleton leaves it) where a pattern is expected: what to write."""
    if pattern == "\\S":
        return blank_quote()
    if pattern == ID_PATTERN:
        return say("empty.source_id") if path[-1:] == ("source",) else say("empty.id")
    if pattern == DATE_PATTERN:
        return say("empty.date")
    if pattern == URL_PATTERN:
        return say("empty.url")
    if path[-1:] == ("language",):
        return say("empty.language")
    return say("schema.not_empty")


def blank_quote() -> str:
    return say("quote.blank")


def url_problem(url: str) -> str:
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    if scheme and scheme.isalpha() and scheme not in ("http", "https"):
        return say("url.scheme", scheme=clip(scheme + ":"))
    if any(c.isspace() for c in url):
        return say("url.spaces")
    return say("url.not_http", value=clip(url))


def too_few(schema: dict, minimum: int) -> str:
    items = schema.get("items", {}).get("$ref", "")
    if items.endswith("/citation"):
        return say("few.citation")
    if items.endswith("/claim"):
        return say("few.claim")
    return say("few.items", count=minimum, s="s" * (minimum != 1))


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def did_you_mean(value: str, candidates: Any) -> str:
    close = difflib.get_close_matches(value, [str(c) for c in candidates], n=1, cutoff=0.6)
    return say("schema.did_you_mean", value=close[0]) if close else ""


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
