"""A plain summary of the loaded dataset: what it covers, in counts and a table of factions."""

from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import html

from oppositions.dataset import Dataset

__all__ = ["layout"]


def layout(dataset: Dataset) -> dbc.Container:
    """The summary page: counts per table, years covered, and every faction with its members."""
    first, last = dataset.years
    counts = dataset.counts()
    members = Counter(m.faction for m in dataset.memberships)
    return dbc.Container(
        [
            html.H1(dataset.title, className="h3 mt-3"),
            html.P(f"Dataset version {dataset.version}; facts from {first} to {last}.",
                   className="text-muted"),
            dbc.Row([_count_card(table, n) for table, n in counts.items()], className="g-2 mb-3",
                    id="summary-counts"),
            html.H2("Factions and groups", className="h5"),
            dbc.Table(
                [html.Thead(html.Tr([html.Th(h) for h in
                                     ("Faction", "Kind", "Formed", "Ended", "How it ended", "Members")]))]
                + [html.Tbody([_faction_row(f, members[f.id]) for f in
                               sorted(dataset.factions.values(), key=lambda f: f.formed.sort_key())])],
                bordered=False, striped=True, size="sm", id="summary-factions",
            ),
        ],
        fluid="lg",
    )


def _count_card(table: str, n: int) -> dbc.Col:
    """One count, such as '152 persons'."""
    return dbc.Col(dbc.Card(dbc.CardBody([html.Div(str(n), className="h4 mb-0", id=f"count-{table}"),
                                          html.Div(table, className="text-muted small")])),
                   xs=6, md=2)


def _faction_row(faction, member_count: int) -> html.Tr:
    """A faction as a table row; every cell is plain text, escaped by Dash."""
    swatch = html.Span("\u25a0 ", style={"color": faction.colour})
    return html.Tr([
        html.Td([swatch, faction.name]),
        html.Td(faction.kind),
        html.Td(faction.formed.human()),
        html.Td(faction.ended.human() if faction.ended else ""),
        html.Td(faction.end_reason or ""),
        html.Td(str(member_count)),
    ])
