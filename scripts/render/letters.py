"""The pages « Suis-je concerné ? » (which files a reader's situation puts them in) and
« Lettre » (/vos-droits/lettre/): for each holder of a data file and each
request, what the letter stands on. Every article number and every quoted word of the law comes
from a rule record's claim (data/rules/): the citation of a legal text (source kind
`legislation`) that backs the claim gives its locator (« article 15, paragraphe 1 ») and its
quote. Nothing here states a fact; the wording of the letters is in templates/lettre.html."""
from __future__ import annotations

from dataclasses import dataclass

from ..index import Index
from ..model.records import Record
from ..model.vocabulary import REQUESTS, SITUATIONS

# What each part of a letter stands on: (rule id, claim id, the locator of the legal citation
# to quote, or "" for the claim's first one).
ACCESS = [("droit-d-acces", "copie", ""), ("droit-d-acces", "destinataires", ""),
          ("droit-d-acces", "source-des-donnees", "")]
OBJECTION = [("droit-d-opposition", "prospection-sans-motif", ""),
             ("droit-d-opposition", "fin-de-la-prospection", "")]
ERASURE = [("droit-a-l-effacement", "prospection", "article 17, paragraphe 1")]
ERASURE_AFTER_OBJECTION = [("droit-a-l-effacement", "prospection", "article 17, paragraphe 1, c)")]
BASIS = {"acces": ACCESS, "opposition": OBJECTION, "effacement": ERASURE,
         "opposition-effacement": OBJECTION + ERASURE + ERASURE_AFTER_OBJECTION}
DEADLINE = ("delai-de-reponse", "un-mois", "")
COMPLAINT = "plainte-a-la-cnil"
assert set(BASIS) == set(REQUESTS)


@dataclass(frozen=True)
class LegalPoint:
    """One statement of the law a letter relies on: the rule and claim (linked under the
    letter), and the article and words the letter quotes."""
    rule: Record
    claim: dict
    locator: str
    quote: str


def legal_point(index: Index, rule_id: str, claim_id: str, locator: str = "") -> LegalPoint | None:
    """The claim's citation of a legal text (the one at `locator` when given and found, else the
    first); None when the rule, the claim or such a citation is missing."""
    rule = index.get(rule_id)
    if rule is None or rule.collection != "rules":
        return None
    claim = next((c for c in rule.data.get("claims") or [] if c.get("id") == claim_id), None)
    if claim is None:
        return None
    legal = [c for c in claim.get("sources") or []
             if str(c.get("locator", "")).startswith("article") and is_legislation(index, c.get("source"))]
    chosen = next((c for c in legal if c.get("locator") == locator), legal[0] if legal else None)
    if chosen is None:
        return None
    return LegalPoint(rule, claim, chosen["locator"], chosen["quote"])


def is_legislation(index: Index, source_id: str | None) -> bool:
    source = index.get(source_id)
    return source is not None and source.data.get("kind") == "legislation"


def letter_basis(index: Index, request: str) -> list[LegalPoint]:
    """The points of one request's letter, then the deadline; the missing ones left out (the
    tests require them all in the shipped data)."""
    wanted = BASIS[request] + [DEADLINE]
    return [point for point in (legal_point(index, *w) for w in wanted) if point is not None]


def holders(index: Index) -> list[Record]:
    """The entities that hold at least one data file, by name."""
    found = [index.get(holder_id) for holder_id, held in index.datasets_of.items() if held]
    return sorted((r for r in found if r is not None), key=lambda r: r.title().casefold())


def by_situation(index: Index) -> dict[str, list[Record]]:
    """The reader's situations (vocabulary order) that some data file's population names, each
    with its files, by name."""
    found: dict[str, list[Record]] = {value: [] for value in SITUATIONS}
    for dataset in index.by_collection.get("datasets", []):
        for value in situations_of(dataset):
            if value in found:
                found[value].append(dataset)
    return {value: held for value, held in found.items() if held}


def situations_of(dataset: Record) -> list[str]:
    population = dataset.data.get("population")
    return list(population.get("situations") or []) if isinstance(population, dict) else []


def unplaced(index: Index) -> list[Record]:
    """The data files whose population no source states (`none_published`, or none written)."""
    return [d for d in index.by_collection.get("datasets", []) if not situations_of(d)]
