"""Place mentions of a sentence and free-string resolution."""

from __future__ import annotations

import pytest

from frontwire.extract import places


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Soldiers in the Kharkiv region refused orders.", [("Kharkiv region", "Ukraine", "admin1")]),
        ("The men were moved from Crimea to Kursk.", [("Crimea", "Ukraine", "admin1"), ("Kursk", "Russia", "city")]),
        ("Russian conscripts complained about their officers.", []),
        ("Shelling hit Shebekino and Graivoron.", [("Shebekino", "Russia", "city"), ("Graivoron", "Russia", "city")]),
        ("Troops were shelled at the Donetsk airport.", [("Donetsk airport", "Ukraine", "feature")]),
    ],
)
def test_places_in_sentence(nlp, text, expected):
    doc = nlp(text)
    got = [(p.name, p.country, p.kind) for p in places.places(doc, 0, len(text))]
    assert got == expected


def test_places_respect_range_and_offsets(nlp):
    text = "Fighting near Bakhmut. Later in Kherson."
    doc = nlp(text)
    second = text.index("Later")
    got = places.places(doc, second, len(text))
    assert [p.name for p in got] == ["Kherson"]
    start, end = got[0].span
    assert text[start:end] == "Kherson"
    assert got[0].gazetteer_id.startswith("geonames:")


@pytest.mark.parametrize(
    "name, country",
    [
        ("Sevastopol", "Ukraine"),
        ("the Luhansk region", "Ukraine"),
        ("Zaporozhye", "Ukraine"),
        ("South Ossetia", "Georgia"),
        ("Transnistria", "Moldova"),
        ("Avdeyevka", "Ukraine"),
        ("Sverdlovsk region", "Russia"),
        ("Khartoum", "Sudan"),
    ],
)
def test_country_of(name, country):
    assert places.country_of(name) == country


@pytest.mark.parametrize("name", ["Wagner", "Anastasia", "the front line", ""])
def test_unresolvable(name):
    assert places.resolve(name) is None
    assert places.country_of(name) is None


def test_resolve_keeps_written_name():
    place = places.resolve("Kharkiv Oblast")
    assert (place.name, place.country, place.admin1) == ("Kharkiv Oblast", "Ukraine", "Kharkiv")
    assert place.lat is not None and place.lon is not None
