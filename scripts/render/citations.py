"""Ready-made citations of a page or of a single claim (press style, APA, BibTeX), the "Citer
cette page" box ("Cite this page" on the English pages: every label and date in the page's
language), claim permalinks, and text-fragment links to quoted passages.

Every function returns escaped, inert text: record text is data, never HTML or template."""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from urllib.parse import quote as percent_encode

from ..model.records import Record
from ..model.text import format_date, iso_date, plain, tr


@dataclass(frozen=True)
class Cited:
    """What a citation of one of our pages needs."""
    title: str
    url: str
    updated: str  # ISO date of the page's last change
    consulted: str  # ISO date the reader consulted it (build date until the script updates it)
    site_name: str  # the site's name as configured (MkDocs site_name), the author of the page
    key: str = "page"  # BibTeX key
    lang: str = "fr"  # the language of the page cited (its labels and dates)


# ---- the three styles, as plain text ---------------------------------------------------

def french_press(cited: Cited) -> str:
    """« Titre », Site, mis à jour le 1er mars 2026, https://… (consulté le 28 novembre 2026);
    in English “Title”, Site, updated 1 March 2026, https://… (accessed 28 November 2026)."""
    if cited.lang == "en":
        return (f"“{cited.title}”, {cited.site_name}, updated {format_date(cited.updated, 'en')}, "
                f"{cited.url} (accessed {format_date(cited.consulted, 'en')}).")
    return (f"«\u00a0{cited.title}\u00a0», {cited.site_name}, mis à jour le {format_date(cited.updated)}, "
            f"{cited.url} (consulté le {format_date(cited.consulted)}).")


def apa(cited: Cited) -> str:
    """APA 7 for a web page whose author is the site, as French style guides adapt it:
    Site. (2026, 1er mars). Titre. Consulté le 28 novembre 2026, à l’adresse https://…"""
    year = cited.updated[:4]
    day_month = format_date(cited.updated, cited.lang).removesuffix(year).strip()
    when = f"{year}, {day_month}" if day_month else year
    if cited.lang == "en":
        return (f"{cited.site_name}. ({when}). {cited.title}. "
                f"Retrieved {format_date(cited.consulted, 'en')}, from {cited.url}")
    return (f"{cited.site_name}. ({when}). {cited.title}. "
            f"Consulté le {format_date(cited.consulted)}, à l’adresse {cited.url}")


def bibtex(cited: Cited) -> str:
    """A BibTeX @misc entry (biblatex reads url and urldate too)."""
    fields = {
        "title": cited.title,
        "author": "{" + bibtex_escape(cited.site_name) + "}",
        "year": cited.updated[:4],
        "url": cited.url,
        "urldate": cited.consulted,
        "note": f"{tr(cited.lang, 'Mis à jour le', 'Updated')} {format_date(cited.updated, cited.lang)}",
        "language": tr(cited.lang, "french", "english"),
    }
    if len(cited.updated) >= 7:
        fields["month"] = MONTHS[int(cited.updated[5:7]) - 1]
    return bibtex_entry("misc", cited.key, fields, raw={"author"}, macros={"month"})


# BibTeX's month macros: styles print them as the month's name.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")


def bibtex_escape(text: str) -> str:
    """Text safe in a braced BibTeX value: LaTeX specials escaped, braces balanced."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_SPECIALS[m.group()], " ".join(str(text).split()))


def bibtex_url(url: str) -> str:
    """URLs stay verbatim (biblatex reads them raw) except what would unbalance the braces."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex_entry(entry_type: str, key: str, fields: dict[str, str],
                 raw: frozenset[str] | set[str] = frozenset(),
                 macros: frozenset[str] | set[str] = frozenset()) -> str:
    """`@type{key,\\n  field = {value},\\n}`; values escaped except the `raw` ones; the
    `macros` fields written bare (`month = mar`); empty fields left out."""
    lines = [f"@{entry_type}{{{bibtex_key(key)},"]
    for name, value in fields.items():
        if value in (None, ""):
            continue
        if name in macros:
            lines.append(f"  {name} = {value},")
            continue
        if name in ("url", "urldate") or name in raw:
            text = bibtex_url(str(value)) if name == "url" else str(value)
        else:
            text = bibtex_escape(str(value))
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines)


