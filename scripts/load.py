"""Stage 1, load: read every YAML file under data/ into plain Python records that remember
the line of every value. Problems (not UTF-8, not YAML, duplicate keys, aliases...) are
collected, never raised, so that a contributor sees them all in one run."""
from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .collections import CATEGORIES_FILE, COLLECTIONS
from .problems import Problem

# The C parser is ~8x faster on thousands of small files; construction stays in Python.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper than this is no record anyone writes by hand; refusing it early keeps a malicious
# `[[[[...` from exhausting the stack.
MAX_DEPTH = 40

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
    known_lines: dict[Path_, int] | None = None  # path -> 1-based line; None: not read yet

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def lines(self) -> dict[Path_, int]:
        """Lines are only needed to report a problem: they are found on first use, by reading
        the file again, rather than kept for every value of 10,000 valid records."""
        if self.known_lines is None:
            try:
                self.known_lines = parse(decode(self.path.read_bytes()))[1]
            except (OSError, YamlProblem):
                self.known_lines = {}
        return self.known_lines

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
    # Files that exist but could not be read, as (collection, path): the validator treats
    # their file names as known ids, so one broken file does not also break every reference to it.
    unreadable: list[tuple[str, Path]] = field(default_factory=list)

    def in_collection(self, name: str) -> list[Record]:
        return [r for r in self.records if r.collection == name]


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


def display_name(path: Path, data_root: Path) -> str:
    """`data/entities/x.yaml`: the path a contributor sees in the repository."""
    try:
        return path.relative_to(data_root.parent).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading allocates millions of small dicts and lists that all stay alive: the cyclic
    garbage collector would rescan the growing heap again and again (about half the load time
    at 10,000 files) to find nothing, since parsed data holds no reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_data(data_root: Path) -> LoadedData:
    """Load every record file under `data_root` (the data/ folder)."""
    with gc_paused():
        return load_all(Path(data_root))


def load_all(data_root: Path) -> LoadedData:
    loaded = LoadedData(data_root, [], None, [])
    to_read: list[tuple[str, Path, str]] = []  # (collection, path, shown)
    stray: list[Path] = []
    for name in COLLECTIONS:
        folder = data_root / name
        if not folder.is_dir():
            continue
        prefix = display_name(folder, data_root)
        # os.scandir knows file types without one stat per file: it matters at 10,000 files.
        with os.scandir(folder) as entries:
            found = sorted((entry.name, entry.is_dir()) for entry in entries)
        for file_name, is_dir in found:
            path = folder / file_name
            if file_name.startswith("."):
                continue
            if is_dir:
                stray.extend(yaml_files_under(path))
            elif not file_name.endswith(".yaml"):
                loaded.problems.append(Problem(f"{prefix}/{file_name}", 1, misplaced_file_hint(path)))
            else:
                to_read.append((name, path, f"{prefix}/{file_name}"))
    categories_path = data_root / CATEGORIES_FILE
    if categories_path.is_file():
        to_read.append(("categories", categories_path, display_name(categories_path, data_root)))
    for (name, path, shown), (data, line, message) in zip(
            to_read, read_files([str(path) for _, path, _ in to_read]), strict=True):
        if data is None:
            loaded.problems.append(Problem(shown, line, message))
            loaded.unreadable.append((name, path))
        elif name == "categories":
            loaded.categories = Record(name, own_id(data), shown, path, data)
        else:
            loaded.records.append(Record(name, own_id(data), shown, path, data))
    stray += outside_collections(data_root)
    loaded.problems += [Problem(display_name(path, data_root), 1, STRAY_FILE) for path in sorted(stray)]
    return loaded


def misplaced_file_hint(path: Path) -> str:
    if path.suffix == ".yml":
        return f"records use the .yaml extension: rename it to {path.stem}.yaml"
    return f"only <id>.yaml record files belong in {path.parent.name}/: rename or move this file"


STRAY_FILE = (f"this file is not read: records go in data/<collection>/<id>.yaml (collections: "
              f"{', '.join(name + '/' for name in COLLECTIONS)}) and the vocabulary in data/{CATEGORIES_FILE}")


