"""Charts as pictures and pages: PNG and SVG through kaleido driving Debian's Chromium (a batch
shares one warm browser, :func:`image_server`; a server keeps its own, :mod:`oppositions.renderer`),
standalone HTML, and the animated HTML of all years.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from pathlib import Path
from typing import Iterable, Iterator

import plotly.graph_objects as go
import plotly.io as pio

from .dataset import Dataset
from .drawing import ExportError, Filters, build_chart
from .figures.network_chart import names_at, plot_scale

__all__ = ["IMAGE_FORMATS", "PRESETS", "animated_network", "chart_bytes", "fitted", "image_server"]

IMAGE_FORMATS = ("png", "svg", "html")
DEFAULT_BROWSER = "/usr/bin/chromium"
_KALEIDO_LOCK = threading.Lock()
PRESETS = {  # name -> (width, height, scale): the picture's layout size and how much it is enlarged
    "screen": (1200, 840, 1.0),
    "slide": (1280, 720, 1.5),  # 1920 x 1080 px with text half as large again, for a classroom
    "print": (1123, 794, 2.0),  # A4 landscape at 96 dpi, twice as sharp
}


def fitted(figure: go.Figure, width: int | None, height: int | None) -> go.Figure:
    """The network with the names that fit a picture of that size (more names when larger);
    any other chart as it is."""
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    if "extent" not in meta:
        return figure
    width, height = width or figure.layout.width or 1200, height or figure.layout.height or 800
    spec = figure.to_plotly_json()
    return go.Figure(names_at(spec, plot_scale(spec["layout"], width, height)), _validate=False)


def chart_bytes(figure: go.Figure, fmt: str, *, width: int | None = None,
                height: int | None = None, scale: float = 1.0, plotlyjs: str = "inline",
                warm: bool = False) -> bytes:
    """A figure as PNG, SVG or standalone HTML bytes; ``warm``: through the browser this
    process keeps open (:mod:`oppositions.renderer`, a server's downloads), not a new one."""
    figure = fitted(figure, width, height)
    if fmt == "html":
        include = True if plotlyjs == "inline" else "cdn"
        html = figure.to_html(full_html=True, include_plotlyjs=include, auto_play=False,
                              config={"displaylogo": False, "responsive": True},
                              default_width=f"{width or figure.layout.width or 1200}px",
                              default_height=f"{height or figure.layout.height or 800}px")
        return html.encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ExportError(f"unknown image format {fmt!r}; choose from {', '.join(IMAGE_FORMATS)}")
    _point_kaleido_at_system_chromium()
    width, height = width or figure.layout.width or 1200, height or figure.layout.height or 800
    if warm:
        from .renderer import WARM, RenderError

        try:
            return WARM.render(figure.to_dict(), {"format": fmt, "width": width, "height": height, "scale": scale})
        except RenderError as problem:
            raise ExportError(f"could not draw the {fmt.upper()}: {problem}; try again") from None
    with _KALEIDO_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale)


def _point_kaleido_at_system_chromium() -> None:
    """kaleido finds Debian's browser through BROWSER_PATH; no browser is ever downloaded."""
    if not os.environ.get("BROWSER_PATH") and Path(DEFAULT_BROWSER).exists():
        os.environ["BROWSER_PATH"] = DEFAULT_BROWSER


@contextlib.contextmanager
def image_server() -> Iterator[None]:
    """One warm browser for a batch of PNG and SVG exports, closed at the end."""
    import kaleido

    _point_kaleido_at_system_chromium()
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def animated_network(dataset: Dataset, years: Iterable[int], filters: Filters = Filters()) -> go.Figure:
    """One figure whose frames are the network of every year, with a slider and a play button."""
    years = list(years)
    if not years:
        raise ExportError("no year to animate")
    figures = [build_chart(dataset, "network", y, filters=filters) for y in years]
    base = go.Figure(figures[0])
    base.frames = [go.Frame(data=f.data, name=str(y),  # each year's title, count line and caption
                            layout={"title": f.layout.title, "annotations": f.layout.annotations})
                   for y, f in zip(years, figures)]
    step = {"frame": {"duration": 900, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    base.update_layout(
        updatemenus=[{"type": "buttons", "x": 0, "y": -0.07, "xanchor": "left", "yanchor": "top",
                      "direction": "left", "buttons": [
                          {"label": "▶ Play", "method": "animate", "args": [None, {**step, "fromcurrent": True}]},
                          {"label": "❚❚ Pause", "method": "animate",
                           "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]}]}],
        sliders=[{"active": 0, "x": 0.2, "len": 0.78, "y": -0.05, "yanchor": "top",
                  "currentvalue": {"prefix": "Year: ", "xanchor": "right", "font": {"size": 16}},
                  "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], step]} for y in years]}],
        margin={"b": 170})  # the controls below the caption, the year label clear of the buttons
    return base
