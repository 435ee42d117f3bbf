"""The records of the data set, as loaded: one YAML file each, with the line of every value,
and what every stage asks of a record (its title, its summary). Plain data; the loader
(scripts/load/) creates them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .text import plain

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
            from ..load.yaml_lines import lines_of  # the loader reads files; records only hold data
            self.known_lines = lines_of(self.path)
        return self.known_lines

    def line(self, path: Path_ = ()) -> int:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def title(self, lang: str = "fr") -> str:
        """What the record is called wherever it is named (links, lists, page titles, metadata,
        feeds, search, exports, diagrams): its name (entities, datasets, flows), its title
        (sources, events), the description of a source that shows no title, or its id."""
        data = self.data
        named = data.get("name") or data.get("title") or data.get("description")
        return plain(named, lang) or str(self.id)

    @property
    def has_own_title(self) -> bool:
        """A source that shows no title is named by our description of it, never quoted as a title."""
        return "title" in self.data or self.collection != "sources"

    def summary(self, lang: str = "fr") -> str:
        """The record's summary as plain text (no inline Markdown), or ""."""
        return plain(self.data.get("summary"), lang)


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


