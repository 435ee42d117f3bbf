"""Benchmark of stages 1-2: write a synthetic valid data set to a temporary folder, then time
loading and validating it. `python -m scripts bench-validate --records 10000`.

The generator is deliberately small (scripts/synth.py is the full one); its records have the
shape of real ones: owners with citations, claims with quotes, references across collections."""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from .load import load_data
from .validate import schema_validators, validate, SCHEMA_DIR

SHARES = {"sources": 0.25, "entities": 0.35, "datasets": 0.10, "flows": 0.20, "events": 0.10}
CATEGORIES = ["address", "age", "income", "household", "purchases", "email", "phone", "health",
              "location", "vehicle", "energy", "housing", "children", "pets", "religion",
              "opinions", "credit", "employment", "travel", "web-browsing"]
SOURCE_KINDS = ["press", "trade-press", "official", "company", "register", "job-ad", "blog"]
ENTITY_KINDS = ["company", "division", "programme", "brand", "audience"]
MECHANISMS = ["collection", "transfer", "rental", "sale", "enrichment", "matching"]
STATUSES = ["documented", "reported", "reported", "alleged"]
QUOTE = "l’entreprise indique que les données « sont conservées trois ans » (n° {n})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts bench-validate")
    parser.add_argument("--records", type=int, default=10_000, help="number of records (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        data_root = Path(tmp) / "data"
        write_synthetic(data_root, args.records, random.Random(args.seed))
        schema_validators(SCHEMA_DIR)  # built once per process, like in a real run
        clocks = [(time.perf_counter(), cpu_time())]
        loaded = load_data(data_root)
        clocks.append((time.perf_counter(), cpu_time()))
        problems = loaded.problems + validate(loaded)
        clocks.append((time.perf_counter(), cpu_time()))
    # CPU time beside wall time: on a shared machine the wall clock also counts other jobs.
    print(f"records: {len(loaded.records)}")
    for label, (start, end) in (("load", clocks[0:2]), ("validate", clocks[1:3]), ("total", clocks[0:3:2])):
        print(f"{label}: {end[0] - start[0]:.2f} s (cpu {end[1] - start[1]:.2f} s)")
    print(f"problems: {len(problems)}")
    for problem in problems[:10]:
        print(f"  {problem}")
    return 1 if problems else 0


def cpu_time() -> float:
    times = os.times()
    return times.user + times.system


def write_synthetic(data_root: Path, count: int, rng: random.Random) -> None:
    sizes = {name: max(1, int(count * share)) for name, share in SHARES.items()}
    sizes["entities"] += count - sum(sizes.values())  # exact total
    ids = {name: [f"{name[:-1]}-{i:05d}" for i in range(n)] for name, n in sizes.items()}
    for name in SHARES:
        (data_root / name).mkdir(parents=True, exist_ok=True)
    write(data_root / "categories.yaml", "categories:\n" + "".join(
        f"  - id: {c}\n    label: Catégorie {c}\n" for c in CATEGORIES))
    writers = {"sources": source, "entities": entity, "datasets": dataset, "flows": flow, "events": event}
    for name, writer in writers.items():
        for position, record_id in enumerate(ids[name]):
            text = f"# yaml-language-server: $schema=../schema/{name[:-1]}.json\n"
            text += writer(record_id, position, ids, rng)
            write(data_root / name / f"{record_id}.yaml", text)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def citations(ids: dict, rng: random.Random, indent: str) -> str:
    return "".join(f"{indent}- source: {rng.choice(ids['sources'])}\n"
                   f"{indent}  quote: \"{QUOTE.format(n=rng.randrange(10**6))}\"\n"
                   for _ in range(rng.randint(1, 2)))


def claims(ids: dict, rng: random.Random) -> str:
    text = "claims:\n"
    for n in range(rng.randint(1, 3)):
        text += (f"  - id: claim-{n}\n"
                 f"    text:\n      fr: Affirmation numéro {n} à propos de ce dossier.\n"
                 f"      en: Claim number {n} about this record.\n"
                 f"    status: {rng.choice(STATUSES)}\n    sources:\n" + citations(ids, rng, "      "))
    return text


def source(record_id: str, position: int, ids: dict, rng: random.Random) -> str:
    via = f"via: {ids['sources'][rng.randrange(position)]}\n" if position and rng.random() < 0.2 else ""
    return (f"id: {record_id}\nkind: {rng.choice(SOURCE_KINDS)}\n"
            f"title: \"Article n° {position} : la donnée, l’adresse et le foyer\"\n"
            f"publisher: Journal {position % 50}\n"
            f"published: 20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
            f"url: https://example.org/articles/{record_id}\naccessed: 2026-11-28\nlanguage: fr\n{via}")


def entity(record_id: str, position: int, ids: dict, rng: random.Random) -> str:
    kind = "group" if position == 0 else rng.choice(ENTITY_KINDS)
    text = (f"id: {record_id}\nname: Entité {position}\nkind: {kind}\n"
            f"summary:\n  fr: Entité synthétique numéro {position}.\n  en: Synthetic entity {position}.\n")
    if position:  # owned by an earlier entity: a forest, never a cycle
        text += (f"owners:\n  - owner: {ids['entities'][rng.randrange(position)]}\n"
                 f"    share: {rng.randint(1, 100)}\n    since: {rng.randint(1990, 2020)}\n"
                 "    sources:\n" + citations(ids, rng, "      "))
    if rng.random() < 0.3:
        text += f"website: https://{record_id}.example.org\n"
    return text + claims(ids, rng)


def dataset(record_id: str, position: int, ids: dict, rng: random.Random) -> str:
    categories = ", ".join(rng.sample(CATEGORIES, 3))
    return (f"id: {record_id}\nname: Fichier {position}\nsummary: Base synthétique numéro {position}.\n"
            f"holder: {rng.choice(ids['entities'])}\ncategories: [{categories}]\n"
            f"size:\n  value: {rng.randint(1000, 30_000_000)}\n  unit: foyers\n  as_of: 2019\n"
            "  sources:\n" + citations(ids, rng, "    ") + claims(ids, rng))


def flow(record_id: str, position: int, ids: dict, rng: random.Random) -> str:
    origin = rng.choice(ids["datasets"] + ids["entities"][:100])
    categories = ", ".join(rng.sample(CATEGORIES, 2))
    return (f"id: {record_id}\nname: Flux {position}\nfrom: {origin}\nto: {rng.choice(ids['entities'])}\n"
            f"categories: [{categories}]\nmechanism: {rng.choice(MECHANISMS)}\nlegal_basis: unknown\n"
            f"since: 2015\nstatus: {rng.choice(STATUSES)}\n" + claims(ids, rng))


def event(record_id: str, position: int, ids: dict, rng: random.Random) -> str:
    subjects = ", ".join(rng.sample(ids["entities"], 2))
    return (f"id: {record_id}\ndate: 20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}\n"
            f"title:\n  fr: Événement {position}\nentities: [{subjects}]\n"
            "sources:\n" + citations(ids, rng, "  "))
