"""The hand-written pages (home, methodology, your rights, contribute, about) say nothing the
data set does not back: every quote is a verbatim excerpt of a cited source and its paragraph
links to where that citation is shown, every link to a record or index page points at a page
that exists, and every web address comes from the data set.

Conventions the pages follow, and that these tests rely on:
- a quotation is written between French guillemets « … », and « » serve no other purpose;
- a link to a record page is relative to docs/: `entites/<id>.md`, `fichiers/<id>.md`,
  `flux/<id>.md`, `sources/<id>.md`;
- code (fenced blocks and `inline`) is not prose: it is not checked.

A fact in prose (a number, a year, a legal word) renders or links to the data that states it:
tests/prose_facts.py says how, and tests/prose_allowlist.yaml lists, with a reason each, the few
sentences that are framing, not fact.
"""
from __future__ import annotations

import re
from pathlib import Path

import prose_facts
import pytest
import yaml

from scripts.load import load_data
from scripts.model.collections import COLLECTIONS
from scripts.render.pages import INDEX_PAGES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "data"

PAGES = tuple(sorted(path.name for path in DOCS.glob("*.md")))
# Pages about the data files themselves (formats, sizes, licence, how to cite the data set), not
# about La Poste: their « » name the site and its buttons, their links go to the formats' specs.
# They state no fact of the investigation, so the evidence rules below do not apply to them.
ABOUT_THE_FILES = frozenset({"donnees.md"})
FACT_PAGES = tuple(name for name in PAGES if name not in ABOUT_THE_FILES)
ALLOWLIST = ROOT / "tests" / "prose_allowlist.yaml"


# Addresses that are not sources of facts: the official text of the data licence.
LICENCE_URLS = frozenset({"https://creativecommons.org/licenses/by-sa/4.0/"})

QUOTE = re.compile(r"«\s*([^«»]+?)\s*»")
URL = re.compile(r"https?://[^\s)\]>\"'<|]+")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"^```.*?^```|`[^`\n]+`", re.S | re.M)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Cuts marked inside a stored quote: a page may quote the text on either side of one.
CUT = re.compile(r"\s*(?:\[\.\.\.\]|\[…\]|\.\.\.|…)\s*")
RECORD_SEGMENTS = {c.url_segment: name for name, c in COLLECTIONS.items() if c.url_segment}


def normalise(text: str) -> str:
    """Collapse every run of white space (non-breaking spaces included) to one space."""
    return " ".join(text.split())


def read_page(name: str) -> tuple[dict, str]:
    """Front matter and prose (code removed) of docs/<name>."""
    text = (DOCS / name).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else None
    body = text[match.end():] if match else text
    return (meta if isinstance(meta, dict) else {}), CODE.sub(" ", body)


def unbacked_quotes(body: str, quotable: list[str]) -> list[str]:
    quotes = (normalise(q) for q in QUOTE.findall(body))
    return [q for q in quotes if not any(q in text for text in quotable)]


def unknown_urls(body: str, known: set[str]) -> list[str]:
    return [url for url in URL.findall(body) if url not in known]


def missing_record_links(body: str, ids_by_collection: dict[str, set[str]]) -> list[str]:
    """Links such as `entites/<id>.md` whose record does not exist."""
    missing = []
    for target in MD_LINK.findall(body):
        segment, _, stem = target.split("#")[0].partition("/")
        if segment not in RECORD_SEGMENTS or not stem.endswith(".md") or "/" in stem or stem == "index.md":
            continue
        if stem[:-3] not in ids_by_collection.get(RECORD_SEGMENTS[segment], set()):
            missing.append(target)
    return missing


def missing_pages(body: str) -> list[str]:
    """Links to other pages of the site (not records) that neither docs/ nor the index pages
    generated from the data provide."""
    generated = {page.src_uri for page in INDEX_PAGES}
    missing = []
    for target in MD_LINK.findall(body):
        path = target.split("#")[0]
        if "://" in path or not path.endswith(".md") or path.split("/")[0] in RECORD_SEGMENTS and path.count("/") == 1 and not path.endswith("/index.md"):
            continue
        if path not in generated and not (DOCS / path).is_file():
            missing.append(target)
    return missing


def walk(value):
    """Every value nested in a record, containers included."""
    yield value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        yield from walk(child)


@pytest.fixture(scope="module")
def loaded():
    data = load_data(DATA)
    assert not data.problems, "data/ does not load: " + "; ".join(map(str, data.problems[:5]))
    return data


