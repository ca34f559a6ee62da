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
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
sys.path.insert(0, str(ROOT))

from benchmarks.browser import bench_browser, bench_draw  # noqa: E402
from benchmarks.report import print_table  # noqa: E402
from benchmarks.server import bench_dataset, bench_png  # noqa: E402
from benchmarks.synthetic import generate  # noqa: E402
from oppositions.dataset import load_dataset  # noqa: E402


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
            row.update(bench_browser(folder, heavy))
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
        crowd = next((folder for label, folder in plan if label.endswith("50,000")), None)
        if crowd is not None:
            from benchmarks.readability import run_opened
            print("... an opened faction of the 50,000 in Chromium", file=sys.stderr)
            results["readability_opened"] = run_opened(crowd)
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


if __name__ == "__main__":
    sys.exit(main())
