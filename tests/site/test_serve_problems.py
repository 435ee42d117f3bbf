"""`make serve` (`mkdocs serve`) on a broken data set: instead of stopping, the server shows the
problems in the browser (`file:line: message`, at the home page, at every page the last good
build had, and for any other address), and builds the site again on the next save once the data
validate. The live-reload script MkDocs adds to every page runs: the pages' Content-Security-
Policy allows it under `mkdocs serve` only. (tests/browser/test_serve_reload.py: the browser
going back and forth by itself.)"""
from __future__ import annotations

import html
import re

import pytest
from serving import served

pytestmark = pytest.mark.slow
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')


def test_a_broken_data_set_is_shown_in_the_browser_until_it_is_fixed(tmp_path):
    with served(tmp_path, broken=True) as server:
        status, page = server.get("")
        assert status == 200
        assert "data/flows/example-rental.yaml:" in page and "unknown id &#39;no-such-record&#39;" in page
        assert "livereload" in page  # MkDocs reloads it after the next build
        assert "<script" not in page.split("livereload")[0].rsplit("</ol>", 1)[0]  # no script of ours
        status, elsewhere = server.get("entites/example-subsidiary/")  # never built yet
        assert status == 404 and "data/flows/example-rental.yaml:" in elsewhere

        server.fix_data()
        server.wait_for("Documentation built")
        server.wait_for("Reloading browsers")
        status, home = server.get("")
        assert status == 200 and "Accueil des tests" in home and "no-such-record" not in home
        status, record = server.get("entites/example-subsidiary/")
        assert status == 200
        assert "'unsafe-inline'" in CSP.search(record)[1]  # the live-reload script may run

        line = server.break_data()
        server.wait_for("the browser shows them until they are fixed")
        server.wait_for("Reloading browsers")
        status, record = server.get("entites/example-subsidiary/")  # a page of the last good build
        assert status == 200
        assert f"data/flows/example-rental.yaml:{line}: to: unknown id" in text_of(record)


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_published_site_keeps_its_strict_policy(real_site):
    policy = CSP.search((real_site / "index.html").read_text(encoding="utf-8"))[1]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy


def test_make_build_prints_no_banner_and_no_plugin_chatter(tmp_path):
    """What `make build` prints on a valid data set: MkDocs' own lines, nothing from Material's
    end-of-life banner (NO_MKDOCS_2_WARNING, set by the Makefile) or from mkdocs-macros."""
    import os
    import shutil
    import subprocess
    import sys

    from serving import FIXTURE, serve_config

    from scripts import REPO_ROOT

    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    config = serve_config(tmp_path, tmp_path / "data")
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: .*\n\t@?NO_MKDOCS_2_WARNING=1 \$\(PY\) -m mkdocs build --strict$", makefile, re.M)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                             "-d", str(tmp_path / "site")], cwd=REPO_ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = (result.stdout + result.stderr).splitlines()
    assert lines and all(line.startswith("INFO    -  ") for line in lines), lines
    assert [line for line in lines if "[macros]" in line or "Material" in line] == []


@pytest.mark.parametrize("lang, refused", [
    ("en", "The data set has 1 problem; fix them and build again:"),
    ("fr", "Les données ont 1 problème ; corrigez-les et relancez la construction :"),
])
def test_make_build_refuses_broken_data_in_the_locale_language(tmp_path, lang, refused):
    import os
    import shutil
    import subprocess
    import sys

    from serving import BROKEN_TO, FIXTURE, serve_config

    from scripts import REPO_ROOT

    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    flow = tmp_path / "data" / "flows" / "example-rental.yaml"
    lines = flow.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("to:"))
    lines[line - 1] = BROKEN_TO
    flow.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = serve_config(tmp_path, tmp_path / "data")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DATA_DIR=str(tmp_path / "data"), LANGUAGE=lang)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
                            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert refused in output
    unknown = {"en": "to: unknown id 'no-such-record'", "fr": "to: identifiant inconnu 'no-such-record'"}[lang]
    assert f"data/flows/example-rental.yaml:{line}: {unknown}" in output
    assert "Traceback" not in output
