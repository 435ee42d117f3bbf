"""<head> metadata of record pages: Highwire citation_* tags (Zotero), Dublin Core, Open Graph
and schema.org JSON-LD, parsed back from the HTML; hostile text stays inert.

`sample_index` builds a tiny data set through the real loader and index; the other citation-kit
tests import it from here."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.index import build_index
from scripts.load import load_data
from scripts.metadata import head_html, json_ld_script, sibling_url

HOSTILE = "</script><script>alert(1)</script> {{ 7*7 }} & <b>"
SITE = "https://enquete.example/"

SAMPLE = {
    "entities/groupe-exemple.yaml": """\
id: groupe-exemple
name: Groupe Exemple
kind: group
summary: Groupe imaginaire des tests.
""",
    "entities/filiale-exemple.yaml": f"""\
id: filiale-exemple
previous_ids: [ancienne-filiale]
name: 'Filiale {HOSTILE}'
kind: company
aliases: [Filiale SA]
summary:
  fr: 'Filiale *marketing* du groupe {HOSTILE}'
  en: The group's marketing subsidiary.
website: https://filiale.example
owners:
  - owner: groupe-exemple
    share: 100
    since: 2016
    sources:
      - source: presse-2016
        quote: "dont elle devient une filiale à 100%"
identifiers:
  siren: "123456782"
  wikidata: Q42
  sources:
    - source: registre-exemple
      quote: "SIREN 123 456 782"
claims:
  - id: loue-des-fichiers
    text: 'Loue des fichiers d’adresses {HOSTILE}'
    status: reported
    sources:
      - source: presse-2019
        quote: "La location de nos fichiers d’adresses postales"
corrections:
  - date: 2026-03-02
    note: {{fr: "Part du capital corrigée (90 % → 100 %)."}}
  - date: 2026-03-02
    note: "Seconde correction le même jour."
""",
    "datasets/fichier-exemple.yaml": """\
id: fichier-exemple
name: Fichier d’adresses exemple
summary: Un fichier imaginaire.
holder: filiale-exemple
categories: [address]
size:
  value: 15000000
  unit: foyers
  qualifier: more-than
  sources:
    - source: presse-2019
      quote: "plus de 15 millions de foyers"
claims:
  - id: contient-des-adresses
    text: Contient des adresses postales.
    status: documented
    sources:
      - source: registre-exemple
        quote: "adresses postales"
corrections:
  - date: 2025
    note: Taille précisée.
""",
    "flows/location-exemple.yaml": """\
id: location-exemple
name: Location du fichier
from: fichier-exemple
to: groupe-exemple
categories: [address]
mechanism: rental
legal_basis: unknown
status: reported
claims:
  - id: loue
    text: Le fichier est loué.
    status: reported
    sources:
      - source: presse-2019
        quote: "La location de nos fichiers"
""",
    "sources/presse-2016.yaml": """\
id: presse-2016
kind: press
title: La filiale rejoint le groupe
publisher: Quotidien Exemple
published: 2016-03-21
url: https://presse.example/2016/rachat
accessed: 2026-11-20
language: fr
""",
    "sources/presse-2019.yaml": f"""\
id: presse-2019
kind: trade-press
title: 'Location de fichiers {HOSTILE}'
publisher: Magazine Exemple
authors: [Auteur Exemple]
published: 2019-03
url: https://presse.example/2019/location?a=1&b=2
archive: https://archive.example/2019/location
accessed: 2026-11-21
language: fr
""",
    "sources/registre-exemple.yaml": """\
id: registre-exemple
kind: register
title: Fiche de l’entreprise
publisher: Registre Exemple
language: fr
""",
    "sources/relais-2020.yaml": """\
id: relais-2020
kind: blog
title: Relais de l’article
publisher: Blog Exemple
published: 2020
url: https://blog.example/relais
language: fr
via: presse-2019
""",
    "events/rachat-2016.yaml": """\
id: rachat-2016
date: 2016-03-21
title: Rachat de la filiale
sources:
  - source: presse-2016
    quote: "dont elle devient une filiale à 100%"
corrections:
  - date: 2026-04
    note: Date précisée.
""",
    "categories.yaml": """\
categories:
  - id: address
    label: Adresse postale
