"""Stage 1, load: read every YAML file under data/ into plain Python records that remember
the line of every value. Problems (not UTF-8, not YAML, duplicate keys, aliases...) are
collected, never raised, so that a contributor sees them all in one run."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .collections import CATEGORIES_FILE, COLLECTIONS
from .problems import Problem

# The C parser is ~8x faster on thousands of small files; construction stays in Python.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Fields whose value is a date: PyYAML would turn `2019` into an int and `2019-03-21` into a
# date object (and raise on `2019-13-45`); we keep the text as written, the validator checks it.
DATE_KEYS = frozenset({"date", "since", "until", "published", "accessed", "as_of"})

Path_ = tuple  # a path inside a record: ("owners", 0, "owner")


@dataclass
class Record:
    collection: str  # "entities", "datasets", ... or "categories" for the vocabulary file
    id: str | None  # the record's own `id`, or None when it has none
    file: str  # path shown to contributors, e.g. "data/entities/la-poste.yaml"
    path: Path  # absolute path on disk
    data: dict[str, Any]
    lines: dict[Path_, int] = field(default_factory=dict)  # path -> 1-based line

    @property
    def stem(self) -> str:
        return self.path.stem

    def line(self, path: Path_ = ()) -> int:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


@dataclass
class LoadedData:
    root: Path  # the data/ folder
    records: list[Record]
    categories: Record | None
    problems: list[Problem]

    def in_collection(self, name: str) -> list[Record]:
        return [r for r in self.records if r.collection == name]


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


_scalar = SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": lambda node: node.value,
    "tag:yaml.org,2002:int": _scalar.construct_yaml_int,
    "tag:yaml.org,2002:float": _scalar.construct_yaml_float,
    "tag:yaml.org,2002:bool": _scalar.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:timestamp": lambda node: node.value,  # keep "2019-03-21" as text
}


def display_name(path: Path, data_root: Path) -> str:
    """`data/entities/x.yaml`: the path a contributor sees in the repository."""
    try:
        return path.relative_to(data_root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def load_data(data_root: Path) -> LoadedData:
    """Load every record file under `data_root` (the data/ folder)."""
    data_root = Path(data_root)
    records: list[Record] = []
    problems: list[Problem] = []
    for name in COLLECTIONS:
        folder = data_root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix == ".yml":
                problems.append(Problem(display_name(path, data_root), 1,
                                        f"records use the .yaml extension: rename it to {path.stem}.yaml"))
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            record = load_file(path, name, data_root, problems)
            if record is not None:
                records.append(record)
    categories = None
    categories_path = data_root / CATEGORIES_FILE
    if categories_path.is_file():
        categories = load_file(categories_path, "categories", data_root, problems)
    return LoadedData(data_root, records, categories, problems)


def load_file(path: Path, collection: str, data_root: Path, problems: list[Problem]) -> Record | None:
    """Read one file; on failure append a Problem and return None."""
    shown = display_name(path, data_root)
    try:
        text = decode(path.read_bytes())
        data, lines = parse(text)
    except YamlProblem as problem:
        problems.append(Problem(shown, problem.line, problem.message))
        return None
    record_id = data.get("id") if isinstance(data.get("id"), str) else None
    return Record(collection, record_id, shown, path, data, lines)


def decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}): "
                                "save the file with the UTF-8 encoding") from None
    if "\x00" in text:
        raise YamlProblem(text[: text.index("\x00")].count("\n") + 1,
                          "the file contains a NUL character: it is not a text file")
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
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(1, "the file is empty: a record is a YAML mapping that starts with `id: <file name>`")
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(node.start_mark.line + 1,
                          "the file must hold one YAML mapping (`key: value` lines), "
                          f"not a {node_kind(node)}")
    lines: dict[Path_, int] = {(): node.start_mark.line + 1}
    return construct(node, (), lines), lines


def refuse_anchors(text: str) -> None:
    """Anchors and aliases are refused before anything is expanded (no alias bombs, and a
    record reads the same to a contributor as to the machine)."""
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(event.start_mark.line + 1,
                                  "YAML anchors (&) and aliases (*) are not allowed: "
                                  "write the value out in full (quote text that starts with & or *)")
    except yaml.MarkedYAMLError as error:
        raise yaml_problem(error) from None


def yaml_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    what = " ".join(str(part) for part in (error.context, error.problem) if part)
    return YamlProblem(line, f"not valid YAML: {what or error}; check indentation, colons and quotes")


def node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value" if isinstance(node, yaml.ScalarNode) else "mapping"


def construct(node: yaml.Node, path: Path_, lines: dict[Path_, int], key: str | None = None) -> Any:
    if isinstance(node, yaml.MappingNode):
        return construct_mapping(node, path, lines)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(construct(item, path + (index,), lines))
        return items
    if key in DATE_KEYS and node.tag == "tag:yaml.org,2002:int":
        return node.value  # `since: 2016` stays the text "2016"
    build = _SCALAR_TAGS.get(node.tag)
    if build is None:
        raise YamlProblem(node.start_mark.line + 1, f"unsupported YAML tag {node.tag!r}: remove it")
    try:
        return build(node)
    except (ConstructorError, ValueError) as error:
        raise YamlProblem(node.start_mark.line + 1, f"cannot read the value {node.value!r}: {error}") from None


def construct_mapping(node: yaml.MappingNode, path: Path_, lines: dict[Path_, int]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(line, "YAML merge keys (<<) are not allowed: write the fields out")
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlProblem(line, "a key must be a plain word, not a list or mapping")
        key = str(key_node.value)
        if key in first_line:
            raise YamlProblem(line, f"key '{key}' appears twice in this mapping (first at line "
                                    f"{first_line[key]}); YAML would silently keep only the last: "
                                    "keep one")
        first_line[key] = line
        lines[path + (key,)] = line
        mapping[key] = construct(value_node, path + (key,), lines, key)
    return mapping
