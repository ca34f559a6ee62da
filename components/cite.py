"""'Cite this view': a ready citation of the data version and of what is on screen."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from oppositions.dataset import Dataset

from . import ids
from .state import ViewState

__all__ = ["citation_text", "cite_button", "cite_box"]

CHART_NAMES = {"network": "network", "timeline": "timeline", "overlap": "overlap of factions",
               "flows": "flows into fates", "fates": "fates by faction"}
VIEW_NAMES = {"bipartite": "persons and factions", "persons": "persons linked by shared factions",
              "factions": "factions linked by shared members"}


def citation_text(dataset: Dataset, state: ViewState, address: str, accessed: date) -> str:
    """A citation a student can paste: title, version (and content hash), what the view shows,
    the address, the date of access."""
    when = f"{state.since}-{state.year}" if state.since is not None else str(state.year)
    if state.factions is None:
        shown = "all factions and groups"
    else:
        labels = [dataset.factions[f].label for f in state.factions if f in dataset.factions]
        shown = ", ".join(labels) if labels else "no faction"
    parts = [f"{CHART_NAMES.get(state.tab, state.tab)}, {when}"]
    if state.tab == "network":
        parts.append(VIEW_NAMES.get(state.view, state.view))
    parts.append(shown)
    if state.undisputed:
        parts.append("only facts no source disputes")
    if state.person:
        parts.append(f"person: {dataset.persons[state.person].name}")
    if state.story:
        parts.append(f"story step {state.story}")
    return (f"{dataset.title}. Dataset version {dataset.version} (content {dataset.fingerprint}). "
            f"View: {'; '.join(parts)}. {address} (accessed {accessed.day} {accessed:%B %Y}).")


def cite_button() -> dbc.Button:
    """The button beside the download menu."""
    return dbc.Button("Cite this view", id=ids.CITE, size="sm", color="secondary", outline=True,
                      n_clicks=0, className="me-2")


def cite_box() -> dbc.Modal:
    """The citation, with a copy button."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle("Cite this view")),
        dbc.ModalBody([
            html.P("Paste this into your notes or paper. The link reopens this view; if the data "
                   "changes later, the page will say so.", className="small text-muted"),
            html.Div([html.Pre(id=ids.CITE_TEXT, className="small mb-0", style={"whiteSpace": "pre-wrap"}),
                      dcc.Clipboard(target_id=ids.CITE_TEXT, title="Copy", style={"fontSize": "1.2rem"})],
                     className="d-flex gap-2 align-items-start"),
        ]),
    ], id=ids.CITE_BOX, is_open=False, size="lg")
