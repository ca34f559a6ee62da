"""The controls: the year (slider, play, step, range), the view, the factions, and search."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.search import person_label, search_persons
from oppositions.span import span_of
from oppositions.vocabulary import VIEW_LABELS

from . import ids
from .state import ViewState

__all__ = ["YearScale", "year_bar", "search_box", "sidebar", "register"]

MARK_GAP = 5  # slider steps between two labelled years: at 768 px a step is about 10 px


class YearScale:
    """The slider's steps (:attr:`Span.steps <oppositions.span.Span.steps>`): every year of the
    network, then, after a visible break, only the later years with a fact.

    The slider moves over step indexes, so the network's years take their share of its length
    and the rehabilitations of 1956-1991 still have a step each.
    """

    def __init__(self, dataset: Dataset):
        self.span = span_of(dataset)
        self.years = list(self.span.steps)
        self.last_network_step = self.years.index(self.span.last)
        self._facts = Counter([f.date.year for f in dataset.fates] + [e.date.year for e in dataset.events])

    def year(self, index) -> int:
        """The year at a slider step (clamped)."""
        index = int(index or 0)
        return self.years[min(max(index, 0), len(self.years) - 1)]

    def index(self, year: int) -> int:
        """The step of a year, or of the first later year that has one."""
        for i, y in enumerate(self.years):
            if y >= year:
                return i
        return len(self.years) - 1

    def marks(self) -> dict:
        """Labels never closer than :data:`MARK_GAP` steps: the network's first and last year
        and every fifth year between; afterwards the last year, then the later years in which
        most facts fall (the rehabilitations of 1956-57 and 1988 on the shipped data)."""
        last, end = self.last_network_step, len(self.years) - 1
        fifths = [i for i, y in enumerate(self.years[:last]) if y % 5 == 0]
        later = sorted(range(last + 1, end + 1), key=lambda i: (i != end, -self._facts[self.years[i]], i))
        marks = [0, last]
        for i in fifths + later:
            if all(abs(i - j) >= MARK_GAP for j in marks):
                marks.append(i)
        return {i: {"label": str(self.years[i]), "style": {"color": "#595959"} if i > last else {}}
                for i in sorted(marks)}

    def break_at(self) -> str | None:
        """Where on the slider's track the network's years end (a CSS length), if any follow."""
        count = len(self.years) - 1
        if self.last_network_step >= count:
            return None
        share = (self.last_network_step + 0.5) / count
        return f"calc({100 * share:.3f}% + {8 - 16 * share:.2f}px)"  # Dash's thumb insets the ends by 8 px


VIEW_OPTIONS = [{"label": label, "value": view} for view, label in VIEW_LABELS.items()]
RICH_LABELS_UP_TO = 100  # factions: past this the checklist's labels are plain text


def year_bar(scale: YearScale, state: ViewState) -> html.Div:
    """Play, step and the year slider, with the switch to a range of years, set to ``state``:
    one compact row, so that the chart starts high on the page."""
    last = len(scale.years) - 1
    ranged = state.since is not None
    return html.Div([
        dbc.Row([
            dbc.Col([
                dbc.ButtonGroup([
                    dbc.Button("◀", id=ids.STEP_BACK, color="secondary", outline=True,
                               title="Previous year", n_clicks=0),
                    dbc.Button("▶ Play", id=ids.PLAY, color="primary", n_clicks=0,
                               title="Play the years one after another"),
                    dbc.Button("▶", id=ids.STEP_FORWARD, color="secondary", outline=True,
                               title="Next year", n_clicks=0),
                ], size="sm"),
            ], width="auto"),
            dbc.Col(html.Div([
                html.Label("Year", htmlFor=ids.YEAR, className="visually-hidden"),
                dcc.Slider(id=ids.YEAR, min=0, max=last, step=1, value=scale.index(state.year),
                           marks=scale.marks(), updatemode="drag", allow_direct_input=False),
                html.Div([
                    html.Label("Range of years", htmlFor=ids.RANGE, className="visually-hidden"),
                    dcc.RangeSlider(id=ids.RANGE, min=0, max=last, step=1,
                                    value=[scale.index(state.since), scale.index(state.year)] if ranged
                                    else [scale.index(1923), scale.index(1927)],
                                    marks=scale.marks(), allowCross=False, allow_direct_input=False),
                ], id=ids.RANGE_BOX, style={} if ranged else {"display": "none"}),
            ], style={"--network-end": scale.break_at()} if scale.break_at() else {}),
                className="pt-1 year-sliders" + (" has-afterwards" if scale.break_at() else ""),
                width={"size": 12, "order": "last"}, lg={"size": True, "order": 0}),  # own row when narrow
            dbc.Col(html.Div(id=ids.YEAR_LABEL, className="h4 mb-0 text-end", **{"aria-live": "polite"}),
                    width="auto", className="ms-auto ms-lg-0"),
            dbc.Col(dbc.Switch(id=ids.RANGE_ON, label="A range of years", value=ranged, className="mb-0 small"),
                    width="auto"),
        ], align="center", className="g-2"),
        dcc.Interval(id=ids.TIMER, interval=1100, disabled=True),
        dcc.Store(id=ids.YEARS, data=scale.years),
        dcc.Store(id=ids.NETWORK_END, data=scale.last_network_step),
    ], className="year-bar border rounded px-2 py-1 mb-1")


def search_box(highlight: tuple[str, ...] = ()) -> html.Div:
    """Search a person (any spelling); the results drop down under the box."""
    return html.Div([
        html.Label("Search a person (any spelling)", htmlFor=ids.SEARCH, className="visually-hidden"),
        dbc.Input(id=ids.SEARCH, type="search", placeholder="Search a person: Shliapnikov, Троцкий…",
                  debounce=0.3, autocomplete="off", size="sm", n_submit=0),
        html.Div(id=ids.SEARCH_RESULTS, className="search-results"),
        html.Div(id=ids.SEARCH_STATUS, className="visually-hidden", role="status"),
        dcc.Store(id=ids.SEARCH_SUBMITTED),
        dcc.Store(id=ids.HIGHLIGHT, data=list(highlight)),
    ], className="search-box")


def sidebar(dataset: Dataset, state: ViewState) -> list:
    """The view and faction cards, set to ``state``."""
    factions = sorted(dataset.factions.values(), key=lambda f: f.formed.sort_key())
    if len(factions) <= RICH_LABELS_UP_TO:  # each with its colour's square and its year in grey
        options = [{"label": html.Span([html.Span("■ ", style={"color": f.colour}), f.label,
                                        html.Span(f" {f.formed.year}", className="text-muted small")]),
                    "value": f.id} for f in factions]
    else:  # as text: three components a faction made a page of 1,250 factions paint 2.3 s later
        options = [{"label": f"{f.label} {f.formed.year}", "value": f.id} for f in factions]
    return [
        dbc.Card(dbc.CardBody(html.Fieldset([
            html.Legend("View", className="fs-6 fw-semibold"),
            dbc.RadioItems(id=ids.VIEW, options=VIEW_OPTIONS, value=state.view),
            dbc.Switch(id=ids.UNDISPUTED, label="Only facts no source disputes", value=state.undisputed,
                       className="mt-2 mb-0"),
            html.Div(_disputed_text(dataset), className="form-text mt-0"),
        ])), className="mb-2"),
        dbc.Card(dbc.CardBody(html.Fieldset([
            html.Div([html.Legend("Factions and groups", className="fs-6 fw-semibold mb-0 w-auto"),
                      dbc.ButtonGroup([
                          dbc.Button("all", id=ids.FACTIONS_ALL, size="sm", color="link", n_clicks=0),
                          dbc.Button("none", id=ids.FACTIONS_NONE, size="sm", color="link", n_clicks=0),
                      ])], className="d-flex justify-content-between align-items-center"),
            dbc.Checklist(id=ids.FACTIONS, options=options,
                          value=[f.id for f in factions] if state.factions is None else list(state.factions),
                          className="small"),
        ])), className="mb-2"),
    ]


def _disputed_text(dataset: Dataset) -> str:
    """What the switch hides, counted."""
    hidden = dataset.disputed_counts()
    return (f"Hides {hidden['memberships']} memberships, {hidden['fates']} steps of fates and "
            f"{hidden['events']} events that sources dispute.")


def register(app, dataset: Dataset) -> None:
    """Callbacks of the controls: play and step, range box, factions all/none, search."""

    @app.callback(Output(ids.TIMER, "disabled"), Output(ids.PLAY, "children"),
                  Input(ids.PLAY, "n_clicks"), State(ids.TIMER, "disabled"), prevent_initial_call=True)
    def toggle_play(_, disabled):
        """Start or pause the animation of the years."""
        return (False, "❚❚ Pause") if disabled else (True, "▶ Play")

    app.clientside_callback(
        ClientsideFunction("oppositions", "step"),
        Output(ids.YEAR, "value", allow_duplicate=True), Output(ids.TIMER, "disabled", allow_duplicate=True),
        Output(ids.PLAY, "children", allow_duplicate=True),
        Input(ids.TIMER, "n_intervals"), Input(ids.STEP_BACK, "n_clicks"), Input(ids.STEP_FORWARD, "n_clicks"),
        State(ids.YEAR, "value"), State(ids.TIMER, "disabled"), State(ids.YEAR, "max"),
        State(ids.NETWORK_END, "data"), prevent_initial_call=True)

    @app.callback(Output(ids.RANGE_BOX, "style"), Input(ids.RANGE_ON, "value"))
    def show_range(on):
        """The range slider is shown only in range mode."""
        return {} if on else {"display": "none"}

    app.clientside_callback(  # the lists below the chart wait for the hand to rest: the chart is drawn first
        ClientsideFunction("oppositions", "settled"), Output(ids.YEAR_SETTLED, "data"), Input(ids.YEAR, "value"))

    app.clientside_callback(
        ClientsideFunction("oppositions", "yearLabel"), Output(ids.YEAR_LABEL, "children"),
        Input(ids.YEAR, "value"), Input(ids.RANGE_ON, "value"), Input(ids.RANGE, "value"),
        Input(ids.YEARS, "data"))

    @app.callback(Output(ids.FACTIONS, "value", allow_duplicate=True),
                  Input(ids.FACTIONS_ALL, "n_clicks"), Input(ids.FACTIONS_NONE, "n_clicks"),
                  prevent_initial_call=True)
    def all_or_none(_all, _none):
        """Tick every faction, or none."""
        return list(dataset.factions) if ctx.triggered_id == ids.FACTIONS_ALL else []

    @app.callback(Output(ids.SEARCH_RESULTS, "children"), Output(ids.HIGHLIGHT, "data", allow_duplicate=True),
                  Output(ids.SEARCH_STATUS, "children"), Input(ids.SEARCH, "value"), prevent_initial_call=True)
    def search(query):
        """Persons matching the query, as buttons (Tab or the arrow keys reach them, Enter opens
        one); all of them highlighted in the network; the count said to a screen reader."""
        if not query or len(query) > 200:
            return [], [], ""
        matches = search_persons(dataset, query, limit=8)
        if not matches:
            return html.Div(f"No one found for “{query}”.", className="text-muted small px-2 py-1"), [], \
                f"No one found for {query}."
        items = [html.Button(  # name, life and groups: namesakes told apart
            [html.Span(person_label(dataset, m.person)), html.Span(f"  (as “{m.matched}”)", className="text-muted small")
             if m.matched != m.name else None],
            id=ids.search_result(m.person), n_clicks=0, type="button",
            className="list-group-item list-group-item-action py-1 search-result")
            for m in matches]
        found = f"{len(matches)} person{'s' if len(matches) > 1 else ''} found; Enter opens " \
                f"{dataset.persons[matches[0].person].name}, the arrow keys move through them."
        return html.Div(items, className="list-group list-group-flush", role="group",
                        **{"aria-label": "People found"}), [m.person for m in matches], found

    app.clientside_callback(  # what is in the box when Enter is pressed, before the debounced value
        "function (n) { const box = document.getElementById('search-input'); return box ? box.value : null; }",
        Output(ids.SEARCH_SUBMITTED, "data"), Input(ids.SEARCH, "n_submit"), prevent_initial_call=True)

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True), Input(ids.SEARCH_SUBMITTED, "data"),
                  prevent_initial_call=True)
    def open_first(query):
        """Enter in the box opens the first person found (a callback of its own: the results
        appearing re-run the one below, which would cancel this answer)."""
        query = query if isinstance(query, str) else ""
        matches = search_persons(dataset, query, limit=1) if query and len(query) <= 200 else []
        if not matches:
            raise PreventUpdate
        return {"kind": "person", "id": matches[0].person}

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True),
                  Input({"type": "search-result", "person": ALL}, "n_clicks"), prevent_initial_call=True)
    def open_result(clicks):
        """A result clicked (or Enter or Space on it) opens that person."""
        if not ctx.triggered_id or not any(clicks or []):
            raise PreventUpdate
        return {"kind": "person", "id": ctx.triggered_id["person"]}
