"""The network as a reader sees it, measured from the rendered SVG: no marks or names overlap, in
any year, at the three common window sizes; the chart fills its space; names are many."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from benchmarks.readability import SIZES, YEARS, same_positions, wait_for_year, window

pytestmark = pytest.mark.browser


def test_no_marks_or_names_overlap_in_any_year(dashboard, shoot):
    """At each size the page is opened at the first year and the reader steps through the others
    with the slider's arrow key, as the years in the browser are drawn."""
    driver = dashboard.driver
    for width, height in SIZES:
        window(driver, width, height)
        driver.get(f"{dashboard.server_url}/?year={YEARS[0]}")
        rows = [wait_for_year(driver, YEARS[0])]
        for before, year in zip(YEARS, YEARS[1:]):
            handle = driver.find_element("css selector", "#year-slider [role=slider]")
            handle.send_keys(*["\ue014"] * (year - before))  # arrow right, a year a press
            rows.append(wait_for_year(driver, year))
        for row in rows:
            year = row["year"]
            assert row["marker_pairs"] == 0, (width, year, row)
            assert row["label_pairs"] == 0, (width, year, row["label_pair_examples"])
            assert row["labels_on_marks"] == 0 and row["labels_cut"] == 0, (width, year, row)
            assert row["ring_pairs"] == 0, (width, year, row["ring_pair_examples"])
            assert row["names"] >= 15, (width, year, row["names"])
            if 1923 <= year <= 1937:
                assert row["span"] >= 0.6, (width, year, row["span"])
        shoot(f"network-1937-{width}x{height}")
        assert same_positions(rows)
        if (width, height) == (1440, 900):
            assert all(r["plot_share"] >= 0.6 for r in rows), [r["plot_share"] for r in rows]
            # as many names when the slider comes to 1927 as on a page opened at 1927 (plotly.js 5360)
            slid = next(r for r in rows if r["year"] == 1927)["names"]
            driver.get(f"{dashboard.server_url}/?year=1927")
            assert slid == wait_for_year(driver, 1927)["names"] >= 30


def test_on_a_tablet_the_legend_goes_under_the_plot_and_nothing_scrolls_sideways(dashboard):
    driver = dashboard.driver
    window(driver, 768, 1024)
    driver.get(f"{dashboard.server_url}/?year=1927")
    row = wait_for_year(driver, 1927)
    assert row["marker_pairs"] == 0 and row["label_pairs"] == 0 and row["labels_cut"] == 0
    legend_top, plot_bottom, sideways = driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        return [gd.querySelector('.legend').getBoundingClientRect().top,
                gd.querySelector('.nsewdrag').getBoundingClientRect().bottom,
                document.documentElement.scrollWidth - window.innerWidth];""")
    assert legend_top >= plot_bottom and sideways <= 0


NAMED = """const gd = document.querySelector('#graph-network .js-plotly-plot');
return gd.data.filter(t => (t.meta || {}).role === 'names')[0].text.filter(t => t && t.trim()).length;"""


def test_zooming_in_names_more_persons(dashboard):
    driver = dashboard.driver
    window(driver, 1280, 800)
    driver.get(f"{dashboard.server_url}/?year=1927")
    wait_for_year(driver, 1927)
    # the page settled: every year in the browser (a redraw after the zoom would undo it)
    until(lambda: driver.execute_script("return Boolean(window.oppositionsFramesReady)"), timeout=60)
    wait_for_year(driver, 1927)
    before = driver.execute_script(NAMED)
    driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        const x = gd._fullLayout.xaxis.range, y = gd._fullLayout.yaxis.range;
        const cx = (x[0] + x[1]) / 2, cy = (y[0] + y[1]) / 2, wx = (x[1] - x[0]) / 4, wy = (y[1] - y[0]) / 4;
        window.Plotly.relayout(gd, {'xaxis.range': [cx - wx, cx + wx], 'yaxis.range': [cy - wy, cy + wy]});""")
    until(lambda: driver.execute_script(NAMED) > before, timeout=10)
    assert wait_for_year(driver, 1927)["label_pairs"] == 0


def test_a_short_window_scrolls_a_little_rather_than_shrink_the_network_below_its_names(dashboard):
    """A 1024x768 screen less the browser's bars: the plot keeps the size its names need, and the
    chart still starts on the first screen."""
    driver = dashboard.driver
    window(driver, 1024, 625)
    driver.get(f"{dashboard.server_url}/?year=1927")
    row = wait_for_year(driver, 1927)
    assert row["marker_pairs"] == 0 and row["label_pairs"] == 0, row["label_pair_examples"]
    assert row["labels_on_marks"] == 0 and row["labels_cut"] == 0, row
    assert row["names"] >= 20, row["names"]
    assert row["plot_top"] < 625 // 2, row["plot_top"]
