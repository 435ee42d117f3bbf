"""A synthetic data set that validates, at any size, for benchmarks and scale tests.

`python -m scripts synth --records N --out DIR` writes DIR/data/ (the five collections, the
categories vocabulary and a copy of the schemas). Same seed, same files. The proportions follow
the real data (about 40 entities : 8 datasets : 15 flows : 40 sources : 15 events); ownership is
a tree several levels deep (an owner always comes earlier in the list, so there is no cycle);
sources relay one another through `via` chains (an earlier source, so no cycle either).

Every value is invented and says so (example.org URLs, "Société synthétique ..."): nothing here
is a fact about anyone. Like real records, each date and figure is said by a quote it cites (the
first quote repeats it), or now and then carries a `basis` note instead (validate/evidence.py). Files are written from string templates: YAML dumping is the slow part
of a naive generator, and JSON strings are valid double-quoted YAML scalars.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

from ..model import vocabulary
from ..model.collections import CATEGORIES_FILE, COLLECTIONS
from ..model.text import french_date
from ..model.text import number as french_number
from ..validate import figures
from .synth_words import CATEGORIES, ID_WORDS, NAME_PARTS, PUBLISHERS, categories_yaml, q, siren, slug, word_vocabulary

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
MARKER = ".synthetic"  # in DIR/data: the folder was written here and may be overwritten

# Shares of each collection in the real data (entities, datasets, flows, sources, events).
PROPORTIONS = {"entities": 40, "datasets": 8, "flows": 15, "sources": 40, "rules": 1, "events": 15}
SCHEMA_OF = {name: c.schema for name, c in COLLECTIONS.items()}
MAX_OWNERSHIP_DEPTH = 7  # real groups: holding > division > subsidiary > sub-subsidiary ...
MAX_VIA_DEPTH = 4

WEIGHTS = {"company": 12, "division": 3, "brand": 3, "programme": 2, "press": 6, "trade-press": 2,
           "documented": 4, "reported": 4, "alleged": 2, "unknown": 2}


def weighted(terms: dict, leave_out: tuple[str, ...] = ()) -> list[str]:
    return [value for value in terms if value not in leave_out for _ in range(WEIGHTS.get(value, 1))]


ENTITY_KINDS = weighted(vocabulary.ENTITY_KINDS, leave_out=("group",))  # one group, the first entity
SOURCE_KINDS = weighted(vocabulary.SOURCE_KINDS)
STATUSES = weighted(vocabulary.STATUS)
MECHANISMS = weighted(vocabulary.MECHANISMS)
LEGAL_BASES = weighted(vocabulary.LEGAL_BASES, leave_out=("vital-interests",))
RULE_KINDS = weighted(vocabulary.RULE_KINDS)




class Writer:
    """Draws the values of one data set from one seeded random generator."""

    def __init__(self, counts: dict[str, int], seed: int):
        self.rng = random.Random(seed)
        self.counts = counts
        self.ids = {name: [self.make_id(name, i) for i in range(n)] for name, n in counts.items()}
        self.categories = [c[0] for c in CATEGORIES]
        self.vocabulary, self.cum_weights = word_vocabulary(self.rng, records=sum(counts.values()))
        self.entity_depth: list[int] = []
        self.source_depth: list[int] = []

    def make_id(self, collection: str, index: int) -> str:
        # The index makes ids unique across the whole data set; the words make them look real.
        prefix = {"entities": "societe", "datasets": "fichier", "flows": "flux", "sources": "source",
                  "rules": "regle", "events": "evenement"}[collection]
        return f"{prefix}-{slug(NAME_PARTS[index % len(NAME_PARTS)])}-{index + 1}"

    # -- text -------------------------------------------------------------------------------
    def sentence(self, low: int = 8, high: int = 16) -> str:
        words = self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def text_field(self, key: str, indent: str, sentences: int = 1) -> list[str]:
        return self.text_and_lines(key, indent, sentences)[1]

    def text_and_lines(self, key: str, indent: str, sentences: int = 1) -> tuple[str, list[str]]:
        """The French text and the YAML lines of a text field."""
        fr = " ".join(self.sentence() for _ in range(sentences))
        if self.rng.random() < 0.5:
            return fr, [f"{indent}{key}: {q(fr)}"]
        en = " ".join(self.sentence() for _ in range(sentences))
        return fr, [f"{indent}{key}:", f"{indent}  fr: {q(fr)}", f"{indent}  en: {q(en)}"]

    def date(self, low: int = 2005, high: int = 2025) -> str:
        year = self.rng.randint(low, high)
        shape = self.rng.random()
        if shape < 0.3:
            return str(year)
        if shape < 0.5:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    # -- shared blocks ----------------------------------------------------------------------
    def citations(self, key: str, indent: str, low: int = 1, high: int = 3, states: str = "") -> list[str]:
        """Citations with made-up quotes; the first one also says `states` (the dates and
        figures that the cited record states: the validator looks for them in its quotes)."""
        lines = [f"{indent}{key}:"]
        for source in self.rng.sample(self.ids["sources"], min(self.rng.randint(low, high), len(self.ids["sources"]))):
            quote = self.sentence(6, 24).rstrip(".")
            if states:
                quote, states = f"{quote}, {states}", ""
            lines.append(f"{indent}  - source: {source}")
            lines.append(f"{indent}    quote: {q(quote)}")
            if self.rng.random() < 0.3:
                lines.append(f"{indent}    locator: {q(f'p. {self.rng.randint(1, 40)}')}")
        return lines

    def evidence(self, statements: list[str], indent: str) -> tuple[str, list[str]]:
        """What the first quote must say for these statements, or (now and then) a `basis` note
        saying how they were derived instead: ("", [basis line]) or (words, [])."""
        if not statements:
            return "", []
        if self.rng.random() < 0.1:
            return "", [f"{indent}basis: {q('Valeur déduite de la date de publication (exemple synthétique).')}"]
        return " et ".join(statements), []

    def claims(self, low: int, high: int, states: list[str] | None = None) -> list[str]:
        count = self.rng.randint(low, high)
        if not count:
            return []
        lines = ["claims:"]
        for number in range(count):
            status = self.rng.choice(STATUSES)
            lines.append(f"  - id: {self.rng.choice(ID_WORDS)}-{number + 1}")
            fr, text_lines = self.text_and_lines("text", "    ")
            lines += text_lines
            lines.append(f"    status: {status}")
            said, basis = self.evidence([written for _, written in figures.keys(fr)], "    ")
            if number == 0 and states:  # the flow's dates, in its first claim's quotes
                said = " et ".join(filter(None, [said, *states]))
            lines += self.citations("sources", "    ", states=said)
            lines += basis
            if status in ("disputed", "retracted"):
                lines += self.text_field("note", "    ")
        return lines

    def corrections(self) -> list[str]:
        if self.rng.random() > 0.05:
            return []
        return ["corrections:", f"  - date: {self.date(2024, 2026)}"] + self.text_field("note", "    ")

    def tags(self) -> list[str]:
        if self.rng.random() < 0.5:
            return []
        return [f"tags: [{', '.join(sorted(set(self.rng.choice(ID_WORDS) for _ in range(2))))}]"]

    def header(self, collection: str, record_id: str) -> list[str]:
        return [f"# yaml-language-server: $schema=../schema/{SCHEMA_OF[collection]}", f"id: {record_id}"]

    # -- records ----------------------------------------------------------------------------
    def entity(self, index: int) -> str:
        record_id = self.ids["entities"][index]
        kind = "group" if index == 0 else self.rng.choice(ENTITY_KINDS)
        name = f"Société synthétique {NAME_PARTS[index % len(NAME_PARTS)]} {index + 1}"
        lines = self.header("entities", record_id)
        lines += [f"name: {q(name)}", f"kind: {kind}"]
        if self.rng.random() < 0.3:
            lines.append(f"aliases: [{q(name.upper())}]")
        lines += self.tags()
        lines += self.text_field("summary", "", self.rng.randint(1, 2))
        lines += self.owners(index, kind)
        if kind in ("group", "company") and self.rng.random() < 0.6:
            lines += ["identifiers:", f"  siren: \"{siren(self.rng)}\"",
                      f"  wikidata: Q{self.rng.randint(1000, 99999999)}"]
            lines += self.citations("sources", "  ", 1, 1)
        if self.rng.random() < 0.5:
            lines.append(f"website: https://example.org/{record_id}")
        if kind in ("group", "company", "brand") and self.rng.random() < 0.4:
            lines += ["rights:", f"  contact: {q('Délégué à la protection des données, service fictif')}",
                      f"  policy: https://example.org/{record_id}/confidentialite",
                      f"  opt_out: https://example.org/{record_id}/opposition"]
            lines += self.citations("sources", "  ", 1, 1)
        lines += self.claims(0, 3)
        lines += self.corrections()
        return "\n".join(lines) + "\n"

    def owners(self, index: int, kind: str) -> list[str]:
        """One owner (sometimes two) among earlier entities not too deep: a tree, never a cycle."""
        if index == 0 or kind in ("public-body", "association", "audience"):
            self.entity_depth.append(0)
            return []
        candidates = [i for i in range(max(0, index - 30), index) if self.entity_depth[i] < MAX_OWNERSHIP_DEPTH]
        parents = self.rng.sample(candidates, min(len(candidates), 2 if self.rng.random() < 0.1 else 1))
        self.entity_depth.append(1 + max(self.entity_depth[p] for p in parents))
        lines = ["owners:"]
        shares = [100] if len(parents) == 1 else [60, 40]
        for parent, share in zip(parents, shares, strict=True):
            lines.append(f"  - owner: {self.ids['entities'][parent]}")
            statements = []
            if self.rng.random() < 0.7:
                lines.append(f"    share: {share}")
                statements.append(f"à {share} %")
            if self.rng.random() < 0.6:
                since = self.rng.randint(1991, 2020)
                lines.append(f"    since: {since}")
                statements.append(f"depuis {since}")
            if self.rng.random() < 0.05:
                until = self.rng.randint(2021, 2025)
                lines.append(f"    until: {until}")
                statements.append(f"jusqu’en {until}")
            said, basis = self.evidence(statements, "    ")
            lines += basis
            lines += self.citations("sources", "    ", 1, 2, states=said)
        return lines

    def dataset(self, index: int) -> str:
        record_id = self.ids["datasets"][index]
        lines = self.header("datasets", record_id)
        lines.append(f"name: {q(f'Fichier synthétique {NAME_PARTS[index % len(NAME_PARTS)]} {index + 1}')}")
        lines += self.tags()
        lines += self.text_field("summary", "", self.rng.randint(1, 2))
        lines.append(f"holder: {self.rng.choice(self.ids['entities'])}")
        lines.append(f"categories: [{', '.join(self.rng.sample(self.categories, self.rng.randint(2, 7)))}]")
        if self.rng.random() < 0.6:
            value, as_of = self.rng.randint(1, 400) * 100000, self.date()
            lines += ["size:", f"  value: {value}",
                      f"  unit: {q(self.rng.choice(['foyers', 'adresses', 'clients', 'contacts']))}",
                      f"  qualifier: {self.rng.choice(['exact', 'more-than', 'about', 'up-to'])}",
                      f"  as_of: {as_of}"]
            said, basis = self.evidence([french_number(value), f"en {french_date(as_of)}"], "  ")
            lines += basis
            lines += self.citations("sources", "  ", 1, 1, states=said)
        lines += self.claims(1, 3)
        lines += self.corrections()
        return "\n".join(lines) + "\n"

    def flow(self, index: int) -> str:
        record_id = self.ids["flows"][index]
        ends = self.ids["entities"] + self.ids["datasets"]
        origin, target = self.rng.sample(ends, 2)
        lines = self.header("flows", record_id)
        lines.append(f"name: {q(f'Flux synthétique {NAME_PARTS[index % len(NAME_PARTS)]} {index + 1}')}")
        lines += self.tags()
        if self.rng.random() < 0.7:
            lines += self.text_field("summary", "")
        lines += [f"from: {origin}", f"to: {target}",
                  f"categories: [{', '.join(self.rng.sample(self.categories, self.rng.randint(1, 5)))}]",
                  f"mechanism: {self.rng.choice(MECHANISMS)}"]
        if self.rng.random() < 0.7:
            lines += self.text_field("purpose", "")
        lines.append(f"legal_basis: {self.rng.choice(LEGAL_BASES)}")
        since = self.rng.randint(2000, 2020)
        statements = []
        if self.rng.random() < 0.6:
            lines.append(f"since: {since}")
            statements.append(f"depuis {since}")
            if self.rng.random() < 0.1:
                until = since + self.rng.randint(1, 5)
                lines.append(f"until: {until}")
                statements.append(f"jusqu’en {until}")
        said, basis = self.evidence(statements, "")
        lines += basis
        lines.append(f"status: {self.rng.choice(STATUSES)}")
        lines += self.claims(1, 3, states=[said] if said else None)
        lines += self.corrections()
        return "\n".join(lines) + "\n"

    def source(self, index: int) -> str:
        record_id = self.ids["sources"][index]
        publisher = self.rng.choice(PUBLISHERS)
        published = self.date(2000, 2025)
        lines = self.header("sources", record_id)
        lines += [f"kind: {self.rng.choice(SOURCE_KINDS)}", f"title: {q(self.sentence(5, 12).rstrip('.'))}",
                  f"publisher: {q(publisher)}"]
        if self.rng.random() < 0.5:
            lines.append(f"authors: [{q('Rédaction ' + publisher)}]")
        lines.append(f"published: {published}")
        if self.rng.random() < 0.9:
            url = f"https://example.org/{slug(publisher)}/{record_id}"
            lines.append(f"url: {url}")
            if self.rng.random() < 0.6:
                lines.append(f"archive: https://web.archive.org/web/{published[:4]}/{url}")
        lines.append(f"accessed: {self.date(2025, 2026)}")
        lines.append(f"language: {'fr' if self.rng.random() < 0.9 else 'en'}")
        lines += self.via(index)
        if self.rng.random() < 0.4:
            lines += self.text_field("summary", "")
        lines += self.tags()
        lines += self.corrections()
        return "\n".join(lines) + "\n"

    def via(self, index: int) -> list[str]:
        """A relay cites an earlier source (chains up to MAX_VIA_DEPTH long, never a loop)."""
        candidates = [i for i in range(max(0, index - 20), index) if self.source_depth[i] < MAX_VIA_DEPTH]
        if not candidates or self.rng.random() > 0.25:
            self.source_depth.append(0)
            return []
        relayed = self.rng.choice(candidates)
        self.source_depth.append(self.source_depth[relayed] + 1)
        return [f"via: {self.ids['sources'][relayed]}"]

    def rule(self, index: int) -> str:
        record_id = self.ids["rules"][index]
        lines = self.header("rules", record_id)
        lines += [f"name: {q(f'Règle synthétique {index + 1}')}", f"kind: {self.rng.choice(RULE_KINDS)}"]
        lines += self.text_field("summary", "")
        lines += self.tags()
        lines += self.claims(1, 3)
        lines += self.corrections()
        return "\n".join(lines) + "\n"

    def event(self, index: int) -> str:
        record_id = self.ids["events"][index]
        lines = self.header("events", record_id)
        date = self.date(1991, 2025)
        lines.append(f"date: {date}")
        said, basis = self.evidence([f"le {french_date(date)}"], "")
        lines += basis
        lines += self.text_field("title", "")
        if self.rng.random() < 0.7:
            lines += self.text_field("summary", "")
        entities = self.rng.sample(self.ids["entities"], min(len(self.ids["entities"]), self.rng.randint(1, 3)))
        lines.append(f"entities: [{', '.join(entities)}]")
        lines += self.tags()
        lines += self.citations("sources", "", 1, 3, states=said)
        lines += self.corrections()
        return "\n".join(lines) + "\n"


def split_counts(records: int) -> dict[str, int]:
    """Records per collection in the real proportions, summing exactly to `records`; at least
    one entity and one source so that every reference has a target."""
    if records < len(PROPORTIONS):
        raise ValueError(f"--records must be at least {len(PROPORTIONS)} (one record per collection)")
    total = sum(PROPORTIONS.values())
    counts = {name: max(1, records * share // total) for name, share in PROPORTIONS.items()}
    counts["sources"] += records - sum(counts.values())
    return counts


def prepare(data_dir: Path) -> None:
    """Empty a data folder written by an earlier run; never touch one we did not write."""
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / MARKER).exists():
            raise FileExistsError(f"{data_dir} exists and was not written by synth: choose an empty "
                                  "or new --out folder")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / MARKER).write_text("written by python -m scripts synth; may be deleted\n")


def write_dataset(out_dir: Path, records: int, seed: int = 0) -> dict[str, int]:
    """Write out_dir/data/ with `records` records; return the count per collection."""
    data_dir = Path(out_dir) / "data"
    prepare(data_dir)
    counts = split_counts(records)
    writer = Writer(counts, seed)
    shutil.copytree(SCHEMA_DIR, data_dir / "schema")
    (data_dir / CATEGORIES_FILE).write_text(categories_yaml(), encoding="utf-8")
    build = {"entities": writer.entity, "datasets": writer.dataset, "flows": writer.flow,
             "sources": writer.source, "rules": writer.rule, "events": writer.event}
    # Sources first: their depth bookkeeping does not depend on the others, and entities first
    # among the rest for the same reason (owners are earlier entities).
    for name in ("sources", "entities", "datasets", "flows", "rules", "events"):
        folder = data_dir / name
        folder.mkdir()
        for index, record_id in enumerate(writer.ids[name]):
            (folder / f"{record_id}.yaml").write_text(build[name](index), encoding="utf-8")
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True, help="number of records to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write data/ into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same files)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = write_dataset(args.out, args.records, args.seed)
    except (ValueError, FileExistsError) as error:
        print(f"synth: {error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    detail = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"wrote {sum(counts.values())} records ({detail}) to {args.out / 'data'} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
