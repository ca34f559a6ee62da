"""The Data Package descriptor: the shipped contract, and what a data folder says of itself.

Every folder is checked against the tables' schemas of the shipped ``data/datapackage.json``;
those are the contract and are never read from the folder. What belongs to a dataset rather
than to the contract (its title, version, licence, contributors and the custom keys the
dashboard reads) comes from the folder's own ``datapackage.json`` when it has one, so that
another data folder carries its own:

- ``network_end``: the last year of the network (:mod:`oppositions.span`);
- ``opening_year``: the year a page opened without a link shows, and the command line draws
  when given no year.
"""

from __future__ import annotations

import json
from pathlib import Path

from .problems import Problem

__all__ = ["DATASET_KEYS", "DESCRIPTOR_NAME", "YEAR_KEYS", "dataset_metadata", "shipped_descriptor"]

DESCRIPTOR_NAME = "datapackage.json"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / DESCRIPTOR_NAME
YEAR_KEYS = ("network_end", "opening_year")
DATASET_KEYS = ("name", "title", "description", "version", "created", "contributors", "licenses") + YEAR_KEYS
YEARS_ALLOWED = (1800, 2100)


def shipped_descriptor() -> dict:
    """The shipped descriptor: the contract every data folder is checked against."""
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def dataset_metadata(folder: Path, shipped: dict) -> tuple[dict, list[Problem]]:
    """The descriptor's fields but its tables, the folder's own overriding the shipped ones, and
    a located problem (an error) for each of its own that cannot be used."""
    metadata = {k: v for k, v in shipped.items() if k != "resources"}
    path = folder / DESCRIPTOR_NAME
    if not path.is_file() or path.resolve() == SHIPPED:
        return metadata, []
    try:
        own = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return metadata, [Problem(DESCRIPTOR_NAME, None, None, f"cannot be read as JSON ({error})")]
    if not isinstance(own, dict):
        return metadata, [Problem(DESCRIPTOR_NAME, None, None, "is not a JSON object")]
    problems = []
    for key in DATASET_KEYS:
        if key not in own:
            continue
        value = own[key]
        if key in YEAR_KEYS and not (isinstance(value, int) and not isinstance(value, bool)
                                     and YEARS_ALLOWED[0] <= value <= YEARS_ALLOWED[1]):
            problems.append(Problem(DESCRIPTOR_NAME, None, key, f"{json.dumps(value)[:40]} is not a year "
                                                                f"between {YEARS_ALLOWED[0]} and {YEARS_ALLOWED[1]}"))
            continue
        if key in ("name", "title", "description", "version", "created") and not isinstance(value, str):
            problems.append(Problem(DESCRIPTOR_NAME, None, key, "is not text"))
            continue
        metadata[key] = value
    return metadata, problems
