"""Stage 3, index: the graph of a validated data set, built once per build.

Every lookup a page needs (children of an owner, flows of an entity, backlinks of a source...)
is a dictionary access here, so that building N pages costs O(N), never O(N²)."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .load.quote_checks import QuoteChecks
from .model.collections import COLLECTIONS
from .model.records import LoadedData, Record


@dataclass(frozen=True)
class Backlink:
    """One place that cites a source: `record` (and `anchor` on its page), what it is, and the
    words it quotes from that source."""
    record: Record
    kind: str  # claim | owner | identifiers | size | rights | event | flow-claim...
    anchor: str  # fragment on the record's page (or on the timeline for events)
    label: Any  # a text field shown in the list: a claim's text, {fr: "Propriétaire : X", en: "Owner: X"}...
    quotes: tuple[str, ...] = ()  # its citations' quotes from this source, in their order


@dataclass(frozen=True)
class Correction:
    """One `corrections:` entry of a record, as the corrections page and its feed list it."""
    record: Record
    date: str  # ISO, as written (2026, 2026-03 or 2026-03-01)
    note: Any  # text field (French string or {fr, en})
    number: int  # 1 for the record's first correction of that date, 2 for its second...

    @property
    def anchor(self) -> str:
        """Stable when later corrections are added: record, date, rank within the date."""
        return f"correction-{self.record.id}-{self.date}-{self.number}"


@dataclass
class Index:
    records: dict[str, Record]
    by_collection: dict[str, list[Record]]
    categories: dict[str, dict[str, Any]]
    children: dict[str, list[tuple[Record, dict]]] = field(default_factory=lambda: defaultdict(list))
    flows_out: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    flows_in: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    datasets_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    backlinks: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    relayed_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    category_datasets: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    category_flows: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_kind: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_rule_kind: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_tag: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    corrections: list[Correction] = field(default_factory=list)  # newest first
    renamed: dict[str, Record] = field(default_factory=dict)  # a previous id -> the record renamed from it
    quote_checks: QuoteChecks = field(default_factory=QuoteChecks)  # the quote check's last verdicts

    def get(self, record_id: str | None) -> Record | None:
        return self.records.get(record_id) if record_id else None

    def citing(self, source_id: str) -> list[tuple[Record, list[Backlink]]]:
        """The records that cite a source, each with its places that do, in the backlinks' order."""
        by_record: dict[str, tuple[Record, list[Backlink]]] = {}
        for backlink in self.backlinks.get(source_id, ()):
            by_record.setdefault(backlink.record.id, (backlink.record, []))[1].append(backlink)
        return list(by_record.values())

    def owners(self, record: Record) -> list[tuple[Record, dict]]:
        """Direct owners of an entity that exist in the data set, with their ownership link."""
        found = []
        for link in record.data.get("owners") or []:
            owner = self.get(link.get("owner"))
            if owner is not None:
                found.append((owner, link))
        return found

    def chain(self, record: Record) -> list[Record]:
        """Ownership chain from the group down to the record's direct owner, following the
        first current owner at each step (cycle-safe). It stops at the first entity of kind
        `group`: the group's own shareholders are listed on the group's page, not above
        every subsidiary; a group has no chain."""
        chain: list[Record] = []
        seen = {record.id}
        current = record
        while current.data.get("kind") != "group":
            owners = [o for o, link in self.owners(current) if not link.get("until")] or \
                     [o for o, _ in self.owners(current)]
            if not owners or owners[0].id in seen:
                break
            current = owners[0]
            seen.add(current.id)
            chain.append(current)
        return list(reversed(chain))

    def roots(self) -> list[Record]:
        """Entities that own others and have no owner themselves: the tops of the group tree."""
        return [r for r in self.by_collection["entities"]
                if r.id in self.children and not self.owners(r)]

    def tree(self) -> list[TreeNode]:
        """The ownership forest from its roots, in reading order: first the roots above a group
        (the group's shareholders), then the others (co-owners from outside). An entity met
        again (it has several owners) is listed under each owner but its subsidiaries only the
        first time (`shown_above`), and a cycle is cut."""
        shown: set[str] = set()

        def grow(record: Record, link: dict | None, path: frozenset) -> TreeNode:
            if record.id in shown and record.id in self.children:
                return TreeNode(record, link, [], shown_above=True)
            shown.add(record.id)
            children = [grow(child, child_link, path | {child.id})
                        for child, child_link in sorted(self.children.get(record.id, []), key=lambda c: sort_key(c[0]))
                        if child.id not in path]
            return TreeNode(record, link, children)
        forest = [grow(root, None, frozenset({root.id})) for root in self.roots()]
        shared = {r.id for r in self.by_collection["entities"] if len(self.owners(r)) > 1}
        for node in forest:
            count_entities(node, shared)
        return sorted(forest, key=lambda node: not node.holds_group)

    def unattached(self) -> list[Record]:
        """Entities with neither owner nor subsidiary."""
        return [r for r in self.by_collection["entities"] if r.id not in self.children and not self.owners(r)]



