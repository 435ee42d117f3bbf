"""The flow diagrams (scripts/render/flow_map.py, flow_layout.py, flow_drawing.py) without
MkDocs: which flows each draws, where the boxes go, what the SVG and the cards link to, and
that the map stays within its budget of boxes at 100 flows."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.model.records import LoadedData, Record
from scripts.model.vocabulary import MECHANISMS, STATUS
from scripts.render import diagrams, flow_drawing, flow_layout, flow_map
from scripts.render.flow_layout import DESTINATION, FILES, ORIGIN
from scripts.tools.synth import write_dataset

CSS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "site.css"


def record(collection: str, record_id: str, **data) -> Record:
    data = {"id": record_id, **data}
    return Record(collection, record_id, f"data/{collection}/{record_id}.yaml", Path(f"{record_id}.yaml"), data)


def entity(record_id: str, kind: str = "company", name: str | None = None) -> Record:
    return record("entities", record_id, name=name or f"Entité {record_id}", kind=kind, summary="x")


def dataset(record_id: str, holder: str) -> Record:
    return record("datasets", record_id, name=f"Fichier {record_id}", holder=holder, summary="x")


def flow(record_id: str, source: str, target: str, mechanism: str = "transfer", status: str = "reported") -> Record:
    return record("flows", record_id, name=f"Flux {record_id}", **{"from": source, "to": target},
                  mechanism=mechanism, status=status, categories=["adresse"], legal_basis="unknown")


def index_of(*records: Record):
    return build_index(LoadedData(Path("data"), list(records), None, []))


def href(target: Record, anchor: str = "") -> str:
    return f"/{target.collection}/{target.id}/" + (f"#{anchor}" if anchor else "")


def to(path: str) -> str:
    return "/" + path


class Figure(HTMLParser):
    """The links of a figure's SVG and of its cards: (href, text or <title>) each."""

    def __init__(self, html: str):
        super().__init__()
        self.part = ""
        self.links: dict[str, list[tuple[str, dict]]] = {"svg": [], "cards": []}
        self.attrs: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attrs.append((tag, attrs))
        if tag == "svg" and "lp-map" in attrs.get("class", ""):
            self.part = "svg"
        elif "lp-figure__narrow" in attrs.get("class", ""):
            self.part = "cards"
        if tag == "a" and self.part:
            self.links[self.part].append((attrs["href"], attrs))


# A small picture of the seed's chain: people -> contracts file -> address base -> advertisers,
# a public body enriching the base, the group selling to marketers directly.
CHAIN = [
    entity("group", "group", "Le Groupe"), entity("people", "audience", "Personnes qui déménagent"),
    entity("insee", "public-body"), entity("advertisers", "audience", "Annonceurs"),
    entity("marketers", "audience"), dataset("contracts", "group"), dataset("base", "group"),
    flow("people-contracts", "people", "contracts", "collection", "documented"),
    flow("contracts-base", "contracts", "base", "centralisation", "documented"),
    flow("insee-base", "insee", "base", "enrichment"),
    flow("base-advertisers", "base", "advertisers", "rental"),
    flow("group-marketers", "group", "marketers", "sale", "alleged"),
]


def test_map_puts_origins_files_and_destinations_in_columns_left_to_right():
    index = index_of(*CHAIN)
    graph = flow_map.map_graph(index, index.by_collection["flows"])
    flow_layout.lay_out(graph)
    nodes = graph.nodes
    assert {key: node.band for key, node in nodes.items()} == {
        "people": ORIGIN, "insee": ORIGIN, "group": ORIGIN, "contracts": FILES, "base": FILES,
        "advertisers": DESTINATION, "marketers": DESTINATION}
    # a file fed by another file is one column further; destinations come last
    assert nodes["people"].x < nodes["contracts"].x < nodes["base"].x < nodes["advertisers"].x
    assert nodes["marketers"].x == nodes["advertisers"].x and nodes["insee"].x == nodes["people"].x
    # the arrow from the group to the marketers jumps over both file columns, between their boxes
    jump = next(e for e in graph.edges if e.flows[0].id == "group-marketers")
    assert [slot.layer for slot in jump.slots] == [1, 2]
    assert "base" in graph.nodes and graph.nodes["base"].cluster.id == "group"  # framed by holder


def test_map_links_every_box_and_arrow_and_names_arrows_by_mechanism():
    index = index_of(*CHAIN)
    html = flow_map.map_figure(index, href, to)
    figure = Figure(html)
    flows = index.by_collection["flows"]
    ends = {e for f in flows for e in (f.data["from"], f.data["to"])}
    for part in ("svg", "cards"):
        hrefs = {h for h, _ in figure.links[part]}
        assert {href(f) for f in flows} <= hrefs, part
        assert {href(index.get(e)) for e in ends} <= hrefs, part
    for f in flows:
        label = MECHANISMS[f.data["mechanism"]].label()
        assert re.search(rf'lp-map__flow--{f.data["status"]}" href="{href(f)}"><title>{label} '
                         rf'\({STATUS[f.data["status"]].label().lower()}\)', html), f.id
        assert f">{label} →</text>" in html
    assert 'role="group" aria-labelledby="carte-des-flux--title carte-des-flux--desc"' in html
    # the legend lists the statuses drawn, and only those
    legend = html[html.index('class="lp-legend"'):html.index("</p>")]
    assert [s for s in STATUS if STATUS[s].label() in legend] == ["documented", "reported", "alleged"]


