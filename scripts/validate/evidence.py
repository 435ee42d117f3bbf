"""Every date and figure we state is in a quote we cite, or says how it was derived.

- A claim's French text: each figure of it (figures.py) is stated by one of the claim's quotes,
  or, for a claim about a publication, is that publication's date. A claim is about a cited
  source when its text names it: the source's publisher, the original's publisher (for a copy)
  or one of its authors, as whole words, ignoring case and accents (`Selon la CNIL (2006)`,
  `Une version de 2013 de l’article Wikipédia`, `L’Autorité de la concurrence a autorisé le
  1er juin 2017`); a publisher's part in brackets counts on its own (`France-Soir (AFP)`: AFP).
  The date is the source's `published`, or `original.published` for a copy, at the claim's
  precision or coarser (`2017` or `juin 2017` for a source of 2017-06-01). A claim that does
  not name its source (`En 2013, GeoPost a racheté...` from an article of 2013) takes the year
  from the article's date: that is a derivation, and `basis:` says so.
- An owner link's `since`, `until`, `as_of` and `share`: stated by the link's quotes.
- A dataset's `size.value` and `size.as_of`: stated by `size.sources`' quotes.
- An event's `date`: stated by the event's quotes.
- A flow's `since` and `until`: stated by the quotes of the flow's claims.

A structured date is never accepted from a publication date: taking the year of a takeover
from the date of the article that announces it is a derivation, and a reader must be told so.
`basis:` (plain words: how the value was derived) on the claim, owner link, size, event or
flow is the other way to pass; retracted claims are not checked (their correction says why).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import LoadedData, Path_, Record
from ..model.text import pick
from .figures import Key, date_key, keys, number_of, says, show, stated, widen
from .ids import IdIndex
from .messages import at

STRUCTURED_DATES = ("since", "until", "as_of")


def evidence_problems(loaded: LoadedData, index: IdIndex) -> list[Problem]:
    checker = EvidenceChecker(index)
    problems: list[Problem] = []
    for record in loaded.records:
        problems += checker.record_problems(record)
    return problems


class EvidenceChecker:
    def __init__(self, index: IdIndex):
        self.index = index
        # source id -> what its publication dates state, and a pattern of its names
        self.published: dict[str, tuple[frozenset[Key], re.Pattern | None]] = {}

    def record_problems(self, record: Record) -> list[Problem]:
        data, collection = record.data, record.collection
        problems: list[Problem] = []
        if collection in ("entities", "datasets", "flows"):
            for i, claim in indexed(data.get("claims")):
                problems += self.claim_problems(record, i, claim)
        if collection == "entities":
            for i, owner in indexed(data.get("owners")):
                values = [(key, date_key(str(owner[key]))) for key in STRUCTURED_DATES if owner.get(key)]
                values.append(("share", number_of(owner.get("share"), high=100)))
                problems += self.value_problems(record, ("owners", i), owner, values, citations(owner), "owner")
        elif collection == "datasets" and isinstance(data.get("size"), dict):
            size = data["size"]
            values = [("value", number_of(size.get("value"))), ("as_of", date_key(str(size.get("as_of"))))]
            problems += self.value_problems(record, ("size",), size, values, citations(size), "size")
        elif collection == "events":
            problems += self.value_problems(record, (), data, [("date", date_key(str(data.get("date"))))],
                                            citations(data), "event")
        elif collection == "flows":
            values = [(key, date_key(str(data.get(key)))) for key in ("since", "until")]
            quoted = [c for claim in mappings(data.get("claims")) for c in citations(claim)]
            problems += self.value_problems(record, (), data, values, quoted, "flow")
        return problems

    def claim_problems(self, record: Record, i: int, claim: dict) -> list[Problem]:
        if claim.get("basis") or claim.get("status") == "retracted":
            return []
        text = claim.get("text")
        figures = keys(pick(text))
        if not figures:
            return []
        cited = citations(claim)
        quotes = quotes_of(cited)
        missing = [(key, written) for key, written in figures if not in_quotes(key, quotes)]
        if missing:
            named = self.publication_keys(cited, named_in=pick(text))
            missing = [(key, written) for key, written in missing if key not in named]
        if not missing:
            return []
        path: Path_ = ("claims", i, "text", "fr") if isinstance(text, dict) else ("claims", i, "text")
        shown = list(dict.fromkeys(written for _, written in missing))
        values = ", ".join(f"'{w}'" for w in shown)
        unnamed = self.publication_keys(cited)
        hint = say("evidence.claim.unnamed_publication") if all(key in unnamed for key, _ in missing) else ""
        message = "evidence.claim.one" if len(shown) == 1 else "evidence.claim.many"
        return [at(record, path, say(message, values=values, searched=searched(cited), hint=hint))]

    def value_problems(self, record: Record, path: Path_, mapping: dict, values: list[tuple[str, Key | None]],
                       cited: list[dict], what: str) -> list[Problem]:
        """Structured values (`values`: field name and key) against the quotes `cited`; a
        `basis` in `mapping` (`what` names it: owner, size, event or flow) silences them all."""
        values = [(name, key) for name, key in values if key is not None]
        if not values or mapping.get("basis"):
            return []
        quotes = quotes_of(cited)
        whose, basis_on = say(f"evidence.whose.{what}"), say(f"evidence.basis_on.{what}")
        problems = []
        for name, key in values:
            if in_quotes(key, quotes):
                continue
            hint = say("evidence.value.publication") if key in self.publication_keys(cited) else ""
            problems.append(at(record, path + (name,), say("evidence.value", value=show(key), whose=whose,
                                                           searched=searched(cited), hint=hint, basis_on=basis_on)))
        return problems

    def publication_keys(self, cited: Iterable[dict], named_in: str | None = None) -> frozenset[Key]:
        """What the publication dates of the cited sources state; with `named_in`, only those of
        the sources that this text names."""
        out: set[Key] = set()
        folded = fold(named_in) if named_in is not None else None
        for citation in cited:
            source_id = citation.get("source")
            if not isinstance(source_id, str):
                continue
            dates, names = self.publication_of(source_id)
            if folded is None or (names is not None and names.search(folded)):
                out |= dates
        return frozenset(out)

    def publication_of(self, source_id: str) -> tuple[frozenset[Key], re.Pattern | None]:
        """A source's dates (published, original.published) and a pattern of its names."""
        if source_id not in self.published:
            record = self.index.record_of.get(source_id)
            data = record.data if record is not None and record.collection == "sources" else {}
            original = data.get("original") if isinstance(data.get("original"), dict) else {}
            found = (date_key(str(value)) for value in (data.get("published"), original.get("published")) if value)
            names = [data.get("publisher"), original.get("publisher")]
            names += [*strings(data.get("authors")), *strings(original.get("authors"))]
            self.published[source_id] = (widen(key for key in found if key is not None), names_pattern(names))
        return self.published[source_id]


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe: how names are compared."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def names_pattern(names: list[Any]) -> re.Pattern | None:
    """`France-Soir (AFP)` -> france-soir, afp, france-soir (afp): each a whole-word match."""
    variants: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        name = fold(name).strip()
        variants.add(name)
        variants.update(part.strip() for part in re.split(r"[()]", name) if len(part.strip()) >= 2)
    if not variants:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def quotes_of(cited: list[dict]) -> list[str]:
    return [c["quote"] for c in cited if isinstance(c.get("quote"), str)]


