"""Browser fixtures: the real app on the shipped data, served on loopback, and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def dashboard(dash_duo):
    """The dashboard on the shipped dataset, loaded and drawn."""
    import app
    from oppositions.dataset import load_dataset

    dash_duo.start_server(app.create_app(load_dataset()))
    dash_duo.wait_for_element("#graph-network .main-svg", timeout=30)
    return dash_duo


@pytest.fixture
def shoot(dash_duo):
    """Save a screenshot under tests/artifacts/ (ignored by git) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(name: str):
        dash_duo.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    return save
