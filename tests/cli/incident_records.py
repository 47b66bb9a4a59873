"""A small linked store for the incident CLI tests: one incident told by two outlets and a reprint, one other report.

Every sentence here is written for these tests. ``ledger-1`` and ``steppe-2``
report one desertion (same regiment, place and day) from different first
sources; ``relay-3`` reprints ``ledger-1`` with a word or two changed; ``mud-4``
is an undated equipment loss elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from frontwire.model import Article, DateRange, Event, Extraction, Place
from frontwire.store import Store

LEDGER, STEPPE, RELAY, MUD = "ledger-1", "steppe-2", "relay-3", "mud-4"
DESERTION_DOCS = (LEDGER, STEPPE, RELAY)  # earliest report first
ROBOTYNE = Place("Robotyne", (0, 0), country="Ukraine", admin1="Zaporizhzhia Oblast", lat=47.45, lon=35.84,
                 gazetteer_id="geonames:11", kind="city")  # fmt: skip
KHARKIV = Place("Kharkiv Oblast", (0, 0), country="Ukraine", admin1="Kharkiv Oblast", lat=49.5, lon=36.8,
                gazetteer_id="geonames:12", kind="admin1")  # fmt: skip
UNIT = "112th Motor Rifle Regiment"
UNIT_SHORT = "the 112th Regiment"

LEDGER_LEAD = (
    "Nine soldiers of the 112th Motor Rifle Regiment walked away from their trenches outside Robotyne "
    "on Monday night, a regimental chaplain told the Dnipro Ledger."
)
LEDGER_TEXT = (
    LEDGER_LEAD + " The men left their rifles stacked by a dugout and headed north along a drainage ditch, "
    "the chaplain said, adding that their company commander had been wounded two days earlier and nobody had "
    "replaced him. Military police later searched the nearby villages but found only one of the men, "
    "hiding in a barn with a broken ankle."
)
RELAY_LEAD = LEDGER_LEAD.replace("on Monday night", "late on Monday").replace("the Dnipro Ledger", "the Ledger")
RELAY_TEXT = (
    LEDGER_TEXT.replace(LEDGER_LEAD, RELAY_LEAD).replace("Military police later", "Military police then")
    + " Relay Daily could not confirm the account on its own."
)
STEPPE_LEAD = (
    "Relatives of soldiers serving in the 112th Regiment say a group of nine men deserted near Robotyne "
    "early this week after weeks without rotation."
)
STEPPE_TEXT = (
    STEPPE_LEAD + " The families, who asked not to be named, said the men had complained for months about "
    "shortages of water and shells. The regiment's press office did not answer a request for comment on Thursday."
)
MUD_LEAD = "Three armoured vehicles of the 25th Airborne Brigade sank in a flooded field and had to be abandoned."
MUD_TEXT = MUD_LEAD + " Crews walked back to their lines under drone fire, and the brigade asked for tracked recovery trucks."

CHAPLAIN = "a regimental chaplain"
RELATIVES = "relatives of the soldiers"


def _desertion(doc: str, text: str, *, unit: str, date: DateRange, origin: str, chain: tuple[str, ...]) -> Event:
    return Event(
        doc=doc, type="desertion", span=(0, len(text)), text=text, side="Russia", actor="Nine soldiers", unit=unit,
        location=ROBOTYNE, date=date, count=9.0, count_unit="people", chain=chain, source=origin, origin=origin,
        evidence="attributed", cue="walked away",
    )  # fmt: skip


def extractions() -> list[Extraction]:
    monday = DateRange("2024-04-08", "2024-04-08", "day", "on Monday night")
    week = DateRange("2024-04-08", "2024-04-14", "week", "early this week")
    ledger = _desertion(LEDGER, LEDGER_LEAD, unit=UNIT, date=monday, origin=CHAPLAIN, chain=(CHAPLAIN, "Dnipro Ledger"))
    relay = _desertion(RELAY, RELAY_LEAD, unit=UNIT, date=monday, origin=CHAPLAIN, chain=(CHAPLAIN, "Dnipro Ledger"))
    steppe = _desertion(STEPPE, STEPPE_LEAD, unit=UNIT_SHORT, date=week, origin=RELATIVES, chain=(RELATIVES,))
    mud = Event(
        doc=MUD, type="equipment_loss", span=(0, len(MUD_LEAD)), text=MUD_LEAD, side="Ukraine",
        unit="25th Airborne Brigade", location=KHARKIV, count=3.0, count_unit="vehicles", evidence="asserted",
    )  # fmt: skip
    return [
        Extraction(Article(LEDGER, LEDGER_TEXT, outlet="Dnipro Ledger", published="2024-04-10", title="Nine gone"), (ledger,)),
        Extraction(Article(STEPPE, STEPPE_TEXT, outlet="Steppe Herald", published="2024-04-11"), (steppe,)),
        Extraction(Article(RELAY, RELAY_TEXT, outlet="Relay Daily", published="2024-04-12"), (relay,)),
        Extraction(Article(MUD, MUD_TEXT, outlet="Mud Courier", published="2024-02-02"), (mud,)),
    ]  # fmt: skip


def event_id(doc: str) -> str:
    return {e.doc: e.id for x in extractions() for e in x.events}[doc]


def build(path: Path, *, link: bool = True) -> Path:
    """Store the four articles; with ``link``, link them and rebuild the entity tables as ingest does."""
    from frontwire.store import incident_reads
    from frontwire.store.incidents import link_pending, load_linker

    with Store.open(path) as store:
        for extraction in extractions():
            store.save(extraction)
        if link:
            link_pending(store, load_linker(store))
            incident_reads.refresh_entities(store)
    return path
