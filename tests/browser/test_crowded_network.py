"""A dataset larger than the plot holds, in Chromium: the factions first, nothing overlapping,
then the persons of the part the reader zooms into, named, the factions again on reset, and an
opened faction's members apart."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from benchmarks.readability import MEASURE, window
from benchmarks.synthetic import generate
from oppositions.dataset import load_dataset
from oppositions.network import faction_node, network_for

pytestmark = pytest.mark.browser

DRAWN = """const gd = document.querySelector('#graph-network .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd.data) { return null; }
const persons = gd.data.filter(t => (t.meta || {}).role === 'person').reduce((n, t) => n + (t.x || []).length, 0);
return Object.assign({persons: persons, subtitle: gd._fullLayout.title.subtitle.text}, gd._fullLayout.meta);"""


def settled(driver, wanted):
    """The measures once the figure ``wanted(meta)`` accepts is painted and its labels settled."""
    last = None

    def ready():
        nonlocal last
        meta = driver.execute_script(DRAWN)
        if not meta or not wanted(meta):
            return False
        found = driver.execute_script(MEASURE)
        same = last is not None and found and (last["labels"], last["markers"]) == (found["labels"], found["markers"])
        last = found
        return same and {**found, "drawn": meta}
    return until(ready, timeout=60, poll=0.4)


def test_a_crowd_shows_its_factions_then_the_persons_zoomed_into(dash_duo, tmp_path, shoot):
    import app

    data = load_dataset(generate(3000, tmp_path / "data"))
    dash_duo.start_server(app.create_app(data))
    driver = dash_duo.driver
    window(driver, 1440, 900)
    driver.get(f"{dash_duo.server_url}/?year=1927")
    overview = settled(driver, lambda m: m.get("year") == 1927 and m.get("crowded"))
    assert overview["drawn"]["persons"] == 0 and "Too many to draw one by one" in overview["drawn"]["subtitle"]
    assert overview["markers"] >= 12 and overview["names"] >= 8, overview  # squares and their names
    assert overview["marker_pairs"] == 0 and overview["label_pairs"] == 0, overview["label_pair_examples"]
    assert overview["labels_on_marks"] == 0 and overview["labels_cut"] == 0
    shoot("crowd-overview-1440x900")

    driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        const x = gd._fullLayout.xaxis.range, y = gd._fullLayout.yaxis.range;
        const cx = (x[0] + x[1]) / 2, cy = (y[0] + y[1]) / 2, wx = (x[1] - x[0]) / 16, wy = (y[1] - y[0]) / 16;
        window.Plotly.relayout(gd, {'xaxis.range': [cx - wx, cx + wx], 'yaxis.range': [cy - wy, cy + wy]});""")
    zoomed = settled(driver, lambda m: m.get("part") and m["persons"] > 0)
    assert zoomed["names"] >= 5 and zoomed["label_pairs"] == 0, zoomed["label_pair_examples"]
    assert zoomed["labels_on_marks"] == 0 and zoomed["marker_pairs"] == 0, zoomed
    assert "in the part zoomed into" in zoomed["drawn"]["subtitle"]
    until(lambda: "region=" in driver.current_url, timeout=10)  # a link reopens the zoom
    shoot("crowd-zoomed-1440x900")

    driver.execute_script("""
        const gd = document.querySelector('#graph-network .js-plotly-plot');
        window.Plotly.relayout(gd, {'xaxis.autorange': true, 'yaxis.autorange': true});""")
    settled(driver, lambda m: m.get("crowded") and m["persons"] == 0)

    graph = network_for(data).graph_at(1927)
    faction = max((n[2:] for n, k in graph.nodes(data="kind") if k == "faction"), key=lambda f: graph.degree(faction_node(f)))
    driver.get(f"{dash_duo.server_url}/?year=1927&faction={faction}")
    opened = settled(driver, lambda m: m.get("part") and m["persons"] > 0)
    assert opened["drawn"]["persons"] == graph.degree(faction_node(faction))
    assert f"of {data.factions[faction].label} (opened)" in opened["drawn"]["subtitle"]
    # laid out for itself: no two members' markers or rings touch, nor labels, on a desk or a tablet
    assert opened["marker_pairs"] == 0 and opened["ring_pairs"] == 0, opened
    assert opened["label_pairs"] == 0 and opened["labels_on_marks"] == 0, opened["label_pair_examples"]
    assert opened["names"] >= 10, opened
    shoot("crowd-opened-1440x900")
    window(driver, 768, 1024)
    driver.get(f"{dash_duo.server_url}/?year=1927&faction={faction}")
    tablet = settled(driver, lambda m: m.get("part") and m["persons"] > 0)
    assert tablet["marker_pairs"] == 0 and tablet["ring_pairs"] == 0 and tablet["label_pairs"] == 0, tablet
    assert tablet["labels_on_marks"] == 0, tablet
