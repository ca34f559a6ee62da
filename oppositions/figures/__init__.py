"""Pure Plotly figure builders: ``(dataset, year or years, filters) -> go.Figure``.

They never import Dash, so the dashboard and the command-line exporter draw the same charts.
"""

from .fates import fates_figure
from .flows import flows_figure
from .network_chart import network_figure
from .overlap import overlap_heatmap, overlap_upset
from .person import person_path_figure
from .timeline import timeline_figure

__all__ = ["fates_figure", "flows_figure", "network_figure", "overlap_heatmap", "overlap_upset",
           "person_path_figure", "timeline_figure"]
