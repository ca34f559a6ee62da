"""The years in the browser: the slider's break after the network's years, Play stopping there,
and a link to a year without facts saying so."""

from __future__ import annotations

import time

import pytest
from waiting import wait_for

pytestmark = pytest.mark.browser

MARK_BOXES = """return [...document.querySelectorAll('#year-slider .dash-slider-mark')].map(m => {
    const r = m.getBoundingClientRect(); return [m.textContent, r.left, r.right]; });"""


def _open(duo, query: str):
    duo.driver.get(duo.server_url + "/" + query)
    duo.wait_for_element("#graph-network .main-svg", timeout=30)


@pytest.mark.parametrize("width", [768, 1440])
def test_the_slider_breaks_after_1941_and_its_years_never_print_over_each_other(served, shoot, width):
    _open(served, "?year=1937")
    served.driver.set_window_size(width, 1000)
    wait_for(lambda: (served.driver.execute_script(MARK_BOXES) or [[None]])[-1][0] == "2005")  # drawn at this width
    marks = served.driver.execute_script(MARK_BOXES)
    labels = [m[0] for m in marks]
    assert labels[0] == "1919" and "1941" in labels and labels[-1] == "2005"
    assert all(a[2] + 2 <= b[1] for a, b in zip(marks, marks[1:])), marks  # a gap between every two
    track = served.driver.execute_script(
        "return getComputedStyle(document.querySelector('#year-slider .dash-slider-track')).backgroundImage")
    assert "repeating-linear-gradient" in track  # the years afterwards are hatched, after a gap
    shoot(f"slider-break-{width}")


def test_play_stops_at_the_networks_last_year(served):
    _open(served, "?year=1939")
    served.find_element("#play-button").click()
    served.wait_for_text_to_equal("#year-label", "1941", timeout=10)
    wait_for(lambda: "Play" in served.find_element("#play-button").text)
    time.sleep(2.5)  # two more ticks of the timer, had it run on
    assert served.find_element("#year-label").text == "1941"
    served.find_element("#play-button").click()  # played on: the years afterwards
    wait_for(lambda: int(served.find_element("#year-label").text) > 1941)


def test_a_link_to_a_year_without_facts_says_which_year_it_shows(served):
    _open(served, "?year=1948")
    served.wait_for_contains_text("#state-notice", "No fact in this dataset is dated 1948; showing 1949",
                                    timeout=20)
    assert served.find_element("#year-label").text == "1949"
