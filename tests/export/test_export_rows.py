"""The export contract: the keys and value types of event, quote and article rows."""

from __future__ import annotations

import dataclasses
import re

import pytest

from frontwire.export import article_row, event_row, quote_row
from frontwire.model import Article, DateRange, Event, FieldSpan, Place, Quote

EVENT_CONTRACT = {
    "doc": str, "type": str, "span": list, "text": str, "side": (str, type(None)), "actor": (str, type(None)),
    "unit": (str, type(None)), "location": (str, type(None)), "country": (str, type(None)),
    "lat": (float, type(None)), "lon": (float, type(None)), "date": (str, type(None)),
    "count": (int, float, type(None)), "count_unit": (str, type(None)), "source": (str, type(None)),
    "origin": (str, type(None)), "evidence": str,
}  # fmt: skip
QUOTE_CONTRACT = {"doc": str, "span": list, "text": str, "speaker": (str, type(None)), "speaker_type": str}
DATE_VALUE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")

FULL = Event(
    doc="d", type="heavy_losses", span=(10, 60), text="x" * 50, side="Russia", actor="assault troops",
    unit="30th Brigade", location=Place("Pokrovsk", (20, 28), country="Ukraine", lat=48.28, lon=37.18),
    date=DateRange("2024-08-01", "2024-08-31", "month"), count=300.0, count_unit="people",
    chain=("a blogger", "d outlet"), source="a blogger", origin="a blogger", evidence="attributed",
    provenance=(FieldSpan("unit", 12, 24),),
)  # fmt: skip
BARE = Event(doc="d", type="morale_statement", span=(0, 5), text="abcde")


@pytest.mark.parametrize("event", [FULL, BARE], ids=["full", "bare"])
def test_event_row_meets_the_contract(event):
    row = event_row(event)
    for key, kind in EVENT_CONTRACT.items():
        assert isinstance(row[key], kind), key
    assert row["span"] == list(event.span) and all(isinstance(i, int) for i in row["span"])
    assert row["date"] is None or DATE_VALUE.match(row["date"])


@pytest.mark.parametrize(
    "date, expected",
    [
        (DateRange("2024-08-01", "2024-08-31", "month"), "2024-08"),
        (DateRange("2024-08-05", "2024-08-05", "day"), "2024-08-05"),
        (DateRange("2024-08-05", "2024-08-11", "week"), "2024-08-05/2024-08-11"),
    ],
)
def test_event_row_date_forms(date, expected):
    assert event_row(dataclasses.replace(FULL, date=date))["date"] == expected


@pytest.mark.parametrize("count, expected", [(300.0, 300), (2.5, 2.5), (None, None)])
def test_event_row_count_is_an_int_when_whole(count, expected):
    row = event_row(dataclasses.replace(FULL, count=count))
    assert row["count"] == expected and type(row["count"]) is type(expected)
    assert row["count_unit"] == ("people" if count is not None else None)


def test_quote_row_meets_the_contract():
    row = quote_row(Quote("d", (3, 9), "abcdef", "a sergeant", "soldier", (12, 22)))
    for key, kind in QUOTE_CONTRACT.items():
        assert isinstance(row[key], kind), key
    assert row["span"] == [3, 9]


def test_article_row():
    article = Article("d", "Some text.", outlet="Wire", published="2024-01-02")
    row = article_row(article)
    assert row["sha256"] == article.sha256 and row["chars"] == 10 and row["text"] == "Some text."
    assert "text" not in article_row(article, text=False)
