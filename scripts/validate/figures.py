"""The figures of a French text, each with a canonical value, so that a claim's figure can be
looked for in the quotes it cites whatever way either writes it.

A figure is one of:
- a year: `2019` (a plain four-digit whole number from 1800 to 2099);
- a month: `mars 2019`, `March 2019`, `mai de l’année 2019`;
- a day: `21 mars 2019`, `1er juin 2017`, `21/03/2019`, `2019-03-21`, `March 21, 2019`,
  `1. November 2016` (German sources);
- a day of a month without its year: `21 mars`;
- a number: `62 000`, `62.000`, `62 000` (no-break or thin spaces), `2,5`, `15 millions`,
  `2,5 milliards`, `deux millions`, `100 M€`, `1.2bn`, `265m`, `75 %`, `75 pour cent`,
  `42 per cent`.

Canonical keys: ("y", 2019), ("m", 2019, 3), ("d", 2019, 3, 21), ("dm", 3, 21), ("n", value)
with an int for a whole number and a Decimal otherwise (they compare and hash alike). A
percentage is its number: `75 %`, `75%` and `75 pour cent` are all ("n", 75).

`keys(text)` reads a claim: strictly, French first. `stated(text)` reads a quote: what it
states, widened (`21 mars 2019` also states `mars 2019`, `2019` and `21 mars`; a year states
its number and a whole number from 1800 to 2099 its year, so `2 000 salariés` meets
`2000 salariés`) and generously (the noise rule below is not applied, and a number that reads
two ways gives both: `25,983` is 25.983 in French and 25983 in English, `62.000` 62000 and
62.0). Leniency in the haystack costs nothing but a rare false match; strictness in what must
be found is what keeps contributors from noise.

Noise rule (claims only): a number that is part of a name or an identifier is not a figure.
It is one when (1) a letter touches it (`4G`, `A380`, `COVID-19`, `17-DCC-74`, and ordinals:
`1er`, `3e`); (2) it is a chain of numbers joined by hyphens or slashes that is neither a date
nor a range of years (`78-17`, `2019-1234`, `34-5`); (3) a reference word comes just before it
(`n°`, `article`, `art.`, `alinéa`, `page`, `p.`, `décret`, `loi`, `décision`, `version`, the
code prefixes `L.` `R.` `D.`...); (4) a name comes just before it: a word in capitals (`SF 2`),
or a capitalised word that does not start a sentence (`Web 2.0`, `La Poste 2020`). The rule
only ever drops numbers, never dates; a figure it drops goes unchecked, which costs less than
a flood of false alarms.
"""
from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

Key = tuple

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}
WORD_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}
MULTIPLIERS = {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
               "milliards": 10**9, "billion": 10**9, "billions": 10**9, "bn": 10**9, "md": 10**9,
               "mds": 10**9, "mrd": 10**9, "mrds": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3}
REFERENCE_WORDS = frozenset(
    "n° nº no numéro numero art art. article articles alinéa alinea al. chapitre section titre "
    "annexe page pages p. pp. point paragraphe § version v. décret decret arrêté arrete loi "
    "ordonnance directive règlement reglement décision decision délibération deliberation avis "
    "dossier affaire tome vol. volume édition phase étape rue avenue boulevard bd case lot "
    "l. r. d. l r d".split())

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY = r"1er|1re|[12]\d|3[01]|0?[1-9]"
_YEAR = r"1[89]\d\d|20\d\d"
_SPACE = "[ \u00a0\u202f\u2009]"  # space, no-break space, narrow no-break space, thin space
_GROUPED = (rf"\d{{1,3}}(?:,\d{{3}}(?!\d)){{2,}}(?:\.\d+)?"  # 2,500,000 (English)
            rf"|\d{{1,3}}(?:(?:{_SPACE}|\.)\d{{3}}(?!\d))+(?:,\d+)?")  # 62 000 / 62.000 / 1 234,5
