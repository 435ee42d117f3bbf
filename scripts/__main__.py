"""One entry point: `python -m scripts <command> [options]`.

Each command lives in the module of its stage; this file only dispatches."""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "validate": ("scripts.validate.command", "Check every record in data/; exit 1 with the problems."),
    "stats": ("scripts.tools.stats", "Counts per collection, claims by status, sources by kind, the group map."),
    "bench-validate": ("scripts.tools.bench_validate", "Load and validate a synthetic data set; print timings."),
    "new": ("scripts.tools.scaffold", "Write the skeleton of a new record: new entity|dataset|flow|source|event <id>."),
    "export": ("scripts.outputs.exports", "Write the JSON / CSV / BibTeX / graph exports."),
    "synth": ("scripts.tools.synth", "Write a synthetic data set that validates: synth --records N --out DIR."),
    "bench": ("scripts.tools.bench", "Build a synthetic site and compare with stock MkDocs-Material."),
    "bench-serve": ("scripts.tools.bench_serve", "Time `mkdocs serve` rebuilding after a data file is saved."),
    "lighthouse": ("scripts.tools.lighthouse", "Lighthouse (mobile) scores of the main pages; needs Chromium and npm."),
    "check-links": ("scripts.tools.check_links", "Check every source url/archive; report broken ones (weekly workflow)."),
    "check-quotes": ("scripts.tools.check_quotes.command",
                     "Check that every quote is still on its source; results in data/checks/quotes.json."),
    "archive-sources": ("scripts.tools.archive_sources",
                        "Ask Save Page Now for a copy of each source without an archive; write it as archive:."),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m scripts <command> [options]", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
