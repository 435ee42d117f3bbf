"""Page metadata read by reference managers, search engines and link previews: Highwire
`citation_*` tags (Zotero), Dublin Core, Open Graph and schema.org JSON-LD."""
from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from ..index import Index
from ..model import urls
from ..model.records import Record
from ..model.text import iso_date

LANGUAGE = "fr"
LOCALE = "fr_FR"

# schema.org type of the thing a record page is about.
THING_TYPES = {"entities": "Organization", "datasets": "Dataset", "sources": "CreativeWork"}


def cited_source_ids(record: Record) -> list[str]:
    """Ids of the sources cited anywhere in a record (claims, owners, size...), first
    citation first, each once; `via` for a source record."""
    found: dict[str, None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("source"), str) and "quote" in node:
                found.setdefault(node["source"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    data = record.data
    walk(data)
    if isinstance(data.get("via"), str):
        found.setdefault(data["via"])
    return list(found)


# ---- the <head> tags --------------------------------------------------------------------

def head_html(record: Record, index: Index, site_url: str | None, updated: str | None, site_name: str) -> str:
    """Meta tags and JSON-LD for the <head> of a record page. `updated` is the ISO date of
    the record's last change (its file's last commit); None (never committed): the build date."""
    updated = updated or dt.date.today().isoformat()
    page_url = urls.absolute_url(site_url, urls.record_url(record))
    title = record.title()
    description = record.summary()
    collection = record.collection
    tags = [
        ("name", "citation_title", title),
        ("name", "citation_publication_date", updated.replace("-", "/")),
        ("name", "citation_date", updated.replace("-", "/")),
        ("name", "citation_public_url", page_url),
        ("name", "citation_language", LANGUAGE),
        ("name", "citation_publisher", site_name),
        ("name", "DC.title", title),
        ("name", "DC.date", updated),
        ("name", "DC.date.modified", updated),
        ("name", "DC.language", LANGUAGE),
        ("name", "DC.publisher", site_name),
        ("name", "DC.creator", site_name),
        ("name", "DC.identifier", page_url),
        ("name", "DC.type", "Dataset" if collection == "datasets" else "Text"),
        ("name", "DC.rights", urls.LICENSE_URL),
        ("property", "og:title", title),
        ("property", "og:url", page_url),
        ("property", "og:type", "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", LOCALE),
        ("property", "article:modified_time", updated),
    ]
    if description:
        tags += [("name", "DC.description", description),
                 ("property", "og:description", description)]
    tags += [("name", "citation_keywords", tag) for tag in record.data.get("tags") or []]
    lines = [f'<meta {kind}="{html.escape(name)}" content="{html.escape(str(value))}">'
             for kind, name, value in tags if value]
    lines.append(json_ld_script(json_ld(record, index, site_url, updated, site_name)))
    return "\n".join(lines) + "\n"


def json_ld_script(document: dict[str, Any]) -> str:
    """JSON in a <script> element: `<`, `>` and `&` as \\u escapes, so that no text in the
    data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def json_ld(record: Record, index: Index, site_url: str | None, updated: str, site_name: str) -> dict[str, Any]:
    """schema.org description of the page (a WebPage of this site, modified on `updated`)
    and of the thing it is about (Organization, Dataset, or the source's CreativeWork),
    with the sources it is based on."""
    data = record.data
    collection = record.collection
    page_url = urls.absolute_url(site_url, urls.record_url(record))
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": record.title(),
        "inLanguage": LANGUAGE,
        "dateModified": updated,
        "isPartOf": {"@type": "WebSite", "name": site_name},
        "publisher": {"@type": "Organization", "name": site_name},
        "license": urls.LICENSE_URL,
    }
    if record.summary():
        page["description"] = record.summary()
    thing = thing_json_ld(record, index, site_url)
    if thing:
        page["mainEntity"] = thing
    if collection == "flows":
        page["about"] = [about_json_ld(index, site_url, data.get(end)) for end in ("from", "to")
                         if data.get(end)]
    sources = [index.get(id_) for id_ in cited_source_ids(record) if id_ != data.get("via")]
    cited = [source_json_ld(s) for s in sources if s is not None]
    if cited:
        page["citation"] = cited
        page["isBasedOn"] = [c["url"] for c in cited if c.get("url")]
    return page


def thing_json_ld(record: Record, index: Index, site_url: str | None) -> dict[str, Any] | None:
    data, collection = record.data, record.collection
    if collection == "entities":
        return organization_json_ld(record, index, site_url)
    if collection == "datasets":
        dataset: dict[str, Any] = {"@type": "Dataset", "name": record.title(),
                                   "description": record.summary()}
        if data.get("aliases"):
            dataset["alternateName"] = list(data["aliases"])
        if data.get("holder"):
            dataset["maintainer"] = about_json_ld(index, site_url, data["holder"])
        size = data.get("size") or {}
        if isinstance(size.get("value"), (int, float)):
            dataset["size"] = {"@type": "QuantitativeValue", "value": size["value"],
                               "unitText": str(size.get("unit") or "")}
        return dataset
    if collection == "sources":
        source = source_json_ld(record)
        via = index.get(data.get("via"))
        if via is not None:
            source["isBasedOn"] = source_json_ld(via)
        return source
    return None


def organization_json_ld(record: Record, index: Index, site_url: str | None) -> dict[str, Any]:
    data = record.data
    org: dict[str, Any] = {"@type": "Organization", "name": record.title()}
    if data.get("aliases"):
        org["alternateName"] = list(data["aliases"])
    if data.get("website"):
        org["url"] = data["website"]
    identifiers = data.get("identifiers") or {}
    if identifiers.get("wikidata"):
        org["sameAs"] = [f"https://www.wikidata.org/wiki/{identifiers['wikidata']}"]
    if identifiers.get("siren"):
        org["identifier"] = {"@type": "PropertyValue", "propertyID": "SIREN",
                             "value": identifiers["siren"]}
    parents = [about_json_ld(index, site_url, o.get("owner"))
               for o in data.get("owners") or [] if isinstance(o, dict) and o.get("owner")
               and not o.get("until")]
    if parents:
        org["parentOrganization"] = parents
    return org


def about_json_ld(index: Index, site_url: str | None, id_: str | None) -> dict[str, Any]:
    """A short reference to another record: its schema.org type, name and page."""
    other = index.get(id_)
    if other is None:
        return {"@type": "Thing", "name": str(id_)}
    return {"@type": THING_TYPES.get(other.collection, "Thing"), "name": other.title(),
            "url": urls.absolute_url(site_url, urls.record_url(other))}


def source_json_ld(source: Record) -> dict[str, Any]:
    """A source as the CreativeWork its publisher published (not our page about it)."""
    data = source.data
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title()}
    if data.get("url"):
        work["url"] = data["url"]
    if data.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": str(data["publisher"])}
    if data.get("authors"):
        work["author"] = [{"@type": "Person", "name": str(a)} for a in data["authors"]]
    if iso_date(data.get("published")):
        work["datePublished"] = iso_date(data["published"])
    if data.get("archive"):
        work["archivedAt"] = data["archive"]
    if data.get("language"):
        work["inLanguage"] = data["language"]
    return work
