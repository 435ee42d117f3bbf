"""Every value a schema allows has its words on the site, and every word a value: a new `kind`
or `status` added to a schema without its label fails here instead of rendering as nothing."""
from __future__ import annotations

import json

import pytest

from scripts import REPO_ROOT
from scripts.model import vocabulary
from scripts.model.collections import COLLECTIONS

SCHEMAS = REPO_ROOT / "data" / "schema"


def enum_at(schema_file: str, path: tuple[str, ...]) -> list[str]:
    node = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["enum"]


@pytest.mark.parametrize("name", sorted(vocabulary.SCHEMA_ENUMS))
def test_labels_and_schema_enums_are_the_same_values(name):
    schema_file, path = vocabulary.SCHEMA_ENUMS[name]
    assert sorted(vocabulary.VOCABULARIES[name]) == sorted(enum_at(schema_file, path))


@pytest.mark.parametrize("name", sorted(vocabulary.VOCABULARIES))
def test_every_value_has_french_and_english_words(name):
    for value, term in vocabulary.VOCABULARIES[name].items():
        if name == "QUALIFIERS" and value == "exact":
            continue  # an exact number needs no word before it
        assert term.label("fr") and term.label("en"), (name, value)


def test_a_status_explains_itself_in_both_languages():
    for value, term in vocabulary.STATUS.items():
        assert term.help("fr") and term.help("en"), value


def test_the_same_enum_is_the_same_in_every_schema():
    """`status` is defined in each schema's $defs: they must agree (the vocabulary reads one)."""
    statuses = {file.name: enum_at(file.name, ("$defs", "status")) for file in SCHEMAS.glob("*.json")
                if "status" in json.loads(file.read_text(encoding="utf-8")).get("$defs", {})}
    assert len(set(map(tuple, statuses.values()))) == 1, statuses


def test_every_collection_names_one_of_its_records():
    for collection in COLLECTIONS.values():
        assert collection.one.label("fr") and collection.one.label("en"), collection.name


def test_every_listed_value_is_explained_in_its_schema_in_both_languages():
    from scripts.model.meanings import explained

    lists = explained()
    assert {listed.name for listed in lists} == {"STATUS", "ENTITY_KINDS", "SOURCE_KINDS", "RULE_KINDS",
                                                 "MECHANISMS", "LEGAL_BASES"}
    for listed in lists:
        schema_file, path = vocabulary.SCHEMA_ENUMS[listed.name]
        assert [m.value for m in listed.values] == enum_at(schema_file, path)
        for meaning in listed.values:
            for lang in ("fr", "en"):
                assert meaning.meaning.label(lang).strip() and meaning.example.label(lang).strip(), meaning.value


def test_a_value_without_its_meaning_is_refused(tmp_path):
    import shutil

    from scripts.model.meanings import explained

    for file in SCHEMAS.glob("*.json"):
        shutil.copy(file, tmp_path / file.name)
    schema = json.loads((tmp_path / "flow.json").read_text(encoding="utf-8"))
    schema["properties"]["mechanism"]["enum"].append("teleportation")
    (tmp_path / "flow.json").write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(KeyError, match="teleportation"):
        explained(tmp_path)
