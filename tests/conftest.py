"""Shared test helpers. Keep this small and general: several test modules use it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture
def data_tree(tmp_path):
    """`data_tree({"entities/x.yaml": "..."})`: the base data set plus these files, in tmp_path."""
    return lambda files=None, base=BASE_DATA: write_data(tmp_path, files or {}, base)
