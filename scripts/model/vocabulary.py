"""The words the site shows for the values of the data's closed lists (a claim's status, an
entity's kind, a flow's mechanism...), in French and English, keyed by the values the JSON
Schemas allow. tests/model/test_vocabulary.py fails when a schema's enum and its labels differ,
so a new value cannot render as an empty label.

`SCHEMA_ENUMS` says where each list lives in data/schema/."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    fr: str
    en: str
    help_fr: str = ""  # a one-line explanation (a status badge's tooltip)
    help_en: str = ""

    def label(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

    def help(self, lang: str = "fr") -> str:
        return self.help_en if lang == "en" else self.help_fr


STATUS = {
    "documented": Term("Documenté", "Documented",
                       "Preuve primaire : page officielle, registre, régulateur ou l’entreprise elle-même.",
                       "Primary evidence: an official page, a register, a regulator or the company itself."),
    "reported": Term("Rapporté", "Reported", "Rapporté par la presse.", "Reported by the press."),
    "alleged": Term("Allégué", "Alleged", "Affirmé, non corroboré.", "Asserted, not corroborated."),
    "disputed": Term("Contesté", "Disputed", "Contesté : voir la note.", "Disputed: see the note."),
    "retracted": Term("Retiré", "Retracted", "Retiré par nous ; reste visible avec sa correction.",
                      "Withdrawn by us; stays visible with its correction."),
}
ENTITY_KINDS = {
    "group": Term("Groupe", "Group"), "company": Term("Société", "Company"),
    "division": Term("Division", "Division"), "programme": Term("Programme", "Programme"),
    "brand": Term("Marque", "Brand"), "public-body": Term("Organisme public", "Public body"),
    "association": Term("Association", "Association"), "audience": Term("Public", "Audience"),
}
MECHANISMS = {
    "collection": Term("Collecte", "Collection"), "transfer": Term("Transfert", "Transfer"),
    "rental": Term("Location", "Rental"), "sale": Term("Vente", "Sale"),
    "enrichment": Term("Enrichissement", "Enrichment"), "matching": Term("Rapprochement", "Matching"),
    "centralisation": Term("Centralisation", "Centralisation"), "publication": Term("Publication", "Publication"),
}
LEGAL_BASES = {
    "consent": Term("Consentement (art. 6.1.a)", "Consent (art. 6(1)(a))"),
    "contract": Term("Contrat (art. 6.1.b)", "Contract (art. 6(1)(b))"),
    "legal-obligation": Term("Obligation légale (art. 6.1.c)", "Legal obligation (art. 6(1)(c))"),
    "vital-interests": Term("Intérêts vitaux (art. 6.1.d)", "Vital interests (art. 6(1)(d))"),
    "public-task": Term("Mission d’intérêt public (art. 6.1.e)", "Public task (art. 6(1)(e))"),
    "legitimate-interests": Term("Intérêts légitimes (art. 6.1.f)", "Legitimate interests (art. 6(1)(f))"),
    "unknown": Term("Inconnue (aucune source ne la précise)", "Unknown (no source states it)"),
}
SOURCE_KINDS = {
    "press": Term("Presse", "Press"), "trade-press": Term("Presse professionnelle", "Trade press"),
    "blog": Term("Blog", "Blog"), "forum": Term("Forum", "Forum"), "ngo": Term("ONG", "NGO"),
    "official": Term("Officiel", "Official"), "company": Term("Entreprise", "Company"),
    "regulator": Term("Régulateur", "Regulator"), "register": Term("Registre", "Register"),
    "parliament": Term("Parlement", "Parliament"), "job-ad": Term("Offre d’emploi", "Job ad"),
    "wiki": Term("Wiki", "Wiki"), "document": Term("Document", "Document"),
    "legislation": Term("Texte juridique", "Legislation"),
}
RULE_KINDS = {
    "right": Term("Droit", "Right"), "obligation": Term("Obligation", "Obligation"),
    "opt-out": Term("Dispositif d’opposition", "Opt-out scheme"), "procedure": Term("Recours", "Remedy"),
}
# The reader's situations that put them in a data file (a dataset's `population.situations`):
# the page « Suis-je concerné ? » has one section per situation.
SITUATIONS = {
    "demenagement": Term("J’ai fait suivre mon courrier en déménageant", "I had my mail forwarded when I moved"),
    "client-la-poste": Term("Je suis client de La Poste (courrier, colis, bureau de poste)",
                            "I am a La Poste customer (mail, parcels, post office)"),
    "client-la-poste-mobile": Term("Je suis ou j’ai été abonné à La Poste Mobile",
                                   "I am or was a La Poste Mobile subscriber"),
    "utilisateur-digiposte": Term("J’utilise le coffre-fort Digiposte", "I use the Digiposte vault"),
    "identite-numerique": Term("J’ai créé l’Identité Numérique La Poste", "I created La Poste's digital identity"),
    "maison-connectee": Term("J’utilise des objets connectés reliés au Hub Numérique de La Poste",
                             "I use connected devices linked to La Poste's digital hub"),
    "habitant-adresse": Term("J’ai une adresse postale en France", "I have a postal address in France"),
    "patient-a-domicile": Term("Je suis soigné à domicile par un prestataire de santé",
                               "I am cared for at home by a health provider"),
    "panel": Term("J’ai répondu à une enquête d’audience sur le courrier", "I answered an audience survey about mail"),
    "dossier-medical": Term("J’ai un dossier médical personnel (DMP)", "I have a personal medical record (DMP)"),
}
# The requests of the letter page (/vos-droits/lettre/): not a schema's list, the page's choices.
REQUESTS = {
    "acces": Term("Accès à mes données", "Access to my data"),
    "opposition": Term("Opposition à la prospection", "Objection to direct marketing"),
    "effacement": Term("Effacement de mes données", "Erasure of my data"),
    "opposition-effacement": Term("Opposition et effacement", "Objection and erasure"),
}
# How a source qualifies a dataset's size: the words that come before the number.
QUALIFIERS = {
    "exact": Term("", ""), "more-than": Term("plus de ", "more than "),
    "about": Term("environ ", "about "), "up-to": Term("jusqu’à ", "up to "),
}
# Where each list of values is defined: (schema file, path to the property holding the enum).
SCHEMA_ENUMS = {
    "STATUS": ("flow.json", ("$defs", "status")),
    "ENTITY_KINDS": ("entity.json", ("properties", "kind")),
    "MECHANISMS": ("flow.json", ("properties", "mechanism")),
    "LEGAL_BASES": ("flow.json", ("properties", "legal_basis")),
    "SOURCE_KINDS": ("source.json", ("properties", "kind")),
    "RULE_KINDS": ("rule.json", ("properties", "kind")),
    "QUALIFIERS": ("dataset.json", ("properties", "size", "properties", "qualifier")),
    "SITUATIONS": ("dataset.json", ("properties", "population", "oneOf", 0, "properties", "situations", "items")),
}
VOCABULARIES = {"STATUS": STATUS, "ENTITY_KINDS": ENTITY_KINDS, "MECHANISMS": MECHANISMS,
                "LEGAL_BASES": LEGAL_BASES, "SOURCE_KINDS": SOURCE_KINDS, "QUALIFIERS": QUALIFIERS,
                "RULE_KINDS": RULE_KINDS, "SITUATIONS": SITUATIONS,
                "REQUESTS": REQUESTS}


def labels(terms: dict[str, Term], lang: str = "fr") -> dict[str, str]:
    """{value: label} of one list, for templates (`KINDS[record.data.kind]`)."""
    return {value: term.label(lang) for value, term in terms.items()}


def helps(terms: dict[str, Term], lang: str = "fr") -> dict[str, str]:
    return {value: term.help(lang) for value, term in terms.items()}
