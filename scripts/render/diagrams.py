"""Build-time SVG of a record's neighbourhood: owners and flow origins on the left, the record
in the middle, subsidiaries, data files and flow destinations on the right.

No script, no Mermaid: plain SVG in the page, coloured through CSS variables (light and dark
palettes), every neighbour a link to its page, at most MAX_PER_SIDE boxes per side."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..index import Index
from ..model.collections import COLLECTIONS
from ..model.records import Record
from ..model.text import number, shorten, tr
from ..model.vocabulary import MECHANISMS

MAX_PER_SIDE = 6
WIDTH = 800
BOX_WIDTH = 210
BOX_HEIGHT = 40
GAP = 12
MARGIN = 10
NAME_CHARS = 27


@dataclass(frozen=True)
class Neighbour:
    record: Record | None  # None for the "+N autres" box
    relation: str  # second line of the box: "propriétaire, 100 %", "location →"...
    name: str = ""


def neighbourhood_svg(record: Record, index: Index, href: Callable[..., str], lang: str = "fr") -> str:
    """Inline SVG (safe HTML) of the record's neighbours, or "" when it has none; its words in `lang`."""
    left, right = sides(record, index, lang)
    if not left and not right:
        return ""
    left, right = capped(left, lang), capped(right, lang)
    rows = max(len(left), len(right), 1)
    height = 2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * GAP
    centre_y = (height - BOX_HEIGHT) / 2
    centre_x = (WIDTH - BOX_WIDTH) / 2
    name = record.title(lang)
    description = describe(name, left, right, lang)
    parts = [
        f'<svg class="lp-diagram" role="group" aria-labelledby="diagram--title diagram--desc" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="diagram--title">{tr(lang, "Voisinage de", "Neighbourhood of")} {escape(name)}</title>',
        f'<desc id="diagram--desc">{escape(description)}</desc>',
    ]
    for column_x, neighbours, edge_from_box in ((MARGIN, left, True), (WIDTH - MARGIN - BOX_WIDTH, right, False)):
        top = (height - (len(neighbours) * BOX_HEIGHT + (len(neighbours) - 1) * GAP)) / 2
        for position, neighbour in enumerate(neighbours):
            y = top + position * (BOX_HEIGHT + GAP)
            parts.append(edge(column_x, y, centre_x, centre_y, edge_from_box))
            parts.append(box(neighbour, column_x, y, href))
    parts.append(box(Neighbour(record, kind_label(record, lang), name), centre_x, centre_y, None, own=True))
    parts.append("</svg>")
    return (f'<figure class="lp-figure lp-figure--w{WIDTH}" data-pagefind-ignore><div class="lp-figure__wide">' + "".join(parts) + "</div>"
            f'<div class="lp-figure__narrow">{cards(record, name, left, right, href, lang)}</div>'
            f'<figcaption>{tr(lang, "Voisinage de la fiche (cliquez sur une case pour ouvrir la fiche liée).", "The page’s neighbourhood (click a box to open the page it links to).")}'
            '</figcaption></figure>')


def cards(record: Record, name: str, left: list[Neighbour], right: list[Neighbour], href: Callable[..., str],
          lang: str = "fr") -> str:
    """The same neighbours for a phone: a column of cards, upstream, the record, downstream
    (site.css shows it where the SVG would not fit at its own size)."""
    def card(neighbour: Neighbour) -> str:
        label = escape(neighbour.name)
        if neighbour.record is not None:
            label = f'<a class="lp-card__name" href="{escape(href(neighbour.record), quote=True)}">{label}</a>'
        else:
            label = f'<span class="lp-card__name">{label}</span>'
        return f'<li class="lp-card">{label} <span class="lp-card__note">{escape(neighbour.relation)}</span></li>'

    def stage(title: str, items: str) -> str:
        return (f'<li class="lp-cards__stage"><p class="lp-cards__title">{title}</p>'
                f'<ul class="lp-cards__list">{items}</ul></li>')
    own = (f'<li class="lp-card lp-card--self"><span class="lp-card__name">{escape(name)}</span> '
           f'<span class="lp-card__note">{escape(kind_label(record, lang))}</span></li>')
    stages = [stage(tr(lang, "En amont", "Upstream"), "".join(map(card, left))) if left else "",
              stage(tr(lang, "Cette fiche", "This page"), own),
              stage(tr(lang, "En aval", "Downstream"), "".join(map(card, right))) if right else ""]
    label = escape(f"{tr(lang, 'Voisinage de', 'Neighbourhood of')} {name}", quote=True)
    return f'<ol class="lp-cards" aria-label="{label}">{"".join(stages)}</ol>'


