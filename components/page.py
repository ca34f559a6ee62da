"""The whole page: navigation, the dashboard and the About page, and the address's state."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.network import network_for

from . import about, charts, controls, ids, panel
from .state import ViewState, parse_query, to_query

__all__ = ["layout", "register"]


def layout(dataset: Dataset) -> html.Div:
    """Navigation bar, the dashboard (controls, charts, panels) and the About page."""
    scale = controls.YearScale(dataset, network_for(dataset).years)
    navbar = dbc.Navbar(dbc.Container([
        dbc.NavbarBrand("Oppositions in the Russian Communist Party, 1919–1938", href="/"),
        dbc.Nav([dbc.NavItem(dbc.NavLink("Dashboard", href="/")),
                 dbc.NavItem(dbc.NavLink("About", href="/about", id="about-link"))]),
    ], fluid=True), color="dark", dark=True, className="mb-2")
    main = dbc.Container([
        dbc.Alert(id=ids.NOTICE, color="warning", is_open=False, dismissable=True, className="py-1"),
        controls.year_bar(scale),
        dbc.Row([
            dbc.Col(controls.sidebar(dataset) + [panel.this_year_card()], lg=3, md=4),
            dbc.Col(charts.tabs(), lg=9, md=8),
        ], className="g-2"),
    ], fluid=True, id=ids.PAGE_MAIN)
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.SELECTED, data=None),
        dcc.Store(id=ids.LAST_SEARCH, data=None),
        navbar, main,
        html.Div(about.layout(dataset), id=ids.PAGE_ABOUT, style={"display": "none"}),
        panel.detail_panel(),
    ])


def register(app, dataset: Dataset) -> None:
    """The router, and the two-way link between the address and the controls."""
    years = network_for(dataset).years
    scale = controls.YearScale(dataset, years)
    controls.register(app, dataset, scale)
    charts.register(app, dataset, scale)
    panel.register(app, dataset, scale)

    @app.callback(Output(ids.PAGE_MAIN, "style"), Output(ids.PAGE_ABOUT, "style"),
                  Input(ids.URL, "pathname"))
    def route(pathname):
        """/about shows the About page; every other path the dashboard."""
        if (pathname or "/").rstrip("/").endswith("/about"):
            return {"display": "none"}, {}
        return {}, {"display": "none"}

    state_outputs = [Output(ids.YEAR, "value"), Output(ids.RANGE_ON, "value"), Output(ids.RANGE, "value"),
                     Output(ids.FACTIONS, "value"), Output(ids.VIEW, "value"), Output(ids.TABS, "active_tab"),
                     Output(ids.SELECTED, "data")]
    state_inputs = [Input(ids.YEAR, "value"), Input(ids.RANGE_ON, "value"), Input(ids.RANGE, "value"),
                    Input(ids.FACTIONS, "value"), Input(ids.VIEW, "value"), Input(ids.TABS, "active_tab"),
                    Input(ids.SELECTED, "data")]

    @app.callback(*state_outputs, Output(ids.URL, "search"), Output(ids.NOTICE, "children"),
                  Output(ids.NOTICE, "is_open"), Output(ids.LAST_SEARCH, "data"),
                  Input(ids.URL, "search"), *state_inputs, State(ids.LAST_SEARCH, "data"))
    def sync(search, year, range_on, span, factions, view, tab, selected, last_search):
        """Keep the address and the controls in step, in both directions.

        When the address differs from the one last applied or written (a shared link, back or
        forward), the controls follow it; otherwise the controls changed, and the address follows
        them. Comparing addresses, not which input fired, keeps a link from being overwritten by
        the controls' initial values while the page is still loading.
        """
        search = search or ""
        if search != last_search:
            state, notes = parse_query(search, dataset, years)
            chosen = ({"kind": "person", "id": state.person} if state.person else
                      {"kind": "faction", "id": state.faction} if state.faction else None)
            span = ([scale.index(state.since), scale.index(state.year)]
                    if state.since is not None else no_update)
            return (scale.index(state.year), state.since is not None, span,
                    list(state.factions) if state.factions is not None else list(dataset.factions),
                    state.view, state.tab, chosen, no_update, " ".join(notes), bool(notes), search)
        since, last = ((scale.year(span[0]), scale.year(span[1])) if range_on and span
                       else (None, scale.year(year)))
        all_factions = set(factions or []) == set(dataset.factions)
        selected = selected or {}
        state = ViewState(
            year=last, since=since, factions=None if all_factions else tuple(factions or []),
            view=view or "bipartite", tab=tab or "network",
            person=selected.get("id") if selected.get("kind") == "person" else None,
            faction=selected.get("id") if selected.get("kind") == "faction" else None)
        query = to_query(state)
        if query == search:
            raise PreventUpdate
        return (*[no_update] * 7, query, no_update, no_update, query)
