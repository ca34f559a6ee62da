"""``make bench``, on the server's side: loading, the layout, the builders, the callbacks and
the frames, timed in-process with Flask's test client beside two references (the common Dash
recipe and dash-cytoscape's payload); the cold start and the peak memory of a real server; PNG
export."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import plotly.graph_objects as go

from benchmarks.load import fetch_network_output, free_port, network_output, year_request
from oppositions import figures
from oppositions.dataset import load_dataset
from oppositions.export import chart_bytes, image_server
from oppositions.layout import stable_layout, whole_layout
from oppositions.network import network_for
from oppositions.span import span_of

ROOT = Path(__file__).resolve().parent.parent
YEAR = 1927
YEAR_STEP = 8  # a slider step in the middle of the years (1927 in the shipped data)


def timed(fn, reps: int) -> dict:
    """Median and interquartile range, in milliseconds, of ``reps`` calls."""
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [times[0], statistics.median(times), times[-1]]
    return {"median_ms": round(statistics.median(times), 2), "iqr_ms": round(q[2] - q[0], 2), "runs": reps}


def recipe_figure(graph: nx.Graph) -> go.Figure:
    """The tutorial recipe: a fresh spring layout and one trace per edge, every callback."""
    pos = nx.spring_layout(graph, seed=1)
    fig = go.Figure()
    for a, b in graph.edges:
        fig.add_trace(go.Scatter(x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines",
                                 line={"width": 0.5, "color": "#888"}, hoverinfo="none", showlegend=False))
    fig.add_trace(go.Scatter(x=[pos[n][0] for n in graph], y=[pos[n][1] for n in graph], mode="markers",
                             text=list(graph), hoverinfo="text"))
    return fig


def cytoscape_payload(graph: nx.Graph) -> str:
    """The same graph as dash-cytoscape elements, serialised as a callback response would be."""
    import dash_cytoscape as cyto

    elements = [{"data": {"id": n, "label": n}} for n in graph] + [
        {"data": {"source": a, "target": b}} for a, b in graph.edges]
    component = cyto.Cytoscape(id="c", elements=elements, layout={"name": "cose"})
    return json.dumps(component.to_plotly_json(), default=str)


def callback_client(dataset):
    """A Flask test client of the real app, for the year callback through Dash's endpoint."""
    import app

    return app.create_app(dataset).server.test_client()


def bench_dataset(label: str, folder: Path | None, heavy: bool) -> dict:
    """Every server-side measure for one dataset."""
    reps = 1 if heavy else 3
    row: dict = {"dataset": label}
    row["load_validate"] = timed(lambda: load_dataset(folder), reps)
    dataset = load_dataset(folder)
    row["persons"] = len(dataset.persons)
    network = network_for(dataset)
    row["graph_at"] = timed(lambda: network.graph_at(YEAR), 20)
    whole_layout.cache_clear()
    row["layout_once"] = timed(lambda: stable_layout(dataset), 1)
    builders = {
        "network": lambda: figures.network_figure(dataset, YEAR),
        "timeline": lambda: figures.timeline_figure(dataset, YEAR),
        "overlap": lambda: figures.overlap_heatmap(dataset),
        "upset": lambda: figures.overlap_upset(dataset),
        "flows": lambda: figures.flows_figure(dataset),
        "fates": lambda: figures.fates_figure(dataset, year=YEAR),
    }
    row["figures"] = {name: timed(build, reps) for name, build in builders.items()}
    client = callback_client(dataset)
    output = network_output(client.get("/_dash-dependencies").json)
    years = span_of(dataset).steps
    steps = iter(range(YEAR_STEP + 1, 10_000))  # years after the one measured for its bytes

    def year_change(step=None):
        body = year_request(years[(next(steps) if step is None else step) % min(23, len(years))], output)
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 200, response.status_code
        return len(response.data)

    row["callback_bytes"] = year_change(YEAR_STEP)
    row["year_callback_miss"] = timed(year_change, 3 if heavy else 22)  # the years after YEAR, each new
    row["year_callback_hit"] = timed(lambda: year_change(YEAR_STEP), 10)
    row.update(bench_frames(client))  # after the misses: it fills the cache
    graph = network.graph_at(YEAR)
    row["recipe_callback"] = timed(lambda: recipe_figure(graph).to_json(), 1 if graph.number_of_nodes() > 3000 else reps)
    row["cytoscape_payload"] = timed(lambda: cytoscape_payload(graph), reps)
    ours = row["year_callback_miss"]["median_ms"]
    row["ratio_recipe"] = round(row["recipe_callback"]["median_ms"] / ours, 1)
    row["ratio_cytoscape"] = round(row["cytoscape_payload"]["median_ms"] / ours, 2)
    row.update(cold_start_and_memory(folder, span_of(dataset).steps))
    return row


