"""Smoke test of the benchmark at a tiny size, and of how it counts the bytes before a first search.
No timing is asserted: the benchmark prints figures, the tests check that it produces them."""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest

from scripts.tools import bench, bench_search


def test_bench_runs_end_to_end_at_two_tiny_sizes(tmp_path, capsys):
    code = bench.main(["--records", "12,24", "--keep", str(tmp_path), "--no-browser"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("validation: ") == 2 and "(0 problems)" in out
    assert out.count("floor: ") == 2 and "growth 12 -> 24 records (x2)" in out
    assert "before first search results" in out and "EXTERNAL" not in out
    if bench.our_site_available():
        assert out.count("ratio: ") == 2
        assert "record page average:" in out
        assert any((tmp_path / "records-24" / "site" / segment).is_dir() for segment in bench.RECORD_SEGMENTS)
    assert (tmp_path / "records-24" / "floor" / "site" / "search" / "search_index.json").is_file()


def test_repeated_runs_alternate_and_report_medians(tmp_path, capsys):
    code = bench.main(["--records", "12", "--keep", str(tmp_path), "--no-browser", "--repeat", "2"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "floor: " in out and out.count("; median of 2 runs: ") == (2 if bench.our_site_available() else 1)
    if bench.our_site_available():
        assert re.search(r"ratio: \d+\.\d\d \(median of 2: \d+\.\d\d, \d+\.\d\d\)", out), out


def test_the_ratio_is_the_median_of_the_ratios_of_consecutive_runs():
    result = bench.Result(10, {})
    result.build_runs = [bench.Run(seconds, 100, True) for seconds in (10.0, 36.0, 20.0)]
    result.floor_runs = [bench.Run(seconds, 100, True) for seconds in (10.0, 12.0, 10.0)]
    assert result.ratio() == 2.0  # pairs 1.0, 3.0, 2.0; the ratio of the medians would be 2.0 too, by chance
    result.floor_runs[1] = bench.Run(24.0, 100, True)
    assert result.ratio() == 1.5  # pairs 1.0, 1.5, 2.0; the ratio of the medians is 20 / 10 = 2.0
    result.build_runs[0] = bench.Run(1.0, 100, False)
    assert result.ratio() == 1.75  # a failed run counts for nothing
    assert bench.typical(result.build_runs).ok is False


def test_the_floor_keeps_its_pages_out_of_the_navigation(tmp_path):
    run = bench.build_floor(3, tmp_path)
    assert run.ok, run.log
    home = (tmp_path / "floor" / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "floor" / "site" / "p" / "page-2" / "index.html").is_file()
    assert "page-2" not in home
    assert run.peak_mb > 0


def fake_site(root, search_index: bytes, extra_home: str = ""):
    (root / "assets").mkdir(parents=True)
    (root / "search").mkdir()
    (root / "assets" / "app.js").write_bytes(b"a" * 1000)
    (root / "assets" / "style.css").write_bytes(b"c" * 500)
    (root / "assets" / "worker.js").write_bytes(b"w" * 300)
    (root / "search" / "search_index.json").write_bytes(search_index)
    config = json.dumps({"base": ".", "search": "assets/worker.js"})
    home = (f'<html><head><link rel="stylesheet" href="assets/style.css">{extra_home}</head><body>'
            f'<script id="__config" type="application/json">{config}</script>'
            f'<script src="assets/app.js"></script></body></html>')
    (root / "index.html").write_text(home, encoding="utf-8")
    return len(home.encode())


def test_lunr_search_counts_home_assets_whole_index_and_worker(tmp_path):
    home = fake_site(tmp_path, b"{" + b"x" * 4000 + b"}")
    counted = bench_search.search_download(tmp_path)
    assert counted["bytes"] == home + 1000 + 500 + 300 + 4002
    assert counted["files"] == 5 and counted["external"] == 0
    assert counted["gzip_bytes"] < counted["bytes"]


def test_a_request_to_another_host_is_reported(tmp_path):
    fake_site(tmp_path, b"{}", '<link rel="stylesheet" href="https://fonts.example.com/x.css">')
    assert bench_search.search_download(tmp_path)["external"] == 1


def test_pagefind_bundle_counts_two_chunks_and_six_typical_fragments(tmp_path):
    fake_site(tmp_path, b"{}")
    (tmp_path / "search" / "search_index.json").unlink()
    bundle = tmp_path / "pagefind"
    (bundle / "index").mkdir(parents=True)
    (bundle / "fragment").mkdir()
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind.abc.pf_meta"):
        (bundle / name).write_bytes(b"p" * 100)
    (bundle / "wasm.fr.pagefind").write_bytes(gzip.compress(b"m" * 50))
    for n, size in enumerate((10, 900, 20, 15)):
        (bundle / "index" / f"i{n}.pf_index").write_bytes(b"i" * size)
    for n in range(8):
        (bundle / "fragment" / f"f{n}.pf_fragment").write_bytes(b"f" * (10 + n))
    files, _ = bench_search.first_search_files(tmp_path)
    names = [p.name for p in files]
    assert {"i1.pf_index", "i2.pf_index", "pagefind-worker.js", "wasm.fr.pagefind"} <= set(names)
    assert "i0.pf_index" not in names
    fragments = [name for name in names if name.endswith(".pf_fragment")]
    assert len(fragments) == 6 and "f0.pf_fragment" not in fragments and "f7.pf_fragment" not in fragments


@pytest.mark.browser
@pytest.mark.skipif(not Path(bench_search.CHROMIUM).exists(), reason=f"no Chromium at {bench_search.CHROMIUM}")
def test_the_browser_measures_what_material_search_fetches(tmp_path):
    assert bench.build_floor(3, tmp_path).ok
    site = tmp_path / "floor" / "site"
    measured = bench_search.browser_search_download(site, "page")
    assert measured is not None and measured["external"] == 0
    assert measured["bytes"] > (site / "search" / "search_index.json").stat().st_size
    assert measured["how"].startswith("measured")


@pytest.mark.parametrize("text", ["", "abc", "1000,x", "3"])
def test_sizes_must_be_numbers_large_enough(text):
    with pytest.raises(argparse.ArgumentTypeError):
        bench.parse_sizes(text)


# -- the search index the bench measures (scripts/search_index.py) -------------------------------

def test_record_documents_hold_name_summary_and_claims_and_events_point_to_the_timeline(tmp_path):
    from scripts.load import load_data
    from scripts.outputs.search import record_documents
    from scripts.tools import synth

    counts = synth.write_dataset(tmp_path, 40, seed=2)
    records = load_data(tmp_path / "data").records
    documents = record_documents(records)
    assert len(documents) == sum(counts.values())
    entity = next(r for r in records if r.collection == "entities" and r.data.get("claims"))
    document = next(d for d in documents if d.path == f"entites/{entity.id}/")
    assert document.title == entity.data["name"]
    claim = entity.data["claims"][0]["text"]
    assert (claim if isinstance(claim, str) else claim["fr"]) in document.texts
    event = next(r for r in records if r.collection == "events")
    [at_its_place] = [d for d in documents if d.path == f"chronologie/#{event.id}"]
    assert at_its_place.title == event.title()  # its French title, not the {fr, en} mapping
    source = next(d for d in documents if d.path.startswith("sources/"))
    assert document.weight > at_its_place.weight > source.weight  # a company before an event before an article


@pytest.mark.skipif(not importlib.util.find_spec("pagefind_bin"), reason="pip install 'pagefind[bin]==1.5.2'")
def test_search_index_uses_documents_for_record_pages_and_full_text_elsewhere(tmp_path):
    from scripts.outputs.pagefind import build_search_index
    from scripts.outputs.search import SearchDocument, fragments

    assert bench.build_floor(3, tmp_path).ok
    site = tmp_path / "floor" / "site"
    quote = "<script>alert(1)</script> « citation » longue"
    build_search_index(site, [SearchDocument("p/page-1/", "Fiche d’essai", ["Résumé livraisons", quote])])
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]  # from <html lang="fr">: French stemming
    assert entry["languages"]["fr"]["page_count"] == sum(1 for _ in site.glob("**/index.html"))
    pages = fragments(site / "pagefind")
    assert pages["/p/page-1/"]["meta"]["title"] == "Fiche d’essai"
    assert "Résumé livraisons" in pages["/p/page-1/"]["content"]
    assert "<script>" in pages["/p/page-1/"]["content"]  # indexed as text, not markup
    assert "Une page simple" in pages["/p/page-2/"]["content"]  # other pages: in full
    assert "Une page simple" not in pages["/p/page-1/"]["content"]
    assert not (site / "p" / "page-1" / "index.html").read_text(encoding="utf-8").count("Fiche d’essai")


def test_a_dash_joining_two_words_is_indexed_spaced_and_shown_as_written():
    from scripts.outputs.search import SearchDocument, document_html

    page = document_html(SearchDocument("sources/x/", "Rapprochement Mediapost–Delta Diffusion <b>",
                                        ["Accord Mediapost—Delta", "Île-de-France"]))
    assert 'data-title="Rapprochement Mediapost–Delta Diffusion &lt;b&gt;"' in page  # the result's title
    assert ">Rapprochement Mediapost – Delta Diffusion &lt;b&gt;</h1>" in page
    assert "<p>Accord Mediapost — Delta</p>" in page
    assert "<p>Île-de-France</p>" in page  # hyphens are part of words and names


def test_search_index_refuses_a_folder_without_a_site(tmp_path):
    from scripts.outputs.pagefind import build_search_index
    from scripts.outputs.search import SearchIndexError

    with pytest.raises(SearchIndexError, match="no built site"):
        build_search_index(tmp_path)


@pytest.mark.skipif(not importlib.util.find_spec("pagefind_bin"), reason="pip install 'pagefind[bin]==1.5.2'")
def test_search_index_fails_clearly_when_pagefind_stops(tmp_path):
    from scripts.outputs.pagefind import PagefindIndexer
    from scripts.outputs.search import SearchIndexError

    assert bench.build_floor(1, tmp_path).ok
    indexer = PagefindIndexer([])
    indexer.process.kill()
    indexer.process.wait()
    with pytest.raises(SearchIndexError, match="Pagefind"):
        indexer.add_built_pages(tmp_path / "floor" / "site")
        indexer.write_bundle(tmp_path / "floor" / "site" / "pagefind")
        indexer.wait_written()
    assert indexer.process.poll() is not None


@pytest.mark.skipif(not importlib.util.find_spec("pagefind_bin"), reason="pip install 'pagefind[bin]==1.5.2'")
def test_the_indexer_process_writes_the_bundle_or_says_why_not(tmp_path):
    from scripts.outputs.pagefind import IndexerProcess
    from scripts.outputs.search import SearchDocument, SearchIndexError

    documents = [SearchDocument("entites/x/", "Filiale X", ["Résumé"], ["X SA"], 10.0)]
    indexer = IndexerProcess(documents)
    indexer.add_page("/", '<html lang="fr"><body><article class="md-content__inner"><h1>Accueil</h1></article></body></html>')
    indexer.write_bundle(tmp_path / "site" / "pagefind")
    indexer.wait_written()
    entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fr"]["page_count"] == 2

    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    indexer = IndexerProcess(documents)
    indexer.write_bundle(tmp_path / "not-a-folder" / "pagefind")
    with pytest.raises(SearchIndexError, match="cannot write the bundle"):
        indexer.wait_written()
