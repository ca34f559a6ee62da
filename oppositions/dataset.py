"""Load a data folder into an immutable, typed :class:`Dataset`, or report every problem in it.

The Frictionless Data Package descriptor shipped in ``data/datapackage.json`` is the one place
where tables, columns, types, allowed values and keys are declared. This module hands the
schema checks (types, enums, patterns, primary and foreign keys) to frictionless-py and adds
the historical rules on top: cited sources exist, an end is not before its start, nobody joins
a faction after their death, an uncertain fact says why.

Every problem is located as ``file, row N, column: what is wrong``; rows are counted as in a
spreadsheet, the header being row 1.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> dataset = load_dataset()                      # doctest: +SKIP
>>> dataset.persons["shlyapnikov"].died           # doctest: +SKIP
PartialDate(year=1937, month=9, day=2)
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

import frictionless

from .dates import DateError, PartialDate
from .story import read_story
from .problems import DATE_PATTERN, DatasetError, Problem, problem_from_frictionless, table_text

__all__ = [
    "DEFAULT_DATA_DIR",
    "DESCRIPTOR_PATH",
    "Dataset",
    "DatasetError",
    "Event",
    "Faction",
    "Fate",
    "Membership",
    "Person",
    "Problem",
    "Source",
    "ValidationReport",
    "check_folder",
    "load_dataset",
]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR_PATH = DEFAULT_DATA_DIR / "datapackage.json"
UNCERTAIN = ("uncertain", "disputed")
ERROR_LIMIT = 1000  # schema errors in one table past which the check stops
# The tables without which there is no network to draw (fates and events may be empty).
NEEDS_ROWS = frozenset({"sources.csv", "factions.csv", "persons.csv", "memberships.csv"})
# Fate statuses that may fall after a person's death.
POSTHUMOUS_STATUSES = frozenset({"rehabilitated", "readmitted"})
# The order of a repression's steps, for facts of one day or known only to the same year or month:
# an expulsion before the arrest, an arrest before the sentence, the sentence before the death.
FATE_SEQUENCE = {status: n for n, status in enumerate((
    "removed", "expelled", "recanted", "readmitted", "arrested", "sentenced", "imprisoned", "exiled", "deported",
    "released", "died_in_custody", "executed", "suicide", "killed", "died", "rehabilitated"))}


def fate_order(fate) -> tuple:
    """Where a fate stands in a life: by date, a less precise date after the precise ones it may
    hold, and within one date in the order of :data:`FATE_SEQUENCE`."""
    return fate.date.reading_key(), FATE_SEQUENCE.get(fate.status, len(FATE_SEQUENCE))


# ---------------------------------------------------------------------------------------------
# Records. Field names are the descriptor's column names (a test keeps them equal); ``row`` is
# where the record was read, for messages.


@dataclass(frozen=True)
class Source:
    """A text a fact was read in."""

    id: str
    citation: str
    url: str | None = None
    seed: str | None = None
    accessed: PartialDate | None = None
    row: int = 0


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True, eq=False)
class Dataset:
    """An immutable, validated data folder: look-ups by id and tuples of facts."""

    folder: Path
    title: str
    version: str
    sources: Mapping[str, Source]
    factions: Mapping[str, Faction]
    persons: Mapping[str, Person]
    memberships: tuple[Membership, ...]
    fates: tuple[Fate, ...]
    events: tuple[Event, ...]
    warnings: tuple[Problem, ...] = ()
    fingerprint: str = ""  # a short hash of the tables' bytes: the data's exact version
    whole: Dataset | None = None  # for a subset (see :attr:`undisputed`): the dataset it came from
    story: tuple = ()  # the guided story's steps (:class:`~oppositions.story.StoryStep`), if any
    network_end: int | None = None  # the descriptor's last year of the network (see oppositions.span)
    metadata: Mapping = field(default_factory=dict, compare=False, hash=False)  # the descriptor's fields but its tables

    def counts(self) -> dict[str, int]:
        """Rows per table, in the descriptor's order."""
        return {name: len(getattr(self, name)) for name in RECORD_TYPES}

    @cached_property
    def years(self) -> tuple[int, int]:
        """The first and last year that any membership, fate or event touches."""
        years = [m.start.year for m in self.memberships]
        years += [m.end.year for m in self.memberships if m.end]
        years += [f.date.year for f in self.fates] + [e.date.year for e in self.events]
        return (min(years), max(years)) if years else (0, 0)

    @cached_property
    def _fates_by_person(self) -> Mapping[str, tuple[Fate, ...]]:
        return _group_sorted(self.fates, fate_order)

    @cached_property
    def _memberships_by_person(self) -> Mapping[str, tuple[Membership, ...]]:
        return _group_sorted(self.memberships, lambda m: m.start.sort_key())

    @cached_property
    def undisputed(self) -> Dataset:
        """The same data without the memberships, fates and events that sources dispute.

        Persons and factions stay (a disputed row is a claim about them, not their existence);
        :attr:`whole` points back here, so charts keep the whole dataset's layout.
        """
        if self.whole is not None:
            return self
        return dataclasses.replace(
            self, memberships=tuple(m for m in self.memberships if m.certainty != "disputed"),
            fates=tuple(f for f in self.fates if f.certainty != "disputed"),
            events=tuple(e for e in self.events if e.certainty != "disputed"),
            fingerprint=f"{self.fingerprint}-undisputed", whole=self)

    def disputed_counts(self) -> dict[str, int]:
        """How many memberships, fates and events sources dispute (what :attr:`undisputed` hides)."""
        base = self.whole or self
        return {name: sum(1 for r in getattr(base, name) if r.certainty == "disputed")
                for name in ("memberships", "fates", "events")}

    def fates_of(self, person_id: str) -> tuple[Fate, ...]:
        """A person's fate steps in date order (from an index built on first use)."""
        return self._fates_by_person.get(person_id, ())

    def memberships_of(self, person_id: str) -> tuple[Membership, ...]:
        """A person's memberships in date order (from an index built on first use)."""
        return self._memberships_by_person.get(person_id, ())


