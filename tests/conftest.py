"""Shared fixtures: small data folders written by the tests, and Chrome options for dash_duo."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from oppositions.dataset import DESCRIPTOR_PATH

collect_ignore = ["vulture_allow.py"]

# One hypothesis profile for every property test: no deadline (the machines are shared and noisy;
# speed lives in make bench), building a dataset may be slow, fixtures are read-only.
settings.register_profile("oppositions", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("oppositions")  # names for vulture, not a module to import (doctests are collected)

COLUMNS = {r["name"]: [f["name"] for f in r["schema"]["fields"]]
           for r in json.loads(DESCRIPTOR_PATH.read_text())["resources"]}

# A minimal, valid folder: two factions, three persons, their memberships, fates and events.
MINIMAL = {
    "sources": [
        {"id": "src-a", "citation": "A page", "url": "https://example.org/a", "accessed": "2026-11-25"},
        {"id": "seed-x", "citation": "A seed text", "seed": "seed-x.txt"},
    ],
    "factions": [
        {"id": "wo", "name": "Workers' Opposition", "kind": "opposition", "formed": "1920",
         "ended": "1922", "end_reason": "banned", "colour": "#d62728", "description": "A faction.",
         "sources": "src-a"},
        {"id": "l22", "name": "Letter of the 22", "kind": "signatories", "formed": "1922-02",
         "ended": "1922-02", "end_reason": "document", "colour": "#1f77b4",
         "description": "Signatories.", "sources": "src-a;seed-x"},
    ],
    "persons": [
        {"id": "shlyapnikov", "name": "Alexander Shlyapnikov", "name_variants": "Shliapnikov",
         "born": "1885", "died": "1937-09-02", "death_cause": "executed", "rehabilitated": "1963",
         "sources": "src-a;seed-x"},
        {"id": "kollontai", "name": "Alexandra Kollontai", "name_variants": "Kolontay;Kollantai",
         "born": "1872-03-31", "died": "1952-03-09", "death_cause": "natural", "sources": "src-a"},
        {"id": "medvedev-sergei", "name": "Sergei Medvedev", "died": "1937", "death_cause": "executed",
         "sources": "seed-x"},
    ],
    "memberships": [
        {"person": "shlyapnikov", "faction": "wo", "start": "1920", "end": "1921", "role": "leader", "sources": "src-a"},
        {"person": "kollontai", "faction": "wo", "start": "1921", "end": "1921", "role": "leader", "sources": "src-a"},
        {"person": "shlyapnikov", "faction": "l22", "start": "1922-02", "end": "1922-02", "role": "signatory", "sources": "seed-x"},
        {"person": "medvedev-sergei", "faction": "wo", "start": "1920", "role": "member", "sources": "seed-x"},
    ],
    "fates": [
        {"person": "shlyapnikov", "date": "1933", "status": "expelled", "sources": "src-a"},
        {"person": "shlyapnikov", "date": "1937-09-02", "status": "executed", "sources": "src-a"},
        {"person": "shlyapnikov", "date": "1963", "status": "rehabilitated", "sources": "seed-x"},
    ],
    "events": [
        {"id": "tenth-congress-vote", "date": "1921-03", "kind": "congress", "title": "Vote",
         "count": "18", "factions": "wo", "sources": "seed-x", "certainty": "disputed",
         "note": "Others give about 50."},
        {"id": "letter-22", "date": "1922-02", "kind": "letter", "title": "Letter of the 22",
         "persons": "shlyapnikov;kollontai", "factions": "l22", "count": "22", "sources": "seed-x"},
    ],
}


def write_table(folder: Path, name: str, rows: list[dict], columns: list[str] | None = None) -> Path:
    """Write one CSV table with the descriptor's columns (or the given ones)."""
    path = folder / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or COLUMNS[name], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def make_folder(tmp_path):
    """Write a data folder: the minimal tables, with any table replaced or rows changed.

    ``make_folder(persons=[...])`` replaces a table; ``make_folder(edit=fn)`` lets ``fn`` change
    a deep copy of the minimal tables in place.
    """
    def make(edit=None, **tables):
        data = {name: [dict(row) for row in rows] for name, rows in MINIMAL.items()}
        data.update(tables)
        if edit:
            edit(data)
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        for name, rows in data.items():
            write_table(folder, name, rows)
        return folder
    return make


def pytest_setup_options():
    """Chrome options for dash[testing]: Debian's chromium, headless, no network chatter, set up
    as the benchmarks' (benchmarks/browser.py)."""
    from benchmarks.browser import chromium_options

    # Bootstrap scrolls smoothly; clicks below the fold need the page where it is asked to be
    return chromium_options("--window-size=1280,800", "--force-prefers-reduced-motion")
