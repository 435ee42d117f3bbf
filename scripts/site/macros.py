"""The macros of the hand-written pages (mkdocs-macros, `modules: [scripts.site.macros]` in
mkdocs.yml). Every function returns HTML built from escaped data, e.g.
`{{ flows_table(mechanism="rental") }}`, `{{ entity_link("la-poste") }}`.

The index is the one the investigation plugin built for this build (never rebuilt per call);
used without the plugin, it is built once from data/. Each macro speaks the language of the
page it is on (English under en/: docs/en/*.md)."""
from __future__ import annotations

import logging

from markupsafe import Markup, escape

from .. import DATA_DIR
from ..index import Index, build_index
from ..model import dictionary, urls
from ..model.collections import COLLECTIONS
from ..model.coverage import SOURCE_FIELDS, source_field_counts
from ..model.meanings import code_spans, explained
from ..model.problems import DataError
from ..model.text import format_date, number, tr
from ..model.vocabulary import MECHANISMS, STATUS, VOCABULARIES
from ..outputs import exports
from ..render import flow_map, pages
from ..render.environment import PageInfo, page_helpers

PLUGIN = "investigation"  # scripts/site/plugin.py, as mkdocs.yml names it
# Under MkDocs' logger: a strict build (`make build`, CI, publish) stops on its warnings.
log = logging.getLogger("mkdocs.plugins.investigation.macros")
FIELD_TYPES = {"text": "texte (fr, en)", "string": "texte", "date": "date", "url": "adresse web", "id": "identifiant",
               "number": "nombre", "integer": "entier", "boolean": "booléen", "object": "objet", "list": "liste"}
ENGLISH_FIELD_TYPES = {"text": "text (fr, en)", "string": "text", "date": "date", "url": "web address", "id": "identifier",
                       "number": "number", "integer": "integer", "boolean": "boolean", "object": "object", "list": "list"}