def test_map_folds_past_its_budget_and_draws_every_flow_once(tmp_path):
    write_dataset(tmp_path, 787, seed=3)
    index = build_index(load_data(tmp_path / "data"))
    flows = flow_map.drawable(index, index.by_collection["flows"])
    assert len(flows) >= 95
    graph = flow_map.map_graph(index, flows)
    layout = flow_layout.lay_out(graph)
    for band in (ORIGIN, FILES, DESTINATION):
        boxes = [n for n in graph.nodes.values() if n.band == band]
        assert len(boxes) <= flow_map.BAND_BOXES
        folded = [n for n in boxes if n.record is None]
        assert len(folded) == 1, "100 random flows do not fit: the rest is one +N box"
    # every flow is in exactly one arrow or row, whole or merged into a "+N"
    drawn = [f.id for edge in graph.edges for f in edge.flows]
    assert sorted(drawn) == sorted(f.id for f in flows)
    for node in graph.nodes.values():
        assert len(node.ports) <= flow_map.MAX_ROWS
    assert_laid_out_apart(graph, layout)
    # the "+N" boxes say how many records they stand for
    kept = {n.key for n in graph.nodes.values() if n.record is not None}
    ends = {e for f in flows for e in (f.data["from"], f.data["to"])}
    counts = [int(re.match(r"\+(\d+) ", n.name)[1]) for n in graph.nodes.values() if n.record is None]
    assert sum(counts) == len(ends - kept)


def assert_laid_out_apart(graph, layout):
    """No two boxes of a column overlap, all are inside the drawing, and every arrow starts at
    its box's right side and ends at its target's left side."""
    flow_drawing.route(graph, layout)
    columns: dict[float, list] = {}
    for node in graph.nodes.values():
        columns.setdefault(node.x, []).append(node)
        assert 0 <= node.x and node.x + node.width <= layout.width
        assert flow_layout.HEAD <= node.y and node.y + node.height <= layout.height
        assert all(len(line) <= int((node.width - 2 * flow_layout.PAD) / (13 * flow_layout.NAME_EM))
                   for line in node.lines)
    for nodes in columns.values():
        nodes.sort(key=lambda n: n.y)
        for upper, lower in zip(nodes, nodes[1:], strict=False):
            assert upper.y + upper.height <= lower.y, (upper.key, lower.key)
    for edge in graph.edges:
        if edge.drawn:
            start = re.match(r"M([\d.]+) ([\d.]+)", edge.path)
            assert float(start[1]) == pytest.approx(edge.source.x + edge.source.width, abs=0.1)
            assert edge.source.y < float(start[2]) < edge.source.y + edge.source.height
            assert edge.target.y < edge.entry_y < edge.target.y + edge.target.height


def test_real_map_is_laid_out_apart():
    index = build_index(load_data(Path(__file__).resolve().parents[2] / "data"))
    graph = flow_map.map_graph(index, flow_map.drawable(index, index.by_collection["flows"]))
    assert_laid_out_apart(graph, flow_layout.lay_out(graph))
    assert all(n.record is not None for n in graph.nodes.values()), "today's flows fit without folding"


def test_files_that_feed_each_other_in_a_cycle_are_drawn_with_an_arrow_underneath():
    index = index_of(entity("holder"), entity("source"), dataset("a", "holder"), dataset("b", "holder"),
                     flow("in", "source", "a"), flow("ab", "a", "b"), flow("ba", "b", "a"))
    graph = flow_map.map_graph(index, index.by_collection["flows"])
    layout = flow_layout.lay_out(graph)
    flow_drawing.route(graph, layout)
    back = next(e for e in graph.edges if e.flows[0].id in ("ab", "ba") and e.target.layer <= e.source.layer)
    lowest = max(float(y) for y in re.findall(r"V([\d.]+)", back.path))
    assert lowest > max(n.y + n.height for n in graph.nodes.values()) and lowest < layout.height


