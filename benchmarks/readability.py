"""Is the network readable? Measured in Chromium on the served page, from the rendered SVG.

For each year and window size: markers drawn and pairs of them overlapping (their bounding boxes,
by more than 1 px each way), names and other labels drawn and pairs overlapping, labels lying
on another mark, rings of change overlapping another person's ring or marker (as discs), the share of the plot the nodes span
(their bounding box over the plot's), the share of the window the plot takes (its part inside
the window), and whether every person keeps the same position in data units in every year.
The browser tests assert on the same numbers (tests/browser/test_readable_network.py).

    python -m benchmarks.readability [--years 1921,1923,1927,1932,1937] [--sizes 1440x900,...]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = (1921, 1923, 1927, 1932, 1937)
SIZES = ((1440, 900), (1280, 800), (1024, 768), (768, 1024))
TARGETS = {"marker_pairs": 0, "label_pairs": 0, "labels_on_marks": 0, "ring_pairs": 0, "span_min": 0.6, "plot_share_1440": 0.6,
           "named_1927": 40}

MEASURE = """
const gd = document.querySelector('#graph-network .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.xaxis) { return null; }
const box = r => [r.left, r.top, r.right, r.bottom];
const markers = [], labels = [], rings = [];
const positions = {};
gd.querySelectorAll('.scatterlayer .trace').forEach(node => {
    const trace = node.__data__ && node.__data__[0] && node.__data__[0].trace;
    if (!trace || trace.visible === false) { return; }
    const role = (trace.meta || {}).role;
    const points = Array.from(node.querySelectorAll('path.point'));
    points.forEach((p, i) => {
        const r = p.getBoundingClientRect();
        if (r.width <= 0 || !p.getAttribute('d')) { return; }
        const who = (trace.customdata && trace.customdata[i]) ? trace.customdata[i][1] : null;
        if (role === 'person' || role === 'faction') { markers.push({box: box(r), who: who}); }
        if (role === 'ring') { rings.push({box: box(r), who: who}); }
    });
    if (role === 'person') {
        (trace.customdata || []).forEach((c, i) => { positions[c[1]] = [trace.x[i], trace.y[i]]; });
    }
    node.querySelectorAll('text').forEach(t => {
        const text = t.textContent.trim();
        const r = t.getBoundingClientRect();
        if (text && r.width > 0) { labels.push({box: box(r), text: text, role: role}); }
    });
});
const over = (a, b, tol) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > tol && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > tol;
const pairs = (list, tol, same) => {
    const found = [];
    for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
            if ((!same || !same(list[i], list[j])) && over(list[i].box, list[j].box, tol)) {
                found.push([list[i].text || list[i].who, list[j].text || list[j].who]);
            }
        }
    }
    return found;
};
// rings (and the markers of persons) as discs: two of different persons overlap when their
// centres are nearer than their radii (half the widest side of each) less 1 px
const disc = m => ({x: (m.box[0] + m.box[2]) / 2, y: (m.box[1] + m.box[3]) / 2,
                    r: Math.max(m.box[2] - m.box[0], m.box[3] - m.box[1]) / 2, who: m.who});
