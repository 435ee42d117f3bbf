"""scripts/site/parallel/forked.py: work done in a forked process; the caller gets its failure
as an error."""
from __future__ import annotations

import os
import time

import pytest

from scripts.site.parallel import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_the_work_is_done_and_waited_for(tmp_path):
    target = tmp_path / "written"
    beside = forked.Forked(lambda: target.write_text("fait", encoding="utf-8"))
    beside.wait()
    assert target.read_text(encoding="utf-8") == "fait"


def test_a_failure_comes_back_with_its_message():
    def fail():
        raise ValueError("data/entities/x.yaml:3: previous id 'y' is claimed twice")
    beside = forked.Forked(fail)
    with pytest.raises(forked.ForkedError, match="x.yaml:3: previous id 'y'"):
        beside.wait()


def test_close_stops_work_that_still_runs():
    beside = forked.Forked(lambda: time.sleep(60))
    started = time.monotonic()
    beside.close()
    assert time.monotonic() - started < 10 and beside.pid is None


def test_the_work_can_yield_the_cores(tmp_path):
    target = tmp_path / "niceness"
    beside = forked.Forked(lambda: target.write_text(str(os.nice(0)), encoding="utf-8"), niceness=5)
    beside.wait()
    assert int(target.read_text(encoding="utf-8")) >= 5
