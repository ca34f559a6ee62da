"""Write charts (PNG, SVG, standalone HTML, an animated HTML of all years) and network data
(CSV, GraphML, GEXF with time intervals, node-link JSON): the exporters in one place.

What to draw is :mod:`oppositions.drawing`; pictures :mod:`oppositions.pictures`; data formats
:mod:`oppositions.graph_data`; files written whole or not at all :mod:`oppositions.files`.
"""

from __future__ import annotations

from .drawing import ExportError, Filters, build_chart, chart_spec, file_name
from .files import atomic_path, write_atomic
from .graph_data import DATA_FORMATS, data_bytes, export_graph
from .pictures import IMAGE_FORMATS, PRESETS, animated_network, chart_bytes, image_server
from .vocabulary import CHARTS

__all__ = [
    "CHARTS", "DATA_FORMATS", "IMAGE_FORMATS", "PRESETS", "ExportError", "Filters", "animated_network",
    "build_chart", "chart_bytes", "chart_spec", "data_bytes", "export_graph", "file_name", "image_server",
    "atomic_path", "write_atomic",
]
