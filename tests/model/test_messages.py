"""The message catalogue (scripts/model/messages.py): every message in both languages with the same
{placeholders}, every key used by the code, and the language chosen by --lang, else by the
locale. (The fixtures check each problem in both languages: tests/validate/test_validate.py.)"""
from __future__ import annotations

import re
import string

import pytest

from scripts import REPO_ROOT
from scripts.model import messages
from scripts.model.messages import MESSAGES, NOUNS, counted, locale_language, say, set_language


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    assert set(MESSAGES[key]) == set(messages.LANGUAGES)
    assert MESSAGES[key]["fr"].strip() and MESSAGES[key]["en"].strip()
    assert placeholders(MESSAGES[key]["fr"]) == placeholders(MESSAGES[key]["en"])


def test_every_noun_has_its_two_forms_in_both_languages():
    for noun, forms in NOUNS.items():
        assert set(forms) == set(messages.LANGUAGES) and all(len(f) == 2 and all(f) for f in forms.values()), noun


def test_every_key_is_used_by_the_code():
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO_ROOT / "scripts").rglob("*.py")
                     if path.name != "messages.py" or path.parent.name != "model")
    prefixes = set(re.findall(r'say\(f"([a-z_.]+)\{', code))  # say(f"type.{expected}")
    unused = [key for key in MESSAGES if f'"{key}"' not in code and f"'{key}'" not in code
              and not any(key.startswith(prefix) for prefix in prefixes)]
    assert unused == []


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"), ({"LC_MESSAGES": "en_US", "LANG": "fr_FR"}, "en"),
    ({"LANGUAGE": "fr:en", "LANG": "C"}, "fr"),
])
def test_the_locale_chooses_french_or_english(environ, expected):
    assert locale_language(environ) == expected


def test_lang_overrides_the_locale_until_reset(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert say("schema.not_empty") == "ne doit pas être vide"
    set_language("en")
    assert say("schema.not_empty") == "must not be empty"
    assert counted(2, "problem") == "2 problems" and counted(1, "file") == "1 file"
    set_language(None)
    assert counted(1, "problem") == "1 problème" and counted(3, "file") == "3 fichiers"
