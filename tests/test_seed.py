"""The seed page from the issue: a Pravda.Ru copy-paste with menus, credits and related lists."""

from __future__ import annotations

import subprocess
import sys

from conftest import shared_path

import mediakit as mk


def _seed():
    return mk.load_article(shared_path("seeds", "000_9d616d7769cc11ee.txt"))


def test_seed_metadata():
    art = _seed()
    assert art.title == "Anders Fogh Rasmussen: NATO may send its troops to Ukraine"
    assert art.author == "Marina Lebedeva"
    assert art.editor == "Dmitry Sudakov"
    assert art.outlet == "Pravda.Ru"
    assert art.section == "World"
    assert art.published is None  # the page shows only "1:57", a time without a date


def test_seed_body_is_exactly_the_article():
    art = _seed()
    assert art.text.startswith("NATO troops may take a direct part in the conflict in Ukraine")
    assert art.text.endswith("the decisions that will be taken at the summit will be significant.")
    assert "British Defence Secretary" in art.text
    assert "\u0441" not in art.text  # the Cyrillic look-alike was repaired
    paragraphs = art.text.split("\n\n")
    assert len(paragraphs) == 9
    for removed in ("Photo: commons.wikimedia. org", "Subscribe to Pravda.Ru", "Popular",
                    "Last materials", "Copyright", "Privacy Policy", "Author`s name"):
        assert removed not in art.text


def test_seed_removed_lines_are_kept_as_boilerplate():
    art = _seed()
    bp = art.boilerplate
    assert "Anders Fogh Rasmussen: NATO may send its troops to Ukraine" in bp
    assert "Photo: commons.wikimedia. org" in bp
    assert any(line.startswith("Subscribe to Pravda.Ru") for line in bp)
    assert "Cuba to host China's secret base to spy on USA" in bp
    assert "Copyright © 1999-2023, «PRAVDA.Ru»." in bp
    # nothing lost: every non-empty input line is in the body or in the boilerplate
    raw = shared_path("seeds", "000_9d616d7769cc11ee.txt").read_text(encoding="utf-8")
    n_lines = sum(1 for line in raw.splitlines() if line.strip())
    assert len(bp) + len(art.text.split("\n\n")) == n_lines


def test_seed_cli_prints_the_metadata():
    seeds = shared_path("seeds")
    out = subprocess.run([sys.executable, "-m", "mediakit.cli", "clean", str(seeds)],
                         capture_output=True, text=True, check=True).stdout
    assert "Anders Fogh Rasmussen: NATO may send its troops to Ukraine" in out
    assert "Marina Lebedeva" in out
    assert "Pravda.Ru" in out
