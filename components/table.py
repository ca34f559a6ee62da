"""Chart | Table: every chart's data as a grid a reader can sort, filter and download.

The rows come from :mod:`oppositions.tables` (the same rows the command line writes), for the
tab on screen and the same controls as its chart; the grid is dash-ag-grid's, so sorting,
filtering, column resizing and keyboard navigation are AG Grid's own. A row of a person opens
their panel, by click or by the keyboard (Enter or Space on the focused row). The CSV holds
exactly the rows shown, in the order shown.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from oppositions.dataset import Dataset
from oppositions.drawing import file_name
from oppositions.tables import TABLE_CHARTS, Table, table_csv, table_of

from . import ids
from .state import ViewState, dependencies

__all__ = ["SHOW_OPTIONS", "show_switch", "table_box", "register"]

SHOW_OPTIONS = ("chart", "table")
ROW = "_row"  # each row's index in its table (as text, AG Grid's row id): the order a reader kept
WIDE = {"sources": 420, "names": 380, "detail": 320, "path": 320, "factions": 240, "earlier": 220}


def show_switch(show: str) -> html.Div:
    """Chart | Table, as two radio buttons on the tabs' row."""
    return html.Div(dbc.RadioItems(
        id=ids.SHOW, value=show, inline=True, className="btn-group btn-group-sm",
        inputClassName="btn-check", labelClassName="btn btn-outline-secondary btn-sm",
        labelCheckedClassName="active",
        options=[{"label": "Chart", "value": "chart"}, {"label": "Table", "value": "table"}]),
        className="radio-group", role="group", **{"aria-label": "Show the chart or its data as a table"})


def table_box(show: str) -> html.Div:
    """The table of the chart on screen: what its rows count, a filter, the CSV, the grid."""
    return html.Div([
        html.Div([
            html.P(id=ids.TABLE_TITLE, className="small mb-0 w-100", **{"aria-live": "polite"}),
            html.Label([html.Span("Filter the table's rows", className="visually-hidden"),
                        dbc.Input(id=ids.TABLE_FILTER, type="search", size="sm", placeholder="Filter the rows…",
                                  debounce=False, className="table-filter")], className="mb-0"),
            dbc.Button("Download these rows (CSV)", id=ids.TABLE_CSV, size="sm", color="secondary",
                       outline=True, n_clicks=0, title="The rows as shown: filtered and sorted, with their citations"),
            dcc.Download(id=ids.TABLE_DOWNLOAD)], className="d-flex gap-2 align-items-center flex-wrap my-1"),
        dag.AgGrid(id=ids.TABLE, rowData=[], columnDefs=[], className="ag-theme-quartz table-grid",
                   getRowId=f"params.data.{ROW}",
                   defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True,
                                  "minWidth": 90, "wrapText": True, "autoHeight": True,
                                  "cellStyle": {"lineHeight": "1.35", "paddingTop": "4px", "paddingBottom": "4px"}},
                   dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                     "enableClickSelection": True},
                                    "enableCellTextSelection": True, "ensureDomOrder": True,
                                    "animateRows": False, "tooltipShowDelay": 300},
                   style={"height": "max(420px, calc(100vh - 170px))", "width": "100%"}),
    ], id=ids.TABLE_BOX, className="table-box", hidden=show != "table")


def column_defs(table: Table) -> list[dict]:
    """AG Grid's columns for a table: numbers right-aligned with a number filter, long text wide."""
    defs = []
    for column in table.columns:
        spec = {"field": column.field, "headerName": column.header, "hide": column.hidden}
        if column.field == "name":
            spec["pinned"] = "left"  # the person stays in sight while the reader scrolls sideways
        if column.numeric:
            spec.update(type="numericColumn", filter="agNumberColumnFilter", width=130, wrapText=False)
        else:
            spec.update(filter="agTextColumnFilter", width=WIDE.get(column.field, 170))
        defs.append(spec)
    return defs


def register(app, dataset: Dataset) -> None:
    """The table's rows for the tab and controls on screen, its CSV, and a row opening a person."""
    app.clientside_callback(ClientsideFunction("oppositions", "showTable"),
                            Output(ids.TABLE_BOX, "hidden"), Output(ids.CHART_AREA, "className"),
                            Input(ids.SHOW, "value"), State(ids.CHART_AREA, "className"))
    app.clientside_callback("function (text, options) { return Object.assign({}, options, {quickFilterText: text || ''}); }",
                            Output(ids.TABLE, "dashGridOptions"), Input(ids.TABLE_FILTER, "value"),
                            State(ids.TABLE, "dashGridOptions"), prevent_initial_call=True)

    names = ("tab", "settled", "range_on", "span", "factions", "undisputed")
    view = dependencies(Input, *names)

    def table_on_screen(*values) -> tuple[str, Table, int, int | None]:
        state = ViewState.from_controls(dataset, **dict(zip(names, values)))
        chart = state.tab if state.tab in TABLE_CHARTS else "network"
        return chart, table_of(dataset, chart, state.year, state.since, state.filters(dataset)), state.year, state.since

    @app.callback(Output(ids.TABLE, "rowData"), Output(ids.TABLE, "columnDefs"), Output(ids.TABLE_TITLE, "children"),
                  Input(ids.SHOW, "value"), *view)
    def rows(show, *controls):
        """The rows of the tab's chart, computed only while the table is shown."""
        if show != "table":
            raise PreventUpdate
        chart, table, year, since = table_on_screen(*controls)
        hint = (" Sort by a header, filter under it or in the box"
                + ("; select a row (click it, or Space) to open the person." if any(c.field == "id" for c in table.columns)
                   else "."))
        return ([{**row, ROW: str(i)} for i, row in enumerate(table.rows)], column_defs(table),
                [html.Strong(table.title + "."), html.Span(hint, className="text-muted")])

    @app.callback(Output(ids.TABLE_DOWNLOAD, "data"), Input(ids.TABLE_CSV, "n_clicks"),
                  State(ids.TABLE, "virtualRowData"), *[State(c.component_id, c.component_property) for c in view],
                  prevent_initial_call=True)
    def download(clicks, shown, *controls):
        """The rows shown, in their order: only their indices come from the browser."""
        if not clicks:
            raise PreventUpdate
        chart, table, year, since = table_on_screen(*controls)
        order = [int(r[ROW]) for r in shown or [] if isinstance(r, dict) and isinstance(r.get(ROW), str)
                 and r[ROW].isascii() and r[ROW].isdigit() and len(r[ROW]) < 9 and int(r[ROW]) < len(table.rows)]
        if shown is None:
            order = None
        return dcc.send_bytes(table_csv(table, order), file_name(f"{chart}-table", year, since, "csv"))

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True), Input(ids.TABLE, "selectedRows"),
                  prevent_initial_call=True)
    def opened(selected):
        """A selected row of a person opens their panel."""
        person = (selected or [{}])[0].get("id") if isinstance(selected, list) and selected else None
        if not isinstance(person, str) or person not in dataset.persons:
            raise PreventUpdate
        return {"kind": "person", "id": person}
