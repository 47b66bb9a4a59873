"""A small linked store for the web tests: the incident CLI's four articles, plus one article whose
names are markup and whose text quotes two people, to check escaping and highlights.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from frontwire.model import Article, DateRange, Event, Extraction, FieldSpan, Place, Quote
from frontwire.store import Store
from tests.cli import incident_records

HOSTILE = "hostile-5"
SCRIPT = "<script>alert('owned')</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_LEAD = "Eleven marines of the 36th Marine Brigade surrendered near Krynky on 3 March, a captured officer said."
HOSTILE_QUOTE = "We had no water left for four days"
HOSTILE_TEXT = (
    HOSTILE_LEAD + f"\n\n\"{HOSTILE_QUOTE},\" the officer said. \"{SCRIPT}\" was written on the wall, a medic added."
)
KRYNKY = Place("Krynky", (0, 0), country="Ukraine", admin1="Kherson Oblast", lat=46.73, lon=33.09,
               gazetteer_id="geonames:13", kind="city")  # fmt: skip


def hostile() -> Extraction:
    """Markup in the outlet, the unit, the title, a quote and a speaker's name."""
    text = HOSTILE_TEXT
    unit_at = text.index("36th Marine Brigade")
    place_at = text.index("Krynky")
    event = Event(
        doc=HOSTILE, type="surrender", span=(0, len(HOSTILE_LEAD)), text=HOSTILE_LEAD, side="Russia",
        actor="Eleven marines", unit="36th Marine Brigade" + IMG, location=KRYNKY,
        date=DateRange("2024-03-03", "2024-03-03", "day", "on 3 March"), count=11.0, count_unit="people",
        chain=("a captured officer", SCRIPT), source=SCRIPT, origin="a captured officer", evidence="attributed",
        cue="surrendered",
        provenance=(FieldSpan("unit", unit_at, unit_at + len("36th Marine Brigade")), FieldSpan("location", place_at, place_at + 6)),
    )  # fmt: skip
    first = text.index(HOSTILE_QUOTE)
    second = text.index(SCRIPT)
    quotes = (
        Quote(HOSTILE, (first, first + len(HOSTILE_QUOTE)), HOSTILE_QUOTE, speaker="the officer", speaker_type="soldier"),
        Quote(HOSTILE, (second, second + len(SCRIPT)), SCRIPT, speaker=IMG, speaker_type="other"),
    )
    article = Article(HOSTILE, text, outlet=SCRIPT, published="2024-03-05", title=f"Marines give up {SCRIPT}",
                      url="https://example.org/marines")  # fmt: skip
    return Extraction(article, (event,), quotes)


def build(path: Path) -> Path:
    """The incident CLI's store plus the hostile article, linked, entities rebuilt."""
    from frontwire.store import incident_reads
    from frontwire.store.incidents import link_pending, load_linker

    incident_records.build(path, link=False)
    with Store.open(path) as store:
        store.save(hostile())
        link_pending(store, load_linker(store))
        incident_reads.refresh_entities(store)
    return path