def _group_sorted(records, key) -> Mapping[str, tuple]:
    """Records grouped by their ``person``, each group sorted by ``key`` (stable)."""
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(record.person, []).append(record)
    return MappingProxyType({p: tuple(sorted(rs, key=key)) for p, rs in groups.items()})


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`check_folder` found: errors, warnings, and the dataset when there are no errors."""

    folder: Path
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    dataset: Dataset | None

    @property
    def ok(self) -> bool:
        """True when the folder has no errors (warnings are allowed)."""
        return not self.errors

    def summary(self) -> str:
        """One line: rows per table and warnings, or the count of errors."""
        if not self.ok:
            stopped = " at least (the check stopped early)" if self.errors[0].message.startswith("the check stopped") else ""
            return f"{len(self.errors)} error(s){stopped} in {self.folder}"
        counts = ", ".join(f"{n} {table}" for table, n in self.dataset.counts().items())
        line = f"valid: {counts}"
        if self.warnings:
            kinds = Counter(w.message.split(":")[0] for w in self.warnings)
            line += "; warnings: " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        return line


# ---------------------------------------------------------------------------------------------
# Loading


def load_dataset(folder: str | Path | None = None) -> Dataset:
    """Load and validate a data folder; raise :class:`DatasetError` listing every error.

    Parameters
    ----------
    folder : str or Path, optional
        A folder holding the six CSV tables; defaults to the shipped ``data/``.

    Returns
    -------
    Dataset
    """
    report = check_folder(folder)
    if not report.ok:
        raise DatasetError(report.folder, report.errors)
    return report.dataset


def check_folder(folder: str | Path | None = None) -> ValidationReport:
    """Validate a data folder against the shipped descriptor and the historical rules.

    Never raises for bad data: every problem comes back located in the report.
    """
    folder = Path(folder) if folder is not None else DEFAULT_DATA_DIR
    descriptor = _read_descriptor()
    problems = list(_check_files(folder, descriptor))
    if problems:
        return ValidationReport(folder, tuple(problems), (), None)
    package = frictionless.Package(descriptor, basepath=str(folder))
    problems += _schema_problems(package)
    if len(problems) >= ERROR_LIMIT:  # a folder this broken: say so in seconds, not in an hour
        stop = Problem(str(folder), None, None, f"the check stopped after {ERROR_LIMIT:,} errors in one table; "
                                                "fix these and run it again")
        return ValidationReport(folder, (stop,) + tuple(_unique(problems)), (), None)
    tables = {name: list(_read_records(package.get_resource(name), cls, problems))
              for name, cls in RECORD_TYPES.items()}
    problems += _historical_problems(tables)
    story, story_problems = read_story(folder, tables)
    problems += story_problems
    errors = tuple(_unique(p for p in problems if p.severity == "error"))
    warnings = tuple(_unique(p for p in problems if p.severity == "warning"))
    warnings += tuple(_coverage_warnings(tables))
    if errors:
        return ValidationReport(folder, errors, warnings, None)
    dataset = Dataset(
        folder=folder,
        title=descriptor.get("title", ""),
        version=descriptor.get("version", ""),
        sources=_by_id(tables["sources"]),
        factions=_by_id(tables["factions"]),
        persons=_by_id(tables["persons"]),
        memberships=tuple(tables["memberships"]),
        fates=tuple(tables["fates"]),
        events=tuple(tables["events"]),
        warnings=warnings,
        fingerprint=_fingerprint(folder, descriptor),
        story=story,
        network_end=descriptor.get("network_end"),
        metadata={k: v for k, v in descriptor.items() if k != "resources"},
    )
    return ValidationReport(folder, (), warnings, dataset)


def _fingerprint(folder: Path, descriptor: dict) -> str:
    """The first 12 hex digits of a SHA-256 over every table's bytes, in descriptor order."""
    digest = hashlib.sha256()
    for resource in descriptor["resources"]:
        digest.update(resource["path"].encode())
        digest.update((folder / resource["path"]).read_bytes())
    return digest.hexdigest()[:12]


