"""The reader's page in Chromium: the table beside the chart, keyboard use, axe-core, small
screens, share and embed."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from shipped import shipped
from waiting import wait_for

from oppositions.tables import table_of

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
DATASET = shipped()


def start(dash_duo, query: str, size=(1440, 900)):
    dash_duo.driver.set_window_size(*size)
    dash_duo.driver.get(dash_duo.server_url + "/" + query)
    dash_duo.wait_for_element("#year-slider [role=slider]", timeout=30)  # the page is drawn


def grid_rows(dash_duo) -> int:
    return dash_duo.driver.execute_script(
        "const api = window.dash_ag_grid && dash_ag_grid.getApi('table-grid');"
        "return api ? api.getDisplayedRowCount() : -1;")


def panel_name(dash_duo) -> str:
    return dash_duo.driver.execute_script("const e = document.getElementById('panel-name'); return e ? e.innerText : '';")


def serious_violations(dash_duo) -> list[str]:
    from axe_selenium_python import Axe

    axe = Axe(dash_duo.driver, script_url=str(AXE))
    axe.inject()
    found = axe.run(options={"resultTypes": ["violations"]})["violations"]
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in found
            if v["impact"] in ("serious", "critical")]


def test_the_table_of_1927_lists_its_persons_filters_downloads_what_is_shown_and_opens_a_person(served):
    start(served, "?year=1927&show=table")
    expected = table_of(DATASET, "network", 1927)
    served.wait_for_contains_text("#table-title", expected.title, timeout=30)
    wait_for(lambda: grid_rows(served) == len(expected.rows) == 179)
    assert not served.find_element("#graph-network").is_displayed()  # the table in place of the chart
    served.find_element("#table-filter").send_keys("Smirnov")
    wait_for(lambda: 0 < grid_rows(served) < 20)
    shown = grid_rows(served)
    served.find_element("#table-csv-button").click()
    folder = Path(served.download_path)
    wait_for(lambda: list(folder.glob("network-table-1927.csv")))
    rows = list(csv.DictReader(io.StringIO((folder / "network-table-1927.csv").read_text(encoding="utf-8"))))
    assert len(rows) == shown and all("Smirnov" in " ".join(r.values()) for r in rows)
    assert all(r["Sources"] for r in rows) and "Bridging (betweenness)" in rows[0]
    # the keyboard alone: a cell focused, down one row, Space opens that person
    first = served.find_element("#table-grid .ag-pinned-left-cols-container .ag-row[row-index='0'] .ag-cell")
    served.driver.execute_script("arguments[0].focus()", first)
    ActionChains(served.driver).send_keys(Keys.ARROW_DOWN).send_keys(Keys.SPACE).perform()
    second = served.driver.execute_script(
        "return dash_ag_grid.getApi('table-grid').getDisplayedRowAtIndex(1).data.name;")
    wait_for(lambda: panel_name(served) == second)
    assert "show=table" in served.driver.current_url
    assert served.get_logs() == []


def test_a_keyboard_alone_finds_and_opens_a_person_and_axe_finds_nothing_serious(served):
    start(served, "?year=1927")
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    thumb = served.find_element("#year-slider [role=slider]")
    wait_for(lambda: thumb.get_attribute("aria-valuetext") == "1927")
    assert thumb.get_attribute("aria-label") == "Year"
    assert serious_violations(served) == []
    box = served.find_element("#search-input")
    box.send_keys("Smirnov")
    served.wait_for_contains_text("#search-status", "found", timeout=10)
    box.send_keys(Keys.ARROW_DOWN)
    ActionChains(served.driver).send_keys(Keys.ARROW_DOWN).perform()
    focused = served.driver.execute_script("return document.activeElement.innerText")
    assert focused.startswith("Ivan Smirnov")
    ActionChains(served.driver).send_keys(Keys.ENTER).perform()
    wait_for(lambda: panel_name(served) == "Ivan Smirnov")
    wait_for(lambda: served.driver.execute_script("return !!document.activeElement.closest('#detail-panel')"))
    assert serious_violations(served) == []  # the open panel too
    ActionChains(served.driver).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: served.driver.execute_script("return !document.getElementById('detail-panel')"))
    box = served.find_element("#search-input")
    box.clear()
    box.send_keys("Trotsky" + Keys.ENTER)  # Enter in the box opens the first found, before the list comes
    wait_for(lambda: panel_name(served) == "Leon Trotsky")
    served.driver.get(served.server_url + "/about")
    served.wait_for_contains_text("#about-cite", "@dataset{", timeout=30)
    assert serious_violations(served) == []


def test_on_a_tablet_or_a_phone_nothing_scrolls_sideways_and_no_year_label_touches_another(served):
    start(served, "?year=1927", (768, 1024))
    for size in ((768, 1024), (390, 844)):
        served.driver.set_window_size(*size)
        served.driver.get(served.server_url + "/?year=1927")
        served.wait_for_element("#graph-network .main-svg", timeout=30)
        time.sleep(0.5)
        width, inner = served.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= inner, size

        def labels():
            return served.driver.execute_script(
                "return [...document.querySelectorAll('#year-slider .dash-slider-mark')]"
                ".filter(m => getComputedStyle(m).visibility !== 'hidden').map(m => m.getBoundingClientRect())"
                ".map(b => [b.left, b.right]);")
        wait_for(lambda: len(labels()) >= 3)
        boxes = labels()
        assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), (size, boxes)


def test_share_keeps_an_old_links_version_and_the_embed_shows_the_chart_alone(served):
    start(served, "?year=1927&v=0123abc")
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    served.find_element("#share-button").click()
    served.wait_for_contains_text("#share-link", "v=0123abc", timeout=10)
    assert "v=0123abc" in served.driver.current_url
    snippet = served.find_element("#share-embed").text
    assert snippet.startswith("<iframe src=") and "embed=1" in snippet
    served.driver.get(served.server_url + "/?year=1937&embed=1")
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    hidden = served.driver.execute_script(
        "return ['.top-bar', '.year-bar', '.chart-tools', '.this-year-card']"
        ".map(s => document.querySelector(s)).map(e => !e || e.offsetParent === null);")
    assert all(hidden)
    footer = served.find_element(".embed-footer").text
    assert "Creative Commons" in footer and "Open this view in the dashboard" in footer
    time.sleep(1.5)
    assert "embed=1" in served.driver.current_url


def test_the_network_starts_above_the_fold_with_the_story_open_too(served):
    """A teacher projecting the story's first step sees the network, not a page of text."""
    start(served, "?story=1", (1280, 800))
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    served.wait_for_contains_text("#story-progress-text", "step 1", timeout=20)

    def plot_top():
        return served.driver.execute_script(
            "return document.querySelector('#graph-network .main-svg').getBoundingClientRect().top;")
    time.sleep(0.5)
    assert plot_top() < 300
    served.find_element("#story-more").click()  # the whole text, when asked for
    wait_for(lambda: "expanded" in served.find_element("#story-body").get_attribute("class"))
    served.driver.set_window_size(1440, 900)
    served.driver.get(served.server_url + "/?year=1927")
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    time.sleep(0.5)
    assert plot_top() < 300
