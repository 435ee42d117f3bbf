"""datapackage.json: the Frictionless library validates the exported package (types, enums,
keys, sizes and hashes), on the sample data and on the project's own data; a broken table
is caught."""
from __future__ import annotations

import json

import pytest
from sample import SITE, sample_index

from scripts import DATA_DIR
from scripts.outputs import exports
from scripts.validate import check

frictionless = pytest.importorskip("frictionless")


def validate(folder):
    report = frictionless.validate(str(folder / "datapackage.json"))
    return report, [(task.name, error.type, error.message) for task in report.tasks for error in task.errors]


@pytest.fixture
def package(tmp_path):
    loaded, _ = sample_index(tmp_path / "sample")
    out = tmp_path / "donnees"
    exports.write_exports(loaded, out, SITE, "2026-03-02")
    return out


def test_the_sample_package_is_valid(package):
    report, errors = validate(package)
    assert errors == [] and report.valid


def test_the_projects_package_is_valid(tmp_path):
    exports.write_exports(check(DATA_DIR), tmp_path, "https://enquete.example/", "2026-12-01")
    report, errors = validate(tmp_path)
    assert errors == [] and report.valid
    assert {task.name for task in report.tasks} == {"entities", "datasets", "flows", "sources", "rules",
                                                  "events", "claims", "citations"}


def test_identifiers_load_as_strings_and_lists_as_lists(package):
    resource = frictionless.Package(str(package / "datapackage.json")).get_resource("entities")
    rows = {row["id"]: row for row in resource.read_rows()}
    subsidiary = rows["filiale-exemple"]
    assert subsidiary["identifiers_siren"] == "123456782"  # not 123456782.0
    assert subsidiary["previous_ids"] == ["ancienne-filiale"]
    assert subsidiary["claims"] == 1 and subsidiary["corrections"] == 2
    datasets = frictionless.Package(str(package / "datapackage.json")).get_resource("datasets")
    [dataset] = datasets.read_rows()
    assert dataset["size_value"] == 15000000 and dataset["categories"] == ["address"]


def test_the_schema_says_what_the_json_schemas_say(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    tables = {resource["name"]: resource for resource in descriptor["resources"]}
    fields = {f["name"]: f for f in tables["entities"]["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"][:2] == ["group", "company"]
    assert fields["identifiers_siren"]["constraints"]["pattern"] == "[0-9]{9}"
    assert fields["previous_ids"]["type"] == "list" and fields["previous_ids"]["delimiter"] == " | "
    assert tables["entities"]["schema"]["primaryKey"] == ["id"]
    assert tables["datasets"]["schema"]["foreignKeys"] == [
        {"fields": ["holder"], "reference": {"resource": "entities", "fields": ["id"]}}]
    assert tables["claims"]["schema"]["primaryKey"] == ["record", "claim"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-SA-4.0"


def test_a_value_outside_its_list_is_an_error(package):
    path = package / "entities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",group,", ",groupe,"), encoding="utf-8")
    _, errors = validate(package)
    kinds = {kind for _, kind, _ in errors}
    assert "constraint-error" in kinds  # the enum
    assert "hash-count" in kinds or "byte-count" in kinds  # the file is not the one described


def test_a_holder_that_is_no_entity_is_an_error(package):
    path = package / "datasets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("filiale-exemple", "inconnue"), encoding="utf-8")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the sizes and hashes say nothing of this file any more
        resource.pop("hash"), resource.pop("bytes")
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    _, errors = validate(package)
    assert [kind for _, kind, _ in errors] == ["foreign-key"]
