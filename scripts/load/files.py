"""Stage 1, load: read every YAML file under data/ into records that remember the line of every
value. Problems (not UTF-8, not YAML, duplicate keys, aliases...) are collected, never raised,
so that a contributor sees them all in one run."""
from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model.collections import CATEGORIES_FILE, COLLECTIONS
from ..model.messages import say
from ..model.problems import Problem
from ..model.records import LoadedData, Record
from .yaml_lines import read_file


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
    loaded.problems += [Problem(display_name(path, data_root), 1, stray_file()) for path in sorted(stray)]
    return loaded


def misplaced_file_hint(path: Path) -> str:
    if path.suffix == ".yml":
        return say("load.yml_extension", name=f"{path.stem}.yaml")
    return say("load.misplaced", folder=path.parent.name)


def stray_file() -> str:
    return say("load.stray", collections=", ".join(name + "/" for name in COLLECTIONS), categories=CATEGORIES_FILE)


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


def own_id(data: dict[str, Any]) -> str | None:
    return data["id"] if isinstance(data.get("id"), str) else None
