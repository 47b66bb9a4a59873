"""Hand-made articles and events shared by the link, eval and store tests.

Every sentence here is written for these tests. ``reports()`` is one
incident told twice (a lead and its restatement in article ``a``, a second
outlet in ``b``) plus two distractors: the same unit at the same place months
later (``c``) and the same unit on the same day far away (``d``).
``bridge()`` is three reports where only the middle one links to both ends.
"""

from __future__ import annotations

from frontwire.model import Article, DateRange, Event, Extraction, Place

VUHLEDAR = Place("Vuhledar", (0, 0), country="UA", admin1="Donetsk", lat=47.78, lon=37.25, gazetteer_id="geonames:1", kind="city")
PAVLIVKA = Place("Pavlivka", (0, 0), country="UA", admin1="Donetsk", lat=47.80, lon=37.30, gazetteer_id="geonames:2", kind="city")
KUPIANSK = Place("Kupiansk", (0, 0), country="UA", admin1="Kharkiv", lat=49.71, lon=37.61, gazetteer_id="geonames:3", kind="city")
BELGOROD = Place("Belgorod", (0, 0), country="RU", admin1="Belgorod", lat=None, lon=None, kind="city")
UKRAINE = Place("Ukraine", (0, 0), country="UA", lat=49.0, lon=32.0, gazetteer_id="geonames:9", kind="country")


def day(value: str) -> DateRange:
    return DateRange(value, value, "day", value)


def month(value: str) -> DateRange:
    return DateRange(f"{value}-01", f"{value}-28", "month", value)


def event(doc: str, start: int, text: str, *, type: str = "desertion", **fields: object) -> Event:
    return Event(doc, type, (start, start + len(text)), text, **fields)


def article(doc: str, outlet: str | None, published: str | None, text: str = "") -> Article:
    return Article(doc, text or f"Text of report {doc}.", outlet=outlet, published=published)


def reports() -> list[tuple[Article, list[Event]]]:
    a = article("a", "Meduza", "2024-03-05")
    b = article("b", "Kyiv Independent", "2024-03-06")
    c = article("c", "Kyiv Independent", "2024-08-20")
    d = article("d", "Astra", "2024-03-06")
    marines = {"side": "russia"}
    return [
        (a, [
            event("a", 0, "Marines of the 155th Brigade deserted their positions near Vuhledar.", unit="155th Brigade",
                  location=VUHLEDAR, date=day("2024-03-02"), **marines),
            event("a", 80, "A group of marines slipped away from the front overnight, relatives told the outlet.",
                  unit="155th Separate Guards Marine Brigade", **marines),
        ]),
        (b, [
            event("b", 0, "At least a dozen servicemen from the 155th Marine Brigade fled the Vuhledar sector on Saturday.",
                  unit="155th Marine Brigade", location=VUHLEDAR, date=day("2024-03-02"), **marines),
        ]),
        (c, [
            event("c", 0, "Men of the 155th Brigade abandoned trenches near Vuhledar on Sunday.", unit="155th Brigade",
                  location=VUHLEDAR, date=day("2024-08-18"), **marines),
        ]),
        (d, [
            event("d", 0, "Marines of the 155th Brigade left their positions near Kupiansk.", unit="155th Brigade",
                  location=KUPIANSK, date=day("2024-03-02"), **marines),
        ]),
    ]  # fmt: skip


def bridge() -> list[tuple[Article, list[Event]]]:
    """p and r share only a date; q shares the unit with p and the place with r."""
    p = article("p", "Astra", "2024-05-10")
    q = article("q", "Suspilne", "2024-05-11")
    r = article("r", "Ukrainska Pravda", "2024-05-12")
    kind = {"type": "refusal_to_fight", "side": "ukraine"}
    return [
        (p, [event("p", 0, "Soldiers of the 3rd Battalion of the 57th Brigade refused an order to storm a hill.",
                   unit="3rd Battalion of the 57th Brigade", date=day("2024-05-08"), **kind)]),
        (q, [event("q", 0, "Troops of the 57th Brigade would not attack toward Pavlivka on Wednesday.",
                   unit="57th Brigade", location=PAVLIVKA, date=day("2024-05-08"), **kind)]),
        (r, [event("r", 0, "Near Pavlivka a company declined to leave its dugouts, its commander admitted.",
                   location=PAVLIVKA, date=day("2024-05-08"), **kind)]),
    ]  # fmt: skip


def extractions(pairs: list[tuple[Article, list[Event]]]) -> list[Extraction]:
    return [Extraction(a, tuple(events)) for a, events in pairs]
