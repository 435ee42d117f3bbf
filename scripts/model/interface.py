"""The English of the site's interface words that live outside our templates: mkdocs.yml's site
name, description, navigation titles and palette toggles, and the words of overrides/ (the
templates' own words go through `t(french, english)`, scripts/render/environment.py).

To translate a new navigation entry or a new override string, add its line here;
tests/site/test_english_edition.py names every French one that has none. Until then the
English pages show the French words (the build does not stop)."""
from __future__ import annotations

ENGLISH = {
    # mkdocs.yml: the site
    "La Poste et vos données": "La Poste and your data",
    "Enquête ouverte et sourcée sur les données personnelles dans le groupe La Poste.":
        "An open, sourced investigation of personal data in the La Poste group.",
    # mkdocs.yml: the navigation
    "Accueil": "Home",
    "L’enquête": "The investigation",
    "Le groupe": "The group",
    "Entités": "Entities",
    "Fichiers": "Data files",
    "Flux": "Flows",
    "Catégories de données": "Data categories",
    "Chronologie": "Timeline",
    "Sources": "Sources",
    "Corrections": "Corrections",
    "Vos droits": "Your rights",
    "Exercer vos droits": "Exercising your rights",
    "Suis-je concerné ?": "Am I concerned?",
    "Écrire une lettre": "Writing a letter",
    "Les règles": "The rules",
    "Données ouvertes": "Open data",
    "Méthodologie": "Methodology",
    "Contribuer": "Contributing",
    "À propos": "About",
    # mkdocs.yml: the palette toggle
    "Passer en mode sombre": "Switch to dark mode",
    "Passer en mode clair": "Switch to light mode",
    # overrides/
    "Rechercher": "Search",
    "English": "English",
    "Français": "Français",
}


def in_language(french: str, lang: str) -> str:
    """`french` in `lang`: its English when known, else as it is."""
    return ENGLISH.get(french, french) if lang == "en" else french


def untranslated(strings) -> list[str]:
    """The strings of `strings` that have no English yet."""
    return [text for text in strings if text not in ENGLISH]
