"""The shipped dataset, loaded once for the whole test run: a :class:`~oppositions.dataset.Dataset`
is immutable, so every test can read the same one."""

from __future__ import annotations

from functools import cache

from oppositions.dataset import Dataset, load_dataset


@cache
def shipped() -> Dataset:
    """``data/``, loaded and validated once per test process."""
    return load_dataset()