def test_flow_figure_shows_its_neighbours_up_to_a_bound_and_points_at_the_rest():
    feeders = [entity(f"feeder-{n}") for n in range(30)]
    records = [entity("holder"), entity("buyer", "audience"), dataset("file", "holder"), *feeders,
               *[flow(f"feed-{n}", f"feeder-{n}", "file", "enrichment") for n in range(30)],
               flow("rent", "file", "buyer", "rental", "documented")]
    index = index_of(*records)
    html = flow_map.flow_figure(index.get("rent"), index, href, to)
    figure = Figure(html)
    boxes = [h for h, a in figure.links["svg"] if "lp-map__node" in a.get("class", "")]
    assert len(boxes) == flow_map.GROUP_BOXES - 1 + 3  # three feeders, "+27", the file, the buyer
    assert "+27 autres" in html
    assert to("fichiers/file/#section--flux") in {h for h, _ in figure.links["svg"]}
    focus = [a for h, a in figure.links["svg"] if a.get("aria-current") == "page"]
    assert len(focus) == 1 and "lp-map__flow--focus" in focus[0]["class"] and focus[0]["href"] == href(index.get("rent"))
    assert 'aria-current="page"' in html[html.index("lp-figure__narrow"):]


def test_chain_draws_the_flows_into_the_named_records_and_skips_unknown_ids():
    index = index_of(*CHAIN)
    html = flow_map.chain_figure(index, ["base", "no-such-record"], "La chaîne", href, to)
    hrefs = {h for h, _ in Figure(html).links["svg"]}
    flows = {f.id for f in index.by_collection["flows"] if href(f) in hrefs}
    assert flows == {"contracts-base", "insee-base"}
    assert "lp-figure--w680" in html and "<title id=\"chaine--title\">La chaîne</title>" in html
    assert flow_map.chain_figure(index, ["no-such-record"], "x", href, to) == ""


def test_names_are_escaped_in_the_svg_and_in_the_cards():
    hostile = "<script>alert(1)</script>"
    index = index_of(entity("a", name=hostile), entity("b"), flow("ab", "a", "b"))
    html = flow_map.map_figure(index, href, to)
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 3  # box, tooltip, card


@pytest.mark.parametrize("text, width, lines, expected", [
    ("Base Nationale des Changements d’Adresses (BNCA)", 16, 3, ["Base Nationale", "des Changements", "d’Adresses (BNC…"]),
    ("Insee", 16, 3, ["Insee"]),
    ("Anticonstitutionnellement", 10, 2, ["Anticonst…"]),
])
def test_names_wrap_on_words_and_end_with_an_ellipsis_when_cut(text, width, lines, expected):
    assert flow_layout.wrap(text, width, lines) == expected


def test_site_css_shows_each_svg_only_where_it_fits():
    css = CSS.read_text(encoding="utf-8")
    for width in (*flow_layout.WIDTHS, diagrams.WIDTH):
        block = re.search(rf"@container \(min-width: {width}px\) \{{(.*?)\n\}}", css, re.S)
        assert block, f"no container query for {width} px"
        assert f".lp-figure--w{width} .lp-figure__wide {{ display: block; }}" in block[1]
        assert f".lp-figure--w{width} .lp-figure__narrow {{ display: none; }}" in block[1]


def test_past_a_few_arrows_going_back_the_others_stay_rows_that_link_to_their_flow():
    files = [dataset(f"f{n}", "holder") for n in range(8)]
    back = [flow(f"back-{n}", f"f{n + 1}", f"f{n}", "matching") for n in range(7)]  # a chain read backwards
    index = index_of(entity("holder"), entity("source"), *files, flow("in", "source", "f7"), *back)
    graph = flow_map.map_graph(index, index.by_collection["flows"])
    flow_layout.lay_out(graph)
    going_back = [e for e in graph.edges if e.target.layer <= e.source.layer]
    drawn = [e for e in going_back if e.drawn]
    assert going_back and len(drawn) <= flow_layout.MAX_LANES
    html = flow_map.map_figure(index, href, to)
    for edge in going_back:
        assert f'href="{href(edge.flows[0])}"' in html
    assert html.count("Rapprochement ↩</text>") == len(going_back) - len(drawn) > 0


def test_files_are_framed_by_holder_and_the_holder_named_with_its_branch():
    def owned(record_id: str, owner: str) -> Record:
        child = entity(record_id, name=f"Filiale {record_id}")
        child.data["owners"] = [{"owner": owner, "sources": [{"source": "s", "quote": "q"}]}]
        return child
    index = index_of(entity("group", "group", "Le Groupe"), owned("branch", "group"), owned("sub", "branch"),
                     entity("people", "audience"), dataset("direct", "branch"), dataset("deep", "sub"),
                     flow("a", "people", "direct"), flow("b", "people", "deep"))
    html = flow_map.map_figure(index, href, to)
    assert "<title>Fichiers détenus par Filiale sub, branche Filiale branch</title>" in html
    assert ">Filiale sub (Filiale branch)</text>" in html
    assert "<title>Fichiers détenus par Filiale branch</title>" in html  # a branch holds its own files
    assert (f'Détenus par <a href="{href(index.get("sub"))}">Filiale sub</a> (branche '
            f'<a href="{href(index.get("branch"))}">Filiale branch</a>)') in html
