"""The years the dashboard tells: the network's years, and what came afterwards.

One span, declared once and read by every chart, title, slider and export: the network is drawn
from the first membership to the descriptor's ``network_end`` (1941 on the shipped data: the
murder of Trotsky in 1940 and the shootings of the autumn of 1941 close the story of the
oppositions); the years after it hold only later facts, chiefly the rehabilitations, and are
shown as "afterwards", apart from the network's years. A page opened without a link, and the
command line given no year, show the descriptor's ``opening_year`` (1921, the ban on factions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .dataset import Dataset
from .network import network_for

__all__ = ["Span", "span_of"]


@dataclass(frozen=True)
class Span:
    """The network's years (``first``-``last``) and the last year of any fact (``end``)."""

    first: int
    last: int
    end: int
    later: tuple[int, ...] = ()  # the years after ``last`` that hold a fate or an event
    opening: int | None = None  # the year a page opens on: the descriptor's ``opening_year``, else ``first``

    @property
    def steps(self) -> tuple[int, ...]:
        """The years a reader can step through: every year of the network, then each later
        year that holds a fact."""
        return tuple(range(self.first, self.last + 1)) + self.later

    @property
    def years(self) -> tuple[int, int]:
        """The network's first and last year."""
        return self.first, self.last

    @property
    def afterwards(self) -> tuple[int, int] | None:
        """The years after the network's that still hold a fact, if any."""
        return (self.last + 1, self.end) if self.end > self.last else None

    def __str__(self) -> str:
        return f"{self.first}–{self.last}"


@lru_cache(maxsize=8)
def span_of(dataset: Dataset) -> Span:
    """The span of a dataset: its declared end of the network, kept within the facts' years.

    Without a declared end the network runs to the last year a membership is drawn in.
    """
    network = network_for(dataset)
    first, end = network.years
    declared = dataset.network_end or network.membership_years[1]
    last = min(max(declared, first), end)
    later = {f.date.year for f in dataset.fates} | {e.date.year for e in dataset.events}
    opening = min(max(dataset.opening_year or first, first), last)
    return Span(first, last, end, tuple(sorted(y for y in later if last < y <= end)), opening)
