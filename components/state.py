"""The view's state, one object end to end: the controls, the address, the browser's requests.

:class:`ViewState` is what a reader has on screen (a year or a span, the factions ticked, the
view, the tab, the person or faction open, the highlighted persons, the undisputed switch, a
story step, chart or table). It is made from the controls (:meth:`ViewState.from_controls`),
from an address (:meth:`ViewState.from_query`) or from the JSON the browser sends, keyed by
field name (:meth:`ViewState.from_json`); it is written back as an address
(:meth:`ViewState.to_query`) and turned into the builders' options (:meth:`ViewState.filters`).
Its factions and highlight are sorted sets, so one view gives one set of builders' options: one
key in the figure cache (:class:`components.screen.Screen`).

Reading an address is forgiving and never raises: an unknown faction, an out-of-range or
non-numeric year or an unknown person is dropped, the rest of the link still works, and the
reader is told what was ignored. The browser's JSON is strict: anything unknown is refused.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from typing import Literal
from urllib.parse import parse_qs, urlencode

import pydantic

from oppositions.dataset import Dataset
from oppositions.drawing import Filters
from oppositions.figures.network_crowd import crowdable
from oppositions.span import span_of
from oppositions.vocabulary import SHOWN, TABS, VIEWS

from . import ids

__all__ = ["CONTROLS", "SEARCH_LABEL", "ViewState", "chosen_factions", "dependencies", "region_of"]

MAX_VALUE_LENGTH = 2000
SEARCH_LABEL = "search results"  # the legend's name for the persons a search highlights

CONTROLS = {  # ViewState.from_controls's arguments: the component and property each is read from
    "step": (ids.YEAR, "value"),               # the slider's step, as it moves
    "settled": (ids.YEAR_SETTLED, "data"),     # the step once the hand rests (the lists below the chart)
    "range_on": (ids.RANGE_ON, "value"),
    "span": (ids.RANGE, "value"),
    "factions": (ids.FACTIONS, "value"),
    "view": (ids.VIEW, "value"),
    "tab": (ids.TABS, "active_tab"),
    "selected": (ids.SELECTED, "data"),
    "highlight": (ids.HIGHLIGHT, "data"),
    "undisputed": (ids.UNDISPUTED, "value"),
    "story": (ids.STORY_STEP, "data"),
    "show": (ids.SHOW, "value"),
    "region": (ids.REGION, "data"),            # the part of a crowded network zoomed into
}


def dependencies(kind, *names: str) -> list:
    """The Dash dependencies (``Input`` or ``State``) of the named controls, in that order."""
    return [kind(*CONTROLS[name]) for name in names]


@dataclass(frozen=True)
class ViewState:
    """Everything a view is: what a link reproduces, and what the browser asks the server to draw."""

    year: int
    since: int | None = None          # a range of years: since..year
    factions: tuple[str, ...] | None = None  # sorted; None: all factions
    view: Literal[VIEWS] = "bipartite"
    tab: Literal[TABS] = "network"
    person: str | None = None
    faction: str | None = None
    undisputed: bool = False          # only the facts no source disputes
    story: int | None = None          # a step of the guided story (1-based)
    show: Literal[SHOWN] = "chart"    # the chart, or its data as a table
    embed: bool = False               # the chart alone, for a page that frames it
    highlight: tuple[str, ...] = ()   # sorted: persons a search or the story marks (not in the address)
    region: tuple[float, float, float, float] | None = None  # x0, x1, y0, y1 in layout px: a zoom

    __pydantic_config__ = pydantic.ConfigDict(extra="forbid", strict=True)

    # -- from the controls, to the builders -------------------------------------------------

    @classmethod
    def from_controls(cls, dataset: Dataset, *, step=None, settled=None, range_on=False, span=None,
                      factions=None, view=None, tab=None, selected=None, highlight=None, undisputed=False,
                      story=None, show=None, region=None) -> ViewState:
        """The state of the controls as Dash passes them (slider steps, lists, a selection dict);
        anything a control cannot hold falls back to its default."""
        steps = span_of(dataset).steps

        def year_at(index) -> int:
            index = index if isinstance(index, int) and not isinstance(index, bool) else 0
            return steps[min(max(index, 0), len(steps) - 1)]

        if range_on and isinstance(span, list) and len(span) == 2:
            since, year = year_at(span[0]), year_at(span[1])
        else:
            since, year = None, year_at(settled if step is None else step)
        selected = selected if isinstance(selected, dict) else {}
        kind, chosen = selected.get("kind"), selected.get("id")
        return cls(year=year, since=since, factions=chosen_factions(dataset, factions),
                   view=view if view in VIEWS else "bipartite", tab=tab if tab in TABS else "network",
                   person=chosen if kind == "person" and chosen in dataset.persons else None,
                   faction=chosen if kind == "faction" and chosen in dataset.factions else None,
                   undisputed=bool(undisputed), story=story if isinstance(story, int) and story > 0 else None,
                   show=show if show in SHOWN else "chart", region=region_of(region),
                   highlight=tuple(sorted({p for p in highlight or () if isinstance(p, str) and p in dataset.persons})))

    def filters(self, dataset: Dataset) -> Filters:
        """The builders' options for this view: what the charts and the exports draw."""
        crowded = crowdable(dataset)  # else a zoom or an opened faction changes nothing drawn
        return Filters(factions=self.factions, view=self.view, highlight=self.highlight,
                       highlight_label=self.highlight_label(dataset), selected=self.person,
                       undisputed=self.undisputed, region=self.region if crowded else None,
                       faction=self.faction if crowded else None)

    def highlight_label(self, dataset: Dataset) -> str:
        """Where the highlighted persons come from, for the legend: a story step (its persons and
        year) or a search."""
        if not self.highlight:
            return "highlighted"
        for number, step in enumerate(dataset.story, start=1):
            if set(step.highlight) == set(self.highlight) and step.year == self.year:
                return f"named in story step {number}"
        return SEARCH_LABEL

    # -- the browser's JSON ---------------------------------------------------------------------

    def to_json(self) -> dict:
        """The JSON form, keyed by field name, as the browser sends it back."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data, dataset: Dataset) -> ViewState:
        """A state the browser sent (a dict keyed by field name, or its JSON text), checked
        strictly: a wrong type, an unknown field, year, faction or person raises ValueError."""
        text = data if isinstance(data, (str, bytes)) else json.dumps(data)
        try:
            state = _ADAPTER.validate_json(text)
        except pydantic.ValidationError as error:
            raise ValueError(f"not a view: {error.errors()[0]['msg']}") from None
        steps = span_of(dataset).steps
        for name, table, asked in (("faction", dataset.factions, state.factions or ()),
                                   ("person", dataset.persons, state.highlight)):
            if any(x not in table for x in asked) or len(set(asked)) < len(asked):
                raise ValueError(f"unknown or repeated {name}")
        if (state.faction is not None and state.faction not in dataset.factions) or (
                state.person is not None and state.person not in dataset.persons):
            raise ValueError("unknown person or faction")
        if state.region is not None and region_of(list(state.region)) != state.region:
            raise ValueError("not a region")
        if state.year not in steps or (state.since is not None and (state.since not in steps or state.since > state.year)):
            raise ValueError("no such year")
        return replace(state, factions=chosen_factions(dataset, state.factions), highlight=tuple(sorted(state.highlight)))

    # -- the address ----------------------------------------------------------------------------

    @classmethod
    def from_query(cls, query: str, dataset: Dataset) -> tuple[ViewState, list[str]]:
        """The state an address's query string asks for, and a note for everything ignored."""
        span = span_of(dataset)
        state, notes = cls(year=span.opening), []
        params = {k: v[-1][:MAX_VALUE_LENGTH] for k, v in
                  parse_qs((query or "").lstrip("?")[:20000], keep_blank_values=True).items()}

        def year_of(name):
            if name not in params:
                return None
            try:
                value = int(params[name])
            except ValueError:
                notes.append(f"'{params[name][:40]}' is not a year; showing {state.year}.")
                return None
            if not span.first <= value <= span.end:
                notes.append(f"{value} is outside the data ({span.first}-{span.end}).")
                value = min(max(value, span.first), span.end)
            if value not in span.steps:
                shown = next((y for y in span.steps if y > value), span.steps[-1])
                notes.append(f"No fact in this dataset is dated {value}; showing {shown}, the next year that has one.")
                return shown
            return value

        if "story" in params:
            state = _story_state(state, params["story"], dataset, notes)
        year = year_of("year")
        if year is not None:
            state = replace(state, year=year)
        since = year_of("from")
        if since is not None and since < state.year:
            state = replace(state, since=since)
        if "factions" in params:
            asked = [f for f in params["factions"].split(",") if f]
            known = tuple(sorted({f for f in asked if f in dataset.factions}))
            if len(known) < len(set(asked)):
                notes.append(f"Unknown factions ignored: {', '.join(f[:40] for f in asked if f not in dataset.factions)[:200]}.")
            state = replace(state, factions=known)
        for name, allowed in (("view", VIEWS), ("tab", TABS), ("show", SHOWN)):
            if name in params:
                if params[name] in allowed:
                    state = replace(state, **{name: params[name]})
                else:
                    notes.append(f"Unknown {name} '{params[name][:40]}' ignored.")
        if "region" in params:
            try:
                region = region_of([float(v) for v in params["region"].split(",")])
            except ValueError:
                region = None
            if region is None:
                notes.append(f"'{params['region'][:40]}' is not a part of the network (x0,x1,y0,y1); showing all of it.")
            state = replace(state, region=region)
        if params.get("undisputed") in ("1", "true", "yes"):
            state = replace(state, undisputed=True)
        if params.get("embed") in ("1", "true", "yes"):
            state = replace(state, embed=True)
        version = params.get("v")
        if version is not None and version != dataset.fingerprint:
            notes.append(f"This link was made with data version {version[:20]}; the data has changed since "
                         f"(now {dataset.fingerprint}), so the view may differ from the one cited.")
        for name, table in (("person", dataset.persons), ("faction", dataset.factions)):
            if name in params:
                if params[name] in table:
                    state = replace(state, **{name: params[name]})
                else:
                    notes.append(f"No {name} with the id '{params[name][:40]}'.")
        return state, notes

    def to_query(self, version: str | None = None) -> str:
        """The query string (defaults left out, so links stay short), with the data ``version``
        (the dataset's fingerprint) when given, so that a cited link can tell if the data changed
        since. The highlight is not written: a story step sets its own, a search is the reader's."""
        params = {"year": self.year}
        if self.since is not None:
            params["from"] = self.since
        if self.factions is not None:
            params["factions"] = ",".join(self.factions)
        for name, default in (("view", "bipartite"), ("tab", "network"), ("show", "chart")):
            if getattr(self, name) != default:
                params[name] = getattr(self, name)
        if self.person:
            params["person"] = self.person
        elif self.faction:
            params["faction"] = self.faction
        if self.region is not None:
            params["region"] = ",".join(f"{v:g}" for v in self.region)
        if self.undisputed:
            params["undisputed"] = 1
        if self.story is not None:
            params["story"] = self.story
        if self.embed:
            params["embed"] = 1
        if version:
            params["v"] = version
        return "?" + urlencode(params, safe=",")

    def story_highlight(self, dataset: Dataset) -> tuple[str, ...]:
        """The persons the state's story step highlights (none outside the story)."""
        return dataset.story[self.story - 1].highlight if self.story else ()


