"""The page a user opens, in a real headless Chromium: it loads with the dataset's summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from oppositions.dataset import load_dataset

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_summary_page_shows_counts_and_factions(dash_duo, make_folder):
    import app

    dataset = load_dataset(make_folder())
    dash_duo.start_server(app.create_app(dataset))
    dash_duo.wait_for_text_to_equal("#count-persons", "3")
    table = dash_duo.find_element("#summary-factions").text
    assert "Workers' Opposition" in table and "Letter of the 22" in table
    assert dash_duo.get_logs() == []
    ARTIFACTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(ARTIFACTS / "summary-minimal.png"))
