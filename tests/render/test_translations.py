"""The English edition, without building a site: every interface word of a template goes
through `t(french, english)`, every hand-written page has its English counterpart, every word
of the navigation and the overrides has its English, and the data have English for the texts
the English pages must show (issue 17).

A new template section, hand-written page or navigation entry fails here, named, until it is
translated (README, "The English edition")."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scripts.model import interface, urls
from scripts.model.text import english_date, format_date, number, period
from scripts.model.translations import missing_english
from scripts.validate import check

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "scripts" / "render" / "templates"
DOCS = REPO / "docs"
# Words a template may print as they are, in both languages: names and codes.
SAME_IN_BOTH = {"SIREN", "Wikidata"}
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
SHOWN_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"')
CODE = re.compile(r"<code>.*?</code>", re.S)


def bare_words(source: str) -> list[str]:
    """The words a template prints that no `t()` (nor any other expression) gives."""
    text = JINJA.sub("", source)
    found = [value for value in SHOWN_ATTRIBUTES.findall(text) if value.strip()]
    text = re.sub(r"<[^>]*>", " ", CODE.sub(" ", text))
    found += re.findall(r"[^\W\d_][\w’']*", text)
    return [word for word in found if word not in SAME_IN_BOTH]


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES.glob("*.html")))
def test_templates_print_no_word_outside_t(template):
    if template == "problems.html":  # `make serve`'s page for broken data: scripts/model/messages.py words it
        return
    if template == "letter_text.html":  # the letters go to French companies and quote French law: French on both editions
        return
    assert bare_words((TEMPLATES / template).read_text(encoding="utf-8")) == []


def test_the_lint_sees_a_bare_word():
    assert bare_words('<p class="x">Aucune affirmation {{ t("a", "b") }}</p>') == ["Aucune", "affirmation"]
    assert bare_words('<a title="Lien permanent">{{ t("x", "y") }}</a>') == ["Lien permanent"]
    assert bare_words('<a title="{{ t(\'x\', \'y\') }}">{{ name(r) }}</a>') == []


def hand_written(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}


def test_every_hand_written_page_has_its_english_counterpart_and_the_reverse():
    french = {path for path in hand_written(DOCS) if urls.language_of(path) == "fr"}
    english = {path.removeprefix(urls.ENGLISH) for path in hand_written(DOCS) if urls.language_of(path) == "en"}
    assert sorted(french - english) == [], "French pages with no translation in docs/en/"
    assert sorted(english - french) == [], "English pages with no French original in docs/"


class IgnoreTags(yaml.SafeLoader):
    pass


IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def navigation_titles(items) -> list[str]:
    titles = []
    for item in items:
        for title, value in item.items():
            titles.append(title)
            if isinstance(value, list):
                titles += navigation_titles(value)
    return titles


def test_every_interface_word_of_mkdocs_yml_has_its_english():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)
    words = [config["site_name"], config["site_description"], *navigation_titles(config["nav"]),
             *(option["toggle"]["name"] for option in config["theme"]["palette"] if "toggle" in option)]
    assert interface.untranslated(words) == []


def test_every_word_the_overrides_translate_has_its_english():
    used = set()
    for path in (REPO / "overrides").rglob("*.html"):
        used |= set(re.findall(r"""['"]([^'"]+)['"]\s*\|\s*interface\b""", path.read_text(encoding="utf-8")))
    assert used and interface.untranslated(sorted(used)) == []


def test_the_data_have_english_for_every_summary_claim_and_category_label():
    """Issue 17's target: `en` on every summary and claim of entities, datasets and flows, and
    on every category label (the build prints how many are missing)."""
    assert missing_english(check(REPO / "data")) == []


def test_missing_english_names_each_text_without_it(data_tree):
    translated = """id: example-advertiser
name: Annonceurs
kind: audience
summary:
  fr: Les annonceurs qui louent des fichiers.
  en: The advertisers that rent files.
"""
    french_only = check(data_tree())
    assert any(entry.endswith("example-advertiser.yaml: summary") for entry in missing_english(french_only))
    both = check(data_tree({"entities/example-advertiser.yaml": translated}))
    assert not any(entry.endswith("example-advertiser.yaml: summary") for entry in missing_english(both))


def test_dates_numbers_and_periods_in_english():
    assert english_date("2019-03-01") == "1 March 2019"
    assert english_date("2019-03") == "March 2019"
    assert format_date("2016-05-01", "fr") == "1er mai 2016"
    assert number(15000000, "en") == "15,000,000" and number(15000000) == "15\u202f000\u202f000"
    assert number(2.5, "en") == "2.5" and number(2.5) == "2,5"
    assert period("2016", "2020", "en") == "from 2016 to 2020"
    assert period("2019-03", None, "en") == "since March 2019"
    assert period(None, "2024-11-15", "en") == "until 15 November 2024"
