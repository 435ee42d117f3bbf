"""Whatever bytes land in a record file, loading and validating return Problems, never a traceback."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.model.problems import Problem
from scripts.validate import load_and_validate

BASE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "base" / "data"
TARGET = "entities/example-subsidiary.yaml"
ORIGINAL = (BASE_DATA / TARGET).read_bytes()
YAML_NOISE = [b":", b"-", b" ", b"\n", b"  ", b"&a ", b"*a", b"[", b"]", b"{", b"}", b'"', b"'", b"#",
              b"!!", b"? ", b"|", b">", b"\t", b"%", b"@", b"`", b",", b"\xff", b"\xc3", b"\x00",
              b"2019-13-45", b"id: ", b"owner: ", b"- source: ", b"<<: ", b"~", b"\xef\xbb\xbf"]
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def data_root(tmp_path_factory, write_data):
    return write_data(tmp_path_factory.mktemp("fuzz"), {})


def assert_only_problems(data_root, content: bytes) -> None:
    (data_root / TARGET).write_bytes(content)
    try:
        loaded, problems = load_and_validate(data_root)
    finally:
        (data_root / TARGET).write_bytes(ORIGINAL)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and problem.line >= 1
        assert problem.message and "\n" not in problem.message
        assert problem.file.startswith("data/")


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data_root, content):
    assert_only_problems(data_root, content)


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(data_root, text):
    assert_only_problems(data_root, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(ORIGINAL)), st.integers(0, 6), st.sampled_from(YAML_NOISE)),
                min_size=1, max_size=6))
def test_mangled_record(data_root, edits):
    """A real record with a few bytes cut or inserted: the mistakes contributors actually make."""
    content = ORIGINAL
    for position, cut, insert in edits:
        position = min(position, len(content))
        content = content[:position] + insert + content[position + cut:]
    assert_only_problems(data_root, content)


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(["id", "owners", "owner", "sources", "source", "quote",
                                                       "since", "until", "claims", "text", "fr", "summary",
                                                       "website", "identifiers", "siren"]), inner, max_size=4),
                    max_leaves=12))
def test_well_formed_yaml_of_any_shape(data_root, value):
    """Valid YAML whose shape is wrong everywhere: the validator's own checks must not crash."""
    mapping = {"id": "example-subsidiary", "name": "x", "kind": "company", "summary": "s", "owners": value,
               "claims": value, "identifiers": value}
    assert_only_problems(data_root, json.dumps(mapping, ensure_ascii=False).encode("utf-8", "surrogatepass"))
