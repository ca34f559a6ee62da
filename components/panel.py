"""The side panel for a person or a faction, and the "this year" list of events."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.changes import CHANGE_KINDS, CHANGE_LABELS, changes_in, summary_line
from oppositions.csv_tables import changes_csv
from oppositions.dataset import Dataset
from oppositions.figures import person_path_figure
from oppositions.sourcing import ordered_ids
from oppositions.status import DEATH_CAUSES
from oppositions.vocabulary import DOUBTFUL

from . import ids
from .sources import markdown_sources, markdown_text, source_link, source_list
from .state import ViewState, dependencies

__all__ = ["detail_panel", "this_year_card", "register"]



def detail_panel() -> dbc.Offcanvas:
    """The side panel, opened by a click or a search result."""
    return dbc.Offcanvas(html.Div(id=ids.PANEL_BODY), id=ids.PANEL, placement="end",
                         is_open=False, scrollable=True, style={"width": "min(480px, 100vw)"},
                         title=html.Span("Details", id="detail-panel-title"), labelledby="detail-panel-title")


def this_year_card() -> dbc.Card:
    """The changes and the events of the chosen year."""
    return dbc.Card(dbc.CardBody([html.Div([
        html.Span("This year", className="fw-semibold"),
        dbc.Button("Download the year's changes (CSV)", id=ids.CHANGES_CSV, size="sm", color="link", n_clicks=0,
                   className="py-0", title="Every change of the year the network draws, with its sources"),
        dcc.Download(id=ids.CHANGES_DOWNLOAD)], className="d-flex gap-2 align-items-baseline mb-1"),
                                  html.Div(id=ids.CHANGES, className="small mb-2"),
                                  html.Div(id=ids.THIS_YEAR, className="small")]), className="mb-2 this-year-card")


LIST_LIMIT = 150  # names or events per list: more stays readable in the exports, not in a side panel


def changes_list(dataset: Dataset, year: int, factions) -> list:
    """The changes of ``year``: the computed line, then one fold per kind listing names, dates,
    what happened and numbered links to the sources (Markdown: a long list stays one component)."""
    drawn = _drawn(dataset, year, factions)
    changes = [c for c in changes_in(dataset, year, factions) if c.person in drawn]
    folds = []
    for kind in CHANGE_KINDS:
        found = [c for c in changes if c.kind == kind]
        if not found:
            continue
        lines = [f"- **{markdown_text(dataset.persons[c.person].name)}**, {markdown_text(c.date.human())}: "
                 f"{markdown_text(c.what)}" + (f" *({c.certainty}{': ' + markdown_text(c.note) if c.note else ''})*"
                                                 if c.certainty in DOUBTFUL else "")
                 + f" — {markdown_sources(dataset, c.sources, named=True)}" for c in found[:LIST_LIMIT]]
        folds.append(html.Details([html.Summary(f"{CHANGE_LABELS[kind]} ({len(found)})"),
                                   dcc.Markdown(_capped(lines, len(found)), link_target="_blank", className="ps-2")],
                                  id=f"changes-{kind}", open=True))
    return [html.Div(summary_line(changes, year, dataset), className="mb-1", id="changes-line"), *folds]


def events_markdown(dataset: Dataset, events) -> str:
    """Events as one Markdown list (one component, however many): date, title, doubt with its
    note, numbered links to the sources."""
    lines = [f"- **{markdown_text(e.date.human())}** {markdown_text(e.title)}"
             + (f" *({e.certainty}: {markdown_text(e.note or 'no note')})*"
                if e.certainty in DOUBTFUL else "")
             + f" — {markdown_sources(dataset, e.sources, named=True)}" for e in events[:LIST_LIMIT]]
    return _capped(lines, len(events))


def _capped(lines: list[str], total: int) -> str:
    """Markdown list lines, with a last line saying how many more there are past the limit."""
    more = total - len(lines)
    return "\n".join(lines + ([f"- *… and {more} more: the data export (CSV, GraphML, GEXF) has them all.*"]
                               if more > 0 else []))


def _drawn(dataset: Dataset, year: int, factions) -> set[str]:
    """The persons the network draws in ``year``: members then or before, of the chosen groups."""
    return {m.person for m in dataset.memberships
            if m.start.year <= year and (factions is None or m.faction in factions)}


def _fit_panel(figure) -> dict:
    """A figure drawn for export, fitted to the width of the panel."""
    data = figure.to_plotly_json()
    data["layout"] = {**data["layout"], "autosize": True}
    data["layout"].pop("width", None)
    return data


def _certainty(record) -> list:
    """A badge and the note for a row the data marks uncertain or disputed."""
    if record.certainty in DOUBTFUL:
        return [dbc.Badge(record.certainty, color="warning", className="ms-1 text-dark"),
                html.Div(record.note, className="text-muted fst-italic")]
    return []


def person_body(dataset: Dataset, person_id: str) -> list:
    """Name and variants, dates, background, memberships, fate step by step, sources: every
    membership and fate with its own numbered sources, its certainty and its note."""
    p = dataset.persons[person_id]
    life = f"{p.born.human() if p.born else '?'} – {p.died.human() if p.died else '?'}"
    death = f"; {DEATH_CAUSES.get(p.death_cause, p.death_cause)}" if p.death_cause else ""
    memberships = dataset.memberships_of(person_id)
    fates = dataset.fates_of(person_id)
    numbers = _numbered(dataset, list(p.sources) + [s for m in memberships for s in m.sources]
                        + [s for f in fates for s in f.sources])
    return [
        html.H2(p.name, className="h4 mb-0", id="panel-name"),
        html.Div(p.name_ru or "", className="text-muted"),
        html.Div(f"Also spelled: {', '.join(p.name_variants)}", className="small text-muted")
        if p.name_variants else None,
        html.P([life + death, _references(dataset, p.sources, numbers)], className="mb-1"),
        html.P(p.background, className="mb-1 fst-italic") if p.background else None,
        html.P(p.bio) if p.bio else None,
        html.Div(_certainty(p)),
        html.H3("Path through the years", className="h6 mt-3"),
        dcc.Graph(figure=_fit_panel(person_path_figure(dataset, person_id)), id="person-path",
                  config={"displayModeBar": False, "responsive": True}, style={"height": "360px"}),
        html.H3("Memberships", className="h6 mt-3"),
        html.Ul(_membership_items(dataset, memberships, numbers), id="panel-memberships") if memberships
        else html.P("No membership recorded.", className="text-muted"),
        html.H3("Fate, step by step", className="h6 mt-3"),
        html.Ol([html.Li([html.Span(f.date.human(), className="fw-semibold"), f" — {f.description or f.status}",
                          _references(dataset, f.sources, numbers), *_certainty(f)]) for f in fates], id="panel-fate")
        if fates else html.P("No fate recorded.", className="text-muted"),
        html.P(f"Rehabilitated: {p.rehabilitated.human()}") if p.rehabilitated else None,
        html.H3("Sources", className="h6 mt-3"),
        html.Ol([html.Li(source_link(dataset, s)) for s in numbers], className="small mb-0", id="panel-sources"),
    ]


def _membership_items(dataset: Dataset, memberships, numbers: dict[str, int]) -> list:
    """One item per faction: its one spell, or, where the sources give several (other dates, other
    roles), each spell under the faction's name with its own sources and doubt."""
    by_faction: dict[str, list] = {}
    for m in memberships:
        by_faction.setdefault(m.faction, []).append(m)
    items = []
    for faction, spells in by_faction.items():
        name = html.Span(dataset.factions[faction].name, className="fw-semibold")
        if len(spells) == 1:
            items.append(html.Li([name, f": {_spell(spells[0])}", _references(dataset, spells[0].sources, numbers),
                                  *_certainty(spells[0])]))
        else:
            items.append(html.Li([name, f": {len(spells)} spells in the sources", html.Ul([
                html.Li([_spell(m), _references(dataset, m.sources, numbers), *_certainty(m)]) for m in spells])]))
    return items


