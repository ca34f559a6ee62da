"""Exported HTML opens in headless Chromium offline and shows the chart; downloads work."""

from __future__ import annotations

import time

import pytest
from shipped import shipped
from waiting import wait_for

from oppositions.cli import main
from oppositions.network import network_for

pytestmark = pytest.mark.browser


def open_file(duo, path):
    duo.driver.get(path.resolve().as_uri())
    wait_for(lambda: duo.driver.execute_script(
        "const gd = document.querySelector('.js-plotly-plot'); return !!(gd && gd._fullData);"), 20)


def test_standalone_html_draws_the_right_number_of_points(dash_duo, tmp_path):
    assert main(["export", "--chart", "network", "--year", "1927", "--format", "html", "--out", str(tmp_path)]) == 0
    open_file(dash_duo, tmp_path / "network-1927.html")
    drawn = dash_duo.driver.execute_script("""
        const gd = document.querySelector('.js-plotly-plot');
        return gd.data.filter(t => (t.meta || {}).role === 'person').reduce((n, t) => n + t.x.length, 0);""")
    graph = network_for(shipped()).graph_at(1927)
    current = sum(1 for _, k in graph.nodes(data="kind") if k == "person")
    subtitle = dash_duo.driver.execute_script(
        "return document.querySelector('.js-plotly-plot').layout.title.subtitle.text")
    former = int(subtitle.split("; ")[1].split()[0])  # "... ; 58 earlier members are drawn faded ..."
    assert drawn == current + former
    assert dash_duo.driver.execute_script("return document.querySelectorAll('.scatterlayer .point').length") >= drawn


def test_animated_html_has_a_frame_per_year_and_plays(dash_duo, tmp_path):
    assert main(["export", "--chart", "network", "--animate", "--format", "html",
                 "--from", "1920", "--to", "1938", "--out", str(tmp_path)]) == 0
    path = tmp_path / "network-1920-1938-animated.html"
    open_file(dash_duo, path)
    frames = dash_duo.driver.execute_script(
        "return document.querySelector('.js-plotly-plot')._transitionData._frames.length")
    assert frames == 19
    dash_duo.driver.execute_script(
        "Plotly.animate(document.querySelector('.js-plotly-plot'), ['1937'], "
        "{frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: 'immediate'})")
    end, title = time.time() + 10, ""
    while time.time() < end and "1937" not in title:
        time.sleep(0.3)
        title = dash_duo.driver.execute_script("return document.querySelector('.js-plotly-plot').layout.title.text")
    assert "Who belonged to which faction, 1937" in title
    boxes = dash_duo.driver.execute_script("""
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        return {buttons: [...document.querySelectorAll('.updatemenu-button')].map(box),
                label: box(document.querySelector('.slider-container .slider-group > text.slider-label')),
                caption: box([...document.querySelectorAll('.annotation')].find(a => a.textContent.startsWith('Sources'))),
                caption_text: [...document.querySelectorAll('.annotation')].find(a => a.textContent.startsWith('Sources')).textContent};""")

    def apart(a, b):
        return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert all(apart(b, boxes["label"]) and apart(b, boxes["caption"]) for b in boxes["buttons"]), boxes
    frames = dash_duo.driver.execute_script(
        "return document.querySelector('.js-plotly-plot')._transitionData._frames.map("
        "f => f.layout.annotations.find(a => a.name === 'caption').text)")
    assert len(set(frames)) > 1 and boxes["caption_text"] == frames[17]  # each year cites its own sources


def test_download_menu_returns_files(served):

    served.driver.get(served.server_url)
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    folder = served.download_path
    for kind, name in (("svg", "network-1921.svg"), ("gexf", "network-1921.gexf"), ("csv", "network-1921-csv.zip")):
        served.find_element("#download-menu button").click()
        served.find_element(f"#download-{kind}").click()
        end = time.time() + 30
        while time.time() < end and not (folder and (__import__("pathlib").Path(folder) / name).exists()):
            time.sleep(0.3)
        assert (__import__("pathlib").Path(folder) / name).stat().st_size > 1000, name
    assert served.get_logs() == []


def test_the_years_changes_are_one_click_from_the_this_year_panel(served):
    import csv
    import io
    from pathlib import Path


    served.driver.get(served.server_url + "/?year=1937")
    served.wait_for_contains_text("#changes-line", "1937", timeout=30)
    served.find_element("#changes-csv-button").click()
    folder, end = Path(served.download_path), time.time() + 30
    while time.time() < end and not list(folder.glob("changes-1937-*.csv")):
        time.sleep(0.3)
    found = list(folder.glob("changes-1937-*.csv"))
    assert found, "no file downloaded"
    rows = list(csv.DictReader(io.StringIO(found[0].read_text(encoding="utf-8"))))
    executed = [r for r in rows if r["change"] == "executed"]
    assert len(executed) >= 30 and all(r["citations"] for r in executed)
    assert served.get_logs() == []


def test_the_video_of_the_years_is_made_in_the_background_with_its_progress_shown(dash_duo, tmp_path,
                                                                                  monkeypatch):
    """The menu's GIF: a progress bar while the job runs (the page stays usable), then the file;
    asked again, the file already made comes at once."""
    from pathlib import Path

    import imageio.v2 as imageio

    import app

    monkeypatch.setenv("OPPOSITIONS_CACHE_DIR", str(tmp_path / "cache"))
    dash_duo.start_server(app.create_app(shipped()))
    dash_duo.wait_for_element("#graph-network .main-svg", timeout=30)
    dash_duo.find_element("#download-menu button").click()
    dash_duo.find_element("#download-gif").click()
    dash_duo.wait_for_style_to_equal("#video-progress-box", "display", "flex", timeout=20)
    handle = dash_duo.find_element("#year-slider [role=slider]")  # the page answers meanwhile
    handle.click()
    handle.send_keys("\ue014")  # arrow right
    dash_duo.wait_for_text_to_equal("#year-label", "1922", timeout=10)
    folder, end = Path(dash_duo.download_path), time.time() + 240  # 23 frames in a busy machine
    while time.time() < end and not (folder / "network-1919-1941-video.gif").exists():
        time.sleep(0.5)
    frames = imageio.mimread(folder / "network-1919-1941-video.gif")
    assert len(frames) == 23
    dash_duo.wait_for_style_to_equal("#video-progress-box", "display", "none", timeout=20)
    (folder / "network-1919-1941-video.gif").unlink()
    started = time.time()
    dash_duo.find_element("#download-menu button").click()
    dash_duo.find_element("#download-gif").click()
    while time.time() < started + 30 and not (folder / "network-1919-1941-video.gif").exists():
        time.sleep(0.3)
    assert time.time() - started < 20  # made once: the second comes from the video folder


def test_the_network_data_of_1937_holds_the_years_executed_and_their_sources(served):
    import csv
    import io
    import zipfile
    from pathlib import Path


    served.driver.get(served.server_url + "/?year=1937")
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    served.find_element("#download-menu button").click()
    served.find_element("#download-csv").click()
    path, end = Path(served.download_path) / "network-1937-csv.zip", time.time() + 30
    while time.time() < end and not path.exists():
        time.sleep(0.3)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        nodes = list(csv.DictReader(io.StringIO(archive.read("network-1937-nodes.csv").decode("utf-8"))))
        cited = archive.read("network-1937-sources.csv").decode("utf-8")
    executed = [n for n in nodes if "executed" in n["changes"].split(";")]
    assert len(executed) >= 30 and all(n["citations"] for n in executed), names
    assert all(s in cited for n in executed for s in n["sources"].split(";"))
