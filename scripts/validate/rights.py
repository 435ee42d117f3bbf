"""What a reader acts on must be what a source says: a dataset's ways out and an entity's
data-protection contact (the pages « Suis-je concerné ? » and « Lettre » write them into a
reader's request).

- A way out (`opt_outs` item) is a rule of data/rules/ or a text, never both nor neither.
- A published contact (`privacy_contact`) has a postal address, an e-mail or a form; the
  address and the e-mail are in one of its quotes, character for character (spaces and line
  breaks aside; an e-mail's case aside); the form is the URL of a cited source or in a quote.
- `none_found` may point (`see`) to the entity whose published contact applies instead: that
  entity must have one."""
from __future__ import annotations

import re
from typing import Any

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import Record
from .ids import IdIndex
from .messages import at, clip
from .references import reference

CONTACT_FIELDS = ("postal", "email", "form")


def rights_problems(record: Record, index: IdIndex) -> list[Problem]:
    data = record.data
    if record.collection == "datasets" and isinstance(data.get("opt_outs"), list):
        return opt_out_problems(record, index, data["opt_outs"])
    if record.collection == "entities" and isinstance(data.get("privacy_contact"), dict):
        return contact_problems(record, index, data["privacy_contact"])
    return []


def opt_out_problems(record: Record, index: IdIndex, opt_outs: list) -> list[Problem]:
    problems: list[Problem] = []
    for i, way in enumerate(opt_outs):
        if not isinstance(way, dict):
            continue
        if ("rule" in way) == ("text" in way):
            problems.append(at(record, ("opt_outs", i), say("optout.rule_or_text")))
        reference(record, index, problems, ("opt_outs", i, "rule"), way.get("rule"), ("rules",))
    return problems


def contact_problems(record: Record, index: IdIndex, contact: dict) -> list[Problem]:
    if contact.get("none_found") is True:
        return see_problems(record, index, contact.get("see"))
    if not any(contact.get(field) for field in CONTACT_FIELDS):
        return [at(record, ("privacy_contact",), say("contact.empty"))]
    cited = [c for c in contact.get("sources") or [] if isinstance(c, dict)]
    quotes = [squeeze(c["quote"]) for c in cited if isinstance(c.get("quote"), str)]
    problems = []
    for field in ("postal", "email"):
        value = contact.get(field)
        if isinstance(value, str) and not in_any(squeeze(value), quotes, ignore_case=field == "email"):
            problems.append(at(record, ("privacy_contact", field), say("contact.not_quoted", value=clip(value))))
    form = contact.get("form")
    if isinstance(form, str) and form not in source_urls(index, cited) and not in_any(form, quotes):
        problems.append(at(record, ("privacy_contact", "form"), say("contact.form_unsourced", value=clip(form))))
    return problems


def see_problems(record: Record, index: IdIndex, see: Any) -> list[Problem]:
    problems: list[Problem] = []
    reference(record, index, problems, ("privacy_contact", "see"), see, ("entities",))
    other = index.record_of.get(see) if isinstance(see, str) else None
    if problems or other is None or other.collection != "entities":
        return problems
    if see == record.id or not published_contact(other.data):
        problems.append(at(record, ("privacy_contact", "see"), say("contact.see_without_contact", value=clip(see))))
    return problems


def published_contact(data: dict) -> bool:
    contact = data.get("privacy_contact")
    return isinstance(contact, dict) and any(contact.get(field) for field in CONTACT_FIELDS)


def source_urls(index: IdIndex, cited: list[dict]) -> set[str]:
    urls = set()
    for citation in cited:
        source = index.record_of.get(citation.get("source"))
        if source is not None and source.collection == "sources" and isinstance(source.data.get("url"), str):
            urls.add(source.data["url"])
    return urls


def squeeze(text: str) -> str:
    """One space for any run of white space: an address quoted over several lines still matches."""
    return re.sub(r"\s+", " ", text).strip()


def in_any(value: str, quotes: list[str], ignore_case: bool = False) -> bool:
    if ignore_case:
        return any(value.lower() in quote.lower() for quote in quotes)
    return any(value in quote for quote in quotes)