def in_quotes(key: Key, quotes: list[str]) -> bool:
    """Whether one of the quotes states `key`. Only the quotes that contain the digits every
    writing of it has are read (a speed-up, not a rule): a date has its year's four digits, a
    day of a month its day's, a whole number under 1000 its own (`75 %`, `75 pour cent`)."""
    digits = needle(key)
    return any(says(quote, key) or key in stated(quote) for quote in quotes if digits is None or digits in quote)


def needle(key: Key) -> str | None:
    kind = key[0]
    if kind == "y" or kind == "m" or kind == "d":
        return str(key[1])
    if kind == "dm":
        return str(key[2])
    value = key[1]
    return str(value) if value.__class__ is int and value < 1000 else None


def searched(cited: list[dict]) -> str:
    if not cited:
        return say("evidence.searched.none")
    sources = ", ".join(dict.fromkeys(str(c.get("source")) for c in cited if c.get("source")))
    count = len(cited)
    return say("evidence.searched.one" if count == 1 else "evidence.searched.many", count=count, sources=sources)


def citations(mapping: dict) -> list[dict]:
    return mappings(mapping.get("sources"))


def indexed(value: Any) -> list[tuple[int, dict]]:
    """(position, item) of the mappings of a list (the schema reports the other items)."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def mappings(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
