"""The quote check, end to end: a local web site (tests/quote_pages.py) serves the pages of
tests/fixtures/check_quotes/ and a small data set written in tmp_path cites them. No test
reaches the internet."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from quote_pages import Site, closed_port_url, serving

from scripts.load.quote_checks import quote_check
from scripts.model.quotes import quote_key
from scripts.tools.check_quotes.command import main
from scripts.tools.check_quotes.fetching import Response, http_get

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server():
    with serving() as address:
        yield address


@pytest.fixture
def site(server):
    Site.seen = []
    Site.changing = b"<p>Le fichier est toujours en vente.</p>"
    return server


def source(source_id: str, url: str | None, archive: str | None = None, extra: str = "") -> str:
    lines = ["# yaml-language-server: $schema=../schema/source.json", f"id: {source_id}", "kind: press",
             f"title: Page {source_id}", "publisher: Example Daily"]
    lines += [f"url: {url}"] if url else []
    lines += [f"archive: {archive}"] if archive else []
    return "\n".join(lines + ["language: fr", extra]).rstrip() + "\n"


CITING_ENTITY = """\
# yaml-language-server: $schema=../schema/entity.json
id: example-checked
name: Example Checked
kind: company
summary: Fiche d’exemple dont chaque fait cite une page servie par le test.
claims:
  - id: split-by-tags
    text: Le fichier est loué.
    status: reported
    sources:
      - source: example-tags
        quote: "Le fichier Estocade est loué à des annonceurs sous le nom de CibleFoyers"
  - id: gone
    text: Un paragraphe a disparu.
    status: reported
    sources:
      - source: example-gone
        quote: "les données des clients sont vendues"
  - id: missing
    text: Une page a disparu.
    status: reported
    sources:
      - source: example-missing
        quote: "une page qui n’existe plus"
  - id: latin1
    text: Deux pages en Latin-1.
    status: reported
    sources:
      - source: example-latin1-header
        quote: "L’œuvre de la filiale : un fichier d’adresses de foyers français"
      - source: example-latin1-meta
        quote: "Les données sont hébergées à l’étranger"
  - id: elided
    text: Une citation coupée.
    status: reported
    sources:
      - source: example-elided
        quote: "Les données des clients, […] sont ensuite vendues (...) aux annonceurs du groupe…"
  - id: archived
    text: Lu dans la copie archivée.
    status: reported
    sources:
      - source: example-archived
        quote: "Le registre des traitements n'a jamais été publié."
  - id: pdf
    text: Un rapport en PDF.
    status: reported
    sources:
      - source: example-pdf
        quote: "36 millions de contacts d'adresses"
