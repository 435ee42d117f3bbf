"""Lays out a graph of flows in columns, left to right, for the build-time SVG of the map of
flows, the home page's chain and the flow pages (scripts/render/flow_map.py chooses the graph,
scripts/render/flow_drawing.py draws it). Plain geometry: no HTML here.

The columns are the bands of a flow: where data comes from (entities that only send), the files
that hold it (data sets, and entities that both receive and send: relays; up to FILE_LAYERS
columns when files feed other files) and where it goes (entities that only receive). A file
column groups its boxes by holder. A box lists the flows it sends as rows (their mechanism, at
the start of their arrow), so that arrow labels never overlap; an arrow that jumps over a
column passes between its boxes (a reserved slot), and an arrow that goes back (a cycle)
passes under the diagram. The whole is a few hundred boxes at most (flow_map.py folds the rest
into "+N" boxes): every step here is linear or n log n in the boxes and arrows drawn."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..model.records import Record

ORIGIN, FILES, DESTINATION = 0, 1, 2
FILE_LAYERS = 2  # file columns at most; deeper chains of files share the last one
WIDTHS = (680, 900)  # px; site.css shows an SVG only in a figure at least as wide (1 SVG px = 1 CSS px)
MARGIN = 8
GAPS = {680: 36, 900: 64}  # between columns: where arrows run
MAX_BOX = 210
HEAD = 30  # column titles
PAD = 7
NAME_LINE, NOTE_LINE, ROW = 16, 15, 18
CLUSTER_HEAD, CLUSTER_PAD = 19, 6
ITEM_GAP, SLOT_HEIGHT, SLOT_GAP = 14, 4, 5
LANE = 9  # vertical spacing of the arrows that pass under the diagram
MAX_LANES = 3
ARROW = 7
NAME_EM, TEXT_EM = 0.6, 0.55  # average glyph width of bold 13 px and regular 12 px text, in em


@dataclass(eq=False)
class Node:
    key: str  # a record id, or a "+N" box's own key
    name: str
    note: str  # second line: what it is
    record: Record | None = None  # None: a "+N" box that stands for several records
    href_path: str = ""  # a "+N" box: the page path it links to
    band: int = ORIGIN
    cluster: Record | None = None  # a file's holder: boxes of one holder are framed together
    branch: Record | None = None  # the holder's branch of its group, when it is not the holder itself
    layer: int = 0
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    lines: list[str] = field(default_factory=list)  # the name, wrapped
    ports: list[Edge] = field(default_factory=list)  # outgoing, in drawing order
    entries: list[Edge] = field(default_factory=list)  # incoming


@dataclass(eq=False)
class Edge:
    source: Node
    target: Node
    flows: list[Record]  # one flow, or those a merged arrow stands for
    href_path: str = ""  # a merged arrow: where its link goes
    focus: bool = False  # the flow whose page this is
    drawn: bool = True  # False: a row that links to a list but draws no arrow ("+N flux")
    slots: list[Slot] = field(default_factory=list)
    port_y: float = 0
    entry_y: float = 0
    path: str = ""  # SVG path data of the arrow (flow_drawing.route)
    head: str = ""  # SVG path data of its arrowhead


@dataclass(eq=False)
class Slot:
    """Where an arrow crosses a column it does not stop in."""
    edge: Edge
    layer: int
    y: float = 0
    height: float = SLOT_HEIGHT


@dataclass(eq=False)
class Block:
    """One or more boxes of a column stacked together: a holder's files, or one box."""
    nodes: list[Node]
    cluster: Record | None = None
    y: float = 0
    height: float = 0


@dataclass
class Layout:
    width: float
    height: float
    box_width: float
    gap: float  # between columns
    bottom: float  # under the lowest box: where lanes of arrows going back start
    columns: list[tuple[int, float, float]]  # (band, x of its first column, x after its last one)
    blocks: list[Block]  # framed clusters among them have `cluster` set


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def link(self, source: Node, target: Node, flows: list[Record], **options) -> Edge:
        edge = Edge(source, target, flows, **options)
        self.edges.append(edge)
        source.ports.append(edge)
        if edge.drawn:
            target.entries.append(edge)
        return edge