_PLAIN = r"\d+(?:[,.]\d+)?"
_WORDS = "|".join(WORD_NUMBERS)
_MULTIPLIER = r"(?:mille|millions?|milliards?|billions?|bn|mrds?|mds?|mn|m|k)(?![^\W\d_])"
_PERCENT = r"%|(?:pour|per)[ -]?cent\b|percent\b"

_S = rf"(?:{_SPACE}|\s)"
# Every token but a number in words starts with a digit: the scan jumps from digit to digit
# (DIGIT), tries DIGIT_TOKEN there, and looks back for a month name only before a year.
DIGIT = re.compile(r"\d")
DIGIT_TOKEN = re.compile(
    rf"(?P<date>(?P<d_day>{_DAY})\.?{_S}+(?P<d_month>{_MONTH})\.?{_S}+(?P<d_year>{_YEAR})(?!\d))"
    rf"|(?P<daymonth>(?P<dm_day>{_DAY}){_S}+(?P<dm_month>{_MONTH})(?!\w))"
    rf"|(?P<chain>\d+(?:[-/]\d+){{1,2}}(?![\w]|[-/]\d|[.,]\d))"
    rf"|(?P<n_value>{_GROUPED}|{_PLAIN})(?:{_S}*(?P<n_mult>{_MULTIPLIER}))?(?:{_SPACE}*(?P<n_percent>{_PERCENT}))?",
    re.IGNORECASE,
)
ENGLISH_DAY_TAIL = re.compile(rf"(?:st|nd|rd|th)?,?{_S}+(?P<year>{_YEAR})(?!\d)")
WORD_MULTIPLIED = re.compile(
    rf"(?<![\w-])(?P<n_word>{_WORDS}){_S}+(?P<n_mult>{_MULTIPLIER})(?:{_SPACE}*(?P<n_percent>{_PERCENT}))?",
    re.IGNORECASE)
RANGE_TAIL = re.compile(rf"{_S}+(?:à|et|ou|-|–){_S}+(?:{_GROUPED}|{_PLAIN}){_S}*(?P<mult>{_MULTIPLIER})",
                        re.IGNORECASE)
ARTICLE_MULTIPLIED = re.compile(r"(?<![\w-])(?:le|du|au|un)\s+(?P<n_mult>millions?|milliards?)(?!\w)", re.IGNORECASE)
ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
YEAR = re.compile(_YEAR)
SEPARATOR = re.compile(r"[-/]")
THOUSANDS_DOTS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
THOUSANDS_COMMAS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
ONE_GROUP = re.compile(r"\d{1,3}[,.]\d{3}")  # 25,983 or 62.000: French and English read it apart
SPACES = re.compile(_SPACE)
LINK_TARGET = re.compile(r"\]\([^)]*\)")
ELISION = re.compile(r"^(?:l|d|qu)['’]")
SENTENCE_ENDS = ".!?:;…(«\"“—–"


def month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def day_of(text: str) -> int:
    return 1 if text.lower() in ("1er", "1re") else int(text)


@lru_cache(maxsize=65536)
def keys(text: str) -> tuple[tuple[Key, str], ...]:
    """The figures of a claim's `text` as (canonical key, the words as written), in order."""
    return tuple((key, written) for _, key, written in figures_of(text, strict=True))


@lru_cache(maxsize=65536)
def stated(text: str) -> frozenset[Key]:
    """Every key a quote states (see the module's docstring: widened, and read generously:
    `le milliard` is a milliard, and a day of a month meets each year of the same quote, so
    that `ce mercredi 20 décembre, à quelques jours de la fin d'année 2023` states 2023-12-20)."""
    found = [key for _, key, _ in figures_of(text, strict=False)]
    if "illi" in text:
        found += [("n", MULTIPLIERS[m["n_mult"].lower()]) for m in ARTICLE_MULTIPLIED.finditer(text)]
    if not found:
        return NOTHING
    days = [key for key in found if key[0] == "dm"]
    if days:
        years = {key[1] for key in found if key[0] in ("y", "m", "d")}
        found += [("d", year, day[1], day[2]) for day in days for year in years
                  if real_day(("d", year, day[1], day[2]))]
    return widen(found)


