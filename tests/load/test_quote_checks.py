"""The quote check's results as the site reads them (scripts/load/quote_checks.py): a verdict
per (source, quote key), nothing for what was never checked, nothing from a file that is not
the check's."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.load.quote_checks import QuoteChecks, Verdict, load_results, results_path
from scripts.model.quotes import quote_key

QUOTE = "L’adresse postale de 15 millions de foyers"
RESULTS = {"sources": {
    "example-press": {"checked": "2026-12-02", "status": "answered", "quotes": {
        quote_key(QUOTE): {"found": True, "checked": "2026-12-02", "last_found": "2026-12-02", "at": "https://x/"},
        quote_key("plus là"): {"found": False, "checked": "2026-12-02", "last_found": "2026-03-02"},
        quote_key("jamais vue"): {"found": False, "checked": "2026-12-02"}}},
    "example-blog": {"checked": "2026-12-02", "status": "unreachable", "quotes": {
        quote_key("vue avant la panne"): {"found": True, "checked": "2026-11-25", "last_found": "2026-11-25"}}},
    "example-register": {"checked": "2026-12-02", "status": "unreachable", "quotes": {}},
}}


def test_each_checked_citation_has_its_verdict_and_its_date() -> None:
    checks = QuoteChecks.from_results(RESULTS)
    assert checks.of("example-press", QUOTE) == Verdict(True, "2026-12-02")
    assert checks.of("example-press", "plus là") == Verdict(False, "2026-12-02")  # the check that looked
    assert checks.of("example-press", "jamais vue") == Verdict(False, "2026-12-02")
    # a source that did not answer keeps the date of the last check that found the quote
    assert checks.of("example-blog", "vue avant la panne") == Verdict(True, "2026-11-25")


def test_typography_keeps_the_verdict_letter_case_does_not() -> None:
    checks = QuoteChecks.from_results(RESULTS)
    assert checks.of("example-press", "L'adresse postale de 15\u00a0millions de foyers") == Verdict(True, "2026-12-02")
    assert checks.of("example-press", "l’adresse postale de 15 millions de foyers") is None


def test_nothing_for_what_was_never_checked() -> None:
    checks = QuoteChecks.from_results(RESULTS)
    assert checks.of("example-register", "jamais lue") is None  # its source never answered
    assert checks.of("example-press", "une autre citation") is None
    assert checks.of("example-nowhere", QUOTE) is None
    assert checks.of(None, QUOTE) is None and checks.of("example-press", None) is None
    assert not QuoteChecks() and QuoteChecks().of("example-press", QUOTE) is None


@pytest.mark.parametrize("entry", [
    {"found": True, "checked": "2026-12-02"},  # found, but no date of a check that found it
    {"found": "yes", "checked": "2026-12-02", "last_found": "2026-12-02"},
    {"found": True, "checked": "2026-12-02", "last_found": "<script>alert(1)</script>"},
    {"found": False, "checked": "2 décembre"},
    {"found": None},
    "found",
])
def test_an_entry_the_check_does_not_write_gives_no_verdict(entry) -> None:
    results = {"sources": {"example-press": {"status": "answered", "quotes": {quote_key(QUOTE): entry}}}}
    assert QuoteChecks.from_results(results).of("example-press", QUOTE) is None


@pytest.mark.parametrize("text", [None, "", "{", "[]", '{"sources": []}', '{"other": {}}'])
def test_an_absent_empty_or_foreign_file_is_no_results(tmp_path: Path, text: str | None) -> None:
    data = tmp_path / "data"
    if text is not None:
        results_path(data).parent.mkdir(parents=True)
        results_path(data).write_text(text, encoding="utf-8")
    assert load_results(results_path(data)) == {"sources": {}}
    assert not QuoteChecks.read(data)


def test_read_takes_the_results_file_of_a_data_folder(tmp_path: Path) -> None:
    path = results_path(tmp_path)
    assert path == tmp_path / "checks" / "quotes.json"
    path.parent.mkdir()
    path.write_text(json.dumps(RESULTS), encoding="utf-8")
    assert QuoteChecks.read(tmp_path).of("example-press", QUOTE) == Verdict(True, "2026-12-02")
