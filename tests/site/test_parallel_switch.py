"""The speed machinery is behind one switch (`parallel`, PARALLEL=off|on|auto): off, every page
goes through MkDocs' own page build and Material's templates render every part of every page;
on, record pages are rendered and written by two processes, parts of Material's page are
rendered once per folder, and the outputs are written beside the build. Both ways must give
the same site, byte for byte: on the real data, and on a synthetic data set large enough for
`auto` to choose the machinery by itself."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from building import TEST_REPO_URL

from scripts.tools import synth

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="the parallel machinery needs os.fork")]


def files_of(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def assert_same_site(plain: Path, parallel: Path) -> None:
    plain_files, parallel_files = files_of(plain), files_of(parallel)
    assert sorted(plain_files) == sorted(parallel_files)
    different = [name for name, path in plain_files.items() if path.read_bytes() != parallel_files[name].read_bytes()]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


def test_the_real_data_gives_the_same_site_both_ways(real_site, build_site, tmp_path):
    parallel = build_site(tmp_path / "site", REPO_URL=TEST_REPO_URL, PARALLEL="on")
    assert len(list(parallel.rglob("index.html"))) > 200
    assert_same_site(real_site, parallel)


def test_a_large_data_set_gives_the_same_site_both_ways(build_site, tmp_path):
    synth.write_dataset(tmp_path, 1200, seed=7)
    data = str(tmp_path / "data")
    # Not strict: the hand-written pages link to real records, which a synthetic data set lacks.
    plain = build_site(tmp_path / "plain", strict=False, DATA_DIR=data, PARALLEL="off",
                       SITE_URL="https://example.org/enquete/")
    automatic = build_site(tmp_path / "auto", strict=False, DATA_DIR=data, SITE_URL="https://example.org/enquete/")
    assert len(list(plain.rglob("index.html"))) > 1000
    assert_same_site(plain, automatic)


def in_process_build(tmp_path: Path, monkeypatch, **environment: str) -> Path:
    """A build in this process (so that a test can break a part of it), parallel machinery on."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts import REPO_ROOT

    for name, value in {"NO_MKDOCS_2_WARNING": "1", "PARALLEL": "on", **environment}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    site = tmp_path / "site"
    build(load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(site)))
    return site


def test_a_failure_of_the_outputs_written_beside_stops_the_build(tmp_path, monkeypatch):
    from mkdocs.exceptions import Abort

    from scripts.outputs import exports

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(exports, "write_exports", full_disk)
    with pytest.raises(Abort, match="No space left on device"):
        in_process_build(tmp_path, monkeypatch)


def test_a_failure_of_the_page_worker_stops_the_build(tmp_path, monkeypatch):
    from mkdocs.exceptions import Abort

    from scripts.render import pages

    build_process, record_page = os.getpid(), pages.record_page

    def broken_in_the_worker(record, index, site, *language):
        if os.getpid() != build_process:
            raise RuntimeError(f"cannot render {record.id} in the worker")
        return record_page(record, index, site, *language)
    monkeypatch.setattr(pages, "record_page", broken_in_the_worker)
    with pytest.raises(Abort, match="cannot render .* in the worker"):
        in_process_build(tmp_path, monkeypatch)
