"""The figures of a French text (scripts/validate/figures.py): what a claim states, what a quote
states, and the noise rule that keeps names and identifiers out."""
from __future__ import annotations

from decimal import Decimal

import pytest

from scripts.validate.figures import date_key, keys, number_of, show, stated


def shown(text: str) -> list[str]:
    return [show(key) for key, _ in keys(text)]


@pytest.mark.parametrize("text, expected", [
    ("En 2017, La Poste rachète", ["2017"]),
    ("le 1er juin 2017", ["2017-06-01"]),
    ("le 21 mars 2019", ["2019-03-21"]),
    ("en mars 2019", ["2019-03"]),
    ("en mai de l’année 2019", ["2019-05"]),
    ("le 21/03/2019", ["2019-03-21"]),
    ("le 2019-03-21", ["2019-03-21"]),
    ("on March 21, 2019", ["2019-03-21"]),
    ("zum 1. November 2016", ["2016-11-01"]),
    ("de 2016-2019", ["2016", "2019"]),
    ("le 21 mars", ["21/03"]),
    ("62 000 patients", ["62000"]),
    ("62\u00a0000 patients", ["62000"]),  # no-break space
    ("62\u202f000 patients", ["62000"]),  # narrow no-break space
    ("62.000 patients", ["62000"]),
    ("2,5 millions de Français", ["2500000"]),
    ("deux millions d’adresses", ["2000000"]),
    ("1,5 milliard d’euros", ["1500000000"]),
    ("15 mille foyers", ["15000"]),
    ("100 M€", ["100000000"]),
    ("75 %", ["75"]),
    ("75% des foyers", ["75"]),
    ("75 pour cent", ["75"]),
    ("2 000 salariés", ["2000"]),
    ("de 56 à 67 milliards", ["56000000000", "67000000000"]),
])
def test_a_claim_figure_and_its_canonical_value(text, expected):
    assert shown(text) == expected


@pytest.mark.parametrize("text", [
    "la norme SF 2", "SF 2 est une norme", "le Web 2.0", "le plan La Poste 2020", "article 21",
    "l’art. 21 du code", "décision 17-DCC-74", "la loi 78-17", "le décret n° 2019-1234", "n°15",
    "la 4G et l’A380", "la COVID-19", "le 3e groupe", "L. 34-5 du code", "SIREN 552 015 228",
    "[article](https://example.org/2019/location)",
])
def test_names_and_identifiers_are_not_figures(text):
    assert keys(text) == ()


def test_a_date_is_never_dropped_by_the_noise_rule():
    assert shown("la décision 17-DCC-74 du 1er juin 2017") == ["2017-06-01"]
    assert shown("Selon la CNIL (2006)") == ["2006"]


def test_a_capitalised_word_that_starts_a_sentence_is_not_a_name():
    assert shown("Depuis 2017, la filiale loue. En 2019 aussi.") == ["2017", "2019"]


def test_a_quote_states_the_coarser_dates_of_a_day():
    found = stated("le 21 mars 2019")
    assert {("d", 2019, 3, 21), ("m", 2019, 3), ("y", 2019), ("dm", 3, 21)} <= found
    assert ("d", 2019, 3, 22) not in found


def test_a_claim_month_is_not_stated_by_a_year_only():
    assert ("m", 2019, 3) not in stated("en 2019")


def test_a_quote_is_read_every_way_it_reads():
    assert ("n", 25_983_000_000) in stated("€25,983 M Operating revenue")  # English thousands
    assert ("n", 1_200_000_000) in stated("revenue of €1.2bn")
    assert ("n", 265_000_000) in stated("items distributed to 265m")
    assert ("n", 42) in stated("will stand at 42 per cent")
    assert ("n", 1_000_000_000) in stated("va approcher le milliard d’euros")
    assert ("d", 2023, 12, 20) in stated("ce mercredi 20 décembre, à quelques jours de la fin d'année 2023")


def test_the_noise_rule_is_for_claims_only():
    assert ("y", 2002) in stated("la Poste avait été nominée aux BBA 2002")
    assert shown("nominée aux BBA 2002") == []


def test_numbers_meet_whatever_way_they_are_written():
    assert keys("2,5 millions")[0][0] in stated("2 500 000 personnes")
    assert keys("2 000 salariés")[0][0] in stated("2000 salariés")
    assert keys("62 000")[0][0] == ("n", 62000) and ("n", Decimal("62000.0")) in stated("62 000")


def test_structured_values():
    assert date_key("2019") == ("y", 2019)
    assert date_key("2019-03") == ("m", 2019, 3)
    assert date_key("2019-03-21") == ("d", 2019, 3, 21)
    assert date_key("2019-02-30") is None and date_key("2019-13") is None  # reported elsewhere
    assert number_of(100) == ("n", 100) and number_of(62.5) == ("n", Decimal("62.5"))
    assert number_of(110, high=100) is None and number_of(True) is None
