"""No text overprints other text, and none is cut, in the charts as the dashboard draws them.

Measured on the drawn SVG: the box of every non-empty ``text`` element in a chart's
``.main-svg`` (node labels, event labels, annotations, tick labels, titles) must miss every other
box (1 px allowed) and lie inside the SVG's own box.
"""

from __future__ import annotations

import time

import pytest
from dash.testing.wait import until

pytestmark = pytest.mark.browser

TABS = {"Timeline": ["graph-timeline"], "Overlap": ["graph-overlap", "graph-upset"],
        "Flows": ["graph-flows"], "Fates": ["graph-fates"]}

MEASURE = r"""
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
const shown = el => { for (let e = el; e && e !== gd; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) return false; }
  return true; };
const boxes = [...gd.querySelectorAll('.main-svg text')]
  .filter(t => t.textContent.trim() && shown(t))
  .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}))
  .filter(b => b.r.width > 0.5 && b.r.height > 0.5);
const overlaps = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
  const a = boxes[i].r, b = boxes[j].r;
  if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) overlaps.push([boxes[i].text, boxes[j].text]);
}
const cut = boxes.filter(b => b.r.left < svg.left - 1 || b.r.right > svg.right + 1 ||
                              b.r.top < svg.top - 1 || b.r.bottom > svg.bottom + 1).map(b => b.text);
return {count: boxes.length, overlaps: overlaps, cut: cut};
"""

DRAWN = r"""
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
return !!(gd && gd._fullLayout && gd.layout && gd.layout.title && gd.querySelector('.main-svg text'));
"""


def wait_for(predicate, timeout=30.0):
    """Dash's own wait, for a predicate that may fail while the chart is still being drawn."""
    def holds():
        try:
            return predicate()
        except Exception:  # the chart is not there yet
            return False
    until(holds, timeout, poll=0.2)


def measure_tabs(duo, year: str) -> dict:
    """Open each tab, wait for its charts (drawn for ``year``), and measure their text."""
    found = {}
    for label, graphs in TABS.items():
        tab = [a for a in duo.driver.find_elements("css selector", "#chart-tabs .nav-link") if a.text == label][0]
        duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", tab)
        for graph in graphs:
            wait_for(lambda: duo.driver.execute_script(DRAWN, graph))
            wait_for(lambda: year in duo.driver.execute_script(  # the chart of this year, not the last
                f"return JSON.stringify(document.querySelector('#{graph} .js-plotly-plot').layout.meta)"))
        time.sleep(1.0)  # the Sankey fades its nodes in
        for graph in graphs:
            found[graph] = duo.driver.execute_script(MEASURE, graph)
    return found


@pytest.mark.parametrize("year", ["1921", "1938"])
def test_no_text_overlaps_or_is_cut_at_1440_by_900(dashboard, shoot, year):
    dashboard.driver.set_window_size(1440, 900)
    if year != "1921":
        dashboard.driver.get(dashboard.server_url + f"/?year={year}")
        dashboard.wait_for_element("#graph-network .main-svg", timeout=30)
    found = measure_tabs(dashboard, year)
    shoot(f"chart-text-{year}")
    for graph, result in found.items():
        assert result["count"] > 5, graph
        assert result["overlaps"] == [], f"{graph}: overlapping text {result['overlaps'][:5]}"
        assert result["cut"] == [], f"{graph}: text cut {result['cut'][:5]}"
    assert dashboard.get_logs() == []
