"""`python -m scripts stats [--data DIR]`: what the data set holds, in numbers (the group map
included: how far the ownership links reach, how many state a share and a date), and how well it
is evidenced: sources with the title the page gives (not a description of ours), a date, an
archived copy; citations the quote check found or not (data/checks/quotes.json).

Counts whatever loads, even when the data set has problems (they are counted, not listed:
`python -m scripts validate` lists them)."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from .. import DATA_DIR
from ..load.quote_checks import QuoteChecks
from ..model.collections import COLLECTIONS
from ..model.coverage import source_field_counts
from ..model.quotes import citations_in
from ..model.records import LoadedData
from ..validate import load_and_validate
from ..validate.ids import category_items


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts stats")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data}: no such data folder")
        return 2
    loaded, problems = load_and_validate(args.data)
    print(report(loaded, len(problems), QuoteChecks.read(args.data)))
    return 0


def report(loaded: LoadedData, problem_count: int, checks: QuoteChecks | None = None) -> str:
    by_collection = Counter(record.collection for record in loaded.records)
    sections = [("records", [(name, by_collection[name]) for name in COLLECTIONS]
                 + [("categories", len(category_items(loaded)))])]
    sections.append(("claims by status", counted(claim.get("status") for claim in claims(loaded))))
    sections.append(("citations", [("claims", sum(len(listed(c, "sources")) for c in claims(loaded))),
                                   ("all", citation_count(loaded))]))
    sections.append(("sources by kind", counted(r.data.get("kind") for r in in_collection(loaded, "sources"))))
    sections.append(("sources by field",
                     list(source_field_counts(r.data for r in in_collection(loaded, "sources")).items())))
    sections.append(("citations checked (data/checks/quotes.json)", quote_checks(loaded, checks or QuoteChecks())))
    sections.append(("entities by kind", counted(r.data.get("kind") for r in in_collection(loaded, "entities"))))
    sections.append(("flows by mechanism",
                     counted(r.data.get("mechanism") for r in in_collection(loaded, "flows"))))
    sections.append(("flows by legal basis",
                     counted(r.data.get("legal_basis") for r in in_collection(loaded, "flows"))))
    sections.append(("group map", group_map(loaded)))
    lines = []
    for title, rows in sections:
        lines.append(f"{title}:")
        width = max((len(str(name)) for name, _ in rows), default=0)
        lines += [f"  {str(name).ljust(width)}  {count:>6}" for name, count in rows] or ["  (none)"]
    verdict = "valid" if problem_count == 0 else \
        f"{problem_count} problem{'s' * (problem_count != 1)}: run `python -m scripts validate`"
    lines.append(f"data set: {verdict}")
    return "\n".join(lines)


def quote_checks(loaded: LoadedData, checks: QuoteChecks) -> list[tuple[str, int]]:
    """Every citation, by the last verdict of the quote check."""
    verdicts = [checks.of(citation["source"], citation["quote"])
                for record in loaded.records for _, citation in citations_in(record.data)]
    return [("checked", sum(1 for v in verdicts if v)),
            ("found", sum(1 for v in verdicts if v and v.found)),
            ("not found", sum(1 for v in verdicts if v and not v.found)),
            ("never checked", sum(1 for v in verdicts if not v))]


def group_map(loaded: LoadedData) -> list[tuple[str, int]]:
    """The group map's reach: the entities owned through a chain of owners up to an entity of
    kind `group` (former subsidiaries included), their ownership links, and how many of those
    state a share, a date (`since`, `as_of` or `until`), both."""
    entities = {record.id: record.data for record in in_collection(loaded, "entities")
                if isinstance(record.data, dict)}
    owners = {rid: [link for link in listed(data, "owners") if isinstance(link, dict)]
              for rid, data in entities.items()}
    reach: dict[str, bool] = {}

    def under_group(rid: str) -> bool:
        """Walks each entity's owners once (memoised); a cycle counts as no way up."""
        if rid not in reach:
            reach[rid] = False
            reach[rid] = any(entities.get(link.get("owner"), {}).get("kind") == "group" or under_group(link.get("owner"))
                             for link in owners.get(rid, []) if link.get("owner") in entities)
        return reach[rid]

    members = [rid for rid in entities if under_group(rid)]
    links = [link for rid in members for link in owners[rid]]
    facts = [(isinstance(link.get("share"), (int, float)), any(link.get(key) for key in ("since", "as_of", "until")))
             for link in links]
    return [("entities under the group", len(members)),
            ("companies under the group", sum(entities[rid].get("kind") == "company" for rid in members)),
            ("ownership links", len(links)),
            ("links with a share", sum(share for share, _ in facts)),
            ("links with a date", sum(date for _, date in facts)),
            ("links with a share and a date", sum(share and date for share, date in facts))]


def counted(values) -> list[tuple[str, int]]:
    counts = Counter(value if isinstance(value, str) else "(missing)" for value in values)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def in_collection(loaded: LoadedData, name: str):
    return (record for record in loaded.records if record.collection == name)


def listed(mapping: dict, key: str) -> list:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


def claims(loaded: LoadedData) -> list[dict]:
    return [claim for record in loaded.records for claim in listed(record.data, "claims")
            if isinstance(claim, dict)]


def citation_count(loaded: LoadedData) -> int:
    """Every {source, quote} anywhere: claims, owners, identifiers, rights, sizes, events."""
    count = 0
    for record in loaded.records:
        stack = [record.data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                count += sum(1 for c in listed(value, "sources") if isinstance(c, dict) and "source" in c)
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    return count
