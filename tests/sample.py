"""The sample data set shared by the citation-kit tests (metadata, citations, feeds, exports,
redirects): a tiny group, its subsidiary, a data file, a flow and sources, with hostile text in
its fields, written through the real loader. `conftest.py` builds the site on it once
(`sample_site`)."""
from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from scripts.index import build_index
from scripts.load import load_data

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
    basis: Année de publication de l’article qui annonce le rachat.
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
    basis: Les chiffres du texte sont ceux du code hostile des tests, pas des faits.
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
basis: Date de publication de l’article qui annonce le rachat.
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


def git(repo: Path, *args: str, date: str | None = None) -> None:
    """Run git in `repo` as a throw-away identity; `date`: author and committer date."""
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
