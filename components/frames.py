"""The frames route: the network of every year (or of the years next to the one on screen) for
one state of the controls, fetched by the browser so that the slider needs no server.

Kept out of Dash's own state on purpose: the renderer walks every prop it holds on each update,
and a store of all the years would slow every slider move down. All the years are refused (404)
when together too large (:data:`FRAMES_MAX_POINTS`): the browser then fetches the years around
the one on screen ahead of the hand. A year's figure is bounded at any size of the dataset (past
what the plot holds it draws the factions: :mod:`oppositions.figures.network_crowd`), so drawing
a few years ahead never holds the server up long.
"""

from __future__ import annotations

from dataclasses import replace

import flask
from plotly.io.json import to_json_plotly

from oppositions.dataset import Dataset
from oppositions.figures.network_crowd import crowdable

from .screen import Screen
from .state import ViewState

__all__ = ["FRAMES_ROUTE", "frames_plan", "register"]

FRAMES_ROUTE = "/frames/network"
FRAMES_MAX_POINTS = 30_000  # persons x years: about 10 MB of figures at most, sent once
NEARBY_STEPS = 4  # years ahead (and behind) fetched in one request


def frames_plan(dataset: Dataset, steps: int) -> dict:
    """What the browser may fetch of the network's years: all of them at once (``whole``), else
    the years around the one on screen; ``crowdable``: so many persons that a zoom or an opened
    faction changes who is drawn."""
    return {"url": FRAMES_ROUTE, "whole": len(dataset.persons) * steps <= FRAMES_MAX_POINTS,
            "crowdable": crowdable(dataset)}


def register(app, screen: Screen, scale) -> None:
    """The route, on the Dash app's Flask server (``scale``: the slider's steps)."""
    dataset, steps_count = screen.dataset, len(scale.years)

    @app.server.route(FRAMES_ROUTE, methods=["POST"])
    def network_frames():
        """``{"view": <a ViewState's JSON>}``: the network of every year of that view; with
        ``"steps": [...]``, of those slider steps only (at most :data:`NEARBY_STEPS`)."""
        plan = frames_plan(dataset, steps_count)
        body = flask.request.get_json(silent=True)
        try:
            if not isinstance(body, dict) or not set(body) <= {"view", "steps"} or "view" not in body:
                raise ValueError("not a request")
            state = ViewState.from_json(body["view"], dataset)
            steps = body.get("steps")
            if "steps" in body and not _known_steps(steps, steps_count):
                raise ValueError("unknown steps")
        except ValueError as error:
            return flask.jsonify({"error": f"expected {{\"view\": {{...}}, \"steps\": [...]}} with at most "
                                           f"{NEARBY_STEPS} steps ({error})"}), 400
        if steps is None and not plan["whole"]:
            return flask.jsonify({"error": "too large to send every year at once"}), 404
        figures = {step: screen.network(replace(state, year=scale.year(step), since=None))
                   for step in (steps if steps is not None else range(steps_count))}
        return flask.Response(to_json_plotly({"figures": figures if steps is not None else list(figures.values())}),
                              mimetype="application/json")


def _known_steps(steps, count: int) -> bool:
    """Whether a browser asked for at most :data:`NEARBY_STEPS` distinct slider steps that exist."""
    return (isinstance(steps, list) and 0 < len(steps) <= NEARBY_STEPS
            and all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s < count for s in steps)
            and len(set(steps)) == len(steps))
