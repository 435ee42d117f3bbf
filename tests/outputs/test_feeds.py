"""The corrections log and the Atom feeds (parsed with ElementTree and feedparser), and the
dates they rest on: gitdates on a throw-away repository with commits at known dates."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from sample import HOSTILE, git, sample_index

from scripts.load import git_dates as gitdates
from scripts.model.text import plain
from scripts.model.urls import corrections_of
from scripts.outputs.feeds import write_feeds

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://enquete.example/"


@pytest.fixture
def sample(tmp_path):
    return sample_index(tmp_path)


def test_index_gathers_the_corrections_of_every_record_newest_first(sample):
    """One list for the corrections page and its feed."""
    _, index = sample
    entries = index.corrections
    assert [(c.date, c.record.id, c.number) for c in entries] == [
        ("2026-04", "rachat-2016", 1),
        ("2026-03-02", "filiale-exemple", 1),
        ("2026-03-02", "filiale-exemple", 2),
        ("2025", "fichier-exemple", 1),
    ]
    assert plain(entries[1].note) == "Part du capital corrigée (90 % → 100 %)."
    assert corrections_of(entries[1].record) == "entites/filiale-exemple/#section--corrections"
    assert corrections_of(entries[0].record) == "chronologie/#rachat-2016"  # events live on the timeline
    assert len({c.anchor for c in entries}) == len(entries)


def write(sample, tmp_path, dates=None, added=None):
    _, index = sample
    site = tmp_path / "site"
    return write_feeds(index, site, SITE, dates or {}, added, site_name="Site Exemple",
                       today="2026-11-28")


def check_atom(path: Path, author: str | None = "Site Exemple") -> ET.Element:
    """The elements RFC 4287 requires: feed id/title/updated/author, entry id/title/updated/link."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    name = root.find(f"{ATOM}author/{ATOM}name").text
    assert name and (author is None or name == author)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == root.find(f"{ATOM}id").text
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text
        assert entry.find(f"{ATOM}id").text.startswith(SITE)
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE)
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return root


def test_corrections_feed_is_valid_atom(sample, tmp_path):
    corrections_path, _ = write(sample, tmp_path)
    assert corrections_path == tmp_path / "site/corrections/feed.xml"
    root = check_atom(corrections_path)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 4
    assert root.find(f"{ATOM}updated").text == "2026-04-01T00:00:00Z"
    second = entries[1]
    assert second.find(f"{ATOM}title").text == f"Correction : Filiale {HOSTILE}"
    assert second.find(f"{ATOM}summary").text == "Part du capital corrigée (90 % → 100 %)."
    assert second.find(f"{ATOM}link").get("href") == \
        f"{SITE}entites/filiale-exemple/#section--corrections"
    parsed = feedparser.parse(corrections_path.read_bytes())
    assert parsed.entries[1].title == f"Correction : Filiale {HOSTILE}"  # text, not markup


def test_news_feed_lists_new_and_changed_records_newest_first(sample, tmp_path):
    dates = {"data/entities/filiale-exemple.yaml": "2026-03-02",
             "data/sources/presse-2016.yaml": "2026-01-10",
             "data/datasets/fichier-exemple.yaml": "2026-02-01"}
    added = {"data/entities/filiale-exemple.yaml": "2025-12-01",
             "data/sources/presse-2016.yaml": "2026-01-10"}
    _, news_path = write(sample, tmp_path, dates, added)
    assert news_path == tmp_path / "site/nouveautes.xml"
    root = check_atom(news_path)
    entries = {e.find(f"{ATOM}link").get("href"): e for e in root.findall(f"{ATOM}entry")}
    changed = entries[f"{SITE}entites/filiale-exemple/"]
    assert changed.find(f"{ATOM}title").text.startswith("Fiche mise à jour : ")
    assert changed.find(f"{ATOM}updated").text == "2026-03-02T00:00:00Z"
    assert changed.find(f"{ATOM}published").text == "2025-12-01T00:00:00Z"
    assert entries[f"{SITE}sources/presse-2016/"].find(f"{ATOM}title").text == \
        "Nouvelle fiche : La filiale rejoint le groupe"
    # records without a commit count as changed on the build date, and come first
    first = root.findall(f"{ATOM}entry")[0]
    assert first.find(f"{ATOM}updated").text == "2026-11-28T00:00:00Z"
    # events have no page: no entry for them
    assert not any("rachat-2016" in href for href in entries)


def test_feeds_refuse_a_relative_site_url(sample, tmp_path):
    _, index = sample
    with pytest.raises(ValueError, match="site_url"):
        write_feeds(index, tmp_path, "/", {}, site_name="Site Exemple")


# ---- gitdates ------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_dates_come_from_the_history_in_one_pass(tmp_path):
    repo = tmp_path / "repo"
    data = repo / "data"
    (data / "entities").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (data / "entities/a.yaml").write_text("id: a\n")
    (data / "entities/b.yaml").write_text("id: b\n")
    (repo / "README.md").write_text("not data\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", date="2024-01-15")
    (data / "entities/b.yaml").write_text("id: b\nname: B\n")
    git(repo, "commit", "-q", "-am", "second", date="2025-06-30")
    (data / "entities/c.yaml").write_text("id: c\n")  # never committed

    dates = gitdates.file_dates(data)
    assert dates.updated == {"data/entities/a.yaml": "2024-01-15", "data/entities/b.yaml": "2025-06-30"}
    assert dates.added == {"data/entities/a.yaml": "2024-01-15", "data/entities/b.yaml": "2024-01-15"}
    assert not dates.shallow
    assert gitdates.last_updated(data) == dates.updated
    assert gitdates.first_added(data) == dates.added


@needs_git
def test_a_branch_change_dates_from_its_merge_into_the_main_line(tmp_path):
    repo = tmp_path / "repo"
    data = repo / "data"
    (data / "sources").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (data / "sources/s.yaml").write_text("id: s\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", date="2024-01-15")
    git(repo, "checkout", "-q", "-b", "fix")
    (data / "sources/s.yaml").write_text("id: s\ntitle: T\n")
    git(repo, "commit", "-q", "-am", "fix", date="2024-02-01")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "fix", date="2024-03-10")
    assert gitdates.last_updated(data) == {"data/sources/s.yaml": "2024-03-10"}


def test_no_repository_means_no_dates(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yaml").write_text("id: x\n")
    assert gitdates.last_updated(data) == {}


def test_no_git_means_no_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert gitdates.file_dates(tmp_path).updated == {}


def test_built_site_publishes_both_feeds_with_git_dates(sample_site):  # noqa: F811
    check_atom(sample_site / "corrections/feed.xml", author=None)
    root = check_atom(sample_site / "nouveautes.xml", author=None)
    entries = {e.find(f"{ATOM}link").get("href"): e for e in root.findall(f"{ATOM}entry")}
    subsidiary = entries[f"{SITE}entites/filiale-exemple/"]
    assert subsidiary.find(f"{ATOM}updated").text == "2026-03-02T00:00:00Z"
    assert subsidiary.find(f"{ATOM}published").text == "2025-12-01T00:00:00Z"
    assert root.findall(f"{ATOM}entry")[0] is subsidiary  # the latest change first