@dataclass
class TreeNode:
    record: Record
    link: dict | None  # the ownership link to the parent node (share, since, until)
    children: list[TreeNode]
    shown_above: bool = False  # its subsidiaries are listed where the tree met it first

    entities: int = 0  # how many different entities the tree lists under this entry (count_entities)

    @cached_property
    def descendants(self) -> int:
        """How many entries the tree lists under this one."""
        return sum(1 + child.descendants for child in self.children)

    def lines(self, unfolded: int) -> int:
        """Lines its sub-list takes on the group page when the `unfolded` levels below its
        entries are unfolded: one per entry, one per fold of an entry with entities under it."""
        return sum(1 + (1 + (child.lines(unfolded - 1) if unfolded > 0 else 0) if child.children else 0)
                   for child in self.children)

    @cached_property
    def holds_group(self) -> bool:
        """An entity of kind `group` is this entry or listed under it."""
        return self.record.data.get("kind") == "group" or any(child.holds_group for child in self.children)


def count_entities(node: TreeNode, shared: set[str]) -> Counter:
    """Set `entities` on `node` and below: its entries, an entity listed twice under it counted
    once. Only entities with several owners (`shared`) can be listed twice, so only they are
    tallied: the cost stays that of one pass over the tree. Returns the tally under `node`."""
    tally: Counter = Counter()
    for child in node.children:
        if child.record.id in shared:
            tally[child.record.id] += 1
        tally.update(count_entities(child, shared))
    node.entities = node.descendants - sum(n - 1 for n in tally.values())
    return tally


def sort_key(record: Record) -> str:
    return record.title().casefold()


def build_index(loaded: LoadedData, quote_checks: QuoteChecks | None = None) -> Index:
    """Build every lookup table in one pass over the records; `quote_checks`: the last results
    of the quote check (data/checks/quotes.json), shown on each citation."""
    records = {r.id: r for r in loaded.records if r.id}
    by_collection = {name: sorted((r for r in records.values() if r.collection == name), key=sort_key)
                     for name in COLLECTIONS}
    by_collection["events"].sort(key=lambda r: (str(r.data.get("date", "")), r.id))
    categories = {}
    if loaded.categories is not None:
        categories = {c["id"]: c for c in loaded.categories.data.get("categories") or [] if "id" in c}
    index = Index(records, by_collection, categories, quote_checks=quote_checks or QuoteChecks())
    for record in by_collection["entities"]:
        add_entity(index, record)
    for record in by_collection["datasets"]:
        add_dataset(index, record)
    for record in by_collection["flows"]:
        add_flow(index, record)
    for record in by_collection["sources"]:
        add_tags(index, record)
        if record.data.get("via"):
            index.relayed_by[record.data["via"]].append(record)
    for record in by_collection["events"]:
        add_event(index, record)
    for record in by_collection["rules"]:
        index.by_rule_kind[record.data.get("kind", "")].append(record)
        add_tags(index, record)
        add_claims(index, record)
    index.corrections = gather_corrections(records.values())
    index.renamed = {old: record for record in records.values() for old in record.data.get("previous_ids") or []}
    return index


