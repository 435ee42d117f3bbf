"""Which flows each flow diagram draws, built from the index (never by hand):

- `map_figure`: every flow, at the top of /flux/ (rendered once per build). Past BAND_BOXES
  boxes in a band, the boxes with the most flows stay and the others are folded into one
  "+N" box whose arrows say how many flows they stand for; all of them are in the table below.
- `chain_figure`: the flows that reach a few named records (the home page's chain: the
  forwarding contracts, the bases they feed, Médiapost's enriched files, the advertisers).
- `flow_figure`: a flow page's flow, what feeds its origin, the other flows into its
  destination and where the destination sends data on: O(its neighbours), GROUP_BOXES each.

flow_layout.py places them, flow_drawing.py draws them (SVG for wide screens, cards for
phones)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ..index import Index
from ..model import urls
from ..model.records import Record
from ..model.text import tr
from ..model.vocabulary import ENTITY_KINDS, STATUS
from . import flow_drawing
from .flow_layout import DESTINATION, FILES, ORIGIN, WIDTHS, Graph, Node

BAND_BOXES = 12  # boxes per band on the map, a "+N" box included
GROUP_BOXES = 4  # boxes per group of neighbours on a flow page or per record of a chain
MAX_ROWS = 6  # rows (flows sent) per box; past it, one row links to the record's list of flows
TABLE = urls.FLOWS + "#section--tableau"  # the map's text alternative
STATUS_ORDER = {status: rank for rank, status in enumerate(STATUS)}
FOLDED_NAMES = {ORIGIN: ("autres origines", "more origins"), FILES: ("autres fichiers et relais", "more files and relays"),
                DESTINATION: ("autres destinations", "more destinations")}


def map_figure(index: Index, href: Callable, to: Callable, lang: str = "fr") -> str:
    flows = drawable(index, index.by_collection["flows"])
    if not flows:
        return ""
    graph = map_graph(index, flows, lang=lang)
    return flow_drawing.figure(
        graph, href, to, ident="carte-des-flux",
        title=tr(lang, "Carte des flux de données personnelles", "Map of the flows of personal data"),
        description=tr(lang, f"{len(flows)} flux, de leur origine (à gauche) aux fichiers qui les reçoivent puis à leurs "
                       "destinations (à droite). Chaque case et chaque flèche mène à sa fiche ; le tableau qui suit "
                       "donne les mêmes flux en texte.",
                       f"{len(flows)} flows, from their origin (left) to the files that receive them, then to their "
                       "destinations (right). Each box and each arrow leads to its page; the table that follows gives "
                       "the same flows as text."),
        caption=tr(lang, "Chaque flèche est un flux, nommé par son mécanisme ; son trait dit son statut. "
                   "Cliquez sur une case ou une flèche pour ouvrir sa fiche ; le tableau ci-dessous liste tous les flux.",
                   "Each arrow is a flow, named by its mechanism; its line says its status. Click a box or an arrow "
                   "to open its page; the table below lists every flow."), lang=lang)


def chain_figure(index: Index, record_ids: Iterable[str], title: str, href: Callable, to: Callable,
                 lang: str = "fr") -> str:
    """The flows into each named record that exists (a missing id is left out: the page stays
    true to the data it is built on)."""
    records = [index.get(record_id) for record_id in record_ids]
    chosen: dict[str, Record] = {}
    folded: list[tuple[Record, list[Record]]] = []
    for record in (r for r in records if r is not None):
        shown, rest = capped(drawable(index, index.flows_in.get(record.id, [])))
        chosen.update((flow.id, flow) for flow in shown)
        if rest:
            folded.append((record, rest))
    if not chosen:
        return ""
    graph = neighbourhood_graph(index, list(chosen.values()), folded_in=folded, lang=lang)
    return flow_drawing.figure(
        graph, href, to, ident="chaine", title=title,
        description=tr(lang, f"{len(chosen)} flux, de leur origine à leur destination.",
                       f"{len(chosen)} flows, from their origin to their destination."),
        caption=tr(lang, "Chaque flèche est un flux de la base, nommé par son mécanisme ; son trait dit son statut. "
                   "Cliquez sur une case ou une flèche pour ouvrir sa fiche.",
                   "Each arrow is a flow of the data set, named by its mechanism; its line says its status. "
                   "Click a box or an arrow to open its page."), width=WIDTHS[0], lang=lang)


def flow_figure(flow: Record, index: Index, href: Callable, to: Callable, lang: str = "fr") -> str:
    origin, target = index.get(flow.data.get("from")), index.get(flow.data.get("to"))
    if origin is None or target is None or origin is target:
        return ""
    chosen = {flow.id: flow}
    folded_in: list[tuple[Record, list[Record]]] = []
    folded_out: list[tuple[Record, list[Record]]] = []
    groups = ((index.flows_in.get(origin.id, []), origin, folded_in),
              ([f for f in index.flows_in.get(target.id, []) if f is not flow], target, folded_in),
              (index.flows_out.get(target.id, []), target, folded_out))
    for flows, record, folded in groups:
        shown, rest = capped([f for f in drawable(index, flows) if f.id not in chosen])  # a cycle meets a flow twice
        chosen.update((f.id, f) for f in shown)
        if rest:
            folded.append((record, rest))
    graph = neighbourhood_graph(index, list(chosen.values()), focus=flow, folded_in=folded_in, folded_out=folded_out,
                                lang=lang)
    return flow_drawing.figure(
        graph, href, to, ident="schema-du-flux",
        title=tr(lang, f"Schéma du flux : {flow.title()}", f"Diagram of the flow: {flow.title(lang)}"),
        description=tr(lang, f"{origin.title()} vers {target.title()}, avec ce qui alimente l’origine et ce que reçoit "
                       "et transmet la destination.",
                       f"{origin.title(lang)} to {target.title(lang)}, with what feeds the origin and what the "
                       "destination receives and passes on."),
        caption=tr(lang, "Le flux de cette fiche est en trait épais ; autour, ce qui alimente son origine et ce que sa "
                   "destination reçoit et transmet. Cliquez sur une case ou une flèche pour ouvrir sa fiche.",
                   "This page’s flow is drawn in a thick line; around it, what feeds its origin and what its "
                   "destination receives and passes on. Click a box or an arrow to open its page."), lang=lang)


# --- graphs ----------------------------------------------------------------------------------------

def drawable(index: Index, flows: Iterable[Record]) -> list[Record]:
    """Flows whose two ends are records of the data set, and two different ones."""
    return [f for f in flows if f.data.get("from") != f.data.get("to")
            and index.get(f.data.get("from")) is not None and index.get(f.data.get("to")) is not None]


def capped(flows: list[Record], boxes: int = GROUP_BOXES) -> tuple[list[Record], list[Record]]:
    if len(flows) <= boxes:
        return flows, []
    return flows[: boxes - 1], flows[boxes - 1:]


def bands(index: Index, flows: list[Record]) -> dict[str, int]:
    """Band of each end: files are data sets and the entities that both receive and send."""
    sends = Counter(f.data["from"] for f in flows)
    receives = Counter(f.data["to"] for f in flows)
    found = {}
    for record_id in [*sends, *receives]:
        if index.get(record_id).collection == "datasets" or (sends[record_id] and receives[record_id]):
            found[record_id] = FILES
        else:
            found[record_id] = ORIGIN if sends[record_id] else DESTINATION
    return found


def map_graph(index: Index, flows: list[Record], boxes: int = BAND_BOXES, lang: str = "fr") -> Graph:
    band = bands(index, flows)
    kept = keep(flows, band, boxes)
    graph = Graph()
    for record_id in band:
        if record_id in kept:
            graph.nodes[record_id] = node_of(index.get(record_id), band[record_id], index, lang)
    folded = Counter(band[record_id] for record_id in band if record_id not in kept)
    for where, count in folded.items():
        graph.nodes[f"+{where}"] = Node(f"+{where}", f"+{count} {tr(lang, *FOLDED_NAMES[where])}",
                                        tr(lang, "voir le tableau", "see the table"),
                                        href_path=TABLE, band=where)
    merged: dict[tuple[str, str], list[Record]] = {}
    for flow in flows:
        ends = [e if e in kept else f"+{band[e]}" for e in (flow.data["from"], flow.data["to"])]
        if ends == [flow.data["from"], flow.data["to"]]:
            graph.link(graph.nodes[ends[0]], graph.nodes[ends[1]], [flow])
        else:
            merged.setdefault((ends[0], ends[1]), []).append(flow)
    for (source, target), group in merged.items():
        # between two records of one "+N" box: a row of that box, with no arrow
        graph.link(graph.nodes[source], graph.nodes[target], group, href_path=TABLE, drawn=source != target)
    cap_rows(graph)
    return graph


def keep(flows: list[Record], band: dict[str, int], boxes: int) -> set[str]:
    """The ends drawn as boxes: all of them when each band fits, else, flow by flow from the
    best connected (then the best established), the ends of the flows that still fit, so that
    what the map shows are whole flows; one box per band is left for "+N"."""
    per_band = Counter(band.values())
    if all(count <= boxes for count in per_band.values()):
        return set(band)
    degree = Counter(e for f in flows for e in (f.data["from"], f.data["to"]))
    ranked = sorted(flows, key=lambda f: (-degree[f.data["from"]] - degree[f.data["to"]],
                                          STATUS_ORDER.get(f.data.get("status"), 9), f.title().casefold()))
    room = {where: boxes - (1 if per_band[where] > boxes else 0) for where in per_band}
    kept: set[str] = set()
    used: Counter = Counter()
    for flow in ranked:
        new = [e for e in dict.fromkeys((flow.data["from"], flow.data["to"])) if e not in kept]
        need = Counter(band[e] for e in new)
        if all(used[where] + n <= room[where] for where, n in need.items()):
            kept.update(new)
            used.update(need)
    return kept


def neighbourhood_graph(index: Index, flows: list[Record], focus: Record | None = None,
                        folded_in: list[tuple[Record, list[Record]]] = (),
                        folded_out: list[tuple[Record, list[Record]]] = (), lang: str = "fr") -> Graph:
    """The graph of a few flows, plus one "+N" box per record with more flows than shown."""
    band = bands(index, flows + [f for _, rest in (*folded_in, *folded_out) for f in rest])
    graph = Graph()
    for flow in flows:
        for record_id in (flow.data["from"], flow.data["to"]):
            if record_id not in graph.nodes:
                graph.nodes[record_id] = node_of(index.get(record_id), band[record_id], index, lang)
    for record, rest in folded_in:
        key = f"+in:{record.id}"
        graph.nodes[key] = Node(key, f"+{len(rest)} {tr(lang, 'autres', 'more')}",
                                f"{tr(lang, 'vers', 'to')} {record.title(lang)}",
                                href_path=urls.record_url(record, "section--flux"), band=ORIGIN)
    for record, rest in folded_out:
        key = f"+out:{record.id}"
        graph.nodes[key] = Node(key, f"+{len(rest)} {tr(lang, 'autres', 'more')}",
                                f"{tr(lang, 'depuis', 'from')} {record.title(lang)}",
                                href_path=urls.record_url(record, "section--flux"), band=DESTINATION)
    for record in [r for r, _ in (*folded_in, *folded_out)]:
        if record.id not in graph.nodes:
            graph.nodes[record.id] = node_of(record, band.get(record.id, FILES), index, lang)
    for flow in flows:
        graph.link(graph.nodes[flow.data["from"]], graph.nodes[flow.data["to"]], [flow], focus=flow is focus)
    for record, rest in folded_in:
        graph.link(graph.nodes[f"+in:{record.id}"], graph.nodes[record.id], rest,
                   href_path=urls.record_url(record, "section--flux"))
    for record, rest in folded_out:
        graph.link(graph.nodes[record.id], graph.nodes[f"+out:{record.id}"], rest,
                   href_path=urls.record_url(record, "section--flux"))
    cap_rows(graph)
    return graph


def cap_rows(graph: Graph, rows: int = MAX_ROWS) -> None:
    """A box that sends more than `rows` flows shows `rows - 1` of them (the focus first) and
    one row "+N flux" that links to the record's list of flows (or to the map's table)."""
    for node in graph.nodes.values():
        if len(node.ports) <= rows:
            continue
        ports = sorted(node.ports, key=lambda e: (not e.focus, len(e.flows) > 1))
        kept, extra = ports[: rows - 1], ports[rows - 1:]
        for edge in extra:
            graph.edges.remove(edge)
            if edge.drawn:
                edge.target.entries.remove(edge)
        node.ports = kept
        hidden = [flow for edge in extra for flow in edge.flows]
        href_path = urls.record_url(node.record, "section--flux") if node.record is not None else TABLE
        graph.link(node, node, hidden, href_path=href_path, drawn=False)


def node_of(record: Record, band: int, index: Index, lang: str = "fr") -> Node:
    if record.collection == "datasets":
        holder = index.get(record.data.get("holder"))
        chain = index.chain(holder) if holder is not None else []
        branch = chain[1] if len(chain) > 1 else None  # the holder's owner under the group
        return Node(record.id, record.title(lang), tr(lang, "fichier", "file"), record=record, band=band,
                    cluster=holder, branch=branch)
    kind = ENTITY_KINDS.get(record.data.get("kind"))
    note = kind.label(lang) if kind else ""
    chain = index.chain(record)
    if chain:
        note += f" · {chain[0].title(lang)}"
    return Node(record.id, record.title(lang), note, record=record, band=band)
