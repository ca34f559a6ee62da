"""The five charts in tabs, drawn by the pure builders, and what a click on them does."""

from __future__ import annotations

import io
import zipfile

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.export import (CHARTS, IMAGE_FORMATS, Filters, build_chart, chart_bytes,
                                data_bytes, export_graph, file_name)

from . import ids
from .cache import cached_figure

__all__ = ["tabs", "register"]

TAB_LABELS = {"network": "Network", "timeline": "Timeline", "overlap": "Overlap",
              "flows": "Flows", "fates": "Fates"}
GRAPH_CONFIG = {"displaylogo": False, "responsive": True,
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def _graph(graph_id: str, height: int) -> dcc.Loading:
    return dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"height": f"{height}px"}),
                       delay_show=400)


DOWNLOADS = {"png": "Chart as PNG", "svg": "Chart as SVG", "html": "Chart as standalone HTML",
             "csv": "Network data as CSV (zip)", "graphml": "Network data as GraphML",
             "gexf": "Network data as GEXF (with years)", "json": "Network data as JSON"}


def download_menu() -> html.Div:
    """The download menu: the chart on screen, or the network data of the view."""
    items = []
    for kind, label in DOWNLOADS.items():
        if kind == "csv":
            items.append(dbc.DropdownMenuItem(divider=True))
        items.append(dbc.DropdownMenuItem(label, id=ids.download(kind), n_clicks=0))
    return html.Div([dbc.DropdownMenu(items, label="Download", size="sm", color="secondary",
                                      align_end=True, id="download-menu"),
                     dcc.Download(id=ids.DOWNLOAD)], className="d-flex justify-content-end mb-1")


def tabs(active: str = "network") -> html.Div:
    """One tab per chart (the overlap tab holds the heatmap and the UpSet chart)."""
    return html.Div([download_menu(), _tabs(active)])


def _tabs(active: str) -> dbc.Tabs:
    return dbc.Tabs([
        dbc.Tab(_graph(ids.graph("network"), 760), label=TAB_LABELS["network"], tab_id="network"),
        dbc.Tab(_graph(ids.graph("timeline"), 780), label=TAB_LABELS["timeline"], tab_id="timeline"),
        dbc.Tab([_graph(ids.graph("overlap"), 820), _graph(ids.graph("upset"), 740)],
                label=TAB_LABELS["overlap"], tab_id="overlap"),
        dbc.Tab(_graph(ids.graph("flows"), 760), label=TAB_LABELS["flows"], tab_id="flows"),
        dbc.Tab(_graph(ids.graph("fates"), 1200), label=TAB_LABELS["fates"], tab_id="fates"),
    ], id=ids.TABS, active_tab=active)


