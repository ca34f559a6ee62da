"""``make bench`` in headless Chromium: the page opened, a slider step to the network painted,
the frame rate while playing, and Plotly's own redraw on a bare page. The browser is set up as
the tests' (:data:`CHROMIUM_FLAGS`, read by ``tests/conftest.py`` too)."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from benchmarks.server import recipe_figure, start_app, summary
from components.plotlyjs import STRICT_BUNDLE
from oppositions import figures
from oppositions.network import network_for

CHROMIUM = "/usr/bin/chromium"  # Debian's: no browser is ever downloaded
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium_options(*extra: str):
    """Selenium's options for Debian's headless Chromium with :data:`CHROMIUM_FLAGS` and ``extra``."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + extra:
        options.add_argument(flag)
    return options


def chromium():
    """Debian's headless Chromium through selenium, with a fresh profile."""
    from selenium import webdriver

    return webdriver.Chrome(options=chromium_options(
        "--enable-unsafe-swiftshader",  # WebGL in software (no GPU here): large networks need it
        f"--user-data-dir={tempfile.mkdtemp()}", "--window-size=1280,900"))


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


def bench_browser(folder: Path | None, heavy: bool = False) -> dict:
    """In headless Chromium, with a fresh folder for what a server keeps on disk: from starting
    the server to the network painted, the first time (validation and layout) and the second
    (both read from disk); then, on the second server, a slider step to the network painted
    (``plotly_afterplot``) and the page's frame rate while the play button runs
    (requestAnimationFrame). ``heavy`` datasets take fewer steps."""
    env = dict(os.environ, OPPOSITIONS_CACHE=tempfile.mkdtemp(prefix="bench-browser-"))
    opened = []
    for attempt in ("first", "second"):
        proc, port, started = start_app(folder, env)
        driver = chromium()
        try:
            _painted(driver, port)
            opened.append(round(time.perf_counter() - started, 2))
            if attempt == "second":
                return {**_moving(driver, heavy), "server_start_to_network_painted_s": opened[0],
                        "second_start_to_network_painted_s": opened[1]}
        finally:
            driver.quit()
            proc.terminate()
            proc.wait(timeout=30)
    raise AssertionError("unreachable")


def _painted(driver, port: int) -> None:
    """Open the page once the server answers; return when its network is painted."""
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


def _moving(driver, heavy: bool) -> dict:
    """Slider steps to paint, and playing, on the page open in ``driver``."""
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
            "years_in_browser": "every year" if frames_in_browser else "years around the hand",
            "webgl_refused": bool(webgl_refused), "play_fps": round(frames / seconds, 1),
            "play_years_painted": paints, "play_longest_frame_ms": round(worst, 1)}


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
