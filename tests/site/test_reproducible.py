"""Two builds of the same commit give the same site, byte for byte: no build date or random
value anywhere (the pages, the feeds whose `updated` is their newest entry's date, the sitemap,
the exports, the search bundle). MkDocs and Material put none in the site but the sitemap's
dates, which ours replaces (scripts/outputs/sitemap.py); the pipeline's own "today" is the date
of the commit built (scripts/load/git_dates.py: build_date)."""
from __future__ import annotations

import pytest
from building import TEST_REPO_URL

pytestmark = pytest.mark.slow


def files_of(site):
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(real_site, build_site, tmp_path):
    again = build_site(tmp_path / "again", REPO_URL=TEST_REPO_URL, PARALLEL="off")
    first, second = files_of(real_site), files_of(again)
    assert sorted(first) == sorted(second)
    different = sorted(name for name in first if first[name] != second[name])
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


def test_two_builds_with_the_sites_url_are_byte_identical(build_site, tmp_path):
    """With SITE_URL: the Atom feeds and robots.txt's sitemap line too."""
    site_url = "https://enquete.example/"
    first = build_site(tmp_path / "first", REPO_URL=TEST_REPO_URL, SITE_URL=site_url, PARALLEL="on")
    second = build_site(tmp_path / "second", REPO_URL=TEST_REPO_URL, SITE_URL=site_url, PARALLEL="on")
    first_files, second_files = files_of(first), files_of(second)
    assert "corrections/feed.xml" in first_files and "nouveautes.xml" in first_files
    assert first_files == second_files