def lay_out(graph: Graph, max_width: int = WIDTHS[-1]) -> Layout:
    layers = assign_layers(graph)
    keep_few_lanes(graph)
    columns = [build_column(graph, layer) for layer in range(layers)]
    forward = [edge for edge in graph.edges if edge.drawn and edge.target.layer > edge.source.layer]
    for edge in forward:
        edge.slots = [Slot(edge, layer) for layer in range(edge.source.layer + 1, edge.target.layer)]
        for slot in edge.slots:
            columns[slot.layer].append(slot)
    order_columns(columns, graph)
    gap = GAPS[max_width]
    box_width = min(MAX_BOX, (max_width - 2 * MARGIN - (layers - 1) * gap) / max(layers, 1))
    for node in graph.nodes.values():
        size_box(node, box_width)
        node.x = MARGIN + node.layer * (box_width + gap)
    for column in columns:
        for item in column:
            if isinstance(item, Block):
                item.height = block_height(item)
    place_vertically(columns, graph)
    order_ports(graph)
    width = MARGIN * 2 + layers * box_width + (layers - 1) * gap
    bottom = max((item.y + item.height for column in columns for item in column), default=HEAD)
    lanes = sum(1 for e in graph.edges if e.drawn and e.target.layer <= e.source.layer)
    bands = []
    for band in (ORIGIN, FILES, DESTINATION):
        used = sorted({n.layer for n in graph.nodes.values() if n.band == band})
        if used:
            bands.append((band, MARGIN + used[0] * (box_width + gap), MARGIN + used[-1] * (box_width + gap) + box_width))
    blocks = [item for column in columns for item in column if isinstance(item, Block)]
    return Layout(width, bottom + MARGIN + lanes * LANE, box_width, gap, bottom, bands, blocks)


# --- columns ------------------------------------------------------------------------------------

def assign_layers(graph: Graph) -> int:
    """Column of every node: origins first, then up to FILE_LAYERS columns of files (a file
    fed by another file goes one column further), destinations last; empty bands take no
    column. Returns the number of columns."""
    files = [n for n in graph.nodes.values() if n.band == FILES]
    depth = file_depths(files, graph)
    file_layers = min(FILE_LAYERS, max(depth.values(), default=-1) + 1)
    has_origins = any(n.band == ORIGIN for n in graph.nodes.values())
    first_file = 1 if has_origins else 0
    last = first_file + file_layers
    for node in graph.nodes.values():
        if node.band == ORIGIN:
            node.layer = 0
        elif node.band == FILES:
            node.layer = first_file + min(depth[node.key], file_layers - 1)
        else:
            node.layer = last
    return last + (1 if any(n.band == DESTINATION for n in graph.nodes.values()) else 0)


def file_depths(files: list[Node], graph: Graph) -> dict[str, int]:
    """Longest chain of files leading to each file (arrows that close a cycle are ignored)."""
    keys = {n.key for n in files}
    feeds: dict[str, list[str]] = {n.key: [] for n in files}
    for edge in graph.edges:
        if edge.drawn and edge.source.key in keys and edge.target.key in keys and edge.source is not edge.target:
            feeds[edge.target.key].append(edge.source.key)
    depth: dict[str, int] = {}
    visiting: set[str] = set()

    def of(key: str) -> int:
        if key in depth:
            return depth[key]
        visiting.add(key)
        value = max((of(up) + 1 for up in feeds[key] if up not in visiting), default=0)
        visiting.discard(key)
        depth[key] = value
        return value
    for node in files:
        of(node.key)
    return depth


