"""Oppositions in the Russian Communist Party, 1919-1941: the domain logic.

Modules import one way: :mod:`dates` -> :mod:`dataset` -> network -> figures and exporters.
Nothing in this package imports Dash, so the command line and the dashboard share it.
"""

__version__ = "0.1.0"
