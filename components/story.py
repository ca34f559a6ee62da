"""The guided story for teaching: a card above the charts with the step's text and sources,
previous and next, and a progress bar; each step sets the year, chart, view, factions and
highlighted persons, and its number is in the address so every step can be shared."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset

from . import ids
from .sources import source_list

__all__ = ["story_card", "register"]


def story_card(dataset: Dataset, step: int | None) -> dbc.Collapse:
    """The story card, open at ``step`` (1-based) or closed; its buttons are always in the page."""
    progress, body, first, last = step_parts(dataset, step)
    return dbc.Collapse(dbc.Card(dbc.CardBody([
        html.Div([  # one row: where in the story, the buttons; then the step in two lines, "more" for the rest
            html.Span(progress, className="small text-muted", id="story-progress-text"),
            dbc.Progress(value=_percent(dataset, step), style={"height": "6px", "width": "6rem"}, id="story-progress"),
            dbc.Button("◀ Previous", id=ids.STORY_PREV, size="sm", color="secondary", outline=True,
                       disabled=first, n_clicks=0, className="ms-auto py-0"),
            dbc.Button("Next ▶", id=ids.STORY_NEXT, size="sm", color="primary", disabled=last, n_clicks=0,
                       className="py-0"),
            dbc.Button("✕ Leave the story", id=ids.STORY_CLOSE, size="sm", color="link", n_clicks=0, className="py-0"),
        ], className="d-flex gap-2 align-items-center flex-wrap"),
        html.Div(body, id="story-body", className="story-body"),
        html.Button("more", id=ids.STORY_MORE, n_clicks=0, type="button", className="btn btn-link btn-sm p-0 story-more",
                    **{"aria-controls": "story-body", "aria-expanded": "false"}),
    ], className="py-1 px-2"), color="light", className="mb-1"), id=ids.STORY_CARD, is_open=bool(step and dataset.story))


def _percent(dataset: Dataset, step: int | None) -> float:
    return 100 * (step or 0) / max(1, len(dataset.story))


def step_parts(dataset: Dataset, number: int | None) -> tuple[str, list, bool, bool]:
    """(progress text, title/text/sources, is first, is last) of a step; empty outside the story."""
    steps = dataset.story
    if not number or not steps:
        return "", [], True, True
    step = steps[number - 1]
    body = [html.H2(f"{step.year}: {step.title}", className="h6 mb-0 d-inline", id="story-title"),
            html.P(step.text, className="mb-1 story-text", id="story-text"),
            html.Details([html.Summary(f"Sources ({len(step.sources)})", className="small text-muted"),
                          source_list(dataset, step.sources)])]
    return f"Story · step {number} of {len(steps)}", body, number == 1, number == len(steps)


def register(app, dataset: Dataset, scale) -> None:
    """Open, step through and leave the story; each step sets the controls."""
    if not dataset.story:
        return

    @app.callback(Output(ids.STORY_STEP, "data"), Input(ids.STORY_OPEN, "n_clicks"),
                  Input(ids.STORY_PREV, "n_clicks"), Input(ids.STORY_NEXT, "n_clicks"),
                  Input(ids.STORY_CLOSE, "n_clicks"), State(ids.STORY_STEP, "data"), prevent_initial_call=True)
    def move(_open, _prev, _next, _close, step):
        """Begin the story (or return to its step), go one step back or on, or leave it."""
        trigger = ctx.triggered_id
        if trigger == ids.STORY_OPEN:
            return step or 1
        if trigger == ids.STORY_CLOSE:
            return None
        if step is None:
            raise PreventUpdate
        return max(1, step - 1) if trigger == ids.STORY_PREV else min(len(dataset.story), step + 1)

    app.clientside_callback(  # the step's whole text, or its first two lines (the chart stays in sight)
        """function (n, className) { const open = !(className || '').includes('expanded');
            return [open ? 'less' : 'more', open ? 'true' : 'false', open ? 'story-body expanded' : 'story-body']; }""",
        Output(ids.STORY_MORE, "children"), Output(ids.STORY_MORE, "aria-expanded"), Output("story-body", "className"),
        Input(ids.STORY_MORE, "n_clicks"), State("story-body", "className"), prevent_initial_call=True)

    @app.callback(Output("story-progress-text", "children"), Output("story-progress", "value"),
                  Output("story-body", "children"), Output(ids.STORY_PREV, "disabled"),
                  Output(ids.STORY_NEXT, "disabled"), Output(ids.STORY_CARD, "is_open"),
                  Output("story-body", "className", allow_duplicate=True),
                  Output(ids.STORY_MORE, "children", allow_duplicate=True),
                  Output(ids.STORY_MORE, "aria-expanded", allow_duplicate=True),
                  Input(ids.STORY_STEP, "data"), prevent_initial_call=True)
    def show(step):
        """The card for the step (its text folded to two lines again), or closed."""
        progress, body, first, last = step_parts(dataset, step)
        return progress, _percent(dataset, step), body, first, last, bool(step), "story-body", "more", "false"

    @app.callback(Output(ids.YEAR, "value", allow_duplicate=True), Output(ids.RANGE_ON, "value", allow_duplicate=True),
                  Output(ids.TABS, "active_tab", allow_duplicate=True), Output(ids.VIEW, "value", allow_duplicate=True),
                  Output(ids.FACTIONS, "value", allow_duplicate=True), Output(ids.HIGHLIGHT, "data", allow_duplicate=True),
                  Input(ids.STORY_STEP, "data"), prevent_initial_call=True)
    def apply(step):
        """A step sets the year, the chart, the view, the factions and the persons ringed."""
        if not step:
            return no_update, no_update, no_update, no_update, no_update, []
        s = dataset.story[step - 1]
        factions = list(s.factions) if s.factions else list(dataset.factions)
        return scale.index(s.year), False, s.tab, s.view, factions, list(s.highlight)
