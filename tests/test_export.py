"""Exports are real files: PNG and SVG through Debian's Chromium, HTML, and network data."""

from __future__ import annotations

import csv
import io
import json
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree
from shipped import shipped

from oppositions import export
from oppositions.cli import main
from oppositions.export import ExportError, Filters, data_bytes, export_graph, write_atomic

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data():
    return shipped()


def png_size(path) -> tuple[int, int]:
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_png_has_the_pixel_size_asked_for(tmp_path):
    assert main(["export", "--chart", "network", "--year", "1927", "--format", "png",
                 "--width", "800", "--height", "600", "--out", str(tmp_path)]) == 0
    assert png_size(tmp_path / "network-1927.png") == (800, 600)


def test_a_set_of_years_charts_and_formats_shares_one_browser(tmp_path, capsys):
    assert main(["export", "--chart", "network,timeline", "--from", "1926", "--to", "1927",
                 "--format", "png,svg,html", "--scale", "2", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{c}-{y}.{f}" for c in ("network", "timeline") for y in (1926, 1927)
                           for f in ("png", "svg", "html"))
    assert png_size(tmp_path / "network-1926.png") == (2400, 1680)  # 1200x840 at scale 2
    assert "Wrote 12 file(s)" in capsys.readouterr().out


def test_svg_parses_and_holds_the_traces(tmp_path):
    assert main(["export", "--chart", "network", "--year", "1927", "--format", "svg", "--out", str(tmp_path)]) == 0
    root = ET.parse(tmp_path / "network-1927.svg").getroot()
    assert root.tag.endswith("svg")
    text = (tmp_path / "network-1927.svg").read_text()
    assert 'class="scatterlayer' in text and "Who belonged to which faction, 1927" in text


def test_html_is_standalone_or_small_with_cdn(tmp_path):
    main(["export", "--chart", "flows", "--year", "1927", "--format", "html", "--out", str(tmp_path / "a")])
    main(["export", "--chart", "flows", "--year", "1927", "--format", "html", "--plotlyjs", "cdn",
          "--out", str(tmp_path / "b")])
    inline = (tmp_path / "a" / "flows-1927.html").read_text()
    cdn = (tmp_path / "b" / "flows-1927.html").read_text()
    assert "plotly.js v" in inline or "Plotly" in inline[:200000]
    assert 'src="https://cdn.plot.ly/plotly-' in cdn and len(cdn) < len(inline) / 10


@pytest.mark.parametrize("argv, message", [
    (["--chart", "nope"], "unknown chart nope"),
    (["--year", "1800"], "outside the data"),
    (["--format", "gif"], "unknown format gif"),
    (["--from", "1930", "--to", "1925"], "is after --to"),
    (["--factions", "ghost"], "unknown faction id(s): ghost"),
    (["--chart", "timeline", "--animate", "--format", "html"], "--animate"),
])
def test_bad_arguments_exit_2_and_leave_no_file(tmp_path, capsys, argv, message):
    out = tmp_path / "out"
    assert main(["export", *argv, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() or list(out.iterdir()) == []


def test_unwritable_folder_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["export", "--out", str(blocker / "sub")]) == 2
    assert "cannot write to" in capsys.readouterr().err


def test_a_failure_mid_write_leaves_nothing_behind(tmp_path):
    def broken():
        raise RuntimeError("browser died")
    with pytest.raises(RuntimeError):
        write_atomic(tmp_path, "network-1927.png", broken)
    with pytest.raises(RuntimeError):
        write_atomic(tmp_path, "x.png", lambda: (_ for _ in ()).throw(RuntimeError("late")))
    assert list(tmp_path.iterdir()) == []


def test_never_writes_outside_the_folder(tmp_path):
    (tmp_path / "out").mkdir()
    for name in ("../escape.png", "sub/x.png", "/tmp/x.png"):
        with pytest.raises(ExportError):
            write_atomic(tmp_path / "out", name, b"x")
    assert not (tmp_path / "escape.png").exists()


def test_graphml_and_gexf_read_back_to_the_same_graph(data, tmp_path):
    graph = export_graph(data, 1927, 1923, Filters(factions=("left-opposition", "united-opposition",
                                                              "declaration-of-46")))
    for fmt in ("graphml", "gexf"):
        (suffix, content), = data_bytes(graph, fmt).items()
        path = tmp_path / f"g{suffix}"
        path.write_bytes(content)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert set(back.nodes) == set(graph.nodes)
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
        assert back.nodes["p:trotsky"]["label"] == "Leon Trotsky"
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert 'mode="dynamic"' in (tmp_path / "g.gexf").read_text()
    spell = gexf.edges["p:pyatakov", "f:declaration-of-46"]
    assert (spell["start"], spell["end"]) == (1923, 1923)
    assert gexf.edges["p:sapronov", "f:left-opposition"]["start"] == 1923


SCHEMAS = Path(__file__).parent / "schemas" / "gexf"


@pytest.mark.parametrize("year, since, filters", [
    (1921, None, Filters()), (1937, None, Filters()), (1927, 1923, Filters()), (1988, None, Filters()),
    (1927, None, Filters(factions=("left-opposition",), view="persons")),
    (1937, None, Filters(persons=("trotsky", "zinoviev"), undisputed=True))])
def test_every_gexf_is_valid_against_the_official_schema_and_graphml_reads_in_igraph(data, tmp_path,
                                                                                     year, since, filters):
    """Strict readers refuse a GEXF the schema rejects (networkx writes timeformat="long" and a
    graph name); GraphML is read by networkx and by igraph."""
    graph = export_graph(data, year, since, filters)
    gexf = data_bytes(graph, "gexf")[".gexf"]
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "1.2draft" / "gexf.xsd")))
    assert schema.validate(etree.fromstring(gexf)), schema.error_log
    assert b'timeformat="integer"' in gexf and b'mode="dynamic"' in gexf
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == graph.number_of_nodes()
    path = tmp_path / "g.graphml"
    path.write_bytes(data_bytes(graph, "graphml")[".graphml"])
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.vcount() == graph.number_of_nodes() and read.ecount() == graph.number_of_edges()
    assert "Leon Trotsky" in read.vs["label"] or "p:trotsky" not in graph


