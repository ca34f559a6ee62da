"""The records of a dataset, one frozen dataclass per table, and how one is read from a row that
frictionless has checked: dates become :class:`PartialDate`, list cells tuples, and a cell holding
a character XML cannot carry is a located problem.

Field names are the descriptor's column names (a test keeps them equal); ``row`` is where the
record was read, for messages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterator, Mapping

import frictionless

from .dates import DateError, PartialDate
from .problems import CONTROL_CHARACTERS, DATE_PATTERN, Problem

__all__ = ["Event", "Faction", "Fate", "Membership", "Person", "RECORD_TYPES", "Source", 
           "fate_order", "read_records"]

# The order of a repression's steps, for facts of one day or known only to the same year or month:
# an expulsion before the arrest, an arrest before the sentence, the sentence before the death.
FATE_SEQUENCE = {status: n for n, status in enumerate((
    "removed", "expelled", "recanted", "readmitted", "arrested", "sentenced", "imprisoned", "exiled", "deported",
    "released", "died_in_custody", "executed", "suicide", "killed", "died", "rehabilitated"))}


def fate_order(fate) -> tuple:
    """Where a fate stands in a life: by date, a less precise date after the precise ones it may
    hold, and within one date in the order of :data:`FATE_SEQUENCE`."""
    return fate.date.reading_key(), FATE_SEQUENCE.get(fate.status, len(FATE_SEQUENCE))


@dataclass(frozen=True, slots=True)
class Source:
    """A text a fact was read in."""

    id: str
    citation: str
    url: str | None = None
    kind: str | None = None
    seed: str | None = None
    accessed: PartialDate | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class Faction:
    """An opposition, a leadership group, or the signatories of a document."""

    id: str
    name: str
    kind: str
    formed: PartialDate
    colour: str
    description: str
    sources: tuple[str, ...]
    short_name: str | None = None
    name_ru: str | None = None
    family: str | None = None
    ended: PartialDate | None = None
    end_reason: str | None = None
    certainty: str | None = None
    note: str | None = None
    row: int = 0

    @property
    def label(self) -> str:
        """The short name for charts, or the name."""
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Person:
    """One person, under one English transliteration."""

    id: str
    name: str
    sources: tuple[str, ...]
    name_ru: str | None = None
    name_variants: tuple[str, ...] = ()
    born: PartialDate | None = None
    died: PartialDate | None = None
    death_cause: str | None = None
    rehabilitated: PartialDate | None = None
    background: str | None = None
    bio: str | None = None
    certainty: str | None = None
    note: str | None = None
    row: int = 0

    @property
    def all_names(self) -> tuple[str, ...]:
        """The name, the Cyrillic name and every variant, for search."""
        return tuple(n for n in (self.name, self.name_ru, *self.name_variants) if n)


@dataclass(frozen=True, slots=True)
class Membership:
    """A person's membership of a faction over an interval (an open end stays ``None``)."""

    person: str
    faction: str
    start: PartialDate
    role: str
    sources: tuple[str, ...]
    end: PartialDate | None = None
    certainty: str | None = None
    note: str | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class Fate:
    """One step of a person's path after opposition."""

    person: str
    date: PartialDate
    status: str
    sources: tuple[str, ...]
    description: str | None = None
    certainty: str | None = None
    note: str | None = None
    row: int = 0


@dataclass(frozen=True, slots=True)
class Event:
    """A congress, ban, declaration, expulsion, trial, execution or rehabilitation."""

    id: str
    date: PartialDate
    kind: str
    title: str
    sources: tuple[str, ...]
    end: PartialDate | None = None
    description: str | None = None
    count: int | None = None
    persons: tuple[str, ...] = ()
    factions: tuple[str, ...] = ()
    certainty: str | None = None
    note: str | None = None
    row: int = 0


RECORD_TYPES: Mapping[str, type] = MappingProxyType({
    "sources": Source,
    "factions": Faction,
    "persons": Person,
    "memberships": Membership,
    "fates": Fate,
    "events": Event,
})


SHARED_LENGTH = 60  # characters: texts this short are kept once for every record that holds them


def read_records(resource: frictionless.Resource, cls: type, problems: list, rows=None) -> Iterator:
    """Typed records of one table; cells that failed the schema (already reported) become ``None``.

    Values are typed by the descriptor (lists split on their delimiter, integers read), then
    date columns, those with the partial-date pattern, become :class:`PartialDate`. ``rows``:
    the table's rows already checked and typed (:mod:`oppositions.quick_check`, which also found
    no control character in the table); else frictionless reads them. Short texts (ids, kinds,
    dates' parts) and dates (immutable) are shared between records, not copied: a table of
    100,000 rows holds a few thousand distinct dates.
    """
    date_fields = {f.name for f in resource.schema.fields
                   if f.constraints.get("pattern") == DATE_PATTERN}
    record_fields = {f.name for f in dataclasses.fields(cls)}
    shared: dict = {}
    dates: dict[str, PartialDate] = {}
    quick = rows is not None  # the quick pass found no control character in these tables

    def record(cells: dict, failed: set, number: int):
        values = {}
        for name, value in cells.items():
            if name not in record_fields or name in failed:
                continue
            if name in date_fields and value is not None:
                try:
                    value = dates.get(value) or dates.setdefault(value, PartialDate.parse(value))
                except DateError as error:
                    problems.append(Problem(resource.path, number, name, str(error)))
                    value = None
            elif isinstance(value, list):
                value = tuple(filter(None, map(str.strip, value)))
                value = shared.setdefault(value, value)
            elif isinstance(value, str):
                value = value.strip() or None
                if value is not None and len(value) <= SHARED_LENGTH:
                    value = shared.setdefault(value, value)
            values[name] = value
        if not quick and CONTROL_CHARACTERS.search(" ".join(_texts(values.values()))):  # the cell, if any
            for name, value in values.items():
                bad = CONTROL_CHARACTERS.search(" ".join(_texts([value])))
                if bad:
                    problems.append(Problem(resource.path, number, name,
                                            f"holds the control character U+{ord(bad.group()):04X}, which "
                                            "no export format (XML, CSV) can carry: remove it"))
                    values[name] = None
        return _build(cls, values, number)

    if rows is not None:
        for number, cells in rows:
            yield record(cells, set(), number)
        return
    with resource:
        for row in resource.row_stream:
            yield record(row.to_dict(), {getattr(error, "field_name", None) for error in row.errors}, row.row_number)


def _texts(values) -> Iterator[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from value


@lru_cache(maxsize=None)
def _defaults(cls: type) -> tuple[tuple[str, object], ...]:
    """Each field of a record type and what it holds when its cell is empty or broken."""
    return tuple((f.name, f.default if f.default is not dataclasses.MISSING else (() if f.name == "sources" else None))
                 for f in dataclasses.fields(cls))


def _build(cls: type, values: dict, row: int):
    """Make a record even from a broken row, so later rules can still look at the rest."""
    kwargs = {}
    for name, default in _defaults(cls):
        value = row if name == "row" else values.get(name)
        kwargs[name] = default if value is None else value
    return cls(**kwargs)
