"""The page's state in its address: ``?year=1927&factions=left-opposition,united-opposition``.

Parsing is forgiving and never raises: an unknown faction, an out-of-range or non-numeric year
or an unknown person is dropped, the rest of the link still works, and the reader is told what
was ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from oppositions.dataset import Dataset
from oppositions.figures.network_chart import VIEWS
from oppositions.span import span_of

__all__ = ["SHOWN", "TABS", "ViewState", "chosen_factions", "default_state", "parse_query", "story_highlight", "to_query"]

TABS = ("network", "timeline", "overlap", "flows", "fates")
SHOWN = ("chart", "table")
MAX_VALUE_LENGTH = 2000


@dataclass(frozen=True)
class ViewState:
    """Everything a link has to reproduce."""

    year: int
    since: int | None = None          # a range of years: since..year
    factions: tuple[str, ...] | None = None  # None: all factions
    view: str = "bipartite"
    tab: str = "network"
    person: str | None = None
    faction: str | None = None
    undisputed: bool = False          # only the facts no source disputes
    story: int | None = None          # a step of the guided story (1-based)
    show: str = "chart"               # the chart, or its data as a table
    embed: bool = False               # the chart alone, for a page that frames it


def default_state(years: tuple[int, int]) -> ViewState:
    """The state of a page opened without a query: 1921, the year of the ban on factions."""
    return ViewState(year=min(max(1921, years[0]), years[1]))


def parse_query(query: str, dataset: Dataset, years: tuple[int, int]) -> tuple[ViewState, list[str]]:
    """The state a query string asks for, and a note for everything that had to be ignored."""
    state, notes = default_state(years), []
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
        if not years[0] <= value <= years[1]:
            notes.append(f"{value} is outside the data ({years[0]}-{years[1]}).")
            return min(max(value, years[0]), years[1])
        steps = span_of(dataset).steps
        if value not in steps:
            shown = next((y for y in steps if y > value), steps[-1])
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
        known = tuple(f for f in asked if f in dataset.factions)
        if len(known) < len(asked):
            notes.append(f"Unknown factions ignored: {', '.join(f[:40] for f in asked if f not in dataset.factions)[:200]}.")
        state = replace(state, factions=known)
    for name, allowed in (("view", VIEWS), ("tab", TABS), ("show", SHOWN)):
        if name in params:
            if params[name] in allowed:
                state = replace(state, **{name: params[name]})
            else:
                notes.append(f"Unknown {name} '{params[name][:40]}' ignored.")
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
    return replace(state, story=number, year=step.year, tab=step.tab, view=step.view, factions=step.factions)


def chosen_factions(dataset: Dataset, factions) -> tuple[str, ...] | None:
    """The factions ticked in the controls, sorted (one cache key for one choice), or None when
    every faction is ticked."""
    if factions is None or set(factions) >= set(dataset.factions):
        return None
    return tuple(sorted(f for f in set(factions) if f in dataset.factions))


def story_highlight(state: ViewState, dataset: Dataset) -> tuple[str, ...]:
    """The persons the state's story step highlights (none outside the story)."""
    return dataset.story[state.story - 1].highlight if state.story else ()


def to_query(state: ViewState, version: str | None = None) -> str:
    """The query string of a state (defaults left out, so links stay short), with the data
    ``version`` (the dataset's fingerprint) when given, so that a cited link can tell if the
    data changed since."""
    params = {"year": state.year}
    if state.since is not None:
        params["from"] = state.since
    if state.factions is not None:
        params["factions"] = ",".join(state.factions)
    if state.view != "bipartite":
        params["view"] = state.view
    if state.tab != "network":
        params["tab"] = state.tab
    if state.show != "chart":
        params["show"] = state.show
    if state.person:
        params["person"] = state.person
    elif state.faction:
        params["faction"] = state.faction
    if state.undisputed:
        params["undisputed"] = 1
    if state.story is not None:
        params["story"] = state.story
    if state.embed:
        params["embed"] = 1
    if version:
        params["v"] = version
    return "?" + urlencode(params, safe=",")
