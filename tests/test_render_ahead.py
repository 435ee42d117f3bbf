"""Record pages rendered ahead in a second process: the same pages, or none (never wrong ones)."""
from __future__ import annotations

import os

import pytest

from scripts import render_ahead
from scripts.render_ahead import RenderAhead

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def shout(key: str) -> tuple[str, str, str]:
    return key, f"<p>{key.upper()}</p>", f"<meta name=x content={key}>"


def test_pages_come_back_in_order_as_rendered_inline():
    keys = [f"entites/e{number}/index.md" for number in range(500)]  # more than PAGES_AHEAD
    ahead = RenderAhead(keys, shout)
    try:
        assert [ahead.take(key) for key in keys] == [shout(key) for key in keys]
    finally:
        ahead.close()
    assert ahead.pid is None  # the worker was reaped


def test_a_page_asked_out_of_order_stops_the_worker_and_is_rendered_by_the_caller():
    keys = ["a/index.md", "b/index.md", "c/index.md"]
    ahead = RenderAhead(keys, shout)
    assert ahead.take("b/index.md") is None
    assert ahead.take("c/index.md") is None  # no more pages ahead: the caller renders them
    assert ahead.pid is None


def test_a_worker_that_fails_leaves_the_pages_to_the_caller():
    def broken(key: str):
        if key == "b/index.md":
            raise ValueError("a template error")
        return shout(key)

    ahead = RenderAhead(["a/index.md", "b/index.md", "c/index.md"], broken)
    assert ahead.take("a/index.md") == shout("a/index.md")
    assert ahead.take("b/index.md") is None  # rendering it again in the build shows the error
    ahead.close()


def test_small_data_sets_are_rendered_inline():
    assert render_ahead.render_ahead(["a/index.md"] * (render_ahead.RENDER_AHEAD_FROM - 1), shout) is None