def outside_collections(data_root: Path) -> list[Path]:
    """YAML files no collection reads (data/entity/x.yaml, data/x.yaml): a contributor must not
    lose them silently."""
    stray = []
    for path in data_root.iterdir() if data_root.is_dir() else ():
        if path.name.startswith(".") or path.name in COLLECTIONS or path.name == "schema":
            continue
        if path.is_dir():
            stray.extend(yaml_files_under(path))
        elif path.suffix in (".yaml", ".yml") and path.name != CATEGORIES_FILE:
            stray.append(path)
    return stray


def yaml_files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.y*ml") if path.suffix in (".yaml", ".yml")
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)]


# Parsing is the bulk of the load (libyaml, and the Python objects it creates for every node):
# from this many files on, a second process parses half of them. Its results come back with
# marshal, which is several times faster than pickle for plain dicts, lists and strings.
PARALLEL_FROM = 2000

ReadResult = tuple  # (data, None, None) or (None, line, message)


def read_files(paths: list[str]) -> list[ReadResult]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return [read_file(path) for path in paths]
    half = len(paths) // 2
    with multiprocessing.get_context("fork").Pool(1) as pool:
        second_half = pool.apply_async(read_files_marshalled, (paths[half:],))
        first_half = [read_file(path) for path in paths[:half]]
        return first_half + marshal.loads(second_half.get())


def read_files_marshalled(paths: list[str]) -> bytes:
    gc.disable()  # the worker's own heap: same reason as gc_paused()
    return marshal.dumps([read_file(path) for path in paths])


def read_file(path: str) -> ReadResult:
    """One file's mapping, or the line and message of the reason it cannot be read."""
    try:
        return parse(decode(Path(path).read_bytes()))[0], None, None
    except YamlProblem as problem:
        return None, problem.line, one_line(problem.message)
    except OSError as error:
        return None, 1, f"cannot read the file: {error.strerror or error}"


def own_id(data: dict[str, Any]) -> str | None:
    return data["id"] if isinstance(data.get("id"), str) else None


def one_line(message: str) -> str:
    """Problems are printed one per line (and as GitHub annotations): no line breaks inside."""
    return " ".join(message.split()) if "\n" in message or "\r" in message else message


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
    except yaml.reader.ReaderError as error:
        raise reader_problem(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"not valid YAML: {error}") from None
    except RecursionError:
        raise too_deep(1) from None
    finally:
        loader.dispose()
    if node is None or (node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~")):
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
    except yaml.reader.ReaderError as error:
        raise reader_problem(text, error) from None


def reader_problem(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    line = text[: error.position].count("\n") + 1
    return YamlProblem(line, f"the file contains the character U+{error.character:04X} (a control "
                             "or non-printable character, which YAML does not allow): delete it")


def too_deep(line: int) -> YamlProblem:
    return YamlProblem(line, f"values are nested more than {MAX_DEPTH} levels deep: "
                             "a record is a flat mapping of short lists")


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
        raise YamlProblem(node.start_mark.line + 1, f"unsupported YAML tag {node.tag!r}: remove it")
    try:
        return build(node)
    except (ConstructorError, ValueError) as error:
        raise YamlProblem(node.start_mark.line + 1, f"cannot read the value {node.value!r}: {error}") from None


def construct_mapping(node: yaml.MappingNode, path: Path_, lines: dict[Path_, int]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.__class__ is not yaml.ScalarNode:
            raise YamlProblem(line, "a key must be a plain word, not a list or mapping")
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(line, "YAML merge keys (<<) are not allowed: write the fields out")
        key = str(key_node.value)
        key_path = path + (key,)
        if key in mapping:
            raise YamlProblem(line, f"key '{key}' appears twice in this mapping (first at line "
                                    f"{lines[key_path]}); YAML would silently keep only the last: "
                                    "keep one")
        lines[key_path] = line
        if value_node.__class__ is yaml.ScalarNode and value_node.tag == STR_TAG:
            mapping[key] = value_node.value  # the common case, without a call
        else:
            mapping[key] = construct(value_node, key_path, lines, key)
    return mapping
