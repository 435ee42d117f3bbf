"""Page metadata read by reference managers, search engines and link previews: Highwire
`citation_*` tags (Zotero), Dublin Core, Open Graph and schema.org JSON-LD."""
from __future__ import annotations

import html
import json
from typing import Any

from ..index import Index
from ..model import urls
from ..model.records import Record
from ..model.text import iso_date, tr

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
#
# What Zotero's Embedded Metadata translator does with them (research/zotero-check.md; the
# tags it reads are asserted in tests/render/test_metadata.py):
# - any `citation_title` makes the item a journal article (a `citation_journal_title` names
#   the journal); so record pages, which are web pages of this site, carry none, and are
#   saved as web pages (`og:site_name`: the website's title);
# - `DC.creator` is split as a person's name: only a source's own authors are given, as
#   `citation_author`;
# - `DC.date` is the item's date: a record page's last change (its file's last commit);
#   `DCTERMS.created`/`DCTERMS.modified` and `article:published_time`/`modified_time` give
#   its first publication and last change;
# - `citation_public_url` is the item's URL (else the page's own address).
# A source page describes the original document (title, authors, date, publisher, URL), so
# that saving it saves the document: a press article as a journal article of its publication,
# any other source as a web page of its publisher's site.

def sharing_tags(site_url: str | None, site_name: str, lang: str = LANGUAGE) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags of every page: the site's name, its locale and the
    other language's, the social card."""
    return [
        ("property", "og:site_name", site_name),
        ("property", "og:locale", urls.LOCALES[lang]),
        ("property", "og:locale:alternate", urls.LOCALES[urls.other_language(lang)]),
        ("property", "og:image", urls.absolute_url(site_url, urls.SOCIAL_CARD)),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(urls.SOCIAL_CARD_SIZE[0])),
        ("property", "og:image:height", str(urls.SOCIAL_CARD_SIZE[1])),
        ("property", "og:image:alt", tr(lang, f"{site_name} : enquête ouverte et sourcée",
                                        f"{site_name}: an open, sourced investigation")),
        ("name", "twitter:card", "summary_large_image"),
    ]


def meta_html(tags: list[tuple[str, str, str]]) -> list[str]:
    return [f'<meta {kind}="{html.escape(name)}" content="{html.escape(str(value))}">'
            for kind, name, value in tags if value]


def date_tags(first: str | None, updated: str) -> list[tuple[str, str, str]]:
    return [
        ("name", "DC.date", updated),
        ("name", "DCTERMS.created", first or ""),
        ("name", "DCTERMS.modified", updated),
        ("property", "article:published_time", first or ""),
        ("property", "article:modified_time", updated),
    ]


def head_html(record: Record, index: Index, site_url: str | None, updated: str, site_name: str,
              first_published: str | None = None, lang: str = LANGUAGE) -> str:
    """Meta tags and JSON-LD for the <head> of a record page. `updated`: the ISO date of the
    record's last change (its file's last commit; the build's date when it has none);
    `first_published`: of its first commit."""
    page_url = urls.absolute_url(site_url, urls.in_language(urls.record_url(record), lang))
    title = record.title(lang)
    description = record.summary(lang)
    tags = [
        ("name", "DC.title", title),
        ("name", "DC.language", lang),
        ("name", "DC.publisher", site_name),
        ("name", "DC.identifier", page_url),
        ("name", "DC.type", "Dataset" if record.collection == "datasets" else "Text"),
        ("name", "DC.rights", urls.LICENSE_URL),
        ("name", "DC.description", description),
        *date_tags(first_published, updated),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", page_url),
        ("property", "og:type", "article"),
        *sharing_tags(site_url, site_name, lang),
    ]
    if record.collection == "sources":
        tags = original_document_tags(record, tags)
    lines = meta_html(tags)
    lines.append(json_ld_script(json_ld(record, index, site_url, updated, site_name, first_published, lang)))
    return "\n".join(lines) + "\n"


