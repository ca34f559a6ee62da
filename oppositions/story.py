"""The guided story: ordered steps kept as data in ``story.csv``, each one sourced.

A step sets the year, the chart, the view, the factions shown and the persons highlighted, and
tells of events of the dataset; its sources are those events' sources, so a teacher edits the
text and the settings while every claim stays tied to rows that cite what they were read in.
The file is optional; when present it is checked like every table (``data/story.schema.json``
for types and allowed values, then the rules here), and a problem names the file, row and column.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import frictionless

from .problems import Problem, problem_from_frictionless, table_text

__all__ = ["STORY_FILE", "StoryStep", "read_story"]

STORY_FILE = "story.csv"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "story.schema.json"


@dataclass(frozen=True)
class StoryStep:
    """One step of the story, as the dashboard shows it."""

    step: int
    title: str
    text: str
    year: int
    tab: str
    view: str
    factions: tuple[str, ...] | None  # None: every faction
    highlight: tuple[str, ...]
    events: tuple[str, ...]
    sources: tuple[str, ...]  # the events' sources, each once
    row: int = 0


def read_story(folder: Path, tables: dict) -> tuple[tuple[StoryStep, ...], list]:
    """The steps of ``folder/story.csv`` (none if there is no such file) and the problems found.

    ``tables`` are the dataset's checked records by table name, for the references.
    """
    path = Path(folder) / STORY_FILE
    if not os.path.lexists(path):
        return (), []
    _, problem = table_text(folder, STORY_FILE)
    if problem:
        return (), [problem]
    resource = frictionless.Resource(path=STORY_FILE, basepath=str(folder),
                                     schema=frictionless.Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text("utf-8"))))
    problems = [problem_from_frictionless(resource, error)
                for task in resource.validate(limit_errors=10_000).tasks for error in task.errors]
    if problems:
        return (), problems
    with resource:
        rows = [(row.row_number, row.to_dict()) for row in resource.row_stream]
    steps = tuple(_step(number, values, tables) for number, values in rows)
    problems = list(_story_problems(steps, tables))
    return (() if problems else steps), problems


def _step(row: int, values: dict, tables: dict) -> StoryStep:
    """A step from one checked row; its sources come from the events it names."""
    def ids(name):
        return tuple(v.strip() for v in values.get(name) or () if v and v.strip())

    events = ids("events")
    by_id = {e.id: e for e in tables["events"]}
    sources = tuple(dict.fromkeys(s for e in events if e in by_id for s in by_id[e].sources))
    return StoryStep(step=values["step"], title=values["title"].strip(), text=values["text"].strip(),
                     year=values["year"], tab=values["tab"], view=values["view"],
                     factions=ids("factions") or None, highlight=ids("highlight"), events=events,
                     sources=sources, row=row)


def _story_problems(steps, tables) -> Iterator:
    """Steps numbered 1, 2, 3... in order; years within the data; every id known; every step sourced."""
    known = {"factions": {f.id for f in tables["factions"]}, "highlight": {p.id for p in tables["persons"]},
             "events": {e.id for e in tables["events"]}}
    years = [e.date.year for e in tables["events"]] + [f.date.year for f in tables["fates"]]
    first, last = (min(years), max(years)) if years else (0, 0)
    for expected, step in enumerate(steps, 1):
        if step.step != expected:
            yield Problem(STORY_FILE, step.row, "step", f"is {step.step}; steps must be numbered 1, 2, 3... in order "
                                                        f"(expected {expected})")
        if not first <= step.year <= last:
            yield Problem(STORY_FILE, step.row, "year", f"{step.year} is outside the data ({first}-{last})")
        for column in ("factions", "highlight", "events"):
            for value in getattr(step, column) or ():
                if value not in known[column]:
                    table = {"highlight": "persons"}.get(column, column)
                    yield Problem(STORY_FILE, step.row, column, f'"{value}" is not an id in {table}.csv')
        if not step.sources:
            yield Problem(STORY_FILE, step.row, "events", "cites no event with a source; every step must be sourced")