@pytest.fixture(scope="module")
def evidence(loaded) -> list[tuple[str, frozenset[str]]]:
    """Each quotable text with the pages that show it: the source's page, the page of the
    record citing it."""
    found = []
    for record in loaded.records:
        segment = COLLECTIONS[record.collection].url_segment if record.collection in COLLECTIONS else None
        for value in walk(record.data):
            if isinstance(value, dict) and "quote" in value and "source" in value:
                pages = {f"sources/{value['source']}.md"} | ({f"{segment}/{record.id}.md"} if segment else set())
                found.append((value["quote"], frozenset(pages)))
        if record.collection == "sources" and record.has_own_title:
            found.append((record.data["title"], frozenset({f"sources/{record.id}.md"})))
    return [(normalise(part), pages) for text, pages in found for part in CUT.split(text) if part.strip()]


@pytest.fixture(scope="module")
def quotable(evidence) -> list[str]:
    """What a page may quote: citations of the data set, and titles of its sources, each
    split at the cuts it marks."""
    return [text for text, _ in evidence]


def paragraphs(body: str) -> list[str]:
    """Blocks separated by blank lines; each table row counts as a block of its own."""
    blocks = []
    for block in re.split(r"\n\s*\n", body):
        rows = [line for line in block.splitlines() if line.lstrip().startswith("|")]
        blocks += rows if rows else [block]
    return blocks


def claim_macro_pages(block: str) -> set[str]:
    """The record pages that `{{ claim(record, claim) }}` macros of a block link to."""
    pages = set()
    for record_id, _ in prose_facts.CLAIM_MACRO.findall(block):
        pages |= {f"{segment}/{record_id}.md" for segment in RECORD_SEGMENTS}
    return pages


def unattributed_quotes(body: str, evidence: list[tuple[str, frozenset[str]]]) -> list[str]:
    """Quotes whose paragraph links to no page that carries them (source, citing record or
    original address): a reader must reach the evidence from where the quote stands. A claim
    rendered by its macro links to its record's page, where its citations are."""
    bad = []
    for block in paragraphs(body):
        linked = {t.split("#")[0] for t in MD_LINK.findall(block)} | set(URL.findall(block)) | claim_macro_pages(block)
        for quote in map(normalise, QUOTE.findall(block)):
            if not any(quote in text and pages & linked for text, pages in evidence):
                bad.append(quote)
    return bad


@pytest.fixture(scope="module")
def known_urls(loaded) -> set[str]:
    urls = {u for r in loaded.records for v in walk(r.data) if isinstance(v, str) for u in URL.findall(v)}
    return urls | LICENCE_URLS


@pytest.fixture(scope="module")
def ids_by_collection(loaded) -> dict[str, set[str]]:
    return {name: {r.id for r in loaded.in_collection(name)} for name in COLLECTIONS}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_title_and_description(name):
    assert (DOCS / name).is_file(), f"docs/{name} is missing"
    meta, body = read_page(name)
    for key in ("title", "description"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), f"docs/{name}: front matter needs a `{key}:`"
    assert len(meta["description"]) <= 300, f"docs/{name}: keep the meta description under 300 characters"
    assert body.strip(), f"docs/{name} has no text"


@pytest.mark.parametrize("name", FACT_PAGES)
def test_every_quote_is_verbatim_in_a_cited_source(name, quotable):
    _, body = read_page(name)
    bad = unbacked_quotes(body, quotable)
    assert not bad, (
        f"docs/{name}: not found, character for character, in any citation of data/: "
        f"{bad}; copy the quote exactly from the record"
    )


