"""``make bench``: how fast the dashboard is, on the shipped data and on synthetic data of
1,000, 10,000 and 50,000 persons, measured side by side with two references in the same run.

References, on the same graphs:
- *recipe*: the common recipe of Dash network tutorials (``spring_layout`` recomputed and the
  figure rebuilt with one trace per edge on every callback);
- *cytoscape*: the same year's graph as dash-cytoscape elements, serialised as a callback would.

Prints a table (median and interquartile range of repeated runs) and the ratios, and writes
``benchmarks/results.json``. Absolute times are context; on a shared machine the ratios are the
honest figures.

    python -m benchmarks.run [--sizes 1000,10000,50000] [--no-browser]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import plotly.graph_objects as go

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
sys.path.insert(0, str(ROOT))

from benchmarks.load import fetch_network_output, free_port, network_output, year_request  # noqa: E402
from benchmarks.synthetic import generate  # noqa: E402
from components import frames as charts  # noqa: E402
from components.plotlyjs import STRICT_BUNDLE  # noqa: E402
from oppositions import figures  # noqa: E402
from oppositions.dataset import load_dataset  # noqa: E402
from oppositions.export import chart_bytes, image_server  # noqa: E402
from oppositions.layout import stable_layout, whole_layout  # noqa: E402
from oppositions.network import network_for  # noqa: E402
from oppositions.span import span_of  # noqa: E402

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
    """From ``python app.py`` to the first page served, and the server's peak memory once it
    has drawn the network of each of the first 23 ``years``."""
    port = free_port()
    command = [sys.executable, "app.py", "--port", str(port)] + (["--data", str(folder)] if folder else [])
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        cold = time.perf_counter() - started
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
    return {"cold_start_s": round(cold, 2), "server_peak_mb": round(peak / 1024, 1)}


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


def chromium():
    """Debian's headless Chromium through selenium, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--enable-unsafe-swiftshader",  # WebGL in software (no GPU here): large networks need it
                 f"--user-data-dir={tempfile.mkdtemp()}", "--window-size=1280,900"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def summary(times: list[float]) -> dict:
    """Median and interquartile range of times already measured (ms)."""
    if not times:
        return {"median_ms": None, "iqr_ms": None, "runs": 0}
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [min(times), 0, max(times)]
    return {"median_ms": round(statistics.median(times), 1), "iqr_ms": round(q[2] - q[0], 1), "runs": len(times)}


SLIDER_STEP = """
    const done = arguments[arguments.length - 1];
    const gd = document.querySelector('#graph-network .js-plotly-plot');
    const handle = document.querySelector('#year-slider [role=slider]');
    const key = arguments[0];
    const t0 = performance.now();
    gd.once('plotly_afterplot', () => done(performance.now() - t0));
    handle.focus();
    handle.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));
    setTimeout(() => done(-1), 30000);"""

PLAYING = """
    const done = arguments[arguments.length - 1];
    const gd = document.querySelector('#graph-network .js-plotly-plot');
    let frames = 0, paints = 0, worst = 0, last = performance.now();
    const stop = performance.now() + arguments[0];
    gd.on('plotly_afterplot', () => { paints += 1; });
    function tick(now) {
        worst = Math.max(worst, now - last); last = now; frames += 1;
        if (now < stop) { requestAnimationFrame(tick); } else { done([frames, paints, worst]); }
    }
    document.getElementById('play-button').click();
    requestAnimationFrame(tick);"""


