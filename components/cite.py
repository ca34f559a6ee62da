"""'Cite' and 'Share': the view cited in three styles, its link, and a snippet to embed it.

The address is the canonical one the operator sets (``OPPOSITIONS_BASE_URL``); without it, the
address the page was opened on. The embed snippet opens the same view in the chart-only mode
(``embed=1``), which another site may frame only if the operator lists it
(``OPPOSITIONS_FRAME_ANCESTORS``, see :mod:`components.security`).
"""

from __future__ import annotations

import re
from html import escape

import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

from oppositions.citation import CITATION_STYLES
from oppositions.dataset import Dataset
from oppositions.vocabulary import CHART_NAMES, VIEW_NAMES

from . import ids
from .state import ViewState

__all__ = ["BASE_URL", "view_description", "base_address", "embed_snippet", "cite_button", "share_button",
           "cite_box", "share_box", "copyable"]

# A host name, an IPv4 or a bracketed IPv6 address, and an optional port: nothing else of a Host
# header reaches a citation (a public server sets OPPOSITIONS_BASE_URL and never reads it).
HOST_PATTERN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                          r"|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
BASE_URL = "OPPOSITIONS_BASE_URL"  # the server's setting (and environment variable) of the canonical address
EMBED_HEIGHT = 720


def view_description(dataset: Dataset, state: ViewState) -> str:
    """What the view shows, in words: chart, years, view, factions, filters, person, story step."""
    when = f"{state.since}-{state.year}" if state.since is not None else str(state.year)
    if state.factions is None:
        shown = "all factions and groups"
    else:
        labels = [dataset.factions[f].label for f in state.factions if f in dataset.factions]
        shown = ", ".join(labels) if labels else "no faction"
    parts = [f"{CHART_NAMES.get(state.tab, state.tab)}{' (table)' if state.show == 'table' else ''}, {when}"]
    if state.tab == "network":
        parts.append(VIEW_NAMES.get(state.view, state.view))
    parts.append(shown)
    if state.undisputed:
        parts.append("only facts no source disputes")
    if state.person:
        parts.append(f"person: {dataset.persons[state.person].name}")
    if state.story:
        parts.append(f"story step {state.story}")
    return "; ".join(parts)


def base_address() -> str:
    """The canonical address of the dashboard (no trailing slash)."""
    configured = flask.current_app.config.get(BASE_URL) if flask.has_app_context() else None
    if configured:
        return str(configured).rstrip("/")
    if not flask.has_request_context():
        return ""
    host = flask.request.host
    if not HOST_PATTERN.fullmatch(host):  # the Host header is the client's: only a plain host and port is used
        return ""
    return f"{flask.request.scheme}://{host}"


def embed_snippet(dataset: Dataset, state: ViewState, address: str) -> str:
    """An iframe of the view in chart-only mode, for a course page."""
    joiner = "&" if "?" in address else "?"
    title = f"{dataset.title}: {view_description(dataset, state)}"
    return (f'<iframe src="{escape(address + joiner + "embed=1")}" title="{escape(title)}" width="100%" '
            f'height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>')


def cite_button() -> dbc.Button:
    """The button beside the download menu."""
    return dbc.Button("Cite", id=ids.CITE, size="sm", color="secondary", outline=True, n_clicks=0,
                      title="Cite this view: Chicago, APA or BibTeX")


def share_button() -> dbc.Button:
    return dbc.Button("Share", id=ids.SHARE, size="sm", color="secondary", outline=True, n_clicks=0,
                      title="Copy a link to this view, or the code to embed it in a page")


def copyable(text_id: str, label: str, monospace: bool = True, text: str | None = None) -> html.Div:
    """A labelled text with a button that copies it."""
    return html.Div([
        html.Div(label, className="small fw-semibold mb-1", id=f"{text_id}-label"),
        html.Div([html.Pre(text, id=text_id, className="small mb-0 flex-grow-1" + (" font-monospace" if monospace else ""),
                           style={"whiteSpace": "pre-wrap", "wordBreak": "break-word"},
                           **{"aria-labelledby": f"{text_id}-label"}),
                  dcc.Clipboard(target_id=text_id, title=f"Copy: {label}", className="copy-button",
                                style={"fontSize": "1.2rem"})],
                 className="d-flex gap-2 align-items-start border rounded p-2")], className="mb-3")


def cite_box() -> dbc.Modal:
    """The citation of the view in each style, each with a copy button."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle("Cite this view", id="cite-title")),
        dbc.ModalBody([
            html.P("Paste one into your notes or paper. The link reopens this view; if the data changes "
                   "later, the page will say which version the link was made with.", className="small text-muted"),
            *[copyable(ids.cite_text(style), style, monospace=style == "BibTeX") for style in CITATION_STYLES],
        ]),
    ], id=ids.CITE_BOX, is_open=False, size="lg", labelledby="cite-title")


def share_box() -> dbc.Modal:
    """The link to the view and the code to embed it."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle("Share this view", id="share-title")),
        dbc.ModalBody([
            copyable(ids.SHARE_LINK, "Link to this view"),
            copyable(ids.SHARE_EMBED, "Embed in a web page (the chart alone, with its sources and licence)"),
            html.P("A page can show the embedded chart only if this dashboard's operator allows its site "
                   "(the setting OPPOSITIONS_FRAME_ANCESTORS).", className="small text-muted mb-0"),
        ]),
    ], id=ids.SHARE_BOX, is_open=False, size="lg", labelledby="share-title")