def test_the_command_lines_gexf_validates_too(tmp_path):
    assert main(["export-data", "--from", "1923", "--to", "1927", "--format", "gexf", "--out", str(tmp_path)]) == 0
    (path,) = tmp_path.glob("*.gexf")
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "1.2draft" / "gexf.xsd")))
    assert schema.validate(etree.parse(str(path))), schema.error_log


def test_csv_and_json_hold_the_attributes(data, tmp_path):
    assert main(["export-data", "--year", "1927", "--format", "csv,json", "--out", str(tmp_path)]) == 0
    nodes = (tmp_path / "network-1927-nodes.csv").read_text()
    assert "p:trotsky" in nodes and "Leon Trotsky" in nodes and "status" in nodes.splitlines()[0]
    doc = json.loads((tmp_path / "network-1927.json").read_text())
    graph = export_graph(data, 1927)
    assert len(doc["nodes"]) == graph.number_of_nodes() and len(doc["links"]) == graph.number_of_edges()


def test_exported_network_is_what_the_dashboard_shows(data):
    from oppositions.network import network_for

    graph = export_graph(data, 1927, filters=Filters(factions=("united-opposition",)))
    shown = network_for(data).graph_at(1927, factions=("united-opposition",))
    assert set(graph.nodes) == set(shown.nodes) and graph.number_of_edges() == shown.number_of_edges()


@pytest.mark.parametrize("chart", ["network", "timeline"])
def test_the_dashboards_figure_dict_is_the_exported_chart(data, chart):
    import plotly.graph_objects as go

    filters = Filters(factions=("left-opposition", "united-opposition"), highlight=("trotsky",), undisputed=True)
    served = export.chart_spec(data, chart, 1927, None, filters)
    exported = export.build_chart(data, chart, 1927, None, filters)
    assert go.Figure(served).to_dict() == exported.to_dict()


def test_animation_has_a_frame_per_year(data):
    figure = export.animated_network(data, range(1919, 1942))
    assert [f.name for f in figure.frames] == [str(y) for y in range(1919, 1942)]
    assert len({len(f.data) for f in figure.frames}) == 1  # every frame has the same traces
    assert len(figure.layout.sliders[0].steps) == 23


def test_the_data_of_a_year_holds_everyone_the_chart_draws_with_status_change_and_citations():
    """Download -> network data for 1937 once held 17 persons and none of the year's executed."""
    from oppositions.csv_tables import cited_sources
    from oppositions.figures.network_scene import scene_of

    dataset = shipped()
    graph = export_graph(dataset, 1937)
    scene = scene_of(dataset, 1937)
    persons = {n[2:] for n, d in graph.nodes(data=True) if d["kind"] == "person"}
    assert persons == set(scene.drawn)
    executed = {c.person for c in scene.changes if c.kind == "executed"}
    assert len(executed) >= 30 and all("executed" in graph.nodes["p:" + p]["changes"] for p in executed)
    assert all(graph.nodes["p:" + p]["status"] == "executed" for p in executed)
    assert graph.nodes["p:shlyapnikov"]["in_span"] == 0  # an earlier member, drawn faded
    for _, data in [*graph.nodes(data=True), *((None, d) for _, _, d in graph.edges(data=True))]:
        assert data["citations"].count(" | ") == data["sources"].count(";")
    listed = {row["id"] for row in csv.DictReader(io.StringIO(cited_sources(dataset, graph).decode()))}
    cited = {s for _, d in graph.nodes(data=True) for s in d["sources"].split(";") if s}
    assert cited <= listed
    files = data_bytes(graph, "csv", dataset)
    assert set(files) == {"-nodes.csv", "-edges.csv", "-sources.csv"}
    assert b"citations" in data_bytes(graph, "graphml")[".graphml"]


def test_a_part_left_by_a_killed_export_is_swept_by_the_next_and_a_running_ones_is_not(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / f".part-{dead.pid}-k1ll3d.png").write_bytes(b"half")
        (tmp_path / f".part-{alive.pid}-busy.png").write_bytes(b"half")
        write_atomic(tmp_path, "network-1927.png", b"whole")
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".part-{alive.pid}-busy.png", "network-1927.png"]
    finally:
        alive.kill()
        alive.wait()


def _small_files_only():
    """In the child: files may not grow past 4 KB (the kernel then says 'File too large')."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_an_export_that_cannot_be_written_says_so_in_one_line_and_leaves_no_part(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "app.py", "export-data", "--format", "csv", "--year", "1927",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            preexec_fn=_small_files_only)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: cannot write to {out}: File too large; no half-written file is left"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert all(p.stat().st_size <= 4096 for p in out.iterdir())


def test_exports_side_by_side_in_one_folder_all_succeed(tmp_path):
    runs = [subprocess.Popen([sys.executable, "app.py", "export-data", "--format", "graphml", "--year", str(year),
                              "--out", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for year in (1923, 1927, 1932)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"network-{y}.graphml" for y in (1923, 1927, 1932)]
