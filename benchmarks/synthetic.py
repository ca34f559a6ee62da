"""A generator of synthetic data folders with the shipped schema and a realistic shape.

Many small factions and a few large ones, overlapping membership intervals in 1917-1941, people
in one to four factions, fates that end in expulsion, prison, execution or survival. Every row
cites one synthetic source, so the folder validates like the real one.

    python -m benchmarks.synthetic 10000 /tmp/data-10k
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import sys
from pathlib import Path

DESCRIPTOR = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB", "#D55E00",
           "#0072B2", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#882255", "#44AA99", "#999933"]


def columns() -> dict[str, list[str]]:
    descriptor = json.loads(DESCRIPTOR.read_text())
    return {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}


def generate(persons: int, folder: Path, seed: int = 1921) -> Path:
    """Write a valid data folder of ``persons`` persons into ``folder`` (replaced)."""
    rng = random.Random(seed)
    n_factions = max(6, persons // 40)
    factions, weights = [], []
    for i in range(n_factions):
        formed = rng.randint(1918, 1933)
        ended = min(1941, formed + rng.choice([0, 1, 1, 2, 3, 4, 6]))
        factions.append({"id": f"f{i}", "name": f"Faction {i}", "short_name": f"F{i}",
                         "kind": rng.choice(["opposition"] * 6 + ["signatories"] * 3 + ["leadership"]),
                         "formed": str(formed), "ended": str(ended), "end_reason": "expelled",
                         "colour": PALETTE[i % len(PALETTE)], "description": "Synthetic.", "sources": "s"})
        weights.append(rng.paretovariate(1.2))  # a few large factions, many small ones
    person_rows, memberships, fates = [], [], []
    for j in range(persons):
        born = rng.randint(1870, 1905)
        died = rng.choice([None, rng.randint(1936, 1941), rng.randint(1942, 1990)])
        cause = "executed" if died and died <= 1941 else ("natural" if died else "")
        person_rows.append({"id": f"p{j}", "name": f"Person {j}", "name_variants": f"Persona {j}",
                            "born": str(born), "died": str(died or ""), "death_cause": cause, "sources": "s"})
        joined, last = set(), 1927
        for faction in rng.choices(factions, weights=weights, k=rng.choice([1, 1, 1, 2, 2, 3, 4])):
            if faction["id"] in joined:
                continue
            joined.add(faction["id"])
            start = rng.randint(int(faction["formed"]), int(faction["ended"]))
            if died and start > died:
                continue
            end = rng.randint(start, int(faction["ended"]))
            memberships.append({"person": f"p{j}", "faction": faction["id"], "start": str(start),
                                "end": str(end), "role": rng.choice(["member"] * 8 + ["leader", "signatory"]),
                                "sources": "s"})
            last = max(last, end) if len(joined) > 1 else end
        year = min(last + 1, 1941)
        for status in rng.choice([["expelled", "exiled"], ["expelled", "recanted", "readmitted", "arrested"],
                                  ["arrested"], []]):
            if died and year > died:
                break
            fates.append({"person": f"p{j}", "date": str(year), "status": status, "sources": "s"})
            year = min(year + rng.randint(1, 3), 1941)
        if died and died <= 1941:
            fates.append({"person": f"p{j}", "date": str(died), "status": "executed", "sources": "s"})
    events = [{"id": f"e{k}", "date": str(rng.randint(1918, 1940)), "kind": "congress",
               "title": f"Event {k}", "sources": "s"} for k in range(max(40, persons // 100))]
    sources = [{"id": "s", "citation": "Synthetic benchmark data", "url": "https://example.org/"}]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    cols = columns()
    for name, rows in (("sources", sources), ("factions", factions), ("persons", person_rows),
                       ("memberships", memberships), ("fates", fates), ("events", events)):
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=cols[name], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return folder


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
