"""The Download menu: the chart on screen as a picture or a page, or the network data of the view.

A picture is drawn by the server's one warm browser (:mod:`oppositions.renderer`); while it is
made the menu says "Preparing the file…", and if it cannot be made the reader is told so under the
menu, in words, and may try again (the server keeps serving).
"""

from __future__ import annotations

import io
import logging
import zipfile

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from oppositions.drawing import ExportError, file_name
from oppositions.graph_data import data_bytes, export_graph
from oppositions.pictures import IMAGE_FORMATS, PRESETS, chart_bytes
from oppositions.vocabulary import CHARTS

from . import ids
from .cite import cite_button, share_button
from .screen import Screen
from .state import ViewState, dependencies
from .video_job import VIDEOS, progress_box

__all__ = ["DOWNLOADS", "download_menu", "register"]

LOG = logging.getLogger(__name__)
DOWNLOADS = {"png": "Chart as PNG (screen, 1200×840)", "slide": "Chart as PNG for a slide (1920×1080, large text)",
             "print": "Chart as PNG for print (A4 landscape, twice as sharp)",
             "svg": "Chart as SVG", "html": "Chart as standalone HTML",
             "csv": "Network data as CSV (zip)", "graphml": "Network data as GraphML",
             "gexf": "Network data as GEXF (with years)", "json": "Network data as JSON"}
VIEW_CONTROLS = ("tab", "step", "range_on", "span", "factions", "view", "highlight", "selected", "undisputed",
                 "region")
PICTURE_NAMES = {"png": "PNG", "slide": "PNG", "print": "PNG", "svg": "SVG"}


def download_menu() -> html.Div:
    """The download menu, with Share and Cite beside it."""
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
                     html.Span(id=ids.DOWNLOAD_STATUS, className="small text-muted download-status", role="status"),
                     html.Span(id=ids.DOWNLOAD_ERROR, className="small text-danger download-error", role="alert")],
                    className="d-flex gap-1 align-items-center flex-wrap")


def _zip(files: dict[str, bytes]) -> bytes:
    """Several files in one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def register(app, screen: Screen) -> None:
    """The menu's callback: one file for the view on screen."""
    dataset = screen.dataset

    @app.callback(Output(ids.DOWNLOAD, "data"), Output(ids.DOWNLOAD_ERROR, "children"),
                  [Input(ids.download(kind), "n_clicks") for kind in DOWNLOADS],
                  *dependencies(State, *VIEW_CONTROLS),
                  running=[(Output(ids.DOWNLOAD_STATUS, "children"),
                            [dbc.Spinner(size="sm", spinner_class_name="me-1"), "Preparing the file…"], "")],
                  prevent_initial_call=True)
    def download(*args):
        """The chart on screen as PNG, SVG or HTML, or its network data, as a file; or, when the
        picture cannot be drawn, a line saying so."""
        clicks, values = args[:len(DOWNLOADS)], args[len(DOWNLOADS):]
        if not ctx.triggered_id or not any(clicks):
            raise PreventUpdate
        kind = ctx.triggered_id.removeprefix("download-")
        state = ViewState.from_controls(dataset, **dict(zip(VIEW_CONTROLS, values)))
        year, since = state.year, state.since
        if kind in IMAGE_FORMATS or kind in PRESETS:
            chart = state.tab if state.tab in CHARTS else "network"
            preset = kind if kind in PRESETS else "screen"
            width, height, density = PRESETS[preset]
            fmt = "png" if kind in PRESETS else kind
            try:
                content = chart_bytes(screen.figure(chart, state), fmt, width=width, height=height,
                                      scale=density, warm=True)  # the server's one browser, kept warm
            except (ExportError, OSError) as error:
                LOG.warning("could not draw a %s of %s: %s", fmt, chart, error)
                return no_update, (f"The {PICTURE_NAMES.get(kind, fmt.upper())} could not be drawn just now; "
                                   "please try again in a moment.")
            return dcc.send_bytes(content, file_name(chart, year, since, fmt,
                                                     "" if preset == "screen" else f"-{preset}")), ""
        files = data_bytes(export_graph(dataset, year, since, state.filters(dataset)), kind, dataset)
        stem = file_name("network", year, since, "x")[:-2]
        if len(files) == 1:
            (suffix, content), = files.items()
            return dcc.send_bytes(content, stem + suffix), ""
        return dcc.send_bytes(_zip({stem + s: c for s, c in files.items()}), stem + "-csv.zip"), ""
