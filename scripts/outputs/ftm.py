"""entities.ftm.json: the data set as FollowTheMoney entities (the model of Aleph and
OpenSanctions), one JSON object a line; index.json: the data set's metadata in the style of
OpenSanctions' dataset index (title, version, dates, every file with its size and checksum).

What becomes what:
- entities: a group or company is a `Company`, a public body a `PublicBody`, an audience (the
  advertisers, the customers) a `LegalEntity`, the rest (divisions, programmes, brands,
  associations) an `Organization`; SIREN as `registrationNumber`, Wikidata as `wikidataId`;
- an owner link: an `Ownership` (owner, asset, percentage, start and end dates) when the owned
  entity is a company (FtM's `asset`), otherwise an `UnknownLink` with the role "contrôle";
- a data file: an `Asset` (the personal data a company holds), and an `Ownership` whose role
  is "détenteur" from its holder;
- a flow: an `UnknownLink` from its origin to its destination, its mechanism as the role;
- a source: a `Document` (title, authors, publisher, date, URL, language);
- an event: an `Event` with the entities involved;
- the sources each record cites: its `proof` (documents).

The entities are written from this mapping as plain JSON (the followthemoney library takes
seconds to import: not a cost for every build); tests/outputs/test_ftm.py loads every entity
with the library's model and validates it: schemata, properties, value types, references."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from ..model import urls
from ..model.records import Record
from ..model.text import iso_date, plain
from ..model.vocabulary import MECHANISMS
from ..render.metadata import cited_source_ids

ENTITIES_FILE = "entities.ftm.json"
INDEX_FILE = "index.json"
DATASET = "la-poste-donnees"
SCHEMATA = {"group": "Company", "company": "Company", "public-body": "PublicBody", "audience": "LegalEntity"}
ASSETS = ("Company",)  # FtM's Ownership.asset takes an Asset: of our entities, companies
LANGUAGES = {"fr": "fra", "en": "eng", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}


def entities_bytes(records: list[Record], page_url: Callable[[Record], str]) -> bytes:
    lines = (json.dumps(entity, ensure_ascii=False, sort_keys=True) for entity in ftm_entities(records, page_url))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def schema_of(record: Record) -> str:
    if record.collection == "datasets":
        return "Asset"
    return SCHEMATA.get(record.data.get("kind", ""), "Organization")


def ftm_entities(records: list[Record], page_url: Callable[[Record], str]) -> Iterator[dict[str, Any]]:
    schemata = {r.id: schema_of(r) for r in records if r.collection in ("entities", "datasets")}
    for record in records:
        data = record.data
        proof = [s for s in cited_source_ids(record) if s != data.get("via")]
        if record.collection in ("entities", "datasets"):
            yield thing(record, schemata[record.id], proof, page_url(record))
        if record.collection == "entities":
            for number, link in enumerate(data.get("owners") or [], start=1):
                yield owner_link(record, link, number, schemata)
        elif record.collection == "datasets" and data.get("holder"):
            yield entity(f"{record.id}-detenteur", "Ownership", owner=[data["holder"]], asset=[record.id],
                         role=["détenteur du fichier"], proof=proof)
        elif record.collection == "flows":
            yield entity(record.id, "UnknownLink", subject=[data.get("from")], object=[data.get("to")],
                         role=[MECHANISMS[data["mechanism"]].fr] if data.get("mechanism") in MECHANISMS else [],
                         description=[record.title()], summary=[record.summary()],
                         startDate=[iso_date(data.get("since"))], endDate=[iso_date(data.get("until"))],
                         sourceUrl=[page_url(record)], proof=proof)
        elif record.collection == "sources":
            yield document(record)
        elif record.collection == "events":
            involved = [e for e in data.get("entities") or [] if schemata.get(e, "Asset") != "Asset"]
            yield entity(record.id, "Event", name=[record.title()], date=[iso_date(data.get("date"))],
                         summary=[record.summary()], involved=involved, sourceUrl=[page_url(record)],
                         proof=proof)


def entity(entity_id: str, schema: str, **properties: list[Any]) -> dict[str, Any]:
    """An FtM entity: every value a string, empty values left out."""
    cleaned = {name: [str(v) for v in values if v not in (None, "")] for name, values in properties.items()}
    return {"id": entity_id, "schema": schema, "datasets": [DATASET],
            "properties": {name: values for name, values in cleaned.items() if values}}


def absolute(url: str) -> str:
    """FtM URLs are absolute: a page path (no SITE_URL) is left out."""
    return url if url.startswith(("http://", "https://")) else ""


def thing(record: Record, schema: str, proof: list[str], page: str) -> dict[str, Any]:
    data = record.data
    identifiers = data.get("identifiers") or {}
    properties: dict[str, list[Any]] = {
        "name": [record.title()], "alias": list(data.get("aliases") or []),
        "description": [record.summary()], "keywords": list(data.get("tags") or []),
        "sourceUrl": [absolute(page)], "proof": proof,
    }
    if schema != "Asset":
        properties.update(website=[data.get("website")], registrationNumber=[identifiers.get("siren")],
                          wikidataId=[identifiers.get("wikidata")])
    return entity(str(record.id), schema, **properties)


def owner_link(record: Record, link: dict[str, Any], number: int, schemata: dict[str, str]) -> dict[str, Any]:
    proof = list(dict.fromkeys(c.get("source") for c in link.get("sources") or [] if isinstance(c, dict)))
    dates = {"startDate": [iso_date(link.get("since"))], "endDate": [iso_date(link.get("until"))],
             "date": [iso_date(link.get("as_of"))], "summary": [plain(link.get("basis"))], "proof": proof}
    link_id = f"{record.id}-proprietaire-{number}"
    if schemata.get(record.id) in ASSETS:
        share = link.get("share")
        return entity(link_id, "Ownership", owner=[link.get("owner")], asset=[record.id],
                      percentage=[format(share, "g") if isinstance(share, (int, float)) else None], **dates)
    return entity(link_id, "UnknownLink", subject=[link.get("owner")], object=[record.id], role=["contrôle"],
                  **dates)


def document(record: Record) -> dict[str, Any]:
    data = record.data
    original = data.get("original") or {}
    notes = []
    if original:
        described = ", ".join(str(original[k]) for k in ("title", "publisher", "published", "url") if original.get(k))
        notes.append(f"Copie de : {described}" if described else "Copie d’un autre document")
    return entity(str(record.id), "Document",
                  title=[data.get("title")], name=[record.title()],
                  description=[plain(data.get("description"))], summary=[record.summary()],
                  author=list(data.get("authors") or []), publisher=[data.get("publisher")],
                  publishedAt=[iso_date(data.get("published"))], sourceUrl=[data.get("url")],
                  language=[LANGUAGES.get(data.get("language", ""))], notes=notes)


# ---- the data set's metadata -------------------------------------------------------------------

def dataset_index(files: dict[str, bytes], exports: list, updated: str, site_url: str | None) -> dict[str, Any]:
    """OpenSanctions-style metadata of the data set: every file made so far (`files`), with its
    size and checksum (SHA-1, as OpenSanctions gives it, and SHA-256)."""
    described = {export.name: export for export in exports}
    base = urls.absolute_url(site_url, urls.EXPORTS) if site_url else ""
    resources = []
    for name, content in files.items():
        export = described.get(name)
        resources.append({
            "name": name, "url": base + name if base else name, "title": export.description if export else name,
            "mime_type": export.media_type if export else "application/octet-stream", "size": len(content),
            "checksum": hashlib.sha1(content).hexdigest(), "sha256": hashlib.sha256(content).hexdigest(),
        })
    entity_count = files.get(ENTITIES_FILE, b"").count(b"\n")
    index: dict[str, Any] = {
        "name": DATASET,
        "title": "La Poste et vos données",
        "summary": "Enquête ouverte et sourcée sur les données personnelles dans le groupe La Poste.",
        "license": {"name": "CC-BY-SA-4.0", "url": urls.LICENSE_URL},
        "version": updated.replace("-", "") or "0",
        "updated_at": f"{updated}T00:00:00" if updated else None,
        "last_change": f"{updated}T00:00:00" if updated else None,
        "entity_count": entity_count,
        "resources": resources,
    }
    if site_url:
        index["url"] = urls.absolute_url(site_url, urls.EXPORTS)
    return {key: value for key, value in index.items() if value is not None}
