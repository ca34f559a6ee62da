"""The page's layout compared as data, without a browser."""

from __future__ import annotations

from collections import Counter

from shipped import shipped

import app
from components.controls import YearScale


def all_ids(component):
    """Every id in a Dash layout tree."""
    found = []
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if hasattr(node, "to_plotly_json"):
            if getattr(node, "id", None) is not None:
                found.append(str(node.id))
            for prop in ("children", "label", "options"):
                value = getattr(node, prop, None)
                if value is not None and not isinstance(value, (str, int, float)):
                    stack.append(value)
    return found


def test_ids_are_unique():
    dash_app = app.create_app(shipped())
    layout = dash_app.layout() if callable(dash_app.layout) else dash_app.layout
    ids = all_ids(layout)
    assert ids and [i for i, n in Counter(ids).items() if n > 1] == []


def test_year_scale_keeps_every_story_year_and_later_years_with_facts():
    dataset = shipped()
    scale = YearScale(dataset)
    assert scale.years[:23] == list(range(1919, 1942))
    assert {1956, 1963, 1988} <= set(scale.years)
    assert scale.year(scale.index(1927)) == 1927
    assert scale.year(scale.index(1950)) > 1950   # a year without a step goes to the next step
    assert scale.year(-5) == 1919 and scale.year(10**6) == scale.years[-1]


def test_debug_is_off_and_server_is_flask():
    dash_app = app.create_app(shipped())
    assert dash_app.server.debug is False
