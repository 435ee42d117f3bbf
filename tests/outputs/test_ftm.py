"""entities.ftm.json: every entity loads in the followthemoney library's model and is valid
there (its schema, every property, every value's type, every reference to an entity of the
file and of the schema the property takes); index.json gives every file's size and checksum."""
from __future__ import annotations

import hashlib
import json

import pytest
from sample import SITE, sample_index

from scripts import DATA_DIR
from scripts.outputs import exports, ftm
from scripts.validate import check

followthemoney = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.exc import InvalidData  # noqa: E402


def ftm_problems(entities: list[dict]) -> list[str]:
    """What the followthemoney model finds wrong in a list of entities."""
    problems = []
    by_id = {entity["id"]: entity for entity in entities}
    if len(by_id) != len(entities):
        problems.append("two entities share an id")
    for entity in entities:
        schema = model.get(entity["schema"])
        if schema is None or schema.abstract:
            problems.append(f"{entity['id']}: no usable schema {entity['schema']!r}")
            continue
        try:
            schema.validate(entity)  # required properties, every value valid for its type
        except InvalidData as error:
            problems.append(f"{entity['id']}: {error.errors}")
        proxy = model.get_proxy(entity, cleaned=False)
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            if prop is None:
                problems.append(f"{entity['id']}: {schema.name} has no property {name}")
                continue
            for value in values:
                if prop.type.name == "entity":
                    target = by_id.get(value)
                    if target is None:
                        problems.append(f"{entity['id']}: {name} -> {value}, not in the file")
                    elif not model.get(target["schema"]).is_a(prop.range):
                        problems.append(f"{entity['id']}: {name} takes a {prop.range.name}, not a {target['schema']}")
                elif prop.type.clean(value, proxy=proxy) is None:
                    problems.append(f"{entity['id']}: {name} = {value!r} is not a valid {prop.type.name}")
    return problems


def entities_of(files: dict[str, bytes]) -> list[dict]:
    return [json.loads(line) for line in files[ftm.ENTITIES_FILE].decode("utf-8").splitlines()]


@pytest.fixture
def sample_files(tmp_path):
    loaded, _ = sample_index(tmp_path)
    return exports.export_files(loaded, SITE, "2026-03-02")


def test_the_sample_entities_are_valid_followthemoney(sample_files):
    entities = entities_of(sample_files)
    assert ftm_problems(entities) == []
    by_id = {e["id"]: e for e in entities}
    subsidiary = by_id["filiale-exemple"]
    assert subsidiary["schema"] == "Company"
    assert subsidiary["properties"]["registrationNumber"] == ["123456782"]
    assert subsidiary["properties"]["sourceUrl"] == [f"{SITE}entites/filiale-exemple/"]
    ownership = by_id["filiale-exemple-proprietaire-1"]
    assert ownership["schema"] == "Ownership"
    expected = {"owner": ["groupe-exemple"], "asset": ["filiale-exemple"], "percentage": ["100"],
                "startDate": ["2016"], "proof": ["presse-2016"]}
    assert {name: ownership["properties"].get(name) for name in expected} == expected
    assert by_id["presse-2019"]["schema"] == "Document"
    assert by_id["presse-2019"]["properties"]["author"] == ["Auteur Exemple"]
    assert by_id["location-exemple"]["properties"]["role"] == ["Location"]
    assert by_id["rachat-2016"]["schema"] == "Event"


def test_the_projects_entities_are_valid_followthemoney():
    files = exports.export_files(check(DATA_DIR), "https://enquete.example/", "2026-12-01")
    entities = entities_of(files)
    assert ftm_problems(entities) == []
    schemata = {e["schema"] for e in entities}
    assert {"Company", "PublicBody", "Ownership", "Document", "Asset", "UnknownLink", "Event"} <= schemata


def test_the_check_catches_what_the_model_refuses(sample_files):
    entities = entities_of(sample_files)
    by_id = {e["id"]: e for e in entities}
    by_id["filiale-exemple"]["properties"]["percentage"] = ["100"]  # not a property of a Company
    by_id["presse-2016"]["properties"]["publishedAt"] = ["mars 2016"]  # not a date
    by_id["location-exemple"]["properties"]["object"] = ["nulle-part"]  # no such entity
    by_id["filiale-exemple-proprietaire-1"]["properties"]["asset"] = ["presse-2016"]  # a Document is no Asset
    problems = "\n".join(ftm_problems(entities))
    assert "Company has no property percentage" in problems
    assert "publishedAt = 'mars 2016' is not a valid date" in problems
    assert "object -> nulle-part, not in the file" in problems
    assert "asset takes a Asset, not a Document" in problems


def test_index_json_gives_each_files_size_and_checksum(sample_files):
    index = json.loads(sample_files[ftm.INDEX_FILE])
    assert index["version"] == "20260302" and index["updated_at"] == "2026-03-02T00:00:00"
    assert index["entity_count"] == len(entities_of(sample_files))
    resources = {r["name"]: r for r in index["resources"]}
    assert set(resources) == set(sample_files) - {ftm.INDEX_FILE}
    for name, resource in resources.items():
        assert resource["size"] == len(sample_files[name])
        assert resource["checksum"] == hashlib.sha1(sample_files[name]).hexdigest()
        assert resource["url"] == f"{SITE}donnees/{name}"
