"""Exports: data.json round-trips the records, CSVs are flat and spreadsheet-safe, sources.bib
parses with bibtexparser, graph.json / graph.graphml hold ownership, holding and flows."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import bibtexparser
import pytest
from sample import HOSTILE, SAMPLE, sample_index, write_sample

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
        "claims.csv", "citations.csv", "sources.bib", "graph.json", "graph.graphml"])
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
    assert article["year"] == "2019" and article["month"] == "3"
    assert article["title"] == r"Location de fichiers </script><script>alert(1)</script> \{\{ 7*7 \}\} \& <b>"
    assert entries["presse-2016"]["urldate"] == "2026-11-20"
    assert entries["registre-exemple"]["type"] == "misc"
    assert "url" not in entries["registre-exemple"]


def test_graph_json_has_ownership_holding_and_flows(exported):
    _, out, _ = exported
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in graph["nodes"]} == {"groupe-exemple", "filiale-exemple", "fichier-exemple"}
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
