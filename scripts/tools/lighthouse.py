"""Lighthouse scores of the built site (a script that prints, not a test).

    python3 -m scripts lighthouse [--site DIR] [--out DIR] [PATH ...]

Builds the site (or takes one built with `mkdocs build -d DIR`), serves it on 127.0.0.1, runs
Lighthouse 12.2.3 (mobile preset, the default) in Debian's Chromium on each page, and prints
the four scores per page. Lighthouse comes from npm into .cache/lighthouse the first time
(`npm i -E lighthouse@12.2.3`; newer versions need Node 22); nothing else is installed.
CHROME_PATH (default /usr/bin/chromium) picks the browser. Exit code 1 when a page is below
the targets (performance 95; accessibility, best practices and SEO 100) or cannot be measured."""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .local_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve_site

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Home, one page of each record kind, every index (issue 5's list).
DEFAULT_PAGES = ("/", "/entites/mediapost/", "/fichiers/bnca/", "/flux/location-fichiers-mediapost-annonceurs/",
                 "/sources/by-jipp-2019-03-21/", "/groupe/", "/entites/", "/fichiers/", "/flux/", "/categories/",
                 "/sources/", "/chronologie/", "/corrections/")
# Headless, and no call home from Chromium itself (the machine may be offline).
CHROME_FLAGS = " ".join(["--headless=new", "--disable-dev-shm-usage", *CHROMIUM_ARGS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m scripts lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PAGES), help="pages to measure (URL paths)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--out", type=Path, help="keep each page's JSON report in this folder")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", CHROMIUM)
    if not Path(chrome).exists():
        print(f"Chromium not found at {chrome}: apt-get install chromium, or set CHROME_PATH", file=sys.stderr)
        return 2
    if not ensure_lighthouse():
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        if site is None:
            return 2
        out = args.out or Path(tmp) / "reports"
        out.mkdir(parents=True, exist_ok=True)
        with serve(site) as base_url:
            rows = [(path, measure(base_url + path, out / report_name(path), chrome)) for path in args.paths]
    print_table(rows)
    return 0 if all(scores and meets_targets(scores) for _, scores in rows) else 1


def ensure_lighthouse() -> bool:
    if LIGHTHOUSE_CLI.exists():
        return True
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE.relative_to(ROOT)} (once)...", file=sys.stderr)
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: install Node.js 18 or 20 (with npm) to run Lighthouse", file=sys.stderr)
        return False
    # A package.json of its own, so that npm installs here and not into the project's.
    manifest = CACHE / "package.json"
    if not manifest.exists():
        manifest.write_text('{"private": true, "description": "Lighthouse for scripts/lighthouse.py"}\n')
    run = subprocess.run([npm, "i", "-E", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                          f"lighthouse@{LIGHTHOUSE_VERSION}"], cwd=CACHE)
    if run.returncode != 0 or not LIGHTHOUSE_CLI.exists():
        print(f"npm could not install lighthouse@{LIGHTHOUSE_VERSION} into {CACHE}", file=sys.stderr)
        return False
    return True


def build_site(site: Path) -> Path | None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        print(f"mkdocs build failed:\n{run.stderr[-4000:]}", file=sys.stderr)
        return None
    return site


class _GzipHandler(QuietHandler):
    """Serves text files gzip-compressed, as GitHub Pages does: Lighthouse weighs what a reader
    downloads, and the plain Python server would send HTML, CSS, JS and the search index raw."""
    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the parent redirects /dir to /dir/
            target = target / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or target.suffix not in self.COMPRESSED
                or not target.is_file()):
            return super().send_head()
        body = gzip.compress(target.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


class serve:
    """The built site on 127.0.0.1 (a free port), for the length of a `with` block."""

    def __init__(self, site: Path):
        self.site = site

    def __enter__(self) -> str:
        self.server, base_url = serve_site(self.site, _GzipHandler)
        return base_url

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def report_name(path: str) -> str:
    return (path.strip("/").replace("/", "_") or "home") + ".json"


def measure(url: str, report: Path, chrome: str) -> dict[str, int] | None:
    """The four scores (0-100) of one page, or None when Lighthouse fails (its error is shown)."""
    command = ["node", str(LIGHTHOUSE_CLI), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    run = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True)
    if run.returncode != 0 or not report.exists():
        print(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}", file=sys.stderr)
        return None
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {}
    for name in CATEGORIES:
        score = result["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    for name, failing in failing_audits(result).items():
        print(f"{url} {name}: {', '.join(failing)}", file=sys.stderr)
    return scores


def failing_audits(result: dict) -> dict[str, list[str]]:
    """Per category below 100, the ids of its weighted audits that lost points."""
    failing = {}
    for name in CATEGORIES:
        category = result["categories"][name]
        if category["score"] is not None and category["score"] < 1:
            failing[name] = [ref["id"] for ref in category["auditRefs"]
                             if ref.get("weight") and (result["audits"][ref["id"]].get("score") or 0) < 1
                             and result["audits"][ref["id"]].get("scoreDisplayMode") not in ("notApplicable", "manual", "informative")]
    return failing


def meets_targets(scores: dict[str, int | None]) -> bool:
    return all(scores.get(name) is not None and scores[name] >= target for name, target in TARGETS.items())


def print_table(rows: list[tuple[str, dict[str, int] | None]]) -> None:
    width = max([len("page")] + [len(path) for path, _ in rows])
    header = f"| {'page'.ljust(width)} | " + " | ".join(CATEGORIES) + " |"
    print(header)
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(name) + 2) for name in CATEGORIES) + "|")
    for path, scores in rows:
        cells = [("n/a" if not scores or scores[name] is None else str(scores[name])).rjust(len(name))
                 for name in CATEGORIES]
        print(f"| {path.ljust(width)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
