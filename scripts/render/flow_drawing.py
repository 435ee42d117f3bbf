"""Draws a graph of flows laid out by flow_layout.py, twice in one <figure>: an SVG for wide
screens (plain SVG in the page, no script, coloured by site.css for both palettes) and a list
of cards for phones (the same boxes and arrows, stage by stage, in the same order). site.css
shows one or the other by the width of the figure: the SVG only where it fits at 1 SVG px per
CSS px, so that its text is never drawn smaller than its 12-13 px.

Every box and every arrow is a link (a record's page, or the list a "+N" stands for); an arrow
is named by its flow's mechanism (scripts/model/vocabulary.py) and drawn in its status's
line style, which the legend above the SVG spells out; the cards say the status in words."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from itertools import pairwise

from ..model.text import tr
from ..model.vocabulary import MECHANISMS, STATUS
from . import flow_layout as fl
from .flow_layout import DESTINATION, FILES, ORIGIN, Block, Edge, Graph, Layout, Node

TITLES = {ORIGIN: ("D’où viennent les données", "Where the data come from"), DESTINATION: ("Où elles vont", "Where they go")}
MARK_X = fl.PAD + 5  # centre of a row's status mark, from the box's left side


def figure(graph: Graph, href: Callable, to: Callable, *, ident: str, title: str, description: str,
           caption: str, width: int = fl.WIDTHS[-1], lang: str = "fr") -> str:
    """The figure, its SVG at most `width` px wide (one of flow_layout.WIDTHS), its words in `lang`."""
    layout = fl.lay_out(graph, width)
    route(graph, layout)
    order = [node for block in layout.blocks for node in block.nodes]
    drawing = Drawing(graph, layout, href, to, lang)
    return (f'<figure class="lp-figure lp-figure--w{width}" data-pagefind-ignore>'
            f'<div class="lp-figure__wide">{drawing.legend()}{drawing.svg(order, ident, title, description)}</div>'
            f'<div class="lp-figure__narrow">{drawing.cards(order, title)}</div>'
            f'<figcaption>{escape(caption)}</figcaption></figure>')


def status_of(edge: Edge) -> str:
    first = edge.flows[0].data.get("status")
    return first if all(flow.data.get("status") == first for flow in edge.flows) else "mixed"


def row_label(edge: Edge, lang: str = "fr") -> str:
    """A row's words: the flow's mechanism (with ↩ when no arrow is drawn for it), or how many
    flows it stands for."""
    if len(edge.flows) > 1:
        return f"{'' if edge.drawn else '+'}{len(edge.flows)} {tr(lang, 'flux', 'flows')}"
    term = MECHANISMS.get(edge.flows[0].data.get("mechanism"))
    return (term.label(lang) if term else tr(lang, "Flux", "Flow")) + ("" if edge.drawn else " ↩")


def status_label(status: str, lang: str = "fr") -> str:
    term = STATUS.get(status)
    return term.label(lang).lower() if term else tr(lang, "statuts divers", "mixed statuses")


def band_title(band: int, nodes: list[Node], lang: str = "fr") -> str:
    if band != FILES:
        return tr(lang, *TITLES[band])
    kinds = {node.record.collection for node in nodes if node.record is not None}
    if kinds == {"entities"}:
        return tr(lang, "Par où elles passent", "Where they pass through")
    if kinds <= {"datasets"}:
        return tr(lang, "Les fichiers, par détenteur", "The files, by holder")
    return tr(lang, "Fichiers et relais", "Files and relays")


class Drawing:
    def __init__(self, graph: Graph, layout: Layout, href: Callable, to: Callable, lang: str = "fr"):
        self.graph, self.layout, self._href, self._to, self.lang = graph, layout, href, to, lang

    def href(self, node: Node) -> str:
        return escape(self._href(node.record) if node.record is not None else self._to(node.href_path), quote=True)

    def edge_href(self, edge: Edge) -> str:
        if len(edge.flows) == 1:
            return escape(self._href(edge.flows[0]), quote=True)
        return escape(self._to(edge.href_path), quote=True)

    def edge_name(self, edge: Edge) -> str:
        """What a screen reader says of an arrow, and its tooltip."""
        ends, lang = f"{edge.source.name} → {edge.target.name}", self.lang
        if not edge.drawn and len(edge.flows) > 1:
            return tr(lang, f"{len(edge.flows)} autres flux depuis {edge.source.name} : voir la liste",
                      f"{len(edge.flows)} more flows from {edge.source.name}: see the list")
        if len(edge.flows) > 1:
            return tr(lang, f"{len(edge.flows)} flux : {ends} (voir la liste)", f"{len(edge.flows)} flows: {ends} (see the list)")
        flow = edge.flows[0]
        return f"{row_label(edge, lang)} ({status_label(status_of(edge), lang)}){tr(lang, ' :', ':')} {ends}. {flow.title(lang)}"

    # --- wide screens ---------------------------------------------------------------------------

    def svg(self, order: list[Node], ident: str, title: str, description: str) -> str:
        width, height = round(self.layout.width), round(self.layout.height)
        flows = [e for e in self.graph.edges if e.drawn and len(e.flows) == 1]
        separator = tr(self.lang, " ; ", "; ")
        listed = separator.join(f"{e.source.name} → {e.target.name} ({row_label(e, self.lang).lower()}, "
                                f"{status_label(status_of(e), self.lang)})"
                                for e in flows[:15]) + (f"{separator}…" if len(flows) > 15 else "")
        parts = [f'<svg class="lp-map" role="group" aria-labelledby="{ident}--title {ident}--desc" '
                 f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
                 f'<title id="{ident}--title">{escape(title)}</title>',
                 f'<desc id="{ident}--desc">{escape(description)} {escape(listed)}</desc>']
        for band, left, right in self.layout.columns:
            title = band_title(band, [n for n in order if n.band == band], self.lang)
            half = len(title) * 13 * fl.NAME_EM / 2  # kept inside the drawing when wider than its column
            centre = min(max((left + right) / 2, half + 2), self.layout.width - half - 2)
            parts.append(f'<text class="lp-map__column" x="{centre:.0f}" y="16" text-anchor="middle">{escape(title)}</text>')
        parts += [self.frame(block) for block in self.layout.blocks if block.cluster is not None]
        for node in order:
            parts.append(self.box(node))
            parts += [self.arrow(edge) for edge in node.ports]
        parts.append("</svg>")
        return "".join(parts)

    def frame(self, block: Block) -> str:
        """The frame around a holder's files, its name a link to the holder."""
        x = block.nodes[0].x - 5
        width = self.layout.box_width + 10
        holder, branch = block.cluster, block.nodes[0].branch
        name = holder.title(self.lang) + (f" ({branch.title(self.lang)})" if branch is not None else "")
        shown = name if len(name) <= int((width - 12) / (12 * fl.TEXT_EM)) else \
            name[: int((width - 12) / (12 * fl.TEXT_EM)) - 1].rstrip() + "…"
        return (f'<g class="lp-map__cluster"><rect class="lp-map__frame" x="{x:.1f}" y="{block.y:.1f}" '
                f'width="{width:.1f}" height="{block.height:.1f}" rx="8"/>'
                f'<a class="lp-map__holder" href="{escape(self._href(holder), quote=True)}">'
                f'<title>{escape(tr(self.lang, "Fichiers détenus par", "Files held by"))} {escape(holder.title(self.lang))}'
                f'{escape(tr(self.lang, ", branche ", ", branch ") + branch.title(self.lang)) if branch is not None else ""}</title>'
                f'<text x="{x + 8:.1f}" y="{block.y + 15:.1f}">{escape(shown)}</text></a></g>')

    def box(self, node: Node) -> str:
        x, y = node.x, node.y
        lines = "".join(f'<tspan x="{x + fl.PAD:.1f}" y="{y + fl.PAD + 12 + fl.NAME_LINE * i:.1f}">{escape(line)}</tspan>'
                        for i, line in enumerate(node.lines))
        note_y = y + fl.PAD + fl.NAME_LINE * len(node.lines) + 11
        note_chars = int((node.width - 2 * fl.PAD) / (12 * fl.TEXT_EM))
        note = node.note if len(node.note) <= note_chars else node.note[: note_chars - 1].rstrip() + "…"
        tooltip = f"{node.name} ({node.note})"
        separator = (f'<path class="lp-map__separator" d="M{x:.1f} {fl.rows_top(node) - 2:.1f}h{node.width:.1f}"/>'
                     if node.ports else "")
        css = "lp-map__node" + ("" if node.record is not None else " lp-map__node--more")
        return (f'<a class="{css}" href="{self.href(node)}"><title>{escape(tooltip)}</title>'
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{node.width:.1f}" height="{node.height:.1f}" rx="5"/>'
                f'<text class="lp-map__name">{lines}</text>'
                f'<text class="lp-map__note" x="{x + fl.PAD:.1f}" y="{note_y:.1f}">{escape(note)}</text>'
                f'{separator}</a>')

    def arrow(self, edge: Edge) -> str:
        status = status_of(edge)
        css = f"lp-map__flow lp-map__flow--{status}" + (" lp-map__flow--focus" if edge.focus else "")
        current = ' aria-current="page"' if edge.focus else ""
        node = edge.source
        row_top = edge.port_y - fl.ROW / 2
        line = (f'<path class="lp-map__line" d="{edge.path}"/><path class="lp-map__head" d="{edge.head}"/>'
                if edge.drawn else "")
        return (f'<a class="{css}" href="{self.edge_href(edge)}"{current}><title>{escape(self.edge_name(edge))}</title>'
                f'{line}<rect class="lp-map__row" x="{node.x + 1:.1f}" y="{row_top:.1f}" width="{node.width - 2:.1f}" '
                f'height="{fl.ROW:.1f}"/>{mark(status, node.x + MARK_X, edge.port_y)}'
                f'<text class="lp-map__mechanism" x="{node.x + node.width - fl.PAD:.1f}" y="{edge.port_y + 4:.1f}" '
                f'text-anchor="end">{escape(row_label(edge, self.lang))}{" →" if edge.drawn else ""}</text></a>')

    def legend(self) -> str:
        present = {status_of(e) for e in self.graph.edges if e.drawn}
        items = [(status, STATUS[status].label(self.lang)) for status in STATUS if status in present]
        if "mixed" in present:
            items.append(("mixed", tr(self.lang, "Plusieurs flux, statuts divers", "Several flows, mixed statuses")))
        swatches = "".join(
            f'<span class="lp-legend__item"><svg class="lp-legend__swatch lp-map__flow--{status}" width="40" height="12" '
            f'viewBox="0 0 40 12" aria-hidden="true" focusable="false">{mark(status, 6, 6)}'
            f'<path class="lp-map__line" d="M14 6H40"/></svg>{escape(label)}</span>' for status, label in items)
        return f'<p class="lp-legend">{tr(self.lang, "Statut du flux :", "Status of the flow:")} {swatches}</p>'

    # --- phones --------------------------------------------------------------------------------

    def cards(self, order: list[Node], title: str) -> str:
        stages = []
        for band in (ORIGIN, FILES, DESTINATION):
            nodes = [n for n in order if n.band == band]
            if not nodes:
                continue
            items = []
            for block in (b for b in self.layout.blocks if b.nodes[0].band == band):
                cards = "".join(self.card(node) for node in block.nodes)
                if block.cluster is None:
                    items.append(cards)
                else:
                    holder, branch = block.cluster, block.nodes[0].branch
                    of_branch = (f' ({tr(self.lang, "branche", "branch")} <a href="{escape(self._href(branch), quote=True)}">'
                                 f'{escape(branch.title(self.lang))}</a>)') if branch is not None else ""
                    items.append(f'<li class="lp-cards__holder"><p class="lp-cards__held">{tr(self.lang, "Détenus par", "Held by")} '
                                 f'<a href="{escape(self._href(holder), quote=True)}">{escape(holder.title(self.lang))}</a>'
                                 f'{of_branch}</p><ul class="lp-cards__list">{cards}</ul></li>')
            chips = " lp-cards__list--chips" if band == DESTINATION else ""  # they send nothing: names only
            stages.append(f'<li class="lp-cards__stage"><p class="lp-cards__title">{escape(band_title(band, nodes, self.lang))}</p>'
                          f'<ul class="lp-cards__list{chips}">{"".join(items)}</ul></li>')
        return f'<ol class="lp-cards" aria-label="{escape(title, quote=True)}">{"".join(stages)}</ol>'

    def card(self, node: Node) -> str:
        flows = "".join(self.card_flow(edge) for edge in node.ports)
        listed = f'<ul class="lp-card__flows">{flows}</ul>' if flows else ""
        return (f'<li class="lp-card"><a class="lp-card__name" href="{self.href(node)}">{escape(node.name)}</a> '
                f'<span class="lp-card__note">{escape(node.note)}</span>{listed}</li>')

    def card_flow(self, edge: Edge) -> str:
        css = "lp-card__flow" + (" lp-card__flow--focus" if edge.focus else "")
        current = ' aria-current="page"' if edge.focus else ""
        link = f'<a href="{self.edge_href(edge)}"{current}>{escape(row_label(edge, self.lang).removesuffix(" ↩"))}</a>'
        if edge.target is edge.source:  # a row that stands for flows listed elsewhere
            return f'<li class="{css}">{link}</li>'
        status = status_of(edge)
        badge = (f' <span class="lp-status lp-status--{status}" title="{escape(STATUS[status].help(self.lang), quote=True)}">'
                 f'{escape(STATUS[status].label(self.lang))}</span>') if status in STATUS else ""
        here = tr(self.lang, " (ce flux)", " (this flow)") if edge.focus else ""
        return (f'<li class="{css}"><span class="lp-card__arrow" aria-hidden="true">↳</span> {link}{badge} '
                f'{tr(self.lang, "vers", "to")} <a href="{self.href(edge.target)}">{escape(edge.target.name)}</a>{here}</li>')


