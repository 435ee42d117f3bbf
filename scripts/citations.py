"""Ready-made citations of a page or of a single claim (French press style, APA, BibTeX),
the "Citer cette page" box, claim permalinks, and text-fragment links to quoted passages.

Every function returns escaped, inert text: record text is data, never HTML or template."""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as percent_encode

from .metadata import (DEFAULT_SITE_NAME, iso_date, record_collection, record_data, record_id,
                       record_title)
from .text import plain

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")


def date_fr(iso: str) -> str:
    """`2026-03-01` → `1er mars 2026`; `2026-03` → `mars 2026`; `2026` → `2026`."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS_FR[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


@dataclass(frozen=True)
class Cited:
    """What a citation of one of our pages needs."""
    title: str
    url: str
    updated: str  # ISO date of the page's last change
    consulted: str  # ISO date the reader consulted it (build date until the script updates it)
    site_name: str = DEFAULT_SITE_NAME
    key: str = "page"  # BibTeX key


# ---- the three styles, as plain text ---------------------------------------------------

def french_press(cited: Cited) -> str:
    """« Titre », Site, mis à jour le 1er mars 2026, https://… (consulté le 28 novembre 2026)."""
    return (f"«\u00a0{cited.title}\u00a0», {cited.site_name}, mis à jour le {date_fr(cited.updated)}, "
            f"{cited.url} (consulté le {date_fr(cited.consulted)}).")


def apa(cited: Cited) -> str:
    """APA 7 for a web page whose author is the site, as French style guides adapt it:
    Site. (2026, 1er mars). Titre. Consulté le 28 novembre 2026, à l’adresse https://…"""
    year = cited.updated[:4]
    day_month = date_fr(cited.updated).removesuffix(year).strip()
    when = f"{year}, {day_month}" if day_month else year
    return (f"{cited.site_name}. ({when}). {cited.title}. "
            f"Consulté le {date_fr(cited.consulted)}, à l’adresse {cited.url}")


def bibtex(cited: Cited) -> str:
    """A BibTeX @misc entry (biblatex reads url and urldate too)."""
    fields = {
        "title": cited.title,
        "author": "{" + bibtex_escape(cited.site_name) + "}",
        "year": cited.updated[:4],
        "url": cited.url,
        "urldate": cited.consulted,
        "note": f"Mis à jour le {date_fr(cited.updated)}",
        "language": "french",
    }
    if len(cited.updated) >= 7:
        fields["month"] = str(int(cited.updated[5:7]))
    return bibtex_entry("misc", cited.key, fields, raw={"author"})


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
                 raw: frozenset[str] | set[str] = frozenset()) -> str:
    """`@type{key,\\n  field = {value},\\n}`; values escaped except the `raw` ones; empty
    fields left out."""
    lines = [f"@{entry_type}{{{bibtex_key(key)},"]
    for name, value in fields.items():
        if value in (None, ""):
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

def cited_page(record: Any, page_url: str, updated: str, claim: dict | None = None,
               site_name: str = DEFAULT_SITE_NAME, consulted: str | None = None) -> Cited:
    """`page_url` may already carry the claim's #anchor."""
    title = record_title(record)
    key = f"{record_id(record) or 'page'}"
    url = page_url
    if claim:
        title = f"{title} : {plain(claim.get('text'))}"
        url = f"{page_url.partition('#')[0]}#{claim['id']}"
        key = f"{key}-{claim['id']}"
    today = dt.date.today().isoformat()
    return Cited(title, url, updated or today, consulted or today, site_name, key)


def source_reference(record: Any) -> str:
    """The original source's own reference (for the page of a source record):
    Auteurs, « Titre », Éditeur, 21 mars 2019, https://… (archive : https://…)."""
    data = record_data(record)
    parts = []
    if data.get("authors"):
        parts.append(", ".join(str(a) for a in data["authors"]))
    parts.append(f"«\u00a0{data.get('title', '')}\u00a0»")
    if data.get("publisher"):
        parts.append(str(data["publisher"]))
    if iso_date(data.get("published")):
        parts.append(date_fr(iso_date(data["published"])))
    if data.get("url"):
        parts.append(str(data["url"]))
    text = ", ".join(parts)
    extras = []
    if data.get("archive"):
        extras.append(f"archive : {data['archive']}")
    if iso_date(data.get("accessed")):
        extras.append(f"consulté le {date_fr(iso_date(data['accessed']))}")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


# ---- HTML --------------------------------------------------------------------------------

