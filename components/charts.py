"""The five charts in tabs, drawn by the pure builders, and what a click on them does."""

from __future__ import annotations

import io
import zipfile

import dash_bootstrap_components as dbc
import flask
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.figures.network_chart import VIEWS
from plotly.io.json import to_json_plotly
from oppositions.export import (CHARTS, IMAGE_FORMATS, PRESETS, Filters, build_chart, chart_bytes, chart_spec,
                                data_bytes, export_graph, file_name)

from . import ids
from .cache import cached_figure
from .cite import cite_button, share_button
from .state import chosen_factions
from .video_job import VIDEOS, progress_box

__all__ = ["tabs", "register"]

TAB_LABELS = {"network": "Network", "timeline": "Timeline", "overlap": "Overlap",
              "flows": "Flows", "fates": "Fates"}
SERVER_TABS = ("timeline", "overlap", "flows", "fates")
FRAMES_ROUTE = "/frames/network"
FRAMES_MAX_POINTS = 30_000  # persons x years: about 10 MB of figures at most, sent once
NEARBY_MAX_PERSONS = 20_000  # past this, drawing the years ahead would hold the server up too long
SEARCH_LABEL = "search results"
NEARBY_STEPS = 4  # years ahead (and behind) fetched in one request
GRAPH_CONFIG = {"displaylogo": False, "responsive": True,
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def _graph(graph_id: str, height: int) -> dcc.Loading:
    return dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"height": f"{height}px"}),
                       delay_show=400)


DOWNLOADS = {"png": "Chart as PNG (screen, 1200×840)", "slide": "Chart as PNG for a slide (1920×1080, large text)",
             "print": "Chart as PNG for print (A4 landscape, twice as sharp)",
             "svg": "Chart as SVG", "html": "Chart as standalone HTML",
             "csv": "Network data as CSV (zip)", "graphml": "Network data as GraphML",
             "gexf": "Network data as GEXF (with years)", "json": "Network data as JSON"}


def download_menu() -> html.Div:
    """The download menu: the chart on screen, or the network data of the view."""
    items = []
    for kind, label in DOWNLOADS.items():
        if kind == "csv":
            items.append(dbc.DropdownMenuItem(divider=True))
        items.append(dbc.DropdownMenuItem(label, id=ids.download(kind), n_clicks=0))
    items.append(dbc.DropdownMenuItem(divider=True))
    items += [dbc.DropdownMenuItem(label, id=ids.download(kind), n_clicks=0) for kind, label in VIDEOS.items()]
    return html.Div([share_button(), cite_button(),
                     dbc.DropdownMenu(items, label="Download", size="sm", color="secondary",
                                      align_end=True, id="download-menu"),
                     dcc.Download(id=ids.DOWNLOAD), dcc.Download(id=ids.VIDEO_DOWNLOAD), progress_box(),
                     html.Span(id=ids.DOWNLOAD_STATUS, className="small text-muted download-status", role="status")],
                    className="d-flex gap-1 align-items-center flex-wrap")


def frames_plan(dataset: Dataset, steps: int) -> dict:
    """What the browser may fetch of the network's years: all of them at once (``whole``), the
    years around the one on screen (``nearby``), or neither (each year through the callback)."""
    return {"url": FRAMES_ROUTE, "whole": len(dataset.persons) * steps <= FRAMES_MAX_POINTS,
            "nearby": len(dataset.persons) <= NEARBY_MAX_PERSONS}