const ringDiscs = rings.map(disc), personDiscs = markers.filter(m => m.who).map(disc);
const ringPairs = [];
ringDiscs.forEach((a, i) => {
    ringDiscs.slice(i + 1).concat(personDiscs).forEach(b => {
        if (a.who !== b.who && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 1) { ringPairs.push([a.who, b.who]); }
    });
});
let onMarks = 0;
labels.forEach(l => markers.forEach(m => { if (over(l.box, m.box, 1)) { onMarks += 1; } }));
const plot = gd.querySelector('.cartesianlayer .nsewdrag') || gd.querySelector('.draglayer .nsewdrag');
const pr = plot.getBoundingClientRect();
const xs = markers.map(m => m.box[0]).concat(markers.map(m => m.box[2]));
const ys = markers.map(m => m.box[1]).concat(markers.map(m => m.box[3]));
const spanW = xs.length ? Math.max(...xs) - Math.min(...xs) : 0, spanH = ys.length ? Math.max(...ys) - Math.min(...ys) : 0;
const visibleW = Math.max(0, Math.min(pr.right, window.innerWidth) - Math.max(pr.left, 0));
const visibleH = Math.max(0, Math.min(pr.bottom, window.innerHeight) - Math.max(pr.top, 0));
const names = labels.filter(l => l.role === 'names');
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
const cut = labels.filter(l => l.box[0] < svg.left - 1 || l.box[2] > svg.right + 1 || l.box[1] < svg.top - 1 || l.box[3] > svg.bottom + 1);
return {
    year: (gd._fullLayout.meta || {}).year, markers: markers.length,
    marker_pairs: pairs(markers, 1, (a, b) => a.who === b.who).length,
    labels: labels.length, names: names.length,
    label_pairs: pairs(labels, 1).length, label_pair_examples: pairs(labels, 1).slice(0, 5),
    labels_on_marks: onMarks, labels_cut: cut.length,
    ring_pairs: ringPairs.length, ring_pair_examples: ringPairs.slice(0, 5),
    span: (spanW * spanH) / Math.max(1, pr.width * pr.height),
    plot_share: (visibleW * visibleH) / (window.innerWidth * window.innerHeight),
    plot_px: [Math.round(pr.width), Math.round(pr.height)], plot_top: Math.round(pr.top),
    positions: positions,
};
"""


def wait_for_year(driver, year: int, timeout: float = 60) -> dict:
    """The measurements, once the network of ``year`` is painted (and settled)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        found = driver.execute_script(MEASURE)
        if found and found.get("year") == year and found["markers"]:
            if last is not None and last["labels"] == found["labels"] and last["markers"] == found["markers"]:
                return found
            last = found
        time.sleep(0.3)
    raise TimeoutError(f"the network of {year} was not painted within {timeout} s")