"""


@pytest.fixture
def data(site, data_tree) -> Path:
    """The base data set, its sources pointed at the local site, plus one entity citing every case."""
    return data_tree({
        "sources/example-press-2019.yaml": source("example-press-2019", f"{site}/apostrophes"),
        "sources/example-press-2016.yaml": source("example-press-2016", f"{site}/old-address"),
        "sources/example-relay-2020.yaml": source("example-relay-2020", f"{site}/relay",
                                                  extra="via: example-press-2019"),
        "sources/example-tags.yaml": source("example-tags", f"{site}/tags"),
        "sources/example-law.yaml": source("example-law", f"{site}/law"),
        "sources/example-gone.yaml": source("example-gone", f"{site}/gone"),
        "sources/example-missing.yaml": source("example-missing", f"{site}/missing"),
        "sources/example-latin1-header.yaml": source("example-latin1-header", f"{site}/latin1-header"),
        "sources/example-latin1-meta.yaml": source("example-latin1-meta", f"{site}/latin1-meta"),
        "sources/example-elided.yaml": source("example-elided", f"{site}/elided"),
        "sources/example-archived.yaml": source("example-archived", closed_port_url(),
                                                archive=f"{site}/archive/article"),
        "sources/example-pdf.yaml": source("example-pdf", f"{site}/report.pdf"),
        "entities/example-checked.yaml": CITING_ENTITY,
    })


def run(data: Path, *options: str, today: str = "2026-03-02") -> tuple[int, dict]:
    """The check on `data`, without pauses; its exit code and the results file it wrote."""
    code = main(["--data", str(data), "--delay", "0", "--timeout", "5", *options], today=today,
                sleep=lambda seconds: None)
    results_file = data / "checks" / "quotes.json"
    return code, json.loads(results_file.read_text(encoding="utf-8")) if results_file.exists() else {}


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_fixture_data_set_is_a_valid_data_set(data: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(data)], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ the whole check, on the local site

def test_every_case_gets_its_verdict_and_the_exit_code_is_1(data: Path, capsys) -> None:
    code, results = run(data)
    out = capsys.readouterr().out
    sources = results["sources"]

    assert code == 1  # a quote is no longer on a page that answered
    found = {s: {k: q["found"] for k, q in v["quotes"].items()} for s, v in sources.items()}
    assert all(found[s] and all(found[s].values()) for s in (
        "example-press-2019", "example-press-2016", "example-tags", "example-latin1-header",
        "example-latin1-meta", "example-elided", "example-archived", "example-pdf"))
    assert list(found["example-gone"].values()) == [False]
    assert sources["example-missing"]["status"] == "unreachable"
    assert sources["example-missing"]["error"] == "url: HTTP 404"
    assert "example-register" not in sources  # no URL: nothing to read
    assert "example-relay-2020" not in sources  # nobody cites it: not fetched
    assert sum(1 for path, _ in Site.seen if path == "/tags") == 1  # example-tags only
    assert "13 found (1 only in the archived copy)" in out  # 7 base citations + 6 cases
    assert "1 not found, 1 not checked (source unreachable), 6 without a URL" in out  # the register: 6 citations


def test_not_found_and_unreachable_are_reported_at_the_line_of_the_quote(data: Path, capsys) -> None:
    run(data)
    lines = capsys.readouterr().out.splitlines()
    entity = data / "entities" / "example-checked.yaml"

    gone = line_of(entity, '"les données des clients sont vendues"')
    missing = line_of(entity, "une page qui n’existe plus")
    [not_found] = [line for line in lines if "quote not found" in line]
    assert not_found.startswith(f"data/entities/example-checked.yaml:{gone}: quote not found at source 'example-gone'")
    assert "/gone" in not_found and "«\u00a0les données des clients sont vendues\u00a0»" in not_found
    [unreachable] = [line for line in lines if "did not answer" in line]
    assert unreachable == (f"data/entities/example-checked.yaml:{missing}: source 'example-missing' did not answer "
                           f"(url: HTTP 404): quote not checked")


def test_github_format_errors_for_not_found_and_warnings_for_unreachable(data: Path, capsys) -> None:
    run(data, "--format", "github")
    out = capsys.readouterr().out.splitlines()
    entity = data / "entities" / "example-checked.yaml"
    assert any(line.startswith(f"::error file=data/entities/example-checked.yaml,line="
                               f"{line_of(entity, 'les données des clients sont vendues')}::quote not found")
               for line in out)
    assert any(line.startswith(f"::warning file=data/entities/example-checked.yaml,line="
                               f"{line_of(entity, 'une page qui n’existe plus')}::source 'example-missing'")
               for line in out)


def test_an_unreachable_source_does_not_fail_the_check(data: Path, capsys) -> None:
    code, results = run(data, "--only", "example-missing", "example-press-2019")
    assert code == 0
    assert set(results["sources"]) == {"example-missing", "example-press-2019"}
    assert "1 not checked (source unreachable)" in capsys.readouterr().out


def test_a_redirect_is_followed_and_the_page_read_is_recorded(data: Path) -> None:
    _, results = run(data, "--only", "example-press-2016")
    entry = results["sources"]["example-press-2016"]
    assert entry["fetched"].endswith("/moved")
    assert [q["at"] for q in entry["quotes"].values()] == [entry["fetched"]]
    assert [path for path, _ in Site.seen] == ["/old-address", "/moved"]


def test_the_archive_is_read_when_the_original_does_not_answer(data: Path, site: str) -> None:
    _, results = run(data, "--only", "example-archived")
    entry = results["sources"]["example-archived"]
    assert entry["status"] == "answered"
    assert entry["fetched"] == f"{site}/archive/article"
    [quote] = entry["quotes"].values()
    assert quote["found"] is True and quote["at"] == f"{site}/archive/article"


def test_the_archive_is_read_when_the_original_lacks_a_quote(data: Path, site: str, data_tree) -> None:
    (data / "sources" / "example-gone.yaml").write_text(
        source("example-gone", f"{site}/gone", archive=f"{site}/elided"), encoding="utf-8")
    (data / "entities" / "example-checked.yaml").write_text(CITING_ENTITY.replace(
        "les données des clients sont vendues", "Les données des clients, collectées lors de chaque distribution"),
        encoding="utf-8")
    code, results = run(data, "--only", "example-gone")
    entry = results["sources"]["example-gone"]
    assert code == 0
    assert entry["fetched"] == f"{site}/gone"  # the original answered...
    assert [q["at"] for q in entry["quotes"].values()] == [f"{site}/elided"]  # ...the archive had the quote
    assert [path for path, _ in Site.seen] == ["/gone", "/elided"]


def test_citations_anywhere_in_a_record_are_checked(data: Path) -> None:
    """Base records cite from size, claims, owners, identifiers, rights and events."""
    _, results = run(data, "--only", "example-press-2019", "example-press-2016")
    assert set(results["sources"]["example-press-2019"]["quotes"]) == {
        quote_key("plus de 15 millions de foyers en mars 2019"), quote_key("La location de nos fichiers d’adresses postales"),
        quote_key("La location de nos fichiers d’adresses postales, de 2016 à mars 2019"),  # entity, flow
        quote_key("une case pour refuser")}  # the file's way out
    assert set(results["sources"]["example-press-2016"]["quotes"]) == {
        quote_key("le 21 mars 2016, elle devient une filiale à 100%")}  # cited by an owner link and an event: one key


def test_requests_say_who_asks(data: Path) -> None:
    run(data, "--only", "example-tags")
    assert Site.seen and all(agent.startswith("LaPosteDataQuoteCheck/") for _, agent in Site.seen)


# ------------------------------------------------------------------ the results file

def test_results_file_format(data: Path, site: str) -> None:
    run(data, today="2026-03-02")
    text = (data / "checks" / "quotes.json").read_text(encoding="utf-8")
    results = json.loads(text)

    assert text.endswith("}\n") and text.startswith('{\n "sources": {\n')
    assert list(results["sources"]) == sorted(results["sources"])
    assert results["sources"]["example-gone"] == {
        "checked": "2026-03-02", "status": "answered", "fetched": f"{site}/gone", "last_answered": "2026-03-02",
        "quotes": {quote_key("les données des clients sont vendues"): {"found": False, "checked": "2026-03-02"}}}
    assert results["sources"]["example-tags"]["quotes"] == {
        quote_key("Le fichier Estocade est loué à des annonceurs sous le nom de CibleFoyers"): {
            "found": True, "checked": "2026-03-02", "last_found": "2026-03-02", "at": f"{site}/tags"}}
    assert results["sources"]["example-missing"] == {
        "checked": "2026-03-02", "status": "unreachable", "error": "url: HTTP 404", "quotes": {}}
    assert json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n" == text


def test_only_merges_with_the_previous_results(data: Path) -> None:
    run(data, today="2026-03-02")
    before = json.loads((data / "checks" / "quotes.json").read_text(encoding="utf-8"))
    run(data, "--only", "example-tags", today="2026-03-09")
    after = json.loads((data / "checks" / "quotes.json").read_text(encoding="utf-8"))

    assert after["sources"]["example-tags"]["checked"] == "2026-03-09"
    assert {k: v for k, v in after["sources"].items() if k != "example-tags"} == \
           {k: v for k, v in before["sources"].items() if k != "example-tags"}


def test_a_full_run_forgets_sources_no_longer_cited(data: Path) -> None:
    run(data)
    (data / "entities" / "example-checked.yaml").write_text(
        CITING_ENTITY.split("  - id: gone")[0], encoding="utf-8")  # only the first claim is left
    run(data)
    sources = json.loads((data / "checks" / "quotes.json").read_text(encoding="utf-8"))["sources"]
    assert "example-tags" in sources and "example-gone" not in sources and "example-pdf" not in sources


def test_last_found_and_changes_across_runs(data: Path, site: str, tmp_path: Path) -> None:
    (data / "sources" / "example-tags.yaml").write_text(source("example-tags", f"{site}/changing"), encoding="utf-8")
    (data / "entities" / "example-checked.yaml").write_text(CITING_ENTITY.replace(
        "Le fichier Estocade est loué à des annonceurs sous le nom de CibleFoyers",
        "Le fichier est toujours en vente"), encoding="utf-8")
    key = quote_key("Le fichier est toujours en vente")
    changes, report = tmp_path / "changes.md", tmp_path / "report.md"

    def week(day: str) -> tuple[int, dict]:
        code, results = run(data, "--only", "example-tags", "--changes", str(changes), "--report", str(report),
                               today=day)
        return code, results["sources"]["example-tags"]["quotes"][key]

    assert week("2026-03-02") == (0, {"found": True, "checked": "2026-03-02", "last_found": "2026-03-02",
                                      "at": f"{site}/changing"})
    assert not changes.exists()  # found, as nothing said otherwise: no change to report

    Site.changing = b"<p>Le fichier a \xc3\xa9t\xc3\xa9 retir\xc3\xa9.</p>"
    assert week("2026-03-09") == (1, {"found": False, "checked": "2026-03-09", "last_found": "2026-03-02"})
    text = changes.read_text(encoding="utf-8")
    assert "newly not found" in text and "example-checked.yaml:" in text and "Le fichier est toujours en vente" in text
    assert "every quote not found" in report.read_text(encoding="utf-8")

    assert week("2026-03-16")[0] == 1
    assert not changes.exists()  # still not found: nothing new

    Site.changing = b"<p>Le fichier est toujours en vente.</p>"
    assert week("2026-03-23") == (0, {"found": True, "checked": "2026-03-23", "last_found": "2026-03-23",
                                      "at": f"{site}/changing"})
    assert "found again" in changes.read_text(encoding="utf-8")


def test_an_unreachable_source_keeps_its_quotes_last_results(data: Path, site: str, tmp_path: Path) -> None:
    run(data, "--only", "example-tags", today="2026-03-02")
    (data / "sources" / "example-tags.yaml").write_text(source("example-tags", f"{site}/missing"), encoding="utf-8")
    changes = tmp_path / "changes.md"
    run(data, "--only", "example-tags", "--changes", str(changes), today="2026-03-09")
    entry = json.loads((data / "checks" / "quotes.json").read_text(encoding="utf-8"))["sources"]["example-tags"]

    assert entry["status"] == "unreachable" and entry["checked"] == "2026-03-09"
    assert entry["last_answered"] == "2026-03-02"
    assert [q["checked"] for q in entry["quotes"].values()] == ["2026-03-02"]  # not looked for since
    assert "newly unreachable" in changes.read_text(encoding="utf-8")


def test_previous_results_may_come_from_another_file(data: Path, tmp_path: Path) -> None:
    """The workflow compares with the results of the open pull request, not only main's."""
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps({"sources": {"example-tags": {"checked": "2026-02-23", "status": "unreachable",
                                                                 "quotes": {}}}}), encoding="utf-8")
    changes = tmp_path / "changes.md"
    run(data, "--only", "example-tags", "--previous", str(previous), "--changes", str(changes))
    assert "answering again" in changes.read_text(encoding="utf-8")


