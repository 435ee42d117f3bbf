"""Facts in the prose of the hand-written pages come from the data (issue 22).

A sentence of docs/*.md that states a fact — it holds a digit (a number, a year, a date) or a
legal word (FACT_WORDS) — must render a claim (`{{ claim("record", "claim") }}`), render a figure
counted from the data (DATA_MACROS), or link to where the data states it: a claim's anchor on its
record's page (`droit/<id>.md#<claim>`, `entites/<id>.md#<claim>`…), a sourced section of a record
page (SOURCED_SECTIONS) or an event on the timeline (`chronologie/index.md#<event>`). So the page
cannot say more than the record, and a correction to the record corrects the page.

The few sentences that carry such a word as framing, not as fact (the site's own licence, the
page's numbering of its steps…) are listed, each with its reason, in tests/prose_allowlist.yaml.

Units: a heading, a list item, a table row, or a sentence of a paragraph. Code is not prose."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Legal words: what a reader would act on. Matched as whole words, any case.
FACT_WORDS = (
    "doit", "doivent", "devez", "devra", "devront", "obligatoire", "obligatoires", "obligation",
    "obligations", "gratuit", "gratuite", "gratuits", "gratuites", "gratuitement", "payant",
    "payante", "délai", "délais", "interdit", "interdite", "interdits", "interdites", "interdiction",
    "loi", "lois", "article", "articles", "RGPD", "règlement", "décret", "code", "sanction",
    "sanctions", "amende", "amendes", "tenu", "tenue", "tenus", "tenues", "autorisé", "autorisée",
    "illégal", "illégale", "légal", "légale",
)
FACT_MARK = re.compile(
    r"\d|\b(?:" + "|".join(FACT_WORDS) + r")\b|\bdroits? (?:de|d’|d'|à|au|aux)\b", re.I)

CLAIM_MACRO = re.compile(r"""\{\{\s*claim\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']\s*\)\s*\}\}""")
DATA_MACROS = ("record_count", "claims_count", "sources_count", "key_figures")
DATA_MACRO = re.compile(r"\{\{\s*(?:" + "|".join(DATA_MACROS) + r")\(")
ANY_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
AUTOLINK = re.compile(r"<https?://[^>]+>|https?://\S+")
HTML_TAG = re.compile(r"<[^>]+>")
# Sections of a record page that show citations of a structured fact.
SOURCED_SECTIONS = frozenset({"section--droits", "section--taille", "section--proprietaires",
                              "section--identifiants"})
TIMELINE = "chronologie/index.md"
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
HEADING = re.compile(r"^#{1,6}\s+(?:\d+\.\s+)?")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«A-ZÀ-ÖØ-Þ*_\[{])")


@dataclass(frozen=True)
class Unit:
    """One statement of a page: its Markdown source and the text a reader sees."""
    source: str
    text: str


def visible(markdown: str) -> str:
    """The words a reader sees: link texts without targets, no macros, addresses or tags."""
    text = ANY_MACRO.sub(" ", markdown)
    text = LINK.sub(lambda m: m.group(1), text)
    text = AUTOLINK.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = HEADING.sub("", LIST_ITEM.sub("", text))
    return " ".join(text.replace("**", "").split())


def units(body: str) -> list[Unit]:
    """Headings, list items, table rows and sentences of a page body (code already removed)."""
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    found = []
    for block in re.split(r"\n\s*\n", body):
        items: list[list[str]] = []
        for line in block.splitlines():
            starts_item = LIST_ITEM.match(line) or HEADING.match(line) or line.lstrip().startswith("|")
            if starts_item or not items:
                items.append([line])
            else:
                items[-1].append(line)
        for item in items:
            source = " ".join(part.strip() for part in item)
            if not source.strip() or set(source.strip()) <= set("|-: "):
                continue
            pieces = [source] if source.lstrip().startswith(("|", "#")) else SENTENCE_END.split(source)
            found += [Unit(piece, visible(piece)) for piece in pieces if visible(piece)]
    return found


def states_a_fact(unit: Unit) -> bool:
    return bool(FACT_MARK.search(unit.text))


@dataclass(frozen=True)
class Evidence:
    """What a page may point at: record ids by page segment with their claim ids, rule and
    event ids, and which records carry which sourced sections."""
    claims: dict[tuple[str, str], frozenset[str]]  # (segment, record id) -> claim ids
    claim_ids: dict[str, frozenset[str]]  # record id -> claim ids (for the macro)
    events: frozenset[str]

    def backs(self, target: str) -> bool:
        """A link target that reaches a claim, a sourced section or an event."""
        path, _, anchor = target.partition("#")
        if not anchor:
            return False
        if path == TIMELINE:
            return anchor in self.events
        segment, _, stem = path.partition("/")
        record = (segment, stem.removesuffix(".md"))
        if record not in self.claims:
            return False
        return anchor in self.claims[record] or anchor in SOURCED_SECTIONS

    def claim_exists(self, record_id: str, claim_id: str) -> bool:
        return claim_id in self.claim_ids.get(record_id, frozenset())


def backed(unit: Unit, evidence: Evidence) -> bool:
    if any(evidence.claim_exists(*found) for found in CLAIM_MACRO.findall(unit.source)):
        return True
    if DATA_MACRO.search(unit.source):
        return True
    return any(evidence.backs(target) for _, target in LINK.findall(unit.source))


def unbacked_facts(body: str, evidence: Evidence, allowed: set[str]) -> list[str]:
    """Sentences that state a fact without rendering or linking to the data, less those allowed."""
    return [u.text for u in units(body)
            if states_a_fact(u) and not backed(u, evidence) and not any(a in u.text for a in allowed)]


def broken_anchors(body: str, evidence: Evidence) -> list[str]:
    """Links to a record page's #anchor, or claim macros, that name no claim, sourced section
    or event: they would back a sentence with nothing."""
    bad = [f"claim({r!r}, {c!r})" for r, c in CLAIM_MACRO.findall(body) if not evidence.claim_exists(r, c)]
    for _, target in LINK.findall(body):
        path, _, anchor = target.partition("#")
        segment = path.partition("/")[0]
        known_record = any(seg == segment for seg, _ in evidence.claims) or path == TIMELINE
        if anchor and known_record and not anchor.startswith("section--") and not evidence.backs(target):
            if not path.endswith("index.md") or path == TIMELINE:
                bad.append(target)
    return bad
