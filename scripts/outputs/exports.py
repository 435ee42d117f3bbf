"""Stage 5, export: the data set in reusable forms, published with the site under /donnees/
(the page /donnees/ lists them, with their size; `EXPORTS` says what each file is).

- data.json        every record as written (plus its page), and the categories
- <collection>.csv one row per record, flat columns (lists joined with " | ")
- claims.csv       one row per claim; citations.csv: one row per citation (claims and facts)
- sources.bib      BibTeX of every source (the original publications): outputs/bibtex.py
- graph.json       nodes (records) and edges (ownership, holding, flows); graph.graphml the
                   same: outputs/graph.py
- entities.ftm.json FollowTheMoney entities, one a line: outputs/ftm.py
- datapackage.json the CSVs described for Frictionless (typed fields, keys): outputs/datapackage.py
- index.json       the data set's metadata, OpenSanctions style: every file with its size and
                   checksum (outputs/ftm.py)

Pages are absolute URLs when the site's URL is known (SITE_URL), else paths from the site's root.
Every file depends only on the data and its git dates: two builds of one commit give the same bytes.

`python -m scripts export --out DIR [--data DIR] [--site-url URL]` writes them for a valid data set."""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import DATA_DIR
from ..model import urls
from ..model.collections import COLLECTIONS
from ..model.records import LoadedData, Record
from ..model.text import pick
from . import bibtex, datapackage, ftm, graph

LIST_SEPARATOR = " | "
# Spreadsheets run cells that start with these as formulas; such cells get a leading '.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATA_LICENSE = "CC-BY-SA-4.0"
cell = graph.cell


@dataclass(frozen=True)
class ExportFile:
    name: str
    format: str  # as the /donnees/ page names it
    media_type: str
    description: str  # French, one sentence
    english: str = ""  # the same in English (the English /en/donnees/ page)


EXPORTS = [
    ExportFile("data.json", "JSON", "application/json",
               "Toutes les fiches telles qu’elles sont écrites, avec l’adresse de leur page, et les catégories.",
               "Every record as written, with the address of its page, and the categories."),
    *(ExportFile(f"{name}.csv", "CSV", "text/csv",
                 f"Une ligne par fiche ({collection.one.label().lower()}), listes jointes par « | ».",
                 f"One row per record ({collection.one.label('en').lower()}), lists joined by “|”.")
      for name, collection in COLLECTIONS.items()),
    ExportFile("claims.csv", "CSV", "text/csv", "Une ligne par affirmation, avec son statut et ses sources.",
               "One row per claim, with its status and its sources."),
    ExportFile("citations.csv", "CSV", "text/csv",
               "Une ligne par citation : la source, l’extrait cité et ce qu’il appuie.",
               "One row per citation: the source, the excerpt quoted and what it supports."),
    ExportFile("datapackage.json", "Frictionless Data Package", "application/json",
               "La description des fichiers CSV : type de chaque colonne, valeurs permises, clés.",
               "The description of the CSV files: each column's type, allowed values, keys."),
    ExportFile("sources.bib", "BibTeX", "application/x-bibtex", "Toutes les sources, pour un logiciel de bibliographie.",
               "Every source, for reference-management software."),
    ExportFile("graph.json", "JSON (node-link)", "application/json",
               "Le graphe orienté des entités et des fichiers : propriété, détention, flux.",
               "The directed graph of the entities and files: ownership, holding, flows."),
    ExportFile("graph.graphml", "GraphML", "application/graphml+xml", "Le même graphe, pour Gephi, yEd ou networkx.",
               "The same graph, for Gephi, yEd or networkx."),
    ExportFile(ftm.ENTITIES_FILE, "FollowTheMoney", "application/json+ftm",
               "Entités, participations, flux et sources au format FollowTheMoney (Aleph, OpenSanctions).",
               "Entities, shareholdings, flows and sources in the FollowTheMoney format (Aleph, OpenSanctions)."),
    ExportFile(ftm.INDEX_FILE, "JSON", "application/json",
               "Les métadonnées du jeu de données : version, date, taille et empreinte de chaque fichier.",
               "The data set's metadata: version, date, size and checksum of each file."),
]


def page_of(site_url: str | None) -> Any:
    """record -> the address of its page (an event: its place on the timeline)."""
    def page(record: Record) -> str:
        path = urls.record_path(record.collection, str(record.id))
        return urls.absolute_url(site_url, path) if path and site_url else (path or "")
    return page