def test_unknown_source_in_only_is_a_usage_error(data: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data", str(data), "--only", "example-nowhere"])
    assert exit_.value.code == 2


def test_report_escapes_markdown_and_mentions(data: Path, tmp_path: Path) -> None:
    (data / "entities" / "example-checked.yaml").write_text(CITING_ENTITY.replace(
        "les données des clients sont vendues", "selon @laposte | <b>rien</b>"), encoding="utf-8")
    report = tmp_path / "report.md"
    run(data, "--only", "example-gone", "--report", str(report))
    text = report.read_text(encoding="utf-8")
    assert "selon @\u200blaposte \\| &lt;b&gt;rien&lt;/b&gt;" in text


# ------------------------------------------------------------------ the reader for the site

def test_quote_check_reads_the_last_result_of_a_citation(data: Path) -> None:
    run(data, today="2026-03-02")
    results = json.loads((data / "checks" / "quotes.json").read_text(encoding="utf-8"))

    found = quote_check(results, "example-tags", "Le fichier Estocade est loué à des annonceurs sous le nom de CibleFoyers")
    assert found["found"] is True and found["checked"] == "2026-03-02" and found["last_found"] == "2026-03-02"
    assert found["source_status"] == "answered"
    # typography does not matter: the key is that of the normalised quote
    assert quote_check(results, "example-archived", "Le registre des traitements n’a jamais été publié.")["found"]
    gone = quote_check(results, "example-gone", "les données des clients sont vendues")
    assert gone["found"] is False and gone["last_found"] is None and gone["checked"] == "2026-03-02"
    missing = quote_check(results, "example-missing", "une page qui n’existe plus")
    assert missing == {"found": None, "checked": None, "last_found": None, "at": None,
                       "source_status": "unreachable", "source_checked": "2026-03-02"}
    assert quote_check(results, "example-tags", "une autre citation") is None
    assert quote_check(results, "example-register", "adresses postales") is None
    assert quote_check({}, "example-tags", "x") is None and quote_check(None, "example-tags", "x") is None


def test_http_get_refuses_other_schemes_and_reports_http_errors(site: str) -> None:
    with pytest.raises(ValueError):
        http_get("file:///etc/passwd", 5)
    assert http_get(f"{site}/missing", 5).status == 404
    page = http_get(f"{site}/old-address", 5)
    assert (page.status, page.url) == (200, f"{site}/moved")
    with pytest.raises(OSError):
        http_get(closed_port_url(), 5)


def test_a_source_that_is_too_slow_is_unreachable(data: Path, site: str, capsys) -> None:
    (data / "sources" / "example-tags.yaml").write_text(source("example-tags", f"{site}/slow"), encoding="utf-8")
    code = main(["--data", str(data), "--only", "example-tags", "--timeout", "0.2", "--delay", "0"],
                sleep=lambda seconds: None)
    assert code == 0
    assert "did not answer (url: no answer (timed out)): quote not checked" in capsys.readouterr().out


def test_a_copy_without_url_is_checked_at_its_original(data_tree) -> None:
    data = data_tree({"sources/example-press-2016.yaml": source(
        "example-press-2016", None, extra="original:\n  title: L’original\n  url: https://example.org/original")})
    asked: list[str] = []

    def fetch(url: str, timeout: float) -> Response:
        asked.append(url)
        return Response(url, 200, "text/html", "<p>le 21 mars 2016, elle devient une filiale à 100%</p>".encode())

    assert main(["--data", str(data), "--only", "example-press-2016", "--no-results"], fetch=fetch,
                sleep=lambda s: None) == 0
    assert asked == ["https://example.org/original"]


def test_a_fake_fetch_can_stand_for_the_network(data_tree, tmp_path: Path) -> None:
    data = data_tree({"sources/example-press-2016.yaml": source("example-press-2016", "https://example.org/a"),
                      "sources/example-press-2019.yaml": source("example-press-2019", "https://example.org/b",
                                                                archive="https://archive.example.org/b"),
                      "sources/example-relay-2020.yaml": None})
    asked: list[str] = []

    def fetch(url: str, timeout: float) -> Response:
        asked.append(url)
        if url == "https://example.org/b":
            raise TimeoutError("timed out")
        body = "<p>le 21 mars 2016, elle devient une filiale à 100%</p><p>plus de 15 millions de foyers en mars 2019</p>"
        return Response(url, 200, "text/html; charset=utf-8", body.encode())

    code = main(["--data", str(data), "--no-results", "--delay", "0"], fetch=fetch, sleep=lambda s: None)
    assert code == 1  # "La location de nos fichiers…" is not in the archived copy
    assert sorted(asked) == ["https://archive.example.org/b", "https://example.org/a", "https://example.org/b",
                             "https://example.org/reglement/article-21"]  # the base data's law
    assert not (data / "checks").exists()