def bibtex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]", "-", key) or "entry"


# ---- what to cite for a record page or a claim -------------------------------------------

def cited_page(record: Record, page_url: str, updated: str, claim: dict | None = None, *,
               site_name: str, consulted: str | None = None, lang: str = "fr") -> Cited:
    """`page_url` may already carry the claim's #anchor."""
    title = record.title(lang)
    key = f"{record.id or 'page'}"
    url = page_url
    if claim:
        title = f"{title}{tr(lang, ' :', ':')} {plain(claim.get('text'), lang)}"
        url = f"{page_url.partition('#')[0]}#{claim['id']}"
        key = f"{key}-{claim['id']}"
    today = dt.date.today().isoformat()
    return Cited(title, url, updated or consulted or today, consulted or today, site_name, key, lang)


def source_reference(record: Record, lang: str = "fr") -> str:
    """The original source's own reference (for the page of a source record):
    Auteurs, « Titre », Éditeur, 21 mars 2019, https://… (archive : https://…). A source
    that shows no title is named by our description of it, not in quotation marks."""
    data = record.data
    parts = []
    if data.get("authors"):
        parts.append(", ".join(str(a) for a in data["authors"]))
    title = record.title(lang)
    quoted = f"“{title}”" if lang == "en" else f"«\u00a0{title}\u00a0»"
    parts.append(quoted if record.has_own_title else f"[{title}]")
    if data.get("publisher"):
        parts.append(str(data["publisher"]))
    if iso_date(data.get("published")):
        parts.append(format_date(iso_date(data["published"]), lang))
    if data.get("url"):
        parts.append(str(data["url"]))
    text = ", ".join(parts)
    extras = []
    if data.get("archive"):
        extras.append(f"{tr(lang, 'archive :', 'archive:')} {data['archive']}")
    if iso_date(data.get("accessed")):
        extras.append(f"{tr(lang, 'consulté le', 'accessed')} {format_date(iso_date(data['accessed']), lang)}")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


# ---- HTML --------------------------------------------------------------------------------

def cite_box_html(record: Record, page_url: str, updated: str | None, claim: dict | None = None, *,
                  site_name: str, consulted: str | None = None, lang: str = "fr") -> str:
    """A "Citer cette page" (or "Citer cette affirmation") box: a <details> element with the
    citations in <pre class="cite-text"> blocks, usable without JavaScript (not <pre><code>:
    Material's script sets up every code block on load, which blocked the page). The site's script
    (docs/assets/cite.js, loaded by overrides/main.html on the pages that have a box) shows
    the "Copier" buttons and sets the consultation date to the reader's today. `updated`
    None: the record's file has no commit yet; the build date stands in and the box says so."""
    cited = cited_page(record, page_url, updated, claim, site_name=site_name, consulted=consulted, lang=lang)
    updated_note = "" if updated else tr(lang, " (date de génération : ce fichier n’a pas encore d’historique)",
                                         " (the date the site was built: this file has no history yet)")
    updated = cited.updated
    esc = html.escape
    label = tr(lang, "Citer cette affirmation", "Cite this claim") if claim else tr(lang, "Citer cette page",
                                                                                       "Cite this page")
    original = tr(lang, "Source originale", "Original source")
    blocks = [(tr(lang, "Presse", "Press"), french_press(cited)), ("APA", apa(cited)), ("BibTeX", bibtex(cited))]
    if not claim and record.collection == "sources":
        blocks.append((original, source_reference(record, lang)))
    out = [
        f'<details class="cite-box" data-pagefind-ignore="all" data-cite-consulted="{esc(cited.consulted)}">',
        f"<summary>{esc(label)}</summary>",
        f'<p class="cite-dates">{tr(lang, "Mis à jour le", "Updated")} <time datetime="{esc(updated)}">'
        f"{esc(format_date(updated, lang))}</time>{esc(updated_note)}{tr(lang, ' ; consulté le', '; accessed')} "
        f'<time class="cite-today" datetime="{esc(cited.consulted)}">{esc(format_date(cited.consulted, lang))}'
        "</time>.</p>",
    ]
    for name, text in blocks:
        code = esc(text) if name == original else consulted_spans(esc(text), cited.consulted, lang)
        out.append(f'<div class="cite-style"><p class="cite-style-name">{esc(name)} '
                   f'<button type="button" class="cite-copy" hidden>{tr(lang, "Copier", "Copy")}</button></p>'
                   f'<pre class="cite-text">{code}</pre></div>')
    out.append("</details>")
    return "\n".join(out) + "\n"