""",
}


def write_sample(root: Path, files: dict[str, str] = SAMPLE) -> Path:
    data = root / "data"
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


def sample_index(root: Path):
    """(loaded, index) of the sample data set written under `root`."""
    loaded = load_data(write_sample(root))
    assert not loaded.problems, loaded.problems
    return loaded, build_index(loaded)


class HeadParser(HTMLParser):
    """Collects <meta> tags (name/property -> list of contents) and JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "script":
            self._in_script = attrs
            self.scripts.append((attrs, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            attrs, text = self.scripts[-1]
            if attrs.get("type") == "application/ld+json":
                self.json_ld.append(text)
            self._in_script = None


def parse_head(html_text: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(html_text)
    parser.close()
    return parser


@pytest.fixture
def sample(tmp_path):
    return sample_index(tmp_path)


def page_url(record) -> str:
    segment = {"entities": "entites", "datasets": "fichiers", "flows": "flux", "sources": "sources"}
    return f"{SITE}{segment[record.collection]}/{record.id}/"


def head_of(sample, record_id, updated="2026-03-02"):
    _, index = sample
    record = index.records[record_id]
    return parse_head(head_html(record, index, page_url(record), updated, "Site Exemple"))


def test_entity_meta_tags_read_by_zotero_dublin_core_and_open_graph(sample):
    head = head_of(sample, "filiale-exemple")
    title = f"Filiale {HOSTILE}"
    assert head.meta["citation_title"] == [title]
    assert head.meta["citation_publication_date"] == ["2026/03/02"]
    assert head.meta["citation_public_url"] == [f"{SITE}entites/filiale-exemple/"]
    assert head.meta["citation_language"] == ["fr"]
    assert head.meta["DC.title"] == [title]
    assert head.meta["DC.date"] == ["2026-03-02"]
    assert head.meta["DC.language"] == ["fr"]
    assert head.meta["DC.publisher"] == ["Site Exemple"]
    assert head.meta["og:title"] == [title]
    assert head.meta["og:url"] == [f"{SITE}entites/filiale-exemple/"]
    assert head.meta["og:site_name"] == ["Site Exemple"]
    assert head.meta["og:locale"] == ["fr_FR"]
    # the summary without its Markdown emphasis
    assert head.meta["og:description"] == [f"Filiale marketing du groupe {HOSTILE}"]


def test_entity_json_ld_is_an_organization_with_its_sources(sample):
    head = head_of(sample, "filiale-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    assert document["@type"] == "WebPage"
    assert document["dateModified"] == "2026-03-02"
    organization = document["mainEntity"]
    assert organization["@type"] == "Organization"
    assert organization["name"] == f"Filiale {HOSTILE}"
    assert organization["url"] == "https://filiale.example"
    assert organization["identifier"]["value"] == "123456782"
    assert organization["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert organization["parentOrganization"] == [
        {"@type": "Organization", "name": "Groupe Exemple", "url": f"{SITE}entites/groupe-exemple/"}]
    # every cited source, in order of first citation, once; the register has no URL
    assert [c["name"] for c in document["citation"]] == [
        "La filiale rejoint le groupe", "Fiche de l’entreprise", f"Location de fichiers {HOSTILE}"]
    assert document["isBasedOn"] == ["https://presse.example/2016/rachat",
                                     "https://presse.example/2019/location?a=1&b=2"]


def test_dataset_json_ld_is_a_dataset(sample):
    head = head_of(sample, "fichier-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    dataset = document["mainEntity"]
    assert dataset["@type"] == "Dataset"
    assert dataset["name"] == "Fichier d’adresses exemple"
    assert dataset["maintainer"]["name"] == f"Filiale {HOSTILE}"
    assert dataset["maintainer"]["url"] == f"{SITE}entites/filiale-exemple/"
    assert dataset["size"]["value"] == 15000000
    assert head.meta["DC.type"] == ["Dataset"]


def test_source_json_ld_is_the_original_creative_work(sample):
    head = head_of(sample, "relais-2020")
    [document] = [json.loads(text) for text in head.json_ld]
    work = document["mainEntity"]
    assert work["@type"] == "CreativeWork"
    assert work["url"] == "https://blog.example/relais"
    assert work["publisher"]["name"] == "Blog Exemple"
    assert work["datePublished"] == "2020"
    assert work["isBasedOn"]["url"] == "https://presse.example/2019/location?a=1&b=2"
    original = head_of(sample, "presse-2019")
    [document] = [json.loads(text) for text in original.json_ld]
    assert document["mainEntity"]["archivedAt"] == "https://archive.example/2019/location"
    assert document["mainEntity"]["author"] == [{"@type": "Person", "name": "Auteur Exemple"}]


def test_flow_json_ld_is_about_both_ends(sample):
    head = head_of(sample, "location-exemple")
    [document] = [json.loads(text) for text in head.json_ld]
    assert [a["name"] for a in document["about"]] == ["Fichier d’adresses exemple", "Groupe Exemple"]
    assert document["about"][0]["@type"] == "Dataset"
    assert document["citation"][0]["name"] == f"Location de fichiers {HOSTILE}"


def test_hostile_text_stays_inert_in_head(sample):
    _, index = sample
    record = index.records["filiale-exemple"]
    text = head_html(record, index, page_url(record), "2026-03-02", "Site Exemple")
    head = parse_head(text)
    # one script element only (the JSON-LD): the quoted </script><script> never became markup
    assert [attrs.get("type") for attrs, _ in head.scripts] == ["application/ld+json"]
    assert "<script>alert" not in text and "<b>" not in text
    assert "\\u003c/script\\u003e" in head.json_ld[0]


def test_json_ld_script_escapes_everything_that_could_end_the_element():
    text = json_ld_script({"name": "</script><!-- & \u2028"})
    assert "</script><!--" not in text[:-len("</script>")]
    assert json.loads(text[len('<script type="application/ld+json">'):-len("</script>")]) == \
        {"name": "</script><!-- & \u2028"}


def test_missing_update_date_falls_back_to_the_build_date(sample):
    import datetime as dt
    head = head_of(sample, "groupe-exemple", updated=None)
    assert head.meta["DC.date"] == [dt.date.today().isoformat()]


def test_sibling_url_keeps_the_language_prefix():
    assert sibling_url("https://x.example/en/entites/a/", "datasets", "b") == \
        "https://x.example/en/fichiers/b/"
    assert sibling_url("/entites/a/", "sources", "s") == "/sources/s/"


# ---- on the built site ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str, date: str | None = None) -> None:
    """Run git in `repo` as a throw-away identity; `date`: author and committer date."""
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site (mkdocs.yml, hook, templates) built on the sample data set, whose files
    were committed on 2025-12-01, the subsidiary changed again on 2026-03-02."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: record dates come from the git history")
    root = tmp_path_factory.mktemp("built")
    data = write_sample(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first", date="2025-12-01")
    subsidiary = data / "entities/filiale-exemple.yaml"
    subsidiary.write_text(subsidiary.read_text(encoding="utf-8") + "tags: [marketing]\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "second", date="2026-03-02")
    site = root / "site"
    env = dict(os.environ, DATA_DIR=str(data), SITE_URL=SITE, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return site


def built_head(site: Path, path: str) -> HeadParser:
    return parse_head((site / path / "index.html").read_text(encoding="utf-8"))


def test_built_pages_carry_the_metadata_with_the_git_date(built_site):
    entity = built_head(built_site, "entites/filiale-exemple")
    assert entity.meta["citation_title"] == [f"Filiale {HOSTILE}"]
    assert entity.meta["DC.date"] == ["2026-03-02"]  # its file's last commit, not the build date
    assert entity.meta["og:url"] == [f"{SITE}entites/filiale-exemple/"]
    documents = [json.loads(text) for text in entity.json_ld]
    assert [d["mainEntity"]["@type"] for d in documents] == ["Organization"]
    assert documents[0]["dateModified"] == "2026-03-02"
    dataset = built_head(built_site, "fichiers/fichier-exemple")
    assert dataset.meta["DC.date"] == ["2025-12-01"]
    assert json.loads(dataset.json_ld[0])["mainEntity"]["@type"] == "Dataset"
    source = built_head(built_site, "sources/presse-2019")
    assert json.loads(source.json_ld[0])["mainEntity"]["@type"] == "CreativeWork"
    # the hostile title stays data: in JSON-LD strings only, never a script of its own
    html_text = (built_site / "entites/filiale-exemple/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html_text
    assert not any("alert(1)" in text for attrs, text in entity.scripts
                   if attrs.get("type") != "application/ld+json")
