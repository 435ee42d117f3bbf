"""JSON Schemas compiled into plain Python predicates that only answer "valid or not"."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# A record that is valid costs ~1 ms in jsonschema (mostly $ref resolution), 10 s for 10,000
# records here. The schemas use a small set of keywords, so they are compiled once into plain
# Python predicates that only answer "valid or not"; jsonschema, the reference, then explains
# the few records that fail. A schema using any other keyword is left to jsonschema alone.
# tests/test_validate.py checks that both agree on mutated records.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default",
                         "examples", "x-skeleton", "x-skeleton-commented", "x-values"})
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
    if not all(isinstance(item, (str, bool)) for item in schema["enum"]):
        raise Unsupported("enum")  # JSON equality of 1, 1.0 and true differs from Python's
    allowed = frozenset((type(item), item) for item in schema["enum"])
    return lambda value: (type(value), value) in allowed if isinstance(value, (str, bool)) else False


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
