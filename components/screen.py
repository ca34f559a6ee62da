"""What a reader has on screen, turned into the exporter's arguments and into figures.

The controls (the slider's step or span, the factions ticked, the view, the highlight, the
selection, the undisputed switch) become a year, a first year and :class:`Filters`; the figures
drawn from them go through the shared cache (:mod:`components.cache`), except a reader's own
search, which is drawn for that reader alone. The chart callbacks, the frames route and the
downloads all draw through one :class:`Screen`, so that what is downloaded is what is shown.
"""

from __future__ import annotations

from oppositions.dataset import Dataset
from oppositions.drawing import Filters, build_chart, chart_spec

from .cache import cached_figure
from .state import chosen_factions

__all__ = ["SEARCH_LABEL", "Screen", "fit"]

SEARCH_LABEL = "search results"
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
    """The figures of one dataset as the dashboard shows them, for the slider's ``scale``."""

    def __init__(self, dataset: Dataset, scale):
        self.dataset = dataset
        self.scale = scale

    def request(self, step, range_on, span, factions, view=None, highlight=None, selected=None,
                undisputed=False) -> tuple[int, int | None, Filters]:
        """What is on screen, as the exporter's arguments: (year, since, filters)."""
        if range_on and span:
            since, year = self.scale.year(span[0]), self.scale.year(span[1])
        else:
            since, year = None, self.scale.year(step)
        person = selected.get("id") if isinstance(selected, dict) and selected.get("kind") == "person" else None
        marked = tuple(sorted(set(highlight or ())))
        filters = Filters(factions=chosen_factions(self.dataset, factions), view=view or "bipartite",
                          highlight=marked, highlight_label=self.highlight_label(marked, year),
                          selected=person, undisputed=bool(undisputed))
        return year, since, filters

    def highlight_label(self, highlight: tuple, year: int) -> str:
        """Where the highlighted persons come from, for the legend: a story step (its persons and
        year) or a search."""
        if not highlight:
            return "highlighted"
        for number, step in enumerate(self.dataset.story, start=1):
            if set(step.highlight) == set(highlight) and step.year == year:
                return f"named in story step {number}"
        return SEARCH_LABEL

    def since(self, chart: str, since: int | None) -> int | None:
        """The first year a chart covers: a single year of a cumulative chart is everything up to it."""
        if chart in CUMULATIVE and since is None:
            return self.dataset.years[0]
        return since

    def figure(self, chart: str, year: int, since: int | None, filters: Filters):
        """The figure of a chart exactly as the dashboard draws it (a plotly Figure, for export)."""
        return build_chart(self.dataset, chart, year, self.since(chart, since), filters)

    def shown(self, chart: str, year: int, since: int | None, filters: Filters) -> dict:
        """The same figure as :meth:`figure`, as a plain dict, through the shared cache."""
        def build():
            return chart_spec(self.dataset, chart, year, self.since(chart, since), filters)
        if filters.highlight_label == SEARCH_LABEL:  # one reader's search: not worth a place in the cache
            return build()
        return cached_figure(f"figure:{self.dataset.fingerprint}:{chart}:{year}:{since}:{filters!r}", build)

    def network(self, step, range_on, span, factions, view, highlight, selected, undisputed) -> dict:
        """The network as the dashboard shows it, fitted to the page."""
        return fit(self.shown("network", *self.request(step, range_on, span, factions, view, highlight, selected,
                                                       undisputed)), None)
