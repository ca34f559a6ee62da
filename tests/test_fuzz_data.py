"""A broken data folder never crashes the loader: it loads, or every problem comes back located."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import COLUMNS, MINIMAL, write_table
from oppositions.csv_tables import FORMULA_STARTS
from oppositions.dataset import DatasetError, Problem, check_folder, load_dataset
from oppositions.export import DATA_FORMATS, data_bytes, export_graph

TABLES = list(MINIMAL)
GEXF_SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "gexf" / "1.2draft" / "gexf.xsd")))

mutation = st.one_of(
    st.tuples(st.just("empty_cell"), st.sampled_from(TABLES), st.integers(0, 5), st.integers(0, 12)),
    st.tuples(st.just("set_cell"), st.sampled_from(TABLES), st.integers(0, 5), st.integers(0, 12),
              st.sampled_from(["1921-02-30", "abc", "-1", "99999", "", ";;", "javascript:x", "2000-13",
                               "shlyapnikov", "\u0000", "é" * 300, "1937-09-02", "#zzzzzz", "  ", "bell\u0007", "\u001b[31mred",
                               "\ufffe", "=HYPERLINK(\"http://x\")", "@SUM(1)", "+1", "a\tb", "<b>&amp;"])),
    st.tuples(st.just("duplicate_row"), st.sampled_from(TABLES), st.integers(0, 5)),
    st.tuples(st.just("drop_column"), st.sampled_from(TABLES), st.integers(0, 12)),
    st.tuples(st.just("broken_quote"), st.sampled_from(TABLES)),
    st.tuples(st.just("latin1"), st.sampled_from(TABLES)),
    st.tuples(st.just("bom"), st.sampled_from(TABLES)),
    st.tuples(st.just("truncate"), st.sampled_from(TABLES), st.integers(0, 200)),
    st.tuples(st.just("delete_file"), st.sampled_from(TABLES)),
)


def apply(folder, data, change):
    kind, table = change[0], change[1]
    path = folder / f"{table}.csv"
    rows = data[table]
    columns = COLUMNS[table]
    if kind == "empty_cell" and rows:
        rows[change[2] % len(rows)][columns[change[3] % len(columns)]] = ""
    elif kind == "set_cell" and rows:
        rows[change[2] % len(rows)][columns[change[3] % len(columns)]] = change[4]
    elif kind == "duplicate_row" and rows:
        rows.append(dict(rows[change[2] % len(rows)]))
    write_table(folder, table, rows)
    if kind == "drop_column":
        write_table(folder, table, rows, [c for i, c in enumerate(columns) if i != change[2] % len(columns)])
    elif kind == "broken_quote":
        path.write_text(path.read_text(encoding="utf-8") + 'x,"never closed\n', encoding="utf-8")
    elif kind == "latin1":
        path.write_bytes(path.read_text(encoding="utf-8").replace("Alexander", "Aléxander").encode("latin-1", errors="replace"))
    elif kind == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    elif kind == "truncate":
        content = path.read_bytes()
        path.write_bytes(content[: change[2] % (len(content) + 1)])
    elif kind == "delete_file":
        path.unlink()


def mutated(tmp_path, changes):
    """The minimal folder with ``changes`` applied."""
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    data = {name: [dict(r) for r in rows] for name, rows in MINIMAL.items()}
    for name, rows in data.items():
        write_table(folder, name, rows)
    for change in changes:
        if (folder / f"{change[1]}.csv").exists() or change[0] != "delete_file":
            apply(folder, data, change)
    return folder


@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_folder_loads_or_reports_located_problems(tmp_path, changes):
    folder = mutated(tmp_path, changes)
    report = check_folder(folder)          # never raises
    if report.ok:
        assert report.dataset is not None and report.dataset.persons is not None
        load_dataset(folder)
    else:
        assert report.dataset is None      # nothing half-loaded is served
        for problem in report.errors:
            assert isinstance(problem, Problem) and problem.file and problem.message
            assert problem.file.endswith(".csv") or problem.file == str(folder)
        try:
            load_dataset(folder)
        except DatasetError as error:
            assert error.problems == report.errors
        else:
            raise AssertionError("load_dataset accepted a folder with errors")


@settings(max_examples=25)
@given(st.lists(st.tuples(st.just("set_cell"), st.sampled_from(TABLES), st.integers(0, 5), st.integers(0, 12),
                          st.sampled_from(["bell\u0007", "\u001b[31mred", "\ufffe", "=cmd|' /C calc'!A0",
                                           "@SUM(1)", "-2+3", "<b>&amp;\"'", "é" * 30, "a\tb"])),
                min_size=1, max_size=4))
def test_every_export_of_a_folder_that_validates_is_well_formed_and_reads_back(tmp_path, changes):
    """What validates exports: GEXF valid against the official schema, GraphML and JSON read
    back, CSV read back with no cell a spreadsheet would run."""
    report = check_folder(mutated(tmp_path, changes))
    if not report.ok:
        return
    dataset = report.dataset
    graph = export_graph(dataset, dataset.years[1], since=dataset.years[0])
    for fmt in DATA_FORMATS:
        for suffix, content in data_bytes(graph, fmt, dataset).items():
            if fmt == "gexf":
                assert GEXF_SCHEMA.validate(etree.fromstring(content)), GEXF_SCHEMA.error_log
                assert nx.read_gexf(io.BytesIO(content)).number_of_nodes() == graph.number_of_nodes()
            elif fmt == "graphml":
                assert nx.read_graphml(io.BytesIO(content)).number_of_nodes() == graph.number_of_nodes()
            elif fmt == "json":
                assert len(json.loads(content)["nodes"]) == graph.number_of_nodes()
            else:
                cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8"))) for c in row]
                assert not [c for c in cells if c.startswith(FORMULA_STARTS)], suffix
