"""Every message a contributor reads, in one place, keyed, in French and English: the problems and
warnings of the loader and the validator, the scaffold's output, the build's data errors and the
page `make serve` shows while the data are broken.

`say(key, **values)` words a message in the language of the process: French when the locale is
French (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the first one set), English otherwise, or the one a
command's `--lang fr|en` chose (`set_language`). The format of a problem does not change with
the language (`file:line: path: message`), nor what it quotes from the data (ids, values, the
did-you-mean). tests/model/test_messages.py checks that both languages have every key, with
the same {placeholders}; the fixtures check each problem in both (tests/fixtures/invalid/*/
expected.txt and expected.fr.txt).

Stdlib only: `python -m scripts` imports it before it knows that the requirements are there."""
from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("fr", "en")
_chosen: list[str] = []  # set by --lang; else the locale's


def locale_language(environ: Mapping[str, str] = os.environ) -> str:
    """fr when the locale's language is French, else en."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.split(":")[0].lower().startswith("fr") else "en"
    return "en"


def set_language(lang: str | None) -> None:
    """The language of every message from now on (None: back to the locale's)."""
    _chosen[:] = [lang] if lang else []


def language() -> str:
    return _chosen[0] if _chosen else locale_language()


def say(key: str, /, **values: object) -> str:
    return MESSAGES[key][language()].format(**values)


def counted(count: int, noun: str) -> str:
    """`3 problems`, `1 problème`: the noun's form for the count, in the current language."""
    one, many = NOUNS[noun][language()]
    return f"{count} {one if count == 1 else many}"


def month_name(month: int) -> str:
    return MONTHS[language()][month - 1]


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}

# (singular, plural) per language. In English the collections keep the plural of their folder
# name (`1 datasets`), as the summary line has always printed them.
NOUNS = {
    "entities": {"en": ("entities", "entities"), "fr": ("entité", "entités")},
    "datasets": {"en": ("datasets", "datasets"), "fr": ("fichier", "fichiers")},
    "flows": {"en": ("flows", "flows"), "fr": ("flux", "flux")},
    "sources": {"en": ("sources", "sources"), "fr": ("source", "sources")},
    "rules": {"en": ("rules", "rules"), "fr": ("règle", "règles")},
    "events": {"en": ("events", "events"), "fr": ("événement", "événements")},
    "categories": {"en": ("categories", "categories"), "fr": ("catégorie", "catégories")},
    "problem": {"en": ("problem", "problems"), "fr": ("problème", "problèmes")},
    "file": {"en": ("file", "files"), "fr": ("fichier", "fichiers")},
    "warning": {"en": ("warning", "warnings"), "fr": ("avertissement", "avertissements")},
}


