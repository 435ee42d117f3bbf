"""graph.json and graph.graphml: the records as a directed graph. Nodes: entities and data files
(each with its kind and page); edges: owner -owns-> entity, holder -holds-> data file,
from -flow-> to (one edge per flow record, so two flows between the same ends are two edges).

graph.json is networkx's node-link form (`directed`, `multigraph`, `graph`, `nodes`, and the
edges under `edges`: `networkx.node_link_graph(data, edges="edges")`)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from ..model.records import Record

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = ("collection", "label", "kind", "page")
EDGE_KEYS = ("type", "id", "label", "share", "since", "until", "mechanism", "status", "categories", "page")
LIST_SEPARATOR = " | "
DATASET_KIND = "dataset"  # data files have no `kind` field: their node says what they are


def graph_data(records: list[Record], page_url: Callable[[Record], str]) -> dict[str, Any]:
    """`page_url(record)`: the address of a record's page (absolute when the site's URL is known)."""
    nodes = [{"id": r.id, "collection": r.collection, "label": r.title(), "kind": node_kind(r),
              "page": page_url(r)}
             for r in records if r.collection in ("entities", "datasets")]
    edges: list[dict[str, Any]] = []
    for r in records:
        if r.collection == "entities":
            for link in r.data.get("owners") or []:
                edges.append({"source": link.get("owner"), "target": r.id, "type": "owns",
                              "share": link.get("share"), "since": link.get("since"),
                              "until": link.get("until")})
        elif r.collection == "datasets" and r.data.get("holder"):
            edges.append({"source": r.data["holder"], "target": r.id, "type": "holds"})
        elif r.collection == "flows":
            edges.append({"source": r.data.get("from"), "target": r.data.get("to"), "type": "flow",
                          "id": r.id, "label": r.title(), "mechanism": r.data.get("mechanism"),
                          "status": r.data.get("status"),
                          "categories": list(r.data.get("categories") or []),
                          "since": r.data.get("since"), "until": r.data.get("until"),
                          "page": page_url(r)})
    edges = [{k: v for k, v in edge.items() if v not in (None, "")} for edge in edges]
    return {"directed": True, "multigraph": True, "graph": {"name": "la-poste"}, "nodes": nodes, "edges": edges}


def node_kind(record: Record) -> str:
    return record.data.get("kind") or (DATASET_KIND if record.collection == "datasets" else "")


def graphml_bytes(graph: dict[str, Any]) -> bytes:
    """GraphML (Gephi, yEd, networkx): attributes as strings, lists joined with " | "."""
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for key in keys:
            ET.SubElement(root, f"{{{GRAPHML}}}key", {"id": f"{domain}_{key}", "for": domain,
                                                      "attr.name": key, "attr.type": "string"})
    element = ET.SubElement(root, f"{{{GRAPHML}}}graph", {"id": "la-poste", "edgedefault": "directed"})
    nodes = {node["id"]: node for node in graph["nodes"]}
    for edge in graph["edges"]:  # an end that is no entity or dataset still needs a node
        for end in (edge["source"], edge["target"]):
            nodes.setdefault(end, {"id": end})
    for node in nodes.values():
        add_graphml_item(element, "node", NODE_KEYS, node, {"id": node["id"]})
    for number, edge in enumerate(graph["edges"], start=1):
        add_graphml_item(element, "edge", EDGE_KEYS, edge,
                         {"id": f"e{number}", "source": edge["source"], "target": edge["target"]})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def add_graphml_item(parent: ET.Element, domain: str, keys: tuple[str, ...], values: dict[str, Any],
                     attributes: dict[str, str]) -> None:
    item = ET.SubElement(parent, f"{{{GRAPHML}}}{domain}", attributes)
    for key in keys:
        if values.get(key) not in (None, "", []):
            value = values[key]
            text = LIST_SEPARATOR.join(map(cell, value)) if isinstance(value, list) else cell(value)
            ET.SubElement(item, f"{{{GRAPHML}}}data", {"key": f"{domain}_{key}"}).text = text


def cell(value: Any) -> str:
    """A value as the text of a CSV cell or a GraphML attribute."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
