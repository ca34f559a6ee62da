"""Words the whole project shares, declared once: the families of oppositions.

A faction's ``family`` (``factions.csv``) groups it with the oppositions the historiography
treats as one current; the network places a family's factions near each other and draws them in
one hue.
"""

from __future__ import annotations

__all__ = ["FAMILIES", "family_of"]

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