def bench_frames(client) -> dict:
    """The network of every year for the default controls, as the browser fetches it once:
    time (first, then from the cache) and bytes (raw and compressed); None past the budget."""
    from components.frames import FRAMES_ROUTE

    body = json.dumps({"view": {"year": YEAR}})

    def fetch(encoding="identity"):
        return client.post(FRAMES_ROUTE, data=body, content_type="application/json",
                           headers={"Accept-Encoding": encoding})

    started = time.perf_counter()
    first = fetch()
    if first.status_code != 200:
        return {"frames_first": None, "frames_hit": None, "frames_kb": None, "frames_gzip_kb": None}
    first_ms = round(1000 * (time.perf_counter() - started), 1)
    return {"frames_first": {"median_ms": first_ms, "iqr_ms": 0, "runs": 1},
            "frames_hit": timed(lambda: fetch("gzip"), 5),
            "frames_kb": round(len(first.data) / 1024), "frames_gzip_kb": round(len(fetch("gzip").data) / 1024)}


def cold_start_and_memory(folder: Path | None, years) -> dict:
    """From ``python app.py`` to the first page served, twice with one fresh cache folder: the
    first start validates and lays out, the second reads both from disk (:mod:`oppositions.kept`);
    and the second server's peak memory once it has drawn the network of each of the first 23
    ``years``."""
    cache = tempfile.mkdtemp(prefix="bench-kept-")
    env = dict(os.environ, OPPOSITIONS_CACHE=cache)
    starts = []
    for attempt in ("first", "second"):
        proc, port, started = start_app(folder, env)
        try:
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    if time.perf_counter() - started > 600:
                        raise
                    time.sleep(0.05)
            starts.append(time.perf_counter() - started)
            if attempt == "second":
                output = fetch_network_output(port)
                for step in range(min(23, len(years))):  # draw every year once, then read the high-water mark
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    conn.request("POST", "/_dash-update-component", body=year_request(years[step], output),
                                 headers={"Content-Type": "application/json"})
                    conn.getresponse().read()
                peak = next(int(line.split()[1]) for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                            if line.startswith("VmHWM"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    shutil.rmtree(cache, ignore_errors=True)
    return {"first_start_s": round(starts[0], 2), "cold_start_s": round(starts[1], 2),
            "server_peak_mb": round(peak / 1024, 1)}


def start_app(folder: Path | None, env: dict) -> tuple[subprocess.Popen, int, float]:
    """``python app.py`` on a free port, on ``folder`` (the shipped data when None) with ``env``:
    the process, its port and when it was started."""
    port = free_port()
    command = [sys.executable, "app.py", "--port", str(port)] + (["--data", str(folder)] if folder else [])
    started = time.perf_counter()
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port, started


def bench_png() -> dict:
    """PNG export: the first (cold browser), then warm, then a batch of 20 on one browser."""
    dataset = load_dataset()
    figure = figures.network_figure(dataset, YEAR)
    first = timed(lambda: chart_bytes(figure, "png"), 1)
    with image_server():
        chart_bytes(figure, "png")
        warm = timed(lambda: chart_bytes(figure, "png"), 5)
        batch = timed(lambda: [chart_bytes(figures.network_figure(dataset, y), "png") for y in range(1919, 1939)], 1)
    return {"png_first": first, "png_warm": warm, "png_batch_20": batch}


def summary(times: list[float]) -> dict:
    """Median and interquartile range of times already measured (ms)."""
    if not times:
        return {"median_ms": None, "iqr_ms": None, "runs": 0}
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), 0, max(times)]
    return {"median_ms": round(statistics.median(times), 1), "iqr_ms": round(q[2] - q[0], 1), "runs": len(times)}