def keep_few_lanes(graph: Graph) -> None:
    """Past MAX_LANES arrows that go back (a file feeding an earlier one), the others stay
    rows of their box, links without an arrow: lanes under the drawing would hide it."""
    back = [e for e in graph.edges if e.drawn and e.target.layer <= e.source.layer]
    back.sort(key=lambda e: (e.source.record is None or e.target.record is None, len(e.flows)))
    for edge in back[MAX_LANES:]:
        edge.drawn = False
        edge.target.entries.remove(edge)


def build_column(graph: Graph, layer: int) -> list[Block | Slot]:
    """The blocks of one column: a file column groups files by holder, others are one box each."""
    blocks: dict[str, Block] = {}
    for node in graph.nodes.values():
        if node.layer != layer:
            continue
        key = node.cluster.id if node.band == FILES and node.cluster is not None else "box:" + node.key
        blocks.setdefault(key, Block([], node.cluster if node.band == FILES else None)).nodes.append(node)
    for block in blocks.values():
        if len(block.nodes) == 1 and block.cluster is None:
            continue
        block.nodes.sort(key=lambda n: n.name.casefold())
    return list(blocks.values())


def adjacency(graph: Graph) -> tuple[dict[int, list], dict[int, list]]:
    """What each box or slot links to in the column before and in the column after (by id)."""
    left: dict[int, list] = {}
    right: dict[int, list] = {}
    for edge in graph.edges:
        if edge.drawn and edge.target.layer > edge.source.layer:
            for a, b in pairwise([edge.source, *edge.slots, edge.target]):
                right.setdefault(id(a), []).append(b)
                left.setdefault(id(b), []).append(a)
    return left, right


def order_columns(columns: list[list[Block | Slot]], graph: Graph, rounds: int = 4) -> None:
    """Order each column so that arrows cross little: sweeps that sort blocks (and the boxes in
    a block) by the mean position of what they link to in the column before, then after."""
    left_of, right_of = adjacency(graph)
    position: dict[int, float] = {}

    def number(column: list[Block | Slot]) -> None:
        rank = 0
        for item in column:
            for stop in item.nodes if isinstance(item, Block) else (item,):
                position[id(stop)] = rank
                rank += 1

    def centre(stops: list, neighbours: dict[int, list[object]], default: float) -> float:
        seen = [position[id(n)] for stop in stops for n in neighbours.get(id(stop), ()) if id(n) in position]
        return sum(seen) / len(seen) if seen else default

    for column in columns:
        number(column)
    for sweep in range(rounds):
        indices = range(1, len(columns)) if sweep % 2 == 0 else range(len(columns) - 2, -1, -1)
        neighbours = left_of if sweep % 2 == 0 else right_of
        for layer in indices:
            column = columns[layer]
            for item in column:
                if isinstance(item, Block) and len(item.nodes) > 1:
                    current = {id(n): i for i, n in enumerate(item.nodes)}
                    item.nodes.sort(key=lambda n: centre([n], neighbours, position[id(n)] + current[id(n)] / 100))
            keyed = [(centre(item.nodes if isinstance(item, Block) else [item], neighbours, rank), rank, item)
                     for rank, item in enumerate(column)]
            column[:] = [item for _, _, item in sorted(keyed, key=lambda k: (k[0], k[1]))]
            number(column)


# --- sizes and positions ---------------------------------------------------------------------------

