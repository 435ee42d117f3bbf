"""Safe text rendering: contributor text is data, never markup.

A text field is a French string or {fr, en}. Everything is HTML-escaped first; then only
inline **strong**, *emphasis* and [label](http(s)://...) links are turned back into HTML.
Anything else (`{{ }}`, `{% %}`, `<script>`, `<img onerror>`) stays visible as typed.

Also the formats of dates and numbers, French and English, that every stage shares (pages,
citations, feeds), and `tr(lang, fr, en)`, the one way code picks an interface string."""
from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()<>\"]+)\)")
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")


def tr(lang: str, fr: str, en: str) -> str:
    """An interface string in the page's language."""
    return en if lang == "en" else fr


def has_language(text: Any, lang: str) -> bool:
    """Whether a text field has its own text in `lang` (a plain string is French)."""
    if lang == "fr" or text is None:
        return True
    return isinstance(text, dict) and bool(text.get(lang))


def pick(text: Any, lang: str = "fr") -> str:
    """The plain string of a text field in `lang`, falling back to French."""
    if text is None:
        return ""
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("fr") or "")
    return str(text)


def inline(text: Any, lang: str = "fr") -> Markup:
    """Escaped HTML of a text field, with inline emphasis, strong and http(s) links only."""
    raw = pick(text, lang)
    parts: list[str] = []
    position = 0
    for match in LINK.finditer(raw):
        parts.append(emphasis(html.escape(raw[position:match.start()])))
        label = emphasis(html.escape(match.group(1)))
        href = html.escape(match.group(2), quote=True)
        parts.append(f'<a href="{href}" rel="noopener">{label}</a>')
        position = match.end()
    parts.append(emphasis(html.escape(raw[position:])))
    return Markup("".join(parts))


def emphasis(escaped: str) -> str:
    escaped = STRONG.sub(r"<strong>\1</strong>", escaped)
    return EMPHASIS.sub(r"<em>\1</em>", escaped)


def plain(text: Any, lang: str = "fr") -> str:
    """The text without its inline Markdown (for meta descriptions and SVG labels); not escaped."""
    raw = LINK.sub(r"\1", pick(text, lang))
    raw = STRONG.sub(r"\1", raw)
    return " ".join(EMPHASIS.sub(r"\1", raw).split())


def shorten(value: str, limit: int) -> str:
    """Cut `value` to `limit` characters at most, with an ellipsis when cut."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def format_date(value: Any, lang: str = "fr") -> str:
    """`2019-03-21` -> `21 mars 2019` (`21 March 2019` in English); `2016-05-01` -> `1er mai 2016`
    (`1 May 2016`); `2019-03` -> `mars 2019` (`March 2019`); `2019` and anything that is not such
    a date stay as written."""
    text = str(value or "")
    parts = text.split("-")
    months = ENGLISH_MONTHS if lang == "en" else MONTHS
    try:
        if len(parts) == 3:
            day = int(parts[2])
            return f"{'1er' if day == 1 and lang != 'en' else day} {months[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return text


def french_date(value: Any) -> str:
    return format_date(value, "fr")


def english_date(value: Any) -> str:
    return format_date(value, "en")


def iso_date(value: Any) -> str:
    """A date field as written (`2019`, `2019-03`, `2019-03-21`), or ''."""
    text = str(value or "")
    return text if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else ""


def period(since: Any, until: Any, lang: str = "fr") -> str:
    """`depuis mars 2019`, `depuis le 3 juin 2022`, `de 2016 à 2020`, `jusqu’en 2021`,
    `jusqu’au 15 novembre 2024`, or ''; in English `since March 2019`, `from 2016 to 2020`,
    `until 15 November 2024`."""
    if lang == "en":
        if since and until:
            return f"from {english_date(since)} to {english_date(until)}"
        return f"since {english_date(since)}" if since else f"until {english_date(until)}" if until else ""
    if since and until:
        return f"de {french_date(since)} à {french_date(until)}"
    on_a_day = len(str(since or until).split("-")) == 3
    if since:
        return f"depuis {'le ' if on_a_day else ''}{french_date(since)}"
    if until:
        return f"jusqu’{'au' if on_a_day else 'en'} {french_date(until)}"
    return ""


def number(value: Any, lang: str = "fr") -> str:
    """`15000000` -> `15 000 000` (French thin spaces); `2.5` -> `2,5`; in English `15,000,000`
    and `2.5`."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}" if lang == "en" else f"{value:,}".replace(",", "\u202f")
    return str(value) if lang == "en" else str(value).replace(".", ",")
