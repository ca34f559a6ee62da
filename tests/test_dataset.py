"""The loader: a valid folder loads into typed records; every kind of error is located."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from shipped import shipped

from conftest import MINIMAL, write_table
from oppositions.dataset import DESCRIPTOR_PATH, RECORD_TYPES, DatasetError, check_folder, load_dataset
from oppositions.dates import PartialDate


def messages(folder) -> list[str]:
    """Every error of a folder, as the user reads it."""
    return [str(p) for p in check_folder(folder).errors]


def test_minimal_folder_loads_typed_records(make_folder):
    dataset = load_dataset(make_folder())
    person = dataset.persons["shlyapnikov"]
    assert person.died == PartialDate(1937, 9, 2)
    assert person.name_variants == ("Shliapnikov",)
    assert person.sources == ("src-a", "seed-x")
    assert dataset.events[0].count == 18
    assert dataset.counts() == {"sources": 2, "factions": 2, "persons": 3, "memberships": 4,
                                "fates": 3, "events": 2}
    assert dataset.years == (1920, 1963)


def test_dataset_is_immutable(make_folder):
    dataset = load_dataset(make_folder())
    with pytest.raises(TypeError):
        dataset.persons["x"] = None
    with pytest.raises(dataclasses.FrozenInstanceError):
        dataset.persons["kollontai"].name = "x"


def test_record_fields_are_the_descriptor_columns():
    """The descriptor is the one place columns are declared: records mirror it exactly."""
    descriptor = json.loads(DESCRIPTOR_PATH.read_text())
    for resource in descriptor["resources"]:
        columns = {f["name"] for f in resource["schema"]["fields"]}
        record = {f.name for f in dataclasses.fields(RECORD_TYPES[resource["name"]])} - {"row"}
        assert record == columns, resource["name"]


def test_missing_file_is_named(make_folder):
    folder = make_folder()
    (folder / "fates.csv").unlink()
    assert messages(folder) == ["fates.csv: file is missing"]


def test_missing_folder(tmp_path):
    assert messages(tmp_path / "nope") == [f"{tmp_path / 'nope'}: is not a folder"]


def test_missing_column_is_named(make_folder):
    folder = make_folder()
    columns = [c for c in json.loads(DESCRIPTOR_PATH.read_text())["resources"][2]["schema"]["fields"]]
    write_table(folder, "persons", [{"id": "x", "name": "X", "sources": "src-a"}],
                columns=[c["name"] for c in columns if c["name"] != "born"])
    assert "persons.csv, row 1, born: column is missing from the header" in messages(folder)


def test_duplicate_id(make_folder):
    folder = make_folder(edit=lambda d: d["persons"].append(dict(d["persons"][1])))
    found = messages(folder)
    assert any(m.startswith("persons.csv, row 5, id: duplicate id (kollontai)") for m in found), found


def test_unknown_person_in_membership(make_folder):
    folder = make_folder(edit=lambda d: d["memberships"].append(
        {"person": "nobody", "faction": "wo", "start": "1921", "role": "member", "sources": "src-a"}))
    assert 'memberships.csv, row 6, person: "nobody" is not an id in persons.csv' in messages(folder)


def test_unknown_faction_and_source(make_folder):
    def edit(d):
        d["memberships"][0]["faction"] = "no-such"
        d["fates"][0]["sources"] = "src-a;ghost"
    found = messages(make_folder(edit=edit))
    assert 'memberships.csv, row 2, faction: "no-such" is not an id in factions.csv' in found
    assert 'fates.csv, row 2, sources: "ghost" is not an id in sources.csv' in found


def test_unknown_person_in_event_list(make_folder):
    folder = make_folder(edit=lambda d: d["events"][1].update(persons="shlyapnikov;ghost"))
    assert 'events.csv, row 3, persons: "ghost" is not an id in persons.csv' in messages(folder)


@pytest.mark.parametrize("table, row, cells, expected", [
    ("memberships", 0, {"start": "1921-05", "end": "1921-02"}, "memberships.csv, row 2, end: 1921-02 is before start 1921-05"),
    ("fates", 1, {"sources": ""}, "fates.csv, row 3, sources: is empty, but a value is required"),
    ("persons", 0, {"death_cause": "shot"}, ('persons.csv, row 2, death_cause: "shot" is not one of: executed, died_in_custody, '
      "suicide, killed, natural, unknown")),
    ("sources", 0, {"url": "javascript:alert(1)"}, 'sources.csv, row 2, url: "javascript:alert(1)" is not an http:// or https:// address'),
    ("sources", 0, {"url": ""}, "sources.csv, row 2, url: a source needs a url or the name of its seed text"),
    ("fates", 0, {"certainty": "uncertain"}, "fates.csv, row 2, note: the row is marked uncertain; the note must say what and why"),
    ("events", 0, {"count": "about 50"}, 'events.csv, row 2, count: "about 50" is not an integer'),
    ("persons", 1, {"bio": "Shot\x07 in 1937."}, ("persons.csv, row 3, bio: holds the control character U+0007, which no "
                                                  "export format (XML, CSV) can carry: remove it")),
])
def test_one_cell_wrong_is_one_located_message(make_folder, table, row, cells, expected):
    """The file, the row as a spreadsheet counts it, the column, and what is wrong."""
    folder = make_folder(edit=lambda d: d[table][row].update(cells))
    assert expected in messages(folder)


def test_same_year_at_different_precision_is_not_reversed(make_folder):
    folder = make_folder(edit=lambda d: d["memberships"][0].update(start="1921-05", end="1921"))
    assert check_folder(folder).ok


def test_membership_after_death(make_folder):
    folder = make_folder(edit=lambda d: d["memberships"].append(
        {"person": "shlyapnikov", "faction": "wo", "start": "1938", "role": "member", "sources": "src-a"}))
    assert ("memberships.csv, row 6, start: 1938 is after Alexander Shlyapnikov's death (1937-09-02)"
            in messages(folder))


def test_fate_after_death_but_rehabilitation_is_allowed(make_folder):
    folder = make_folder(edit=lambda d: d["fates"].append(
        {"person": "shlyapnikov", "date": "1940", "status": "arrested", "sources": "src-a"}))
    assert messages(folder) == [
        "fates.csv, row 5, date: arrested on 1940 is after Alexander Shlyapnikov's death (1937-09-02)"]


def test_unparseable_and_impossible_dates(make_folder):
    def edit(d):
        d["persons"][0]["born"] = "1885/6"
        d["persons"][1]["died"] = "1952-02-30"
    found = messages(make_folder(edit=edit))
    assert 'persons.csv, row 2, born: "1885/6" is not a date like 1921, 1921-03 or 1921-03-16' in found
    assert "persons.csv, row 3, died: day 30 does not exist in 1952-02" in found


def test_not_utf8(make_folder):
    folder = make_folder()
    (folder / "persons.csv").write_bytes("id,name\nx,Шляпников\n".encode("cp1251"))
    found = messages(folder)
    assert len(found) == 1 and found[0].startswith("persons.csv, row 2: is not UTF-8 text")


def test_every_problem_reported_at_once(make_folder):
    def edit(d):
        d["persons"][0]["born"] = "soon"
        d["memberships"][0]["role"] = "boss"
        d["events"][0]["persons"] = "ghost"
    assert len(messages(make_folder(edit=edit))) == 3


def test_load_raises_with_every_problem(make_folder):
    folder = make_folder(edit=lambda d: d["persons"][0].update(born="soon", death_cause="shot"))
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    assert len(caught.value.problems) == 2
    assert "persons.csv, row 2, born" in caught.value.report()


def test_warnings_count_gaps_without_failing(make_folder):
    report = check_folder(make_folder())
    assert report.ok
    kinds = [w.message.split(":")[0] for w in report.warnings]
    assert kinds.count("no birth date") == 1          # Medvedev
    assert kinds.count("single source") == 2          # Kollontai and Medvedev
    assert kinds.count("disputed") == 1               # the 10th Congress vote
    assert "warnings: 1 disputed, 1 no birth date, 2 single source" in report.summary()


def test_empty_file_says_so(make_folder):
    folder = make_folder()
    (folder / "fates.csv").write_text("")
    assert messages(folder) == ["fates.csv: file is empty; it needs at least the header row: "
                                "person,date,status,description,sources,certainty,note"]


def test_short_row_is_one_message(make_folder):
    folder = make_folder()
    with (folder / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write('late-row,"unclosed\n')
    found = messages(folder)
    assert found.count("events.csv, row 4: the row has fewer cells than the header") == 1


def test_byte_order_mark_is_accepted(make_folder):
    folder = make_folder()
    path = folder / "persons.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_folder(folder).ok


def test_namesakes_are_told_apart_and_initials_narrow_a_search():
    """"Smirnov" once gave three bare names; initials found nothing more."""
    from oppositions.search import person_label, search_persons

    dataset = shipped()
    labels = [person_label(dataset, m.person) for m in search_persons(dataset, "Smirnov")]
    assert len(labels) >= 3 and len(set(labels)) == len(labels)
    assert any(label.startswith("Ivan Smirnov (1881–1936) · ") and "Left Opposition" in label for label in labels)
    assert search_persons(dataset, "Smirnov I")[0].person == "smirnov-ivan"
    assert search_persons(dataset, "V Smirnov")[0].person == "smirnov-vladimir"
    assert [m.person for m in search_persons(dataset, "I N Smirnov")] == ["smirnov-ivan"]


def _carriage_returns(folder):
    path = folder / "factions.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))


def _pipe(folder):
    (folder / "events.csv").unlink()
    os.mkfifo(folder / "events.csv")


def _loop(folder):
    (folder / "fates.csv").unlink()
    (folder / "fates.csv").symlink_to("fates.csv")


def _dangling(folder):
    (folder / "fates.csv").unlink()
    (folder / "fates.csv").symlink_to("elsewhere/fates.csv")


def _folder_in_place(folder):
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").mkdir()


def _header_only(folder):
    path = folder / "persons.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _story_pipe(folder):
    os.mkfifo(folder / "story.csv")


@pytest.mark.parametrize("spoil, expected", [
    (_carriage_returns, "factions.csv: its lines end in carriage returns only"),
    (_pipe, "events.csv: is not a regular file"),
    (_loop, "fates.csv: is a link that leads nowhere"),
    (_dangling, "fates.csv: is a link that leads nowhere"),
    (_folder_in_place, "sources.csv: is not a regular file"),
    (_header_only, "persons.csv: has a header but no rows"),
    (_story_pipe, "story.csv: is not a regular file"),  # an optional table is not silently skipped
], ids=["carriage-returns", "pipe", "link-loop", "dangling-link", "folder", "header-only", "story-pipe"])
def test_a_table_that_cannot_be_read_is_one_located_error(make_folder, spoil, expected):
    folder = make_folder()
    spoil(folder)
    report = check_folder(folder)
    assert not report.ok and any(str(p).startswith(expected) for p in report.errors), report.errors
    with pytest.raises(DatasetError):
        load_dataset(folder)


def test_a_table_without_permission_to_read_is_named(make_folder, monkeypatch):
    """(Root reads any file, so the refusal is simulated where the file is read.)"""
    folder = make_folder()
    real = Path.read_bytes

    def refuse(path):
        if path.name == "memberships.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert [str(p) for p in check_folder(folder).errors] == ["memberships.csv: cannot be read (Permission denied)"]


def test_a_folder_with_many_bad_rows_is_answered_quickly_and_says_it_stopped(make_folder):
    bad = [dict(MINIMAL["memberships"][0], person=f"nobody-{n}", start="19x") for n in range(3000)]
    folder = make_folder(memberships=MINIMAL["memberships"] + bad)
    report = check_folder(folder)
    assert report.errors[0].message.startswith("the check stopped after 1,000 errors")
    assert len(report.errors) <= 2 * 1000 + 1 and "stopped early" in report.summary()


def test_a_folder_carries_its_own_title_and_years(make_folder):
    from components.state import ViewState
    from oppositions.span import span_of

    folder = make_folder()
    (folder / "datapackage.json").write_text(json.dumps({"title": "Kronstadt, 1921", "opening_year": 1921,
                                                         "network_end": 1921}), encoding="utf-8")
    dataset = load_dataset(folder)
    assert dataset.title == "Kronstadt, 1921" and dataset.metadata["title"] == "Kronstadt, 1921"
    assert span_of(dataset).opening == 1921 == ViewState.from_query("", dataset)[0].year
    assert dataset.metadata["licenses"]  # what the folder does not say comes from the shipped descriptor


@pytest.mark.parametrize("descriptor, where", [
    ('{"opening_year": "1921"}', "datapackage.json, opening_year:"),
    ('{"network_end": 19410}', "datapackage.json, network_end:"),
    ('{"title": ["a"]}', "datapackage.json, title:"),
    ('{"title": ', "datapackage.json: cannot be read as JSON"),
    ('[1]', "datapackage.json: is not a JSON object"),
])
def test_a_folders_own_descriptor_that_cannot_be_used_is_a_located_error(make_folder, descriptor, where):
    folder = make_folder()
    (folder / "datapackage.json").write_text(descriptor, encoding="utf-8")
    report = check_folder(folder)
    assert not report.ok and any(str(p).startswith(where) for p in report.errors), [str(p) for p in report.errors]
