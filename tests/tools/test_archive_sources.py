"""Archived copies: a local fake of Save Page Now (127.0.0.1) answers in the two documented ways
(SPN2 JSON with keys, headers without), and the record gets `archive:` by a line edit."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote

import pytest
import yaml

from scripts.tools.archive_sources import (
    Candidate,
    EditRefused,
    Saved,
    candidates,
    main,
    save,
    save_anonymously,
    save_with_keys,
    snapshot_from_header,
    with_archive_line,
    yaml_value,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMESTAMP = "20260302101112"
KEYS = {"IA_ACCESS_KEY": "test-access", "IA_SECRET_KEY": "test-secret"}


class FakeSPN(BaseHTTPRequestHandler):
    """Save Page Now as its documentation describes it. `mode` picks the answer:
    spn2 (job pending once, then success), spn2-pending (for ever), spn2-error, spn2-refused, content-location,
    location (a 302), nothing (200, no header), busy (429), elsewhere (a Location off the service)."""

    mode = "spn2"
    seen: list[dict] = []  # noqa: RUF012 (reset by the fixture)
    polls = 0

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode())
        self.record(form)
        if self.path != "/save":
            return self.reply(404)
        if self.headers.get("Authorization") != "LOW test-access:test-secret":
            return self.reply(401, {"status": "error", "message": "You need to be logged in to use Save Page Now."})
        if FakeSPN.mode == "spn2-refused":
            return self.reply(200, {"status": "error", "status_ext": "error:user-session-limit",
                                    "message": "You have already reached the limit of active sessions."})
        return self.reply(200, {"url": form["url"][0], "job_id": "spn2-0123456789abcdef"})

    def do_GET(self) -> None:
        self.record()
        if self.path == "/save/status/spn2-0123456789abcdef":
            FakeSPN.polls += 1
            if FakeSPN.polls == 1 or FakeSPN.mode == "spn2-pending":
                return self.reply(200, {"status": "pending", "job_id": "spn2-0123456789abcdef"})
            if FakeSPN.mode == "spn2-error":
                return self.reply(200, {"status": "error", "status_ext": "error:not-found",
                                        "message": "Server returned a 404 Not Found error."})
            return self.reply(200, {"status": "success", "job_id": "spn2-0123456789abcdef", "timestamp": TIMESTAMP,
                                    "original_url": "https://example.org/article", "duration_sec": 6.2})
        if self.path.startswith("/save/"):
            original = unquote(self.path[len("/save/"):])
            mode = FakeSPN.mode
            if mode == "content-location":
                return self.reply(200, headers={"Content-Location": f"/web/{TIMESTAMP}/{original}"})
            if mode == "location":
                host = self.headers["Host"]
                return self.reply(302, headers={"Location": f"http://{host}/web/{TIMESTAMP}/{original}"})
            if mode == "elsewhere":
                return self.reply(302, headers={"Location": f"https://evil.example/web/{TIMESTAMP}/{original}"})
            if mode == "busy":
                return self.reply(429)
            return self.reply(200)
        return self.reply(404)

    def record(self, form: dict | None = None) -> None:
        FakeSPN.seen.append({"method": self.command, "path": self.path, "form": form or {},
                             "authorization": self.headers.get("Authorization"),
                             "accept": self.headers.get("Accept"), "agent": self.headers.get("User-Agent", "")})

    def reply(self, code: int, payload: dict | None = None, headers: dict | None = None) -> None:
        body = json.dumps(payload).encode() if payload is not None else b"<html>Saving page now</html>"
        self.send_response(code)
        self.send_header("Content-Type", "application/json" if payload is not None else "text/html")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def spn_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeSPN)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def spn(spn_server):
    FakeSPN.mode, FakeSPN.seen, FakeSPN.polls = "spn2", [], 0
    return f"{spn_server}/save"


def no_sleep(seconds: float) -> None:
    pass


# ------------------------------------------------------------------ the two ways of asking

def test_spn2_with_keys_polls_the_job_and_writes_the_capture_it_names(spn: str, spn_server: str) -> None:
    saved = save_with_keys("https://example.org/article", "test-access", "test-secret", spn, timeout=5,
                           poll=0.01, sleep=no_sleep)

    assert saved == Saved(f"{spn_server}/web/{TIMESTAMP}/https://example.org/article",
                          "SPN2 job spn2-0123456789abcdef: success")
    post, *polls = FakeSPN.seen
    assert (post["method"], post["path"], post["form"]) == ("POST", "/save", {"url": ["https://example.org/article"]})
    assert post["authorization"] == "LOW test-access:test-secret" and post["accept"] == "application/json"
    assert [p["path"] for p in polls] == ["/save/status/spn2-0123456789abcdef"] * 2  # pending, then success
    assert all(seen["agent"].startswith("LaPosteDataArchiver/") for seen in FakeSPN.seen)


@pytest.mark.parametrize("mode, detail", [
    ("spn2-error", "SPN2 job spn2-0123456789abcdef: Server returned a 404 Not Found error."),
    ("spn2-refused", "Save Page Now refused the capture: You have already reached the limit of active sessions."),
])
def test_spn2_failures_name_no_capture(spn: str, mode: str, detail: str) -> None:
    FakeSPN.mode = mode
    saved = save_with_keys("https://example.org/article", "test-access", "test-secret", spn, timeout=5, poll=0.01,
                           sleep=no_sleep)
    assert saved == Saved(None, detail)


def test_spn2_gives_up_on_a_job_that_stays_pending(spn: str) -> None:
    FakeSPN.mode = "spn2-pending"
    saved = save_with_keys("https://example.org/article", "test-access", "test-secret", spn, timeout=5, poll=1,
                           max_wait=3, sleep=no_sleep)
    assert saved.snapshot is None and "still pending" in saved.detail


@pytest.mark.parametrize("mode, header", [("content-location", "Content-Location"), ("location", "Location")])
def test_anonymous_save_writes_the_capture_named_by_the_headers(spn: str, spn_server: str, mode: str,
                                                                 header: str) -> None:
    FakeSPN.mode = mode
    saved = save_anonymously("https://example.org/a?b=c", spn, timeout=5)
    assert saved.snapshot == f"{spn_server}/web/{TIMESTAMP}/https://example.org/a?b=c"
    assert header in saved.detail
    [request] = FakeSPN.seen
    assert (request["method"], request["path"], request["authorization"]) == ("GET", "/save/https://example.org/a?b=c",
                                                                              None)


@pytest.mark.parametrize("mode, detail", [
    ("nothing", "without naming a capture"),
    ("busy", "HTTP 429"),
    ("elsewhere", "without naming a capture"),  # a Location off the service is not a capture
])
def test_anonymous_save_without_a_named_capture_saves_nothing(spn: str, mode: str, detail: str) -> None:
    FakeSPN.mode = mode
    saved = save_anonymously("https://example.org/article", spn, timeout=5)
    assert saved.snapshot is None and detail in saved.detail


def test_keys_in_the_environment_choose_spn2(spn: str) -> None:
    FakeSPN.mode = "content-location"
    assert "Content-Location" in save("https://example.org/article", spn, environ={}, timeout=5).detail
    FakeSPN.seen = []
    saved = save("https://example.org/article", spn, environ=KEYS, timeout=5, poll=0.01, sleep=no_sleep)
    assert "SPN2 job" in saved.detail and FakeSPN.seen[0]["method"] == "POST"


def test_no_answer_at_all_is_a_failure_not_an_exception() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert save_anonymously("https://example.org/", f"http://127.0.0.1:{port}/save", timeout=2).snapshot is None
    assert save_with_keys("https://example.org/", "a", "b", f"http://127.0.0.1:{port}/save", timeout=2,
                          sleep=no_sleep).snapshot is None


def test_snapshot_from_header_only_accepts_a_capture_on_the_service() -> None:
    endpoint = "https://web.archive.org/save"
    assert snapshot_from_header(endpoint, "/web/20260302101112/https://example.org/") == \
        "https://web.archive.org/web/20260302101112/https://example.org/"
    for value in (None, "", "/save/https://example.org/", "/web/2026/https://example.org/",
                  "https://evil.example/web/20260302101112/https://example.org/", "/web/20260302101112/ftp://x"):
        assert snapshot_from_header(endpoint, value) is None


# ------------------------------------------------------------------ the line edit

RECORD = """\
# yaml-language-server: $schema=../schema/source.json
id: example-new
kind: press
title: Un nouvel article
publisher: Example Daily
# L'adresse telle que la page l'affiche.
url: https://example.org/new  # lue le 2 mars
language: fr
summary:
  fr: Un article.  # fin