def size_box(node: Node, box_width: float) -> None:
    node.width = box_width
    node.lines = wrap(node.name, int((box_width - 2 * PAD) / (13 * NAME_EM)), 3)
    rows = len(node.ports)
    node.height = PAD + NAME_LINE * len(node.lines) + NOTE_LINE + (ROW * rows + 4 if rows else 0) + PAD - 2


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Words of `text` in at most `lines` lines of `width` characters, the last one cut with
    an ellipsis when the text is longer."""
    result: list[str] = []
    words = text.split()
    while words and len(result) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        result.append(line)
    if words or any(len(line) > width for line in result):
        last = " ".join([result[-1], *words])
        result[-1] = last[: width - 1].rstrip() + "…" if len(last) > width else last
        result = [line if len(line) <= width else line[: width - 1] + "…" for line in result]
    return result or [""]


def block_height(block: Block) -> float:
    inner = sum(n.height for n in block.nodes) + ITEM_GAP * (len(block.nodes) - 1)
    return inner + (CLUSTER_HEAD + 2 * CLUSTER_PAD if block.cluster is not None else 0)


def place_vertically(columns: list[list[Block | Slot]], graph: Graph, rounds: int = 3) -> None:
    """Stack each column, then move its blocks towards what they link to in the column before
    (and after, on the way back), keeping their order, the gaps between them and the height of
    the tallest column."""
    stops_of = {id(item): (item.nodes if isinstance(item, Block) else [item]) for c in columns for item in c}
    left, right = adjacency(graph)
    total = max((stacked(column) for column in columns), default=0)
    for column in columns:
        pack(column, [(total - stacked(column)) / 2] * len(column), total)
    for sweep in range(2 * rounds):
        forward = sweep % 2 == 0
        neighbours = left if forward else right
        for column in (columns[1:] if forward else columns[-2::-1]):
            wished = []
            for item in column:
                # the top that would put each linked box or slot level with what it links to
                tops = [middle(other) - (middle(stop) - item.y)
                        for stop in stops_of[id(item)] for other in neighbours.get(id(stop), ())]
                wished.append(sum(tops) / len(tops) if tops else item.y)
            pack(column, wished, total)
    for column in columns:
        for item in column:
            item.y += HEAD
            settle(item)


def stacked(column: list[Block | Slot]) -> float:
    return sum(item.height for item in column) + sum(gap_before(item) for item in column[1:])


def pack(column: list[Block | Slot], wished: list[float], total: float) -> None:
    """Tops as close to `wished` as the order, the gaps and the height `total` allow."""
    latest = []  # the lowest top of each item that leaves room for those under it
    room = total
    for position in range(len(column) - 1, -1, -1):
        room -= column[position].height
        latest.append(room)
        room -= gap_before(column[position]) if position else 0
    latest.reverse()
    bottom = None
    for position, (item, want) in enumerate(zip(column, wished, strict=True)):
        earliest = 0 if bottom is None else bottom + gap_before(item)
        item.y = max(min(want, latest[position]), earliest)
        settle(item)
        bottom = item.y + item.height


def gap_before(item: Block | Slot) -> float:
    return SLOT_GAP if isinstance(item, Slot) else ITEM_GAP


def settle(item: Block | Slot) -> None:
    """Place the boxes of a block from its top."""
    if isinstance(item, Slot):
        return
    y = item.y + (CLUSTER_HEAD + CLUSTER_PAD if item.cluster is not None else 0)
    for node in item.nodes:
        node.y = y
        y += node.height + ITEM_GAP


def middle(stop: Node | Slot) -> float:
    return stop.y + stop.height / 2


def rows_top(node: Node) -> float:
    return node.y + PAD + NAME_LINE * len(node.lines) + NOTE_LINE + 4


def order_ports(graph: Graph) -> None:
    """A box's rows in the order of where their arrows go, top to bottom (fewer crossings);
    arrows enter a box in the order of where they come from."""
    def next_y(edge: Edge) -> float:
        if not edge.drawn:
            return float("inf")
        stop = edge.slots[0] if edge.slots else edge.target
        return middle(stop) + (10_000 if edge.target.layer <= edge.source.layer else 0)
    for node in graph.nodes.values():
        node.ports.sort(key=next_y)
        for row, edge in enumerate(node.ports):
            edge.port_y = rows_top(node) + ROW * row + ROW / 2
    for node in graph.nodes.values():
        node.entries.sort(key=lambda e: (e.target.layer <= e.source.layer, middle(e.slots[-1]) if e.slots else e.port_y))
        for rank, edge in enumerate(node.entries):
            edge.entry_y = node.y + node.height * (rank + 1) / (len(node.entries) + 1)
