"""Every CSV the project writes, safe to open in a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``); as OWASP
advises, such a text cell is written with a leading apostrophe, which spreadsheets show as text
and hide. Numbers stay numbers.

Examples
--------
>>> safe_cell("=1+1"), safe_cell("-5 votes"), safe_cell("Trotsky"), safe_cell(-5)
("'=1+1", "'-5 votes", 'Trotsky', -5)
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

import networkx as nx

from .changes import CHANGE_LABELS, changes_in
from .dataset import Dataset
from .sourcing import citations

__all__ = ["FORMULA_STARTS", "safe_cell", "csv_bytes", "cited_sources", "changes_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHANGE_COLUMNS = ("year", "person", "name", "change", "date", "date_as_read", "what", "faction", "certainty",
                  "note", "sources", "citations")


def safe_cell(value):
    """A cell's value with any text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[dict], columns: Iterable[str] = ()) -> bytes:
    """Rows as UTF-8 CSV with a header of ``columns`` and every other key met, every cell
    spreadsheet-safe."""
    rows = list(rows)
    columns = list(dict.fromkeys([*columns, *(k for row in rows for k in row)]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[safe_cell(c) for c in columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows({safe_cell(k): safe_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8")


def cited_sources(dataset: Dataset, graph: nx.Graph) -> bytes:
    """sources.csv of the sources a graph's nodes and edges cite: id, citation, kind, address."""
    records = [d for _, d in graph.nodes(data=True)] + [d for _, _, d in graph.edges(data=True)]
    ids = dict.fromkeys(s for d in records for s in d.get("sources", "").split(";") if s)
    rows = []
    for source_id in ids:
        source = dataset.sources.get(source_id)
        rows.append({"id": source_id, "citation": source.citation if source else "",
                     "kind": (source.kind or "") if source else "", "url": (source.url or "") if source else ""})
    return csv_bytes(rows)


def changes_csv(dataset: Dataset, year: int, factions: Iterable[str] | None = None,
                persons: Iterable[str] | None = None) -> bytes:
    """The year's changes as the This-year panel lists them: one row per person and kind, with
    the date, what happened, the doubt and its note, and the sources as ids and citations.

    ``persons`` keeps only those persons (the ones the network draws)."""
    kept = None if persons is None else set(persons)
    rows = [{"year": year, "person": c.person, "name": dataset.persons[c.person].name,
             "change": CHANGE_LABELS[c.kind], "date": str(c.date), "date_as_read": c.date.human(),
             "what": c.what, "faction": c.faction or "", "certainty": c.certainty or "certain",
             "note": c.note or "", "sources": ";".join(c.sources), "citations": citations(dataset.sources, c.sources)}
            for c in changes_in(dataset, year, factions) if kept is None or c.person in kept]
    return csv_bytes(rows, CHANGE_COLUMNS)