def bench_browser(folder: Path | None, persons: int, heavy: bool = False) -> dict:
    """In headless Chromium: the page opened to the network painted, a slider step to the
    network painted (``plotly_afterplot``), and the page's frame rate while the play button runs
    (requestAnimationFrame). ``heavy`` datasets take fewer steps."""
    port = free_port()
    command = [sys.executable, "app.py", "--port", str(port)] + (["--data", str(folder)] if folder else [])
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = chromium()
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                driver.get(f"http://127.0.0.1:{port}/?year=1921")
                break
            except Exception:
                time.sleep(0.5)
        while time.time() < deadline and not driver.execute_script(
                "const g = document.querySelector('#graph-network .js-plotly-plot'); return !!(g && g._fullData);"):
            time.sleep(0.2)
        opened = time.perf_counter() - started
        waited = time.time() + 60  # the frames of every year, fetched once (small datasets only)
        while time.time() < waited and not driver.execute_script("return window.oppositionsFramesReady || 0;"):
            time.sleep(0.2)
        frames_in_browser = bool(driver.execute_script("return window.oppositionsFramesReady || 0;"))
        webgl_refused = driver.execute_script("return document.querySelectorAll('#graph-network .no-webgl').length;")
        driver.set_script_timeout(120)
        moves = 2 if heavy else 6
        paint = [driver.execute_async_script(SLIDER_STEP, key) for key in ["ArrowRight"] * moves + ["ArrowLeft"] * moves]
        seconds = 6
        driver.set_script_timeout(seconds + 120)
        frames, paints, worst = driver.execute_async_script(PLAYING, seconds * 1000)
        return {"slider_to_paint": summary([ms for ms in paint if ms >= 0]), "frames_in_browser": frames_in_browser,
                "years_in_browser": years_in_browser(frames_in_browser, persons),
                "server_start_to_network_painted_s": round(opened, 2), "webgl_refused": bool(webgl_refused),
                "play_fps": round(frames / seconds, 1), "play_years_painted": paints,
                "play_longest_frame_ms": round(worst, 1)}
    finally:
        driver.quit()
        proc.terminate()
        proc.wait(timeout=30)


def years_in_browser(every_year: bool, persons: int) -> str:
    """Which years the page holds, as the frames plan decides (see ``components.frames``)."""
    if every_year:
        return "every year"
    return "years around the hand" if persons <= charts.NEARBY_MAX_PERSONS else "one year per request"


DRAW_PAGE = """<!doctype html><html><body><div id="g" style="width:900px;height:760px"></div>
<script src="plotly.min.js"></script></body></html>"""

DRAW = """
    const done = arguments[arguments.length - 1];
    const figures = arguments[0];
    const gd = document.getElementById('g');
    (async () => {
        await Plotly.newPlot(gd, figures[0].data, figures[0].layout);
        const times = [];
        for (let i = 1; i < figures.length; i++) {
            const t0 = performance.now();
            await Plotly.react(gd, figures[i].data, figures[i].layout);
            times.push(performance.now() - t0);
        }
        done(times);
    })();"""


def bench_draw(dataset) -> dict:
    """Plotly's redraw from one year to the next in Chromium, side by side on one bare page with
    the plotly.js the dashboard serves: the project's figures, the same figures stripped to
    markers and lines (no legend, titles, captions or labels: Plotly's floor for this network),
    and the recipe's (one trace per edge)."""
    network = network_for(dataset)
    years = list(range(1921, 1931))
    ours = [json.loads(figures.network_figure(dataset, y).to_json()) for y in years]
    recipe = [json.loads(recipe_figure(network.graph_at(y)).to_json()) for y in years]
    page = Path(tempfile.mkdtemp()) / "draw.html"
    page.write_text(DRAW_PAGE)
    (page.parent / "plotly.min.js").write_text(STRICT_BUNDLE.read_text())
    driver = chromium()
    try:
        driver.set_script_timeout(300)
        driver.get(page.as_uri())
        result = {"draw_ours": summary(driver.execute_async_script(DRAW, ours)),
                  "draw_floor": summary(driver.execute_async_script(DRAW, [markers_and_lines(f) for f in ours])),
                  "draw_recipe": summary(driver.execute_async_script(DRAW, recipe))}
    finally:
        driver.quit()
    result["ratio_draw_recipe"] = round(result["draw_recipe"]["median_ms"] / result["draw_ours"]["median_ms"], 1)
    return result


