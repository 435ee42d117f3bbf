"""The command line, as a contributor and CI run it: exit codes and output formats."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def broken_data(data_tree):
    files = {}
    for case in ("unknown-reference", "unknown-category", "duplicate-key"):
        data = FIXTURES / "invalid" / case / "data"
        files.update({p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()})
    return data_tree(files)


def test_validate_clean_data_prints_one_summary_line():
    result = run("validate", "--data", str(BASE_DATA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok: 3 entities, 1 datasets, 1 flows, 5 sources, 1 rules, 1 events, 3 categories\n"


def test_validate_broken_data_prints_every_problem_and_exits_1(broken_data):
    result = run("validate", "--data", str(broken_data))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/datasets/example-address-file.yaml:5: categories[0]: unknown id 'adress' "
        "(did you mean 'address'?)",
        "data/entities/example-group.yaml:6: key 'name' appears twice in this mapping (first at line 2); "
        "YAML would silently keep only the last: keep one",
        "data/entities/example-subsidiary.yaml:9: owners[0].owner: unknown id 'example-grup' "
        "(did you mean 'example-group'?)",
    ]
    assert "3 problems in 3 files" in result.stderr


def test_validate_github_format(broken_data):
    result = run("validate", "--data", str(broken_data), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(re.fullmatch(r"::error file=data/[a-z/-]+\.yaml,line=\d+::\S.*", line) for line in lines)
    assert "::error file=data/entities/example-group.yaml,line=6::key 'name' appears twice" in result.stdout


def test_validate_missing_folder_fails(tmp_path):
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such data folder" in result.stdout


def test_validate_rejects_an_unknown_format():
    result = run("validate", "--format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_validate_defaults_to_the_repository_data():
    result = run("validate")
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"ok: [1-9]\d* entities, \d+ datasets, \d+ flows, [1-9]\d* sources, \d+ rules, \d+ events, "
                        r"[1-9]\d* categories\n", result.stdout)


def test_stats_counts_claims_sources_and_flows():
    result = run("stats", "--data", str(BASE_DATA))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^claims by status:\n  documented +2\n  reported +2$", out, re.M)
    assert re.search(r"^sources by kind:\n(  \S+ +1\n){4}", out, re.M)
    assert re.search(r"^flows by mechanism:\n  rental +1$", out, re.M)
    assert out.rstrip().endswith("data set: valid")


def test_stats_mentions_problems(broken_data):
    result = run("stats", "--data", str(broken_data))
    assert result.returncode == 0
    assert "data set: 3 problems: run `python -m scripts validate`" in result.stdout


def test_bench_validate_small_run():
    result = run("bench-validate", "--records", "300")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^records: 300$", result.stdout, re.M)
    assert re.search(r"^total: \d+\.\d+ s", result.stdout, re.M)
    assert re.search(r"^problems: 0$", result.stdout, re.M)


def test_every_command_is_documented_in_the_readme():
    """The README's command list is checked against the dispatcher (docs follow the code)."""
    from scripts.__main__ import COMMANDS

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"-m scripts {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
