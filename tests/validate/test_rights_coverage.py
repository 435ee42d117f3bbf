"""The shipped data answer the reader's two questions for every file: who is in it and how to get
out (or say that no source publishes it), and whom to write to for every holder (or say that no
published contact was found). The schema keeps the fields optional for contributors; the
published data set must be complete."""
from __future__ import annotations

from scripts import DATA_DIR
from scripts.load import load_data


def test_every_dataset_says_who_is_in_it_and_how_to_get_out():
    datasets = [r for r in load_data(DATA_DIR).records if r.collection == "datasets"]
    assert datasets
    missing = [(r.id, key) for r in datasets for key in ("population", "opt_outs") if key not in r.data]
    assert missing == []


def test_every_holder_has_a_contact_or_says_none_was_found():
    records = load_data(DATA_DIR).records
    holders = {r.data["holder"] for r in records if r.collection == "datasets"}
    entities = {r.id: r.data for r in records if r.collection == "entities"}
    assert holders
    assert sorted(h for h in holders if "privacy_contact" not in entities[h]) == []