def sides(record: Record, index: Index, lang: str = "fr") -> tuple[list[Neighbour], list[Neighbour]]:
    left: list[Neighbour] = []
    right: list[Neighbour] = []

    def neighbour(other: Record, relation: str) -> Neighbour:
        return Neighbour(other, relation, other.title(lang))
    for owner, link in index.owners(record):
        left.append(neighbour(owner, tr(lang, "propriétaire", "owner") + share(link, lang)))
    holder = index.get(record.data.get("holder")) if record.collection == "datasets" else None
    if holder is not None:
        left.append(neighbour(holder, tr(lang, "détenteur", "holder")))
    for flow in index.flows_in.get(record.id, []):
        origin = index.get(flow.data.get("from"))
        if origin is not None:
            left.append(neighbour(origin, f"{mechanism_word(flow, lang)} →"))
    for child, link in index.children.get(record.id, []):
        right.append(neighbour(child, tr(lang, "filiale", "subsidiary") + share(link, lang)))
    for dataset in index.datasets_of.get(record.id, []):
        right.append(neighbour(dataset, tr(lang, "fichier détenu", "file held")))
    for flow in index.flows_out.get(record.id, []):
        target = index.get(flow.data.get("to"))
        if target is not None:
            right.append(neighbour(target, f"→ {mechanism_word(flow, lang)}"))
    return left, right


def capped(neighbours: list[Neighbour], lang: str = "fr") -> list[Neighbour]:
    if len(neighbours) <= MAX_PER_SIDE:
        return neighbours
    shown = neighbours[: MAX_PER_SIDE - 1]
    hidden = len(neighbours) - len(shown)
    return shown + [Neighbour(None, tr(lang, "voir les listes ci-dessous", "see the lists below"),
                              f"+{hidden} {tr(lang, 'autres', 'more')}")]


def share(link: dict, lang: str = "fr") -> str:
    value = link.get("share")
    if isinstance(value, (int, float)):
        return f", {number(float(value), lang)}{tr(lang, ' %', '%')}"
    return ""


def mechanism_word(flow: Record, lang: str = "fr") -> str:
    """`location`: a flow's mechanism as the lowercase word a box's second line shows."""
    term = MECHANISMS.get(flow.data.get("mechanism"))
    return term.label(lang).lower() if term else tr(lang, "flux", "flow")


def kind_label(record: Record, lang: str = "fr") -> str:
    found = COLLECTIONS.get(record.collection)
    return found.one.label(lang).lower() if found else ""


def describe(name: str, left: list[Neighbour], right: list[Neighbour], lang: str = "fr") -> str:
    def listed(neighbours: list[Neighbour]) -> str:
        return "; ".join(f"{n.name} ({n.relation})" for n in neighbours)
    parts = [f"{name}."]
    if left:
        parts.append(f"{tr(lang, 'En amont :', 'Upstream:')} {listed(left)}.")
    if right:
        parts.append(f"{tr(lang, 'En aval :', 'Downstream:')} {listed(right)}.")
    return " ".join(parts)


def edge(box_x: float, box_y: float, centre_x: float, centre_y: float, from_left: bool) -> str:
    """Line from a left box's right side to the centre, or from the centre to a right box."""
    box_middle = box_y + BOX_HEIGHT / 2
    centre_middle = centre_y + BOX_HEIGHT / 2
    if from_left:
        x1, y1, x2, y2 = box_x + BOX_WIDTH, box_middle, centre_x, centre_middle
    else:
        x1, y1, x2, y2 = centre_x + BOX_WIDTH, centre_middle, box_x, box_middle
    return (f'<line class="lp-diagram__edge" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
            f'stroke="currentColor" stroke-opacity="0.5"/>')


def box(neighbour: Neighbour, x: float, y: float, href: Callable[..., str] | None, own: bool = False) -> str:
    name = neighbour.name
    css = "lp-diagram__node" + (" lp-diagram__node--self" if own else "")
    inner = (f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" '
             f'fill="none" stroke="currentColor"/>'
             f'<text x="{x + 10:.0f}" y="{y + 17:.0f}" class="lp-diagram__name" fill="currentColor">'
             f'{escape(shorten(name, NAME_CHARS))}</text>'
             f'<text x="{x + 10:.0f}" y="{y + 32:.0f}" class="lp-diagram__relation" fill="currentColor">'
             f'{escape(shorten(neighbour.relation, NAME_CHARS + 6))}</text>')
    if href is None or neighbour.record is None:
        return f'<g class="{css}">{inner}</g>'
    label = f"{name} ({neighbour.relation})"
    return (f'<a href="{escape(href(neighbour.record), quote=True)}" class="{css}">'
            f'<title>{escape(label)}</title>{inner}</a>')