def gather_corrections(records: Iterable[Record]) -> list[Correction]:
    """Every record's `corrections:` entries, newest first, then by record id and rank."""
    found = []
    for record in records:
        same_date: dict[str, int] = {}
        for entry in record.data.get("corrections") or []:
            if not isinstance(entry, dict):
                continue
            date = str(entry.get("date") or "")
            same_date[date] = same_date.get(date, 0) + 1
            found.append(Correction(record, date, entry.get("note"), same_date[date]))
    found.sort(key=lambda c: (c.record.id, c.number))
    found.sort(key=lambda c: c.date, reverse=True)
    return found


def add_entity(index: Index, record: Record) -> None:
    data = record.data
    index.by_kind[data.get("kind", "")].append(record)
    add_tags(index, record)
    for link in data.get("owners") or []:
        owner = index.get(link.get("owner"))
        index.children[link.get("owner")].append((record, link))
        names = {lang: owner.title(lang) if owner else link.get("owner") for lang in ("fr", "en")}
        add_citations(index, record, link.get("sources"), "owner", f"owner--{link.get('owner')}",
                      {"fr": f"Propriétaire : {names['fr']}", "en": f"Owner: {names['en']}"})
    if data.get("identifiers"):
        add_citations(index, record, data["identifiers"].get("sources"), "identifiers",
                      "section--identifiants", {"fr": "Identifiants officiels", "en": "Official identifiers"})
    if data.get("rights"):
        add_citations(index, record, data["rights"].get("sources"), "rights",
                      "section--droits", {"fr": "Exercer ses droits", "en": "Exercising your rights"})
    add_claims(index, record)


def add_dataset(index: Index, record: Record) -> None:
    data = record.data
    index.datasets_of[data.get("holder")].append(record)
    add_tags(index, record)
    for category in data.get("categories") or []:
        index.category_datasets[category].append(record)
    if data.get("size"):
        add_citations(index, record, data["size"].get("sources"), "size", "section--taille",
                      {"fr": "Taille du fichier", "en": "Size of the file"})
    add_claims(index, record)


def add_flow(index: Index, record: Record) -> None:
    data = record.data
    index.flows_out[data.get("from")].append(record)
    index.flows_in[data.get("to")].append(record)
    add_tags(index, record)
    for category in data.get("categories") or []:
        index.category_flows[category].append(record)
    add_claims(index, record)


def add_event(index: Index, record: Record) -> None:
    for involved in dict.fromkeys(record.data.get("entities") or []):
        index.events_of[involved].append(record)
    add_citations(index, record, record.data.get("sources"), "event", record.id,
                  {"fr": f"Événement : {record.title()}", "en": f"Event: {record.title('en')}"})


def add_tags(index: Index, record: Record) -> None:
    for tag in dict.fromkeys(record.data.get("tags") or []):
        index.by_tag[tag].append(record)


def add_claims(index: Index, record: Record) -> None:
    for claim in record.data.get("claims") or []:
        add_citations(index, record, claim.get("sources"), "claim", claim.get("id", ""), claim.get("text"))


def add_citations(index: Index, record: Record, citations: Iterable[dict] | None,
                  kind: str, anchor: str, label: Any) -> None:
    """One backlink per cited source (a source cited twice by the same claim counts once, with
    both its quotes)."""
    quotes_of: dict[str, list[str]] = {}
    for citation in citations or []:
        if isinstance(citation, dict) and citation.get("source"):
            quote = citation.get("quote")
            quotes_of.setdefault(citation["source"], []).extend([quote] if isinstance(quote, str) else [])
    for source_id, quotes in quotes_of.items():
        index.backlinks[source_id].append(Backlink(record, kind, anchor, label, tuple(quotes)))
