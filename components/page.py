"""The whole page: navigation, the dashboard and the About page, and the address's state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.citation import CITATION_STYLES, citation_forms
from oppositions.dataset import Dataset

from . import about, charts, cite, controls, frames, ids, panel, story, table, video_job
from .state import ViewState, dependencies

__all__ = ["layout", "register"]

NAVIGATION = ("person", "faction", "story", "tab", "show")  # the address's parts whose change is a step Back returns to


def layout(dataset: Dataset, query: str = "") -> html.Div:
    """Navigation bar, the dashboard (controls, charts, panels) and the About page.

    The controls start in the state the address asks for (``query``), so a shared link opens
    directly on its view and nothing has to be synchronised while the page loads.
    """
    scale = controls.YearScale(dataset)
    state, notes = ViewState.from_query(query, dataset)
    selected = ({"kind": "person", "id": state.person} if state.person else
                {"kind": "faction", "id": state.faction} if state.faction else None)
    links = dbc.Nav(([dbc.NavItem(dbc.Button("Story", id=ids.STORY_OPEN, color="warning", size="sm", n_clicks=0,
                                             className="me-2", title="A guided story for teaching"))]
                     if dataset.story else []) +
                    [dbc.NavItem(dbc.NavLink("Dashboard", href="/", className="py-1")),
                     dbc.NavItem(dbc.NavLink("About", href="/about", id="about-link", className="py-1"))],
                    className="align-items-center ms-auto", navbar=True)
    navbar = dbc.Navbar(dbc.Container([  # on a phone the links fold behind a menu button
        dbc.NavbarBrand(dataset.short_title, href="/", className="fs-6 py-0 my-0"),
        dbc.NavbarToggler(id=ids.NAV_TOGGLE, n_clicks=0, className="py-0 px-1"),
        dbc.Collapse(links, id=ids.NAV_LINKS, is_open=False, navbar=True),
    ], fluid=True), color="dark", dark=True, expand="sm", className="py-0 mb-1 top-bar")
    toggle = html.Button("☰ View and factions", id=ids.SIDEBAR_TOGGLE, n_clicks=0, type="button",
                         className="btn btn-sm btn-outline-secondary text-nowrap",
                         title="Show or hide the choice of view and factions",
                         **{"aria-controls": ids.SIDEBAR, "aria-expanded": "false"})
    main = dbc.Container([
        html.H1(dataset.title, className="visually-hidden"),
        dbc.Alert(" ".join(notes), id=ids.NOTICE, color="warning", is_open=bool(notes),
                  dismissable=True, className="py-1"),
        story.story_card(dataset, state.story),
        controls.year_bar(scale, state),
        html.Div([
            html.Aside([html.Button("Close ✕", id=ids.SIDEBAR_CLOSE, n_clicks=0, type="button",
                                    className="btn btn-sm btn-outline-secondary mb-2 side-close"),
                        *controls.sidebar(dataset, state)], id=ids.SIDEBAR, className="side-column",
                       hidden=True, **{"aria-label": "View and factions"}),
            html.Div([charts.tabs(frames.frames_plan(dataset, len(scale.years)), state.tab,
                                  tools=[table.show_switch(state.show), toggle,
                                         controls.search_box(state.story_highlight(dataset))],
                                  below=[table.table_box(state.show)], show=state.show, region=state.region),
                      _scope_line(dataset), panel.this_year_card()], className="chart-column"),
        ], className="main-row"),
        dcc.Store(id=ids.SIDEBAR_OPEN, data=False),
        dcc.Store(id=ids.YEAR_SETTLED, data=scale.index(state.year)),
    ], fluid=True, id=ids.PAGE_MAIN)
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        _embed_footer(dataset, state) if state.embed else None,
        dcc.Store(id=ids.SELECTED, data=selected),
        dcc.Store(id=ids.LAST_SEARCH, data=query),
        dcc.Store(id=ids.ADDRESS),
        dcc.Store(id=ids.STORY_STEP, data=state.story),
        cite.cite_box(), cite.share_box(),
        navbar,
        html.Main([main, html.Div(id=ids.PAGE_ABOUT, style={"display": "none"})]),
        panel.detail_panel(),
    ], className="embed-mode" if state.embed else None)


def _embed_footer(dataset: Dataset, state: ViewState) -> html.P:
    """Under an embedded chart: what it shows, its licence, and the way to the whole dashboard."""
    licence = ", ".join(item.get("title") or item.get("name", "") for item in dataset.metadata.get("licenses", []))
    return html.P([f"{dataset.title}, version {dataset.version}. Data: {licence}. ",
                   html.A("Open this view in the dashboard, with its sources", target="_blank", rel="noopener",
                          href="/" + replace(state, embed=False).to_query(dataset.fingerprint))],
                  className="small text-muted embed-footer mb-0")


def _scope_line(dataset: Dataset) -> html.P:
    """What every count counts, with a link to what the dataset covers."""
    return html.P([f"Every count counts the {len(dataset.persons):,} persons in this dataset, not all the "
                   "members of the oppositions: ",
                   html.A("what the dataset covers and what it leaves out", href="/about#coverage")],
                  className="small text-muted mb-1 scope-line", id="scope-line")


def _kept_version(query: str, search: str | None) -> str:
    """``query``, but with the data version of the address it replaces when nothing else differs:
    a link made with older data keeps saying so (its ``v``) until the reader changes the view.
    The chart-only mode (``embed=1``) is kept too: it is not a control."""
    old = parse_qs((search or "").lstrip("?"))
    if "embed" in old and "embed=" not in query:
        query += "&embed=1"
    new = parse_qs(query.lstrip("?"))
    if "v" in old and {k: v for k, v in new.items() if k != "v"} == {k: v for k, v in old.items() if k != "v"}:
        return search
    return query


def register(app, dataset: Dataset) -> None:
    """The router, the controls written to the address, and back/forward."""
    scale = controls.YearScale(dataset)
    controls.register(app, dataset)
    app.clientside_callback("function (n, open) { return !open; }", Output(ids.NAV_LINKS, "is_open"),
                            Input(ids.NAV_TOGGLE, "n_clicks"), State(ids.NAV_LINKS, "is_open"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("oppositions", "sideColumn"),
                            Output(ids.SIDEBAR, "hidden"), Output(ids.SIDEBAR_TOGGLE, "aria-expanded"),
                            Input(ids.SIDEBAR_TOGGLE, "n_clicks"), Input(ids.SIDEBAR_CLOSE, "n_clicks"),
                            State(ids.SIDEBAR, "hidden"),
                            prevent_initial_call=True)
    charts.register(app, dataset, scale)
    table.register(app, dataset)
    panel.register(app, dataset)
    story.register(app, dataset, scale)
    video_job.register(app, dataset)
    about.register(app, dataset)

    in_address = ("step", "range_on", "span", "factions", "view", "tab", "selected", "undisputed", "story", "show",
                  "region")

    def state_of(*values) -> ViewState:
        """The page's state from its controls (those the address holds)."""
        return ViewState.from_controls(dataset, **dict(zip(in_address, values)))

    @app.callback(Output(ids.PAGE_MAIN, "style"), Output(ids.PAGE_ABOUT, "style"),
                  Output(ids.PAGE_ABOUT, "children"), Input(ids.URL, "pathname"))
    def route(pathname):
        """/about shows the About page; every other path the dashboard.

        The About page (its list of sources is some 1,800 components) is put in the page only
        while it is shown: Dash's renderer does work for every component in the page on every
        update, and a hidden About page made each year step several times slower.
        """
        if (pathname or "/").rstrip("/").endswith("/about"):
            return {"display": "none"}, {}, about.layout(dataset)
        return {}, {"display": "none"}, []

    settled = ("settled",) + in_address[1:]

    @app.callback(Output(ids.ADDRESS, "data"), *dependencies(Input, *settled), State(ids.LAST_SEARCH, "data"))
    def write_address(*args):
        """The controls, written into the address so that a link reopens them: once the slider
        rests (not for every year flown over), in place for the years, the span, the factions
        and the view (``history.replaceState``), as a new history entry for a person, a story
        step, a tab or the table (``pushState``), so that Back goes back to the last of those.

        Only this direction runs as a callback: the address is read when the page is served
        (see :func:`layout`), and back or forward reload the page. No chart ever waits for it.
        """
        *now, search = args
        query = _kept_version(state_of(*now).to_query(dataset.fingerprint), search)
        if query == (search or ""):
            raise PreventUpdate
        before, after = parse_qs((search or "").lstrip("?")), parse_qs(query.lstrip("?"))
        return {"query": query, "push": any(before.get(k) != after.get(k) for k in NAVIGATION)}

    app.clientside_callback(ClientsideFunction("oppositions", "writeAddress"),
                            Output(ids.LAST_SEARCH, "data"), Input(ids.ADDRESS, "data"), prevent_initial_call=True)

    @app.callback(*[Output(ids.cite_text(style), "children") for style in CITATION_STYLES],
                  Output(ids.CITE_BOX, "is_open"), Input(ids.CITE, "n_clicks"),
                  *dependencies(State, *in_address), State(ids.URL, "pathname"),
                  State(ids.LAST_SEARCH, "data"), prevent_initial_call=True)
    def cite_view(clicks, *args):
        """The citation of what is on screen, in each style, with the address that reopens it
        (with the version of the data on screen)."""
        if not clicks:
            raise PreventUpdate
        state, address = _address(args[:-1] + (None,))
        forms = citation_forms(dataset, address, date.today(), cite.view_description(dataset, state))
        return *[forms[style] for style in CITATION_STYLES], True

    @app.callback(Output(ids.SHARE_LINK, "children"), Output(ids.SHARE_EMBED, "children"),
                  Output(ids.SHARE_BOX, "is_open"), Input(ids.SHARE, "n_clicks"),
                  *dependencies(State, *in_address), State(ids.URL, "pathname"),
                  State(ids.LAST_SEARCH, "data"), prevent_initial_call=True)
    def share_view(clicks, *args):
        """The link to what is on screen (an older version's link shared on as it came), and the
        code to embed it."""
        if not clicks:
            raise PreventUpdate
        state, address = _address(args)
        return address, cite.embed_snippet(dataset, state, address), True

    def _address(args) -> tuple[ViewState, str]:
        """The view's state and its canonical address (an older version's link keeps its ``v``)."""
        *now, pathname, search = args
        state = state_of(*now)
        query = state.to_query(dataset.fingerprint)
        return state, cite.base_address() + (pathname or "/") + _kept_version(query, search)