def define_env(env) -> None:
    standalone: list[Index] = []

    def index() -> Index:
        plugin = env.conf.plugins.get(PLUGIN)
        if plugin is not None and plugin.build is not None:
            return plugin.build.index
        if not standalone:  # macros without the plugin: the index of data/, built once
            standalone.append(standalone_index())
        return standalone[0]

    def page_url() -> str:
        page = getattr(env, "page", None)
        return page.url if page is not None else ""

    def lang() -> str:
        return urls.language_of(page_url())

    @env.macro
    def entity_link(record_id: str) -> Markup:
        """Link to any record's page (entity, dataset, flow, source) by its id."""
        record = index().get(record_id)
        if record is None:
            raise KeyError(f"entity_link: no record with id {record_id!r} in data/")
        return pages.render_fragment("macro_link.html", index(), page_url(), target=record)

    @env.macro
    def claim(record_id: str, claim_id: str) -> Markup:
        """A claim of a record, as a sentence of a hand-written page: its text, its status and
        a link to its citations, so that the page says no more than the record."""
        record = index().get(record_id)
        claims = record.data.get("claims") or [] if record is not None else []
        found = next((c for c in claims if c.get("id") == claim_id), None)
        if found is None:
            # Like a broken link: a strict build stops; a build on another data set (a synthetic
            # one, for the benchmark) shows the gap instead of the claim.
            known = f"its claims: {', '.join(c.get('id', '') for c in claims)}" if record is not None else "no such record"
            log.warning("%s: claim(%r, %r) names no claim of data/ (%s)", page_url() or "page", record_id, claim_id, known)
            return Markup('<span class="lp-claim-ref lp-claim-ref--missing">[') + escape(f"{record_id}#{claim_id}") + Markup("]</span>")
        return pages.render_fragment("macro_claim.html", index(), page_url(), record=record, claim=found).strip()

    @env.macro
    def flows_table(mechanism: str | None = None, entity: str | None = None) -> Markup:
        """Table of the flows, optionally only one mechanism or those of one entity/dataset."""
        if mechanism is not None and mechanism not in MECHANISMS:
            raise ValueError(f"flows_table: unknown mechanism {mechanism!r}; "
                             f"use one of {', '.join(MECHANISMS)}")
        flows = index().by_collection["flows"]
        if mechanism is not None:
            flows = [f for f in flows if f.data.get("mechanism") == mechanism]
        if entity is not None:
            flows = [f for f in flows if entity in (f.data.get("from"), f.data.get("to"))]
        return pages.render_fragment("flows_table.html", index(), page_url(), flows=flows)

    @env.macro
    def flow_chain(*record_ids: str, title: str | None = None) -> Markup:
        """Diagram of the flows that reach the named records (entities or files), drawn from
        the data: `{{ flow_chain("bnca", "annonceurs", title="...") }}`. An id missing from the
        data set is left out (synthetic data sets build the same pages)."""
        helpers = page_helpers(index(), PageInfo(page_url()))
        title = title or tr(lang(), "Chaîne des flux", "Chain of flows")
        return Markup(flow_map.chain_figure(index(), record_ids, title, helpers["href"], helpers["to"], lang()))

    @env.macro
    def record_count(collection: str) -> int:
        """Number of records in a collection: entities, datasets, flows, sources, events."""
        if collection not in COLLECTIONS:
            raise ValueError(f"record_count: unknown collection {collection!r}; use one of {', '.join(COLLECTIONS)}")
        return len(index().by_collection[collection])

    @env.macro
    def claims_count(status: str | None = None) -> int:
        """Number of claims in the data set, optionally with one status only."""
        if status is not None and status not in STATUS:
            raise ValueError(f"claims_count: unknown status {status!r}; use one of {', '.join(STATUS)}")
        return sum(1 for record in index().records.values() for claim in record.data.get("claims") or []
                   if status is None or claim.get("status") == status)

    def export_files() -> dict[str, bytes]:
        plugin = env.conf.plugins.get(PLUGIN)
        if plugin is not None and plugin.build is not None:
            return plugin.build.export_files()
        return standalone_exports()

    @env.macro
    def exports_table() -> Markup:
        """The files of /donnees/: name (a link), format, size, what each holds."""
        files = export_files()
        rows = [(export, len(files[export.name]), file_size(len(files[export.name]), lang()))
                for export in exports.EXPORTS if export.name in files]
        return pages.render_fragment("exports_table.html", index(), page_url(), rows=rows)

    @env.macro
    def data_version() -> str:
        """The date of the data set's last change (its newest commit), in French: `1er décembre 2026`."""
        plugin = env.conf.plugins.get(PLUGIN)
        last = plugin.build.last_change if plugin is not None and plugin.build is not None else ""
        return format_date(last, lang()) if last else tr(lang(), "(version de travail, sans historique)",
                                                          "(working version, no history)")

    @env.macro
    def data_dictionary() -> Markup:
        """Every field of every collection, from the JSON Schemas: type, description, allowed values."""
        labels = {}
        for vocabulary in VOCABULARIES.values():
            labels.update({value: term.label(lang()) for value, term in vocabulary.items()})
        tables = {name: [f for f in dictionary.fields(name) if f.path != "$schema"] for name in COLLECTIONS}
        return pages.render_fragment("data_dictionary.html", index(), page_url(), tables=tables,
                                      labels=labels, collections=COLLECTIONS,
                                      TYPES=ENGLISH_FIELD_TYPES if lang() == "en" else FIELD_TYPES)

    @env.macro
    def sources_count(field: str) -> int:
        """Number of sources with one field, as `python -m scripts stats` counts them ("sources by
        field"): title, description, published, undated, archive, accessed, via, original, no-url."""
        if field not in SOURCE_FIELDS:
            raise ValueError(f"sources_count: unknown field {field!r}; use one of {', '.join(SOURCE_FIELDS)}")
        return source_field_counts(r.data for r in index().by_collection["sources"])[field]

    @env.macro
    def vocabulary(name: str) -> Markup:
        """The table of one closed list explained (STATUS, ENTITY_KINDS, SOURCE_KINDS, RULE_KINDS,
        MECHANISMS, LEGAL_BASES): each value's label, code, meaning and example, read from the schemas."""
        lists = {listed.name: listed for listed in explained()}
        if name not in lists:
            raise ValueError(f"vocabulary: unknown list {name!r}; use one of {', '.join(lists)}")
        return pages.render_fragment("vocabulary.html", index(), page_url(), listed=lists[name],
                                     code_spans=code_spans)

    @env.macro
    def key_figures() -> Markup:
        """A short list of counts: entities, files, flows, sources, claims by status."""
        counts = {name: len(index().by_collection[name]) for name in COLLECTIONS}
        statuses = {status: claims_count(status) for status in STATUS}
        return pages.render_fragment("key_figures.html", index(), page_url(), counts=counts,
                                      statuses=statuses, total_claims=claims_count())


def file_size(size: int, lang: str = "fr") -> str:
    """`812 octets`, `12,3 ko`, `1,4 Mo` (French units, decimal comma); `812 bytes`, `12.3 kB`, `1.4 MB`."""
    if size < 1000:
        return f"{number(size, lang)} {tr(lang, 'octets', 'bytes')}"
    value, unit = (size / 1000, tr(lang, "ko", "kB")) if size < 1_000_000 else (size / 1_000_000, tr(lang, "Mo", "MB"))
    return f"{value:.1f} {unit}".replace(".", tr(lang, ",", "."))


def standalone_exports() -> dict[str, bytes]:
    from ..validate import check
    return exports.export_files(check(DATA_DIR))


def standalone_index() -> Index:
    from ..validate import check
    try:
        return build_index(check(DATA_DIR))
    except DataError as error:
        raise RuntimeError("the data set has problems:\n" + str(error)) from None
