"""A network larger than the plot can hold: its factions, then its persons as the reader narrows
the view (a zoom, an opened faction, fewer factions ticked)."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plotly.io.json import to_json_plotly
from shipped import shipped

from benchmarks.synthetic import generate
from components.state import ViewState
from oppositions.dataset import load_dataset
from oppositions.figures import network_crowd
from oppositions.figures.network_chart import network_spec
from oppositions.figures.network_crowd import PLOT_HOLDS, apart, fitted, inside
from oppositions.figures.network_scene import scene_of
from oppositions.network import faction_node, person_node
from oppositions.room import PERSON_SIZE, RING_LINE, ring_size

YEAR = 1927


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """3,000 synthetic persons: in 1927 more are drawn (with earlier members) than the plot holds."""
    return load_dataset(generate(3000, tmp_path_factory.mktemp("crowd") / "data"))


def traces(spec, role):
    return [t for t in spec["data"] if isinstance(t.get("meta"), dict) and t["meta"].get("role") == role]


def persons_drawn(spec) -> set[str]:
    return {c[1] for t in traces(spec, "person") for c in t.get("customdata") or ()}


def test_past_what_the_plot_holds_the_factions_are_drawn_with_their_members_counted(crowd, monkeypatch):
    scene = scene_of(crowd, YEAR)
    assert len(scene.drawn) > PLOT_HOLDS
    spec = network_spec(crowd, YEAR)
    assert not persons_drawn(spec), "no person is drawn one by one"
    assert spec["layout"]["meta"]["crowded"] == len(scene.drawn)
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert f"Among the 3,000 persons in this dataset, {len(scene.current):,} belonged" in subtitle
    assert f"Too many to draw one by one ({len(scene.drawn):,} persons" in subtitle
    assert "zoom in until at most 2,000 persons" in subtitle
    names = traces(spec, "names")[0]
    assert names["meta"]["texts"], "the largest factions are named"
    for (_, faction), text in zip(names["customdata"], names["meta"]["texts"]):
        members = scene.graph.degree(faction_node(faction))
        assert text == f"{crowd.factions[faction].label} ({members:,})"
    monkeypatch.setattr(network_crowd, "PLOT_HOLDS", 10**9)  # every person drawn, as before
    every = network_spec(crowd, YEAR)
    assert persons_drawn(every) == scene.drawn
    assert len(to_json_plotly(spec)) < len(to_json_plotly(every)) / 3, "the response carries only what is drawn"


def test_the_factions_squares_never_overlap_at_any_scale(crowd):
    scene = fitted(scene_of(crowd, YEAR))
    sizes = apart(scene)
    ids = sorted(sizes)
    for i, a in enumerate(ids):
        (ax, ay) = scene.at(faction_node(a))
        for b in ids[i + 1:]:
            (bx, by) = scene.at(faction_node(b))
            gap = max(abs(ax - bx), abs(ay - by))
            assert gap >= (sizes[a] + sizes[b]) / 2 - 1e-6 or gap < network_crowd.MIN_SQUARE, (a, b)


def test_zooming_in_draws_the_persons_inside_the_region_and_only_them(crowd):
    scene = scene_of(crowd, YEAR)
    x, y = scene.at(person_node(sorted(scene.current)[0]))
    region = (x - 15, x + 15, y - 10, y + 10)
    spec = network_spec(crowd, YEAR, region=region)
    drawn = persons_drawn(spec)
    assert drawn and drawn == inside(scene, region)
    assert spec["layout"]["xaxis"]["range"] == [region[0], region[1]], "the axes keep the zoom"
    assert spec["layout"]["meta"]["part"] and not spec["layout"]["meta"]["crowded"]
    assert any(t.strip() for t in traces(spec, "names")[0]["text"]), "persons zoomed into are named"
    assert f"Drawn: the {len(drawn):,} persons in the part zoomed into" in spec["layout"]["title"]["subtitle"]["text"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(x=st.floats(0, 700), y=st.floats(0, 520), w=st.floats(1, 700), h=st.floats(1, 520))
def test_any_zoom_draws_what_lies_inside_or_the_factions_when_too_many(crowd, x, y, w, h):
    scene = scene_of(crowd, YEAR)
    region = (x, x + w, y, y + h)
    shown = fitted(scene, region)
    within = inside(scene, region)
    if len(within) <= PLOT_HOLDS:
        assert shown.drawn == within and not shown.crowded
    else:
        assert shown.view == "factions" and shown.crowded == len(within)
    assert shown.region == region


def test_opening_a_faction_draws_its_members(crowd):
    scene = scene_of(crowd, YEAR)
    faction = max(scene.factions, key=lambda f: scene.graph.degree(faction_node(f)))
    spec = network_spec(crowd, YEAR, faction=faction)
    members = {node[2:] for node in scene.graph[faction_node(faction)]}
    assert persons_drawn(spec) == members
    assert f"of {crowd.factions[faction].label} (opened)" in spec["layout"]["title"]["subtitle"]["text"]


def test_an_opened_faction_draws_its_members_apart_with_their_rings_and_names_its_factions(crowd, monkeypatch):
    """Laid out for itself (the crowd's sunflower discs overlap): no two members' rings of the
    year touch, no faction's square lies on a member, and the factions' names are placed for
    the scale the members fit at."""
    scene = scene_of(crowd, YEAR)
    faction = max(scene.factions, key=lambda f: scene.graph.degree(faction_node(f)))
    opened = fitted(scene, None, faction)
    rings = Counter(c.person for c in opened.changes)
    width = {p: ring_size(rings[p] - 1) if p in rings else PERSON_SIZE for p in opened.drawn}
    at = {p: np.array(opened.at(person_node(p))) for p in opened.drawn}
    assert len(at) > 50 and rings, "a large faction, members with rings of change"
    for a, b in itertools.combinations(sorted(opened.drawn), 2):
        assert np.linalg.norm(at[a] - at[b]) >= (width[a] + width[b]) / 2 + RING_LINE - 0.02, (a, b)
    for f in opened.factions:
        half = opened.faction_size(f) / 2
        x, y = opened.at(faction_node(f))
        assert not any(abs(x - p[0]) < half + width[q] / 2 and abs(y - p[1]) < half + width[q] / 2
                       for q, p in at.items()), f"{f}'s square lies on a member"
    assert fitted(scene, None, faction).positions == opened.positions, "the same places each time"
    zoomed = fitted(scene, (0.0, 200.0, 0.0, 150.0), faction)
    assert zoomed.positions == opened.positions and zoomed.drawn == opened.drawn, "a zoom only moves the axes"
    monkeypatch.setattr(network_crowd, "REFERENCE", (150.0, 100.0))  # members more than the smallest plot holds
    spec = network_spec(crowd, YEAR, faction=faction)
    names = [t for t in traces(spec, "names") if t["name"] == "faction names"]
    assert names and min(names[0]["meta"]["scales"]) < 0.9, "its factions named at the scale the members fit at"


def test_ticking_few_factions_draws_their_persons(crowd):
    scene = scene_of(crowd, YEAR)
    few = tuple(sorted(scene.factions)[:3])
    spec = network_spec(crowd, YEAR, factions=few)
    assert persons_drawn(spec) == set(scene_of(crowd, YEAR, factions=few).drawn)
    assert not spec["layout"]["meta"]["crowded"]


def test_a_dataset_the_plot_holds_ignores_a_zoom_and_an_opened_faction():
    data = shipped()
    state = ViewState(year=YEAR, region=(0.0, 50.0, 0.0, 50.0), faction="left-opposition")
    filters = state.filters(data)
    assert filters.region is None and filters.faction is None  # one figure, one cache key
    assert len(persons_drawn(network_spec(data, YEAR))) == len(scene_of(data, YEAR).drawn)


def test_a_zoom_travels_in_the_address_and_a_bad_one_is_said_and_dropped():
    data = shipped()
    state, notes = ViewState.from_query("?year=1927&region=10,200.5,20,300", data)
    assert state.region == (10.0, 200.5, 20.0, 300.0) and not notes
    assert "region=10,200.5,20,300" in state.to_query()
    state, notes = ViewState.from_query("?year=1927&region=200,10,20,300", data)
    assert state.region is None and "is not a part of the network" in notes[0]
    with pytest.raises(ValueError):
        ViewState.from_json(json.dumps({"year": YEAR, "region": [1, 2, 3]}), data)
    with pytest.raises(ValueError):
        ViewState.from_json(json.dumps({"year": YEAR, "region": [5, 2, 3, 4]}), data)


@pytest.mark.parametrize("chart", ["overlap", "upset", "flows"])
def test_a_chart_of_every_faction_draws_the_largest_past_forty_and_says_so(crowd, chart):
    from oppositions.drawing import CHART_FACTIONS, Filters, build_chart
    from oppositions.network import network_for

    figure = build_chart(crowd, chart, 1941)
    title = figure.layout.title.text
    assert f"Drawn: the {CHART_FACTIONS} factions with the most members, of the" in title
    members = network_for(crowd).members_ever
    named = {t for trace in figure.data for t in (getattr(trace, "x", None) or ())} if chart == "overlap" else None
    if named is not None:
        largest = sorted(crowd.factions, key=lambda f: (-members.get(f, 0), f))[:CHART_FACTIONS]
        assert named == {crowd.factions[f].label for f in largest}
    chosen = build_chart(crowd, chart, 1941, filters=Filters(factions=tuple(sorted(crowd.factions)[:3])))
    assert "Drawn: the" not in chosen.layout.title.text, "a reader's own choice is drawn as it is"


def test_the_shipped_charts_draw_every_faction():
    from oppositions.drawing import build_chart

    assert "Drawn: the" not in build_chart(shipped(), "overlap", 1941).layout.title.text


def test_a_long_list_of_factions_is_plain_text_a_short_one_shows_each_colour(crowd):
    """The side column's checklist: a short list (the shipped 23) keeps each colour's square; a list past
    RICH_LABELS_UP_TO is text, so that a page of 1,250 factions is not thousands of components."""
    from dataclasses import replace

    from components.controls import RICH_LABELS_UP_TO, sidebar
    from components.ids import FACTIONS

    def checklist(data):
        card = sidebar(data, ViewState(year=YEAR))[1]
        return next(c for c in card.children.children.children if getattr(c, "id", None) == FACTIONS)

    assert all(not isinstance(o["label"], str) for o in checklist(shipped()).options)
    many = {f"x{i}": replace(next(iter(crowd.factions.values())), id=f"x{i}") for i in range(RICH_LABELS_UP_TO + 1)}
    long_list = checklist(replace(crowd, factions=many)).options
    assert len(long_list) == RICH_LABELS_UP_TO + 1 and all(isinstance(o["label"], str) for o in long_list)
