"""The frames route: the network of every year (or of the years next to the one on screen) for
one state of the controls, fetched by the browser so that the slider needs no server.

Kept out of Dash's own state on purpose: the renderer walks every prop it holds on each update,
and a store of all the years would slow every slider move down. All the years are refused (404)
when together too large (:data:`FRAMES_MAX_POINTS`): the browser then fetches the years around
the one on screen ahead of the hand, up to :data:`NEARBY_MAX_PERSONS` persons, and past that asks
for each year through the callback.
"""

from __future__ import annotations

import flask
from plotly.io.json import to_json_plotly

from oppositions.dataset import Dataset
from oppositions.figures.network_chart import VIEWS

from .screen import Screen

__all__ = ["FRAMES_ROUTE", "frames_plan", "register"]

FRAMES_ROUTE = "/frames/network"
FRAMES_MAX_POINTS = 30_000  # persons x years: about 10 MB of figures at most, sent once
NEARBY_MAX_PERSONS = 20_000  # past this, drawing the years ahead would hold the server up too long
NEARBY_STEPS = 4  # years ahead (and behind) fetched in one request


def frames_plan(dataset: Dataset, steps: int) -> dict:
    """What the browser may fetch of the network's years: all of them at once (``whole``), the
    years around the one on screen (``nearby``), or neither (each year through the callback)."""
    return {"url": FRAMES_ROUTE, "whole": len(dataset.persons) * steps <= FRAMES_MAX_POINTS,
            "nearby": len(dataset.persons) <= NEARBY_MAX_PERSONS}


def register(app, screen: Screen) -> None:
    """The route, on the Dash app's Flask server."""
    dataset, steps_count = screen.dataset, len(screen.scale.years)

    @app.server.route(FRAMES_ROUTE, methods=["POST"])
    def network_frames():
        """``[factions, view, highlight, selected, undisputed]``: every year; with a sixth element,
        a list of slider steps, those years only."""
        plan = frames_plan(dataset, steps_count)
        body = flask.request.get_json(silent=True)
        if (not isinstance(body, list) or len(body) not in (5, 6) or not _known_state(dataset, *body[:5])
                or (len(body) == 6 and not _known_steps(body[5], steps_count))):
            return flask.jsonify({"error": "expected [factions, view, highlight, selected, undisputed] and "
                                           f"at most {NEARBY_STEPS} steps"}), 400
        if len(body) == 5 and not plan["whole"]:
            return flask.jsonify({"error": "too large to send every year at once"}), 404
        if len(body) == 6 and not plan["nearby"]:
            return flask.jsonify({"error": "too large to draw years ahead"}), 404
        factions, view, highlight, selected, undisputed = body[:5]
        steps = body[5] if len(body) == 6 else range(steps_count)
        figures = {step: screen.network(step, False, None, factions, view, highlight, selected, undisputed)
                   for step in steps}
        return flask.Response(to_json_plotly({"state": body, "figures": figures if len(body) == 6
                                              else list(figures.values())}), mimetype="application/json")


def _known_state(dataset: Dataset, factions, view, highlight, selected, undisputed) -> bool:
    """Whether a state sent by a browser names only things the dataset holds, each once."""
    return (isinstance(undisputed, bool)
            and (factions is None or (isinstance(factions, list)
                                      and all(isinstance(f, str) and f in dataset.factions for f in factions)))
            and view in VIEWS
            and isinstance(highlight, list) and len(set(map(str, highlight))) == len(highlight)
            and all(isinstance(p, str) and p in dataset.persons for p in highlight)
            and (selected is None or (isinstance(selected, dict) and selected.get("kind") in ("person", "faction")
                                      and isinstance(selected.get("id"), str))))


def _known_steps(steps, count: int) -> bool:
    """Whether a browser asked for at most :data:`NEARBY_STEPS` distinct slider steps that exist."""
    return (isinstance(steps, list) and 0 < len(steps) <= NEARBY_STEPS
            and all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s < count for s in steps)
            and len(set(steps)) == len(steps))