def _zip(files: dict[str, bytes]) -> bytes:
    """Several files in one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _fit(figure: dict, height: int) -> dict:
    """Let the figure take the page's width (the builders draw 1200 px wide for export).

    Returns a new dict: the cached one is never changed.
    """
    layout = {**figure.get("layout", {}), "height": height, "autosize": True}
    layout.pop("width", None)
    return {**figure, "layout": layout}


def register(app, dataset: Dataset, scale) -> None:
    """Figure callbacks (one per tab, drawn only when the tab is shown), downloads, clicks."""

    def request(step, range_on, span, factions, view=None, highlight=None, selected=None):
        """What is on screen, as the exporter's arguments: (year, since, filters)."""
        if range_on and span:
            since, year = scale.year(span[0]), scale.year(span[1])
        else:
            since, year = None, scale.year(step)
        ringed = list(highlight or [])
        if selected and selected.get("kind") == "person":
            ringed.append(selected["id"])
        every = factions is None or set(factions) == set(dataset.factions)
        filters = Filters(factions=None if every else tuple(factions or ()), view=view or "bipartite",
                          highlight=tuple(ringed))
        return year, since, filters

    def on_screen(chart, year, since, filters):
        """The figure of a chart exactly as the dashboard draws it."""
        if chart in ("overlap", "upset", "flows") and since is None:
            since = dataset.years[0]  # a single year: everything up to it
        return build_chart(dataset, chart, year, since, filters)

    def shown(chart, year, since, filters) -> dict:
        """:func:`on_screen` through the shared cache, as a plain figure dict."""
        key = f"figure:{dataset.fingerprint}:{chart}:{year}:{since}:{filters!r}"
        return cached_figure(key, lambda: on_screen(chart, year, since, filters))

    controls = [Input(ids.TABS, "active_tab"), Input(ids.YEAR, "value"), Input(ids.RANGE_ON, "value"),
                Input(ids.RANGE, "value"), Input(ids.FACTIONS, "value")]

    @app.callback(Output(ids.graph("network"), "figure"), *controls, Input(ids.VIEW, "value"),
                  Input(ids.HIGHLIGHT, "data"), Input(ids.SELECTED, "data"))
    def draw_network(tab, step, range_on, span, factions, view, highlight, selected):
        """The network of the chosen year (or range), filtered, with search results ringed."""
        if tab != "network" or step is None:
            raise PreventUpdate
        return _fit(shown("network", *request(step, range_on, span, factions, view, highlight, selected)), 760)

    @app.callback(Output(ids.graph("timeline"), "figure"), *controls)
    def draw_timeline(tab, step, range_on, span, factions):
        """Lifespans and events, the chosen year marked."""
        if tab != "timeline":
            raise PreventUpdate
        return _fit(shown("timeline", *request(step, range_on, span, factions)), 780)

    @app.callback(Output(ids.graph("overlap"), "figure"), Output(ids.graph("upset"), "figure"), *controls)
    def draw_overlap(tab, step, range_on, span, factions):
        """Shared members in the chosen years (a single year: everything up to it)."""
        if tab != "overlap":
            raise PreventUpdate
        if not factions:
            return _empty("Tick at least one faction."), _empty("")
        wanted = request(step, range_on, span, factions)
        return _fit(shown("overlap", *wanted), 820), _fit(shown("upset", *wanted), 740)

    @app.callback(Output(ids.graph("flows"), "figure"), *controls)
    def draw_flows(tab, step, range_on, span, factions):
        """Paths through the factions up to the chosen year, and on to the members' fates."""
        if tab != "flows":
            raise PreventUpdate
        if not factions:
            return _empty("Tick at least one faction.")
        return _fit(shown("flows", *request(step, range_on, span, factions)), 760)

    @app.callback(Output(ids.graph("fates"), "figure"), *controls)
    def draw_fates(tab, step, range_on, span, factions):
        """Each opposition's members by status, the chosen year marked."""
        if tab != "fates":
            raise PreventUpdate
        chosen = [f for f in (factions or []) if dataset.factions[f].kind in ("opposition", "signatories")]
        if not chosen:
            return _empty("Tick at least one opposition or group of signatories.")
        return _fit(shown("fates", *request(step, range_on, span, factions)),
                    max(560, 170 + 220 * -(-len(chosen) // 3)))

    @app.callback(Output(ids.DOWNLOAD, "data"),
                  [Input(ids.download(kind), "n_clicks") for kind in DOWNLOADS],
                  State(ids.TABS, "active_tab"), State(ids.YEAR, "value"), State(ids.RANGE_ON, "value"),
                  State(ids.RANGE, "value"), State(ids.FACTIONS, "value"), State(ids.VIEW, "value"),
                  State(ids.HIGHLIGHT, "data"), State(ids.SELECTED, "data"), prevent_initial_call=True)
    def download(*args):
        """The chart on screen as PNG, SVG or HTML, or its network data, as a file."""
        clicks, (tab, step, range_on, span, factions, view, highlight, selected) = args[:len(DOWNLOADS)], args[len(DOWNLOADS):]
        if not ctx.triggered_id or not any(clicks):
            raise PreventUpdate
        kind = ctx.triggered_id.removeprefix("download-")
        year, since, filters = request(step, range_on, span, factions, view, highlight, selected)
        if kind in IMAGE_FORMATS:
            chart = tab if tab in CHARTS else "network"
            content = chart_bytes(on_screen(chart, year, since, filters), kind)
            return dcc.send_bytes(content, file_name(chart, year, since, kind))
        files = data_bytes(export_graph(dataset, year, since, filters), kind)
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


def _empty(message: str) -> dict:
    """A blank chart that says why it is blank."""
    return {"data": [], "layout": {
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "plot_bgcolor": "white",
        "annotations": [{"text": message, "showarrow": False, "font": {"size": 16}}] if message else []}}
