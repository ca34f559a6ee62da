"""What a reader waits for, in headless Chromium on the shipped data, each time in a fresh
browser profile (nothing cached): from navigation to the network painted, to the About page
shown, from a tab's click to its chart drawn, and from "Table" to its rows. The first reader
after the server starts is counted apart (the server's caches are cold for them).

    python -m benchmarks.reader [--readers 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import chromium  # noqa: E402
from benchmarks.load import free_port  # noqa: E402
from benchmarks.server import summary  # noqa: E402

GOALS_MS = {"network_painted": 2000, "about_shown": 1000, "tab_drawn": 1000}
NETWORK_PAINTED = ("const g = document.querySelector('#graph-network .js-plotly-plot');"
                   "return g && g._fullData && g._fullData.length > 3 ? performance.now() : null;")
ABOUT_SHOWN = "return document.querySelector('#about-cite pre') ? performance.now() : null;"
CLICK = "window.oppositionsClicked = performance.now(); document.querySelector(arguments[0]).click();"
TAB_DRAWN = ("const g = document.querySelector('#graph-fates .js-plotly-plot');"
             "return g && g._fullData && g._fullData.length ? performance.now() - window.oppositionsClicked : null;")
TABLE_SHOWN = ("const api = window.dash_ag_grid && dash_ag_grid.getApi('table-grid');"
               "return api && api.getDisplayedRowCount() > 0 ? performance.now() - window.oppositionsClicked : null;")


def until(driver, script: str, *args, timeout: float = 60.0, every: float = 0.02):
    """Poll ``script`` until it returns a number (the browser's own clock): that number, or None."""
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script, *args)
        if value is not None:
            return value
        time.sleep(every)
    return None


def one_reader(port: int) -> dict:
    """One fresh browser: the page, a tab, the table, the About page; milliseconds each."""
    driver = chromium()
    try:
        base = f"http://127.0.0.1:{port}"
        driver.get(base + "/?year=1927")
        painted = until(driver, NETWORK_PAINTED)
        driver.execute_script(CLICK, "#chart-tabs .nav-item:nth-child(5) .nav-link")  # Fates
        tab = until(driver, TAB_DRAWN)
        driver.execute_script(CLICK, "label[for='_dbcprivate_radioitems_show-switch_input_table']")
        table = until(driver, TABLE_SHOWN)
        driver.get(base + "/about")
        about = until(driver, ABOUT_SHOWN)
        return {"network_painted": painted, "tab_drawn": tab, "table_shown": table, "about_shown": about}
    finally:
        driver.quit()


def run(readers: int = 5) -> dict:
    """Start the server, then ``readers`` readers one after another."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.time() + 300
        while time.time() < end:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.3)
        samples = [one_reader(port) for _ in range(readers)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result = {"first_reader": samples[0], "readers": readers}
    for measure in samples[0]:
        result[measure] = summary([s[measure] for s in samples[1:] if s[measure] is not None])
    result["goals_ms"] = GOALS_MS
    return result


def print_table(result: dict) -> None:
    print("| what the reader waits for | first reader after start ms | later readers, median ms (IQR) | goal ms |")
    print("|---|---|---|---|")
    names = {"network_painted": "navigation to the network painted", "tab_drawn": "a tab's click to its chart",
             "table_shown": "Table to its rows", "about_shown": "navigation to the About page"}
    for measure, name in names.items():
        first = result["first_reader"][measure]
        later = result[measure]
        print(f"| {name} | {round(first) if first is not None else '-'} | {later['median_ms']} ({later['iqr_ms']}) | "
              f"{GOALS_MS.get(measure, '-')} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=5)
    result = run(parser.parse_args(argv).readers)
    print(json.dumps(result, indent=1))
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