def export_files(loaded: LoadedData, site_url: str | None = None, updated: str = "") -> dict[str, bytes]:
    """Every export: file name -> its bytes, in the order of EXPORTS. `updated`: the date of the
    data set's last change (its newest commit), the version of the metadata files."""
    records = sorted((r for r in loaded.records if r.id), key=lambda r: (r.collection, r.id))
    page = page_of(site_url)
    files = {"data.json": json_bytes(data_json(loaded, records, page))}
    for name in COLLECTIONS:
        files[f"{name}.csv"] = csv_bytes([flat_row(r, page) for r in records if r.collection == name], ("id",))
    files["claims.csv"] = csv_bytes(list(claim_rows(records, page)))
    files["citations.csv"] = csv_bytes(list(citation_rows(records)))
    files["datapackage.json"] = json_bytes(datapackage.descriptor(files, updated, site_url))
    files["sources.bib"] = bibtex.sources_bib(records).encode("utf-8")
    graph_json = graph.graph_data(records, page)
    files["graph.json"] = json_bytes(graph_json)
    files["graph.graphml"] = graph.graphml_bytes(graph_json)
    files[ftm.ENTITIES_FILE] = ftm.entities_bytes(records, page)
    files[ftm.INDEX_FILE] = json_bytes(ftm.dataset_index(files, EXPORTS, updated, site_url))
    return files


def write_exports(loaded: LoadedData, out_dir: Path, site_url: str | None = None, updated: str = "",
                  files: dict[str, bytes] | None = None) -> list[Path]:
    """Write every export into `out_dir` (`files`: already made by export_files); return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = files if files is not None else export_files(loaded, site_url, updated)
    written = []
    for name, content in files.items():
        (out_dir / name).write_bytes(content)
        written.append(out_dir / name)
    return written


# ---- JSON ----------------------------------------------------------------------------------

def data_json(loaded: LoadedData, records: list[Record], page) -> dict[str, Any]:
    categories = loaded.categories.data.get("categories", []) if loaded.categories else []
    return {
        "license": DATA_LICENSE,
        "collections": {name: [dict(r.data, page=page(r)) for r in records if r.collection == name]
                        for name in COLLECTIONS},
        "categories": categories,
    }


def json_bytes(value: Any) -> bytes:
    return (readable_json(value) + "\n").encode("utf-8")


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


# ---- CSV -----------------------------------------------------------------------------------

def flat_row(record: Record, page) -> dict[str, str]:
    """One record as flat columns: `name`, `summary` (French), `summary_en`, `size_value`,
    `owners` (ids joined)... Citations are left to citations.csv, claims to claims.csv."""
    row = {"id": record.id, "page": page(record)}
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


def claim_rows(records: list[Record], page) -> Iterator[dict[str, str]]:
    for record in records:
        for claim in record.data.get("claims") or []:
            yield {"record": record.id, "collection": record.collection, "claim": claim.get("id", ""),
                   "status": claim.get("status", ""), "text": pick(claim.get("text")),
                   "text_en": claim.get("text", {}).get("en", "") if isinstance(claim.get("text"), dict) else "",
                   "note": pick(claim.get("note")),
                   "sources": LIST_SEPARATOR.join(c.get("source", "") for c in claim.get("sources") or []),
                   "page": page(record).partition("#")[0] + f"#{claim.get('id', '')}"}


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


def csv_bytes(rows: list[dict[str, str]], first: tuple[str, ...] = ()) -> bytes:
    """The rows as CSV; `first`: columns written even when there is no row (an empty
    collection still has its `id` header, so that the table is a valid, empty table)."""
    columns: dict[str, None] = dict.fromkeys(first)
    for row in rows:
        columns.update(dict.fromkeys(row))
    for last in ("claims", "corrections"):  # counts after the fields, whatever the first row has
        if last in columns and rows and "record" not in columns:
            columns[last] = columns.pop(last)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def spreadsheet_safe(value: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP CSV injection); numbers such as -3 stay. data.json keeps the exact text."""
    if value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


# ---- command line ------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts export",
                                     description="Write the JSON / CSV / BibTeX / graph exports.")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--site-url", help="the published site's URL: pages as absolute URLs")
    args = parser.parse_args(argv)
    from ..load.git_dates import file_dates
    from ..validate import load_and_validate  # the exports publish only a valid data set

    loaded, problems = load_and_validate(args.data)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s): fix them (python -m scripts validate) before exporting",
              file=sys.stderr)
        return 1
    for path in write_exports(loaded, args.out, args.site_url, last_change(file_dates(args.data).updated)):
        print(path)
    return 0


def last_change(updated: dict[str, str]) -> str:
    """The date of the data set's newest commit (record file -> date), or ''."""
    return max(updated.values(), default="")
