"""Partial ISO 8601 dates: a year, a month or a day, never made more precise than known.

Historians often know only the year (``1921``) or the month (``1921-03``) of a fact. A
:class:`PartialDate` keeps exactly that precision and answers questions about it as an
interval: the earliest and latest calendar day it may stand for, and the years it touches.

Examples
--------
>>> d = PartialDate.parse("1921-03")
>>> d.precision, d.year, str(d)
('month', 1921, '1921-03')
>>> d.earliest(), d.latest()
(datetime.date(1921, 3, 1), datetime.date(1921, 3, 31))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "DateError", "parse_optional"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A text that is not a valid partial ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""


@dataclass(frozen=True, order=False, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Parameters
    ----------
    year : int
    month : int or None
        None when only the year is known.
    day : int or None
        None when only the year or the month is known.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is not between 01 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read ``1921``, ``1921-03`` or ``1921-03-16``; raise :class:`DateError` otherwise.

        >>> PartialDate.parse("1937-09-02").day
        2
        """
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise DateError(f"{text!r} is not a date like 1921, 1921-03 or 1921-03-16")
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``'year'``, ``'month'`` or ``'day'``: how much of the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> dt.date:
        """The first calendar day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last calendar day this date may stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Order by earliest possible day, a less precise date first among equals."""
        return (self.year, self.month or 0, self.day or 0)

    def reading_key(self) -> tuple[int, int, int]:
        """The order of the steps of a life: a date known only to its year (or month) after the
        dated facts it may hold, since a fact recorded with less precision is usually told as
        the outcome of the dated ones (an arrest on 1 January 1935, then "1935: sentenced").

        >>> sorted(["1935", "1935-01-01", "1935-01"], key=lambda d: PartialDate.parse(d).reading_key())
        ['1935-01-01', '1935-01', '1935']
        """
        return (self.year, self.month or 13, self.day or 32)

    def fractional(self) -> float:
        """The date as a year with a fraction, at the middle of what is known.

        >>> PartialDate.parse("1921").fractional(), PartialDate.parse("1921-07").fractional()
        (1921.5, 1921.5416666666667)
        """
        if self.month is None:
            return self.year + 0.5
        if self.day is None:
            return self.year + (self.month - 0.5) / 12
        days = calendar.monthrange(self.year, self.month)[1]
        return self.year + (self.month - 1 + (self.day - 0.5) / days) / 12

    def surely_before(self, other: "PartialDate") -> bool:
        """True when every day this date may stand for precedes every day of ``other``.

        >>> PartialDate.parse("1921").surely_before(PartialDate.parse("1921-03"))
        False
        >>> PartialDate.parse("1920-12").surely_before(PartialDate.parse("1921"))
        True
        """
        return self.latest() < other.earliest()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """A reader's form: ``1921``, ``March 1921`` or ``16 March 1921``."""
        if self.month is None:
            return str(self.year)
        month_name = calendar.month_name[self.month]
        if self.day is None:
            return f"{month_name} {self.year}"
        return f"{self.day} {month_name} {self.year}"


def parse_optional(text: str | None) -> PartialDate | None:
    """Parse a cell that may be empty: ``None`` or ``''`` give ``None``."""
    if text is None or str(text).strip() == "":
        return None
    return PartialDate.parse(str(text))
