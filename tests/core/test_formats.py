"""Dates and times as people in Finland read them, in every language of the interface."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, time_format

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 2, 2)
TIME = datetime.time(9, 0)


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [("fi", "2.2.2027", "2. helmikuuta 2027"), ("sv", "2.2.2027", "2 februari 2027"), ("en", "2.2.2027", "2 Feb 2027")],
)
def test_dates_are_day_first_in_every_language(language, short, long):
    with translation.override(language):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert date_format(DAY, "DATE_FORMAT") == long


def test_english_never_writes_a_month_first_date():
    with translation.override("en"):
        rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }} {{ day|date }}').render(
            Context({"day": datetime.date(2027, 3, 2)})
        )
    assert rendered == "2.3.2027 2 Mar 2027"
    assert "03/02" not in rendered


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_times_are_written_with_a_dot(language):
    with translation.override(language):
        assert time_format(TIME, "TIME_FORMAT") == "9.00"
        assert time_format(datetime.time(15, 30), "TIME_FORMAT") == "15.30"


def test_swedish_is_not_iso():
    with translation.override("sv"):
        assert date_format(DAY, "SHORT_DATE_FORMAT") != "2027-02-02"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_day_first_dates_are_read_back(language):
    from django import forms

    with translation.override(language):
        field = forms.DateField()
        assert field.clean("2.3.2027") == datetime.date(2027, 3, 2)
        assert field.clean("2027-03-02") == datetime.date(2027, 3, 2)
