"""What search engines and link previews read in every built page's <head>: its language (French,
English under /en/), a title, and one non-empty meta description (a record page's comes from its
summary)."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_every_page_says_its_language_with_a_title_and_one_description(real_site):
    problems = []
    for page_file in sorted(real_site.rglob("index.html")):
        html = page_file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # redirect stubs of renamed records
        name = page_file.relative_to(real_site)
        descriptions = DESCRIPTION.findall(html)
        if len(descriptions) != 1 or not unescape(descriptions[0]).strip():
            problems.append(f"{name}: {len(descriptions)} meta description(s) {descriptions}")
        lang = "en" if name.parts[0] == "en" else "fr"
        if f'<html lang="{lang}"' not in html or not re.search(r"<title>[^<]+</title>", html):
            problems.append(f"{name}: no lang={lang} or no title")
    assert problems == []


def test_record_page_description_is_its_summary(real_site):
    record = yaml.safe_load((REPO / "data" / "entities" / "mediapost.yaml").read_text(encoding="utf-8"))
    summary = record["summary"]["fr"] if isinstance(record["summary"], dict) else record["summary"]
    html = (real_site / "entites" / "mediapost" / "index.html").read_text(encoding="utf-8")
    [description] = DESCRIPTION.findall(html)
    assert " ".join(unescape(description).split()) == " ".join(summary.split())
