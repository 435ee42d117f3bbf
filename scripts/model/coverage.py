"""What the sources of the data set carry (a title shown by the page, a publication date, an
archived copy, a consultation date...), counted one way for `python -m scripts stats` and for
the macros of the hand-written pages, so that the Méthodologie states what the data holds."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

# key -> (what it means, test on a source record's data); the keys are the macros' arguments.
SOURCE_FIELDS: dict[str, tuple[str, Callable[[Mapping], bool]]] = {
    "title": ("with the title the page shows (`title`)", lambda d: bool(d.get("title"))),
    "description": ("no title shown: described by us (`description`)",
                    lambda d: not d.get("title") and bool(d.get("description"))),
    "published": ("with a publication date (`published`)", lambda d: bool(d.get("published"))),
    "undated": ("the page shows no date (`undated`)", lambda d: d.get("undated") is True),
    "archive": ("with an archived copy (`archive`)", lambda d: bool(d.get("archive"))),
    "accessed": ("with a consultation date (`accessed`)", lambda d: bool(d.get("accessed"))),
    "via": ("relaying another source (`via`)", lambda d: bool(d.get("via"))),
    "original": ("a copy of a document published elsewhere (`original`)", lambda d: bool(d.get("original"))),
    "no-url": ("no web address (`url`)", lambda d: not d.get("url")),
}


def source_field_counts(sources: Iterable[Mapping]) -> dict[str, int]:
    """How many of `sources` (the data of source records) have each of SOURCE_FIELDS."""
    counts = dict.fromkeys(SOURCE_FIELDS, 0)
    for data in sources:
        for key, (_, test) in SOURCE_FIELDS.items():
            counts[key] += test(data) if isinstance(data, Mapping) else 0
    return counts
