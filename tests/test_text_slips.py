"""Every title, subtitle, note and legend of every chart, read for the slips a reader notices:
"1 factions", "seed text, seed text", "1937: 1937", a placeholder left unfilled."""

from __future__ import annotations

import re

import pytest
from shipped import shipped

from oppositions.export import CHARTS, Filters, build_chart
from oppositions.figures import person_path_figure
from oppositions.vocabulary import VIEWS

DATA = shipped()
YEARS = (1921, 1927, 1932, 1937, 1988)  # the ban, the expulsions, the Right, the terror, afterwards
PLURALS = r"persons|people|factions|groups|sources|members|events|changes|names|spells|years|texts"
ONE_PLURAL = re.compile(rf"(?<![\d.,])\b1 ({PLURALS})\b")
REPEATED = re.compile(r"\b(\w+(?: \w+)?)[,:;]? \1\b", re.IGNORECASE)
LEFTOVER = re.compile(r"\bNone\b|\bnan\b|\{[a-z_]+\}|\(\)|\s[,;.]")


def texts(figure) -> list[str]:
    """What a reader reads on a chart, markup taken out."""
    layout = figure.layout
    found = [layout.title.text or "", layout.title.subtitle.text or "" if layout.title.subtitle else ""]
    found += [a.text or "" for a in layout.annotations]
    found += [t.name or "" for t in figure.data if getattr(t, "showlegend", None) is not False]
    if layout.legend and layout.legend.title:
        found.append(layout.legend.title.text or "")
    return [re.sub(r"<[^>]+>", " ", t).replace("&amp;", "&") for t in found if t]


def slips(text: str) -> list[str]:
    text = " ".join(text.split())
    return ([m.group(0) for m in ONE_PLURAL.finditer(text)] + [m.group(0) for m in REPEATED.finditer(text)
            if not m.group(1).isdigit() or ":" in m.group(0)] + [m.group(0) for m in LEFTOVER.finditer(text)])


@pytest.mark.parametrize("chart", CHARTS)
def test_no_chart_has_a_plural_or_duplication_slip(chart):
    views = VIEWS if chart == "network" else ("bipartite",)
    found = {}
    for year in YEARS:
        for view in views:
            for text in texts(build_chart(DATA, chart, year, filters=Filters(view=view))):
                if slips(text):
                    found[(year, view, text[:120])] = slips(text)
    assert not found, found


def test_no_persons_path_chart_has_a_slip():
    found = {p: slips(t) for p in DATA.persons for t in texts(person_path_figure(DATA, p)) if slips(t)}
    assert not found, found


def test_the_slip_finder_finds_the_slips_readers_reported():
    assert slips("17 belonged to 1 factions") == ["1 factions"]
    assert slips("Sources: 3 (seed text, seed text)") == ["seed text, seed text"]
    assert slips("1937: 1937") == ["1937: 1937"]
    assert slips("1 faction, 21 factions, 1.1 persons, 1923-1927, Trotsky and Zinoviev") == []
