"""What the sources carry, counted once for `stats` and for the Méthodologie's macros."""
from scripts.model.coverage import SOURCE_FIELDS, source_field_counts


def test_each_field_is_counted_only_where_the_source_has_it():
    sources = [
        {"title": "Un titre", "published": "2019", "url": "https://example.org/a", "archive": "https://web.archive.org/a"},
        {"description": "Une page sans titre.", "undated": True, "url": "https://example.org/b", "via": "a"},
        {"title": "Un document imprimé", "undated": False, "accessed": "2026-11-28", "original": {"title": "x"}},
    ]
    assert source_field_counts(sources) == {"title": 2, "description": 1, "published": 1, "undated": 1,
                                            "archive": 1, "accessed": 1, "via": 1, "original": 1, "no-url": 1}


def test_a_description_beside_a_title_is_not_counted_as_a_missing_title():
    assert source_field_counts([{"title": "T", "description": "D"}])["description"] == 0


def test_every_field_is_explained():
    assert all(label and callable(test) for label, test in SOURCE_FIELDS.values())
