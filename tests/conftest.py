"""Shared test helpers and the sites the tests read, each built once per test run:

- `real_site`: the project's own data, the plain MkDocs path (PARALLEL=off), as a reader gets it
  from 127.0.0.1 (browser tests, the parallel switch's reference);
- `sample_site`: the sample data set of tests/sample.py in a git repository, with SITE_URL (the
  citation kit: metadata, feeds, exports, redirects).
(tests/site/test_site_build.py builds the fixture data set of tests/fixtures/site for its own
checks of links and escaping.)

Tests that build a site or drive a browser are marked `slow`: `make test-fast` leaves them out."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from building import TEST_REPO_URL, build_site
from sample import SITE, git, write_sample

# The messages' language follows the locale (scripts/model/messages.py): the tests read them in
# English whatever the machine's locale, in this process and in the commands it starts; a test
# that wants French says so (--lang fr, LANGUAGE=fr).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_FIXTURES = {"real_site", "sample_site", "site", "base_url"}  # a test using one of these builds a site
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"  # a small, complete, valid data set (fictional records)


def write_data(root: Path, files: dict[str, str | bytes], base: Path | None = BASE_DATA) -> Path:
    """Write a data/ tree under `root` and return it: a copy of `base` (None: start empty),
    then `files` ({"entities/x.yaml": text or bytes}) added or replacing; a value of None
    deletes that file."""
    data_root = Path(root) / "data"
    if base is not None:
        shutil.copytree(base, data_root, dirs_exist_ok=True)
    data_root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = data_root / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return data_root


# Test modules reach these through fixtures: `from conftest import ...` is ambiguous once a
# subfolder has its own conftest.py (tests/browser/).
@pytest.fixture(scope="session")
def base_data() -> Path:
    return BASE_DATA


@pytest.fixture(scope="session", name="write_data")
def write_data_fixture():
    """The write_data function itself, for tests that manage their own folder."""
    return write_data


@pytest.fixture(autouse=True)
def messages_in_the_locale_language():
    """A command run in-process with --lang leaves its choice behind: undone after each test."""
    from scripts.model.messages import set_language

    yield
    set_language(None)


@pytest.fixture
def data_tree(tmp_path):
    """`data_tree({"entities/x.yaml": "..."})`: the base data set plus these files, in tmp_path."""
    return lambda files=None, base=BASE_DATA: write_data(tmp_path, files or {}, base)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The site (mkdocs.yml, the plugin, the templates) built on the sample data set
    (tests/sample.py), once per test run: its files
    were committed on 2025-12-01, the subsidiary changed again on 2026-03-02."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: record dates come from the git history")
    root = tmp_path_factory.mktemp("built")
    data = write_sample(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first", date="2025-12-01")
    subsidiary = data / "entities/filiale-exemple.yaml"
    subsidiary.write_text(subsidiary.read_text(encoding="utf-8") + "tags: [marketing]\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "second", date="2026-03-02")
    site = root / "site"
    env = dict(os.environ, DATA_DIR=str(data), SITE_URL=SITE, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
                         cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("real") / "site", REPO_URL=TEST_REPO_URL, PARALLEL="off")


@pytest.fixture(scope="session", name="build_site")
def build_site_fixture():
    """The build_site function, for tests that build a site of their own."""
    return build_site


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
