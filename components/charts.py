"""The five charts in tabs, drawn by the pure builders, and what a click on them does."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.vocabulary import OPPOSITION_KINDS, TAB_LABELS

from . import downloads, frames, ids
from .downloads import download_menu
from .screen import Screen, fit
from .state import ViewState, dependencies

__all__ = ["tabs", "register"]

SERVER_TABS = ("timeline", "overlap", "flows", "fates")
NETWORK_CONTROLS = ("step", "tab", "range_on", "span", "factions", "view", "highlight", "selected", "undisputed",
                    "region")
CHART_CONTROLS = ("tab", "step", "range_on", "span", "factions", "undisputed")
GRAPH_CONFIG = {"displaylogo": False, "responsive": True,
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def _graph(graph_id: str, height: int) -> dcc.Loading:
    return dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"height": f"{height}px"}),
                       delay_show=400)


def tabs(plan: dict, active: str = "network", tools: list | None = None, below: list | None = None,
         show: str = "chart", region=None) -> html.Div:
    """One tab per chart (the overlap tab holds the heatmap and the UpSet chart), with ``tools``
    (the side column's toggle, the search) and the downloads on the tabs' own row, and the stores
    through which the browser asks the server for charts (``plan``: :func:`components.frames.frames_plan`); ``below``
    (the table) under the charts, shown instead of them when ``show`` is ``"table"``; ``region``: the
    part of a crowded network an address zoomed into."""
    stores = [dcc.Store(id=ids.FRAMES_PLAN, data=plan), dcc.Store(id=ids.SERVER_TABS, data=SERVER_TABS),
              dcc.Store(id=ids.NETWORK_WANTED), dcc.Store(id=ids.REGION, data=list(region) if region else None),
              dcc.Store(id=ids.NETWORK_DRAWN)] + [
        dcc.Store(id=ids.chart_request(tab)) for tab in SERVER_TABS]
    return html.Div([html.Div(tools or [], className="chart-tools"),
                     html.Div(download_menu(), className="chart-downloads"),
                     _tabs(active), *(below or []), *stores], id=ids.CHART_AREA,
                    className="chart-area" + (" show-table" if show == "table" else ""))


def _tabs(active: str) -> dbc.Tabs:
    return dbc.Tabs([
        dbc.Tab(dcc.Loading(dcc.Graph(id=ids.graph("network"), config=GRAPH_CONFIG, className="network-graph"),
                            delay_show=400), label=TAB_LABELS["network"], tab_id="network"),
        dbc.Tab(_graph(ids.graph("timeline"), 780), label=TAB_LABELS["timeline"], tab_id="timeline"),
        dbc.Tab([_graph(ids.graph("overlap"), 820), _graph(ids.graph("upset"), 740)],
                label=TAB_LABELS["overlap"], tab_id="overlap"),
        dbc.Tab(_graph(ids.graph("flows"), 760), label=TAB_LABELS["flows"], tab_id="flows"),
        dbc.Tab(_graph(ids.graph("fates"), 1200), label=TAB_LABELS["fates"], tab_id="fates"),
    ], id=ids.TABS, active_tab=active)


def register(app, dataset: Dataset, scale) -> None:
    """Figure callbacks (one per tab, drawn only when the tab is shown), downloads, clicks.

    The browser turns the controls into a view's JSON (keyed by :class:`ViewState`'s fields) and
    asks for the chart of the tab on screen only; the network of a year it already holds is
    drawn without the server (assets/clientside.js)."""

    screen = Screen(dataset)
    frames.register(app, screen, scale)
    downloads.register(app, screen)

    app.clientside_callback(
        ClientsideFunction("oppositions", "network"),
        Output(ids.graph("network"), "figure"), Output(ids.NETWORK_WANTED, "data"),
        *dependencies(Input, *NETWORK_CONTROLS), State(ids.FRAMES_PLAN, "data"), State(ids.YEARS, "data"))

    app.clientside_callback(ClientsideFunction("oppositions", "region"), Output(ids.REGION, "data"),
                            Input(ids.graph("network"), "relayoutData"), State(ids.FRAMES_PLAN, "data"),
                            State(ids.REGION, "data"), prevent_initial_call=True)

    app.clientside_callback(ClientsideFunction("oppositions", "fitted"),
                            Output(ids.graph("network"), "figure", allow_duplicate=True),
                            Input(ids.NETWORK_DRAWN, "data"), prevent_initial_call=True)

    def view_of(wanted) -> ViewState:
        """The view the browser asked for, or nothing drawn when it is not one."""
        try:
            return ViewState.from_json(wanted, dataset)
        except ValueError:
            raise PreventUpdate from None

    @app.callback(Output(ids.NETWORK_DRAWN, "data"), Input(ids.NETWORK_WANTED, "data"), prevent_initial_call=True)
    def draw_network(wanted):
        """The network the browser has no frame for: a range of years, or before the frames came."""
        return screen.network(view_of(wanted))

    app.clientside_callback(
        ClientsideFunction("oppositions", "requests"),
        *[Output(ids.chart_request(tab), "data") for tab in SERVER_TABS],
        *dependencies(Input, *CHART_CONTROLS), State(ids.YEARS, "data"), State(ids.SERVER_TABS, "data"))

    def wanted_of(tab):
        """The view a chart's request carries (year or span, factions, undisputed)."""
        return Input(ids.chart_request(tab), "data")

    @app.callback(Output(ids.graph("timeline"), "figure"), wanted_of("timeline"))
    def draw_timeline(wanted):
        """Lifespans and events, the chosen year marked."""
        return fit(screen.shown("timeline", view_of(wanted)), 780)

    @app.callback(Output(ids.graph("overlap"), "figure"), Output(ids.graph("upset"), "figure"),
                  wanted_of("overlap"))
    def draw_overlap(wanted):
        """Shared members in the chosen years (a single year: everything up to it)."""
        state = view_of(wanted)
        if state.factions == ():
            return _empty("Tick at least one faction."), _empty("")
        return fit(screen.shown("overlap", state), 820), fit(screen.shown("upset", state), 740)

    @app.callback(Output(ids.graph("flows"), "figure"), wanted_of("flows"))
    def draw_flows(wanted):
        """Paths through the factions up to the chosen year, and on to the members' fates."""
        state = view_of(wanted)
        if state.factions == ():
            return _empty("Tick at least one faction.")
        return fit(screen.shown("flows", state), 760)

    @app.callback(Output(ids.graph("fates"), "figure"), wanted_of("fates"))
    def draw_fates(wanted):
        """Each opposition's members by status, the chosen year marked."""
        state = view_of(wanted)
        chosen = [f for f in (dataset.factions if state.factions is None else state.factions)
                  if dataset.factions[f].kind in OPPOSITION_KINDS]
        if not chosen:
            return _empty("Tick at least one opposition or group of signatories.")
        return fit(screen.shown("fates", state), max(560, 170 + 220 * -(-len(chosen) // 3)))

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True),
                  Output(ids.YEAR, "value", allow_duplicate=True),
                  Input(ids.graph("network"), "clickData"), Input(ids.graph("timeline"), "clickData"),
                  Input(ids.graph("flows"), "clickData"), prevent_initial_call=True)
    def clicked(network_click, timeline_click, flows_click):
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


def _empty(message: str) -> dict:
    """A blank chart that says why it is blank."""
    return {"data": [], "layout": {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "plot_bgcolor": "white",
        "annotations": [{"text": message, "showarrow": False, "font": {"size": 16}}] if message else []}}