def window(driver, width: int, height: int) -> None:
    """Make the page's inner window exactly ``width`` x ``height``."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


def measure(driver, base_url: str, years=YEARS, sizes=SIZES) -> list[dict]:
    """Open the network of each year at each size (a fresh page each time) and measure it."""
    rows = []
    for width, height in sizes:
        window(driver, width, height)
        for year in years:
            driver.get(f"{base_url}/?year={year}")
            found = wait_for_year(driver, year)
            found["size"] = f"{width}x{height}"
            rows.append(found)
    return rows


def same_positions(rows: list[dict]) -> bool:
    """Every person drawn in two years sits at the same data position in both."""
    seen: dict[str, list] = {}
    for row in rows:
        for person, xy in row["positions"].items():
            if seen.setdefault(person, xy) != xy:
                return False
    return True


def summary(rows: list[dict]) -> dict:
    """Targets met or missed, from the rows."""
    named = [r["names"] for r in rows if r["year"] == 1927 and r["size"] == "1440x900"]
    span = [r["span"] for r in rows if 1923 <= r["year"] <= 1937]
    share = [r["plot_share"] for r in rows if r["size"] == "1440x900"]
    return {"marker_pairs": max(r["marker_pairs"] for r in rows), "label_pairs": max(r["label_pairs"] for r in rows),
            "labels_on_marks": max(r["labels_on_marks"] for r in rows), "ring_pairs": max(r["ring_pairs"] for r in rows),
            "labels_cut": max(r["labels_cut"] for r in rows),
            "span_min": round(min(span), 3) if span else None, "plot_share_1440": round(min(share), 3) if share else None,
            "named_1927": named[0] if named else None, "same_positions": same_positions(rows)}


def print_rows(rows: list[dict]) -> None:
    print("| size | year | markers | overlapping markers | labels | names | overlapping labels | labels on marks "
          "| rings overlapping | nodes span (of plot) | plot (of window) | plot px |")
    print("|" + "---|" * 12)
    for r in rows:
        print(f"| {r['size']} | {r['year']} | {r['markers']} | {r['marker_pairs']} | {r['labels']} | {r['names']} | "
              f"{r['label_pairs']} | {r['labels_on_marks']} | {r['ring_pairs']} | {r['span']:.0%} | "
              f"{r['plot_share']:.0%} | {r['plot_px'][0]}x{r['plot_px'][1]} |")


def run(years=YEARS, sizes=SIZES) -> dict:
    """Serve the shipped data, measure it in Chromium, and return the rows and the summary."""
    with _served(None) as (driver, base_url):
        rows = measure(driver, base_url, years, sizes)
    return {"rows": [{k: v for k, v in r.items() if k != "positions"} for r in rows], "summary": summary(rows)}


def run_opened(folder: Path, year: int = 1927, count: int = 3, sizes=((1440, 900), (1024, 768), (768, 1024))) -> dict:
    """A crowd's ``count`` largest factions of ``year`` that the plot holds, each opened (its
    members laid out for themselves), measured at each size as :func:`measure` does."""
    from oppositions.figures.network_crowd import PLOT_HOLDS
    members: dict[str, int] = {}
    with open(folder / "memberships.csv", newline="", encoding="utf-8") as table:
        for row in csv.DictReader(table):
            if int(row["start"][:4]) <= year <= int((row["end"] or "9999")[:4]):
                members[row["faction"]] = members.get(row["faction"], 0) + 1
    largest = sorted((f for f, n in members.items() if n <= PLOT_HOLDS), key=lambda f: -members[f])[:count]
    rows = []
    with _served(folder) as (driver, base_url):
        for width, height in sizes:
            window(driver, width, height)
            for faction in largest:
                driver.get(f"{base_url}/?year={year}&faction={faction}")
                wait_for_year(driver, year, timeout=120)
                time.sleep(1)  # and once a plot smaller than the members has shrunk their marks (after the paint)
                found = driver.execute_script(MEASURE)
                found.update(size=f"{width}x{height}", faction=faction, members=members[faction])
                rows.append({k: v for k, v in found.items() if k != "positions"})
    return {"rows": rows, "summary": {k: max(r[k] for r in rows) for k in
                                      ("marker_pairs", "label_pairs", "labels_on_marks", "ring_pairs", "labels_cut")}}


def print_opened(result: dict) -> None:
    print("| size | faction opened | members | markers | overlapping markers | names | overlapping labels "
          "| labels on marks | rings overlapping |")
    print("|" + "---|" * 9)
    for r in result["rows"]:
        print(f"| {r['size']} | {r['faction']} | {r['members']:,} | {r['markers']} | {r['marker_pairs']} | "
              f"{r['names']} | {r['label_pairs']} | {r['labels_on_marks']} | {r['ring_pairs']} |")


@contextmanager
def _served(folder: Path | None):
    """The dashboard served on ``folder`` (the shipped data when None, else with a fresh cache
    folder) and a headless Chromium that reaches it: (driver, base URL)."""
    from benchmarks.browser import chromium
    from benchmarks.load import free_port

    port = free_port()
    env = dict(os.environ, OPPOSITIONS_CACHE=tempfile.mkdtemp(prefix="bench-readable-")) if folder else None
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)] + (["--data", str(folder)] if folder else []),
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = chromium()
    try:
        deadline = time.time() + 300
        while True:
            try:
                driver.get(f"http://127.0.0.1:{port}/")
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        yield driver, f"http://127.0.0.1:{port}"
    finally:
        driver.quit()
        proc.terminate()
        proc.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default=",".join(map(str, YEARS)))
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args(argv)
    years = tuple(int(y) for y in args.years.split(","))
    sizes = tuple(tuple(int(v) for v in s.split("x")) for s in args.sizes.split(","))
    result = run(years, sizes)
    print_rows(result["rows"])
    print("\n" + json.dumps(result["summary"]), "targets:", json.dumps(TARGETS))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
