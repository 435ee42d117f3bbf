"""Building the project's site the way CI does (`mkdocs build --strict` in a subprocess), for
the tests that read a built site (conftest.py's fixtures, the parallel switch)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts import REPO_ROOT

# A GitHub repository URL for the real site under test: Material would make readers' browsers call
# api.github.com for it (stars, forks) unless overrides/partials/source.html stops it.
TEST_REPO_URL = "https://github.com/example/la-poste-donnees"


def build_site(site: Path, strict: bool = True, **environment: str) -> Path:
    """`mkdocs build --strict` of the project into `site`, as CI runs it; `environment` adds to
    (an empty value removes) the build's environment. Not strict: for data sets that lack the
    records the hand-written pages link to (synthetic ones)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    for name, value in environment.items():
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(site)],
                         cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"mkdocs build failed:\n{run.stderr[-4000:]}"
    return site
