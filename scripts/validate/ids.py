"""Every id of the data set, indexed once (so that each reference check is a dict lookup):
duplicates, previous ids (each old id redirects to one record and is no live id)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import LoadedData, Path_, Record
from .messages import at, clip


@dataclass
class IdIndex:
    """Every id, built once, so that each check is a dict lookup."""
    collection_of: dict[str, str] = field(default_factory=dict)  # id -> collection
    record_of: dict[str, Record] = field(default_factory=dict)  # id -> first record with it
    ids_in: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    renamed: dict[str, str] = field(default_factory=dict)  # previous id -> current id
    entities: dict[str, Record] = field(default_factory=dict)
    categories_unknown: bool = False  # categories.yaml missing or unreadable
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def build(cls, loaded: LoadedData) -> IdIndex:
        index = cls()
        users: dict[str, list[tuple[Record, Path_, str]]] = defaultdict(list)
        for record in loaded.records:
            if record.id is not None:
                users[record.id].append((record, ("id",), record.file))
                index.add(record.id, record.collection, record)
                if record.collection == "entities":
                    index.entities.setdefault(record.id, record)
        # Names of files that are broken or whose id differs from the file name count as
        # known ids: one mistake is reported once, not again at every reference to it.
        for record in loaded.records:
            if record.id != record.stem:
                index.add(record.stem, record.collection, None)
        for collection, path in loaded.unreadable:
            index.add(path.stem, collection, None)
        index.categories_unknown = loaded.categories is None
        for position, item in category_items(loaded):
            users[item["id"]].append((loaded.categories, position + ("id",), loaded.categories.file))
            index.add(item["id"], "categories", None)
        index.problems += duplicate_ids(users)
        index.problems += index.index_previous_ids(loaded)
        return index

    def add(self, id_: str, collection: str, record: Record | None) -> None:
        if id_ not in self.collection_of:
            self.collection_of[id_] = collection
            self.ids_in[collection].append(id_)
            if record is not None:
                self.record_of[id_] = record

    def index_previous_ids(self, loaded: LoadedData) -> list[Problem]:
        problems = []
        for record in loaded.records:
            old_ids = record.data.get("previous_ids")
            if not isinstance(old_ids, list) or record.id is None:
                continue
            for i, old in enumerate(old_ids):
                if not isinstance(old, str):
                    continue
                path = ("previous_ids", i)
                if old in self.collection_of:
                    owner = self.record_of.get(old)
                    where = f" ({owner.file})" if owner and owner is not record else ""
                    problems.append(at(record, path, say("ids.previous_is_live", value=clip(old), where=where)))
                elif old in self.renamed and self.renamed[old] != record.id:
                    problems.append(at(record, path, say("ids.previous_twice", value=clip(old),
                                                         other=self.renamed[old])))
                else:
                    self.renamed[old] = record.id
        return problems


def category_items(loaded: LoadedData) -> list[tuple[Path_, dict]]:
    """The well-formed items of categories.yaml (the schema reports the others)."""
    if loaded.categories is None or not isinstance(loaded.categories.data.get("categories"), list):
        return []
    return [(("categories", i), item) for i, item in enumerate(loaded.categories.data["categories"])
            if isinstance(item, dict) and isinstance(item.get("id"), str)]


def duplicate_ids(users: dict[str, list[tuple[Record, Path_, str]]]) -> list[Problem]:
    problems = []
    for id_, uses in users.items():
        if len(uses) < 2:
            continue
        for record, path, _file in uses:
            others = [f"{other}:{rec.line(p)}" for rec, p, other in uses if (rec, p) != (record, path)]
            problems.append(at(record, path, say("ids.duplicate", value=clip(id_), others=", ".join(others))))
    return problems
