"""Stage 1: the loader keeps every value's line and turns bad files into Problems, never tracebacks."""
from __future__ import annotations

import pytest

from scripts.load import files as load_files
from scripts.load import load_data, yaml_lines
from scripts.load.yaml_lines import YamlProblem, parse

RECORD = """\
# yaml-language-server: $schema=../schema/entity.json
id: example
owners:
  - owner: example-group
    share: 100
    since: 2016
    until: 2019-13-45
published: 2019-03-21
aliases: [A, B]
"""


def test_every_value_keeps_its_line():
    data, lines = parse(RECORD)
    assert lines[("id",)] == 2
    assert lines[("owners", 0)] == 4
    assert lines[("owners", 0, "share")] == 5
    assert lines[("aliases", 1)] == 9
    assert data["owners"][0]["owner"] == "example-group"


def test_dates_stay_as_written():
    data, _ = parse(RECORD)
    owner = data["owners"][0]
    assert owner["since"] == "2016"  # not the int 2016
    assert owner["until"] == "2019-13-45"  # not a traceback: the validator says "not a real date"
    assert data["published"] == "2019-03-21"  # not a datetime.date
    assert owner["share"] == 100  # other numbers stay numbers


def test_record_line_falls_back_to_the_nearest_ancestor(data_tree):
    loaded = load_data(data_tree())
    record = next(r for r in loaded.records if r.id == "example-subsidiary")
    assert record.file == "data/entities/example-subsidiary.yaml"
    assert record.line(("owners", 0, "share")) == 10
    assert record.line(("owners", 0, "no-such-field")) == 9
    assert record.line(()) == 1


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as raised:
        parse(text)
    return raised.value


def test_duplicate_key_names_both_lines():
    found = problem("id: x\nname: A\nkind: group\nname: B\n")
    assert found.line == 4
    assert "key 'name' appears twice in this mapping (first at line 2)" in found.message


def test_duplicate_key_in_a_nested_mapping():
    found = problem("id: x\nowners:\n  - owner: a\n    owner: b\n")
    assert found.line == 4 and "key 'owner' appears twice" in found.message


def test_anchor_and_alias_are_refused_at_the_anchor():
    found = problem("id: x\nname: &n Example\naliases: [*n]\n")
    assert found.line == 2 and "anchors (&) and aliases (*) are not allowed" in found.message


def test_alias_bomb_is_refused_before_anything_is_built(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an alias bomb must be refused before construction")
    monkeypatch.setattr(yaml_lines, "construct", never)
    layers = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    layers += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
               for i in range(9)]
    found = problem("id: x\n" + "\n".join(layers) + "\n")
    assert found.line == 2 and "aliases" in found.message


def test_ampersand_and_star_in_text_are_fine():
    data, _ = parse("title: \"*Le Monde* & Co\"\nname: AT&T\nquote: 5 * 3\n")
    assert data == {"title": "*Le Monde* & Co", "name": "AT&T", "quote": "5 * 3"}


def test_merge_key_is_refused():
    assert "merge keys (<<) are not allowed" in problem("id: x\n<<: {name: a}\n").message


@pytest.mark.parametrize("value", ["!!python/object:os.system x", "!!binary aGVsbG8=", "!custom x"])
def test_explicit_tags_are_refused(value):
    found = problem(f"id: x\nname: {value}\n")
    assert found.line == 2 and "unsupported YAML tag" in found.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text):
    found = problem(text)
    assert found.line == 1 and "the file is empty" in found.message


@pytest.mark.parametrize("text, kind, line", [("- a\n- b\n", "list", 1), ("\n\njust text\n", "single value", 3)])
def test_not_a_mapping(text, kind, line):
    found = problem(text)
    assert found.line == line and f"not a {kind}" in found.message


def test_not_yaml_names_the_line():
    found = problem("id: x\nname: A\nsummary: Annonceurs: ceux qui louent\n")
    assert found.line == 3 and found.message.startswith("not valid YAML: ")


def test_two_documents_are_refused():
    found = problem("id: x\n---\nid: y\n")
    assert found.line == 2 and "single document" in found.message


def test_control_character_names_its_line():
    found = problem("id: x\nname: A\x07B\n")
    assert found.line == 2 and "U+0007" in found.message and "\n" not in found.message