"""


def test_archive_line_goes_after_url_and_keeps_everything_else() -> None:
    edited = with_archive_line(RECORD, 7, "https://web.archive.org/web/20260302101112/https://example.org/new")
    assert edited == RECORD.replace(
        "url: https://example.org/new  # lue le 2 mars\n",
        "url: https://example.org/new  # lue le 2 mars\n"
        "archive: https://web.archive.org/web/20260302101112/https://example.org/new\n")


def test_archive_line_after_a_url_folded_over_lines_with_crlf_and_no_final_newline() -> None:
    text = "id: x\r\nurl: https://example.org/a\r\n  -long-path\r\nlanguage: fr"
    edited = with_archive_line(text, 2, "https://web.archive.org/web/20260302101112/x")
    assert edited == ("id: x\r\nurl: https://example.org/a\r\n  -long-path\r\n"
                      "archive: https://web.archive.org/web/20260302101112/x\r\nlanguage: fr")
    text = "id: x\nurl: https://example.org/a"
    assert with_archive_line(text, 2, "https://s/web/1/x").endswith("url: https://example.org/a\narchive: https://s/web/1/x\n")


def test_a_snapshot_url_yaml_would_misread_is_quoted() -> None:
    odd = "https://web.archive.org/web/20260302101112/https://example.org/a #b"
    assert yaml_value(odd) == f"'{odd}'"
    assert yaml.safe_load(with_archive_line(RECORD, 7, odd))["archive"] == odd
    assert yaml_value("https://example.org/a?b=c&d=e") == "https://example.org/a?b=c&d=e"


def test_the_edit_is_refused_when_it_would_not_be_a_clean_insertion() -> None:
    with pytest.raises(EditRefused):
        with_archive_line(RECORD, 6, "https://s/web/1/x")  # line 6 is a comment, not url:
    with pytest.raises(EditRefused):
        with_archive_line(RECORD.replace("language: fr", "archive: https://old/"), 7, "https://s/web/1/x")


# ------------------------------------------------------------------ the command, on a data set

@pytest.fixture
def data(data_tree) -> Path:
    return data_tree({"sources/example-new.yaml": RECORD})


def test_main_adds_the_archive_the_service_named_and_the_record_still_validates(data: Path, tmp_path: Path,
                                                                                capsys) -> None:
    asked: list[str] = []

    def save_page(url: str) -> Saved:
        asked.append(url)
        return Saved(f"https://web.archive.org/web/{TIMESTAMP}/{url}", "test")

    summary = tmp_path / "body.md"
    assert main(["--data", str(data), "--summary", str(summary)], save_page=save_page, sleep=no_sleep) == 0

    # base sources: example-press-2016, example-relay-2020 and example-law have a url and no archive;
    # 2019 has one
    assert sorted(asked) == ["http://blog.example.net/relais", "https://example.org/2016/rachat",
                             "https://example.org/new", "https://example.org/reglement/article-21"]
    new = (data / "sources" / "example-new.yaml").read_text(encoding="utf-8")
    assert new == RECORD.replace("# lue le 2 mars\n", "# lue le 2 mars\n"
                                 f"archive: https://web.archive.org/web/{TIMESTAMP}/https://example.org/new\n")
    result = subprocess.run([sys.executable, "-m", "scripts", "validate", "--data", str(data)], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 added, 0 not archived" in summary.read_text(encoding="utf-8")
    assert "data/sources/example-new.yaml:7: archive: https://web.archive.org/web/" in capsys.readouterr().out


def test_main_writes_nothing_when_the_service_names_no_capture(data: Path, spn: str, tmp_path: Path) -> None:
    FakeSPN.mode = "nothing"
    before = {p.name: p.read_bytes() for p in (data / "sources").iterdir()}
    summary = tmp_path / "body.md"
    code = main(["--data", str(data), "--endpoint", spn, "--timeout", "5", "--summary", str(summary)], sleep=no_sleep)

    assert code == 0
    assert {p.name: p.read_bytes() for p in (data / "sources").iterdir()} == before
    assert len(FakeSPN.seen) == 4  # asked for each, without keys: the anonymous endpoint
    text = summary.read_text(encoding="utf-8")
    assert "0 added, 4 not archived" in text and "without naming a capture" in text


def test_main_with_the_fake_service_end_to_end(data: Path, spn: str, spn_server: str, monkeypatch) -> None:
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    main(["--data", str(data), "--endpoint", spn, "--only", "example-new", "--timeout", "5"], sleep=no_sleep)
    record = yaml.safe_load((data / "sources" / "example-new.yaml").read_text(encoding="utf-8"))
    # the fake answers original_url https://example.org/article: the capture it named is written as is
    assert record["archive"] == f"{spn_server}/web/{TIMESTAMP}/https://example.org/article"


def test_the_time_budget_leaves_the_rest_for_the_next_run(data: Path, capsys) -> None:
    now = [0.0]
    asked: list[str] = []

    def save_page(url: str) -> Saved:
        asked.append(url)
        now[0] += 100  # each capture takes 100 s
        return Saved(None, "test")

    main(["--data", str(data), "--budget", "150"], save_page=save_page, sleep=no_sleep, clock=lambda: now[0])
    assert len(asked) == 2  # started at 0 s and 100 s; at 200 s the budget of 150 s is spent
    assert "2 source(s) left for the next run" in capsys.readouterr().out


def test_dry_run_asks_nothing(data: Path, capsys) -> None:
    def save_page(url: str) -> Saved:
        raise AssertionError("asked")

    assert main(["--data", str(data), "--dry-run"], save_page=save_page) == 0
    assert "4 source(s) without an archive" in capsys.readouterr().out


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_since_considers_only_the_sources_added_or_changed_since_that_commit(data_tree, tmp_path: Path) -> None:
    data = data_tree()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    first = git(tmp_path, "rev-parse", "HEAD")
    (data / "sources" / "example-new.yaml").write_text(RECORD, encoding="utf-8")
    relay = data / "sources" / "example-relay-2020.yaml"
    relay.write_text(relay.read_text(encoding="utf-8").replace("title: Relais", "title: Le relais"), encoding="utf-8")
    (data / "entities" / "example-group.yaml").write_text(
        (data / "entities" / "example-group.yaml").read_text(encoding="utf-8") + "aliases: [EG]\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "new source, changed source")

    asked: list[str] = []

    def save_page(url: str) -> Saved:
        asked.append(url)
        return Saved(None, "test")

    main(["--data", str(data), "--since", first], save_page=save_page, sleep=no_sleep)
    assert sorted(asked) == ["http://blog.example.net/relais", "https://example.org/new"]  # not 2016's

    asked.clear()  # an unknown commit (a first push): the previous commit instead
    main(["--data", str(data), "--since", "0" * 40], save_page=save_page, sleep=no_sleep)
    assert sorted(asked) == ["http://blog.example.net/relais", "https://example.org/new"]


def test_candidates_skip_sources_with_an_archive_or_without_a_url(data: Path) -> None:
    found = candidates(data)
    assert all(isinstance(c, Candidate) for c in found)
    assert sorted(c.source for c in found) == ["example-law", "example-new", "example-press-2016", "example-relay-2020"]
    assert [c.url_line for c in found if c.source == "example-new"] == [7]
    assert [c.source for c in candidates(data, only=["example-new"])] == ["example-new"]
    assert candidates(data, files={"example-register.yaml"}) == []
