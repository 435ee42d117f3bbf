"""Record pages rendered ahead in a second process: the same pages, or none (never wrong ones)."""
from __future__ import annotations

import os
import time

import pytest

from scripts import render_ahead
from scripts.render_ahead import RenderAhead

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
BUILD = os.getpid()


def shout(key: str) -> tuple[str, str, str]:
    """A page, and which process rendered it."""
    return key, f"<p>{key.upper()}</p>", str(os.getpid())


def take_all(ahead: RenderAhead, keys: list[str]) -> tuple[list, int]:
    """Every page (rendered by the caller when take() gives None), and how many the worker did."""
    pages = [ahead.take(key) or shout(key) for key in keys]
    return [page[:2] for page in pages], sum(page[2] != str(BUILD) for page in pages)


def test_pages_come_back_in_order_as_rendered_inline():
    keys = [f"entites/e{number}/index.md" for number in range(500)]  # more than PAGES_AHEAD
    ahead = RenderAhead(keys, shout)
    try:
        pages, by_worker = take_all(ahead, keys)
    finally:
        ahead.close()
    assert pages == [shout(key)[:2] for key in keys]
    assert by_worker > 0
    assert ahead.pid is None  # the worker was reaped


def test_while_the_worker_is_slow_the_build_renders_the_next_pages_itself():
    def slow_in_the_worker(key: str):
        if os.getpid() != BUILD:
            time.sleep(0.05)
        return shout(key)

    keys = [f"p{number}" for number in range(40)]
    ahead = RenderAhead(keys, slow_in_the_worker)
    started = time.monotonic()
    pages, by_worker = take_all(ahead, keys)
    ahead.close()
    assert pages == [shout(key)[:2] for key in keys]
    assert by_worker < len(keys) / 4 and time.monotonic() - started < len(keys) * 0.05 / 2


def test_a_page_asked_out_of_order_stops_the_worker_and_is_rendered_by_the_caller():
    keys = ["a/index.md", "b/index.md", "c/index.md"]
    ahead = RenderAhead(keys, shout)
    assert ahead.take("b/index.md") is None
    assert ahead.take("c/index.md") is None  # no more pages ahead: the caller renders them
    assert ahead.pid is None


def test_a_page_the_worker_fails_on_fails_in_the_build_too():
    def broken(key: str):
        if key == "b/index.md":
            raise ValueError("a template error")
        return shout(key)

    ahead = RenderAhead(["a/index.md", "b/index.md", "c/index.md"], broken)
    time.sleep(0.2)  # let the worker claim and fail on b
    assert ahead.take("a/index.md")[:2] == shout("a/index.md")[:2]
    try:
        assert ahead.take("b/index.md") is None  # the worker died on it: the caller renders it
    except ValueError:
        pass  # or this process had claimed it, and the error is raised here, where it is seen
    ahead.close()


def test_small_data_sets_are_rendered_inline():
    assert render_ahead.render_ahead(["a/index.md"] * (render_ahead.RENDER_AHEAD_FROM - 1), shout) is None
