"""The guided story kept as data: checked like every table, each step sourced through its events."""

from __future__ import annotations

import csv

from shipped import shipped

from oppositions.dataset import check_folder, load_dataset
from oppositions.story import STORY_FILE

COLUMNS = ["step", "title", "text", "year", "tab", "view", "factions", "highlight", "events"]
GOOD = {"step": "1", "title": "The Letter", "text": "Twenty-two appealed.", "year": "1922", "tab": "network",
        "view": "bipartite", "factions": "wo;l22", "highlight": "shlyapnikov", "events": "letter-22"}


def write_story(folder, *rows):
    with (folder / STORY_FILE).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_a_folder_without_a_story_has_none(make_folder):
    assert load_dataset(make_folder()).story == ()


def test_a_step_takes_its_sources_from_its_events(make_folder):
    dataset = load_dataset(write_story(make_folder(), GOOD, {**GOOD, "step": "2", "year": "1937", "factions": ""}))
    first, second = dataset.story
    assert first.sources == ("seed-x",) and first.factions == ("wo", "l22") and first.highlight == ("shlyapnikov",)
    assert second.factions is None


def test_story_problems_name_the_file_row_and_column(make_folder):
    folder = write_story(make_folder(),
                         {**GOOD, "highlight": "nobody"},
                         {**GOOD, "step": "3", "year": "1850"},
                         {**GOOD, "step": "4", "tab": "sideways", "events": "no-such-event"})
    messages = [str(p) for p in check_folder(folder).errors]
    assert any("story.csv" in m and "row 4" in m and "tab" in m for m in messages), messages
    folder = write_story(make_folder(), {**GOOD, "highlight": "nobody"}, {**GOOD, "step": "3", "year": "1850"},
                         {**GOOD, "step": "4", "events": "no-such-event"})
    messages = [str(p) for p in check_folder(folder).errors]
    assert any("row 2" in m and "highlight" in m and '"nobody"' in m for m in messages), messages
    assert any("row 3" in m and "step" in m and "expected 2" in m for m in messages), messages
    assert any("row 3" in m and "year" in m and "1850" in m for m in messages), messages
    assert any("row 4" in m and "events" in m and "no-such-event" in m for m in messages), messages


def test_the_shipped_story_runs_from_1920_to_the_rehabilitations_and_every_step_is_sourced():
    dataset = shipped()
    story = dataset.story
    assert 14 <= len(story) <= 18
    assert story[0].year == 1920 and "Workers' Opposition" in story[0].title
    assert any(step.year in (1937, 1938) for step in story) and story[-1].year >= 1956
    assert [s.year for s in story] == sorted(s.year for s in story)
    events = {e.id: e for e in dataset.events}
    for step in story:
        assert step.sources and all(events[e].date.year <= step.year for e in step.events), step.title


def test_no_step_title_repeats_its_year():
    """The card reads "YEAR: TITLE": a title that is only the year printed "1937: 1937"."""
    for step in shipped().story:
        assert step.title.strip() != str(step.year), step


def test_a_year_with_no_member_says_none_rather_than_zero_of_zero():
    from oppositions.figures import network_figure

    subtitle = network_figure(shipped(), 1988).layout.title.subtitle.text
    assert "none belonged to a faction or group in 1988" in subtitle and "0 factions" not in subtitle
