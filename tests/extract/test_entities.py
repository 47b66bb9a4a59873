"""All entity mentions of a document with normalized names."""

from __future__ import annotations

import pytest

from frontwire.extract import entities


@pytest.mark.parametrize(
    "text, label, norm",
    [
        ("Men of Russia's 1009th Regiment spoke to reporters.", "UNIT", "1009th Regiment"),
        ("The soldiers described the shelling to MediaZona.", "MEDIA", "Mediazona"),
        ("Shelling in Kharkov Oblast continued.", "PLACE", "Kharkiv region"),
        ("Troops crossed into Artyomovsk at dawn.", "PLACE", "Bakhmut"),
        ("Russian soldiers filmed the appeal.", "NORP", "Russian"),
        ("Sergei Shoigu visited the troops.", "PERSON", "Sergei Shoigu"),
    ],
)
def test_mention_norms(nlp, text, label, norm):
    got = [(m.label, m.norm) for m in entities.mentions(nlp(text), doc_id="x")]
    assert (label, norm) in got


def test_mentions_carry_doc_and_kb_ids(nlp):
    text = "Troops left Izyum, Reuters reported."
    got = entities.mentions(nlp(text), doc_id="doc-7")
    assert {m.doc for m in got} == {"doc-7"}
    place = next(m for m in got if m.label == "PLACE")
    assert place.kb_id.startswith("geonames:")
    assert text[place.span[0] : place.span[1]] == "Izyum"
    media = next(m for m in got if m.label == "MEDIA")
    assert media.kb_id == "media:Reuters"
