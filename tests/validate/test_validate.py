"""Stage 2: every mistake gets its message at its line (fixtures in tests/fixtures/, see README)."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.load import load_data
from scripts.model.problems import DataError, Problem
from scripts.validate import check, load_and_validate, summary, validate
from scripts.validate.schemas import SCHEMA_DIR, fast_checks, schema_validators

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"
INVALID = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p.name for p in (FIXTURES / "valid").iterdir() if p.is_dir())


def overlay_files(case_dir: Path) -> dict[str, bytes]:
    data = case_dir / "data"
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def problems_for(data_tree, case_dir: Path) -> list[Problem]:
    return load_and_validate(data_tree(overlay_files(case_dir)))[1]


def expected_lines(case: str) -> list[tuple[str, int, str]]:
    rows = []
    for row in (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        file, line, fragment = row.split(":", 2)
        rows.append((file, int(line), fragment.strip()))
    return rows


def test_base_data_set_is_valid():
    loaded, problems = load_and_validate(BASE_DATA)
    assert problems == []
    assert len(loaded.records) == 12


def test_every_invalid_case_has_a_valid_twin():
    assert INVALID and set(INVALID) == set(VALID)


@pytest.mark.parametrize("case", VALID)
def test_valid_case(data_tree, case):
    assert problems_for(data_tree, FIXTURES / "valid" / case) == []


@pytest.mark.parametrize("case", INVALID)
def test_invalid_case(data_tree, case):
    problems = problems_for(data_tree, FIXTURES / "invalid" / case)
    expected = expected_lines(case)
    shown = "\n".join(map(str, problems))
    for file, line, fragment in expected:
        assert any(p.file == file and p.line == line and fragment in p.message for p in problems), \
            f"expected {file}:{line}: {fragment}\ngot:\n{shown}"
    assert len(problems) == len(expected), f"unexpected extra problems:\n{shown}"


def test_every_problem_is_reported_in_one_run(data_tree):
    files = {**overlay_files(FIXTURES / "invalid" / "unknown-reference"),
             **overlay_files(FIXTURES / "invalid" / "wrong-enum"),
             **overlay_files(FIXTURES / "invalid" / "not-utf8")}
    problems = load_and_validate(data_tree(files))[1]
    assert [p.file for p in problems] == ["data/entities/example-advertiser.yaml",
                                          "data/entities/example-group.yaml",
                                          "data/entities/example-subsidiary.yaml"]
    assert problems == sorted(problems)


def test_problems_are_single_lines_with_file_and_line(tmp_path, write_data):
    for case in INVALID:
        root = write_data(tmp_path / case, overlay_files(FIXTURES / "invalid" / case))
        for problem in load_and_validate(root)[1]:
            assert "\n" not in problem.message and problem.line >= 1
            assert str(problem).startswith(f"{problem.file}:{problem.line}: ")


def test_a_three_company_cycle_is_reported_once(data_tree):
    owned_by = "owners:\n  - owner: {}\n    sources:\n      - source: example-register\n        quote: q\n"
    files = {f"entities/{name}.yaml": f"id: {name}\nname: {name}\nkind: company\nsummary: s\n"
                                      + owned_by.format(owner) for name, owner in
             (("cycle-a", "cycle-b"), ("cycle-b", "cycle-c"), ("cycle-c", "cycle-a"))}
    problems = load_and_validate(data_tree(files))[1]
    assert len(problems) == 1
    assert "ownership cycle" in problems[0].message
    assert "cycle-a → cycle-b → cycle-c → cycle-a" in problems[0].message


def test_missing_categories_file_is_one_problem(data_tree):
    problems = load_and_validate(data_tree({"categories.yaml": None}))[1]
    assert [(p.file, p.line) for p in problems] == [("data/categories.yaml", 1)]
    assert "vocabulary of data categories is missing" in problems[0].message


def test_unreadable_categories_file_does_not_flag_every_category(data_tree):
    problems = load_and_validate(data_tree({"categories.yaml": "categories: [\n"}))[1]
    assert [p.file for p in problems] == ["data/categories.yaml"]


def test_missing_data_folder(tmp_path):
    loaded, problems = load_and_validate(tmp_path / "nowhere")
    assert loaded.records == [] and len(problems) == 1
    assert "no such data folder" in problems[0].message


def test_check_returns_the_loaded_data():
    loaded = check(BASE_DATA)
    assert {r.id for r in loaded.records} >= {"example-group", "example-subsidiary"}


def test_check_raises_with_every_problem(data_tree):
    files = {**overlay_files(FIXTURES / "invalid" / "unknown-reference"),
             **overlay_files(FIXTURES / "invalid" / "wrong-enum")}
    with pytest.raises(DataError) as raised:
        check(data_tree(files))
    assert len(raised.value.problems) == 2
    assert "data/entities/example-subsidiary.yaml:9: owners[0].owner: unknown id" in str(raised.value)


def test_validate_leaves_load_problems_to_the_loader(data_tree):
    loaded = load_data(data_tree(overlay_files(FIXTURES / "invalid" / "duplicate-key")))
    assert len(loaded.problems) == 1
    assert validate(loaded) == []


def test_summary_counts_each_collection():
    assert summary(load_data(BASE_DATA)) == \
        "3 entities, 1 datasets, 1 flows, 5 sources, 1 rules, 1 events, 3 categories"


def test_schema_dir_is_the_repository_contract():
    assert SCHEMA_DIR == REPO_ROOT / "data" / "schema"
    assert set(schema_validators(SCHEMA_DIR)) == {"entities", "datasets", "flows", "sources", "rules",
                                                  "events", "categories"}


def test_every_schema_is_a_valid_2020_12_schema():
    """The build no longer checks the schemas against the meta-schema (half a second per
    build): this test does."""
    from jsonschema import Draft202012Validator

    for path in sorted(SCHEMA_DIR.glob("*.json")):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_every_schema_has_a_fast_check():
    assert all(check_ is not None for check_ in fast_checks(SCHEMA_DIR).values())


# The fast path must never call valid what jsonschema calls invalid (nor the reverse).
BASE_RECORDS = [r for r in load_data(BASE_DATA).records] + [load_data(BASE_DATA).categories]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False)
    | st.sampled_from(["", " ", "x", "example-group", "2019-13-45", "2019", "https://a.b",
                       "javascript:x", "123456782", "Q42", "fr", "company", "reported", "rental"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["fr", "en", "de", "id", "source", "quote", "x"]), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fast_check_agrees_with_jsonschema(data):
    record = data.draw(st.sampled_from(BASE_RECORDS))
    mutated = copy.deepcopy(record.data)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = sorted(record.lines, key=repr)
        path = data.draw(st.sampled_from(paths))
        parent = mutated
        try:
            for part in path[:-1]:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            continue
        if action == "replace" and isinstance(parent, (dict, list)):
            try:
                parent[path[-1]] = data.draw(json_values)
            except (IndexError, TypeError):
                pass
        elif action == "delete" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["sumary", "en", "note", "share"]))] = data.draw(json_values)
    reference = schema_validators(SCHEMA_DIR)[record.collection].is_valid(mutated)
    assert fast_checks(SCHEMA_DIR)[record.collection](mutated) == reference


def test_shipped_data_validates():
    """The real data/ folder (not a fixture): the site is built from it."""
    loaded, problems = load_and_validate(REPO_ROOT / "data")
    assert problems == [], "\n".join(map(str, problems))
    assert loaded.records, "data/ holds no records"


def test_malformed_url_host_is_a_problem_not_a_crash(data_tree):
    text = (BASE_DATA / "entities/example-group.yaml").read_text(encoding="utf-8")
    files = {"entities/example-group.yaml": text.replace("https://example.org", "https://exa[mple.org")}
    problems = load_and_validate(data_tree(files))[1]
    assert [(p.file, p.line) for p in problems] == [("data/entities/example-group.yaml", 5)]
    assert "is not a valid URL" in problems[0].message


def test_a_multiline_value_is_echoed_on_one_line(data_tree):
    text = (BASE_DATA / "entities/example-group.yaml").read_text(encoding="utf-8")
    files = {"entities/example-group.yaml": text.replace("kind: group", "kind: |\n  grou\n  p")}
    problems = load_and_validate(data_tree(files))[1]
    assert [(p.file, p.line) for p in problems] == [("data/entities/example-group.yaml", 3)]
    assert "kind: 'grou\\np\\n' is not an allowed value" in problems[0].message


@pytest.mark.parametrize("file, old, line, where", [
    ("entities/example-subsidiary.yaml", "source: example-register\n      quote: \"SIREN", 19,
     "identifiers.sources[0].source"),
    ("entities/example-subsidiary.yaml", "source: example-register\n      quote: \"Délégué", 26,
     "rights.sources[0].source"),
    ("datasets/example-address-file.yaml", "source: example-press-2019", 12, "size.sources[0].source"),
    ("events/example-acquisition-2016.yaml", "source: example-press-2016", 7, "sources[0].source"),
])
def test_citations_are_checked_wherever_they_appear(data_tree, file, old, line, where):
    text = (BASE_DATA / file).read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, old.replace("source: example-", "source: exemple-"), 1)
    problems = load_and_validate(data_tree({file: broken}))[1]
    assert [(p.file, p.line) for p in problems] == [(f"data/{file}", line)]
    assert problems[0].message.startswith(f"{where}: unknown id 'exemple-")
    assert "(did you mean 'example-" in problems[0].message