@pytest.mark.parametrize("name", FACT_PAGES)
def test_every_quote_links_to_its_evidence_in_the_same_paragraph(name, evidence):
    _, body = read_page(name)
    bad = unattributed_quotes(body, evidence)
    assert not bad, (
        f"docs/{name}: add, in the same paragraph, a link to the source page (or to the page of a "
        f"record citing it) of: {bad}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_record_link_points_at_an_existing_record(name, ids_by_collection):
    _, body = read_page(name)
    bad = missing_record_links(body, ids_by_collection)
    assert not bad, f"docs/{name}: these links name no record in data/: {bad}"


@pytest.mark.parametrize("name", FACT_PAGES)
def test_every_web_address_comes_from_the_data_set(name, known_urls):
    _, body = read_page(name)
    bad = unknown_urls(body, known_urls)
    assert not bad, f"docs/{name}: not the address of any record in data/: {bad}; add the source record first"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_link_points_at_a_page_of_the_site(name):
    _, body = read_page(name)
    bad = missing_pages(body)
    assert not bad, f"docs/{name}: these links lead to no page of the site: {bad}"


def test_the_pages_do_quote_and_link(ids_by_collection):
    """The checks above would pass vacuously on pages without quotes or links."""
    _, home = read_page("index.md")
    _, rights = read_page("vos-droits.md")
    assert len(QUOTE.findall(home)) + len(prose_facts.CLAIM_MACRO.findall(home)) >= 5  # quoted, or rendered with its quotes
    assert len([t for t in MD_LINK.findall(home) if t.startswith(("sources/", "entites/", "fichiers/", "flux/"))]) >= 8
    assert URL.findall(rights), "Vos droits gives the original address of each procedure"


def test_an_altered_quote_is_caught(quotable):
    genuine = next(q for q in quotable if "’" in q and "«" not in q and "»" not in q and len(q) > 20)
    assert unbacked_quotes(f"Il écrit « {genuine} ».", quotable) == []
    altered = genuine.replace("’", "'")
    assert unbacked_quotes(f"Il écrit « {altered} ».", quotable) == [altered]


def test_a_quote_far_from_its_source_is_caught(evidence):
    text, pages = next((t, p) for t, p in evidence if len(t) > 20 and "«" not in t and "»" not in t)
    link = sorted(pages)[0]
    assert unattributed_quotes(f"« {text} » ([source]({link}))", evidence) == []
    assert unattributed_quotes(f"« {text} »\n\n[source]({link})", evidence) == [text]


def test_an_invented_link_or_address_is_caught(ids_by_collection, known_urls):
    body = ("[x](entites/no-such-entity-ever.md) [y](sources/index.md) [z](no-such-page.md#a)"
            " <https://invented.example/page>")
    assert missing_record_links(body, ids_by_collection) == ["entites/no-such-entity-ever.md"]
    assert missing_pages(body) == ["no-such-page.md#a"]
    assert unknown_urls(body, known_urls) == ["https://invented.example/page"]


def test_licence_files():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert code.startswith("MIT License")
    assert "Copyright (c) 2026 the contributors of this investigation" in code
    assert "CC BY-SA 4.0" in data and "https://creativecommons.org/licenses/by-sa/4.0/" in data


# Facts in prose come from the data (tests/prose_facts.py) ------------------------------------

@pytest.fixture(scope="module")
def data_evidence(loaded) -> prose_facts.Evidence:
    """Every claim, by the page of its record, and every event of the timeline."""
    claims, claim_ids = {}, {}
    for record in loaded.records:
        ids = frozenset(c.get("id") for c in record.data.get("claims") or [] if isinstance(c, dict))
        claim_ids[record.id] = ids
        segment = COLLECTIONS[record.collection].url_segment if record.collection in COLLECTIONS else None
        if segment:
            claims[(segment, record.id)] = ids
    events = frozenset(r.id for r in loaded.in_collection("events"))
    return prose_facts.Evidence(claims, claim_ids, events)


def allowlist() -> list[dict]:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or []
    assert isinstance(entries, list), f"{ALLOWLIST.name}: a list of {{page, sentence, reason}}"
    return entries


def allowed_on(name: str) -> set[str]:
    return {" ".join(e["sentence"].split()) for e in allowlist() if e.get("page") == name}


@pytest.mark.parametrize("name", FACT_PAGES)
def test_every_fact_in_prose_renders_or_links_to_the_data(name, data_evidence):
    _, body = read_page(name)
    bad = prose_facts.unbacked_facts(body, data_evidence, allowed_on(name))
    assert not bad, (
        f"docs/{name}: these sentences state a number, a date or a legal rule without the data that "
        f"states it; render the claim ({{{{ claim(\"record\", \"claim\") }}}}), link to its anchor "
        f"(entites/<id>.md#<claim>, droit/<id>.md#<claim>, chronologie/index.md#<event>), or, for "
        f"framing only, list the sentence with its reason in tests/{ALLOWLIST.name}:\n- " + "\n- ".join(bad)
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_claim_macro_and_anchor_names_a_claim(name, data_evidence):
    _, body = read_page(name)
    bad = prose_facts.broken_anchors(body, data_evidence)
    assert not bad, f"docs/{name}: these claims, anchors or events do not exist in data/: {bad}"


def test_the_allowlist_is_reviewed_and_current(data_evidence):
    """Each entry gives its page, its sentence and why it is framing, and still matches an
    unbacked sentence of that page: a stale entry must go."""
    for entry in allowlist():
        assert set(entry) == {"page", "sentence", "reason"}, f"{ALLOWLIST.name}: {entry}"
        assert str(entry["reason"]).strip() and str(entry["sentence"]).strip(), f"{ALLOWLIST.name}: {entry}"
        _, body = read_page(entry["page"])
        sentence = " ".join(entry["sentence"].split())
        matches = [u for u in prose_facts.units(body) if sentence in u.text and prose_facts.states_a_fact(u)
                   and not prose_facts.backed(u, data_evidence)]
        assert matches, f"{ALLOWLIST.name}: no unbacked fact of docs/{entry['page']} reads {sentence!r}; remove it"


def test_the_pages_state_their_facts_from_the_data(data_evidence):
    """The check above would pass vacuously on pages that neither render nor link to the data."""
    for name in ("index.md", "vos-droits.md", "methodologie.md"):
        _, body = read_page(name)
        backing = [u for u in prose_facts.units(body) if prose_facts.backed(u, data_evidence)]
        assert len(backing) >= 5, f"docs/{name} states almost nothing from the data"
    _, rights = read_page("vos-droits.md")
    assert len(prose_facts.CLAIM_MACRO.findall(rights)) >= 20, "Vos droits renders its rules from their records"


def test_an_unbacked_fact_is_caught_and_a_backed_one_passes(data_evidence):
    record, claim = next((r, c) for (seg, r), ids in sorted(data_evidence.claims.items())
                         for c in sorted(ids) if seg == "droit")
    bare = "La société doit répondre sous un mois."
    assert prose_facts.unbacked_facts(bare, data_evidence, set()) == [bare]
    assert prose_facts.unbacked_facts("Elle a été créée en 2016.", data_evidence, set()) == ["Elle a été créée en 2016."]
    assert prose_facts.unbacked_facts(f'{{{{ claim("{record}", "{claim}") }}}}', data_evidence, set()) == []
    linked = f"La société doit répondre sous un mois ([règle](droit/{record}.md#{claim}))."
    assert prose_facts.unbacked_facts(linked, data_evidence, set()) == []
    wrong = f"La société doit répondre sous un mois ([règle](droit/{record}.md#no-such-claim))."
    assert prose_facts.unbacked_facts(wrong, data_evidence, set()) == [prose_facts.visible(wrong)]
    assert prose_facts.broken_anchors(wrong, data_evidence) == [f"droit/{record}.md#no-such-claim"]
    assert prose_facts.broken_anchors('{{ claim("no-such-record", "x") }}', data_evidence) == ["claim('no-such-record', 'x')"]
    assert prose_facts.unbacked_facts(bare, data_evidence, {bare}) == []
    framing = "Voici comment faire. Cette page explique vos recours."
    assert prose_facts.unbacked_facts(framing, data_evidence, set()) == []


def test_facts_are_checked_sentence_by_sentence_not_in_code(data_evidence):
    record, claim = next((r, c) for (seg, r), ids in sorted(data_evidence.claims.items())
                         for c in sorted(ids) if seg == "entites")
    body = (f"Une phrase sourcée de 2016 ([fiche](entites/{record}.md#{claim})). Une autre de 2017.\n\n"
            "- un point de liste sans chiffre ;\n- un point de 1996 ;\n\n| Chiffre | 2,5 millions |")
    assert prose_facts.unbacked_facts(body, data_evidence, set()) == [
        "Une autre de 2017.", "un point de 1996 ;", "| Chiffre | 2,5 millions |"]
    _, code_only = "", CODE.sub(" ", "```sh\nmake serve  # port 8000\n```\nRien à signaler.")
    assert prose_facts.unbacked_facts(code_only, data_evidence, set()) == []


def test_methodology_page_explains_every_value_from_the_schemas(real_site):
    """The vocabulary tables of the Méthodologie page come from the schemas (the `vocabulary`
    macro): every value, its label, its meaning and its example, in French."""
    from markupsafe import escape

    from scripts.model.meanings import code_spans, explained

    html = (real_site / "methodologie" / "index.html").read_text(encoding="utf-8")
    for listed in explained():
        for item in listed.values:
            row = re.search(rf"<tr><th scope=\"row\">{re.escape(str(escape(item.label.fr)))}<br>"
                            rf"<code>{re.escape(item.value)}</code></th>(.*?)</tr>", html)
            assert row, (listed.name, item.value)
            assert str(code_spans(item.meaning.fr)) in row[1] and str(escape(item.example.fr)) in row[1]
