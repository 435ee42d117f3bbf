"""Which texts of the data have no English yet: the English pages show them in French (marked
`lang="fr"`, with an "(in French)" note), and the build says how many there are.

Counted: the summary and every claim's text of entities, datasets and flows, and every category
label (the texts the English edition must have: issue 17). Other texts (notes, purposes,
events) are shown the same way when they lack English, without being counted."""
from __future__ import annotations

from .records import LoadedData
from .text import has_language

TRANSLATED_COLLECTIONS = ("entities", "datasets", "flows")


def missing_english(loaded: LoadedData) -> list[str]:
    """`file: field` of every counted text with no English, in file order."""
    missing = []
    for record in loaded.records:
        if record.collection not in TRANSLATED_COLLECTIONS:
            continue
        if "summary" in record.data and not has_language(record.data["summary"], "en"):
            missing.append(f"{record.file}: summary")
        for claim in record.data.get("claims") or []:
            if isinstance(claim, dict) and not has_language(claim.get("text"), "en"):
                missing.append(f"{record.file}: claim {claim.get('id')}")
    if loaded.categories is not None:
        for category in loaded.categories.data.get("categories") or []:
            if isinstance(category, dict) and not has_language(category.get("label"), "en"):
                missing.append(f"{loaded.categories.file}: category {category.get('id')}")
    return missing
