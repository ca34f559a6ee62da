"""The one-pass check of the schema agrees with frictionless: a folder it passes is one
frictionless finds valid, read into the very same records; anything else goes to frictionless."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import frictionless
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import generate
from oppositions import dataset as dataset_module
from oppositions.dataset import DEFAULT_DATA_DIR, check_folder, shipped_descriptor
from oppositions.quick_check import quick_rows

TRICKY = ["", " ", "x", "1921", "1921-13", "1921-02-30", "19210", "1921\n", "a;b", ";", "#12345", "#12345g",
          "-1", "1.5", "+3", "opposition", "member", "certain", "unknown-id", "https://x", "ftp://x", '"', "é",
          "trotsky", "left-opposition", "s"]


def package(folder: Path) -> frictionless.Package:
    return frictionless.Package(shipped_descriptor(), basepath=str(folder))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return generate(60, tmp_path_factory.mktemp("quick") / "data")


@pytest.mark.parametrize("folder", [DEFAULT_DATA_DIR, "small"])
def test_a_valid_folder_is_read_once_into_the_records_frictionless_reads(folder, small, monkeypatch):
    folder = small if folder == "small" else folder
    assert quick_rows(Path(folder), package(Path(folder))) is not None, "the shipped data takes the quick path"
    quick = check_folder(folder)
    monkeypatch.setattr(dataset_module, "quick_rows", lambda *args: None)  # frictionless alone, as before
    slow = check_folder(folder)
    assert quick.ok and slow.ok
    assert quick.warnings == slow.warnings
    for table in ("sources", "factions", "persons"):
        assert dict(getattr(quick.dataset, table)) == dict(getattr(slow.dataset, table))
    for table in ("memberships", "fates", "events"):
        assert getattr(quick.dataset, table) == getattr(slow.dataset, table)


def _table(folder: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"), newline="")))


def _write(folder: Path, name: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / name).write_text(out.getvalue(), encoding="utf-8")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_whatever_the_quick_check_passes_frictionless_finds_valid(small, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mutated")
    shutil.rmtree(folder)
    shutil.copytree(small, folder)
    name = data.draw(st.sampled_from(["sources.csv", "factions.csv", "persons.csv", "memberships.csv",
                                      "fates.csv", "events.csv"]))
    rows = _table(folder, name)
    change = data.draw(st.sampled_from(["cell", "cell", "cell", "duplicate", "drop", "short", "blank"]))
    if len(rows) > 1:
        at = data.draw(st.integers(1, len(rows) - 1))
        if change == "cell":
            column = data.draw(st.integers(0, len(rows[0]) - 1))
            rows[at][column] = data.draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)))
        elif change == "duplicate":
            rows.insert(at, list(rows[at]))
        elif change == "drop":
            del rows[at]
        elif change == "short":
            rows[at] = rows[at][:-1]
        else:
            rows.insert(at, [""] * len(rows[0]))
    _write(folder, name, rows)
    quick = quick_rows(folder, package(folder))
    report = package(folder).validate()
    if quick is not None:
        assert report.valid, [e.message for task in report.tasks for e in task.errors][:3]
