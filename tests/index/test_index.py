"""The index (stage 3): every lookup a page needs, computed once from the records."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.model.records import LoadedData, Record

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "data"


@pytest.fixture(scope="module")
def index():
    return build_index(load_data(FIXTURE_DATA))


def ids(records) -> list[str]:
    return [r.id for r in records]


def test_records_by_id_and_by_collection(index):
    assert index.get("example-group").data["name"] == "Groupe Exemple"
    assert index.get("no-such-id") is None
    assert ids(index.by_collection["entities"]) == ["example-advertiser", "example-division",
                                                    "example-subsidiary", "example-group"]  # by name
    assert ids(index.by_collection["events"]) == ["example-founding"]


def test_children_owners_and_ownership_chain(index):
    assert [(child.id, link.get("share")) for child, link in index.children["example-group"]] == \
        [("example-subsidiary", 100)]
    assert ids(index.chain(index.get("example-division"))) == ["example-group", "example-subsidiary"]
    assert index.chain(index.get("example-group")) == []
    assert ids(index.roots()) == ["example-group"]
    assert ids(index.unattached()) == ["example-advertiser"]


def test_flows_datasets_and_events_of_a_record(index):
    assert ids(index.flows_out["example-file"]) == ["example-rental"]
    assert ids(index.flows_in["example-file"]) == ["example-collection"]
    assert ids(index.flows_in["example-advertiser"]) == ["example-rental"]
    assert ids(index.datasets_of["example-subsidiary"]) == ["example-file"]
    assert ids(index.events_of["example-group"]) == ["example-founding"]


def test_backlinks_of_a_source_list_every_citing_place(index):
    found = {(b.record.id, b.kind, b.anchor) for b in index.backlinks["example-press"]}
    assert found == {
        ("example-subsidiary", "owner", "owner--example-group"),
        ("example-subsidiary", "claim", "rents-address-files"),
        ("example-file", "size", "section--taille"),
        ("example-file", "claim", "monthly-update"),
        ("example-rental", "claim", "rental-offered"),
        ("example-founding", "event", "example-founding"),
    }
    register = {(b.record.id, b.kind) for b in index.backlinks["example-register"]}
    assert ("example-group", "identifiers") in register and ("example-subsidiary", "rights") in register
    assert ids(index.relayed_by["example-press"]) == ["example-blog"]


def test_backlinks_carry_the_words_quoted_from_the_source(index):
    quotes = {(b.record.id, b.anchor): b.quotes for b in index.backlinks["example-press"]}
    assert quotes[("example-file", "monthly-update")] == ("actualisée mensuellement",)
    assert quotes[("example-file", "section--taille")] == ("plus de 15 millions de foyers en 2018",)
    assert quotes[("example-founding", "example-founding")] == ("rejoint le Groupe Exemple le 1er mai 2016",)


def test_a_statement_citing_one_source_twice_is_one_backlink_with_both_quotes():
    cited = [{"source": "s", "quote": "first"}, {"source": "t", "quote": "other"}, {"source": "s", "quote": "second"}]
    record = Record("entities", "e", "data/entities/e.yaml", Path("e.yaml"),
                    {"id": "e", "name": "E", "kind": "company",
                     "claims": [{"id": "c", "text": "t", "status": "reported", "sources": cited}]})
    index = build_index(LoadedData(Path("."), [record], None, []))
    [backlink] = index.backlinks["s"]
    assert (backlink.anchor, backlink.quotes) == ("c", ("first", "second"))


def test_citing_groups_the_backlinks_by_record_in_their_order(index):
    citing = [(record.id, [b.anchor for b in links]) for record, links in index.citing("example-press")]
    flat = [(b.record.id, b.anchor) for b in index.backlinks["example-press"]]
    assert [(rid, anchor) for rid, anchors in citing for anchor in anchors] == flat
    assert len({rid for rid, _ in citing}) == len(citing)
    assert dict(citing)["example-file"] == ["section--taille", "monthly-update"]
    assert index.citing("no-such-source") == []


def test_category_matrix_and_special_categories(index):
    assert ids(index.category_datasets["health"]) == ["example-file"]
    assert ids(index.category_flows["postal-address"]) == ["example-collection", "example-rental"]
    assert index.categories["health"]["special"] is True


def test_kinds_and_tags(index):
    assert ids(index.by_kind["company"]) == ["example-subsidiary"]
    assert set(ids(index.by_tag["marketing"])) == {"example-subsidiary", "example-blog"}


def entity(record_id: str, owner: str | None = None) -> Record:
    data = {"id": record_id, "name": record_id.title(), "kind": "company", "summary": "x"}
    if owner:
        data["owners"] = [{"owner": owner, "sources": [{"source": "s", "quote": "q"}]}]
    return Record("entities", record_id, f"data/entities/{record_id}.yaml", Path(f"{record_id}.yaml"), data)


def test_an_ownership_cycle_does_not_loop():
    loaded = LoadedData(Path("data"), [entity("a", "b"), entity("b", "a"), entity("c", "a")], None, [])
    index = build_index(loaded)
    assert ids(index.chain(index.get("c"))) == ["b", "a"]
    assert ids(index.chain(index.get("a"))) == ["b"]
    assert index.roots() == []  # every owner is owned: the tree has no top, and no endless branch


def test_the_ownership_chain_stops_at_the_group():
    """The breadcrumb goes up to the group, not to the group's shareholders."""
    state, group = entity("state"), entity("group", "state")
    state.data["kind"], group.data["kind"] = "public-body", "group"
    records = [state, group, entity("subsidiary", "group"), entity("division", "subsidiary")]
    index = build_index(LoadedData(Path("data"), records, None, []))
    assert ids(index.chain(index.get("division"))) == ["group", "subsidiary"]
    assert ids(index.chain(index.get("subsidiary"))) == ["group"]
    assert index.chain(index.get("group")) == []
    assert ids(owner for owner, _ in index.owners(group)) == ["state"]  # still its owner
    assert ids(index.roots()) == ["state"]  # and still the top of the group tree


def test_corrections_are_gathered_once_newest_first_with_stable_anchors():
    first, second = entity("first"), entity("second")
    first.data["corrections"] = [{"date": "2026-01-02", "note": "a"}, {"date": "2026-03", "note": "b"},
                                 {"date": "2026-01-02", "note": "c"}]
    second.data["corrections"] = [{"date": "2026-01-02", "note": "d"}]
    index = build_index(LoadedData(Path("data"), [second, first], None, []))
    assert [(c.record.id, c.date, c.note) for c in index.corrections] == [
        ("first", "2026-03", "b"), ("first", "2026-01-02", "a"), ("first", "2026-01-02", "c"),
        ("second", "2026-01-02", "d")]
    assert [c.anchor for c in index.corrections][1:3] == ["correction-first-2026-01-02-1",
                                                         "correction-first-2026-01-02-2"]
