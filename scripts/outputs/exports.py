"""Stage 5, export: the data set in reusable forms, published with the site under /donnees/.

- data.json       every record as written (plus its page path), and the categories
- <collection>.csv one row per record, flat columns (lists joined with " | ")
- claims.csv      one row per claim; citations.csv: one row per citation (claims and facts)
- sources.bib     BibTeX of every source (the original publications)
- graph.json      nodes (records) and edges (ownership, holding, flows); graph.graphml the same

`python -m scripts export --out DIR [--data DIR]` writes them for a valid data set."""
from __future__ import annotations

import argparse
import csv
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import DATA_DIR
from ..model import urls
from ..model.collections import COLLECTIONS
from ..model.records import LoadedData, Record
from ..model.text import iso_date, pick
from ..render.citations import bibtex_entry, bibtex_escape

LIST_SEPARATOR = " | "
# Spreadsheets run cells that start with these as formulas; such cells get a leading '.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BIBTEX_TYPES = {"press": "article", "trade-press": "article"}  # everything else: @misc
DATA_LICENSE = "CC-BY-SA-4.0"


def write_exports(loaded: LoadedData, out_dir: Path) -> list[Path]:
    """Write every export into `out_dir`; return the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = sorted((r for r in loaded.records if r.id), key=lambda r: (r.collection, r.id))
    written = [write_json(out_dir / "data.json", data_json(loaded, records))]
    for name in COLLECTIONS:
        rows = [flat_row(r) for r in records if r.collection == name]
        written.append(write_csv(out_dir / f"{name}.csv", rows))
    written.append(write_csv(out_dir / "claims.csv", list(claim_rows(records))))
    written.append(write_csv(out_dir / "citations.csv", list(citation_rows(records))))
    bib = "\n\n".join(source_bibtex(r) for r in records if r.collection == "sources")
    written.append(write_text(out_dir / "sources.bib", bib + "\n" if bib else ""))
    graph = graph_data(records)
    written.append(write_json(out_dir / "graph.json", graph))
    written.append(write_graphml(out_dir / "graph.graphml", graph))
    return written


# ---- JSON ----------------------------------------------------------------------------------

def data_json(loaded: LoadedData, records: list[Record]) -> dict[str, Any]:
    categories = loaded.categories.data.get("categories", []) if loaded.categories else []
    return {
        "license": DATA_LICENSE,
        "collections": {name: [dict(r.data, page=urls.record_path(r.collection, str(r.id)))
                               for r in records if r.collection == name]
                        for name in COLLECTIONS},
        "categories": categories,
    }


def write_json(path: Path, value: Any) -> Path:
    path.write_text(readable_json(value) + "\n", encoding="utf-8")
    return path


def readable_json(value: Any, depth: int = 0, levels: int = 3) -> str:
    """JSON laid out one item a line down to `levels` deep (in data.json: a record a line),
    each deeper value compact on its line: as easy to read and to diff as indented JSON, and
    written by json's C encoder (json.dumps with indent is pure Python: 1.3 s for the exports
    of 10,000 records)."""
    pad = " " * (depth + 1)
    if depth < levels and isinstance(value, dict) and value:
        items = (f"{pad}{json.dumps(str(key), ensure_ascii=False)}: {readable_json(item, depth + 1, levels)}"
                 for key, item in value.items())
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if depth < levels and isinstance(value, list) and value:
        items = (pad + readable_json(item, depth + 1, levels) for item in value)
        return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"
    return json.dumps(value, ensure_ascii=False)


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---- CSV -----------------------------------------------------------------------------------

def flat_row(record: Record) -> dict[str, str]:
    """One record as flat columns: `name`, `summary` (French), `summary_en`, `size_value`,
    `owners` (ids joined)... Citations are left to citations.csv, claims to claims.csv."""
    row = {"id": record.id, "page": urls.record_path(record.collection, str(record.id)) or ""}
    for key, value in record.data.items():
        if key in ("id", "$schema", "claims", "corrections", "sources"):
            continue
        row.update(flatten(key, value))
    row["claims"] = str(len(record.data.get("claims") or []))
    row["corrections"] = str(len(record.data.get("corrections") or []))
    return row


def flatten(key: str, value: Any) -> dict[str, str]:
    if is_text(value):
        flat = {key: pick(value)}
        if isinstance(value, dict) and value.get("en"):
            flat[f"{key}_en"] = value["en"]
        return flat
    if isinstance(value, dict):
        flat: dict[str, str] = {}
        for child, child_value in value.items():
            if child != "sources":
                flat.update(flatten(f"{key}_{child}", child_value))
        return flat
    if isinstance(value, list):
        if key == "owners":  # the owner ids; shares and dates are in data.json and graph.json
            value = [o.get("owner") for o in value if isinstance(o, dict)]
        return {key: LIST_SEPARATOR.join(cell(v) for v in value)}
    return {key: cell(value)}


def is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and "fr" in value
                                      and set(value) <= {"fr", "en"})


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def claim_rows(records: list[Record]) -> Iterator[dict[str, str]]:
    for record in records:
        for claim in record.data.get("claims") or []:
            yield {"record": record.id, "collection": record.collection, "claim": claim.get("id", ""),
                   "status": claim.get("status", ""), "text": pick(claim.get("text")),
                   "text_en": claim.get("text", {}).get("en", "") if isinstance(claim.get("text"), dict) else "",
                   "note": pick(claim.get("note")),
                   "sources": LIST_SEPARATOR.join(c.get("source", "") for c in claim.get("sources") or []),
                   "page": (urls.record_path(record.collection, str(record.id)) or "") + f"#{claim.get('id', '')}"}


def citation_rows(records: list[Record]) -> Iterator[dict[str, str]]:
    """Every citation with what it backs: a claim (`claims/<claim id>`) or a fact
    (`owners/0`, `size`, `identifiers`, `rights`, `sources` for events)."""
    for record in records:
        for backs, citation in citations_of(record.data):
            yield {"record": record.id, "collection": record.collection, "backs": backs,
                   "source": citation.get("source", ""), "quote": citation.get("quote", ""),
                   "locator": citation.get("locator", "")}


def citations_of(data: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict]]:
    for key, value in data.items():
        where = f"{path}/{key}" if path else str(key)
        if key == "sources" and isinstance(value, list):
            for citation in value:
                if isinstance(citation, dict):
                    yield path or "sources", citation
        elif isinstance(value, dict):
            yield from citations_of(value, where)
        elif isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, dict):
                    label = item.get("id") if key == "claims" and item.get("id") else position
                    yield from citations_of(item, f"{where}/{label}")


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    for last in ("claims", "corrections"):  # counts after the fields, whatever the first row has
        if last in columns and rows and "record" not in columns:
            columns[last] = columns.pop(last)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return path


def spreadsheet_safe(value: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP CSV injection); numbers such as -3 stay. data.json keeps the exact text."""
    if value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


