"""Canonical keys for units, places, people and outlets; formation agreement; the alias file."""

from __future__ import annotations

import pytest

from frontwire.errors import ConfigError
from frontwire.link.entities import (
    Aliases,
    fold,
    formations,
    formations_agree,
    outlet_key,
    party_kind,
    person_key,
    place_key,
    read_aliases,
    unit_key,
)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("155th Brigade", ("155-brigade",)),
        ("155th Separate Guards Marine Brigade", ("155-brigade",)),
        ("the 155th Marine Brigade of the Pacific Fleet", ("155-brigade",)),
        ("1st Battalion of the 247th Regiment", ("1-battalion", "247-regiment")),
        ("2nd Battalion, 47th Mechanized Brigade", ("2-battalion", "47-brigade")),
        ("Brigade 155", ("155-brigade",)),
        ("military unit No. 40318", ("40318-unit",)),
        ("the 247th", ("247-",)),
        ("Wagner Group", ()),
        ("the marines", ()),
    ],
)
def test_formations(name, expected):
    assert formations(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("155th Brigade", "unit:155-brigade"),
        ("155th Separate Guards Marine Brigade", "unit:155-brigade"),
        ("156th Separate Motorized Rifle Brigade", "unit:156-brigade"),
        ("1st Battalion of the 247th Regiment", "unit:247-regiment"),  # the outermost formation
        ("3rd Separate Assault Brigade", "unit:3-brigade"),
        ("Unit 40318", "unit:40318-unit"),
        ("Wagner Group", "unit:wagner"),
        ("the Azov Brigade", "unit:azov"),
        ("the Rapid Support Forces", "unit:rapid-support"),  # generic words dropped
        ("the battalion", ""),  # nothing to tell one battalion from another
        ("the marines", ""),
    ],
)
def test_unit_key(name, expected):
    assert unit_key(name) == expected


@pytest.mark.parametrize(
    "x, y, agree",
    [
        ("155th Brigade", "155th Separate Guards Marine Brigade", True),
        ("155th Brigade", "156th Brigade", False),
        ("1st Battalion of the 247th Regiment", "the 247th Regiment", True),
        ("the 247th", "247th Regiment", True),  # a bare ordinal agrees with any echelon
        ("247th Regiment", "247th Brigade", False),
        ("3rd Assault Brigade", "3rd Army Corps", False),
        ("Brigade 155", "155th Marine Brigade", True),
    ],
)
def test_formations_agree(x, y, agree):
    assert formations_agree(formations(x), formations(y)) is agree
    assert formations_agree(formations(y), formations(x)) is agree


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  Kreminna  ", "kreminna"),
        ("Krémínna", "kreminna"),
        ("Sgt. O’Neill", "sgt o'neill"),
        ("Al-Fashir, North Darfur", "al-fashir north darfur"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "make, a, b, same",
    [
        (outlet_key, "The Moscow Times", "Moscow Times", True),
        (outlet_key, "Kyiv Independent", "the Kyiv Independent news", True),
        (outlet_key, "Meduza", "Novaya Gazeta", False),
        (person_key, "Gen. Valery Gerasimov", "valery gerasimov", True),
        (person_key, "Colonel Ivan Petrov", "Ivan Petrov", True),
        (person_key, "Ivan Petrov", "Petr Ivanov", False),
        (place_key, "Bakhmut", " bakhmut ", True),
        pytest.param(
            outlet_key, "Meduza.io", "Meduza", True,
        ),
        pytest.param(
            outlet_key, "reuters.com", "Reuters", True,
        ),
    ],
)  # fmt: skip
def test_keys_merge_wordings(make, a, b, same):
    assert (make(a) == make(b)) is same


def test_place_key_prefers_the_gazetteer_id():
    assert place_key("Bakhmut", "geonames:704508") == "place:geonames:704508"
    assert place_key("Artemivsk", "geonames:704508") == place_key("Bakhmut", "geonames:704508")


@pytest.mark.parametrize(
    "name, kind",
    [
        ("the 155th Brigade", "unit"),
        ("a regional Telegram channel", "channel"),
        ("the defence ministry", "channel"),
        ("Ivan Petrov", "person"),
        ("Meduza", "channel"),
    ],
)
def test_party_kind(name, kind):
    assert party_kind(name) == kind


ALIASES = (
    "# kind<TAB>wording<TAB>canonical\n"
    "\n"
    "unit\tthe Pacific marines\t155th Brigade\n"
    "outlet\tMedusa Project\tMeduza\n"
    "place\tArtemivsk\tBakhmut\n"
    "   # an indented comment\n"
)


def test_read_aliases(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text(ALIASES, encoding="utf-8")
    aliases = read_aliases(path)
    assert len(aliases) == 3
    assert aliases.canonical("unit", "THE PACIFIC MARINES") == "155th Brigade"
    assert aliases.key("unit", "the Pacific marines") == "unit:155-brigade"
    assert aliases.key("outlet", "Medusa Project") == outlet_key("Meduza")
    assert aliases.key("place", "Artemivsk", gazetteer_id="geonames:1") == "place:bakhmut"
    # wordings not in the file key as usual
    assert aliases.key("unit", "the 57th Brigade") == "unit:57-brigade"
    assert aliases.key("place", "Pavlivka", gazetteer_id="geonames:2") == "place:geonames:2"
    assert aliases.canonical("unit", "Medusa Project") is None  # kinds are separate


@pytest.mark.parametrize(
    "line, lineno, words",
    [
        ("weapon\tT-72\ttank", 2, "unknown kind 'weapon'"),
        ("unit\tthe Pacific marines", 2, "expected kind<TAB>wording<TAB>canonical name"),
        ("unit\ta\tb\tc", 2, "expected kind"),
        ("unit\t\t155th Brigade", 2, "expected kind"),
        ("unit the Pacific marines 155th Brigade", 2, "expected kind"),
    ],
)
def test_read_aliases_errors_name_file_and_line(tmp_path, line, lineno, words):
    path = tmp_path / "aliases.tsv"
    path.write_text("unit\tthe Pacific marines\t155th Brigade\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_aliases(path)
    assert caught.value.where == f"{path}:{lineno}"
    assert caught.value.code == "aliases"
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}:{lineno}: aliases: ")


def test_read_aliases_missing_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        read_aliases(tmp_path / "absent.tsv")
    assert caught.value.where == str(tmp_path / "absent.tsv")


def test_empty_aliases_key_like_the_keyers():
    aliases = Aliases()
    assert len(aliases) == 0
    assert aliases.key("unit", "155th Marine Brigade") == unit_key("155th Marine Brigade")
    assert aliases.key("person", "Gen. Ivan Petrov") == person_key("Ivan Petrov")