def _spell(m) -> str:
    """A membership's years as a reader says them: a signature on one day is "signed" that day."""
    if m.end and m.end == m.start:
        return f"signed {m.start.human()}" if m.role == "signatory" else f"{m.start.human()} ({m.role})"
    return f"{m.start.human()} – {m.end.human() if m.end else '…'} ({m.role})"


def _numbered(dataset: Dataset, source_ids) -> dict[str, int]:
    """Each source once, numbered best kind first (in the order the panel first cites them within
    a kind), so that the panel's list of sources opens with its strongest."""
    return {s: n for n, s in enumerate(ordered_ids(dataset.sources, source_ids), 1)}


def _references(dataset: Dataset, source_ids, numbers: dict[str, int]):
    """A fact's own sources as their numbers in the panel's list, each a link to the page read
    (its citation on hover)."""
    marks = []
    for source_id in dict.fromkeys(source_ids):
        source, label = dataset.sources.get(source_id), f"[{numbers[source_id]}]"
        citation = source.citation if source else source_id
        if source and source.url and source.url.lower().startswith(("http://", "https://")):
            marks.append(html.A(label, href=source.url, target="_blank", rel="noopener noreferrer", title=citation,
                                **{"aria-label": f"source {numbers[source_id]}: {citation}"}))
        else:
            marks.append(html.Span(label, title=citation))
    return html.Sup(marks, className="ms-1 panel-refs") if marks else None


