"""The quote check's reading of a page: typography set aside, letter case kept, elisions,
text extraction (HTML, Latin-1, PDF), the key of a quote, and one request at a time per host."""
from __future__ import annotations

import threading

import pytest
from quote_pages import PAGES, make_pdf

from scripts.model.quotes import normalise, quote_key
from scripts.tools.check_quotes.extraction import html_text, page_text, texts_to_search
from scripts.tools.check_quotes.fetching import HostGate
from scripts.tools.check_quotes.matching import contains_quote, quote_parts


@pytest.mark.parametrize("quote, page", [
    ("l’adresse", "l'adresse"),
    ("l'adresse", "l&rsquo;adresse"),
    ("« marché mûr »", "“marché mûr”"),
    ('"marché mûr"', "«\u00a0marché mûr\u00a0»"),
    ("15 millions", "15\u00a0millions"),
    ("15 millions", "15\u202fmillions"),
    ("15 millions", "15\u2009millions"),
    ("ré­sultats", "résultats"),  # soft hyphen in the quote
    ("résultats", "ré\u00adsultats"),
    ("résultats", "ré&shy;sultats"),
    ("deux lignes", "deux\n   lignes"),
    ("selon elle : oui", "selon elle\u202f: oui"),
    ("selon elle: oui", "selon elle : oui"),
    ("AT&T", "AT&amp;T"),
    ("Dépôt", "De\u0301po\u0302t"),  # composed and decomposed accents
    ("fichier", "ﬁchier"),  # a ligature, as PDFs have them
    ("2016-2019", "2016–2019"),
])
def test_typography_does_not_hide_a_quote(quote: str, page: str) -> None:
    assert contains_quote(normalise(page), quote_parts(quote))


@pytest.mark.parametrize("quote, page", [
    ("la location", "la vente"),
    ("15 millions", "16 millions"),
    ("l'adresse", "ladresse"),
    ("A […] B", "B puis A"),  # parts in the wrong order
    ("un […] un", "un seul"),  # parts may not overlap
    ("La Poste", "LA POSTE"),  # a quote is verbatim: letter case counts
    ("la poste", "La Poste"),
    ("Etat", "État"),  # so do accents, capital or not
])
def test_a_different_text_is_not_found(quote: str, page: str) -> None:
    assert not contains_quote(normalise(page), quote_parts(quote))


def test_elisions_split_the_quote_into_parts() -> None:
    assert quote_parts("A […] B [...] C (…) D (...) E … F... G") == ["A", "B", "C", "D", "E", "F", "G"]
    assert quote_parts("[…]") == []
    assert not contains_quote("anything", [])


def test_quote_key_is_twelve_hex_digits_of_the_normalised_quote() -> None:
    key = quote_key("L’adresse postale")
    assert len(key) == 12 and int(key, 16) >= 0
    assert quote_key("L'adresse\u00a0 postale") == key  # same normalised text, same results
    assert quote_key("L’adresse postal") != key
    assert quote_key("l’adresse postale") != key  # letter case counts: a new quote, checked anew


def test_html_text_skips_scripts_and_keeps_blocks_apart() -> None:
    text = normalise(html_text((PAGES / "tags.html").read_bytes()))
    assert "Le fichier Estocade est loué à des annonceurs sous le nom de CibleFoyers." in text
    assert "Premier point Second point" in text  # list items do not run together
    assert "invisible" not in text and "font-weight" not in text


def test_latin1_pages_read_as_a_browser_reads_them() -> None:
    header = page_text((PAGES / "latin1-header.html").read_bytes(), "text/html; charset=ISO-8859-1")
    assert "L’œuvre de la filiale : un fichier d’adresses de foyers français" in header
    meta = page_text((PAGES / "latin1-meta.html").read_bytes(), "text/html")
    assert "Les données sont hébergées à l’étranger" in meta


def test_pdf_text_is_extracted() -> None:
    assert "36 millions de contacts d’adresses" in page_text(make_pdf("36 millions de contacts d\u2019adresses"), "")


def test_a_word_broken_at_a_line_end_is_found_both_ways() -> None:
    texts = texts_to_search(b"Le fichier d'adres-\nses et les Hauts-de-\nSeine", "text/plain")
    assert any(contains_quote(t, quote_parts("fichier d'adresses")) for t in texts)
    assert any(contains_quote(t, quote_parts("Hauts-de- Seine")) for t in texts)


# ------------------------------------------------------------------ politeness and fetching

def test_one_request_at_a_time_per_host_with_a_delay() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    gate = HostGate(2.0, sleep, clock=lambda: now[0])
    for url in ("https://a.example/1", "https://b.example/1", "https://a.example/2"):
        with gate.turn(url):
            now[0] += 0.5  # the request takes half a second
    # a.example's second request waits until 2 s after the end of its first (at 0.5 s); b.example never waits
    assert waits == [1.5]

    gate = HostGate(0.0)
    order: list[str] = []

    def request(name: str) -> None:
        with gate.turn("https://a.example/"):
            order.append(f"start {name}")
            threading.Event().wait(0.05)
            order.append(f"end {name}")

    threads = [threading.Thread(target=request, args=(n,)) for n in "xy"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [entry.split()[0] for entry in order] == ["start", "end", "start", "end"]  # never two at once