def _read_descriptor() -> dict:
    """The shipped descriptor: the contract every data folder is checked against."""
    return json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))


def _check_files(folder: Path, descriptor: dict) -> Iterator[Problem]:
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


def _schema_problems(package: frictionless.Package) -> Iterator[Problem]:
    """Types, allowed values, patterns and keys, checked by frictionless, as located problems."""
    report = package.validate(limit_errors=ERROR_LIMIT)
    for task in report.tasks:
        resource = package.get_resource(task.name)
        for error in task.errors:
            yield problem_from_frictionless(resource, error)


# Characters XML 1.0 cannot hold (GEXF and GraphML are XML): C0 controls other than tab, line
# feed and carriage return, and the non-characters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _read_records(resource: frictionless.Resource, cls: type, problems: list) -> Iterator:
    """Typed records of one table; cells that failed the schema (already reported) become ``None``.

    Values are typed by the descriptor (lists split on their delimiter, integers read), then
    date columns, those with the partial-date pattern, become :class:`PartialDate`.
    """
    date_fields = {f.name for f in resource.schema.fields
                   if f.constraints.get("pattern") == DATE_PATTERN}
    record_fields = {f.name for f in dataclasses.fields(cls)}
    with resource:
        for row in resource.row_stream:
            values = {}
            failed = {getattr(error, "field_name", None) for error in row.errors}
            for name, value in row.to_dict().items():
                if name not in record_fields or name in failed:
                    continue
                if name in date_fields and value is not None:
                    try:
                        value = PartialDate.parse(value)
                    except DateError as error:
                        problems.append(Problem(resource.path, row.row_number, name, str(error)))
                        value = None
                elif isinstance(value, list):
                    value = tuple(v.strip() for v in value if v.strip())
                elif isinstance(value, str):
                    value = value.strip() or None
                bad = CONTROL_CHARACTERS.search(" ".join(value) if isinstance(value, tuple) else
                                                value if isinstance(value, str) else "")
                if bad:
                    problems.append(Problem(resource.path, row.row_number, name,
                                            f"holds the control character U+{ord(bad.group()):04X}, which "
                                            "no export format (XML, CSV) can carry: remove it"))
                    value = None
                values[name] = value
            yield _build(cls, values, row.row_number)