def tabs(plan: dict, active: str = "network", tools: list | None = None, below: list | None = None,
         show: str = "chart") -> html.Div:
    """One tab per chart (the overlap tab holds the heatmap and the UpSet chart), with ``tools``
    (the side column's toggle, the search) and the downloads on the tabs' own row, and the stores
    through which the browser asks the server for charts (``plan``: :func:`frames_plan`); ``below``
    (the table) under the charts, shown instead of them when ``show`` is ``"table"``."""
    stores = [dcc.Store(id=ids.FRAMES_PLAN, data=plan), dcc.Store(id=ids.NETWORK_WANTED),
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


def _highlight_label(dataset: Dataset, highlight: tuple, year: int) -> str:
    """Where the highlighted persons come from, for the legend: a story step (its persons and
    year) or a search."""
    if not highlight:
        return "highlighted"
    for number, step in enumerate(dataset.story, start=1):
        if set(step.highlight) == set(highlight) and step.year == year:
            return f"named in story step {number}"
    return SEARCH_LABEL


def _zip(files: dict[str, bytes]) -> bytes:
    """Several files in one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _fit(figure: dict, height: int | None) -> dict:
    """Let the figure take the page's width (the builders draw 1200 px wide for export), and
    ``height``, or the graph's own height (set by the page's style) when None.

    Returns a new dict: the cached one is never changed.
    """
    layout = {**figure.get("layout", {}), "autosize": True}
    layout.pop("width", None)
    layout.pop("height", None)
    if height is not None:
        layout["height"] = height
    return {**figure, "layout": layout}


def register(app, dataset: Dataset, scale) -> None:
    """Figure callbacks (one per tab, drawn only when the tab is shown), downloads, clicks."""

    def request(step, range_on, span, factions, view=None, highlight=None, selected=None, undisputed=False):
        """What is on screen, as the exporter's arguments: (year, since, filters)."""
        if range_on and span:
            since, year = scale.year(span[0]), scale.year(span[1])
        else:
            since, year = None, scale.year(step)
        person = selected.get("id") if isinstance(selected, dict) and selected.get("kind") == "person" else None
        marked = tuple(sorted(set(highlight or ())))
        filters = Filters(factions=chosen_factions(dataset, factions), view=view or "bipartite",
                          highlight=marked, highlight_label=_highlight_label(dataset, marked, year),
                          selected=person, undisputed=bool(undisputed))
        return year, since, filters

    def since_on_screen(chart, since):
        """The first year a chart covers: a single year of a cumulative chart is everything up to it."""
        if chart in ("overlap", "upset", "flows") and since is None:
            return dataset.years[0]
        return since

    def on_screen(chart, year, since, filters):
        """The figure of a chart exactly as the dashboard draws it."""
        return build_chart(dataset, chart, year, since_on_screen(chart, since), filters)

    def shown(chart, year, since, filters) -> dict:
        """The same figure as :func:`on_screen`, as a plain dict, through the shared cache."""
        def build():
            return chart_spec(dataset, chart, year, since_on_screen(chart, since), filters)
        if filters.highlight_label == SEARCH_LABEL:  # one reader's search: not worth a place in the cache
            return build()
        return cached_figure(f"figure:{dataset.fingerprint}:{chart}:{year}:{since}:{filters!r}", build)

    def fitted_network(step, range_on, span, factions, view, highlight, selected, undisputed) -> dict:
        """The network as the dashboard shows it, fitted to the page."""
        return _fit(shown("network", *request(step, range_on, span, factions, view, highlight, selected,
                                              undisputed)), None)

    network_state = [Input(ids.FACTIONS, "value"), Input(ids.VIEW, "value"), Input(ids.HIGHLIGHT, "data"),
                     Input(ids.SELECTED, "data"), Input(ids.UNDISPUTED, "value")]
    app.clientside_callback(
        ClientsideFunction("oppositions", "network"),
        Output(ids.graph("network"), "figure"), Output(ids.NETWORK_WANTED, "data"),
        Input(ids.YEAR, "value"), Input(ids.TABS, "active_tab"), Input(ids.RANGE_ON, "value"),
        Input(ids.RANGE, "value"), *network_state, State(ids.FRAMES_PLAN, "data"), State(ids.YEARS, "data"))

    plan = frames_plan(dataset, len(scale.years))

    app.clientside_callback(ClientsideFunction("oppositions", "fitted"),
                            Output(ids.graph("network"), "figure", allow_duplicate=True),
                            Input(ids.NETWORK_DRAWN, "data"), prevent_initial_call=True)

    @app.callback(Output(ids.NETWORK_DRAWN, "data"), Input(ids.NETWORK_WANTED, "data"), prevent_initial_call=True)
    def draw_network(wanted):
        """The network the browser has no frame for: a range of years, or before the frames came."""
        if not isinstance(wanted, dict) or wanted.get("step") is None:
            raise PreventUpdate
        return fitted_network(wanted["step"], wanted.get("rangeOn"), wanted.get("span"), wanted.get("factions"),
                              wanted.get("view"), wanted.get("highlight"), wanted.get("selected"),
                              wanted.get("undisputed"))

    @app.server.route(FRAMES_ROUTE, methods=["POST"])
    def network_frames():
        """The network of every year for one state of the controls, fetched once by the browser;
        or, with a sixth element, of a few years only (those next to the one on screen).

        Kept out of Dash's own state on purpose: the renderer walks every prop it holds on each
        update, and a store of all the years would slow every slider move down. All the years
        are refused (404) when together too large (:data:`FRAMES_MAX_POINTS`): the browser then
        fetches the years around the one on screen ahead of the hand, up to
        :data:`NEARBY_MAX_PERSONS` persons, and past that asks for each year through the callback.
        """
        body = flask.request.get_json(silent=True)
        if (not isinstance(body, list) or len(body) not in (5, 6) or not _known_state(dataset, *body[:5])
                or (len(body) == 6 and not _known_steps(body[5], len(scale.years)))):
            return flask.jsonify({"error": "expected [factions, view, highlight, selected, undisputed] and "
                                           f"at most {NEARBY_STEPS} steps"}), 400
        if len(body) == 5 and not plan["whole"]:
            return flask.jsonify({"error": "too large to send every year at once"}), 404
        if len(body) == 6 and not plan["nearby"]:
            return flask.jsonify({"error": "too large to draw years ahead"}), 404
        factions, view, highlight, selected, undisputed = body[:5]
        steps = body[5] if len(body) == 6 else range(len(scale.years))
        figures = {step: fitted_network(step, False, None, factions, view, highlight, selected, undisputed)
                   for step in steps}
        return flask.Response(to_json_plotly({"state": body, "figures": figures if len(body) == 6
                                              else list(figures.values())}), mimetype="application/json")

    app.clientside_callback(
        ClientsideFunction("oppositions", "requests"),
        *[Output(ids.chart_request(tab), "data") for tab in SERVER_TABS],
        Input(ids.TABS, "active_tab"), Input(ids.YEAR, "value"), Input(ids.RANGE_ON, "value"),
        Input(ids.RANGE, "value"), Input(ids.FACTIONS, "value"), Input(ids.UNDISPUTED, "value"))

    def wanted_of(tab):
        """The controls a chart's request carries: (step, range_on, span, factions, undisputed)."""
        return Input(ids.chart_request(tab), "data")

    def unpack(wanted) -> tuple:
        if not isinstance(wanted, dict):
            raise PreventUpdate
        return (wanted.get("step"), wanted.get("rangeOn"), wanted.get("span"), wanted.get("factions"),
                None, None, None, wanted.get("undisputed"))

    @app.callback(Output(ids.graph("timeline"), "figure"), wanted_of("timeline"))
    def draw_timeline(wanted):
        """Lifespans and events, the chosen year marked."""
        return _fit(shown("timeline", *request(*unpack(wanted))), 780)

    @app.callback(Output(ids.graph("overlap"), "figure"), Output(ids.graph("upset"), "figure"),
                  wanted_of("overlap"))
    def draw_overlap(wanted):
        """Shared members in the chosen years (a single year: everything up to it)."""
        wanted = unpack(wanted)
        if not wanted[3]:
            return _empty("Tick at least one faction."), _empty("")
        chosen = request(*wanted)
        return _fit(shown("overlap", *chosen), 820), _fit(shown("upset", *chosen), 740)

    @app.callback(Output(ids.graph("flows"), "figure"), wanted_of("flows"))
    def draw_flows(wanted):
        """Paths through the factions up to the chosen year, and on to the members' fates."""
        wanted = unpack(wanted)
        if not wanted[3]:
            return _empty("Tick at least one faction.")
        return _fit(shown("flows", *request(*wanted)), 760)

    @app.callback(Output(ids.graph("fates"), "figure"), wanted_of("fates"))
    def draw_fates(wanted):
        """Each opposition's members by status, the chosen year marked."""
        wanted = unpack(wanted)
        chosen = [f for f in (wanted[3] or []) if dataset.factions[f].kind in ("opposition", "signatories")]
        if not chosen:
            return _empty("Tick at least one opposition or group of signatories.")
        return _fit(shown("fates", *request(*wanted)),
                    max(560, 170 + 220 * -(-len(chosen) // 3)))

    @app.callback(Output(ids.DOWNLOAD, "data"),
                  [Input(ids.download(kind), "n_clicks") for kind in DOWNLOADS],
                  State(ids.TABS, "active_tab"), State(ids.YEAR, "value"), State(ids.RANGE_ON, "value"),
                  State(ids.RANGE, "value"), State(ids.FACTIONS, "value"), State(ids.VIEW, "value"),
                  State(ids.HIGHLIGHT, "data"), State(ids.SELECTED, "data"), State(ids.UNDISPUTED, "value"),
                  running=[(Output(ids.DOWNLOAD_STATUS, "children"),
                            [dbc.Spinner(size="sm", spinner_class_name="me-1"), "Preparing the file…"], "")],
                  prevent_initial_call=True)
    def download(*args):
        """The chart on screen as PNG, SVG or HTML, or its network data, as a file."""
        clicks, controls = args[:len(DOWNLOADS)], args[len(DOWNLOADS):]
        tab, (step, range_on, span, factions, view, highlight, selected, undisputed) = controls[0], controls[1:]
        if not ctx.triggered_id or not any(clicks):
            raise PreventUpdate
        kind = ctx.triggered_id.removeprefix("download-")
        year, since, filters = request(step, range_on, span, factions, view, highlight, selected, undisputed)
        if kind in IMAGE_FORMATS or kind in PRESETS:
            chart = tab if tab in CHARTS else "network"
            preset = kind if kind in PRESETS else "screen"
            width, height, density = PRESETS[preset]
            fmt = "png" if kind in PRESETS else kind
            content = chart_bytes(on_screen(chart, year, since, filters), fmt, width=width, height=height,
                                  scale=density, warm=True)  # the server's one browser, kept warm
            return dcc.send_bytes(content, file_name(chart, year, since, fmt, "" if preset == "screen" else f"-{preset}"))
        files = data_bytes(export_graph(dataset, year, since, filters), kind, dataset)
        stem = file_name("network", year, since, "x")[:-2]
        if len(files) == 1:
            (suffix, content), = files.items()
            return dcc.send_bytes(content, stem + suffix)
        return dcc.send_bytes(_zip({stem + s: c for s, c in files.items()}), stem + "-csv.zip")

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


def _known_state(dataset: Dataset, factions, view, highlight, selected, undisputed) -> bool:
    """Whether a state sent by a browser names only things the dataset holds."""
    return (isinstance(undisputed, bool) and (factions is None or (isinstance(factions, list)
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


def _empty(message: str) -> dict:
    """A blank chart that says why it is blank."""
    return {"data": [], "layout": {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "plot_bgcolor": "white",
        "annotations": [{"text": message, "showarrow": False, "font": {"size": 16}}] if message else []}}
