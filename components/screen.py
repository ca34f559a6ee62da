"""What a reader has on screen, turned into the exporter's arguments and into figures.

A :class:`~components.state.ViewState` becomes the exporter's arguments (a year, a first year,
the builders' options); the figures drawn from it go through the shared cache
(:mod:`components.cache`), except a reader's own search, which is drawn for that reader alone.
The chart callbacks, the frames route and the downloads all draw through one :class:`Screen`,
so that what is downloaded is what is shown.
"""

from __future__ import annotations

import logging
import threading

from oppositions.dataset import Dataset
from oppositions.drawing import build_chart, chart_spec
from oppositions.span import span_of

from .cache import cached_figure
from .state import SEARCH_LABEL, ViewState

__all__ = ["Screen", "fit", "warm"]

LOG = logging.getLogger(__name__)

CUMULATIVE = ("overlap", "upset", "flows")  # a single year of these is everything up to it


def fit(figure: dict, height: int | None) -> dict:
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


class Screen:
    """The figures of one dataset as the dashboard shows them."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def since(self, chart: str, since: int | None) -> int | None:
        """The first year a chart covers: a single year of a cumulative chart is everything up to it."""
        if chart in CUMULATIVE and since is None:
            return self.dataset.years[0]
        return since

    def figure(self, chart: str, state: ViewState):
        """The figure of a chart exactly as the dashboard draws it (a plotly Figure, for export)."""
        return build_chart(self.dataset, chart, state.year, self.since(chart, state.since), state.filters(self.dataset))

    def shown(self, chart: str, state: ViewState) -> dict:
        """The same figure as :meth:`figure`, as a plain dict, through the shared cache."""
        filters, since = state.filters(self.dataset), self.since(chart, state.since)

        def build():
            return chart_spec(self.dataset, chart, state.year, since, filters)
        if filters.highlight_label == SEARCH_LABEL:  # one reader's search: not worth a place in the cache
            return build()
        return cached_figure(f"figure:{self.dataset.fingerprint}:{chart}:{state.year}:{since}:{filters!r}", build)

    def network(self, state: ViewState) -> dict:
        """The network as the dashboard shows it, fitted to the page."""
        return fit(self.shown("network", state), None)


def warm(server, dataset: Dataset) -> threading.Thread:
    """Draw the network of the year a page opens on, in the background as the server starts, so
    that the first reader finds it in the cache, with every year's statuses computed (1.4 s at
    50,000 persons) while the page and its scripts load."""
    def run():
        with server.app_context():
            try:
                Screen(dataset).network(ViewState(year=span_of(dataset).opening))
            except Exception:  # the first reader then draws it: nothing is lost
                LOG.exception("could not draw the opening network ahead")
    thread = threading.Thread(target=run, name="warm-network", daemon=True)
    thread.start()
    return thread
