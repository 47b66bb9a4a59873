"""The gazetteer: transliteration variants, regions, borders, ambiguity and the stoplist."""

from __future__ import annotations

import pytest

from frontwire.nlp import gazetteer


@pytest.mark.parametrize(
    "name, canonical, country",
    [
        ("Kharkiv", "Kharkiv", "Ukraine"),
        ("Kharkov", "Kharkiv", "Ukraine"),
        ("Kiev", "Kyiv", "Ukraine"),
        ("Artemivsk", "Bakhmut", "Ukraine"),
        ("Artyomovsk", "Bakhmut", "Ukraine"),
        ("Dzerzhinsk", "Toretsk", "Ukraine"),  # Soviet-era names in Russian reporting
        ("Krasnoarmeysk", "Pokrovsk", "Ukraine"),
        ("Gorlovka", "Horlivka", "Ukraine"),
        ("Izium", "Izyum", "Ukraine"),
        ("Lugansk", "Luhansk", "Ukraine"),
        ("Dnipropetrovsk", "Dnipro", "Ukraine"),
        ("Graivoron", "Grayvoron", "Russia"),
        ("Rangoon", "Yangon", "Myanmar"),
        ("Burma", "Myanmar", "Myanmar"),
        ("Donbass", "Donbas", "Ukraine"),
    ],
)
def test_variants(name, canonical, country):
    entry = gazetteer.lookup(name)
    assert entry is not None
    assert (entry.name, entry.country) == (canonical, country)


@pytest.mark.parametrize(
    "name, country",
    [
        ("Crimea", "Ukraine"),
        ("Sevastopol", "Ukraine"),
        ("Donetsk", "Ukraine"),
        ("Luhansk", "Ukraine"),
        ("Zaporizhzhia", "Ukraine"),
        ("Kherson", "Ukraine"),
        ("South Ossetia", "Georgia"),
        ("Abkhazia", "Georgia"),
        ("Tskhinvali", "Georgia"),
        ("Transnistria", "Moldova"),
        ("Tiraspol", "Moldova"),
        ("Gaza", "Palestine"),
        ("Belgorod", "Russia"),
    ],
)
def test_international_borders(name, country):
    assert gazetteer.lookup(name).country == country


@pytest.mark.parametrize(
    "name, base, kind",
    [
        ("Kharkiv region", "Kharkiv", "admin1"),
        ("Kharkiv Oblast", "Kharkiv", "admin1"),
        ("Kharkiv oblast", "Kharkiv", "admin1"),
        ("Belgorod region", "Belgorod", "admin1"),
        ("Belgorod Oblast", "Belgorod", "admin1"),
        ("Sverdlovsk region", "Sverdlovsk", "admin1"),
        ("Khakassia", "Khakassia", "admin1"),
        ("Donbas", "Donbas", "region"),
        ("Shan State", "Shan", "admin1"),
        ("Donetsk airport", "Donetsk", "feature"),
    ],
)
def test_regions_and_features(name, base, kind):
    entry = gazetteer.lookup(name)
    assert (entry.name, entry.kind) == (base, kind)


@pytest.mark.parametrize(
    "name, country",
    [("Varna", "Bulgaria"), ("Alexandria", "Egypt"), ("Moscow", "Russia"), ("Georgia", "Georgia")],
)
def test_ambiguity_weighs_population(name, country):
    assert gazetteer.lookup(name).country == country


@pytest.mark.parametrize(
    "name", ["Vladimir", "Anastasia", "Aleksei", "March", "Storm", "Wagner", "Victory", "Independence", "Mir", "Hamas"]
)
def test_stoplist(name):
    assert gazetteer.lookup(name) is None


def test_entry_ids_and_coordinates():
    entry = gazetteer.lookup("Bakhmut")
    assert entry.id.startswith("geonames:")
    assert entry.kind == "city" and entry.population > 10_000
    assert 48 < entry.lat < 49 and 37 < entry.lon < 39
