"""MkDocs is an adapter: the pipeline's stages (load, validate, index, render, outputs) run
without it, and one module of the project imports it (scripts/site/plugin.py). Moving to
another generator (a fork of MkDocs, Zensical) then means rewriting that module only."""
from __future__ import annotations

import ast
import subprocess
import sys

from scripts import REPO_ROOT

CORE = ["scripts.load", "scripts.validate", "scripts.validate.command", "scripts.index", "scripts.render.pages",
        "scripts.render.metadata", "scripts.render.citations", "scripts.render.diagrams", "scripts.outputs.exports",
        "scripts.outputs.feeds", "scripts.outputs.redirects", "scripts.outputs.search", "scripts.outputs.pagefind",
        "scripts.outputs.sitemap", "scripts.site.build", "scripts.site.macros", "scripts.site.parallel.shared_pages",
        "scripts.site.parallel.per_folder"]
ADAPTER = "scripts/site/plugin.py"

WITHOUT_MKDOCS = """
import importlib, sys
class NoMkDocs:
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError(f"{name} imported by a stage of the pipeline")
sys.meta_path.insert(0, NoMkDocs())
for module in sys.argv[1:]:
    importlib.import_module(module)
from scripts.validate import check
from scripts.index import build_index
from scripts.render import pages
from scripts.render.environment import Site
index = build_index(check())
record = pages.record_pages(index)[0]
assert "<h1" in pages.record_body(record, index, Site("Test"))
print("ok")
"""


def test_every_stage_runs_where_mkdocs_cannot_be_imported():
    result = subprocess.run([sys.executable, "-c", WITHOUT_MKDOCS, *CORE], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_one_module_imports_mkdocs():
    importers = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "scripts").rglob("*.py")
                       if any(name == "mkdocs" or name.startswith("mkdocs.") for name in imports_of(path)))
    assert importers == [ADAPTER]


def test_the_plugin_reaches_into_no_private_part_of_mkdocs():
    """No private attribute, no private function, no log text matched."""
    source = (REPO_ROOT / ADAPTER).read_text(encoding="utf-8")
    tree = ast.parse(source)
    private = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
               and node.attr.startswith("_") and not node.attr.startswith("__")]
    assert private == []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mkdocs"):
            assert not any(alias.name.startswith("_") for alias in node.names), node.module
    assert "getLogger(\"mkdocs.commands" not in source and "addFilter" not in source
