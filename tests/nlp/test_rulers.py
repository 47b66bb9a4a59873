"""Entity rulers in front of NER: PLACE, UNIT and MEDIA on hand-written sentences."""

from __future__ import annotations

import pytest


def ents(nlp, text, label):
    return [e.text for e in nlp(text).ents if e.label_ == label]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shelling hit Graivoron overnight, the governor said.", ["Graivoron"]),
        ("Residents of Shchastya left their homes.", ["Shchastya"]),
        ("Troops retreated toward Luhansk after the attack.", ["Luhansk"]),
        ("Drones struck the Kharkiv region again.", ["Kharkiv region"]),
        ("Mobilized men from the Belgorod Oblast complained.", ["Belgorod Oblast"]),
        ("Fighting continued near Artyomovsk and Kupyansk.", ["Artyomovsk", "Kupyansk"]),
        ("The men were sent back to the Donetsk airport.", ["Donetsk airport"]),
        ("Conscripts were seized in Rangoon last week.", ["Rangoon"]),
        ("Vladimir Putin signed the decree.", []),
        ("Anastasia said her husband was sent to the front.", []),
        ("In March the brigade lost its tanks.", []),
        ("Maria Kuznetsova waited for her son.", []),
        ("Kuznetsova said her son had not called.", []),
        ("Artyom said the drones never came back.", []),
        ("Lieutenant General Tin Aung San chaired the meeting.", []),
    ],
)
def test_place(nlp, text, expected):
    assert ents(nlp, text, "PLACE") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Soldiers of the 5th Separate Tank Brigade refused to attack.", ["5th Separate Tank Brigade"]),
        ("The 1009th Regiment was sent forward without ammunition.", ["1009th Regiment"]),
        ("He served in the 155th Separate Guards Marine Brigade of the Pacific Fleet until May.",
         ["155th Separate Guards Marine Brigade of the Pacific Fleet"]),
        ("Ukraine's 129th Territorial Defense Brigade held the line.", ["129th Territorial Defense Brigade"]),
        ("Officers from the 20th Combined Arms Army were dismissed.", ["20th Combined Arms Army"]),
        ("A soldier from military unit 40318 wrote to his mother.", ["military unit 40318"]),
        ("A private from army unit no. 40318 spoke to reporters.", ["army unit no. 40318"]),
        ("Rosgvardia officers detained the men.", ["Rosgvardia"]),
        ("Former prisoners in Storm-Z units were used as assault troops.", ["Storm-Z"]),
        ("The Wagner Group withdrew its fighters.", ["Wagner Group"]),
        ("Fighters of the Golani Brigade entered the camp.", ["Golani Brigade"]),
        ("The Rapid Support Forces seized the town.", ["Rapid Support Forces"]),
        ("He said the second motorized rifle battalion had run away.", ["second motorized rifle battalion"]),
        ("The first company to reach the village was shelled.", []),
        ("Reservists of the engineering company Bashir lost two trucks.", ["company Bashir"]),
    ],
)
def test_unit(nlp, text, expected):
    assert ents(nlp, text, "UNIT") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The soldiers told MediaZona they had not been paid.", ["MediaZona"]),
        ("Reuters and AFP could not verify the video.", ["Reuters", "AFP"]),
        ("The Moscow Times reported that the order was withdrawn.", ["The Moscow Times"]),
        ("The Kyiv Independent published the intercepted call.", ["The Kyiv Independent"]),
        ("The video was posted by the Pskov Province Telegram channel on Sunday.", ["Pskov Province Telegram channel"]),
        ("As the Telegram channel put it, the recruits were detained.", []),
        ("A pro-Kremlin Telegram channel complained about shells.", []),
    ],
)
def test_media(nlp, text, expected):
    assert ents(nlp, text, "MEDIA") == expected


def test_place_kb_id(nlp):
    doc = nlp("The battalion was moved to Kherson.")
    (ent,) = [e for e in doc.ents if e.label_ == "PLACE"]
    assert ent.kb_id_.startswith("geonames:")


def test_ner_still_labels_around_rulers(nlp):
    doc = nlp("Sergei Shoigu visited troops near Bakhmut on Tuesday.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Bakhmut"] == "PLACE"
    assert labels["Sergei Shoigu"] == "PERSON"
