"""The schema's rules in one pass per table, for folders whose every row passes them.

frictionless stays the schema's authority: the rules checked here are read from its
:class:`frictionless.Schema` (types, missing values, required, patterns, allowed values, bounds,
primary and foreign keys), and a folder in which any row breaks any of them, or that holds
anything this pass does not know (another type, a constraint, a dialect, a ragged or blank row,
a control character),
is handed back to frictionless, which validates and reports it as before. Only a folder that
passes is read here, typed as frictionless types it: at 50,000 persons in about a tenth of the
time frictionless takes to validate and then read it row by row.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Mapping

import frictionless

from .problems import CONTROL_CHARACTERS, table_text

__all__ = ["Rows", "quick_rows"]

Rows = Mapping[str, list[tuple[int, dict]]]  # table -> (row number, typed cells) per row
INTEGER = re.compile(r"[+-]?\d+")
KNOWN_CONSTRAINTS = {"required", "pattern", "enum", "minimum", "maximum"}


def quick_rows(folder: Path, package: frictionless.Package) -> Rows | None:
    """Every table's rows, typed, when every row passes every rule of the schema; None as soon
    as one does not (or when the folder holds something this pass leaves to frictionless)."""
    tables: dict[str, list[tuple[int, dict]]] = {}
    for resource in package.resources:
        rows = _table(folder, resource)
        if rows is None:
            return None
        tables[resource.name] = rows
    return tables if _keys_hold(package, tables) else None


def _table(folder: Path, resource: frictionless.Resource) -> list[tuple[int, dict]] | None:
    """One table's typed rows, or None when a cell breaks a rule."""
    if resource.dialect and resource.dialect.to_descriptor():
        return None
    text, problem = table_text(folder, resource.path)
    if problem or text is None or text.startswith("\ufeff") or CONTROL_CHARACTERS.search(text):
        return None
    schema = resource.schema
    names = [field.name for field in schema.fields]
    readers = [_reader(field, set(schema.missing_values)) for field in schema.fields]
    if any(reader is None for reader in readers):
        return None
    lines = csv.reader(io.StringIO(text, newline=""))
    if next(lines, None) != names:
        return None
    rows = []
    for number, cells in enumerate(lines, start=2):
        if len(cells) != len(names) or not any(cells):  # ragged or blank: frictionless says how
            return None
        row = {}
        for name, reader, cell in zip(names, readers, cells):
            ok, value = reader(cell)
            if not ok:
                return None
            row[name] = value
        rows.append((number, row))
    return rows


def _reader(field: frictionless.Field, missing: set[str]):
    """``cell -> (passes, typed value)`` for one field, or None for a field this pass leaves to
    frictionless."""
    constraints = field.constraints or {}
    if set(constraints) - KNOWN_CONSTRAINTS or field.type not in ("string", "list", "integer"):
        return None
    if field.type == "list" and (field.item_type or "string") != "string":
        return None
    if field.type == "string" and (field.format or "default") != "default":
        return None
    required = constraints.get("required", False)
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    allowed = set(constraints["enum"]) if "enum" in constraints else None
    low, high = constraints.get("minimum"), constraints.get("maximum")
    delimiter = getattr(field, "delimiter", ",") or ","

    if field.type == "integer":
        def read(cell: str):
            if cell in missing:
                return not required, None
            if not INTEGER.fullmatch(cell):
                return False, None
            value = int(cell)
            if (low is not None and value < low) or (high is not None and value > high):
                return False, None
            return allowed is None or value in allowed, value
    elif field.type == "list":
        def read(cell: str):
            if cell in missing:
                return not required, None
            return allowed is None, cell.split(delimiter)
    elif pattern is None and allowed is None:  # most text: any value but a missing one
        def read(cell: str):
            return (not required, None) if cell in missing else (True, cell)
    else:
        def read(cell: str):
            if cell in missing:
                return not required, None
            if pattern is not None and not pattern.fullmatch(cell):
                return False, None
            return allowed is None or cell in allowed, cell
    return read


def _keys_hold(package: frictionless.Package, tables: Mapping[str, list[tuple[int, dict]]]) -> bool:
    """Every primary key given and unique, every foreign key found in the table it names."""
    for resource in package.resources:
        schema, rows = resource.schema, tables[resource.name]
        if schema.primary_key:
            keys = [tuple(row[name] for name in schema.primary_key) for _, row in rows]
            if any(None in key for key in keys) or len(set(keys)) != len(keys):
                return False
        for foreign in schema.foreign_keys:
            target = foreign["reference"].get("resource") or resource.name
            if target not in tables:
                return False
            known = {tuple(row[name] for name in foreign["reference"]["fields"]) for _, row in tables[target]}
            for _, row in rows:
                key = tuple(row[name] for name in foreign["fields"])
                if all(v is None for v in key):
                    continue
                if None in key or key not in known:
                    return False
    return True
