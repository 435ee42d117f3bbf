"""The contribution guides cannot rot: their YAML examples are written to a data folder and must
pass the same validator as the real data, and both languages show the same examples."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scripts import REPO_ROOT
from scripts.model import vocabulary
from scripts.model.collections import CATEGORIES_FILE, CATEGORIES_SCHEMA, COLLECTIONS
from scripts.validate import load_and_validate

GUIDES = [REPO_ROOT / "CONTRIBUTING.md", REPO_ROOT / "CONTRIBUTING.en.md"]
FENCE = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?:\.\./)?schema/(\S+\.json)$", re.MULTILINE)
FOLDER_OF_SCHEMA = {c.schema: c.name for c in COLLECTIONS.values()}


def examples(guide: Path) -> list[tuple[str, str]]:
    """(schema file, YAML text) of every fenced yaml block that names its schema."""
    found = []
    for block in FENCE.findall(guide.read_text(encoding="utf-8")):
        match = SCHEMA_LINE.search(block)
        if match:
            found.append((match[1], block))
    return found


def write_data_folder(guide: Path, root: Path) -> Path:
    data = root / "data"
    for schema, text in examples(guide):
        if schema == CATEGORIES_SCHEMA:
            path = data / CATEGORIES_FILE
        else:
            path = data / FOLDER_OF_SCHEMA[schema] / f"{yaml.safe_load(text)['id']}.yaml"
        assert not path.exists(), f"two examples write {path.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_examples_pass_the_validator_together(guide: Path, tmp_path: Path) -> None:
    loaded, problems = load_and_validate(write_data_folder(guide, tmp_path))

    assert [str(p) for p in problems] == []
    assert {r.collection for r in loaded.records} == set(COLLECTIONS)
    assert loaded.categories is not None


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_examples_are_marked_as_examples(guide: Path) -> None:
    for schema, text in examples(guide):
        data = yaml.safe_load(text)
        ids = [item["id"] for item in data["categories"]] if schema == CATEGORIES_SCHEMA else [data["id"]]
        assert all(i.startswith("example-") for i in ids), ids
        urls = re.findall(r"https?://[^\s\"')]+", text)
        assert all(re.match(r"https?://([\w-]+\.)*example\.org(/|$)", u) for u in urls), urls


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_yaml_block_is_valid_yaml(guide: Path) -> None:
    blocks = FENCE.findall(guide.read_text(encoding="utf-8"))
    assert len(blocks) >= len(COLLECTIONS) + 1
    for block in blocks:
        yaml.safe_load(block)


def test_both_languages_show_the_same_examples() -> None:
    french, english = ([yaml.safe_load(text) for _, text in examples(g)] for g in GUIDES)
    assert french == english


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_explains_statuses_and_local_commands(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    schema = json.loads((REPO_ROOT / "data" / "schema" / "entity.json").read_text(encoding="utf-8"))
    for status in schema["$defs"]["status"]["enum"]:
        assert re.search(rf"^\| `{status}` \|", text, re.MULTILINE), status
    for command in ("make validate", "make new KIND=", "make build", "make serve", "make test", "make hooks"):
        assert command in text, command


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_vocabulary_section_is_generated_from_the_schemas(guide: Path) -> None:
    """The section between the markers is what `python -m scripts vocabulary` writes today."""
    from scripts.tools.vocabulary_doc import with_section

    lang = "en" if guide.name.endswith(".en.md") else "fr"
    text = guide.read_text(encoding="utf-8")
    assert with_section(text, lang) == text, "run `python -m scripts vocabulary`"
    for name in ("STATUS", "ENTITY_KINDS", "SOURCE_KINDS", "RULE_KINDS", "MECHANISMS", "LEGAL_BASES"):
        for value, term in vocabulary.VOCABULARIES[name].items():
            assert re.search(rf"^\| `{re.escape(value)}` \| {re.escape(term.label(lang))} \| \S.* \| \S.* \|$",
                             text, re.MULTILINE), (name, value)


def test_vocabulary_command_rewrites_a_stale_section(tmp_path: Path, monkeypatch) -> None:
    from scripts.tools import vocabulary_doc

    guides = {}
    for lang, path in vocabulary_doc.GUIDES.items():
        stale = vocabulary_doc.SECTION.sub(f"{vocabulary_doc.START}\n| `old` |\n{vocabulary_doc.END}",
                                           path.read_text(encoding="utf-8"))
        guides[lang] = tmp_path / path.name
        guides[lang].write_text(stale, encoding="utf-8")
    monkeypatch.setattr(vocabulary_doc, "GUIDES", guides)

    assert vocabulary_doc.main(["--check"]) == 1
    assert "| `old` |" in guides["fr"].read_text(encoding="utf-8")
    assert vocabulary_doc.main([]) == 0
    assert vocabulary_doc.main(["--check"]) == 0
    assert guides["fr"].read_text(encoding="utf-8") == GUIDES[0].read_text(encoding="utf-8")
