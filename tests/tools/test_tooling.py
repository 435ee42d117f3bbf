"""The repository's own tooling: pre-commit's hooks run the versions the project pins, yamllint
passes on the repository (the deliberately broken fixtures left out), SECURITY.md says how to
report a security or personal-data problem in private."""
from __future__ import annotations

import re
import subprocess
import sys

import yaml

from scripts import REPO_ROOT


def pins(file: str) -> dict[str, str]:
    found = {}
    for line in (REPO_ROOT / file).read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.\[\]-]+)==([^\s#]+)", line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_pre_commit_hooks_use_the_projects_pins():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pinned = pins("requirements.txt") | pins("requirements-dev.txt")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    checked = 0
    for hook in hooks:
        for dependency in hook.get("additional_dependencies", []):
            name, _, version = dependency.partition("==")
            assert version, f"{hook['id']}: {dependency} is not pinned"
            if name.lower() in pinned:
                project = pinned[name.lower()]
                assert project == version, f"{hook['id']}: {dependency}, the project pins {project}"
                checked += 1
    assert checked >= 4  # ruff, yamllint, PyYAML, jsonschema
    assert "pre-commit" in pinned


def test_yamllint_passes_on_the_repository():
    """As the pre-commit hook runs it; tests/fixtures/invalid/ (not UTF-8, not YAML on purpose)
    is excluded, in .yamllint.yaml and in the hook."""
    run = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-c", ".yamllint.yaml", "."],
                         cwd=REPO_ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_yamllint_would_choke_on_the_broken_fixtures_without_the_exclusion():
    broken = REPO_ROOT / "tests/fixtures/invalid/not-utf8/data/entities/example-advertiser.yaml"
    run = subprocess.run([sys.executable, "-m", "yamllint", "-d", "{extends: default}", str(broken)],
                         cwd=REPO_ROOT, capture_output=True, text=True)
    assert run.returncode != 0


def test_security_policy_says_how_to_report_in_private():
    text = (REPO_ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "Report a vulnerability" in text and "en privé" in text
    assert "données personnelles" in text and "personal-data" in text