def _build(cls: type, values: dict, row: int):
    """Make a record even from a broken row, so later rules can still look at the rest."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name == "row":
            kwargs["row"] = row
        elif values.get(f.name) is not None:
            kwargs[f.name] = values[f.name]
        elif f.default is not dataclasses.MISSING:
            kwargs[f.name] = f.default
        else:
            kwargs[f.name] = () if f.name == "sources" else None
    return cls(**kwargs)


def _by_id(records: list) -> Mapping:
    """A read-only mapping from id to record (the first of duplicate ids wins)."""
    index: dict = {}
    for record in records:
        index.setdefault(record.id, record)
    return MappingProxyType(index)


def _unique(problems: Iterable[Problem]) -> Iterator[Problem]:
    """Drop repeated problems, keeping the first of each in order."""
    seen = set()
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            yield problem


# ---------------------------------------------------------------------------------------------
# Historical rules, on top of the schema.


def _historical_problems(tables: dict[str, list]) -> Iterator[Problem]:
    """The project's own rules: references inside list cells, date order, death, uncertainty."""
    ids = {name: {r.id for r in tables[name]} for name in ("sources", "factions", "persons")}
    persons = {p.id: p for p in tables["persons"]}
    for source in tables["sources"]:
        if not source.url and not source.seed:
            yield Problem("sources.csv", source.row, "url",
                          "a source needs a url or the name of its seed text")
    for name, records in tables.items():
        file = f"{name}.csv"
        for record in records:
            yield from _citation_problems(file, record, ids["sources"])
            yield from _uncertainty_problems(file, record)
    for event in tables["events"]:
        for column, known in (("persons", ids["persons"]), ("factions", ids["factions"])):
            for value in getattr(event, column):
                if value not in known:
                    yield Problem("events.csv", event.row, column,
                                  f'"{value}" is not an id in {column}.csv')
    yield from _order_problems("persons.csv", tables["persons"], "born", "died")
    yield from _order_problems("factions.csv", tables["factions"], "formed", "ended")
    yield from _order_problems("memberships.csv", tables["memberships"], "start", "end")
    yield from _order_problems("events.csv", tables["events"], "date", "end")
    yield from _after_death_problems(tables, persons)


def _citation_problems(file: str, record, source_ids: set[str]) -> Iterator[Problem]:
    """Every row of a fact table cites at least one source, and only known ones."""
    if not hasattr(record, "sources") or isinstance(record, Source):
        return
    if not record.sources:
        yield Problem(file, record.row, "sources", "is empty, but a value is required")
    for source_id in record.sources:
        if source_id not in source_ids:
            yield Problem(file, record.row, "sources", f'"{source_id}" is not an id in sources.csv')


def _uncertainty_problems(file: str, record) -> Iterator[Problem]:
    """An uncertain or disputed row must say, in its note, what is uncertain."""
    if getattr(record, "certainty", None) in UNCERTAIN and not record.note:
        yield Problem(file, record.row, "note",
                      f"the row is marked {record.certainty}; the note must say what and why")


def _order_problems(file: str, records: list, first: str, last: str) -> Iterator[Problem]:
    """An end that surely falls before its start."""
    for record in records:
        start, end = getattr(record, first), getattr(record, last)
        if start and end and end.surely_before(start):
            yield Problem(file, record.row, last, f"{end} is before {first} {start}")


def _after_death_problems(tables: dict[str, list], persons: Mapping[str, Person]) -> Iterator[Problem]:
    """Memberships that begin, and fates (other than posthumous ones) dated, after a death."""
    for membership in tables["memberships"]:
        person = persons.get(membership.person)
        if person and person.died and membership.start and person.died.surely_before(membership.start):
            yield Problem("memberships.csv", membership.row, "start",
                          f"{membership.start} is after {person.name}'s death ({person.died})")
    for fate in tables["fates"]:
        person = persons.get(fate.person)
        if (person and person.died and fate.date and fate.status not in POSTHUMOUS_STATUSES
                and person.died.surely_before(fate.date)):
            yield Problem("fates.csv", fate.row, "date",
                          f"{fate.status} on {fate.date} is after {person.name}'s death ({person.died})")


def _coverage_warnings(tables: dict[str, list]) -> Iterator[Problem]:
    """Gaps worth filling, reported as warnings: no fate, no birth date, one source, disputed."""
    with_fate = {f.person for f in tables["fates"]}
    for person in tables["persons"]:
        if person.id not in with_fate and not person.died:
            yield Problem("persons.csv", person.row, "id", f"no fate: {person.id} has no fate or death recorded", "warning")
        if not person.born:
            yield Problem("persons.csv", person.row, "born", f"no birth date: {person.id}", "warning")
        if len(person.sources) == 1:
            yield Problem("persons.csv", person.row, "sources", f"single source: {person.id}", "warning")
    for name, records in tables.items():
        for record in records:
            if getattr(record, "certainty", None) == "disputed":
                yield Problem(f"{name}.csv", record.row, "certainty",
                              f"disputed: {record.note or ''}".strip(), "warning")