def _(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


MESSAGES: dict[str, dict[str, str]] = {
    # -- the command line (scripts/__main__.py), before the requirements are known to be there
    "main.python_version": _(
        "python -m scripts: this is Python {found}, the project needs {needed} or newer: install it, then run `{instead}`",
        "python -m scripts : ce Python est en version {found}, le projet demande {needed} ou plus récent : "
        "installez-le, puis lancez `{instead}`"),
    "main.missing_requirements": _(
        "python -m scripts: this Python ({python}) lacks the project's requirements (no module named '{module}'): "
        "run `{instead}` (make installs them in .venv)",
        "python -m scripts : ce Python ({python}) n’a pas les dépendances du projet (pas de module '{module}') : "
        "lancez `{instead}` (make les installe dans .venv)"),

    # -- loading a file (scripts/load/)
    "load.unreadable": _("cannot read the file: {reason}", "impossible de lire le fichier : {reason}"),
    "load.not_utf8": _("not UTF-8 text (byte 0x{byte}): save the file with the UTF-8 encoding",
                       "ce n’est pas du texte UTF-8 (octet 0x{byte}) : enregistrez le fichier en UTF-8"),
    "load.nul": _("the file contains a NUL character: it is not a text file",
                  "le fichier contient un caractère NUL : ce n’est pas un fichier texte"),
    "load.not_yaml": _("not valid YAML: {detail}", "YAML invalide : {detail}"),
    "load.not_yaml_where": _("not valid YAML: {detail}; check indentation, colons and quotes",
                             "YAML invalide : {detail} ; vérifiez l’indentation, les deux-points et les guillemets"),
    "load.empty": _("the file is empty: a record is a YAML mapping that starts with `id: <file name>`",
                    "le fichier est vide : une fiche est une suite de lignes `clé: valeur` qui commence par "
                    "`id: <nom du fichier>`"),
    "load.not_mapping": _("the file must hold one YAML mapping (`key: value` lines), not {kind}",
                          "le fichier doit contenir une seule table YAML (des lignes `clé: valeur`), pas {kind}"),
    "load.node.list": _("a list", "une liste"),
    "load.node.scalar": _("a single value", "une valeur seule"),
    "load.node.mapping": _("a mapping", "une table"),
    "load.anchors": _("YAML anchors (&) and aliases (*) are not allowed: write the value out in full "
                      "(quote text that starts with & or *)",
                      "les ancres (&) et les alias (*) YAML ne sont pas permis : écrivez la valeur en entier "
                      "(mettez entre guillemets un texte qui commence par & ou *)"),
    "load.control_character": _("the file contains the character U+{code} (a control or non-printable character, "
                                "which YAML does not allow): delete it",
                                "le fichier contient le caractère U+{code} (un caractère de contrôle ou non "
                                "imprimable, que YAML refuse) : supprimez-le"),
    "load.too_deep": _("values are nested more than {depth} levels deep: a record is a flat mapping of short lists",
                       "les valeurs sont imbriquées sur plus de {depth} niveaux : une fiche est une table plate "
                       "de listes courtes"),
    "load.tag": _("unsupported YAML tag {tag}: remove it", "balise YAML non prise en charge {tag} : retirez-la"),
    "load.bad_value": _("cannot read the value {value}: {error}", "impossible de lire la valeur {value} : {error}"),
    "load.key_not_word": _("a key must be a plain word, not a list or mapping",
                           "une clé doit être un simple mot, pas une liste ni une table"),
    "load.merge_key": _("YAML merge keys (<<) are not allowed: write the fields out",
                        "les clés de fusion YAML (<<) ne sont pas permises : écrivez les champs en entier"),
    "load.duplicate_key": _("key '{key}' appears twice in this mapping (first at line {line}); YAML would silently "
                            "keep only the last: keep one",
                            "la clé '{key}' apparaît deux fois dans cette table (d’abord ligne {line}) ; YAML ne "
                            "garderait que la dernière sans rien dire : n’en gardez qu’une"),
    "load.yml_extension": _("records use the .yaml extension: rename it to {name}",
                            "les fiches ont l’extension .yaml : renommez-le en {name}"),
    "load.misplaced": _("only <id>.yaml record files belong in {folder}/: rename or move this file",
                        "seules des fiches <id>.yaml vont dans {folder}/ : renommez ou déplacez ce fichier"),
    "load.stray": _("this file is not read: records go in data/<collection>/<id>.yaml (collections: {collections}) "
                    "and the vocabulary in data/{categories}",
                    "ce fichier n’est pas lu : les fiches vont dans data/<collection>/<id>.yaml (collections : "
                    "{collections}) et le vocabulaire dans data/{categories}"),

    # -- the data set as a whole (scripts/validate/__init__.py, command.py)
    "data.no_folder": _("no such data folder", "ce dossier de données n’existe pas"),
    "data.no_categories": _("the vocabulary of data categories is missing: create it "
                            "(categories: [{{id: address, label: Adresse postale}}, ...])",
                            "le vocabulaire des catégories de données manque : créez-le "
                            "(categories: [{{id: address, label: Adresse postale}}, ...])"),
    "validate.ok": _("ok: {summary}", "ok : {summary}"),
    "validate.warnings": _(" ({warnings})", " ({warnings})"),
    "validate.failed": _("{problems} in {files}", "{problems} dans {files}"),
    "level.warning": _("warning", "avertissement"),

    # -- the schema's checks, explained (scripts/validate/messages.py)
    "schema.required": _("missing required field '{name}'{hint}", "champ obligatoire '{name}' manquant{hint}"),
    "schema.required.id": _(" (the file name without .yaml)", " (le nom du fichier sans .yaml)"),
    "schema.required.sources": _(" (at least one citation: {{source: <source id>, quote: \"<verbatim excerpt>\"}})",
                                 " (au moins une citation : {{source: <id de la source>, quote: \"<extrait exact>\"}})"),
    "schema.required.fr": _(" (French text is required; English is optional)",
                            " (le texte en français est obligatoire ; l’anglais est facultatif)"),
    "schema.required.quote": _(" (a verbatim excerpt of the source, copied character for character)",
                               " (un extrait exact de la source, copié caractère pour caractère)"),
    "schema.enum": _("{value} is not an allowed value{hint}; use one of: {choices}",
                     "{value} n’est pas une valeur permise{hint} ; choisissez parmi : {choices}"),
    "schema.enum_empty": _("is empty: write one of: {choices}", "est vide : écrivez l’une de ces valeurs : {choices}"),
    "schema.not_empty": _("must not be empty", "ne doit pas être vide"),
    "schema.minimum": _("must be at least {bound} (got {value})", "doit valoir au moins {bound} (valeur : {value})"),
    "schema.maximum": _("must be at most {bound}{percentage} (got {value})",
                        "doit valoir au plus {bound}{percentage} (valeur : {value})"),
    "schema.percentage": _(" (a percentage)", " (un pourcentage)"),
    "schema.no_value": _("has no value: write one, or remove the field",
                         "n’a pas de valeur : écrivez-en une, ou retirez le champ"),
    "schema.not_text": _("must be text: a string, or a mapping {{fr: ..., en: ...}} (got {got})",
                         "doit être un texte : une chaîne, ou une table {{fr: ..., en: ...}} (ici : {got})"),
    "schema.unknown_field": _("unknown field '{key}'{hint}", "champ inconnu '{key}'{hint}"),
    "schema.allowed_here": _("; allowed here: {keys}", " ; champs permis ici : {keys}"),
    "schema.did_you_mean": _(" (did you mean '{value}'?)", " (vouliez-vous dire '{value}' ?)"),
    "schema.yes_no": _("got {value}: YAML reads unquoted yes, no, on, off, true, false as true/false; put the text "
                       "in quotes",
                       "valeur lue : {value} : sans guillemets, YAML lit yes, no, on, off, true, false comme "
                       "vrai ou faux ; mettez le texte entre guillemets"),
    "schema.siren_number": _("must be text: put the SIREN in quotes, digit for digit as the source gives it",
                             "doit être un texte : mettez le SIREN entre guillemets, chiffre pour chiffre comme la "
                             "source le donne"),
    "schema.number_not_text": _("must be text, not a number: put it in quotes ({key}: \"{value}\")",
                                "doit être un texte, pas un nombre : mettez-le entre guillemets ({key}: \"{value}\")"),
    "schema.not_a_list": _("must be a list: write [{value}] or one `- item` per line",
                           "doit être une liste : écrivez [{value}] ou un `- élément` par ligne"),
    "schema.wrong_type": _("must be {expected}, not {got}", "doit être {expected}, pas {got}"),
    "type.string": _("text", "un texte"),
    "type.array": _("a list", "une liste"),
    "type.object": _("a mapping of `key: value` lines", "une table de lignes `clé: valeur`"),
    "type.number": _("a number", "un nombre"),
    "type.integer": _("a whole number", "un nombre entier"),
    "type.boolean": _("true or false", "true ou false"),
    "type.null": _("nothing", "rien"),
    "got.boolean": _("true/false", "vrai/faux"),
    "got.number": _("a number", "un nombre"),
    "got.list": _("a list", "une liste"),
    "got.mapping": _("a mapping", "une table"),
    "got.nothing": _("nothing", "rien"),
    "got.text": _("text", "un texte"),
    "form.id": _("{value} is not a valid id: use lowercase letters, digits and single hyphens{example}",
                 "{value} n’est pas un identifiant valide : lettres minuscules, chiffres et tirets simples{example}"),
    "form.id_example": _(", e.g. '{slug}'", ", par exemple '{slug}'"),
    "form.date": _("{value} is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-03-21)",
                   "{value} n’est pas une date ISO : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple 2019-03-21)"),
    "form.siren": _("{value} is not a SIREN: it is exactly 9 digits, without spaces",
                    "{value} n’est pas un SIREN : il compte exactement 9 chiffres, sans espaces"),
    "form.wikidata": _("{value} is not a Wikidata id: Q followed by digits (e.g. Q42)",
                       "{value} n’est pas un identifiant Wikidata : Q suivi de chiffres (par exemple Q42)"),
    "form.language": _("{value} is not a language code: two lowercase letters (fr, en...)",
                       "{value} n’est pas un code de langue : deux lettres minuscules (fr, en…)"),
    "form.other": _("{value} does not have the expected form {pattern}", "{value} n’a pas la forme attendue {pattern}"),
    "empty.source_id": _("is empty: write the id of a source (lowercase letters, digits and hyphens)",
                         "est vide : écrivez l’identifiant d’une source (lettres minuscules, chiffres et tirets)"),
    "empty.id": _("is empty: write an id (lowercase letters, digits and hyphens)",
                  "est vide : écrivez un identifiant (lettres minuscules, chiffres et tirets)"),
    "empty.date": _("is empty: write the date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-03-21)",
                    "est vide : écrivez la date sous la forme AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple 2019-03-21)"),
    "empty.url": _("is empty: write the address, starting with https:// (or remove the field)",
                   "est vide : écrivez l’adresse, qui commence par https:// (ou retirez le champ)"),
    "empty.language": _("is empty: write a language code, two lowercase letters (fr, en...)",
                        "est vide : écrivez un code de langue, deux lettres minuscules (fr, en…)"),
    "quote.blank": _("the quote is empty: copy the verbatim excerpt of the source that supports this",
                     "la citation est vide : copiez l’extrait exact de la source qui l’appuie"),
    "url.scheme": _("{scheme} links are not allowed: only http:// or https:// URLs",
                    "les liens {scheme} ne sont pas permis : seulement des adresses http:// ou https://"),
    "url.spaces": _("a URL cannot contain spaces: encode them as %20",
                    "une adresse ne peut pas contenir d’espaces : écrivez-les %20"),
    "url.not_http": _("{value} is not an http(s) URL: it must start with https:// (or http://)",
                      "{value} n’est pas une adresse http(s) : elle doit commencer par https:// (ou http://)"),
    "url.invalid": _("{value} is not a valid URL ({error})", "{value} n’est pas une adresse valide ({error})"),
    "url.no_host": _("{value} has no host name: write https://host/path",
                     "{value} n’a pas de nom d’hôte : écrivez https://hote/chemin"),
    "link.unsafe": _("link to {target}: {problem}", "lien vers {target} : {problem}"),
    "few.citation": _("needs at least one citation: {{source: <source id>, quote: \"<verbatim excerpt>\"}}",
                      "il faut au moins une citation : {{source: <id de la source>, quote: \"<extrait exact>\"}}"),
    "few.claim": _("needs at least one claim: {{id, text, status, sources}}",
                   "il faut au moins un fait : {{id, text, status, sources}}"),
    "few.items": _("needs at least {count} item{s}", "il faut au moins {count} élément{s}"),

    # -- ids and references (scripts/validate/ids.py, references.py, graph.py)
    "ids.duplicate": _("{value} is also the id of {others}: ids are unique across the whole data set",
                       "{value} est aussi l’identifiant de {others} : un identifiant est unique dans tout le jeu "
                       "de données"),
    "ids.previous_is_live": _("{value} is a live id{where}: a previous id must be one that no record uses any more",
                              "{value} est l’identifiant d’une fiche{where} : un ancien identifiant ne doit plus "
                              "être utilisé par aucune fiche"),
    "ids.previous_twice": _("{value} is already a previous id of '{other}': an old URL can redirect to one record only",
                            "{value} est déjà un ancien identifiant de '{other}' : une ancienne adresse ne redirige "
                            "que vers une fiche"),
    "ref.file_name": _("id '{id}' does not match the file name {file}: rename the file to {id}.yaml, or fix the id",
                       "l’identifiant '{id}' ne correspond pas au nom du fichier {file} : renommez le fichier en "
                       "{id}.yaml, ou corrigez l’identifiant"),
    "ref.self_via": _("a source cannot relay itself: remove `via`",
                      "une source ne peut pas se relayer elle-même : retirez `via`"),
    "ref.wrong_kind": _("{value} is {found}, not {wanted}", "{value} est {found}, pas {wanted}"),
    "ref.renamed": _("{value} was renamed to '{new}': use the new id",
                     "{value} a été renommé en '{new}' : utilisez le nouvel identifiant"),
    "ref.unknown": _("unknown id {value}{rest}", "identifiant inconnu {value}{rest}"),
    "ref.no_such": _(": no {nouns} has this id", " : aucune fiche de type {nouns} n’a cet identifiant"),
    "or": _(" or ", " ou "),
    "a.entities": _("an entity", "une entité"), "noun.entities": _("entity", "entité"),
    "a.datasets": _("a dataset", "un fichier"), "noun.datasets": _("dataset", "fichier"),
    "a.flows": _("a flow", "un flux"), "noun.flows": _("flow", "flux"),
    "a.sources": _("a source", "une source"), "noun.sources": _("source", "source"),
    "a.rules": _("a rule", "une règle"), "noun.rules": _("rule", "règle"),
    "a.events": _("an event", "un événement"), "noun.events": _("event", "événement"),
    "a.categories": _("a category", "une catégorie"), "noun.categories": _("category", "catégorie"),
    "source.title_and_description": _("a source with a title needs no `description` (say what it is in `summary`): "
                                      "remove one",
                                      "une source qui a un titre n’a pas de `description` (dites ce qu’elle est dans "
                                      "`summary`) : retirez l’un des deux"),
    "source.no_title": _("missing field 'title': copy the title the page gives itself; if it shows none, write "
                         "`description:` (what it is, in plain words)",
                         "champ 'title' manquant : copiez le titre que la page se donne ; si elle n’en affiche "
                         "aucun, écrivez `description:` (ce qu’elle est, en quelques mots)"),
    "source.undated_and_published": _("`undated: true` and `published` contradict each other: keep `published` if "
                                      "the page shows a date",
                                      "`undated: true` et `published` se contredisent : gardez `published` si la "
                                      "page affiche une date"),
    "period.backwards": _("{until} is before since ({since})", "{until} est antérieur à since ({since})"),
    "claim.duplicate_id": _("claim id '{id}' is already used at line {line}: claim ids are unique within a record",
                            "l’identifiant de fait '{id}' est déjà utilisé ligne {line} : les identifiants de faits "
                            "sont uniques dans une fiche"),
    "optout.rule_or_text": _("a way out is either `rule: <id of a rule>` or `text: <what to do>`: write one of them",
                             "une voie de sortie est soit `rule: <id d’une règle>`, soit `text: <ce qu’il faut "
                             "faire>` : écrivez l’un des deux"),
    "contact.empty": _("a published contact needs `postal`, `email` or `form`; if no source gives one, write "
                       "`none_found: true` and a `note` saying what was searched",
                       "un contact publié a besoin de `postal`, `email` ou `form` ; si aucune source n’en donne, "
                       "écrivez `none_found: true` et une `note` qui dit ce qui a été cherché"),
    "contact.not_quoted": _("{value} is in none of the quotes of this contact: copy it as a cited quote gives it",
                            "{value} ne figure dans aucune citation de ce contact : recopiez-le tel qu’une "
                            "citation le donne"),
    "contact.form_unsourced": _("{value} is neither the URL of a cited source nor in a quote: cite the form's page",
                                "{value} n’est ni l’adresse d’une source citée ni dans une citation : citez la "
                                "page du formulaire"),
    "contact.see_without_contact": _("{value} has no published contact (`postal`, `email` or `form`): point "
                                     "`see` to an entity that has one, or remove it",
                                     "{value} n’a pas de contact publié (`postal`, `email` ou `form`) : faites "
                                     "pointer `see` vers une entité qui en a un, ou retirez-le"),
    "date.not_real": _("'{value}' is not a real date ({reason})", "'{value}' n’est pas une date réelle ({reason})"),
    "date.no_month": _("there is no month {month}", "il n’y a pas de mois {month}"),
    "date.no_day": _("{month} has no day {day}", "{month} n’a pas de jour {day}"),
    "graph.cycle": _("ownership cycle (each is owned by the next): {cycle}",
                     "cycle d’actionnariat (chacun est détenu par le suivant) : {cycle}"),

    # -- warnings (scripts/validate/warnings.py): printed, never failing
    "warn.unsourced": _("states nothing with a source: add a claim (claims: [{{id, text, status, sources: "
                        "[{{source, quote}}]}}]), or the owner link of a subsidiary (owners: [{{owner, sources}}])",
                        "n’affirme rien avec une source : ajoutez un fait (claims: [{{id, text, status, sources: "
                        "[{{source, quote}}]}}]), ou, pour une filiale, le lien vers son propriétaire "
                        "(owners: [{{owner, sources}}])"),
    "warn.division": _("a division is part of another entity", "une division fait partie d’une autre entité"),
    "warn.brand": _("a brand is part of another entity", "une marque appartient à une autre entité"),
    "warn.called_subsidiary": _("its name or summary calls it a subsidiary",
                                "son nom ou son résumé en fait une filiale"),
    "warn.no_owner": _("{why}, but `owners` is missing: add the owner link with its citation "
                       "(owners: [{{owner: <entity id>, sources: [{{source, quote}}]}}])",
                       "{why}, mais `owners` manque : ajoutez le lien vers son propriétaire, avec sa citation "
                       "(owners: [{{owner: <id de l’entité>, sources: [{{source, quote}}]}}])"),
    "same_url": _("the same page as the url of {others}: one URL, one source. Merge the records into one "
                  "(move the quotes to it) and list the other id in its `previous_ids`",
                  "la même page que l’url de {others} : une URL, une source. Fusionnez les fiches en une "
                  "(déplacez-y les citations) et listez l’autre id dans ses `previous_ids`"),

    # -- every date and figure is in a quote it cites (scripts/validate/evidence.py)
    "evidence.claim.one": _("{values} is in none of the quotes this claim cites ({searched}), nor the publication "
                            "date of a source it names{hint}: quote the words that state it, name the source, or add "
                            "`basis:` to the claim saying how it was derived",
                            "{values} ne figure dans aucune des citations de ce fait ({searched}), ni dans la date "
                            "de publication d’une source qu’il nomme{hint} : citez les mots qui l’énoncent, nommez "
                            "la source, ou ajoutez `basis:` au fait pour dire comment cette valeur a été déduite"),
    "evidence.claim.many": _("{values} are in none of the quotes this claim cites ({searched}), nor the publication "
                             "date of a source it names{hint}: quote the words that state them, name the source, or "
                             "add `basis:` to the claim saying how they were derived",
                             "{values} ne figurent dans aucune des citations de ce fait ({searched}), ni dans la "
                             "date de publication d’une source qu’il nomme{hint} : citez les mots qui les énoncent, "
                             "nommez la source, ou ajoutez `basis:` au fait pour dire comment ces valeurs ont été "
                             "déduites"),
    "evidence.claim.unnamed_publication": _(" (a publication date of a cited source that the claim does not name: "
                                            "a derived date)",
                                            " (la date de publication d’une source citée que le fait ne nomme pas : "
                                            "une date déduite)"),
    "evidence.value": _("{value} is in none of the quotes of {whose} ({searched}){hint}: quote the words that state "
                        "it, or write `basis:` on {basis_on} saying how it was derived",
                        "{value} ne figure dans aucune des citations {whose} ({searched}){hint} : citez les mots qui "
                        "l’énoncent, ou écrivez `basis:` {basis_on} pour dire comment cette valeur a été déduite"),
    "evidence.value.publication": _(" (a publication date of a cited source: a derived date)",
                                    " (la date de publication d’une source citée : une date déduite)"),
    # {whose} and {basis_on} of evidence.value: the French carries its own preposition (de, des; dans)
    "evidence.whose.owner": _("this owner link", "de ce lien vers le propriétaire"),
    "evidence.whose.size": _("`size.sources`", "de `size.sources`"),
    "evidence.whose.event": _("this event", "de cet événement"),
    "evidence.whose.flow": _("this flow's claims", "des faits de ce flux"),
    "evidence.basis_on.owner": _("the owner link", "dans le lien vers le propriétaire"),
    "evidence.basis_on.size": _("`size`", "dans `size`"),
    "evidence.basis_on.event": _("the event", "dans l’événement"),
    "evidence.basis_on.flow": _("the flow", "dans le flux"),
    "evidence.searched.none": _("no quote", "aucune citation"),
    "evidence.searched.one": _("1 quote of {sources}", "1 citation de {sources}"),
    "evidence.searched.many": _("{count} quotes of {sources}", "{count} citations de {sources}"),

    # -- the scaffold (scripts/tools/scaffold.py)
    "new.error": _("error: {error}", "erreur : {error}"),
    "new.wrote": _("wrote {path}", "fiche écrite : {path}"),
    "new.next": _("next: fill in each empty value, then run `make validate` until it reports no problem",
                  "ensuite : remplissez chaque valeur vide, puis lancez `make validate` jusqu’à ce qu’il ne signale "
                  "plus aucun problème"),
    "new.header": _("New {kind}: fill in each empty value, then run `make validate`: it names, line by line, every "
                    "field still empty. Lines that start with `# key:` are optional examples: remove the `# ` to use one.",
                    "Nouvelle fiche ({kind}) : remplissez chaque valeur vide, puis lancez `make validate` : il "
                    "nomme, ligne par ligne, chaque champ encore vide. Les lignes qui commencent par `# clé:` sont "
                    "des exemples facultatifs : retirez le `# ` pour en utiliser un."),
    "new.one_of": _("one of: {choices}", "au choix : {choices}"),
    "new.unknown_kind": _("unknown kind of record '{kind}': choose one of {choices}",
                          "type de fiche inconnu '{kind}' : choisissez parmi {choices}"),
    "new.no_schema": _("schema {schema} not found in {folder}", "schéma {schema} introuvable dans {folder}"),
    "new.bad_id": _("'{id}' is not a valid id ({reason}): use lowercase letters a-z without accents, digits, and "
                    "single hyphens between words, e.g. 'la-poste-mobile'",
                    "'{id}' n’est pas un identifiant valide ({reason}) : utilisez des lettres minuscules a-z sans "
                    "accents, des chiffres et des tirets simples entre les mots, par exemple 'la-poste-mobile'"),
    "new.id_empty": _("it is empty", "il est vide"),
    "new.id_capitals": _("it has capital letters", "il a des majuscules"),
    "new.id_hyphen_end": _("it starts or ends with a hyphen", "il commence ou finit par un tiret"),
    "new.id_double_hyphen": _("it has two hyphens in a row", "il a deux tirets de suite"),
    "new.id_characters": _("it contains {characters}", "il contient {characters}"),
    "new.exists": _("{path} already exists: edit it instead, or choose another id",
                    "{path} existe déjà : modifiez-le, ou choisissez un autre identifiant"),
    "new.taken": _("the id '{id}' is already used by {where}: ids are unique across the whole data set, choose another",
                   "l’identifiant '{id}' est déjà pris par {where} : un identifiant est unique dans tout le jeu de "
                   "données, choisissez-en un autre"),
    "new.taken_by_category": _("a data category in {path}", "une catégorie de données de {path}"),
    "new.url_is_for_sources": _("--url is for a source: make new KIND=source ID=<id> URL=<url>",
                                "--url est pour une source : make new KIND=source ID=<id> URL=<url>"),
    "new.owner_is_for_entities": _("--owner is for an entity: make new KIND=entity ID=<id> OWNER=<owner id>",
                                   "--owner est pour une entité : make new KIND=entity ID=<id> OWNER=<id du "
                                   "propriétaire>"),
    "new.not_a_url": _("{url!r} is not an http(s) URL: write https://host/path",
                       "{url!r} n’est pas une URL http(s) : écrivez https://hôte/chemin"),
    "new.known_url": _("{url} is already a source: {ids} (data/sources/{first}.yaml): cite it with `source: {first}`",
                       "{url} est déjà une source : {ids} (data/sources/{first}.yaml) : citez-la avec "
                       "`source: {first}`"),
    "new.unknown_owner": _("--owner '{owner}': no entity has this id{hint}",
                           "--owner '{owner}' : aucune entité n’a cet identifiant{hint}"),
    "new.add_owner_first": _(": add the owner first", " : ajoutez d’abord le propriétaire"),

    # -- the build (scripts/site/plugin.py) and `make serve`'s page while the data are broken
    "build.refused": _("The data set has {problems}; fix them and build again:\n{listing}",
                       "Les données ont {problems} ; corrigez-les et relancez la construction :\n{listing}"),
    "build.served_broken": _("The data set has {problems}; the browser shows them until they are fixed:\n{listing}",
                             "Les données ont {problems} ; le navigateur les affiche jusqu’à ce qu’ils soient "
                             "corrigés :\n{listing}"),
    "page.title": _("{problems} in the data — {site}", "{problems} dans les données — {site}"),
    "page.heading": _("The data have {problems}", "Les données ont {problems}"),
    "page.intro": _("The site is not built until they are fixed. Fix each file at the line given and save it: this "
                    "page reloads by itself and gives way to the site as soon as the data pass the check "
                    "(`make validate` gives the same list).",
                    "Le site n’est pas construit tant qu’ils ne sont pas corrigés. Corrigez chaque fichier à la "
                    "ligne indiquée et enregistrez-le : cette page se recharge d’elle-même et laisse place au site "
                    "dès que les données passent la vérification (`make validate` donne la même liste)."),
}
