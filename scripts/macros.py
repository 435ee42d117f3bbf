"""mkdocs-macros module (`module_name: scripts/macros` in mkdocs.yml): the render functions,
for hand-written pages. Every function returns HTML built from escaped data, e.g.
`{{ flows_table(mechanism="rental") }}`, `{{ entity_link("la-poste") }}`.

The index is the one the hook built for this build (one index per build, never rebuilt per
call); used without the hook, it is built once from data/ and cached."""
from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs-macros loads this file by path
    sys.path.insert(0, str(ROOT))

from scripts import render  # noqa: E402
from scripts.collections import COLLECTIONS  # noqa: E402
from scripts.index import Build, Index, build_index, current_build, remember_build  # noqa: E402
from scripts.problems import DataError  # noqa: E402


def define_env(env) -> None:
    def index() -> Index:
        build = current_build(id(env.conf))
        if build is None:  # macros without the hook: build the index once for this config
            build = standalone_build()
            remember_build(id(env.conf), build)
        return build.index

    def page_url() -> str:
        page = getattr(env, "page", None)
        return page.url if page is not None else ""

    @env.macro
    def entity_link(record_id: str) -> Markup:
        """Link to any record's page (entity, dataset, flow, source) by its id."""
        record = index().get(record_id)
        if record is None:
            raise KeyError(f"entity_link: no record with id {record_id!r} in data/")
        return render.render_fragment("macro_link.html", index(), page_url(), target=record)

    @env.macro
    def flows_table(mechanism: str | None = None, entity: str | None = None) -> Markup:
        """Table of the flows, optionally only one mechanism or those of one entity/dataset."""
        if mechanism is not None and mechanism not in render.MECHANISMS:
            raise ValueError(f"flows_table: unknown mechanism {mechanism!r}; "
                             f"use one of {', '.join(render.MECHANISMS)}")
        flows = index().by_collection["flows"]
        if mechanism is not None:
            flows = [f for f in flows if f.data.get("mechanism") == mechanism]
        if entity is not None:
            flows = [f for f in flows if entity in (f.data.get("from"), f.data.get("to"))]
        return render.render_fragment("flows_table.html", index(), page_url(), flows=flows)

    @env.macro
    def record_count(collection: str) -> int:
        """Number of records in a collection: entities, datasets, flows, sources, events."""
        if collection not in COLLECTIONS:
            raise ValueError(f"record_count: unknown collection {collection!r}; use one of {', '.join(COLLECTIONS)}")
        return len(index().by_collection[collection])

    @env.macro
    def claims_count(status: str | None = None) -> int:
        """Number of claims in the data set, optionally with one status only."""
        if status is not None and status not in render.STATUS:
            raise ValueError(f"claims_count: unknown status {status!r}; use one of {', '.join(render.STATUS)}")
        return sum(1 for record in index().records.values() for claim in record.data.get("claims") or []
                   if status is None or claim.get("status") == status)

    @env.macro
    def key_figures() -> Markup:
        """A short list of counts: entities, files, flows, sources, claims by status."""
        counts = {name: len(index().by_collection[name]) for name in COLLECTIONS}
        statuses = {status: claims_count(status) for status in render.STATUS}
        return render.render_fragment("key_figures.html", index(), page_url(), counts=counts,
                                      statuses=statuses, total_claims=claims_count())


def standalone_build() -> Build:
    from scripts.validate import check
    try:
        loaded = check(ROOT / "data")
    except DataError as error:
        raise RuntimeError("the data set has problems:\n" + str(error)) from None
    return Build(loaded, build_index(loaded))
