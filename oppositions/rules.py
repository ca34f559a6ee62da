"""The historical rules a data folder must keep, on top of the schema: cited sources exist, an
end is not before its start, nobody joins a faction or meets a fate after their death (but a
rehabilitation), an uncertain fact says why; and the gaps worth a warning.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from .problems import Problem
from .records import Person, Source
from .sourcing import copy_only_facts
from .vocabulary import DOUBTFUL

__all__ = ["coverage_warnings", "historical_problems"]

# Fate statuses that may fall after a person's death.
POSTHUMOUS_STATUSES = frozenset({"rehabilitated", "readmitted"})


def historical_problems(tables: dict[str, list]) -> Iterator[Problem]:
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
    if getattr(record, "certainty", None) in DOUBTFUL and not record.note:
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


def coverage_warnings(tables: dict[str, list]) -> Iterator[Problem]:
    """Gaps worth filling, reported as warnings: no fate, no birth date, one source, disputed, an
    untyped source, a fact resting on copies only, a membership outliving its faction."""
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
    sources = {s.id: s for s in tables["sources"]}
    for source in tables["sources"]:
        if not source.kind:
            yield Problem("sources.csv", source.row, "kind", f"source not typed: {source.id}", "warning")
    for name, records in tables.items():
        if name != "sources":
            for record in copy_only_facts(sources, records):
                yield Problem(f"{name}.csv", record.row, "sources", "copies only: every source cited is a copy, "
                              "a mirror or machine-written; cite the original where it can be read", "warning")
    yield from _outliving_problems(tables)


def _outliving_problems(tables: dict[str, list]) -> Iterator[Problem]:
    """A membership that surely starts or ends after its faction ended (a warning: either the
    faction lived on, or the membership's dates say more than its faction's)."""
    factions = {f.id: f for f in tables["factions"]}
    for m in tables["memberships"]:
        faction = factions.get(m.faction)
        if faction is None or faction.ended is None:
            continue
        last = m.end or m.start
        if last is not None and faction.ended.surely_before(last):
            yield Problem("memberships.csv", m.row, "end" if m.end else "start",
                          f"outlives its faction: {m.person} in {m.faction} until {last}, "
                          f"but the faction ended {faction.ended}", "warning")
