"""Text that someone else may edit is shown as text: no script in the data ever runs."""

from __future__ import annotations

import time

import pytest

from oppositions.dataset import load_dataset

pytestmark = pytest.mark.browser

EVIL = '<img src=x onerror="window.__pwned=1">'
SCRIPT = '<script>window.__pwned=2</script>'


def hostile_folder(make_folder):
    def edit(d):
        d["persons"][0].update(name=f"Shlyapnikov {EVIL}", bio=f"bio {SCRIPT}", background=EVIL)
        d["factions"][0].update(name=f"WO {EVIL}", description=SCRIPT)
        d["sources"][0].update(citation=f"cite {EVIL}", url="https://example.org/?q=\"><script>x</script>")
        d["events"][1].update(title=f"Letter {EVIL}")
    return make_folder(edit=edit)


def test_hostile_text_is_shown_as_text_and_never_runs(dash_duo, make_folder):
    import app

    dash_duo.start_server(app.create_app(load_dataset(hostile_folder(make_folder))))
    dash_duo.driver.get(dash_duo.server_url + "/?year=1922&person=shlyapnikov")
    dash_duo.wait_for_contains_text("#panel-name", "Shlyapnikov", timeout=20)
    assert EVIL in dash_duo.find_element("#panel-name").text
    assert SCRIPT in dash_duo.find_element("#detail-panel-body").text
    dash_duo.driver.get(dash_duo.server_url + "/about")
    dash_duo.wait_for_contains_text("#page-about", "cite", timeout=10)
    assert EVIL in dash_duo.find_element("#page-about").text
    links = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#page-about a')].map(a => a.protocol);")
    assert set(links) <= {"https:", "http:"}
    time.sleep(1)
    assert dash_duo.driver.execute_script("return window.__pwned === undefined")
