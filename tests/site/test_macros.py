"""The macros of the hand-written pages, called as mkdocs-macros calls them (without a build:
they then index data/ once)."""
from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from scripts.site import macros


class FakeEnv:
    """What define_env uses of mkdocs-macros' environment."""

    def __init__(self):
        self.functions = {}
        self.conf = SimpleNamespace(plugins={})
        self.page = SimpleNamespace(url="vos-droits/")

    def macro(self, function):
        self.functions[function.__name__] = function
        return function


@pytest.fixture(scope="module")
def functions():
    env = FakeEnv()
    macros.define_env(env)
    return env.functions


def test_a_claim_renders_its_text_status_and_a_link_to_its_record(functions):
    html = functions["claim"]("delai-de-reponse", "un-mois")
    assert "au plus tard un mois" in html and "lp-status--documented" in html
    assert 'href="../droit/delai-de-reponse/#un-mois"' in html


def test_a_missing_claim_warns_so_that_a_strict_build_stops(functions, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        html = functions["claim"]("delai-de-reponse", "no-such-claim")
        gone = functions["claim"]("no-such-record", "x")
    assert "lp-claim-ref--missing" in html and "[delai-de-reponse#no-such-claim]" in html
    assert "[no-such-record#x]" in gone
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("no-such-claim" in w and "un-mois" in w for w in warnings)
    assert any("no such record" in w for w in warnings)


def test_sources_count_counts_as_stats_does(functions):
    from scripts.model.coverage import source_field_counts
    from scripts.site.macros import standalone_index
    index = standalone_index()
    expected = source_field_counts(r.data for r in index.by_collection["sources"])
    assert {field: functions["sources_count"](field) for field in expected} == expected
    with pytest.raises(ValueError, match="unknown field"):
        functions["sources_count"]("no-such-field")