def markers_and_lines(figure: dict) -> dict:
    """A figure dict without its legend, titles, captions and every trace carrying text (the
    labels, the doubt marks and the factions' labelled squares)."""
    layout = {key: value for key, value in figure["layout"].items()
              if key not in ("title", "annotations", "legend")}
    data = [trace for trace in figure["data"] if "text" not in trace.get("mode", "")]
    return {"data": data, "layout": {**layout, "showlegend": False}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    os.environ.pop("OPPOSITIONS_REDIS_URL", None)
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "when": time.strftime("%Y-%m-%d"), "datasets": [], "png": None}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    plan = [("shipped", None)] + [(f"synthetic {int(n):,}", generate(int(n), work / f"d{n}"))
                                  for n in args.sizes.split(",") if n]
    for label, folder in plan:
        heavy = label.endswith("50,000")
        print(f"... {label}", file=sys.stderr)
        row = bench_dataset(label, folder, heavy)
        if not args.no_browser:
            row.update(bench_browser(folder, row["persons"], heavy))
        results["datasets"].append(row)
    results["draw"] = bench_draw(load_dataset()) if not args.no_browser else None
    if results["draw"]:  # slider to paint in the page, against Plotly's own redraw on a bare page, same run
        paint = results["datasets"][0].get("slider_to_paint", {}).get("median_ms")
        results["draw"]["ratio_paint_to_draw"] = round(paint / results["draw"]["draw_ours"]["median_ms"], 2) \
            if paint else None
    if not args.no_browser:
        from benchmarks.readability import run as readability
        print("... readability in Chromium", file=sys.stderr)
        results["readability"] = readability()
        from benchmarks.reader import run as reader
        print("... what a reader waits for, fresh browsers", file=sys.stderr)
        results["reader"] = reader()
    results["png"] = bench_png()
    from benchmarks.video import bench_video
    print("... the video of the years", file=sys.stderr)
    results["video"] = bench_video()
    RESULTS.write_text(json.dumps(results, indent=1))
    print_table(results)
    return 0


def print_table(results: dict) -> None:
    """The results as Markdown tables (medians in ms unless said)."""
    if results.get("reader"):
        from benchmarks.reader import print_table as reader_table
        reader_table(results["reader"])
        print()
    def median(measure):
        return "-" if not measure or measure.get("median_ms") is None else measure["median_ms"]

    head = ["dataset", "persons", "load+validate", "graph_at", "layout", "network fig", "year cb (miss)",
            "year cb (hit)", "cb KB", "all years KB (gzip)", "recipe", "x faster", "cytoscape", "cold start s",
            "peak MB"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results["datasets"]:
        frames = f"{r['frames_kb']} ({r['frames_gzip_kb']})" if r.get("frames_kb") else "not sent"
        cells = [r["dataset"], r["persons"], median(r["load_validate"]), median(r["graph_at"]),
                 median(r["layout_once"]), median(r["figures"]["network"]), median(r["year_callback_miss"]),
                 median(r["year_callback_hit"]), round(r["callback_bytes"] / 1024), frames,
                 median(r["recipe_callback"]), r["ratio_recipe"], median(r["cytoscape_payload"]),
                 r["cold_start_s"], r["server_peak_mb"]]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print("\nIn headless Chromium:\n")
    print("| dataset | years in browser | opened s | slider→paint ms (IQR) | fps while playing | longest frame ms |")
    print("|---|---|---|---|---|---|")
    for r in results["datasets"]:
        if "slider_to_paint" in r:
            paint = r["slider_to_paint"]
            refused = " (WebGL refused)" if r["webgl_refused"] else ""
            print(f"| {r['dataset']} | {r['years_in_browser']}{refused} | {r['server_start_to_network_painted_s']} | "
                  f"{paint['median_ms']} ({paint['iqr_ms']}) | {r['play_fps']} | {r['play_longest_frame_ms']} |")
    draw = results.get("draw")
    if draw:
        print(f"\nPlotly redraw of one year in Chromium (bare page): ours {draw['draw_ours']['median_ms']} ms, "
              f"markers and lines only {draw['draw_floor']['median_ms']} ms, recipe "
              f"{draw['draw_recipe']['median_ms']} ms ({draw['ratio_draw_recipe']}x). Slider to paint in the "
              f"dashboard / this redraw: {draw.get('ratio_paint_to_draw')}x (goal 1.3x).")
    if results.get("readability"):
        from benchmarks.readability import TARGETS, print_rows
        print("\nReadability of the network (shipped data, measured from the rendered SVG):\n")
        print_rows(results["readability"]["rows"])
        print(f"\nSummary: {json.dumps(results['readability']['summary'])}; targets: {json.dumps(TARGETS)}")
    png = results["png"]
    print(f"PNG export: first {png['png_first']['median_ms']} ms, warm {png['png_warm']['median_ms']} ms, "
          f"batch of 20 {png['png_batch_20']['median_ms']} ms. Machine: {results['machine']}.")
    if results.get("video"):
        from benchmarks.video import print_video
        print_video(results["video"])


if __name__ == "__main__":
    sys.exit(main())
