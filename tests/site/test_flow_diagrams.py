"""The flow diagrams in the built site (the project's own data): the home page's chain is drawn
from the records the page names (every flow into them, nothing else), the map comes first on
/flux/ with the table after it, and every flow page has its diagram."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from scripts.index import build_index
from scripts.load import load_data
from scripts.model import urls

ROOT = Path(__file__).resolve().parents[2]
CHAIN_CALL = re.compile(r"\{\{\s*flow_chain\(([^)]*)\)\s*\}\}")
SVG = re.compile(r'<svg class="lp-map".*?</svg>', re.S)
HREF = re.compile(r'<a class="(lp-map__[a-z]+)[^"]*" href="([^"]+)"')


def svg_links(html: str, page: str) -> dict[str, set[str]]:
    """Page paths the SVG links to, by kind of link (node, flow, holder)."""
    found: dict[str, set[str]] = {}
    for svg in SVG.findall(html):
        for kind, href in HREF.findall(svg):
            found.setdefault(kind, set()).add(urljoin("/" + page, href).lstrip("/").split("#")[0])
    return found


def test_home_chain_is_every_flow_into_the_records_the_page_names(real_site):
    calls = CHAIN_CALL.findall((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))
    assert len(calls) == 1, "the home page draws its chain at one place"
    named = re.findall(r'"([a-z0-9-]+)"', calls[0].split("title=")[0])
    index = build_index(load_data(ROOT / "data"))
    flows = {f.id: f for record_id in named for f in index.flows_in.get(record_id, [])}.values()
    assert len(flows) >= 8
    links = svg_links((real_site / "index.html").read_text(encoding="utf-8"), "")
    assert links["lp-map__flow"] == {urls.record_url(f) for f in flows}
    ends = {f.data[side] for f in flows for side in ("from", "to")}
    assert links["lp-map__node"] == {urls.record_url(index.get(record_id)) for record_id in ends}
    # the seed's chain: forwarding contracts, the address bases, Médiapost's enriched files, advertisers
    for record_id in ("contrats-de-reexpedition", "bnca", "base-15-millions-foyers", "fichiers-adresses-mediapost",
                      "annonceurs", "insee", "dgfip", "lsa"):
        assert urls.record_url(index.get(record_id)) in links["lp-map__node"], record_id


def test_flows_page_opens_with_the_map_and_keeps_the_table_after_it(real_site):
    html = (real_site / "flux" / "index.html").read_text(encoding="utf-8")
    assert html.index('class="lp-map"') < html.index('id="section--tableau"') < html.index('class="lp-table lp-flows"')
    index = build_index(load_data(ROOT / "data"))
    links = svg_links(html, "flux/")
    assert links["lp-map__flow"] == {urls.record_url(f) for f in index.by_collection["flows"]}


def test_every_flow_page_has_its_diagram(real_site):
    index = build_index(load_data(ROOT / "data"))
    for flow in index.by_collection["flows"]:
        page = urls.record_url(flow)
        html = (real_site / page / "index.html").read_text(encoding="utf-8")
        assert html.count('class="lp-map"') == 1, page
        focus = re.findall(r'<a class="lp-map__flow[^"]*lp-map__flow--focus" href="([^"]+)" aria-current="page"', html)
        assert [urljoin("/" + page, href).lstrip("/") for href in focus] == [page]
