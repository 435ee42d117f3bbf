"""The command line, as a contributor and CI run it: exit codes and output formats."""
from __future__ import annotations

import os
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
    fields = dict(re.findall(r"^  (\S+) +(\d+)$", out.split("sources by field:\n")[1].split(":\n")[0], re.M))
    assert fields == {"title": "5", "description": "0", "published": "4", "undated": "0", "archive": "1",
                      "accessed": "1", "via": "1", "original": "0", "no-url": "1"}
    assert out.rstrip().endswith("data set: valid")


def owned(record_id: str, kind: str, *links: str) -> str:
    """An entity file whose owner links are YAML flow mappings; their figures rest on a `basis`."""
    owners = "".join(f"  - {{{link}, basis: {{fr: test, en: test}}, sources: [{{source: example-press-2016, quote: q}}]}}\n"
                     for link in links)
    return f"id: {record_id}\nname: {record_id}\nkind: {kind}\nsummary: x\n" + (f"owners:\n{owners}" if links else "")


def test_stats_counts_the_group_map(data_tree):
    # Under the group (base data: example-subsidiary, 100 % since 2016): a division, a company
    # held by it and by an outside owner, a former company under that one; outside it: the
    # outside owner and a company it alone holds.
    data = data_tree({
        "entities/branche.yaml": owned("branche", "division", "owner: example-group"),
        "entities/coentreprise.yaml": owned("coentreprise", "company", "owner: branche, share: 50, as_of: 2020",
                                            "owner: dehors, share: 50"),
        "entities/ancienne.yaml": owned("ancienne", "company", "owner: coentreprise, until: 2024"),
        "entities/dehors.yaml": owned("dehors", "company"),
        "entities/hors.yaml": owned("hors", "company", "owner: dehors, share: 10, since: 2001"),
    })
    result = run("stats", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "data set: valid" in result.stdout
    counts = dict(re.findall(r"^  (\S.*?) +(\d+)$", result.stdout.split("group map:\n")[1], re.M))
    assert counts == {"entities under the group": "4", "companies under the group": "3", "ownership links": "5",
                      "links with a share": "3", "links with a date": "3", "links with a share and a date": "2"}


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


@pytest.mark.parametrize("args, instead", [
    (("validate",), "`make validate`"),
    (("new", "source", "mon-article"), "`make new KIND=source ID=mon-article`"),
    (("stats",), "`make venv`, then `.venv/bin/python -m scripts stats`"),
])
def test_a_python_without_the_requirements_gets_one_line_saying_what_to_run(args, instead):
    """`python -S`: this Python without its site-packages, as a system Python without the
    project's requirements runs `python -m scripts ...` outside .venv."""
    result = subprocess.run([sys.executable, "-S", "-m", "scripts", *args], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert "lacks the project's requirements (no module named '" in line
    assert instead in line


def test_a_bug_of_ours_is_not_taken_for_a_missing_requirement(monkeypatch):
    from scripts import __main__ as entry

    monkeypatch.setitem(entry.COMMANDS, "broken", ("scripts.no_such_module", "a command whose module is missing"))
    with pytest.raises(ModuleNotFoundError):
        entry.main(["broken"])


def test_warnings_are_printed_and_do_not_fail(data_tree):
    case = FIXTURES / "warning" / "division-without-owner" / "data"
    data = data_tree({p.relative_to(case).as_posix(): p.read_bytes() for p in case.rglob("*") if p.is_file()})
    result = run("validate", "--data", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("data/entities/example-division.yaml:3: warning: a division is part of")
    assert lines[-1].startswith("ok: ") and lines[-1].endswith(" (1 warning)")
    github = run("validate", "--data", str(data), "--format", "github")
    assert github.returncode == 0
    assert github.stdout.startswith("::warning file=data/entities/example-division.yaml,line=3::a division")


def test_validate_speaks_french_with_lang_fr_and_in_a_french_locale(broken_data):
    """Same file:line: path: and the same did-you-mean, in French."""
    english = run("validate", "--data", str(broken_data)).stdout.splitlines()
    french = run("validate", "--data", str(broken_data), "--lang", "fr")
    assert french.returncode == 1
    lines = french.stdout.splitlines()
    assert lines[0] == ("data/datasets/example-address-file.yaml:5: categories[0]: identifiant inconnu 'adress' "
                        "(vouliez-vous dire 'address' ?)")
    assert [line.split(": ", 2)[:2] for line in lines if "[" in line.split(":")[2]] == \
        [line.split(": ", 2)[:2] for line in english if "[" in line.split(":")[2]]
    assert "3 problèmes dans 3 fichiers" in french.stderr
    in_locale = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(broken_data)],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                               env={**os.environ, "LANG": "fr_FR.UTF-8"})
    assert in_locale.stdout == french.stdout
    forced = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(broken_data), "--lang", "en"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "LANG": "fr_FR.UTF-8"})
    assert forced.stdout.splitlines() == english


def test_validate_summary_in_french():
    result = run("validate", "--data", str(BASE_DATA), "--lang", "fr")
    assert result.stdout == ("ok : 3 entités, 1 fichier, 1 flux, 5 sources, 1 règle, 1 événement, "
                             "3 catégories\n")


def test_scaffold_speaks_french(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    result = run("new", "entity", "Mediapost", "--data", str(data), "--lang", "fr")
    assert result.returncode == 1
    assert result.stderr.startswith("erreur : 'Mediapost' n’est pas un identifiant valide (il a des majuscules)")
    result = run("new", "source", "mon-article", "--data", str(data), "--lang", "fr")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].startswith("ensuite : remplissez chaque valeur vide, puis lancez "
                                                    "`make validate`")
    skeleton = (data / "sources" / "mon-article.yaml").read_text(encoding="utf-8")
    assert "# Nouvelle fiche (source) : remplissez chaque valeur vide" in skeleton
    assert "# au choix : press | trade-press" in skeleton


def test_the_missing_requirements_line_in_french():
    result = subprocess.run([sys.executable, "-S", "-m", "scripts", "validate", "--lang", "fr"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    [line] = result.stderr.splitlines()
    assert "n’a pas les dépendances du projet" in line and "`make validate`" in line