def consulted_spans(escaped: str, consulted: str, lang: str = "fr") -> str:
    """Wrap the consultation date (the page's language's form and the ISO form) so the script can
    set it to the reader's date; without the script, the build date stays."""
    words = ("accessed", "Retrieved") if lang == "en" else ("consulté le", "Consulté le")
    for form, text in ((lang, format_date(consulted, lang)), ("iso", consulted)):
        for word in words:
            escaped = escaped.replace(f"{word} {text}",
                                      f'{word} <span class="cite-consulted" data-form="{form}">{text}</span>')
        escaped = escaped.replace(f"urldate = {{{text}}}",
                                  f'urldate = {{<span class="cite-consulted" data-form="{form}">{text}</span>}}')
    return escaped


def claim_link_html(page_url: str, claim_id: str, lang: str = "fr") -> str:
    """A permalink to a claim (works without JavaScript) and a "copier le lien" button that
    docs/assets/cite.js reveals. `page_url` is the page's absolute URL when the site's URL
    is known (SITE_URL), else root-relative."""
    esc = html.escape
    return (f'<span class="lp-claim__link claim-link"><a class="lp-claim__anchor" href="#{esc(claim_id)}" '
            f'title="{tr(lang, "Lien permanent vers cette affirmation", "Permanent link to this claim")}">'
            f'{tr(lang, "lien", "link")}</a> <button type="button" class="cite-copy" '
            f'data-copy="{esc(page_url.partition("#")[0])}#{esc(claim_id)}" hidden>'
            f'{tr(lang, "copier le lien", "copy the link")}</button></span>')


# ---- text fragments ----------------------------------------------------------------------

ELISION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…)\s*")
EDGE_WORDS = 5  # words of a long quote kept at each end (start,end form)


def text_fragment_url(url: str, quote: str, edge_words: int = EDGE_WORDS) -> str:
    """`url#:~:text=start,end` pointing at the quoted passage (spec: WICG scroll-to-text-
    fragment). A short quote is matched whole; a long one, or one with an elision […],
    by its first and last words. `-`, `&` and `,` are percent-encoded as the syntax needs."""
    pieces = [p for p in ELISION.split(quote) if p.strip()]
    words_first = pieces[0].split() if pieces else []
    words_last = pieces[-1].split() if pieces else []
    if not words_first:
        return url
    if len(pieces) == 1 and len(words_first) <= 2 * edge_words:
        directive = fragment_encode(" ".join(words_first))
    else:
        start = words_first[:edge_words]
        end = words_last[-edge_words:]
        directive = f"{fragment_encode(' '.join(start))},{fragment_encode(' '.join(end))}"
    base, _, fragment = url.partition("#")
    fragment = fragment.split(":~:")[0]
    return f"{base}#{fragment}:~:text={directive}"


def fragment_encode(text: str) -> str:
    """Percent-encode for a text directive: everything but unreserved letters/digits,
    and `-` too (it marks prefix/suffix)."""
    return percent_encode(text, safe="").replace("-", "%2D")
