"""jsonschema's errors in words a contributor can act on, and the shape of every message:
`file:line: path: message`, values clipped to one short line."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

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
                yield path, f"missing required field '{name}'{REQUIRED_HINTS.get(name, '')}", path
    else:
        yield path, explain_value(kind, value, instance, path, error), path


def explain_value(kind: str, value: Any, instance: Any, path: Path_, error: ValidationError) -> str:
    if kind == "type":
        return wrong_type(path, value, instance)
    if kind == "enum":
        if instance == "":
            return f"is empty: write one of: {', '.join(map(str, value))}"
        return (f"{clip(instance)} is not an allowed value{did_you_mean(str(instance), value)}; "
                f"use one of: {', '.join(map(str, value))}")
    if kind == "pattern":
        return empty_value(path, value) if instance == "" else wrong_form(path, value, instance)
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


def empty_value(path: Path_, pattern: str) -> str:
    """An empty value (as a skeleton leaves it) where a pattern is expected: what to write."""
    if pattern == "\\S":
        return blank_quote()
    if pattern == ID_PATTERN:
        what = "the id of a source" if path[-1:] == ("source",) else "an id"
        return f"is empty: write {what} (lowercase letters, digits and hyphens)"
    if pattern == DATE_PATTERN:
        return "is empty: write the date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-03-21)"
    if pattern == URL_PATTERN:
        return "is empty: write the address, starting with https:// (or remove the field)"
    if path[-1:] == ("language",):
        return "is empty: write a language code, two lowercase letters (fr, en...)"
    return "must not be empty"


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
