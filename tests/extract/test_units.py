"""Unit names: normalization and UNIT mentions of a sentence."""

from __future__ import annotations

import pytest

from frontwire.extract import units


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the 5th Separate Tank Brigade", "5th Separate Tank Brigade"),
        ("Ukraine's 129th Territorial Defense Brigade", "129th Territorial Defense Brigade"),
        ("Russia’s 1009th Regiment", "1009th Regiment"),
        ("1009th Regiment of the Russian Armed Forces", "1009th Regiment"),
        ("488th regiment", "488th Regiment"),
        ("army unit no. 40318", "Unit 40318"),
        ("military unit 40318", "Unit 40318"),
        ("v/ch 12345", "Unit 12345"),
        ("Rosgvardia National Guard", "Rosgvardia"),
        ("National Guard of Russia", "Rosgvardia"),
        ("Storm Z", "Storm-Z"),
        ("the Wagner Group", "Wagner Group"),
        ("155th Separate Guards Marine Brigade of the Pacific Fleet", "155th Separate Guards Marine Brigade of the Pacific Fleet"),
        ("the 20th Combined Arms Army", "20th Combined Arms Army"),
        ("the first tank regiment", "1st Tank Regiment"),
        ("company Hetz", "Hetz Company"),
    ],
)
def test_normalize(text, expected):
    assert units.normalize(text) == expected


def test_units_in_range(nlp):
    text = "The 47th Mechanized Brigade attacked. Men of the 58th Army fled."
    doc = nlp(text)
    second = text.index("Men")
    got = units.units(doc, second, len(text), doc_id="d1")
    assert [(m.norm, m.doc, m.label) for m in got] == [("58th Army", "d1", "UNIT")]
    assert text[got[0].span[0] : got[0].span[1]] == "58th Army"
