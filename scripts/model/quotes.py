"""What a quote is, once typography is set aside: the form in which the quote check compares a
quote with its source's page, and the key under which the results file keeps the quote's last
result. The site (scripts/load/quote_checks.py) and the checker (scripts/tools/check_quotes/)
both use these, so that they always agree on which result belongs to which citation.

A quote is verbatim: letters, accents, letter case, digits and punctuation count. What is set
aside is what a reader does not see, or what a page's typesetting chose for the author:
HTML entities, Unicode compatibility forms (NFKC: ligatures, full-width forms, composed and
decomposed accents), whitespace of every width (non-breaking, thin), soft hyphens and
zero-width characters, typographic or straight apostrophes and quotation marks (’ ' ‘ « » “ ”
"), dashes, the space French puts before ; : ! ? and inside « »."""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# Apostrophes and quotation marks, typographic or straight, become the straight ones; dashes a
# hyphen; invisible characters (soft hyphen, zero-width spaces and joiners, BOM) disappear.
_APOSTROPHES = "\u2019\u2018\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07"
_QUOTATION_MARKS = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a\u2033\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_REPLACEMENTS = {**{c: "'" for c in _APOSTROPHES}, **{c: '"' for c in _QUOTATION_MARKS},
                 **{c: "-" for c in _DASHES}, **{c: "" for c in _INVISIBLE}}
# C1 control characters never appear in a real page: a "Latin-1" page decoded as ISO-8859-1
# (as its <meta> says) has them where Windows-1252 has ’ “ ” … œ €, as browsers read it.
_C1_AS_CP1252 = {chr(code): bytes([code]).decode("cp1252", errors="ignore") for code in range(0x80, 0xA0)}
# A regular expression finds the few characters to replace: str.translate with a mapping costs
# about a microsecond per character of non-ASCII text (a page, or every quote of every build).
_TYPOGRAPHY = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_C1 = re.compile("[\x80-\x9f]")
_SPACE_AROUND_QUOTATION_MARK = re.compile(r' ?" ?')
_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r" (?=[;:!?])")


def c1_as_cp1252(text: str) -> str:
    """`text` with the C1 control characters read as Windows-1252 (as browsers read Latin-1)."""
    return _C1.sub(lambda match: _C1_AS_CP1252[match[0]], text)


def normalise(text: str) -> str:
    """The form in which a quote and a page are compared (letter case kept: a quote is verbatim)."""
    text = unicodedata.normalize("NFKC", c1_as_cp1252(html.unescape(text)))
    text = " ".join(_TYPOGRAPHY.sub(lambda match: _REPLACEMENTS[match[0]], text).split())
    text = _SPACE_AROUND_QUOTATION_MARK.sub('"', text)
    return _SPACE_BEFORE_HIGH_PUNCTUATION.sub("", text)


def quote_key(quote: str) -> str:
    """The key of a quote in the results file: the first 12 hex digits of the SHA-1 of its
    normalised form (a typographic correction of the quote keeps its results; any other
    correction, letter case included, is a new quote, checked anew)."""
    return hashlib.sha1(normalise(quote).encode("utf-8")).hexdigest()[:12]


def citations_in(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(path, citation) for every mapping with a `source` and a `quote`, at any depth of a
    record: claims, owner links, identifiers, rights, sizes, events."""
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and isinstance(value.get("quote"), str):
            yield path, value
        for key, item in value.items():
            yield from citations_in(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from citations_in(item, path + (index,))
