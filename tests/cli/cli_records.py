"""A small store built from hand-made records, for CLI tests that need no pipeline."""

from __future__ import annotations

from pathlib import Path

from frontwire.model import Article, DateRange, Event, Extraction, FieldSpan, Place, Quote
from frontwire.store import Store

TEXT_A = (
    "Morale is collapsing, a sergeant wrote. "
    "Twelve men from the 3rd Motor Rifle Battalion deserted near Tokmak on Sunday, a local channel said. "
    "\"Nobody feeds us and nobody answers,\" the sergeant wrote in a letter. "
    "Officials gave no comment."
)
TEXT_B = "Two tanks were lost when their crews abandoned them in the mud, the army admitted on 4 March."


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def extractions() -> list[Extraction]:
    s = span_of(TEXT_A, "Twelve men from the 3rd Motor Rifle Battalion deserted near Tokmak on Sunday, a local channel")
    s = (s[0], s[1] + len(" said."))
    unit = span_of(TEXT_A, "3rd Motor Rifle Battalion")
    place = span_of(TEXT_A, "Tokmak")
    when = span_of(TEXT_A, "on Sunday")
    desertion = Event(
        doc="wire-1", type="desertion", span=s, text=TEXT_A[s[0] : s[1]], side="Russia", actor="Twelve men",
        unit="3rd Motor Rifle Battalion",
        location=Place("Tokmak", place, country="Ukraine", admin1="Zaporizhzhia Oblast", lat=47.25, lon=35.7,
                       gazetteer_id="geonames:1", kind="city"),
        date=DateRange("2024-03-03", "2024-03-03", "day", "on Sunday", when), count=12.0, count_unit="people",
        chain=("local channel", "Frontline Wire"), source="local channel", origin="local channel",
        evidence="attributed", cue="deserted", provenance=(FieldSpan("unit", *unit), FieldSpan("location", *place)),
    )  # fmt: skip
    morale = Event(
        doc="wire-1", type="morale_statement", span=(0, 39), text=TEXT_A[0:39], side="Russia",
        source="Frontline Wire", evidence="asserted", cue="Morale is collapsing",
    )  # fmt: skip
    q = span_of(TEXT_A, "Nobody feeds us and nobody answers,")
    quote = Quote("wire-1", q, TEXT_A[q[0] : q[1]], "the sergeant", "soldier", span_of(TEXT_A, "the sergeant"))
    far = Quote("wire-1", (len(TEXT_A) - 5, len(TEXT_A) - 1), "ment", None, "other")
    loss = Event(
        doc="wire-2", type="equipment_loss", span=(0, len(TEXT_B)), text=TEXT_B, side="Ukraine",
        date=DateRange("2024-03-04", "2024-03-04", "day", "on 4 March"), count=2.0, count_unit="vehicles",
        source="the army", evidence="attributed",
    )  # fmt: skip
    return [
        Extraction(Article("wire-1", TEXT_A, outlet="Frontline Wire", published="2024-03-05", title="Letters"),
                   (morale, desertion), (quote, far)),  # fmt: skip
        Extraction(Article("wire-2", TEXT_B, outlet="Mud Courier", published="2024-03-06"), (loss,)),
    ]


def build(path: Path) -> Path:
    with Store.open(path) as store:
        for extraction in extractions():
            store.save(extraction)
    return path
