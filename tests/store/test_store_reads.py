"""Event filters: each option alone, dates by interval overlap, search errors."""

from __future__ import annotations

import dataclasses

import pytest

from frontwire.errors import ConfigError
from frontwire.model import Article, DateRange, Event, Extraction, Place
from frontwire.store import Store, date_bound

TEXT = "Sentence one about a tank. Sentence two about rations. Sentence three about fleeing."


def event(n: int, **fields) -> Event:
    start = [0, 27, 55][n % 3]
    end = [26, 54, len(TEXT)][n % 3]
    base = Event(doc=fields.pop("doc", "d1"), type="desertion", span=(start, end), text=TEXT[start:end])
    return dataclasses.replace(base, **fields)


EVENTS = (
    event(0, type="equipment_loss", side="Russia", unit="1st Guards Tank Army",
          location=Place("Avdiivka", (0, 1), country="Ukraine", admin1="Donetsk Oblast"),
          date=DateRange("2024-02-10", "2024-02-17", "week"), evidence="attributed"),
    event(1, type="supply_shortage", side="Ukraine", unit="47th Mechanized Brigade",
          location=Place("Zaporizhzhia", (0, 1), country="Ukraine"),
          date=DateRange("2023-11-01", "2023-11-30", "month")),
    event(2, side="Sudan", actor="RSF fighters", location=Place("El Fasher", (0, 1), country="Sudan"),
          evidence="unverified"),
)  # fmt: skip
OTHER = (event(0, doc="d2", type="surrender", side="russia", date=DateRange("2022-09-12", "2022-09-12", "day")),)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("reads") / "t.db"
    with Store.open(path) as s:
        s.save(Extraction(Article("d1", TEXT, outlet="Wire A", published="2024-02-20", title="Tanks lost"), EVENTS))
        s.save(Extraction(Article("d2", "Marines gave up near a bridge.", outlet="Wire B"), OTHER))
    with Store.open(path, readonly=True) as s:
        yield s


def ids(events) -> list[tuple[str, int]]:
    return [(e.doc, e.span[0]) for e in events]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, [("d1", 0), ("d1", 27), ("d1", 55), ("d2", 0)]),
        ({"type": "desertion"}, [("d1", 55)]),
        ({"side": "RUSSIA"}, [("d1", 0), ("d2", 0)]),
        ({"side": "Russ"}, []),
        ({"unit": "guards tank"}, [("d1", 0)]),
        ({"unit": "%"}, []),
        ({"place": "fasher"}, [("d1", 55)]),
        ({"place": "donetsk"}, [("d1", 0)]),
        ({"place": "ukraine"}, [("d1", 0), ("d1", 27)]),
        ({"evidence": "unverified"}, [("d1", 55)]),
        ({"since": "2024"}, [("d1", 0)]),
        ({"until": "2023-11"}, [("d1", 27), ("d2", 0)]),
        ({"since": "2023-11-30", "until": "2024-02-10"}, [("d1", 0), ("d1", 27)]),
        ({"since": "2023-12", "until": "2024-01"}, []),
        ({"until": "2022-09-11"}, []),
        ({"q": "ration"}, [("d1", 27)]),  # a substring of the sentence, not an indexed word
        ({"q": "rations"}, [("d1", 0), ("d1", 27), ("d1", 55)]),  # the article matches
        ({"q": "tanks"}, [("d1", 0), ("d1", 27), ("d1", 55)]),  # in the title only
        ({"q": "bridge"}, [("d2", 0)]),
        ({"doc": "d2"}, [("d2", 0)]),
        ({"limit": 2, "offset": 1}, [("d1", 27), ("d1", 55)]),
        ({"side": "russia", "type": "surrender"}, [("d2", 0)]),
    ],
)
def test_event_filters(store, filters, expected):
    assert ids(store.events(**filters)) == expected


@pytest.mark.parametrize("q", ['"unterminated', "AND", "NEAR(", "tank-army"])
def test_a_bad_search_is_a_clear_error(store, q):
    with pytest.raises(ConfigError, match="bad search query"):
        store.events(q=q)


@pytest.mark.parametrize("value", ["24", "2024-13", "2023-02-29", "2024/01", "May 2024", "2024-1-5"])
def test_bad_dates_are_refused(store, value):
    with pytest.raises(ConfigError):
        store.events(since=value)


@pytest.mark.parametrize(
    "value, end, expected",
    [
        ("2024", False, "2024-01-01"),
        ("2024", True, "2024-12-31"),
        ("2024-02", True, "2024-02-29"),
        ("2023-02", True, "2023-02-28"),
        ("2024-06-15", True, "2024-06-15"),
    ],
)
def test_date_bound(value, end, expected):
    assert date_bound(value, end=end) == expected


def test_stats(store):
    stats = store.stats()
    assert stats["articles"] == 2 and stats["events"] == 4 and stats["quotes"] == 0
    assert stats["events_by_type"] == {"desertion": 1, "equipment_loss": 1, "supply_shortage": 1, "surrender": 1}
    assert stats["events_by_side"] == {"Russia": 1, "Sudan": 1, "Ukraine": 1, "russia": 1}
    assert stats["events_by_evidence"] == {"asserted": 2, "attributed": 1, "unverified": 1}
    assert stats["event_dates"] == {"first": "2022-09-12", "last": "2024-02-17"}
    assert stats["published"] == {"first": "2024-02-20", "last": "2024-02-20"}
    assert stats["outlets"] == {"Wire A": 1, "Wire B": 1}


def test_articles_by_search_and_id(store):
    assert [a.id for a in store.articles()] == ["d1", "d2"]
    assert [a.id for a in store.articles(q="marines")] == ["d2"]
    assert [a.id for a in store.articles(doc="d1")] == ["d1"]
    assert store.article("nope") is None and store.event("nope") is None