NOTHING: frozenset[Key] = frozenset()


def figures_of(text: str, strict: bool) -> list[tuple[int, Key, str]]:
    """(position, key, words as written) of every figure of `text`; `strict` applies the
    noise rule and reads a number one way (French), else every way it reads."""
    words = "illi" in text or "ille" in text or "ILLI" in text  # million(s), milliard(s), mille
    digit = DIGIT.search(text)
    if digit is None and not words:
        return []
    if "](" in text:
        text = LINK_TARGET.sub("]", text)  # a link's URL is an address, not a statement
        digit = DIGIT.search(text)
    found: list[tuple[int, Key, str]] = []
    while digit is not None:
        start = digit.start()
        match = DIGIT_TOKEN.match(text, start)
        if match is None:  # cannot happen (a digit is a number), but never loop forever
            digit = DIGIT.search(text, start + 1)
            continue
        tokens, end = digit_keys(match, text, strict)
        found += tokens
        digit = DIGIT.search(text, max(end, start + 1))
    if words:
        for match in WORD_MULTIPLIED.finditer(text):
            value = WORD_NUMBERS[match["n_word"].lower()] * MULTIPLIERS[match["n_mult"].lower()]
            found.append((match.start(), ("n", value), match.group(0).strip()))
        found.sort(key=lambda item: item[0])
    return found


def digit_keys(match: re.Match, text: str, strict: bool) -> tuple[list[tuple[int, Key, str]], int]:
    """The figures of one token that starts with a digit (see figures_of), and where it ends."""
    start, kind, written = match.start(), match.lastgroup, match.group(0)
    glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_/.,")
    if kind == "date":
        key: Key = ("d", int(match["d_year"]), month_of(match["d_month"]), day_of(match["d_day"]))
        return ([] if glued else [(start, key, written)]), match.end()
    if kind == "daymonth":
        key = ("dm", month_of(match["dm_month"]), day_of(match["dm_day"]))
        return ([] if glued else [(start, key, written)]), match.end()
    if kind == "chain":
        return ([] if glued else [(start, key, part) for key, part in chain_keys(written)]), match.end()
    if match["n_mult"] is None and match["n_percent"] is None and not glued and written.isdigit():
        month_start = month_before(text, start)
        if month_start is not None:  # mars 2019, March 21, 2019
            month = month_of(text[month_start:start].split()[0])
            if YEAR.fullmatch(written):
                return [(month_start, ("m", int(written), month), text[month_start:match.end()])], match.end()
            tail = ENGLISH_DAY_TAIL.match(text, match.end())
            if tail is not None and 1 <= int(written) <= 31:
                key = ("d", int(tail["year"]), month, int(written))
                return [(month_start, key, text[month_start:tail.end()])], tail.end()
    if strict and (touches_letter(text, start, match.end(), bool(match["n_percent"] or match["n_mult"]))
                   or identifier_context(text, start)):
        return [], match.end()
    return [(start, key, written.strip()) for key in number_keys(match, text, strict)], match.end()


def month_before(text: str, start: int) -> int | None:
    """Where the month name just before `start` begins (`mars `, `March `, `mai de l’année `)."""
    words = text[max(0, start - 30):start].split()
    if len(words) >= 3 and words[-1].lower() == "année" and words[-2].lower() in ("de", "l’", "l'"):
        words = words[:-2]
    elif len(words) >= 2 and words[-1].lower() in ("l’année", "l'année") and words[-2].lower() == "de":
        words = words[:-2]
    name = words[-1].lstrip("(«“\"[") if words else ""
    if name.lower().rstrip(".") not in MONTHS:
        return None
    position = text.rfind(name, 0, start)
    if position > 0 and (text[position - 1].isalnum() or text[position - 1] == "-"):
        return None
    return position


