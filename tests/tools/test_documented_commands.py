"""The commands a contributor reads are the same everywhere and work as written on a fresh clone:
README, CONTRIBUTING (both languages), the site's Contribuer page, the pull request template and
what the scaffold prints all say `make …`; every `make` target they name exists; none tells to
run `python -m scripts …` or `mkdocs …` with whatever Python happens to be first on the PATH
(outside .venv, that ends in a traceback or in another MkDocs)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import REPO_ROOT

DOCUMENTED = ("make validate", "make new KIND=", "make build", "make serve", "make test", "make hooks")
GUIDES = [REPO_ROOT / name for name in ("README.md", "CONTRIBUTING.md", "CONTRIBUTING.en.md")]
READ_BY_CONTRIBUTORS = GUIDES + [REPO_ROOT / "docs" / "contribuer.md", REPO_ROOT / ".github" / "pull_request_template.md"]
# A command line that runs the project with whatever Python or MkDocs is first on the PATH.
BARE_COMMAND = re.compile(r"^\s*(python3? -m (scripts|mkdocs)|mkdocs|pip) ")


def targets() -> set[str]:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w.-]+):", makefile, re.MULTILINE))


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_every_guide_documents_the_same_make_commands(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [command for command in DOCUMENTED if command not in text] == []


@pytest.mark.parametrize("path", READ_BY_CONTRIBUTORS, ids=lambda p: p.name)
def test_every_make_target_named_exists(path: Path) -> None:
    named = set(re.findall(r"`make ([\w.-]+)", path.read_text(encoding="utf-8")))
    named |= set(re.findall(r"^make ([\w.-]+)", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert named and named <= targets(), named - targets()


@pytest.mark.parametrize("path", READ_BY_CONTRIBUTORS, ids=lambda p: p.name)
def test_no_command_line_runs_outside_the_venv(path: Path) -> None:
    """The lines of the shell blocks, what a reader copies and runs."""
    blocks = re.findall(r"^```sh\n(.*?)^```", path.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    assert [line for line in lines if BARE_COMMAND.match(line)] == []


def test_the_pull_request_template_and_the_scaffold_say_make_validate() -> None:
    from scripts.tools import scaffold

    template = (REPO_ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "`make validate`" in template
    from scripts.model.messages import MESSAGES

    source = Path(scaffold.__file__).read_text(encoding="utf-8")
    assert "python -m scripts validate`" not in source
    for key in ("new.next", "new.header"):
        assert all("`make validate`" in MESSAGES[key][lang] for lang in ("fr", "en")), key
