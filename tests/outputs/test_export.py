"""Exports: data.json round-trips the records, CSVs are flat and spreadsheet-safe, sources.bib
parses with bibtexparser, graph.json / graph.graphml hold ownership, holding and flows, pages are
absolute with the site's URL. (Frictionless, FollowTheMoney and pybtex check their formats in
test_datapackage.py, test_ftm.py and test_bibtex.py.)"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import bibtexparser
import pytest
from sample import HOSTILE, SAMPLE, SITE, sample_index, write_sample

from scripts.outputs import exports as export

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def exported(tmp_path):
    loaded, index = sample_index(tmp_path)
    out = tmp_path / "donnees"
    written = export.write_exports(loaded, out)
    return loaded, out, written


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_export_is_written(exported):
    _, out, written = exported
    assert sorted(p.name for p in written) == sorted([
        "data.json", "entities.csv", "datasets.csv", "flows.csv", "sources.csv", "rules.csv", "events.csv",
        "claims.csv", "citations.csv", "sources.bib", "graph.json", "graph.graphml",
        "datapackage.json", "entities.ftm.json", "index.json"])
    assert [p.name for p in written] == [e.name for e in export.EXPORTS]  # the /donnees/ page lists each
    assert all(p.parent == out and p.stat().st_size > 0 for p in written)


def test_data_json_holds_every_record_as_written(exported):
    loaded, out, _ = exported
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    for record in loaded.records:
        [exported_record] = [r for r in data["collections"][record.collection] if r["id"] == record.id]
        assert {k: v for k, v in exported_record.items() if k != "page"} == record.data
    assert data["collections"]["entities"][1]["page"] == "entites/groupe-exemple/"
    assert data["categories"] == [{"id": "address", "label": "Adresse postale"}]


def test_data_json_puts_a_record_on_a_line(exported):
    """One line a record: a change to the data shows as a changed line in a diff."""
    loaded, out, _ = exported
    lines = (out / "data.json").read_text(encoding="utf-8").splitlines()
    for record in loaded.records:
        [line] = [line for line in lines if line.lstrip().startswith(f'{{"id": "{record.id}"')]
        assert {k: v for k, v in json.loads(line.strip().rstrip(",")).items() if k != "page"} == record.data


def test_collection_csv_is_flat(exported):
    _, out, _ = exported
    rows = {r["id"]: r for r in read_csv(out / "entities.csv")}
    subsidiary = rows["filiale-exemple"]
    assert subsidiary["name"] == f"Filiale {HOSTILE}"
    assert subsidiary["summary_en"] == "The group's marketing subsidiary."
    assert subsidiary["owners"] == "groupe-exemple"
    assert subsidiary["identifiers_siren"] == "123456782"
    assert subsidiary["previous_ids"] == "ancienne-filiale"
    assert subsidiary["claims"] == "1" and subsidiary["corrections"] == "2"
    assert list(rows["groupe-exemple"])[-2:] == ["claims", "corrections"]
    dataset = read_csv(out / "datasets.csv")[0]
    assert (dataset["size_value"], dataset["size_unit"], dataset["size_qualifier"]) == \
        ("15000000", "foyers", "more-than")


def test_claims_and_citations_csv(exported):
    _, out, _ = exported
    claims = {r["claim"]: r for r in read_csv(out / "claims.csv")}
    assert claims["loue-des-fichiers"]["page"] == "entites/filiale-exemple/#loue-des-fichiers"
    assert claims["loue-des-fichiers"]["sources"] == "presse-2019"
    citations = read_csv(out / "citations.csv")
    backs = {(c["record"], c["backs"]): c for c in citations}
    assert backs[("filiale-exemple", "owners/0")]["quote"] == "dont elle devient une filiale à 100%"
    assert backs[("filiale-exemple", "claims/loue-des-fichiers")]["source"] == "presse-2019"
    assert backs[("fichier-exemple", "size")]["quote"] == "plus de 15 millions de foyers"
    assert backs[("rachat-2016", "sources")]["source"] == "presse-2016"
    # every citation of the sample, none dropped
    assert len(citations) == sum(text.count("quote:") for text in SAMPLE.values())


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    assert export.spreadsheet_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert export.spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert export.spreadsheet_safe("-3.5") == "-3.5"
    assert export.spreadsheet_safe("Texte normal") == "Texte normal"


def test_sources_bib_parses_and_describes_the_originals(exported):
    _, out, _ = exported
    library = bibtexparser.parse_string((out / "sources.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    entries = {e.key: {f.key: f.value for f in e.fields} | {"type": e.entry_type} for e in library.entries}
    assert set(entries) == {"presse-2016", "presse-2019", "registre-exemple", "relais-2020"}
    article = entries["presse-2019"]
    assert article["type"] == "article"
    assert article["journal"] == "Magazine Exemple"
    assert article["author"] == "{Auteur Exemple}"
    assert article["url"] == "https://presse.example/2019/location?a=1&b=2"
    assert article["year"] == "2019" and article["month"] == "mar"  # a macro: styles print "March"
    assert article["title"] == r"{Location de fichiers </script><script>alert(1)</script> \{\{ 7*7 \}\} \& <b>}"
    assert entries["presse-2016"]["urldate"] == "2026-11-20"
    assert entries["registre-exemple"]["type"] == "misc"
    assert "url" not in entries["registre-exemple"]


def test_graph_json_has_ownership_holding_and_flows(exported):
    _, out, _ = exported
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    # networkx's node-link form: without `directed`, node_link_graph makes an undirected graph
    assert graph["directed"] is True and graph["multigraph"] is True
    assert {n["id"] for n in graph["nodes"]} == {"groupe-exemple", "filiale-exemple", "fichier-exemple"}
    kinds = {n["id"]: n["kind"] for n in graph["nodes"]}
    assert kinds == {"groupe-exemple": "group", "filiale-exemple": "company", "fichier-exemple": "dataset"}
    edges = {(e["source"], e["target"], e["type"]) for e in graph["edges"]}
    assert edges == {("groupe-exemple", "filiale-exemple", "owns"),
                     ("filiale-exemple", "fichier-exemple", "holds"),
                     ("fichier-exemple", "groupe-exemple", "flow")}
    [owns] = [e for e in graph["edges"] if e["type"] == "owns"]
    assert (owns["share"], owns["since"]) == (100, "2016")


def test_graphml_is_well_formed_with_every_edge(exported):
    _, out, _ = exported
    root = ET.parse(out / "graph.graphml").getroot()
    graph = root.find(f"{GRAPHML}graph")
    nodes = {n.get("id") for n in graph.findall(f"{GRAPHML}node")}
    edges = graph.findall(f"{GRAPHML}edge")
    assert len(edges) == 3 and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    keys = {k.get("id") for k in root.findall(f"{GRAPHML}key")}
    for element in graph.iter(f"{GRAPHML}data"):
        assert element.get("key") in keys
    [flow] = [e for e in edges if e.find(f"{GRAPHML}data[@key='edge_type']").text == "flow"]
    assert flow.find(f"{GRAPHML}data[@key='edge_categories']").text == "address"


def test_command_line_refuses_an_invalid_data_set(tmp_path, capsys):
    files = dict(SAMPLE)
    files["entities/groupe-exemple.yaml"] = "id: groupe-exemple\nname: G\nkind: nope\nsummary: s\n"
    data = write_sample(tmp_path, files)
    assert export.main(["--data", str(data), "--out", str(tmp_path / "out")]) == 1
    assert "data/entities/groupe-exemple.yaml:3" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_command_line_writes_the_exports(tmp_path, capsys):
    data = write_sample(tmp_path)
    assert export.main(["--data", str(data), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/sources.bib").is_file()


def test_built_site_publishes_the_exports(sample_site):
    out = sample_site / "donnees"
    library = bibtexparser.parse_string((out / "sources.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks and len(library.entries) == 4
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["collections"]["flows"]] == ["location-exemple"]


def test_events_have_their_place_on_the_timeline_in_the_exports(exported):
    _, out, _ = exported
    [event] = read_csv(out / "events.csv")
    assert event["page"] == "chronologie/#rachat-2016"
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert data["collections"]["events"][0]["page"] == "chronologie/#rachat-2016"


def test_pages_are_absolute_urls_with_the_sites_url(tmp_path):
    loaded, _ = sample_index(tmp_path)
    files = export.export_files(loaded, "https://enquete.example/", "2026-03-02")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["entities.csv"].decode("utf-8")))}
    assert rows["filiale-exemple"]["page"] == "https://enquete.example/entites/filiale-exemple/"
    [event] = csv.DictReader(io.StringIO(files["events.csv"].decode("utf-8")))
    assert event["page"] == "https://enquete.example/chronologie/#rachat-2016"
    claims = list(csv.DictReader(io.StringIO(files["claims.csv"].decode("utf-8"))))
    assert "https://enquete.example/entites/filiale-exemple/#loue-des-fichiers" in {c["page"] for c in claims}
    graph = json.loads(files["graph.json"])
    assert {n["page"] for n in graph["nodes"]} >= {"https://enquete.example/fichiers/fichier-exemple/"}
    data = json.loads(files["data.json"])
    assert data["collections"]["flows"][0]["page"] == "https://enquete.example/flux/location-exemple/"
    # without the site's URL: paths from the site's root, as before
    plain = export.export_files(loaded)
    assert b"https://enquete.example/" not in plain["data.json"]


def test_the_same_data_gives_the_same_bytes(tmp_path):
    loaded, _ = sample_index(tmp_path)
    assert export.export_files(loaded, SITE, "2026-03-02") == export.export_files(loaded, SITE, "2026-03-02")
