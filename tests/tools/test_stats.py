"""`python -m scripts stats`: the evidence figures (sources' titles, dates and archives; citations
by the quote check's last verdict), on the base data set with a source changed and a results file."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scripts.model.quotes import quote_key

REPO_ROOT = Path(__file__).resolve().parents[2]
UNTITLED = """\
id: example-register
kind: register
description: Fiche d’un registre d’entreprises, sans titre
publisher: Example Register
undated: true
language: fr
"""
RESULTS = {"sources": {
    "example-press-2016": {"checked": "2026-12-02", "status": "answered", "quotes": {
        quote_key("le 21 mars 2016, elle devient une filiale à 100%"): {"found": True, "checked": "2026-12-02",
                                                             "last_found": "2026-12-02"}}},
    "example-press-2019": {"checked": "2026-12-02", "status": "answered", "quotes": {
        quote_key("plus de 15 millions de foyers en mars 2019"): {"found": False, "checked": "2026-12-02"},
        quote_key("La location de nos fichiers d'adresses postales"): {"found": True, "checked": "2026-12-02",
                                                                        "last_found": "2026-12-02"},
        # cited, but from example-register: not this citation's result
        quote_key("adresses postales"): {"found": True, "checked": "2026-12-02", "last_found": "2026-12-02"}}},
}}


def stats(data: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "scripts", "stats", "--data", str(data)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def section(out: str, title: str) -> dict[str, int]:
    block = re.search(rf"^{re.escape(title)}:\n((?:  .*\n)+)", out, re.M)[1]
    return {name: int(count) for name, count in re.findall(r"^  (.+?) +(\d+)$", block, re.M)}


def test_sources_by_title_date_and_archive(data_tree) -> None:
    out = stats(data_tree({"sources/example-register.yaml": UNTITLED}))
    counts = section(out, "sources by field")
    assert {field: counts[field] for field in ("title", "description", "published", "undated", "archive")} == {
        "title": 4, "description": 1, "published": 4, "undated": 1, "archive": 1}


def test_citations_by_the_last_verdict_of_the_quote_check(data_tree) -> None:
    data = data_tree({"checks/quotes.json": json.dumps(RESULTS)})
    # "le 21 mars 2016, elle devient une filiale à 100%" is cited twice (owner link, event); the flow
    # quotes a longer "La location de nos fichiers…" than the entity: a quote of its own, never checked
    assert section(stats(data), "citations checked (data/checks/quotes.json)") == {
        "checked": 4, "found": 3, "not found": 1, "never checked": 9}  # 4 of them: population, ways out, contact


def test_without_results_every_citation_is_never_checked(data_tree) -> None:
    assert section(stats(data_tree()), "citations checked (data/checks/quotes.json)") == {
        "checked": 0, "found": 0, "not found": 0, "never checked": 13}
