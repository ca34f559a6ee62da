"""The network of every year, fetched once by the browser: the same figures the server draws."""

from __future__ import annotations

import json

import pytest
from shipped import shipped

import app
from benchmarks.load import network_output, year_request
from components import frames as charts
from components.controls import YearScale

EVERYTHING = {"view": {"year": 1927, "factions": None, "view": "bipartite", "highlight": [], "person": None,
                       "undisputed": False}}


@pytest.fixture(scope="module")
def client():
    return app.create_app(shipped()).server.test_client()


def frames(client, state, **headers):
    return client.post(charts.FRAMES_ROUTE, data=json.dumps(state), content_type="application/json",
                       headers=headers)


def test_frames_hold_one_figure_per_slider_step_equal_to_the_server_drawing(client):
    response = frames(client, EVERYTHING)
    assert response.status_code == 200
    body = response.get_json()
    dataset = shipped()
    scale = YearScale(dataset)
    titles = [f["layout"]["title"]["text"] for f in body["figures"]]
    assert len(titles) == len(scale.years)
    for year, title in zip(scale.years, titles):
        assert title.startswith(f"Who belonged to which faction, {year}")
    output = network_output(client.get("/_dash-dependencies").get_json())
    drawn = client.post("/_dash-update-component", data=year_request(scale.years[8], output), content_type="application/json")
    figure = drawn.get_json()["response"]["network-drawn"]["data"]
    assert json.dumps(figure, sort_keys=True) == json.dumps(body["figures"][8], sort_keys=True)


def test_persons_view_of_a_year_without_members_is_empty_not_an_error():
    from oppositions.figures import network_figure

    figure = network_figure(shipped(), 1919, factions=["workers-opposition"], view="persons")
    assert "No faction in the selection was active in 1919" in str(figure.layout.annotations)


def test_frames_follow_the_filters_and_the_view(client):
    body = frames(client, view(factions=["workers-opposition"], view="persons", highlight=["shlyapnikov"])).get_json()
    first_1921 = next(f for f in body["figures"] if "1921" in f["layout"]["title"]["text"])
    assert first_1921["layout"]["title"]["text"].startswith("Who sat with whom")
    ringed = [t for t in first_1921["data"] if (t.get("meta") or {}).get("role") == "highlight"][0]
    assert ringed["customdata"] == [["person", "shlyapnikov"]] and ringed["name"] == "search results"


def test_frames_travel_compressed(client):
    response = frames(client, EVERYTHING, **{"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert len(response.data) < len(frames(client, EVERYTHING).data) / 4


def view(**fields) -> dict:
    """A frames request for the view of 1927 with these fields changed."""
    return {"view": {**EVERYTHING["view"], **fields}}


@pytest.mark.parametrize("state", [
    "not json", [], [None, "bipartite", [], None, False], {}, {"view": {}}, {"view": None},
    view(view="sideways"), view(factions=["no-such-faction"]), view(highlight=["nobody-at-all"]),
    view(person="nobody"), view(undisputed="yes"), view(undisputed=1), view(year="1927"), view(year=1800),
    view(year=1927, since=1930), view(highlight=["trotsky"] * 293),  # longer than the dataset: the same person again
    view(highlight=[["trotsky"]]), view(factions=[["x"] * 50] * 50), view(colour="red"),
    {**view(), "steps": [[[[1]]]]}, {**view(), "extra": 1},
])
def test_frames_refuse_states_that_name_unknown_things(client, state):
    response = frames(client, state)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_dataset_too_large_for_frames_is_drawn_year_by_year(monkeypatch):
    monkeypatch.setattr(charts, "FRAMES_MAX_POINTS", 10)
    client = app.create_app(shipped()).server.test_client()
    assert frames(client, EVERYTHING).status_code == 404
    nearby = frames(client, {**EVERYTHING, "steps": [9, 7]})  # the years around 1927, ahead of the hand
    assert nearby.status_code == 200
    figures = nearby.get_json()["figures"]
    assert sorted(figures) == ["7", "9"]
    assert figures["9"]["layout"]["title"]["text"].startswith("Who belonged to which faction, 1928")
    output = network_output(client.get("/_dash-dependencies").get_json())
    drawn = client.post("/_dash-update-component", data=year_request(1926, output), content_type="application/json")
    figure = drawn.get_json()["response"]["network-drawn"]["data"]
    assert json.dumps(figures["7"], sort_keys=True) == json.dumps(figure, sort_keys=True)


@pytest.mark.parametrize("steps", [[], [1, 2, 3, 4, 5], [1, 1], [-1], [10_000], ["9"], [True], "9", None])
def test_years_ahead_must_be_a_few_real_steps(client, steps):
    response = frames(client, {**EVERYTHING, "steps": steps})
    assert response.status_code == 400 and "steps" in response.get_json()["error"]