def original_document_tags(record: Record, page_tags: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A source page's tags: the document it describes (the original of a copy) as the item a
    reference manager saves, in place of the page's own title, dates and site."""
    work = original_work(record)
    replaced = {"DC.title", "DC.date", "DC.publisher", "DC.language", "DC.identifier", "DC.description",
                "DCTERMS.created", "DCTERMS.modified", "article:published_time", "article:modified_time",
                "og:site_name"}
    tags = [tag for tag in page_tags if tag[1] not in replaced]
    title = work["title"] or f"[{record.title()}]"  # a title we supply is bracketed, as catalogues do
    tags += [("name", "DC.title", title), ("name", "DC.language", work["language"]),
             ("name", "citation_language", work["language"]),
             ("name", "DC.date", work["published"]), ("name", "citation_date", work["published"].replace("-", "/")),
             ("name", "citation_public_url", work["url"]), ("name", "DC.publisher", work["publisher"])]
    tags += [("name", "citation_author", author) for author in work["authors"]]
    if record.data.get("kind") in ("press", "trade-press") and work["title"]:
        tags += [("name", "citation_title", title), ("name", "citation_journal_title", work["publisher"])]
    # a web page's websiteTitle in Zotero: the publisher's site, not ours
    tags.append(("property", "og:site_name", work["publisher"]))
    return tags


def original_work(record: Record) -> dict[str, Any]:
    """The document a source record stands for: its own title, authors, date, publisher and
    URL, or for a copy (`original`) the original's, each where known."""
    data = record.data
    original = data.get("original") or {}
    title = original.get("title") or data.get("title")  # a copy shows the original's title, if any
    return {
        "title": str(title or ""),
        "authors": [str(a) for a in (original.get("authors") if original else None) or data.get("authors") or []],
        "published": iso_date(original.get("published") if original else data.get("published")),
        "publisher": str(original.get("publisher") or data.get("publisher") or ""),
        "url": str(original.get("url") or data.get("url") or ""),
        "language": str(data.get("language") or LANGUAGE),
    }


def page_head_html(page_path: str | None, title: str, description: str, site_url: str | None, site_name: str,
                   updated: str | None, dataset: Any = None, lang: str = LANGUAGE) -> str:
    """The <head> tags of a page that is not a record's (home, hand-written and index pages,
    the 404 page: `page_path` None): sharing tags, its dates, and JSON-LD: `WebSite` on the
    home page, `Dataset` (`dataset()` gives it) on the open-data page."""
    tags = list(sharing_tags(site_url, site_name, lang))
    if page_path is not None:
        tags += [("property", "og:title", html.unescape(title) or site_name),
                 ("property", "og:description", html.unescape(description)),
                 ("property", "og:url", urls.absolute_url(site_url, page_path)),
                 ("property", "og:type", "website"),
                 ("name", "DC.title", html.unescape(title) or site_name),
                 ("name", "DC.language", lang), ("name", "DC.publisher", site_name)]
        if updated:
            tags += [("name", "DC.date", updated), ("name", "DCTERMS.modified", updated)]
    lines = meta_html(tags)
    if page_path is not None and urls.in_language(page_path, LANGUAGE) == urls.HOME:
        lines.append(json_ld_script(website_json_ld(site_url, site_name, html.unescape(description), lang)))
    if dataset is not None:
        lines.append(json_ld_script(dataset()))
    return "\n".join(lines) + "\n"


def website_json_ld(site_url: str | None, site_name: str, description: str, lang: str = LANGUAGE) -> dict[str, Any]:
    site: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebSite", "name": site_name,
                            "url": urls.absolute_url(site_url, urls.in_language(urls.HOME, lang)), "inLanguage": lang,
                            "license": urls.LICENSE_URL}
    if description:
        site["description"] = description
    return site


def dataset_json_ld(files: dict[str, bytes], exports: list, site_url: str | None, site_name: str,
                    updated: str) -> dict[str, Any]:
    """schema.org Dataset of the open-data page, each export a DataDownload."""
    described = {export.name: export for export in exports}
    dataset: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": f"{site_name} : les données de l’enquête",
        "description": ("Entités du groupe La Poste, fichiers de données personnelles, flux de données entre "
                        "eux, sources et événements datés ; chaque affirmation est appuyée par une citation "
                        "exacte d’une source et porte un statut (documenté, rapporté, allégué, contesté, retiré)."),
        "url": urls.absolute_url(site_url, urls.EXPORTS),
        "inLanguage": LANGUAGE,
        "license": urls.LICENSE_URL,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": f"Les contributeurs et contributrices de « {site_name} »"},
        "keywords": ["La Poste", "données personnelles", "RGPD", "open data"],
        "distribution": [{"@type": "DataDownload", "name": name,
                          "contentUrl": urls.absolute_url(site_url, urls.EXPORTS + name),
                          "encodingFormat": described[name].media_type if name in described else "",
                          "contentSize": f"{len(content)} B"}
                         for name, content in files.items()],
    }
    if updated:
        dataset["dateModified"] = updated
        dataset["version"] = updated.replace("-", "")
    return dataset


def json_ld_script(document: dict[str, Any]) -> str:
    """JSON in a <script> element: `<`, `>` and `&` as \\u escapes, so that no text in the
    data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def json_ld(record: Record, index: Index, site_url: str | None, updated: str, site_name: str,
            first_published: str | None = None, lang: str = LANGUAGE) -> dict[str, Any]:
    """schema.org description of the page (a WebPage of this site, modified on `updated`)
    and of the thing it is about (Organization, Dataset, or the source's CreativeWork),
    with the sources it is based on."""
    data = record.data
    collection = record.collection
    page_url = urls.absolute_url(site_url, urls.in_language(urls.record_url(record), lang))
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": record.title(lang),
        "inLanguage": lang,
        "dateModified": updated,
        **({"datePublished": first_published} if first_published else {}),
        "isPartOf": {"@type": "WebSite", "name": site_name},
        "publisher": {"@type": "Organization", "name": site_name},
        "license": urls.LICENSE_URL,
    }
    if record.summary(lang):
        page["description"] = record.summary(lang)
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
