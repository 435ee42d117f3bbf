"""The weekly link check: which links it finds, how it classifies answers, what it reports.
No test reaches the internet: a fake fetch, or a server on 127.0.0.1."""
from __future__ import annotations

import threading
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.tools.check_links import (
    Link,
    Result,
    check_links,
    http_status,
    main,
    source_links,
    summary_markdown,
)

SOURCE_WITH_LINKS = """\
id: example-article
kind: press
title: Un article d'exemple
publisher: Exemple Hebdo
language: fr
url: https://example.org/article
archive: https://archive.example.org/article
"""
PRINT_SOURCE = """\
id: example-print
kind: press
title: Un article imprimé
publisher: Exemple Papier
language: fr
"""
SECOND_CITING_SAME_URL = """\
id: example-relay
kind: blog
title: Un relais
publisher: Exemple Blog
language: fr
url: https://example.org/article
"""


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    for name, text in (("example-article", SOURCE_WITH_LINKS), ("example-print", PRINT_SOURCE),
                       ("example-relay", SECOND_CITING_SAME_URL)):
        (sources / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "data"


def link(url: str, source: str = "s", line: int = 3) -> Link:
    return Link(source, "url", url, f"data/sources/{source}.yaml", line)


def test_finds_url_and_archive_of_every_source_at_their_line(data_root: Path) -> None:
    links = source_links(data_root)

    assert [(k.source, k.field, k.url, k.file, k.line) for k in links] == [
        ("example-article", "url", "https://example.org/article", "data/sources/example-article.yaml", 6),
        ("example-article", "archive", "https://archive.example.org/article",
         "data/sources/example-article.yaml", 7),
        ("example-relay", "url", "https://example.org/article", "data/sources/example-relay.yaml", 6),
    ]


def test_classifies_answers_and_asks_each_url_once_with_pauses() -> None:
    answers = {"https://a.example/ok": 200, "https://a.example/moved": 301, "https://a.example/gone": 404,
               "https://a.example/robots-no": 403, "https://a.example/down": 503}
    asked, pauses = [], []

    def fetch(url: str, timeout: float) -> int:
        asked.append((url, timeout))
        if url == "https://a.example/timeout":
            raise urllib.error.URLError(TimeoutError("timed out"))
        if url == "https://a.example/refused":
            raise ConnectionRefusedError("connection refused")
        return answers[url]

    urls = [*answers, "https://a.example/timeout", "https://a.example/refused", "https://a.example/gone"]
    results = check_links([link(u) for u in urls], fetch, timeout=7, pause=0.5, sleep=pauses.append)

    assert [(r.verdict, r.detail) for r in results] == [
        ("ok", "HTTP 200"), ("ok", "HTTP 301"), ("broken", "HTTP 404"), ("refused", "HTTP 403"),
        ("broken", "HTTP 503"), ("broken", "no answer (timed out)"),
        ("broken", "no answer (connection refused)"), ("broken", "HTTP 404")]
    assert [url for url, _ in asked] == urls[:-1]  # the repeated URL is not asked again
    assert {timeout for _, timeout in asked} == {7}
    assert pauses == [0.5] * (len(urls) - 2)  # between requests, not before the first


def test_summary_lists_broken_and_refused_links_with_file_and_line() -> None:
    results = [Result(link("https://ok.example/"), "ok", "HTTP 200"),
               Result(link("https://x.example/a|b", "example-gone", 6), "broken", "HTTP 404"),
               Result(link("https://y.example/", "example-shy", 9), "refused", "HTTP 403")]

    report = summary_markdown(results)

    assert "3 links checked, 1 broken, 1 refused" in report
    assert "| example-gone | url | <https://x.example/a\\|b> | HTTP 404 | data/sources/example-gone.yaml:6 |" in report
    assert "data/sources/example-shy.yaml:9" in report
    assert "ok.example" not in report
    assert report.index("### Cassés") < report.index("### À vérifier")


def test_main_writes_the_job_summary_and_does_not_fail_on_broken_links(data_root: Path, tmp_path: Path,
                                                                       capsys) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    statuses = {"https://example.org/article": 404, "https://archive.example.org/article": 200}

    code = main(["--data", str(data_root), "--summary", str(summary), "--format", "github"],
                fetch=lambda url, timeout: statuses[url], sleep=lambda seconds: None)

    assert code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, as GitHub expects
    assert "3 links checked, 2 broken" in text
    out = capsys.readouterr().out
    assert "::warning file=data/sources/example-article.yaml,line=6::url of source 'example-article'" in out
    assert main(["--data", str(data_root), "--strict"], fetch=lambda url, timeout: statuses[url],
                sleep=lambda seconds: None) == 1


class Handler(BaseHTTPRequestHandler):
    """/ok answers; /no-head refuses HEAD but serves GET; anything else is 404."""

    seen: list[tuple[str, str, str]] = []  # noqa: RUF012 (reset by the fixture)

    def answer(self) -> None:
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/ok" or (self.path == "/no-head" and self.command == "GET"):
            code = 200
        elif self.path == "/no-head":
            code = 405
        else:
            code = 404
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # a proxy set in the environment must not see this
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_status_heads_first_then_gets_when_head_is_refused(local_server: str) -> None:
    assert http_status(f"{local_server}/ok", timeout=5) == 200
    assert http_status(f"{local_server}/missing", timeout=5) == 404
    assert http_status(f"{local_server}/no-head", timeout=5) == 200

    assert [(method, path) for method, path, _ in Handler.seen] == [
        ("HEAD", "/ok"), ("HEAD", "/missing"), ("HEAD", "/no-head"), ("GET", "/no-head")]
    assert all(agent.startswith("LaPosteDataLinkCheck/") for _, _, agent in Handler.seen)
