"""Load a data folder into an immutable, typed :class:`Dataset`, or report every problem in it.

The Frictionless Data Package descriptor shipped in ``data/datapackage.json`` is the one place
where tables, columns, types, allowed values and keys are declared. This module hands the
schema checks (types, enums, patterns, primary and foreign keys) to frictionless-py, reads the
rows into the records of :mod:`oppositions.records`, and adds the historical rules of
:mod:`oppositions.rules` on top; what can be wrong is said by :mod:`oppositions.problems`.

Every problem is located as ``file, row N, column: what is wrong``; rows are counted as in a
spreadsheet, the header being row 1.

Examples
--------
>>> from oppositions.dataset import load_dataset
>>> dataset = load_dataset()
>>> dataset.persons["shlyapnikov"].died
PartialDate(year=1937, month=9, day=2)
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

import frictionless

from . import kept
from .descriptor import SHIPPED, dataset_metadata, shipped_descriptor
from .problems import DatasetError, Problem, file_problems, problem_from_frictionless
from .quick_check import quick_rows
from .records import RECORD_TYPES, Event, Faction, Fate, Membership, Person, Source, fate_order, read_records
from .rules import coverage_warnings, historical_problems
from .story import SCHEMA_PATH, read_story

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

DESCRIPTOR_PATH = SHIPPED
DEFAULT_DATA_DIR = SHIPPED.parent  # the shipped data/
ERROR_LIMIT = 1000  # schema errors in one table past which the check stops
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
    opening_year: int | None = None  # the descriptor's year a page opens on (see oppositions.descriptor)
    metadata: Mapping = field(default_factory=dict, compare=False, hash=False)  # the descriptor's fields but its tables

    @property
    def short_title(self) -> str:
        """The title before its colon: what a browser's tab and the page's bar say."""
        return self.title.split(":")[0].strip() or "Oppositions"

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

    @property
    def facts(self) -> list:
        """Every fact: the rows of every table but the sources (each cites its own)."""
        return [*self.persons.values(), *self.factions.values(), *self.memberships, *self.fates, *self.events]

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
    """Load and validate a data folder; raise :class:`DatasetError` listing every error. A second
    load of the same files reads the validated dataset kept on disk (:mod:`oppositions.kept`).

    Parameters
    ----------
    folder : str or Path, optional
        A folder holding the six CSV tables; defaults to the shipped ``data/``.

    Returns
    -------
    Dataset
    """
    folder = Path(folder) if folder is not None else DEFAULT_DATA_DIR
    key = _kept_key(folder)
    dataset = kept.load("datasets", key)
    if isinstance(dataset, Dataset):
        return dataset
    report = check_folder(folder)
    if not report.ok:
        raise DatasetError(report.folder, report.errors)
    kept.save("datasets", key, report.dataset)
    return report.dataset


def _kept_key(folder: Path) -> str | None:
    """What a validated dataset is made from: every file of its folder, the shipped descriptor
    and story schema, the folder's place and the code (see :mod:`oppositions.kept`)."""
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return None
    return kept.content_key([*files, SHIPPED, SCHEMA_PATH], str(folder.resolve()))


def check_folder(folder: str | Path | None = None) -> ValidationReport:
    """Validate a data folder against the shipped descriptor and the historical rules.

    Never raises for bad data: every problem comes back located in the report.
    """
    folder = Path(folder) if folder is not None else DEFAULT_DATA_DIR
    descriptor = shipped_descriptor()
    problems = list(file_problems(folder, descriptor))
    if problems:
        return ValidationReport(folder, tuple(problems), (), None)
    package = frictionless.Package(descriptor, basepath=str(folder))
    quick = quick_rows(folder, package)  # every row passes the schema: read once, fast
    if quick is None:
        problems += _schema_problems(package)
    if len(problems) >= ERROR_LIMIT:  # a folder this broken: say so in seconds, not in an hour
        stop = Problem(str(folder), None, None, f"the check stopped after {ERROR_LIMIT:,} errors in one table; "
                                                "fix these and run it again")
        return ValidationReport(folder, (stop,) + tuple(_unique(problems)), (), None)
    tables = {name: list(read_records(package.get_resource(name), cls, problems, None if quick is None else quick[name]))
              for name, cls in RECORD_TYPES.items()}
    problems += historical_problems(tables)
    story, story_problems = read_story(folder, tables)
    problems += story_problems
    metadata, descriptor_problems = dataset_metadata(folder, descriptor)
    problems += descriptor_problems
    errors = tuple(_unique(p for p in problems if p.severity == "error"))
    warnings = tuple(_unique(p for p in problems if p.severity == "warning"))
    warnings += tuple(coverage_warnings(tables))
    if errors:
        return ValidationReport(folder, errors, warnings, None)
    dataset = Dataset(
        folder=folder,
        title=metadata.get("title", ""),
        version=metadata.get("version", ""),
        sources=_by_id(tables["sources"]),
        factions=_by_id(tables["factions"]),
        persons=_by_id(tables["persons"]),
        memberships=tuple(tables["memberships"]),
        fates=tuple(tables["fates"]),
        events=tuple(tables["events"]),
        warnings=warnings,
        fingerprint=_fingerprint(folder, descriptor),
        story=story,
        network_end=metadata.get("network_end"),
        opening_year=metadata.get("opening_year"),
        metadata=metadata,
    )
    return ValidationReport(folder, (), warnings, dataset)


def _fingerprint(folder: Path, descriptor: dict) -> str:
    """The first 12 hex digits of a SHA-256 over every table's bytes, in descriptor order."""
    digest = hashlib.sha256()
    for resource in descriptor["resources"]:
        digest.update(resource["path"].encode())
        digest.update((folder / resource["path"]).read_bytes())
    return digest.hexdigest()[:12]


def _schema_problems(package: frictionless.Package) -> Iterator[Problem]:
    """Types, allowed values, patterns and keys, checked by frictionless, as located problems."""
    report = package.validate(limit_errors=ERROR_LIMIT)
    for task in report.tasks:
        resource = package.get_resource(task.name)
        for error in task.errors:
            yield problem_from_frictionless(resource, error)


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


