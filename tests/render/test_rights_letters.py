"""The rights pages as rendered (stage 4), without a browser: every holder has its four letters,
each standing on the rules' claims (articles and words of the law quoted from the rule records,
never written by hand); every situation lists the files whose population names it; a holder's
page has its « droits » section; contributor text is escaped."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.model import urls
from scripts.model.vocabulary import REQUESTS
from scripts.render import letters
from scripts.render import pages as render

REPO = Path(__file__).resolve().parents[2]
SITE = render.Site("Site Exemple", "https://example.org/enquete/")
PAGES = {page.path: page for page in render.INDEX_PAGES}
LETTER = re.compile(r'<pre class="lp-letter" data-holder="([^"]+)" data-request="([^"]+)">(.*?)</pre>', re.S)


@pytest.fixture(scope="module")
def real_index():
    return build_index(load_data(REPO / "data"))


def test_every_letter_point_stands_on_a_quoted_legal_text_in_the_shipped_rules(real_index):
    for request, wanted in letters.BASIS.items():
        points = letters.letter_basis(real_index, request)
        assert len(points) == len(wanted) + 1, request  # none missing, and the deadline
        for point in points:
            assert point.locator.startswith("article") and point.quote
            assert point.claim in point.rule.data["claims"]


def test_a_missing_claim_leaves_its_point_out(real_index):
    assert letters.legal_point(real_index, "droit-d-acces", "no-such-claim") is None
    assert letters.legal_point(real_index, "la-poste", "copie") is None  # not a rule


def test_every_holder_has_its_four_letters_quoting_the_rules(real_index):
    body = render.index_body(PAGES[urls.LETTER], real_index, SITE)
    found = {(holder, request): html.unescape(text) for holder, request, text in LETTER.findall(body)}
    holders = {h.id for h in letters.holders(real_index)}
    assert holders == {d.data["holder"] for d in real_index.by_collection["datasets"]}
    assert set(found) == {(h, r) for h in holders for r in REQUESTS}
    for (holder, request), text in found.items():
        for point in letters.letter_basis(real_index, request):
            assert point.locator in text and point.quote.rstrip(".") in text, (holder, request, point.locator)
        for dataset in real_index.datasets_of[holder]:
            assert dataset.title() in text
        assert "\n\nMadame, Monsieur,\n" in text  # paragraphs survive the page's blank-line compaction
        contact = real_index.get(holder).data["privacy_contact"]
        assert (contact.get("email") or "aucune adresse publiée") in text
    for point in {p.claim["id"]: p for r in REQUESTS for p in letters.letter_basis(real_index, r)}.values():
        assert f'href="../../droit/{point.rule.id}/#{point.claim["id"]}"' in body


def test_every_situation_lists_the_files_whose_population_names_it(real_index):
    body = render.index_body(PAGES[urls.CONCERNED], real_index, SITE)
    sections = dict(re.findall(r'<section class="lp-concerned-situation" id="situation--([^"]+)"[^>]*>(.*?)</section>',
                               body, re.S))
    assert sections
    for dataset in real_index.by_collection["datasets"]:
        named = letters.situations_of(dataset)
        for value, section in sections.items():
            listed = f'<h4 class="lp-concerned__name"><a href="../../fichiers/{dataset.id}/"' in section
            assert listed == (value in named), (dataset.id, value)
        if not named:
            assert f'href="../../fichiers/{dataset.id}/"' in body.split('id="sans-population"')[1]
    assert 'hidden' in body.split('id="lp-concerned-tool"')[1][:20]  # the tool waits for the script


def test_a_holder_page_has_its_rights_section_and_letter(real_index):
    record = real_index.get("la-poste-mobile")
    body = render.record_body(record, real_index, SITE)
    section = body.split(f'id="{urls.RIGHTS_SECTION}"')[1].split("</section>")[0]
    assert "mesdonneespersonnelles@lapostemobile.fr" in section
    assert 'href="../../vos-droits/lettre/#lettre--la-poste-mobile"' in section
    assert 'href="../../droit/plainte-a-la-cnil/"' in section
    assert 'id="section--droits"' in body  # the old anchor of its published policy still answers


def test_contributor_text_is_escaped_on_the_rights_pages(data_tree):
    base = (REPO / "tests/fixtures/base/data/datasets/example-address-file.yaml").read_text(encoding="utf-8")
    hostile = base.replace("Les foyers dont l’adresse postale a été collectée.", '"<script>alert(1)</script>"')
    index = build_index(load_data(data_tree({"datasets/example-address-file.yaml": hostile})))
    for page in (urls.CONCERNED, urls.LETTER):
        body = render.index_body(PAGES[page], index, SITE)
        assert "<script>" not in body
    assert "&lt;script&gt;" in render.index_body(PAGES[urls.CONCERNED], index, SITE)