def faction_body(dataset: Dataset, faction_id: str) -> list:
    """What the faction was, when, how it ended, its members and sources."""
    f = dataset.factions[faction_id]
    members = sorted({m.person for m in dataset.memberships if m.faction == faction_id},
                     key=lambda p: dataset.persons[p].name.split()[-1])
    ended = f"{f.ended.human()} ({f.end_reason})" if f.ended else "outlived the period"
    return [
        html.H2(f.name, className="h4 mb-0", id="panel-name"),
        html.Div(f.name_ru or "", className="text-muted"),
        html.P(f"{f.kind}; formed {f.formed.human()}; ended {ended}", className="mb-1"),
        html.P(f.description),
        html.Div(_certainty(f)),
        html.H3(f"Members ({len(members)})", className="h6 mt-3"),
        html.Ul([html.Li(dataset.persons[p].name) for p in members], className="small"),
        html.H3("Sources", className="h6 mt-3"),
        source_list(dataset, f.sources),
    ]


def register(app, dataset: Dataset) -> None:
    """Open the panel for the selected person or faction; list the chosen year's events."""

    @app.callback(Output(ids.PANEL_BODY, "children"), Output(ids.PANEL, "is_open"),
                  Input(ids.SELECTED, "data"))
    def show(selected):
        """The panel follows the selection (from a click, a search result or the address)."""
        if not selected:
            return [], False
        kind, record_id = selected.get("kind"), selected.get("id")
        if kind == "person" and record_id in dataset.persons:
            return person_body(dataset, record_id), True
        if kind == "faction" and record_id in dataset.factions:
            return faction_body(dataset, record_id), True
        return [], False

    def year_of(settled, factions, undisputed) -> ViewState:
        return ViewState.from_controls(dataset, settled=settled, factions=factions, undisputed=undisputed)

    @app.callback(Output(ids.CHANGES, "children"), *dependencies(Input, "settled", "factions", "undisputed"))
    def year_changes(*values):
        """The year's changes as on the network: a count line, then the names by kind, with sources."""
        state = year_of(*values)
        return changes_list(state.filters(dataset).data_of(dataset), state.year, state.factions)

    @app.callback(Output(ids.CHANGES_DOWNLOAD, "data"), Input(ids.CHANGES_CSV, "n_clicks"),
                  *dependencies(State, "settled", "factions", "undisputed"), prevent_initial_call=True)
    def changes_file(clicks, *values):
        """The year's changes as listed, one click away: a CSV with every source's citation."""
        if not clicks:
            raise PreventUpdate
        state = year_of(*values)
        year, chosen = state.year, state.factions
        data = state.filters(dataset).data_of(dataset)
        content = changes_csv(data, year, chosen, persons=_drawn(data, year, chosen))
        return dcc.send_bytes(content, f"changes-{year}-{dataset.fingerprint}.csv")

    @app.callback(Output(ids.THIS_YEAR, "children"), *dependencies(Input, "settled", "undisputed"))
    def this_year(settled, undisputed):
        """The events dated in the chosen year, with their sources."""
        state = ViewState.from_controls(dataset, settled=settled, undisputed=undisputed)
        year = state.year
        events = sorted((e for e in state.filters(dataset).data_of(dataset).events if e.date.year == year or
                         (e.end and e.date.year <= year <= e.end.year)),
                        key=lambda e: e.date.sort_key())
        if not events:
            return html.P(f"No event recorded for {year}.", className="text-muted mb-0")
        return dcc.Markdown(events_markdown(dataset, events), link_target="_blank", id="this-year-list")
