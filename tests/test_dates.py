"""Partial dates: parsing, precision, intervals and order, with properties over all dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oppositions.dates import DateError, PartialDate, parse_optional

days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))
partial_dates = days.flatmap(lambda d: st.sampled_from([
    PartialDate(d.year), PartialDate(d.year, d.month), PartialDate(d.year, d.month, d.day)]))


@pytest.mark.parametrize("text, precision", [("1921", "year"), ("1921-03", "month"), ("1937-09-02", "day")])
def test_parse_keeps_precision(text, precision):
    date = PartialDate.parse(text)
    assert date.precision == precision and str(date) == text


@pytest.mark.parametrize("text", ["", "21", "1921-3", "1921-13", "1921-02-30", "1921/03", "March 1921", "1921-03-16T00"])
def test_parse_rejects(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_human_form():
    assert PartialDate.parse("1937-09-02").human() == "2 September 1937"
    assert PartialDate.parse("1921-03").human() == "March 1921"
    assert PartialDate.parse("1921").human() == "1921"


def test_parse_optional_empty():
    assert parse_optional("") is None and parse_optional(None) is None


def test_same_year_is_not_surely_before():
    assert not PartialDate.parse("1921").surely_before(PartialDate.parse("1921-12-31"))
    assert PartialDate.parse("1921-03-15").surely_before(PartialDate.parse("1921-03-16"))


@given(partial_dates)
def test_round_trip(date):
    assert PartialDate.parse(str(date)) == date


@given(partial_dates)
def test_interval_holds_its_days(date):
    assert date.earliest() <= date.latest()
    assert date.earliest().year == date.latest().year == date.year


@given(days)
def test_a_day_lies_within_its_month_and_year(day):
    for coarse in (PartialDate(day.year), PartialDate(day.year, day.month)):
        assert coarse.earliest() <= day <= coarse.latest()


@given(partial_dates, partial_dates)
def test_surely_before_is_asymmetric_and_agrees_with_order(a, b):
    assert not (a.surely_before(b) and b.surely_before(a))
    if a.surely_before(b):
        assert a.sort_key() < b.sort_key()
