"""What one network chart draws: the year's graph, who is drawn, and where, in one object.

:class:`Scene` is made once per chart by :func:`scene_of` and handed to every builder of
:mod:`network_marks` and :mod:`network_names`, so that none of them takes a long list of
positional arguments and all of them agree on who is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping

import networkx as nx

from ..changes import Change, changes_in
from ..dataset import Dataset
from ..labels import SCALES
from ..layout import REFERENCE, stable_layout
from ..network import faction_node, network_for, node_id
from ..room import faction_marker_size
from ..status import statuses_by_year

__all__ = ["Scene", "scene_of", "SMALLEST_SCALE", "WEBGL_THRESHOLD"]

WEBGL_THRESHOLD = 3000  # persons in the dataset: past this the marks are WebGL in every year
SMALLEST_SCALE = 0.9  # of the reference plot: the smallest plot names are placed for, unzoomed


@dataclass(frozen=True)
class Scene:
    """The network of ``year`` (or ``first``..``year``) as one chart draws it."""

    dataset: Dataset
    year: int
    first: int
    view: str
    graph: nx.Graph  # the memberships active in the span, with the filters applied
    positions: Mapping[str, tuple[float, float]]
    current: frozenset[str]  # persons with a membership in the span
    former: frozenset[str]  # earlier members of the drawn factions, drawn faded
    factions: tuple[str, ...]  # factions with members in the span, in the order they formed
    ended_factions: tuple[str, ...]  # drawn factions with no members left, drawn faded
    highlight: frozenset[str] = frozenset()
    highlight_label: str = "highlighted"
    selected: str | None = None
    keep_factions: frozenset[str] | None = None
    many: bool = False  # past WEBGL_THRESHOLD persons: WebGL marks and brief hovers
    statuses: Mapping = field(default_factory=dict, repr=False)
    # Narrowed to what the plot can hold (:mod:`network_crowd`): the scene before it, the part
    # zoomed into (x0, x1, y0, y1), how many persons are not drawn one by one, the faction opened.
    whole: Scene | None = field(default=None, repr=False)
    region: tuple[float, float, float, float] | None = None
    crowded: int = 0
    opened: str | None = None  # the faction whose members are drawn
    fit: float = 1.0  # the scale at which what is drawn fits the reference plot (below 1: an opened crowd's faction)

    @cached_property
    def drawn(self) -> frozenset[str]:
        """Every person drawn: current and former members."""
        return self.current | self.former

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        """The year's changes of the persons drawn (none in the factions view)."""
        if self.view == "factions":
            return ()
        drawn = self.drawn
        return tuple(c for c in changes_in(self.dataset, self.year, self.keep_factions) if c.person in drawn)

    @cached_property
    def reference_scale(self) -> float:
        """Screen px per layout px in the reference plot: 1, or more when zoomed into a region."""
        if self.region is None:
            return 1.0
        x0, x1, y0, y1 = self.region
        return max(1.0, min(REFERENCE[0] / (x1 - x0), REFERENCE[1] / (y1 - y0)))

    @cached_property
    def label_scales(self) -> tuple[float, ...]:
        """The plot scales at which names are placed: from a little under the reference plot up
        (a plot a few px narrower than the layout's still names its persons; ``fit`` of that when
        what is drawn is larger), or from half of it, zoomed into a region, whose plot in the
        page may be smaller."""
        if self.region is None:
            return tuple(self.fit * s for s in (SMALLEST_SCALE,) + SCALES)
        return tuple(self.reference_scale * s for s in (0.5, 0.75) + SCALES)

    def status(self, person: str) -> str:
        """The person's status at the end of the year."""
        return self.statuses[person].get(self.year, "active")

    def at(self, node: str) -> tuple[float, float]:
        """A node's position, in reference pixels."""
        return self.positions[node]

    def faction_size(self, faction: str) -> float:
        """The faction's square this year, in px."""
        node = faction_node(faction)
        return faction_marker_size(self.graph.degree(node) if node in self.graph else 0)

    def faction_room(self, faction: str) -> float:
        """The largest square the faction has in the whole period, in px: its name sits above it."""
        return faction_marker_size(network_for(self.dataset).members_ever.get(faction, 0))



def scene_of(dataset: Dataset, year: int, *, factions: Iterable[str] | None = None,
             persons: Iterable[str] | None = None, highlight: Iterable[str] = (),
             highlight_label: str = "highlighted", selected: str | None = None,
             view: str = "bipartite", show_former: bool = True, since: int | None = None) -> Scene:
    """The scene for the network chart's arguments (see :func:`network_chart.network_spec`)."""
    network = network_for(dataset)
    positions = stable_layout(dataset)
    first = year if since is None else min(since, year)
    graph = network.graph_between(first, year, factions, persons)
    keep_factions = frozenset(factions) if factions is not None else None
    keep_persons = set(persons) if persons is not None else None
    current = frozenset(node_id(n)[1] for n, k in graph.nodes(data="kind") if k == "person")
    former = frozenset(
        e.membership.person for e in network.edges
        if e.last_year < first
        and (keep_factions is None or e.membership.faction in keep_factions)
        and (keep_persons is None or e.membership.person in keep_persons)) - current if show_former else frozenset()
    shown = sorted((node_id(n)[1] for n, k in graph.nodes(data="kind") if k == "faction"),
                   key=lambda f: (dataset.factions[f].formed.sort_key(), f))
    ended = sorted((f for f, faction in dataset.factions.items()
                    if faction.formed.year <= year and f not in shown and faction_node(f) in positions
                    and (keep_factions is None or f in keep_factions)),
                   key=lambda f: (dataset.factions[f].formed.sort_key(), f)) if show_former and view == "bipartite" else []
    drawn = current | former
    return Scene(dataset=dataset, year=year, first=first, view=view, graph=graph, positions=positions,
                 current=current, former=former, factions=tuple(shown), ended_factions=tuple(ended),
                 highlight=frozenset(highlight) & drawn, highlight_label=highlight_label,
                 selected=selected if selected in drawn else None, keep_factions=keep_factions,
                 many=len(dataset.persons) > WEBGL_THRESHOLD, statuses=statuses_by_year(dataset))
