"""Find people however their names are spelled: Shliapnikov, Shlyapnikov, Шляпников.

Names are folded to a rough phonetic key: Cyrillic transliterated, accents dropped, the usual
alternations of English, German and French transliterations merged (ya/ia, y/i, ii/i, kh/h,
tz/ts, ff/v, w/v, doubled letters). A query matches a name when its key is a prefix or part of
the name's key, or, for longer queries, when it is close to a word of the name (a typo).

Examples
--------
>>> fold("Shliapnikov") == fold("Shlyapnikov") == fold("Шляпников")
True
>>> fold("Zinovieff") == fold("Zinoviev")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .dataset import Dataset

__all__ = ["Match", "fold", "person_label", "search_persons"]

CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i",
     "e", "g"]))
# Applied in order, after lower-casing and transliteration.
FOLDS = (("kh", "h"), ("tz", "ts"), ("ff", "v"), ("w", "v"), ("ck", "k"), ("x", "ks"),
         ("ya", "ia"), ("yu", "iu"), ("yo", "io"), ("ye", "e"), ("y", "i"), ("j", "i"),
         ("ii", "i"), ("ie", "e"), ("ei", "e"))
FUZZY_RATIO = 0.8  # the typo tier: rapidfuzz's normalised Indel similarity to a word of the name
MIN_FUZZY = 5


def fold(text: str) -> str:
    """The phonetic key of a name: lower-case Latin letters and spaces only."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(CYRILLIC.get(ch, ch) for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z ]+", " ", text)
    for old, new in FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters: Kollontai, Ossinsky
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Match:
    """A person found by a query, the spelling that matched, and how well."""

    person: str
    name: str
    matched: str
    score: float


@lru_cache(maxsize=8)
def _index(dataset: Dataset) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(person id, spelling, its key, the key's words) for every spelling of every person."""
    rows = []
    for person in dataset.persons.values():
        for spelling in person.all_names:
            key = fold(spelling)
            if key:
                rows.append((person.id, spelling, key, tuple(key.split())))
    return tuple(rows)


def search_persons(dataset: Dataset, query: str, limit: int = 10) -> list[Match]:
    """Persons whose name, Cyrillic name or a variant matches ``query``, best first.

    Parameters
    ----------
    dataset : Dataset
    query : str
        Any spelling, whole or the start of a name (``Shliap``), in Latin or Cyrillic letters.
    limit : int
        At most this many persons.
    """
    key = fold(query or "")
    if len(key) < 2:
        return []
    best: dict[str, Match] = {}
    for person_id, spelling, name_key, words in _index(dataset):
        score = _score(key, name_key, words)
        if score and (person_id not in best or score > best[person_id].score):
            best[person_id] = Match(person_id, dataset.persons[person_id].name, spelling, score)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.name))
    return ranked[:limit]


def _score(key: str, name_key: str, words: tuple[str, ...]) -> float:
    """How well a folded query matches a folded name (0: not at all). A query of several words
    ("Smirnov I", "I N Smirnov") matches when each word begins a different word of the name, so
    that initials narrow a surname down."""
    if key == name_key or key in words:
        return 3.0
    asked = key.split()
    if len(asked) > 1 and _each_begins_a_word(asked, list(words)):
        return 2.5
    if any(word.startswith(key) for word in words) or name_key.startswith(key):
        return 2.0
    if key in name_key:
        return 1.5
    if len(key) >= MIN_FUZZY:
        ratio = max(fuzz.ratio(key, word, score_cutoff=100 * FUZZY_RATIO) for word in words) / 100
        if ratio >= FUZZY_RATIO:
            return ratio
    return 0.0


def _each_begins_a_word(asked: list[str], words: list[str]) -> bool:
    """Whether every asked word begins its own word of the name (longest asked words first)."""
    free = list(words)
    for part in sorted(asked, key=len, reverse=True):
        found = next((w for w in free if w.startswith(part)), None)
        if found is None:
            return False
        free.remove(found)
    return True


def person_label(dataset: Dataset, person_id: str) -> str:
    """A person as a search result tells them apart from namesakes: name, life and the
    oppositions they belonged to (in the order they formed), e.g.
    "Ivan Smirnov (1881–1936) · Left Opposition, United Opposition"."""
    person = dataset.persons[person_id]
    life = "–".join(str(d.year) if d else "?" for d in (person.born, person.died))
    factions = sorted({m.faction for m in dataset.memberships_of(person_id)},
                      key=lambda f: (dataset.factions[f].formed.sort_key(), f))
    named = [dataset.factions[f].label for f in factions if dataset.factions[f].kind != "leadership"] or \
        [dataset.factions[f].label for f in factions]
    groups = ", ".join(named[:2]) + (f" and {len(named) - 2} more" if len(named) > 2 else "")
    return f"{person.name} ({life})" + (f" · {groups}" if groups else "")
