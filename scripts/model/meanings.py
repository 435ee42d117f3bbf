"""The vocabulary of the data explained: for each closed list a contributor chooses from (a claim's
status, the kind of an entity, a source or a rule, a flow's mechanism and legal basis), every value with
its label (vocabulary.py), its one-line meaning and an example (the `x-values` the JSON Schema
gives beside its `enum`, in French and English). Read from the schemas, so the explanation
cannot drift from what the validator accepts: CONTRIBUTING*.md carry it as a generated section
(`python -m scripts vocabulary`, checked by a test), the Méthodologie page through a macro."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .. import REPO_ROOT
from .vocabulary import SCHEMA_ENUMS, VOCABULARIES, Term

SCHEMA_DIR = REPO_ROOT / "data" / "schema"


@dataclass(frozen=True)
class Meaning:
    value: str  # as written in the YAML: `reported`
    label: Term  # as the site shows it: Rapporté / Reported
    meaning: Term  # one line
    example: Term


@dataclass(frozen=True)
class Explained:
    """One closed list: a heading, the field that takes it, and every value explained."""
    name: str  # key of vocabulary.VOCABULARIES
    heading: Term
    field: Term  # where a contributor writes these values
    values: tuple[Meaning, ...]


# The lists, in the order a contributor meets them; the rest (a size's qualifier) explains itself.
EXPLAINED = (
    ("STATUS", Term("Statut d’un fait", "Status of a claim"),
     Term("`status` d’un fait (`claims`) et d’un flux", "`status` of a claim (`claims`) and of a flow")),
    ("ENTITY_KINDS", Term("Type d’entité", "Kind of entity"), Term("`kind` dans data/entities/", "`kind` in data/entities/")),
    ("SOURCE_KINDS", Term("Type de source", "Kind of source"), Term("`kind` dans data/sources/", "`kind` in data/sources/")),
    ("RULE_KINDS", Term("Type de règle", "Kind of rule"), Term("`kind` dans data/rules/", "`kind` in data/rules/")),
    ("MECHANISMS", Term("Mécanisme d’un flux", "Mechanism of a flow"),
     Term("`mechanism` dans data/flows/", "`mechanism` in data/flows/")),
    ("LEGAL_BASES", Term("Base légale d’un flux (RGPD, art. 6)", "Legal basis of a flow (GDPR art. 6)"),
     Term("`legal_basis` dans data/flows/", "`legal_basis` in data/flows/")),
)
COLUMNS = {"fr": ("Valeur", "Sur le site", "Sens", "Exemple"), "en": ("Value", "On the site", "Meaning", "Example")}


def enum_node(schema_dir: Path, name: str) -> dict:
    schema_file, path = SCHEMA_ENUMS[name]
    node = json.loads((Path(schema_dir) / schema_file).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node


def explained(schema_dir: Path = SCHEMA_DIR) -> tuple[Explained, ...]:
    """Every explained list, read from the schemas; KeyError names a value left unexplained."""
    return _explained(str(schema_dir))


@functools.lru_cache(maxsize=4)
def _explained(schema_dir: str) -> tuple[Explained, ...]:
    lists = []
    for name, heading, field in EXPLAINED:
        node = enum_node(Path(schema_dir), name)
        meanings = node.get("x-values", {})
        values = []
        for value in node["enum"]:
            if value not in meanings:
                raise KeyError(f"{SCHEMA_ENUMS[name][0]}: `{value}` has no x-values entry (meaning, example)")
            about = meanings[value]
            values.append(Meaning(value, VOCABULARIES[name][value], Term(about["fr"], about["en"]),
                                  Term(about["example"]["fr"], about["example"]["en"])))
        lists.append(Explained(name, heading, field, tuple(values)))
    return tuple(lists)


def markdown(lang: str, schema_dir: Path = SCHEMA_DIR) -> str:
    """The vocabulary as Markdown tables, one per list (the generated section of CONTRIBUTING)."""
    blocks = []
    for vocabulary in explained(schema_dir):
        colon = " :" if lang == "fr" else ":"
        rows = [f"#### {vocabulary.heading.label(lang)}", "", vocabulary.field.label(lang) + colon, "",
                "| " + " | ".join(COLUMNS[lang]) + " |", "| --- | --- | --- | --- |"]
        for item in vocabulary.values:
            cells = (f"`{item.value}`", item.label.label(lang), item.meaning.label(lang), item.example.label(lang))
            rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def code_spans(text: str) -> Markup:
    """Text with its `code` spans as <code>, everything else escaped."""
    parts = re.split(r"`([^`]+)`", text)
    return Markup("").join(escape(part) if i % 2 == 0 else Markup("<code>{}</code>").format(part)
                           for i, part in enumerate(parts))