def cite_box_html(record: Any, page_url: str, updated: str | None, claim: dict | None = None,
                  site_name: str = DEFAULT_SITE_NAME, consulted: str | None = None) -> str:
    """A "Citer cette page" (or "Citer cette affirmation") box: a <details> element with the
    citations in <pre><code> blocks, usable without JavaScript. The page-level box (no
    claim) also carries the small script that shows the "Copier" buttons and sets the
    consultation date to the reader's today. `updated` None: the record's file has no
    commit yet; the build date stands in and the box says so."""
    cited = cited_page(record, page_url, updated, claim, site_name, consulted)
    updated_note = "" if updated else " (date de génération : ce fichier n’a pas encore d’historique)"
    updated = cited.updated
    esc = html.escape
    label = "Citer cette affirmation" if claim else "Citer cette page"
    blocks = [("Presse", french_press(cited)), ("APA", apa(cited)), ("BibTeX", bibtex(cited))]
    if not claim and record_collection(record) == "sources":
        blocks.append(("Source originale", source_reference(record)))
    out = [
        f'<details class="cite-box" data-cite-consulted="{esc(cited.consulted)}">',
        f"<summary>{esc(label)}</summary>",
        f'<p class="cite-dates">Mis à jour le <time datetime="{esc(updated)}">'
        f"{esc(date_fr(updated))}</time>{esc(updated_note)} ; consulté le "
        f'<time class="cite-today" datetime="{esc(cited.consulted)}">{esc(date_fr(cited.consulted))}'
        "</time>.</p>",
    ]
    for name, text in blocks:
        code = esc(text) if name == "Source originale" else consulted_spans(esc(text), cited.consulted)
        out.append(f'<div class="cite-style"><p class="cite-style-name">{esc(name)} '
                   '<button type="button" class="cite-copy" hidden>Copier</button></p>'
                   f"<pre><code>{code}</code></pre></div>")
    out.append("</details>")
    if not claim:
        out.append(script_html())
    return "\n".join(out) + "\n"


def consulted_spans(escaped: str, consulted: str) -> str:
    """Wrap the consultation date (French and ISO forms) so the script can set it to the
    reader's date; without the script, the build date stays."""
    for form, text in (("fr", date_fr(consulted)), ("iso", consulted)):
        escaped = escaped.replace(f"consulté le {text}",
                                  f'consulté le <span class="cite-consulted" data-form="{form}">{text}</span>')
        escaped = escaped.replace(f"Consulté le {text}",
                                  f'Consulté le <span class="cite-consulted" data-form="{form}">{text}</span>')
        escaped = escaped.replace(f"urldate = {{{text}}}",
                                  f'urldate = {{<span class="cite-consulted" data-form="{form}">{text}</span>}}')
    return escaped


def claim_link_html(page_url: str, claim_id: str) -> str:
    """A permalink to a claim (works without JavaScript) and a "copier le lien" button the
    script reveals."""
    esc = html.escape
    return (f'<span class="claim-link"><a href="#{esc(claim_id)}" title="Lien permanent vers '
            f'cette affirmation">lien</a> <button type="button" class="cite-copy" '
            f'data-copy="{esc(page_url)}#{esc(claim_id)}" hidden>copier le lien</button></span>')


# Small and self-contained (no request): reveals the copy buttons, copies the code block
# next to a button (or its data-copy text), and sets consultation dates to the reader's today.
COPY_SCRIPT = r"""(function () {
  if (window.citeKit) { window.citeKit(); return; }
  var months = ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"];
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function refresh() {
    var d = new Date(), iso = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
    var fr = (d.getDate() === 1 ? "1er" : d.getDate()) + " " + months[d.getMonth()] + " " + d.getFullYear();
    document.querySelectorAll(".cite-consulted, .cite-today").forEach(function (el) {
      el.textContent = el.dataset.form === "iso" ? iso : fr;
      if (el.tagName === "TIME") el.setAttribute("datetime", iso);
    });
    document.querySelectorAll("button.cite-copy").forEach(function (b) { b.hidden = false; });
  }
  function copy(text, button) {
    var done = function () { var t = button.textContent; button.textContent = "Copié"; setTimeout(function () { button.textContent = t; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); return; }
    var area = document.createElement("textarea"); area.value = text; document.body.appendChild(area);
    area.select(); try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    var block = button.closest(".cite-style");
    var code = block && block.querySelector("code");
    copy(button.dataset.copy || (code ? code.textContent : ""), button);
  });
  window.citeKit = refresh;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh); else refresh();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(refresh);
})();"""


def script_html() -> str:
    return f"<script>{COPY_SCRIPT}</script>"


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
