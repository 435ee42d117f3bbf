"""The macros of the hand-written pages (mkdocs-macros, `modules: [scripts.site.macros]` in
mkdocs.yml). Every function returns HTML built from escaped data, e.g.
`{{ flows_table(mechanism="rental") }}`, `{{ entity_link("la-poste") }}`.

The index is the one the investigation plugin built for this build (never rebuilt per call);
used without the plugin, it is built once from data/."""
from __future__ import annotations

from markupsafe import Markup

from .. import DATA_DIR
from ..index import Index, build_index
from ..model.collections import COLLECTIONS
from ..model.problems import DataError
from ..model.vocabulary import MECHANISMS, STATUS
from ..render import flow_map, pages
from ..render.environment import PageInfo, page_helpers

PLUGIN = "investigation"  # scripts/site/plugin.py, as mkdocs.yml names it


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
        if record is None:
            raise KeyError(f"claim: no record with id {record_id!r} in data/")
        found = next((c for c in record.data.get("claims") or [] if c.get("id") == claim_id), None)
        if found is None:
            ids = ", ".join(c.get("id", "") for c in record.data.get("claims") or [])
            raise KeyError(f"claim: {record_id!r} has no claim {claim_id!r} (its claims: {ids})")
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
    def flow_chain(*record_ids: str, title: str = "Chaîne des flux") -> Markup:
        """Diagram of the flows that reach the named records (entities or files), drawn from
        the data: `{{ flow_chain("bnca", "annonceurs", title="...") }}`. An id missing from the
        data set is left out (synthetic data sets build the same pages)."""
        helpers = page_helpers(index(), PageInfo(page_url()))
        return Markup(flow_map.chain_figure(index(), record_ids, title, helpers["href"], helpers["to"]))

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

    @env.macro
    def key_figures() -> Markup:
        """A short list of counts: entities, files, flows, sources, claims by status."""
        counts = {name: len(index().by_collection[name]) for name in COLLECTIONS}
        statuses = {status: claims_count(status) for status in STATUS}
        return pages.render_fragment("key_figures.html", index(), page_url(), counts=counts,
                                      statuses=statuses, total_claims=claims_count())


def standalone_index() -> Index:
    from ..validate import check
    try:
        return build_index(check(DATA_DIR))
    except DataError as error:
        raise RuntimeError("the data set has problems:\n" + str(error)) from None
