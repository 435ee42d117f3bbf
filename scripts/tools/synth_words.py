"""The invented words of the synthetic data set (scripts/tools/synth.py): names, words drawn with
Zipf-like frequencies, publishers, data categories, SIREN numbers with a valid key. Nothing here
is a fact about anyone."""
from __future__ import annotations

import json
import random

CATEGORIES = [
    ("identite", "Identité", "Nom, prénom, civilité.", False),
    ("adresse-postale", "Adresse postale", "Adresse du domicile, ancienne et nouvelle.", False),
    ("courriel", "Adresse électronique", None, False),
    ("telephone", "Numéro de téléphone", None, False),
    ("age", "Âge", "Date de naissance ou tranche d’âge.", False),
    ("composition-foyer", "Composition du foyer", "Nombre de personnes, enfants.", False),
    ("pouvoir-achat", "Pouvoir d’achat", "Revenus estimés, catégorie socio-professionnelle.", False),
    ("habitat", "Caractéristiques de l’habitat", "Maison ou appartement, propriétaire ou locataire.", False),
    ("consommation", "Habitudes de consommation", None, False),
    ("loisirs", "Loisirs et centres d’intérêt", None, False),
    ("demenagement", "Déménagement", "Date et adresses d’un changement de domicile.", False),
    ("geolocalisation", "Géolocalisation", "Position d’un terminal ou d’un véhicule.", False),
    ("navigation", "Données de navigation", "Cookies, identifiants publicitaires.", False),
    ("banque", "Données bancaires", "Comptes, opérations, crédits.", False),
    ("sante", "Santé", "Données de santé (art. 9 RGPD).", True),
    ("infractions", "Infractions", "Condamnations et infractions (art. 10 RGPD).", True),
    ("identifiant-national", "Numéro d’identification", "NIR, numéro fiscal.", False),
    ("vie-professionnelle", "Vie professionnelle", "Employeur, poste, ancienneté.", False),
]

WORDS = ("adresse courrier colis facteur tournée fichier base foyer client annonceur partenaire "
         "ciblage prospection donnée enrichissement géomarketing filiale contrat réexpédition "
         "consentement opposition publicité enveloppe quartier commune entreprise plateforme "
         "abonnement service livraison logistique identité numérique santé banque assurance "
         "mutuelle collectivité énergie opérateur campagne segment score profil habitude "
         "l’adresse d’achat « fichier » n° 15 % 2019").split()
ADJECTIVES = ("postal national régional numérique commercial mensuel qualifié enrichi anonyme "
              "personnel actualisé partagé certifié local public privé").split()
SYLLABLES = ("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi mo mu "
             "na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo tion ment eur "
             "ique age ain eau oir ance ette").split()
NAME_PARTS = ("Alpha Boréal Cérès Delta Éole Faro Galène Hélios Iris Jade Kappa Lumen Méridien "
              "Nova Orion Pléiade Quartz Rhône Sirius Tilia Ulysse Véga Wapiti Xénon Ypsilon Zéphyr").split()
PUBLISHERS = ["Le Quotidien synthétique", "La Gazette d’exemple", "Revue Fictive", "Journal Témoin",
              "Observatoire Imaginaire", "Le Courrier factice", "Registre d’essai", "Autorité Modèle"]
# How often each value of the vocabulary appears (a value left out appears once): closer to the
# real data than a uniform draw. Values come from scripts/model/vocabulary.py.
def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def slug(text: str) -> str:
    table = str.maketrans("àâäéèêëîïôöùûüçœ’' ", "aaaeeeeiioouuuco---")
    out = "".join(ch for ch in text.lower().translate(table) if ch.isalnum() or ch == "-")
    return "-".join(part for part in out.split("-") if part)


ID_WORDS = sorted({slug(word) for word in WORDS if slug(word).isalpha()})


def word_vocabulary(rng: random.Random, records: int) -> tuple[list[str], list[float]]:
    """Real words first, then made-up French-looking ones, drawn with Zipf-like frequencies:
    a search index grows with the number of distinct words, so the text must have as many as
    real prose would (a few thousand, growing with the data), not a list of fifty."""
    words = WORDS + ADJECTIVES
    made_up = set()
    target = 2000 + records  # Heaps' law, roughly, for short texts
    while len(made_up) < target:
        made_up.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    words += sorted(made_up - set(words))
    total, cumulative = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


def siren(rng: random.Random) -> str:
    """Nine digits with a valid Luhn key, as real SIREN numbers have."""
    digits = [rng.randint(0, 9) for _ in range(8)]
    for last in range(10):
        candidate = digits + [last]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(candidate))
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("unreachable: one key digit always works")


def categories_yaml() -> str:
    lines = ["# yaml-language-server: $schema=schema/categories.json", "categories:"]
    for cat_id, label, description, special in CATEGORIES:
        lines += [f"  - id: {cat_id}", f"    label: {q(label)}"]
        if description:
            lines.append(f"    description: {q(description)}")
        if special:
            lines.append("    special: true")
    return "\n".join(lines) + "\n"