_ADAPTER = pydantic.TypeAdapter(ViewState)


def _story_state(state: ViewState, asked: str, dataset: Dataset, notes: list) -> ViewState:
    """The state a step of the story sets (year, chart, view, factions); other parameters of the
    address still apply after it."""
    try:
        number = int(asked)
    except ValueError:
        number = 0
    if not 1 <= number <= len(dataset.story):
        notes.append(f"The story has no step '{asked[:20]}'." if dataset.story else "This data has no story.")
        return state
    step = dataset.story[number - 1]
    return replace(state, story=number, year=step.year, tab=step.tab, view=step.view,
                   factions=chosen_factions(dataset, step.factions))


def region_of(value) -> tuple[float, float, float, float] | None:
    """A zoom as the browser or an address gives it (x0, x1, y0, y1), or None when it is not
    four finite numbers, each pair increasing."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        return None
    x0, x1, y0, y1 = (float(v) for v in value)
    return (x0, x1, y0, y1) if x0 < x1 and y0 < y1 else None


def chosen_factions(dataset: Dataset, factions) -> tuple[str, ...] | None:
    """The factions ticked in the controls, sorted (one cache key for one choice), or None when
    every faction is ticked."""
    if factions is None or set(factions) >= set(dataset.factions):
        return None
    return tuple(sorted(f for f in set(factions) if f in dataset.factions))
