"""Words the whole project shares, declared once: charts, tabs, views, kinds of faction,
certainty, families of oppositions.

The command line, the exporters and the dashboard read them from here (the dashboard's
JavaScript from a store the page fills from here), so a name or a label changes in one place.
Values that belong to a dataset (its title, the last year of its network, the year a page
opens on) are not here: they are custom keys of its ``datapackage.json``.
"""

from __future__ import annotations

__all__ = ["CERTAINTIES", "CHARTS", "CHART_NAMES", "COPY_KINDS", "DOUBTFUL", "FAMILIES", "OPPOSITION_KINDS",
           "SHOWN", "SOURCE_KINDS", "TABS", "TAB_LABELS", "VIEWS", "VIEW_LABELS", "VIEW_NAMES", "family_of"]

CHARTS = ("network", "timeline", "overlap", "upset", "flows", "fates")  # what can be drawn and exported
TAB_LABELS = {"network": "Network", "timeline": "Timeline", "overlap": "Overlap", "flows": "Flows",
              "fates": "Fates"}  # the dashboard's tabs (the overlap tab holds the heatmap and the UpSet chart)
TABS = tuple(TAB_LABELS)
CHART_NAMES = {"network": "network", "timeline": "timeline", "overlap": "overlap of factions",
               "flows": "flows into fates", "fates": "fates by faction"}  # a tab's chart, in a sentence
SHOWN = ("chart", "table")  # a tab shows its chart, or its data as a table

VIEW_LABELS = {  # the network's views, as the controls name them
    "bipartite": "Persons and factions",
    "persons": "Persons linked by shared factions",
    "factions": "Factions linked by shared members",
}
VIEWS = tuple(VIEW_LABELS)
VIEW_NAMES = {view: label.lower() for view, label in VIEW_LABELS.items()}  # in a sentence

OPPOSITION_KINDS = frozenset({"opposition", "signatories"})  # a faction's kind: the oppositions and the appeals' signatories
CERTAINTIES = ("certain", "uncertain", "disputed")  # a fact's certainty, surest first
DOUBTFUL = CERTAINTIES[1:]  # the certainties a reader is warned of

SOURCE_KINDS = {  # what kind of text a source is, best first, as a reader is told it
    "document": "trial record or document",
    "scholarly": "scholarly book or article",
    "reference": "encyclopedia or reference work",
    "press": "newspaper or magazine",
    "memoir": "memoir or interview",
    "web": "other web page",
    "copy": "copy of another work online",
    "mirror": "mirror or translation of an encyclopedia",
    "generated": "machine-written text",
}
COPY_KINDS = ("copy", "mirror", "generated")  # pages that carry another work: the citation names that work

FAMILIES = {  # id -> the words a legend uses, in the order the currents appeared
    "decists": "Democratic Centralists",
    "workers": "Workers' oppositions",
    "left": "Left and United Oppositions",
    "right": "The Right, groups of 1930-32",
    "leadership": "Party leadership",
    "other": "Other platforms",
}


def family_of(faction) -> str:
    """The faction's family, ``"other"`` where the data gives none."""
    return faction.family if faction.family in FAMILIES else "other"
