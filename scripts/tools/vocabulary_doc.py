"""`python -m scripts vocabulary [--check]`: write the vocabulary section of CONTRIBUTING.md (in
French) and CONTRIBUTING.en.md (in English) from the schemas (scripts/model/meanings.py), between
its two markers; `--check` writes nothing and exits 1 when a guide is out of date (a test runs it)."""
from __future__ import annotations

import argparse
import re

from .. import REPO_ROOT
from ..model.meanings import markdown

GUIDES = {"fr": REPO_ROOT / "CONTRIBUTING.md", "en": REPO_ROOT / "CONTRIBUTING.en.md"}
START = "<!-- vocabulary: generated from data/schema/ by `python -m scripts vocabulary`; edit the schemas, not this -->"
END = "<!-- /vocabulary -->"
SECTION = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.DOTALL)


def with_section(text: str, lang: str) -> str:
    """The guide's text with its generated section up to date; ValueError without the markers."""
    if not SECTION.search(text):
        raise ValueError(f"the markers {START!r} ... {END!r} are missing")
    return SECTION.sub(lambda _: f"{START}\n\n{markdown(lang)}\n{END}", text, count=1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts vocabulary", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a guide is out of date")
    args = parser.parse_args(argv)
    stale = []
    for lang, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        try:
            updated = with_section(text, lang)
        except ValueError as error:
            print(f"{path.name}: {error}")
            return 1
        if updated != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(updated, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}: run `python -m scripts vocabulary`")
        return 1
    print(f"{'wrote' if stale else 'up to date'}: {', '.join(stale) or ', '.join(p.name for p in GUIDES.values())}")
    return 0
