"""The La Poste data investigation: load → validate → index → render → export.

Plain Python on plain data; MkDocs is only an adapter (mkdocs_hook.py, macros.py).
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
