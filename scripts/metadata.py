"""Page metadata read by reference managers, search engines and link previews: Highwire
`citation_*` tags (Zotero), Dublin Core, Open Graph and schema.org JSON-LD.

Also the small record helpers the citation kit shares (citations, feeds, exports, redirects):
they accept a loader `Record` or its plain `data` dict, and the `scripts.index.Index`."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from .collections import COLLECTIONS
from .text import pick, plain

LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
LANGUAGE = "fr"
LOCALE = "fr_FR"

# schema.org type of the thing a record page is about.
THING_TYPES = {"entities": "Organization", "datasets": "Dataset", "sources": "CreativeWork"}


# ---- record helpers shared by the citation kit -------------------------------------------

def record_data(record: Any) -> dict[str, Any]:
    """The record's mapping, whether given a loader Record or the mapping itself."""
    data = getattr(record, "data", record)
    return data if isinstance(data, dict) else {}


def record_collection(record: Any) -> str | None:
    return getattr(record, "collection", None) or record_data(record).get("collection")


def record_id(record: Any) -> str | None:
    return getattr(record, "id", None) or record_data(record).get("id")


def record_title(record: Any) -> str:
    """Name (entities, datasets, flows) or title (sources, events), else the id."""
    data = record_data(record)
    return " ".join(pick(data.get("name") or data.get("title") or data.get("id")).split())


def record_summary(record: Any) -> str:
    return plain(record_data(record).get("summary"))


def page_path(collection: str | None, id_: str) -> str | None:
    """`entites/<id>/`: the page path relative to the site root, or None (no page)."""
    segment = COLLECTIONS[collection].url_segment if collection in COLLECTIONS else None
    return f"{segment}/{id_}/" if segment else None


def sibling_url(page_url: str, collection: str | None, id_: str) -> str | None:
    """Absolute URL of another record page, from the absolute URL of a record page
    (`…/entites/a/` → `…/fichiers/b/`; keeps an `/en/` prefix)."""
    path = page_path(collection, id_)
    if not path or not page_url:
        return None
    return urljoin(page_url if page_url.endswith("/") else page_url + "/", "../../" + path)


def iter_records(index: Any) -> Iterator[Any]:
    """Every record of the index (scripts.index.Index: records by id)."""
    yield from index.records.values()


def find_record(index: Any, id_: str | None) -> Any | None:
    return index.records.get(id_) if id_ else None


def cited_source_ids(value: Any) -> list[str]:
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

    data = record_data(value)
    walk(data)
    if isinstance(data.get("via"), str):
        found.setdefault(data["via"])
    return list(found)


def iso_date(value: Any) -> str:
    """A date field as written (`2019`, `2019-03`, `2019-03-21`), or ''."""
    text = str(value or "")
    return text if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else ""


# ---- the <head> tags --------------------------------------------------------------------

def head_html(record: Any, index: Any, page_url: str, updated: str | None, site_name: str) -> str:
    """Meta tags and JSON-LD for the <head> of a record page. `updated` is the ISO date of
    the record's last change (its file's last commit); None (never committed): the build date."""
    updated = updated or dt.date.today().isoformat()
    title = record_title(record)
    description = record_summary(record)
    collection = record_collection(record)
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
        ("name", "DC.rights", LICENSE_URL),
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
    tags += [("name", "citation_keywords", tag) for tag in record_data(record).get("tags") or []]
    lines = [f'<meta {kind}="{html.escape(name)}" content="{html.escape(str(value))}">'
             for kind, name, value in tags if value]
    lines.append(json_ld_script(json_ld(record, index, page_url, updated, site_name)))
    return "\n".join(lines) + "\n"


def json_ld_script(document: dict[str, Any]) -> str:
    """JSON in a <script> element: `<`, `>` and `&` as \\u escapes, so that no text in the
    data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def json_ld(record: Any, index: Any, page_url: str, updated: str, site_name: str) -> dict[str, Any]:
    """schema.org description of the page (a WebPage of this site, modified on `updated`)
    and of the thing it is about (Organization, Dataset, or the source's CreativeWork),
    with the sources it is based on."""
    data = record_data(record)
    collection = record_collection(record)
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": record_title(record),
        "inLanguage": LANGUAGE,
        "dateModified": updated,
        "isPartOf": {"@type": "WebSite", "name": site_name},
        "publisher": {"@type": "Organization", "name": site_name},
        "license": LICENSE_URL,
    }
    if record_summary(record):
        page["description"] = record_summary(record)
    thing = thing_json_ld(data, collection, index, page_url)
    if thing:
        page["mainEntity"] = thing
    if collection == "flows":
        page["about"] = [about_json_ld(index, page_url, data.get(end)) for end in ("from", "to")
                         if data.get(end)]
    sources = [find_record(index, id_) for id_ in cited_source_ids(data)
               if id_ != data.get("via")]
    cited = [source_json_ld(s) for s in sources if s is not None]
    if cited:
        page["citation"] = cited
        page["isBasedOn"] = [c["url"] for c in cited if c.get("url")]
    return page


def thing_json_ld(data: dict[str, Any], collection: str | None, index: Any,
                  page_url: str) -> dict[str, Any] | None:
    if collection == "entities":
        return organization_json_ld(data, index, page_url)
    if collection == "datasets":
        dataset: dict[str, Any] = {"@type": "Dataset", "name": record_title(data),
                                   "description": record_summary(data)}
        if data.get("aliases"):
            dataset["alternateName"] = list(data["aliases"])
        if data.get("holder"):
            dataset["maintainer"] = about_json_ld(index, page_url, data["holder"])
        size = data.get("size") or {}
        if isinstance(size.get("value"), (int, float)):
            dataset["size"] = {"@type": "QuantitativeValue", "value": size["value"],
                               "unitText": str(size.get("unit") or "")}
        return dataset
    if collection == "sources":
        source = source_json_ld(data)
        via = find_record(index, data.get("via")) if data.get("via") else None
        if via is not None:
            source["isBasedOn"] = source_json_ld(via)
        return source
    return None


def organization_json_ld(data: dict[str, Any], index: Any, page_url: str) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": pick(data.get("name"))}
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
    parents = [about_json_ld(index, page_url, o.get("owner"))
               for o in data.get("owners") or [] if isinstance(o, dict) and o.get("owner")
               and not o.get("until")]
    if parents:
        org["parentOrganization"] = parents
    return org


def about_json_ld(index: Any, page_url: str, id_: str | None) -> dict[str, Any]:
    """A short reference to another record: its schema.org type, name and page."""
    other = find_record(index, id_) if id_ else None
    collection = record_collection(other) if other is not None else None
    node: dict[str, Any] = {"@type": THING_TYPES.get(collection or "", "Thing"),
                            "name": record_title(other) if other is not None else str(id_)}
    url = sibling_url(page_url, collection, str(id_)) if collection else None
    if url:
        node["url"] = url
    return node


def source_json_ld(source: Any) -> dict[str, Any]:
    """A source as the CreativeWork its publisher published (not our page about it)."""
    data = record_data(source)
    work: dict[str, Any] = {"@type": "CreativeWork", "name": str(data.get("title") or "")}
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