def chain_keys(written: str) -> list[tuple[Key, str]]:
    """`2019-03-21` and `21/03/2019` are days, `2016-2019` two years; `78-17` an identifier."""
    parts = SEPARATOR.split(written)
    separators = set(SEPARATOR.findall(written))
    if len(parts) == 3 and len(parts[0]) == 4 and separators == {"-"}:
        key: Key = ("d", int(parts[0]), int(parts[1]), int(parts[2]))
        return [(key, written)] if real_day(key) else []
    if len(parts) == 3 and len(parts[2]) == 4 and separators == {"/"}:
        key = ("d", int(parts[2]), int(parts[1]), int(parts[0]))
        return [(key, written)] if real_day(key) else []
    if len(parts) == 2 and all(YEAR.fullmatch(p) for p in parts):
        return [(("y", int(p)), p) for p in parts]  # 2016-2019, 2016/2017: two years
    return []  # 78-17, 2019-1234, 34-5, 2019-03: an identifier (or too ambiguous to read)


def real_day(key: Key) -> bool:
    return 1 <= key[2] <= 12 and 1 <= key[3] <= 31


def number_keys(match: re.Match, text: str, strict: bool) -> list[Key]:
    """A number's key; not strict: one per way it reads (25,983 in French and in English;
    the 400 of `de 400 à 750 millions` both as 400 and as 400 millions)."""
    value = match["n_value"]
    multiplier = match["n_mult"]
    if not multiplier and not match["n_percent"] and YEAR.fullmatch(value):
        return [("y", int(value))]
    readings = parse_number(value)
    if not strict and ONE_GROUP.fullmatch(value):
        readings.append(Decimal(value.replace(",", "")) if "," in value else Decimal(value))
    factors = [MULTIPLIERS[multiplier.lower()] if multiplier else 1]
    if not multiplier and not match["n_percent"]:
        shared = RANGE_TAIL.match(text, match.end())
        if shared is not None:  # de 56 à 67 milliards: the 56 is in milliards too
            factors.insert(0, MULTIPLIERS[shared["mult"].lower()])
    if strict:
        return [("n", canonical(readings[0] * factors[0]))] if readings else []
    return [("n", canonical(reading * factor)) for reading in readings for factor in factors]


def canonical(value: Decimal) -> int | Decimal:
    """A whole number as an int (fast to hash and compare), any other as a Decimal; the two
    compare and hash alike, so 2,5 millions meets 2 500 000."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def touches_letter(text: str, start: int, end: int, has_unit: bool) -> bool:
    """Rule (1) of the module's noise rule: 4G, A380, 1er, 3e, COVID-19, DCC-74, 17-DCC."""
    before = text[start - 2:start] if start >= 2 else " " + text[:start]
    if before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()):
        return True
    after = text[end:end + 2]
    if has_unit:
        return False
    return after[:1].isalpha() or (after[:1] == "-" and after[1:].isalpha())


def parse_number(written: str) -> list[Decimal]:
    """The French reading of a number (62.000 is 62000, 2,5 is 2.5; 2,500,000 can only be
    English), as a list for number_keys to add other readings to."""
    digits = SPACES.sub("", written)
    if THOUSANDS_DOTS.fullmatch(digits):
        digits = digits.replace(".", "")
    elif THOUSANDS_COMMAS.fullmatch(digits):
        digits = digits.replace(",", "")
    try:
        return [Decimal(digits.replace(",", "."))]
    except InvalidOperation:
        return []


def identifier_context(text: str, start: int) -> bool:
    """Rules (3) and (4) of the module's noise rule: a reference word or a name just before."""
    window = text[max(0, start - 40):start]
    if not window[-1:].isspace():
        return window[-1:] in ("°", "º", "§")
    words = window.split()
    if not words:
        return False
    word = words[-1]
    bare = ELISION.sub("", word.strip("«“\"(").lower())  # l’art. 21, d’article 3
    if bare in REFERENCE_WORDS or bare.endswith(("n°", "nº")):
        return True
    letters = word.strip("«“\"(»”)")
    if len(letters) >= 2 and letters.isalpha() and letters.isupper():
        return True  # SF 2, CNIL 2019: an acronym's number
    if letters[:1].isupper() and letters.replace("-", "").replace("’", "").replace("'", "").isalpha():
        word_start = text.rfind(word, 0, start)
        before = text[max(0, word_start - 10):word_start].rstrip()
        return bool(before) and before[-1] not in SENTENCE_ENDS  # Web 2.0, La Poste 2020
    return False


FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre")
NOT_ALONE_AFTER = re.compile(rf"\d|[.,/-]\d|{_S}*(?:\d{{3}}(?!\d)|mill|md|mrd|bn|mn\b|m\b|k\b)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def writings(key: Key) -> tuple[str, ...]:
    """The usual ways of writing `key` (2019, mars 2019, 21 mars 2019, 1er juin 2017, 75 %,
    15 000 000 with any space): `says` looks for them before reading a quote in full."""
    kind = key[0]
    if kind == "y":
        return (str(key[1]),)
    if kind == "m":
        return (f"{FRENCH_MONTHS[key[2] - 1]} {key[1]}",)
    if kind == "d":
        day = "1er" if key[3] == 1 else str(key[3])
        return (f"{day} {FRENCH_MONTHS[key[2] - 1]} {key[1]}",)
    value = key[1]
    if kind != "n" or value.__class__ is not int:
        return ()
    if value < 1000:
        return (str(value),)
    grouped = f"{value:,}"
    return tuple(grouped.replace(",", space) for space in (" ", "\u202f", "\u00a0", "\u2009"))


def says(quote: str, key: Key) -> bool:
    """True when one of the usual writings of `key` stands alone in `quote` (not inside a longer
    number, not before a multiplier): then the quote states it, for sure. False means only
    "not found this way": the caller reads the quote in full (stated)."""
    for written in writings(key):
        start = quote.find(written)
        while start >= 0:
            end = start + len(written)
            before = quote[start - 1] if start else " "
            glued = before.isdigit() or before in "-/" or (before in ".," and quote[start - 2:start - 1].isdigit())
            if not glued and not NOT_ALONE_AFTER.match(quote, end):
                return True
            start = quote.find(written, start + 1)
    return False


def widen(found) -> frozenset[Key]:
    out: set[Key] = set()
    for key in found:
        out.add(key)
        kind = key[0]
        if kind == "d":
            out.update((("m", key[1], key[2]), ("y", key[1]), ("dm", key[2], key[3])))
        elif kind == "m":
            out.add(("y", key[1]))
        elif kind == "y":
            out.add(("n", key[1]))
        elif kind == "n" and key[1].__class__ is int and 1800 <= key[1] <= 2099:
            out.add(("y", key[1]))
    return frozenset(out)


@lru_cache(maxsize=4096)
def date_key(value: str) -> Key | None:
    """`2019` -> ("y", 2019), `2019-03` -> ("m", 2019, 3), `2019-03-21` -> ("d", 2019, 3, 21);
    None for anything else, a date that does not exist included (another check reports it)."""
    match = ISO.fullmatch(str(value))
    if not match:
        return None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day:
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            return None
        return ("d", int(year), int(month), int(day))
    if month:
        return ("m", int(year), int(month))
    return ("y", int(year))


def number_of(value, high: float | None = None) -> Key | None:
    """The key of a structured number; None when it is not one, or is out of bounds (the
    schema reports a share over 100)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    if high is not None and value > high:
        return None
    return ("n", canonical(Decimal(str(value))))


def show(key: Key) -> str:
    """A key in the words a contributor reads: 2019, 2019-03, 2019-03-21, 21/03, 62000."""
    kind = key[0]
    if kind == "y":
        return str(key[1])
    if kind == "m":
        return f"{key[1]}-{key[2]:02d}"
    if kind == "d":
        return f"{key[1]}-{key[2]:02d}-{key[3]:02d}"
    if kind == "dm":
        return f"{key[2]:02d}/{key[1]:02d}"
    return f"{Decimal(key[1]).normalize():f}"
