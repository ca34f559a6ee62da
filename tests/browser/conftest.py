"""Browser fixtures: the real app on the shipped data, served on loopback, and helpers.

Most browser tests need nothing but the dashboard on the shipped data: they share one server and
one Chromium for the whole run (``served``), and each opens its own page in it, as a reader
opening a link would. A test that changes the app (a monkeypatched limit, another data folder)
starts its own with Dash's ``dash_duo``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shipped import shipped

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WINDOW = (1280, 800)  # the size every test starts at (the options' --window-size)


@pytest.fixture(scope="session")
def _shared_duo(request, tmp_path_factory):
    """One server on the shipped dataset and one browser, for the whole run."""
    from dash.testing.application_runners import ThreadedRunner
    from dash.testing.composite import DashComposite

    import app

    with ThreadedRunner() as server, DashComposite(
            server=server, browser="chrome", headless=True, options=request.config.hook.pytest_setup_options(),
            download_path=str(tmp_path_factory.mktemp("download"))) as duo:
        duo.start_server(app.create_app(shipped()))
        yield duo


@pytest.fixture
def served(_shared_duo):
    """The shared server and browser, at the starting size, with no page open, no console entry
    and no download left from an earlier test."""
    duo = _shared_duo
    duo.driver.get("about:blank")
    duo.driver.set_window_size(*WINDOW)
    duo.reset_log_timestamp()
    folder = Path(duo.download_path)
    for path in folder.iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    yield duo
    duo.driver.get("about:blank")  # no page left fetching years while the next (server-side) tests count


@pytest.fixture
def dashboard(served):
    """The dashboard on the shipped dataset, loaded and drawn."""
    served.driver.get(served.server_url)
    served.wait_for_element("#graph-network .main-svg", timeout=30)
    return served


@pytest.fixture
def shoot(request):
    """Save a screenshot under tests/artifacts/ (ignored by git) for a person to look at, of the
    browser the test uses (its own, or the shared one)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(name: str):
        duo = request.getfixturevalue("dash_duo" if "dash_duo" in request.fixturenames else "served")
        duo.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    return save
