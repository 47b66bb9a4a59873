"""Flat forms of incidents: our own row, and an ACLED-style row.

The ACLED form follows the column names and conventions of ACLED's data
export (``event_date``, ``time_precision`` 1-3, ``geo_precision`` 1-3,
``source`` as the outlets joined by "; ", ``notes`` as a one-paragraph
summary), so an incident list drops into tools built for ACLED files. The
incidents frontwire records are not coded by ACLED; they go under "Strategic
developments" with our type in ``tags``.
"""

from __future__ import annotations

from typing import Any

from frontwire.export.rows import date_fields, place_fields
from frontwire.model import Incident

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags",
)  # fmt: skip
# ACLED sub-event types under "Strategic developments" that fit our types; the rest are "Other"
ACLED_SUB_EVENT: dict[str, str] = {
    "refusal_to_fight": "Change to group/activity",
    "desertion": "Change to group/activity",
    "surrender": "Change to group/activity",
    "collective_complaint": "Change to group/activity",
    "recruitment_drive": "Change to group/activity",
    "punitive_measure": "Arrests",
}
TIME_PRECISION = {"day": 1, "week": 2}  # everything looser is 3
GEO_PRECISION = {"city": 1, "place": 1, "feature": 2, "admin1": 3, "region": 3, "country": 3}
FATAL_UNITS = frozenset({"people", "soldiers", "dead", "killed"})


def plural(n: int, word: str) -> str:
    """``1 report``, ``2 reports``."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def incident_row(incident: Incident) -> dict[str, Any]:
    """One incident with its corroboration figures, in the export contract's naming."""
    place, date = incident.location, incident.date
    count = incident.count
    if count is not None and float(count).is_integer():
        count = int(count)
    return {
        "id": incident.id,
        "type": incident.type,
        "reports": incident.reports,
        "outlets": incident.outlets,
        "origins": incident.origins,
        "copies": incident.copies,
        "evidence": incident.evidence,
        "denied": incident.denied,
        "first_report": incident.first_report,
        "last_report": incident.last_report,
        **date_fields(date),
        "side": incident.side,
        "unit": incident.unit,
        **place_fields(place),
        "count": count,
        "count_unit": incident.count_unit if count is not None else None,
        "origin_names": list(incident.origin_names),
        "outlet_names": list(incident.outlet_names),
        "docs": list(incident.docs),
        "events": list(incident.events),
        "text": incident.text,
    }


def acled_row(incident: Incident) -> dict[str, Any]:
    """One incident in ACLED's column conventions."""
    place, date = incident.location, incident.date
    event_date = date.start if date else incident.first_report
    precision = TIME_PRECISION.get(date.precision, 3) if date else 3
    actor = " ".join(x for x in (incident.side, "military forces") if x) if incident.side else None
    fatal = incident.type == "heavy_losses" and incident.count is not None and incident.count_unit in FATAL_UNITS
    dated = "" if date else " Undated in the reports; event_date is the first report."
    notes = (
        f"{incident.text.strip()} [{incident.type}; {plural(incident.reports, 'report')} by"
        f" {plural(incident.outlets, 'outlet')}, {plural(incident.origins, 'independent origin')}; evidence {incident.evidence}{', denied by some' if incident.denied and incident.evidence != 'denied' else ''}.{dated}]"
    )
    return {
        "event_id_cnty": incident.id,
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": precision,
        "disorder_type": "Strategic developments",
        "event_type": "Strategic developments",
        "sub_event_type": ACLED_SUB_EVENT.get(incident.type, "Other"),
        "actor1": actor,
        "assoc_actor_1": incident.unit,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.kind, 2) if place else None,
        "source": "; ".join(incident.outlet_names),
        "source_scale": "National-International" if incident.outlets > 1 else "Other",
        "notes": notes,
        "fatalities": int(incident.count) if fatal else 0,
        "tags": f"frontwire:{incident.type}; evidence:{incident.evidence}; origins:{incident.origins}",
    }