def mark(status: str, cx: float, cy: float) -> str:
    """The status's mark at the start of a row: filled (documented), half (reported), hollow
    (alleged), a diamond (disputed), struck through (retracted), a square (several)."""
    circle = f'<circle class="lp-map__mark-ring" cx="{cx:.1f}" cy="{cy:.1f}" r="4"/>'
    if status == "documented":
        return f'<circle class="lp-map__mark" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5"/>'
    if status == "reported":
        return circle + f'<path class="lp-map__mark" d="M{cx:.1f} {cy - 4:.1f}A4 4 0 0 0 {cx:.1f} {cy + 4:.1f}Z"/>'
    if status == "disputed":
        return f'<path class="lp-map__mark" d="M{cx:.1f} {cy - 5:.1f}l5 5l-5 5l-5 -5Z"/>'
    if status == "retracted":
        return circle + f'<path class="lp-map__mark-ring" d="M{cx - 4:.1f} {cy + 4:.1f}l8 -8"/>'
    if status == "mixed":
        return f'<rect class="lp-map__mark-ring" x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8"/>'
    return circle


def route(graph: Graph, layout: Layout) -> None:
    """Path data of every arrow: curves from column to column, straight across a column it
    jumps over (between its boxes), and round under the diagram when it goes back."""
    lanes, box_width = 0, layout.box_width
    for edge in graph.edges:
        if not edge.drawn:
            continue
        start_x = edge.source.x + edge.source.width
        end_x = edge.target.x - fl.ARROW
        if edge.target.layer > edge.source.layer:
            points = [(start_x, edge.port_y)]
            for slot in edge.slots:
                x = fl.MARGIN + slot.layer * (box_width + layout.gap)
                points += [(x, fl.middle(slot)), (x + box_width, fl.middle(slot))]
            points.append((end_x, edge.entry_y))
            parts = [f"M{points[0][0]:.1f} {points[0][1]:.1f}"]
            for index, ((x1, y1), (x2, y2)) in enumerate(pairwise(points)):
                if index % 2:  # across a column it jumps over
                    parts.append(f"H{x2:.1f}")
                else:
                    bend = (x2 - x1) / 2
                    parts.append(f"C{x1 + bend:.1f} {y1:.1f} {x2 - bend:.1f} {y2:.1f} {x2:.1f} {y2:.1f}")
            edge.path = "".join(parts)
        else:  # back to an earlier column, or within one: under the diagram
            lanes += 1
            out_x = start_x + 6 + 4 * (lanes % 8)
            in_x = edge.target.x - fl.ARROW - 8 - 4 * (lanes % 8)
            low = layout.bottom + lanes * fl.LANE
            edge.path = (f"M{start_x:.1f} {edge.port_y:.1f}H{out_x:.1f}V{low:.1f}H{in_x:.1f}"
                         f"V{edge.entry_y:.1f}H{end_x:.1f}")
        tip = edge.target.x
        edge.head = (f"M{tip - fl.ARROW:.1f} {edge.entry_y - 4:.1f}L{tip:.1f} {edge.entry_y:.1f}"
                     f"L{tip - fl.ARROW:.1f} {edge.entry_y + 4:.1f}Z")