# ---- BibTeX --------------------------------------------------------------------------------

def source_bibtex(record: Record) -> str:
    """The original publication (not our page about it); key: the source id."""
    data = record.data
    entry_type = BIBTEX_TYPES.get(data.get("kind", ""), "misc")
    published = iso_date(data.get("published"))
    fields = {
        "title": data.get("title", ""),
        "author": " and ".join("{" + bibtex_escape(a) + "}" for a in data.get("authors") or []),
        ("journal" if entry_type == "article" else "publisher"): data.get("publisher", ""),
        "year": published[:4],
        "month": str(int(published[5:7])) if len(published) >= 7 else "",
        "date": published,
        "url": data.get("url", ""),
        "urldate": iso_date(data.get("accessed")),
        "note": f"Archive : {data['archive']}" if data.get("archive") else "",
        "language": data.get("language", ""),
    }
    return bibtex_entry(entry_type, record.id, fields, raw={"author"})


# ---- graph -----------------------------------------------------------------------------------

def graph_data(records: list[Record]) -> dict[str, list[dict[str, Any]]]:
    """Records as nodes; edges: owner -owns-> entity, holder -holds-> dataset,
    from -flow-> to (one edge per flow record)."""
    nodes = [{"id": r.id, "collection": r.collection, "label": r.title(),
              "kind": r.data.get("kind", ""), "page": urls.record_path(r.collection, str(r.id)) or ""}
             for r in records if r.collection in ("entities", "datasets")]
    edges: list[dict[str, Any]] = []
    for r in records:
        if r.collection == "entities":
            for link in r.data.get("owners") or []:
                edges.append({"source": link.get("owner"), "target": r.id, "type": "owns",
                              "share": link.get("share"), "since": link.get("since"),
                              "until": link.get("until")})
        elif r.collection == "datasets" and r.data.get("holder"):
            edges.append({"source": r.data["holder"], "target": r.id, "type": "holds"})
        elif r.collection == "flows":
            edges.append({"source": r.data.get("from"), "target": r.data.get("to"), "type": "flow",
                          "id": r.id, "label": r.title(), "mechanism": r.data.get("mechanism"),
                          "status": r.data.get("status"),
                          "categories": list(r.data.get("categories") or []),
                          "since": r.data.get("since"), "until": r.data.get("until"),
                          "page": urls.record_path(r.collection, str(r.id))})
    edges = [{k: v for k, v in edge.items() if v not in (None, "")} for edge in edges]
    return {"nodes": nodes, "edges": edges}


GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = ("collection", "label", "kind", "page")
EDGE_KEYS = ("type", "id", "label", "share", "since", "until", "mechanism", "status", "categories", "page")


def write_graphml(path: Path, graph: dict[str, list[dict[str, Any]]]) -> Path:
    """GraphML (Gephi, yEd, networkx): attributes as strings, lists joined with " | "."""
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for key in keys:
            ET.SubElement(root, f"{{{GRAPHML}}}key", {"id": f"{domain}_{key}", "for": domain,
                                                      "attr.name": key, "attr.type": "string"})
    element = ET.SubElement(root, f"{{{GRAPHML}}}graph", {"id": "la-poste", "edgedefault": "directed"})
    nodes = {node["id"]: node for node in graph["nodes"]}
    for edge in graph["edges"]:  # an end that is no entity or dataset still needs a node
        for end in (edge["source"], edge["target"]):
            nodes.setdefault(end, {"id": end})
    for node in nodes.values():
        add_graphml_item(element, "node", NODE_KEYS, node, {"id": node["id"]})
    for number, edge in enumerate(graph["edges"], start=1):
        add_graphml_item(element, "edge", EDGE_KEYS, edge,
                         {"id": f"e{number}", "source": edge["source"], "target": edge["target"]})
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def add_graphml_item(parent: ET.Element, domain: str, keys: tuple[str, ...], values: dict[str, Any],
                     attributes: dict[str, str]) -> None:
    item = ET.SubElement(parent, f"{{{GRAPHML}}}{domain}", attributes)
    for key in keys:
        if values.get(key) not in (None, "", []):
            value = values[key]
            text = LIST_SEPARATOR.join(map(cell, value)) if isinstance(value, list) else cell(value)
            ET.SubElement(item, f"{{{GRAPHML}}}data", {"key": f"{domain}_{key}"}).text = text


# ---- command line ------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts export",
                                     description="Write the JSON / CSV / BibTeX / graph exports.")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    from ..validate import load_and_validate  # the exports publish only a valid data set

    loaded, problems = load_and_validate(args.data)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s): fix them (python -m scripts validate) before exporting",
              file=sys.stderr)
        return 1
    for path in write_exports(loaded, args.out):
        print(path)
    return 0
