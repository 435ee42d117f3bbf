"""The synthetic data set: valid, deterministic, in the real proportions, with deep trees and no cycles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.load import load_data
from scripts.model.collections import COLLECTIONS
from scripts.tools import synth
from scripts.validate import load_and_validate

RECORDS = 200


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("synth")
    return out, synth.write_dataset(out, RECORDS, seed=1)


def test_counts_sum_to_the_requested_number_in_the_real_proportions(dataset):
    out, counts = dataset
    assert sum(counts.values()) == RECORDS
    assert counts["entities"] > counts["flows"] > counts["datasets"]
    for name, count in counts.items():
        assert len(list((out / "data" / name).glob("*.yaml"))) == count


def test_the_validator_finds_no_problem(dataset):
    out, counts = dataset
    loaded, problems = load_and_validate(out / "data")
    assert problems == []
    assert len(loaded.records) == sum(counts.values())


def test_its_dates_and_figures_are_checked_against_its_quotes(dataset, tmp_path):
    """The synthetic data exercises the evidence check: its quotes say its dates and figures,
    some values carry a `basis` instead, and moving a date breaks the record."""
    out, _ = dataset
    loaded = load_data(out / "data")
    owners = [o for r in loaded.in_collection("entities") for o in r.data.get("owners", [])]
    assert any("since" in o and "basis" not in o for o in owners)
    assert any("basis:" in r.path.read_text(encoding="utf-8") for r in loaded.records)
    event = next(r for r in loaded.in_collection("events") if "basis" not in r.data)
    text = event.path.read_text(encoding="utf-8")
    date = event.data["date"]
    copy = tmp_path / "data"
    shutil.copytree(out / "data", copy)
    (copy / "events" / event.path.name).write_text(text.replace(f"date: {date}\n", "date: 1990\n", 1),
                                                   encoding="utf-8")
    problems = load_and_validate(copy)[1]
    assert [(p.file, p.line) for p in problems] == [(f"data/events/{event.path.name}", 3)]
    assert "1990 is in none of the quotes of this event" in problems[0].message


def test_files_start_with_the_schema_line_and_the_schemas_are_copied(dataset):
    out, _ = dataset
    for name, collection in COLLECTIONS.items():
        first = next((out / "data" / name).glob("*.yaml")).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{collection.schema}"
        assert (out / "data" / "schema" / collection.schema).is_file()


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    first = synth.write_dataset(tmp_path / "a", 60, seed=3)
    second = synth.write_dataset(tmp_path / "b", 60, seed=3)
    third = synth.write_dataset(tmp_path / "c", 60, seed=4)
    assert first == second == third
    assert tree_text(tmp_path / "a") == tree_text(tmp_path / "b")
    assert tree_text(tmp_path / "a") != tree_text(tmp_path / "c")


def test_ownership_is_a_tree_several_levels_deep(dataset):
    out, _ = dataset
    owners = {r.id: [o["owner"] for o in r.data.get("owners", [])] for r in load_data(out / "data").in_collection("entities")}
    depths = [chain_depth(entity, owners) for entity in owners]
    assert max(depths) >= 3


def test_sources_relay_one_another_without_loops(dataset):
    out, _ = dataset
    via = {r.id: [r.data["via"]] if "via" in r.data else [] for r in load_data(out / "data").in_collection("sources")}
    assert max(chain_depth(source, via) for source in via) >= 2


def test_a_rerun_overwrites_its_own_output_but_never_a_foreign_folder(tmp_path):
    synth.write_dataset(tmp_path, 100)
    assert synth.write_dataset(tmp_path, 50) == synth.split_counts(50)
    assert sum(1 for _ in (tmp_path / "data").rglob("*.yaml")) == 50 + 1  # + categories.yaml
    foreign = tmp_path / "real"
    (foreign / "data" / "entities").mkdir(parents=True)
    (foreign / "data" / "entities" / "x.yaml").write_text("id: x\n")
    with pytest.raises(FileExistsError):
        synth.write_dataset(foreign, 50)
    assert (foreign / "data" / "entities" / "x.yaml").exists()


def test_cli_writes_the_data_set_and_refuses_too_few_records(tmp_path, capsys):
    assert synth.main(["--records", "30", "--out", str(tmp_path)]) == 0
    assert "30 records" in capsys.readouterr().out
    assert synth.main(["--records", "2", "--out", str(tmp_path / "small")]) == 2


# -- helpers ------------------------------------------------------------------------------------

def tree_text(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))}


def chain_depth(start: str, parents: dict[str, list[str]]) -> int:
    """Longest path upwards from `start`; fails the test on a cycle."""
    def depth(node: str, seen: tuple[str, ...]) -> int:
        assert node not in seen, f"cycle: {' -> '.join(seen + (node,))}"
        return max((1 + depth(p, seen + (node,)) for p in parents.get(node, [])), default=0)
    return depth(start, ())
