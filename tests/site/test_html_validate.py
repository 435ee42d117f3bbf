"""The project's own markup is valid under html-validate's `standard` preset (npm, pinned in
package.json, run offline from node_modules), on the home page, every hand-written and index
page, the 404 page and record pages of every kind. Material's own markup has findings we leave
alone; they are listed here, and only they are allowed."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import REPO_ROOT

HTML_VALIDATE = REPO_ROOT / "node_modules" / ".bin" / "html-validate"
CONFIG = {"extends": ["html-validate:standard"]}
# Material's own markup, left as it ships: (rule, a piece of the finding's selector or message).
MATERIAL_FINDINGS = {
    # base.html: its two toggles, the drawer and the search, are checkboxes with
    # autocomplete="off", which the HTML standard allows only on text-like inputs
    ("valid-autocomplete", "#__drawer"),
    ("valid-autocomplete", "#__search"),
    # partials/actions.html: the "edit this page" link has rel="edit", not a link type of <a>
    ("attribute-misuse", 'rel="edit"'),
}


def materials(rule: str, selector: str, message: str) -> tuple[str, str] | None:
    """The entry of MATERIAL_FINDINGS a finding is, or None: a finding of ours."""
    for known_rule, piece in MATERIAL_FINDINGS:
        if rule == known_rule and (piece in selector or piece in message):
            return known_rule, piece
    return None
RECORD_PAGES_PER_KIND = 6


def checked_pages(site: Path) -> list[Path]:
    pages = [site / "index.html", site / "404.html", *sorted(site.glob("*/index.html"))]
    for folder in ("entites", "fichiers", "flux", "sources"):
        pages += sorted(site.glob(f"{folder}/*/index.html"))[:RECORD_PAGES_PER_KIND]
    return [page for page in pages if "pagefind" not in page.parts]


def findings(pages: list[Path], tmp_path: Path) -> list[tuple[str, str, str, str]]:
    """(page, rule, selector, message) of every finding."""
    if not HTML_VALIDATE.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed (apt-get install nodejs npm), so html-validate is not either")
        pytest.fail("html-validate is missing: run `npm ci` (make test does)")
    config = tmp_path / "html-validate.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    output = tmp_path / "report.json"  # not stdout: node cuts a long output written to a pipe
    run = subprocess.run([str(HTML_VALIDATE), "--config", str(config), "--formatter", f"json={output}",
                          *map(str, pages)], capture_output=True, text=True, timeout=600)
    assert output.exists(), run.stderr[-2000:]
    report = json.loads(output.read_text(encoding="utf-8") or "[]")
    return [(result["filePath"], message["ruleId"],
             message.get("selector") or "", message["message"])
            for result in report for message in result["messages"]]


def test_our_markup_is_valid_and_only_materials_findings_remain(real_site, tmp_path):
    pages = checked_pages(real_site)
    assert len(pages) > 30
    found = findings(pages, tmp_path)
    ours = sorted({(rule, message) for _, rule, selector, message in found if not materials(rule, selector, message)})
    assert ours == []
    assert {materials(*f[1:]) for f in found} == MATERIAL_FINDINGS  # each still there: else drop it from the list


def test_the_check_finds_an_aria_label_on_a_plain_span(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>'
                    '<p>a <span aria-label="vers">→</span> b</p></body></html>', encoding="utf-8")
    assert [rule for _, rule, _, _ in findings([page], tmp_path)] == ["aria-label-misuse"]
