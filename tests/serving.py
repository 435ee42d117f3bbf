"""`mkdocs serve` as a contributor runs it (`make serve`), on the fixture data set, for the tests
of what the browser shows while the data are broken and after they are fixed. The config
INHERITs the project's mkdocs.yml with the fixture pages and watches the copied data folder."""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import REPO_ROOT
from scripts.render.pages import INDEX_PAGES
from scripts.tools.bench_serve import forward_lines, free_port, stop, wait_for

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "site"
BROKEN_TO = "to: no-such-record"  # what `break_data` writes in place of the rental flow's `to:`


@dataclass
class Served:
    url: str  # http://127.0.0.1:<port>/
    data: Path  # the data folder the server watches
    lines: queue.Queue  # what mkdocs serve prints, line by line

    def wait_for(self, text: str) -> str:
        """The next line of the server's output that contains `text` (RuntimeError after 5 min)."""
        return wait_for(self.lines, text)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def rental_flow(self) -> Path:
        return self.data / "flows" / "example-rental.yaml"

    def break_data(self) -> int:
        """Point the rental flow at a record that does not exist; the line of the mistake."""
        lines = self.rental_flow().read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines, 1) if text.startswith("to:"))
        self.good = lines[line - 1]
        lines[line - 1] = BROKEN_TO
        self.rental_flow().write_text("\n".join(lines) + "\n", encoding="utf-8")
        return line

    def fix_data(self) -> None:
        text = self.rental_flow().read_text(encoding="utf-8")
        self.rental_flow().write_text(text.replace(BROKEN_TO, self.good), encoding="utf-8")


class IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags (only the nav is needed)."""


IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def generated_pages_elsewhere(nav: list) -> list[dict]:
    """The nav entries of the pages the plugin generates (render/pages.py, INDEX_PAGES) outside
    "L’enquête": the rules' index, the rights tools under "Vos droits"."""
    generated = {page.src_uri for page in INDEX_PAGES}
    return [entry for section in nav if isinstance(section, dict) and "L’enquête" not in section
            for pages in section.values() if isinstance(pages, list) for entry in pages
            if isinstance(entry, dict) and set(entry.values()) & generated]


def serve_config(folder: Path, data: Path) -> Path:
    """A config in `folder` for the fixture pages and the site's index pages, watching `data`."""
    project = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)
    index_pages = [entry for entry in project["nav"] if isinstance(entry, dict) and "L’enquête" in entry]
    docs = folder / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    shutil.copytree(REPO_ROOT / "docs" / "assets", docs / "assets")
    config = {"INHERIT": str(REPO_ROOT / "mkdocs.yml"), "docs_dir": str(docs),
              "theme": {"custom_dir": str(REPO_ROOT / "overrides")}, "watch": [str(data)],
              "nav": [{"Accueil": "index.md"}] + index_pages + generated_pages_elsewhere(project["nav"])}
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@contextmanager
def served(folder: Path, broken: bool = False, lang: str = "en") -> Iterator[Served]:
    """`mkdocs serve` on a copy of the fixture data (broken from the start if asked), its
    messages in `lang`, once it serves; stopped on exit."""
    data = folder / "data"
    shutil.copytree(FIXTURE / "data", data)
    config = serve_config(folder, data)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DATA_DIR=str(data), PARALLEL="off", LANGUAGE=lang)
    env.pop("SITE_URL", None)
    lines: queue.Queue[str] = queue.Queue()
    server = Served(f"http://127.0.0.1:{port}/", data, lines)
    if broken:
        server.break_data()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=REPO_ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", errors="replace")
    threading.Thread(target=forward_lines, args=(process, lines), daemon=True).start()
    try:
        server.wait_for("Serving on")
        yield server
    finally:
        stop(process)