def test_values_nested_too_deep_are_refused():
    found = problem("id: x\ntags: " + "[" * 2000 + "]" * 2000 + "\n")
    assert found.line == 2 and "nested more than" in found.message


def test_not_utf8_names_the_line(data_tree):
    root = data_tree({"entities/example-advertiser.yaml": "id: example-advertiser\nname: ciblés\n".encode("latin-1")})
    problems = load_data(root).problems
    assert [(p.file, p.line) for p in problems] == [("data/entities/example-advertiser.yaml", 2)]
    assert "not UTF-8 text (byte 0xe9)" in problems[0].message


def test_byte_order_mark_is_accepted(data_tree):
    text = (data_tree() / "entities/example-group.yaml").read_text(encoding="utf-8")
    root = data_tree({"entities/example-group.yaml": "\ufeff" + text})
    loaded = load_data(root)
    assert loaded.problems == [] and any(r.id == "example-group" for r in loaded.records)


def test_nul_byte_is_refused(data_tree):
    problems = load_data(data_tree({"entities/example-group.yaml": b"id: example-group\nname: a\x00b\n"})).problems
    assert [(p.line, "NUL" in p.message) for p in problems] == [(2, True)]


def test_unreadable_files_are_listed_for_the_validator(data_tree):
    loaded = load_data(data_tree({"entities/example-group.yaml": "", "categories.yaml": "[\n"}))
    assert sorted((c, p.name) for c, p in loaded.unreadable) == [
        ("categories", "categories.yaml"), ("entities", "example-group.yaml")]
    assert loaded.categories is None
    assert "example-group" not in {r.id for r in loaded.records}


def test_categories_are_loaded_apart(data_tree):
    loaded = load_data(data_tree())
    assert loaded.categories.collection == "categories"
    assert loaded.categories.file == "data/categories.yaml"
    assert all(r.collection != "categories" for r in loaded.records)


def test_id_that_is_not_text_is_none(data_tree):
    loaded = load_data(data_tree({"entities/example-group.yaml": "id: 2019\nname: x\n"}))
    record = next(r for r in loaded.records if r.stem == "example-group")
    assert record.id is None and record.data["id"] == 2019


def test_files_nobody_reads_are_reported(data_tree):
    root = data_tree({"entity/x.yaml": "id: x\n", "x.yaml": "id: x\n", "entities/sub/y.yaml": "id: y\n",
                      "entities/z.yml": "id: z\n", "entities/notes.txt": "hello", "flows/.gitkeep": "",
                      ".github/config.yaml": "a: 1\n", "README.md": "# data\n"})
    problems = {p.file: p.message for p in load_data(root).problems}
    assert set(problems) == {"data/entity/x.yaml", "data/x.yaml", "data/entities/sub/y.yaml",
                             "data/entities/z.yml", "data/entities/notes.txt"}
    assert "rename it to z.yaml" in problems["data/entities/z.yml"]
    assert "this file is not read" in problems["data/entity/x.yaml"]


def test_missing_collection_folders_are_fine(tmp_path):
    (tmp_path / "data").mkdir()
    loaded = load_data(tmp_path / "data")
    assert loaded.records == [] and loaded.problems == [] and loaded.categories is None



def test_a_second_process_reads_the_same_records_and_problems(data_tree, monkeypatch):
    """Large data sets are parsed in two processes: the result must not depend on it."""
    root = data_tree({"entities/example-group.yaml": "id: example-group\nname: [\n",
                      "entities/extra.yaml": "id: extra\nname: Extra\nname: Twice\n"})
    serial = load_data(root)
    monkeypatch.setattr(load_files, "PARALLEL_FROM", 2)
    parallel = load_data(root)
    assert [(r.file, r.data) for r in parallel.records] == [(r.file, r.data) for r in serial.records]
    assert parallel.problems == serial.problems and len(serial.problems) == 2
    assert parallel.unreadable == serial.unreadable


def test_lines_are_read_only_when_a_problem_needs_them(data_tree):
    loaded = load_data(data_tree())
    record = next(r for r in loaded.records if r.id == "example-subsidiary")
    assert record.known_lines is None
    assert record.line(("owners", 0, "share")) == 10 and record.known_lines
