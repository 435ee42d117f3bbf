"""One entry point: `python -m scripts <command> [options]`.

Each command lives in the module of its stage; this file only dispatches. It imports nothing
but the standard library before it knows that the project's requirements are there: run with
a Python that lacks them (outside .venv), a command says in one line what to run instead."""
from __future__ import annotations

import importlib
import sys

from .model.messages import LANGUAGES, say, set_language

COMMANDS = {
    "validate": ("scripts.validate.command", "Check every record in data/; exit 1 with the problems."),
    "stats": ("scripts.tools.stats", "Counts per collection, claims by status, sources by kind, the group map."),
    "bench-validate": ("scripts.tools.bench_validate", "Load and validate a synthetic data set; print timings."),
    "new": ("scripts.tools.scaffold", "Write the skeleton of a new record: new entity|dataset|flow|source|rule|event <id>."),
    "vocabulary": ("scripts.tools.vocabulary_doc", "Write (or --check) the vocabulary section of CONTRIBUTING*.md."),
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
# What to run instead when this Python lacks the requirements: `make` installs them in .venv.
MAKE_INSTEAD = {"validate": "make validate", "new": "make new KIND=<kind> ID=<id>"}
MINIMUM_PYTHON = (3, 11)


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m scripts <command> [options]", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def instead(argv: list[str]) -> str:
    """The make command that does what `python -m scripts <argv>` asked for."""
    command, positional = argv[0], [a for a in argv[1:] if not a.startswith("-")]
    if command == "new" and len(positional) >= 2:
        return f"make new KIND={positional[0]} ID={positional[1]}"
    return MAKE_INSTEAD.get(command) or f"make venv`, then `.venv/bin/python -m scripts {command}"


def requirements_hint(argv: list[str], missing: str | None) -> str | None:
    """One line that says what to run when this Python cannot run the project; None when it can."""
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1] if argv[argv.index("--lang") + 1] in LANGUAGES else None)
    if sys.version_info < MINIMUM_PYTHON:
        return say("main.python_version", found=".".join(map(str, sys.version_info[:2])),
                   needed=".".join(map(str, MINIMUM_PYTHON)), instead=instead(argv))
    if missing is not None:
        return say("main.missing_requirements", python=sys.executable, module=missing, instead=instead(argv))
    return None


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    hint = requirements_hint(argv, None)
    if hint is None:
        try:
            module = importlib.import_module(COMMANDS[argv[0]][0])
        except ModuleNotFoundError as error:
            if not error.name or error.name.split(".")[0] == "scripts":
                raise  # a bug of ours, not a missing requirement
            hint = requirements_hint(argv, error.name.split(".")[0])
    if hint is not None:
        print(hint, file=sys.stderr)
        return 2
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
