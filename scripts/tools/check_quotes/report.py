"""What the check says: one line per problem at the line of the quote (text or GitHub
annotations), a summary, and the Markdown of the job summary, the issue and the pull request."""
from __future__ import annotations

from ...model.problems import Problem
from .citations import Citation, Target
from .matching import SourceCheck
from .results import Changes

ISSUE_LIMIT = 60_000  # GitHub refuses an issue body over 65,536 characters


def cell(text: str) -> str:
    """A Markdown table cell: no line break, no `|`, no HTML, no @mention of a GitHub user."""
    text = " ".join(str(text).split())
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "@\u200b")


def short(quote: str, limit: int = 120) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def citation_rows(citations: list[Citation], targets: dict[str, Target], checks: dict[str, SourceCheck]) -> list[str]:
    rows = ["| Fichier (file) | Source | Citation (quote) | Page lue (page read) |", "| --- | --- | --- | --- |"]
    for c in citations:
        check = checks.get(c.source)
        read = (check.fetched if check else None) or (targets[c.source].urls[0][1] if c.source in targets else "")
        rows.append(f"| {cell(c.file)}:{c.line} | {cell(c.source)} | «\u00a0{cell(short(c.quote))}\u00a0» | "
                    f"{cell(read)} |")
    return rows


def source_rows(sources: list[str], targets: dict[str, Target], checks: dict[str, SourceCheck]) -> list[str]:
    rows = ["| Source | Fichier (file) | Réponse (answer) |", "| --- | --- | --- |"]
    for source in sources:
        target = targets.get(source)
        where = f"{cell(target.file)}:{target.line}" if target else ""
        rows.append(f"| {cell(source)} | {where} | {cell(checks[source].error if source in checks else '')} |")
    return rows


def counts(citations: list[Citation], checks: dict[str, SourceCheck], targets: dict[str, Target]) -> dict[str, int]:
    tally = {"citations": len(citations), "sources": len(checks), "found": 0, "not_found": 0, "unreachable": 0,
             "no_url": 0, "archive_only": 0}
    for citation in citations:
        check = checks.get(citation.source)
        if citation.source not in targets or check is None:
            tally["no_url"] += 1
        elif check.status != "answered":
            tally["unreachable"] += 1
        elif check.found(citation.key):
            tally["found"] += 1
            if check.found_at[citation.key][0] == "archive":
                tally["archive_only"] += 1
        else:
            tally["not_found"] += 1
    return tally


def summary_line(tally: dict[str, int]) -> str:
    t = tally
    return (f"{t['citations']} citations, {t['sources']} sources interrogées : {t['found']} trouvées "
            f"(dont {t['archive_only']} dans la seule copie archivée), {t['not_found']} introuvables, "
            f"{t['unreachable']} non vérifiées (source injoignable), {t['no_url']} sans URL "
            f"(*{t['citations']} citations, {t['sources']} sources asked: {t['found']} found "
            f"({t['archive_only']} only in the archived copy), {t['not_found']} not found, "
            f"{t['unreachable']} not checked (source unreachable), {t['no_url']} without a URL*).")


def changes_markdown(changes: Changes, citations: list[Citation], targets: dict[str, Target],
                     checks: dict[str, SourceCheck]) -> list[str]:
    lines = []
    for title, group in (("Citations introuvables depuis la dernière vérification (newly not found)", changes.lost),
                         ("Citations retrouvées (found again)", changes.regained)):
        if group:
            lines += [f"#### {title}", "", *citation_rows(group, targets, checks), ""]
    for title, group in (("Sources devenues injoignables (newly unreachable)", changes.unreachable),
                         ("Sources de nouveau joignables (answering again)", changes.answering)):
        if group:
            lines += [f"#### {title}", "", *source_rows(group, targets, checks), ""]
    return lines


def report_markdown(citations: list[Citation], targets: dict[str, Target], checks: dict[str, SourceCheck],
                    changes: Changes, today: str, limit: int = ISSUE_LIMIT) -> str:
    """The whole report (job summary, issue body): what changed, then what is wrong now."""
    lines = ["## Citations des sources (quote check)", "", f"Vérification du {today} (*checked on {today}*).", "",
             summary_line(counts(citations, checks, targets)), "",
             "### Changements depuis la dernière vérification (changes since the last check)", ""]
    lines += changes_markdown(changes, citations, targets, checks) or ["Aucun (*none*).", ""]
    missing = [c for c in citations if c.source in checks and checks[c.source].found(c.key) is False]
    unreachable = sorted(s for s, check in checks.items() if check.status != "answered")
    if missing:
        lines += ["### Toutes les citations introuvables (every quote not found)", "",
                  *citation_rows(missing, targets, checks), ""]
    if unreachable:
        lines += ["### Toutes les sources injoignables (every unreachable source)", "",
                  *source_rows(unreachable, targets, checks), ""]
    return cut("\n".join(lines) + "\n", limit)


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    end = text.rfind("\n", 0, limit - 200)
    return text[:end] + "\n\n… (liste coupée : voir le résumé du workflow ; *list cut: see the job summary*)\n"


def problems(citations: list[Citation], targets: dict[str, Target],
             checks: dict[str, SourceCheck]) -> list[tuple[str, Problem]]:
    """("error" | "warning", problem) for each citation not found or not checked, at its line."""
    found = []
    for c in citations:
        check = checks.get(c.source)
        if check is None:
            continue
        if check.status != "answered":
            found.append(("warning", Problem(c.file, c.line, f"source '{c.source}' did not answer ({check.error}): "
                                                             f"quote not checked")))
        elif not check.found(c.key):
            read = f"read {check.fetched}" + (f"; {check.error}" if check.error else "")
            found.append(("error", Problem(c.file, c.line, f"quote not found at source '{c.source}' ({read}): "
                                                           f"«\u00a0{short(c.quote, 80)}\u00a0»")))
    return found


def annotation(level: str, problem: Problem) -> str:
    return problem.github().replace("::error ", f"::{level} ", 1)
