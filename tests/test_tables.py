"""Each chart's table holds what the chart draws, counts what its title says, and downloads
exactly the rows a reader kept, in their order."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped

from oppositions.export import Filters
from oppositions.figures.network_scene import scene_of
from oppositions.figures.overlap import membership_sets
from oppositions.status import statuses_by_year
from oppositions.tables import TABLE_CHARTS, table_csv, table_of

DATASET = shipped()
FACTIONS = sorted(DATASET.factions)


def read(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_the_network_table_of_1927_lists_every_person_the_chart_draws_members_first():
    table = table_of(DATASET, "network", 1927)
    scene = scene_of(DATASET, 1927)
    assert {row["id"] for row in table.rows} == set(scene.drawn)
    members = [row for row in table.rows if row["drawn_as"] == "member in 1927"]
    assert len(members) == len(scene.current) == 121
    assert table.rows[:len(members)] == tuple(members)  # members first
    assert table.title.startswith(f"{len(scene.drawn)} persons the network of 1927 draws (121 members in 1927")
    assert "among the 292 persons in this dataset" in table.title


def test_a_row_gives_the_year_s_factions_status_change_and_citations():
    rows = {row["id"]: row for row in table_of(DATASET, "network", 1927).rows}
    trotsky = rows["trotsky"]
    assert "Left Opposition" in trotsky["factions"] and trotsky["degree"] == len(trotsky["factions"].split("; "))
    assert trotsky["status"] == "expelled" and "expelled" in trotsky["change"]
    cited = [DATASET.sources[s].citation for s in DATASET.persons["trotsky"].sources]
    assert all(c in trotsky["sources"] for c in cited)
    assert len(set(trotsky["sources"].split(" | "))) == len(trotsky["sources"].split(" | "))  # each once


def test_who_bridged_the_groups_in_1927_ranks_a_person_of_several_factions_first():
    rows = sorted(table_of(DATASET, "network", 1927).rows, key=lambda r: -r["betweenness"])
    assert rows[0]["degree"] >= 2 and rows[0]["betweenness"] > 0
    assert all(r["betweenness"] == 0 for r in rows if r["degree"] <= 1)


def test_the_status_column_says_not_known_where_no_fact_supports_one():
    statuses = statuses_by_year(DATASET)
    rows = table_of(DATASET, "network", 1937).rows
    unknown = [r for r in rows if statuses[r["id"]][1937] == "unknown"]
    assert unknown and all(r["status"] == "not known (no later fact)" for r in unknown)


@settings(max_examples=25)
@given(year=st.integers(1919, 1941), factions=st.one_of(st.none(), st.lists(st.sampled_from(FACTIONS), unique=True)),
       undisputed=st.booleans())
def test_the_network_table_follows_the_chart_s_filters(year, factions, undisputed):
    filters = Filters(factions=tuple(sorted(factions)) if factions is not None else None, undisputed=undisputed)
    table = table_of(DATASET, "network", year, filters=filters)
    scene = scene_of(filters.data_of(DATASET), year, factions=filters.factions)
    assert {row["id"] for row in table.rows} == set(scene.drawn)
    assert table.title.startswith(f"{len(table.rows)} persons")
    assert all(row["certainty"] in ("certain", "uncertain", "disputed") for row in table.rows)


def test_the_overlap_table_counts_the_members_two_factions_shared():
    table = table_of(DATASET, "overlap", 1927)
    sets = membership_sets(DATASET, (1919, 1927))
    names = {f.name: f.id for f in DATASET.factions.values()}
    for row in table.rows:
        a, b = names[row["first"]], names[row["second"]]
        both = [p for p, fs in sets.items() if a in fs and b in fs]
        assert row["shared"] == len(both) == len(row["names"].split("; "))
    assert [r["shared"] for r in table.rows] == sorted((r["shared"] for r in table.rows), reverse=True)


def test_the_fates_table_s_statuses_add_up_to_the_members():
    for year in (1923, 1929, 1937):
        for row in table_of(DATASET, "fates", year).rows:
            counts = {k: v for k, v in row.items() if k not in ("faction", "members")}
            assert sum(counts.values()) == row["members"] > 0


def test_the_flows_table_gives_each_person_one_path_and_an_end():
    table = table_of(DATASET, "flows", 1937)
    assert len({r["id"] for r in table.rows}) == len(table.rows)
    assert all(r["steps"] == len(r["path"].split(" → ")) for r in table.rows)
    assert {r["end"] for r in table.rows} <= {"alive", "died (other causes)", "died in custody", "executed",
                                               "fate not recorded"}


def test_the_timeline_table_holds_its_factions_and_the_events_it_draws():
    table = table_of(DATASET, "timeline", 1927)
    factions = [r for r in table.rows if r["what"] == "faction or group"]
    assert len(factions) == len(DATASET.factions)
    assert all(int(r["from"][:4]) >= 1917 for r in table.rows if r["what"] != "faction or group")


@pytest.mark.parametrize("chart", sorted(TABLE_CHARTS))
def test_the_csv_holds_the_rows_kept_in_their_order_under_the_headers_shown(chart):
    table = table_of(DATASET, chart, 1929)
    order = list(range(len(table.rows)))[::-3]
    rows = read(table_csv(table, order))
    assert list(rows[0]) == [c.header for c in table.shown]
    assert len(rows) == len(order)
    first = table.shown[0]
    assert [r[first.header] for r in rows] == [str(table.rows[i][first.field]) for i in order]
    assert len(read(table_csv(table))) == len(table.rows)


def test_a_cell_that_a_spreadsheet_would_run_is_made_inert(make_folder):
    from oppositions.dataset import load_dataset as load

    def edit(data):
        data["persons"][0]["name"] = "=HYPERLINK(\"http://example.org\")"
    folder = make_folder(edit=edit)
    table = table_of(load(folder), "network", 1921)
    content = table_csv(table).decode("utf-8")
    assert "'=HYPERLINK" in content and "\n=HYPERLINK" not in content
