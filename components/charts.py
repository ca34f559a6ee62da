"""The five charts in tabs, drawn by the pure builders, and what a click on them does."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.figures import (fates_figure, flows_figure, network_figure, overlap_heatmap,
                                 overlap_upset, timeline_figure)

from . import ids

__all__ = ["tabs", "register"]

TAB_LABELS = {"network": "Network", "timeline": "Timeline", "overlap": "Overlap",
              "flows": "Flows", "fates": "Fates"}
GRAPH_CONFIG = {"displaylogo": False, "responsive": True,
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def _graph(graph_id: str, height: int) -> dcc.Loading:
    return dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"height": f"{height}px"}),
                       delay_show=400)


def tabs() -> dbc.Tabs:
    """One tab per chart (the overlap tab holds the heatmap and the UpSet chart)."""
    return dbc.Tabs([
        dbc.Tab(_graph(ids.graph("network"), 760), label=TAB_LABELS["network"], tab_id="network"),
        dbc.Tab(_graph(ids.graph("timeline"), 780), label=TAB_LABELS["timeline"], tab_id="timeline"),
        dbc.Tab([_graph(ids.graph("overlap"), 820), _graph(ids.graph("upset"), 740)],
                label=TAB_LABELS["overlap"], tab_id="overlap"),
        dbc.Tab(_graph(ids.graph("flows"), 760), label=TAB_LABELS["flows"], tab_id="flows"),
        dbc.Tab(_graph(ids.graph("fates"), 1200), label=TAB_LABELS["fates"], tab_id="fates"),
    ], id=ids.TABS, active_tab="network")


def _fit(figure, height: int):
    """Let the figure take the page's width (the builders draw 1200 px wide for export)."""
    figure.update_layout(width=None, height=height, autosize=True)
    return figure


def register(app, dataset: Dataset, scale) -> None:
    """Figure callbacks (one per tab, drawn only when the tab is shown) and click handlers."""
    def _span(step, range_on, span):
        """(since, year) from the slider steps: a single year, or the range's two ends."""
        if range_on and span:
            return scale.year(span[0]), scale.year(span[1])
        return None, scale.year(step)

    controls = [Input(ids.TABS, "active_tab"), Input(ids.YEAR, "value"), Input(ids.RANGE_ON, "value"),
                Input(ids.RANGE, "value"), Input(ids.FACTIONS, "value")]

    @app.callback(Output(ids.graph("network"), "figure"), *controls, Input(ids.VIEW, "value"),
                  Input(ids.HIGHLIGHT, "data"), Input(ids.SELECTED, "data"))
    def draw_network(tab, year, range_on, span, factions, view, highlight, selected):
        """The network of the chosen year (or range), filtered, with search results ringed."""
        if tab != "network" or year is None:
            raise PreventUpdate
        since, year = _span(year, range_on, span)
        ringed = list(highlight or [])
        if selected and selected.get("kind") == "person":
            ringed.append(selected["id"])
        return _fit(network_figure(dataset, year, factions=factions, highlight=ringed,
                                   view=view or "bipartite", since=since), 760)

    @app.callback(Output(ids.graph("timeline"), "figure"), *controls)
    def draw_timeline(tab, year, range_on, span, factions):
        """Lifespans and events, the chosen year marked."""
        if tab != "timeline":
            raise PreventUpdate
        return _fit(timeline_figure(dataset, _span(year, range_on, span)[1], factions=factions), 780)

    @app.callback(Output(ids.graph("overlap"), "figure"), Output(ids.graph("upset"), "figure"), *controls)
    def draw_overlap(tab, year, range_on, span, factions):
        """Shared members in the chosen years (a single year: everything up to it)."""
        if tab != "overlap":
            raise PreventUpdate
        since, last = _span(year, range_on, span)
        years = (since if since is not None else dataset.years[0], last)
        if not factions:
            return _empty("Tick at least one faction."), _empty("")
        return (_fit(overlap_heatmap(dataset, years, factions=factions), 820),
                _fit(overlap_upset(dataset, years, factions=factions), 740))

    @app.callback(Output(ids.graph("flows"), "figure"), *controls)
    def draw_flows(tab, year, range_on, span, factions):
        """Paths through the factions up to the chosen year, and on to the members' fates."""
        if tab != "flows":
            raise PreventUpdate
        since, last = _span(year, range_on, span)
        if not factions:
            return _empty("Tick at least one faction.")
        return _fit(flows_figure(dataset, (since or dataset.years[0], max(last, 1920)),
                                 factions=factions), 760)

    @app.callback(Output(ids.graph("fates"), "figure"), *controls)
    def draw_fates(tab, year, range_on, span, factions):
        """Each opposition's members by status, the chosen year marked."""
        if tab != "fates":
            raise PreventUpdate
        chosen = [f for f in (factions or []) if dataset.factions[f].kind in ("opposition", "signatories")]
        if not chosen:
            return _empty("Tick at least one opposition or group of signatories.")
        return _fit(fates_figure(dataset, factions=chosen, year=_span(year, range_on, span)[1]),
                    max(560, 170 + 220 * -(-len(chosen) // 3)))

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True),
                  Output(ids.YEAR, "value", allow_duplicate=True),
                  Input(ids.graph("network"), "clickData"), Input(ids.graph("timeline"), "clickData"),
                  Input(ids.graph("flows"), "clickData"), State(ids.RANGE_ON, "value"),
                  prevent_initial_call=True)
    def clicked(network_click, timeline_click, flows_click, range_on):
        """A person or faction opens its panel; an event on the timeline moves to its year."""
        click = {ids.graph("network"): network_click, ids.graph("timeline"): timeline_click,
                 ids.graph("flows"): flows_click}.get(ctx.triggered_id)
        point = (click or {}).get("points", [{}])[0]
        data = point.get("customdata")
        if not data or not isinstance(data, list) or len(data) < 2:
            raise PreventUpdate
        kind, record_id = data[0], data[1]
        if kind == "event":
            return no_update, scale.index(int(data[2]))
        if kind == "person" and record_id in dataset.persons:
            return {"kind": "person", "id": record_id}, no_update
        if kind == "faction" and record_id in dataset.factions:
            return {"kind": "faction", "id": record_id}, no_update
        raise PreventUpdate


def _empty(message: str):
    """A blank chart that says why it is blank."""
    figure = go.Figure()
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="white",
                         annotations=[{"text": message, "showarrow": False, "font": {"size": 16}}] if message else [])
    return figure
