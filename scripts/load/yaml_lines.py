"""YAML files read into plain Python values that remember the line of every value.

The C parser builds the nodes; construction stays here, so that every value's line is known,
dates stay as written, and what YAML would do silently (duplicate keys, anchors, merge keys,
tags) becomes a problem at its line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from ..model.messages import say
from ..model.records import Path_

# The C parser is ~8x faster on thousands of small files; construction stays in Python.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper than this is no record anyone writes by hand; refusing it early keeps a malicious
# `[[[[...` from exhausting the stack.
MAX_DEPTH = 40

# Fields whose value is a date: PyYAML would turn `2019` into an int and `2019-03-21` into a
# date object (and raise on `2019-13-45`); we keep the text as written, the validator checks it.
DATE_KEYS = frozenset({"date", "since", "until", "published", "accessed", "as_of"})


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


STR_TAG = "tag:yaml.org,2002:str"
_scalar = SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": lambda node: node.value,
    "tag:yaml.org,2002:int": _scalar.construct_yaml_int,
    "tag:yaml.org,2002:float": _scalar.construct_yaml_float,
    "tag:yaml.org,2002:bool": _scalar.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:timestamp": lambda node: node.value,  # keep "2019-03-21" as text
}


def lines_of(path: Path) -> dict[Path_, int]:
    """The line of every value of a record file ({} when it can no longer be read)."""
    try:
        return parse(decode(path.read_bytes()))[1]
    except (OSError, YamlProblem):
        return {}


def read_file(path: str) -> tuple:
    """(mapping, None, None), or (None, line, message) when the file cannot be read."""
    try:
        return parse(decode(Path(path).read_bytes()))[0], None, None
    except YamlProblem as problem:
        return None, problem.line, one_line(problem.message)
    except OSError as error:
        return None, 1, say("load.unreadable", reason=error.strerror or error)


def one_line(message: str) -> str:
    """Problems are printed one per line (and as GitHub annotations): no line breaks inside."""
    return " ".join(message.split()) if "\n" in message or "\r" in message else message


def decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(line, say("load.not_utf8", byte=f"{raw[error.start]:02x}")) from None
    if "\x00" in text:
        raise YamlProblem(text[: text.index("\x00")].count("\n") + 1, say("load.nul"))
    return text


def parse(text: str) -> tuple[dict[str, Any], dict[Path_, int]]:
    """Parse one YAML document into (mapping, lines). Raises YamlProblem."""
    if "&" in text or "*" in text:
        refuse_anchors(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise yaml_problem(error) from None
    except yaml.reader.ReaderError as error:
        raise reader_problem(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, say("load.not_yaml", detail=error)) from None
    except RecursionError:
        raise too_deep(1) from None
    finally:
        loader.dispose()
    if node is None or (node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~")):
        raise YamlProblem(1, say("load.empty"))
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(node.start_mark.line + 1, say("load.not_mapping", kind=node_kind(node)))
    lines: dict[Path_, int] = {(): node.start_mark.line + 1}
    return construct(node, (), lines), lines


def refuse_anchors(text: str) -> None:
    """Anchors and aliases are refused before anything is expanded (no alias bombs, and a
    record reads the same to a contributor as to the machine)."""
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(event.start_mark.line + 1, say("load.anchors"))
    except yaml.MarkedYAMLError as error:
        raise yaml_problem(error) from None
    except yaml.reader.ReaderError as error:
        raise reader_problem(text, error) from None


def reader_problem(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    line = text[: error.position].count("\n") + 1
    return YamlProblem(line, say("load.control_character", code=f"{error.character:04X}"))


def too_deep(line: int) -> YamlProblem:
    return YamlProblem(line, say("load.too_deep", depth=MAX_DEPTH))


def yaml_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    what = " ".join(str(part) for part in (error.context, error.problem) if part)
    return YamlProblem(line, say("load.not_yaml_where", detail=what or error))


def node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return say("load.node.list")
    return say("load.node.scalar") if isinstance(node, yaml.ScalarNode) else say("load.node.mapping")


def construct(node: yaml.Node, path: Path_, lines: dict[Path_, int], key: str | None = None) -> Any:
    if node.__class__ is yaml.ScalarNode:
        return construct_scalar(node, key)
    if len(path) >= MAX_DEPTH:
        raise too_deep(node.start_mark.line + 1)
    if node.__class__ is yaml.MappingNode:
        return construct_mapping(node, path, lines)
    items = []
    for index, item in enumerate(node.value):
        item_path = path + (index,)
        lines[item_path] = item.start_mark.line + 1
        items.append(item.value if item.tag == STR_TAG else construct(item, item_path, lines))
    return items


def construct_scalar(node: yaml.ScalarNode, key: str | None) -> Any:
    if node.tag == STR_TAG:
        return node.value
    if key in DATE_KEYS and node.tag == "tag:yaml.org,2002:int":
        return node.value  # `since: 2016` stays the text "2016"
    build = _SCALAR_TAGS.get(node.tag)
    if build is None:
        raise YamlProblem(node.start_mark.line + 1, say("load.tag", tag=repr(node.tag)))
    try:
        return build(node)
    except (ConstructorError, ValueError) as error:
        raise YamlProblem(node.start_mark.line + 1, say("load.bad_value", value=repr(node.value), error=error)) from None


def construct_mapping(node: yaml.MappingNode, path: Path_, lines: dict[Path_, int]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.__class__ is not yaml.ScalarNode:
            raise YamlProblem(line, say("load.key_not_word"))
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(line, say("load.merge_key"))
        key = str(key_node.value)
        key_path = path + (key,)
        if key in mapping:
            raise YamlProblem(line, say("load.duplicate_key", key=key, line=lines[key_path]))
        lines[key_path] = line
        if value_node.__class__ is yaml.ScalarNode and value_node.tag == STR_TAG:
            mapping[key] = value_node.value  # the common case, without a call
        else:
            mapping[key] = construct(value_node, key_path, lines, key)
    return mapping
