"""What can be wrong in a data folder, said so that a historian can act on it.

A :class:`Problem` names the file, the row (counted as in a spreadsheet: the header is row 1)
and the column; :class:`DatasetError` carries all of a folder's problems. Frictionless's errors
are translated here, and a table file that cannot be read at all (missing, a folder or a pipe
in its place, a link that leads nowhere, no permission, not UTF-8, line endings of carriage
returns only) is one located problem, never a traceback.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import frictionless

__all__ = ["CONTROL_CHARACTERS", "DATE_PATTERN", "DatasetError", "Problem", "file_problems", "problem_from_frictionless", "table_text"]

# The tables without which there is no network to draw (fates and events may be empty).
NEEDS_ROWS = frozenset({"sources.csv", "factions.csv", "persons.csv", "memberships.csv"})
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
# Characters XML 1.0 cannot hold (GEXF and GraphML are XML): C0 controls other than tab, line
# feed and carriage return, and the non-characters U+FFFE and U+FFFF. A cell holding one is an error.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (an error) or worth a look (a warning) in a data folder.

    ``row`` counts as a spreadsheet does: the header is row 1, the first data row is row 2.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        where = ", ".join(place)
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """Raised by :func:`load_dataset` when a folder has errors; ``problems`` lists them all."""

    def __init__(self, folder: Path, problems: Iterable[Problem]):
        self.folder = Path(folder)
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in {self.folder}")

    def report(self) -> str:
        """All problems, one per line, for a person to read."""
        return "\n".join(str(problem) for problem in self.problems)


def problem_from_frictionless(resource: frictionless.Resource, error) -> Problem:
    """Turn one frictionless error into a :class:`Problem` a historian can act on."""
    file = resource.path
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    kind = error.type
    if kind == "constraint-error":
        message = constraint_message(resource.schema.get_field(column), cell, error.note)
    elif kind == "type-error":
        field_type = resource.schema.get_field(column).type
        message = f'"{cell}" is not {"an" if field_type[0] in "aeiou" else "a"} {field_type}'
    elif kind == "foreign-key":
        column = ", ".join(error.field_names)
        values = ", ".join(f'"{c}"' for c in error.field_cells)
        message = f"{values} is not an id in {error.reference_name}.csv"
    elif kind == "primary-key":
        column = ", ".join(resource.schema.primary_key)
        values = getattr(error, "cells", None) or []
        fields = resource.schema.field_names
        key = ", ".join(str(values[fields.index(k)]) for k in resource.schema.primary_key
                        if values and fields.index(k) < len(values))
        message = f"duplicate {'id' if column == 'id' else 'key'} ({key}): {error.note}"
    elif kind in ("extra-cell", "missing-cell", "blank-row"):
        column = None  # one message per row, not one per cell
        message = {"extra-cell": "the row has more cells than the header",
                   "missing-cell": "the row has fewer cells than the header",
                   "blank-row": "the row is empty"}[kind]
    else:
        message = error.message
    return Problem(file, row, column, message)


def constraint_message(schema_field, cell, note: str) -> str:
    """A readable message for a failed constraint (required, enum, pattern, minimum)."""
    constraints = schema_field.constraints
    if cell in (None, "") or note.startswith('constraint "required"'):
        return "is empty, but a value is required"
    if "enum" in note:
        return f'"{cell}" is not one of: {", ".join(constraints["enum"])}'
    if "pattern" in note:
        pattern = constraints.get("pattern")
        if pattern == DATE_PATTERN:
            return f'"{cell}" is not a date like 1921, 1921-03 or 1921-03-16'
        if pattern.startswith("https?"):
            return f'"{cell}" is not an http:// or https:// address'
        if pattern.startswith("#"):
            return f'"{cell}" is not a colour like #1f77b4'
        if pattern.startswith("[a-z0-9]"):
            return f'"{cell}" is not an id of lowercase letters, digits and hyphens'
        return f'"{cell}" does not match the pattern {pattern}'
    return f'"{cell}": {note}'


def table_text(folder: Path, name: str) -> tuple[str | None, Problem | None]:
    """The text of ``folder/name``, or the one problem that stops it being read."""
    path = Path(folder) / name
    try:
        if not path.exists():
            return None, Problem(name, None, None, "is a link that leads nowhere (to itself or to a missing file)"
                                 if os.path.islink(path)
                                 else "file is missing")
        if not path.is_file():
            return None, Problem(name, None, None, "is not a regular file (a folder, pipe or device is in its "
                                                   "place); put the CSV table there")
        raw = path.read_bytes()
    except (RuntimeError, OSError) as error:  # a symlink loop, no permission, a read error
        reason = getattr(error, "strerror", None) or str(error)
        return None, Problem(name, None, None, f"cannot be read ({reason})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(name, line, None, f"is not UTF-8 text (byte {error.start}); save the file as UTF-8")
    if "\r" in text and "\n" not in text:
        return None, Problem(name, None, None, "its lines end in carriage returns only (an old Mac format); "
                                               "save it with Windows or Unix line endings")
    return text, None


def file_problems(folder: Path, descriptor: dict) -> Iterator[Problem]:
    """Problems that stop reading altogether: a missing folder or file, bad encoding, bad header."""
    if not folder.is_dir():
        yield Problem(str(folder), None, None, "is not a folder")
        return
    for resource in descriptor["resources"]:
        text, problem = table_text(folder, resource["path"])
        if problem:
            yield problem
            continue
        expected = [f["name"] for f in resource["schema"]["fields"]]
        if not text.strip("\ufeff \r\n\t"):
            yield Problem(resource["path"], None, None,
                          f"file is empty; it needs at least the header row: {','.join(expected)}")
            continue
        try:
            header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
        except csv.Error as error:
            yield Problem(resource["path"], 1, None, f"the header row cannot be read as CSV ({error})")
            continue
        if resource["path"] in NEEDS_ROWS and not text.lstrip("\ufeff").strip("\r\n").count("\n"):
            yield Problem(resource["path"], None, None, "has a header but no rows; the dashboard needs at least "
                                                        f"one row in each of {', '.join(sorted(NEEDS_ROWS))}")
        for name in expected:
            if name not in header:
                yield Problem(resource["path"], 1, name, "column is missing from the header")
        for name in header:
            if name not in expected:
                yield Problem(resource["path"], 1, name or "(blank)",
                              f"unknown column; expected only: {', '.join(expected)}")
        counts = Counter(header)
        for name, n in counts.items():
            if n > 1 and name in expected:
                yield Problem(resource["path"], 1, name, "column appears more than once")
