"""Whether two events report one incident, and why: hard conflicts first, then weighed evidence."""

from __future__ import annotations

from dataclasses import dataclass

from frontwire.link.entities import formations_agree
from frontwire.link.features import Features, jaccard, km

MAX_KM = 60.0  # two located reports of one incident lie closer than this
NEAR_KM = 25.0
WEIGHTS: dict[str, float] = {
    "unit": 2.0,  # the same formation
    "place": 1.5,  # the same place or within NEAR_KM
    "admin1": 0.5,  # the same region
    "date": 1.0,  # both dated to a day or week, and the dates overlap
    "month": 0.5,  # both dated more loosely, and overlapping
    "count": 1.0,  # the same number of the same thing
    "origin": 0.5,  # the same first source
    "published": 0.5,  # reported within a week of each other
    "text": 4.0,  # times the word overlap of the two sentences
    "context_unit": 1.5,  # a formation both articles name, not in both sentences
    "context_place": 1.0,  # a place both articles name, not in both sentences
    "context_text": 4.0,  # times the word overlap of the two articles' events of this type
    "side": -2.0,  # the two events are said to concern different sides
}
THRESHOLD = 3.0  # evidence needed to link reports in different articles
PUBLISHED_DAYS = 7


@dataclass(frozen=True, slots=True)
class Link:
    """Two events joined into one incident, with the score and the reasons a user can read."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    kind: str = "cross"  # cross | article (same article) | copy (syndicated copy)


def conflict(a: Features, b: Features) -> str | None:
    """Why two events cannot be one incident, or None."""
    if a.type != b.type:
        return "type"
    if a.unit and b.unit and a.unit != b.unit and not formations_agree(a.formations, b.formations):
        return "unit"
    if a.end < b.start or b.end < a.start:
        return "date"
    distance = km(a, b)
    if distance is not None and distance > MAX_KM:
        return "place"
    if distance is None and a.country and b.country and a.country != b.country:
        return "country"
    return None


def evidence(a: Features, b: Features) -> tuple[float, tuple[str, ...]]:
    """The score for linking two compatible events, with a reason for each part of it."""
    score, reasons = 0.0, []
    if a.side and b.side and a.side != b.side:
        score += WEIGHTS["side"]
        reasons.append(f"different sides ({a.side}, {b.side})")
    if a.unit and b.unit:
        score += WEIGHTS["unit"]
        reasons.append(f"same unit ({b.unit.removeprefix('unit:')})")
    elif (a.context_units & b.context_units) or formations_agree(a.context_formations, b.context_formations):
        score += WEIGHTS["context_unit"]
        shared = sorted(a.context_units & b.context_units) or ["a formation"]
        reasons.append(f"both articles name {shared[0].removeprefix('unit:')}")
    distance = km(a, b)
    if (a.place and a.place == b.place) or (distance is not None and distance <= NEAR_KM):
        score += WEIGHTS["place"]
        where = a.place_name if a.place == b.place else f"{distance:.0f} km apart"
        reasons.append(f"same place ({where})")
    elif a.context_places & b.context_places:
        score += WEIGHTS["context_place"]
        reasons.append(f"both articles name {sorted(a.context_places & b.context_places)[0].removeprefix('place:')}")
    elif a.admin1 and a.admin1 == b.admin1:
        score += WEIGHTS["admin1"]
        reasons.append(f"same region ({a.admin1})")
    if a.dated and b.dated and a.start <= b.end and b.start <= a.end:
        key = "date" if a.precise and b.precise else "month"
        score += WEIGHTS[key]
        reasons.append("dates overlap" if key == "date" else "periods overlap")
    if a.count is not None and a.count == b.count and a.count_unit == b.count_unit:
        score += WEIGHTS["count"]
        reasons.append(f"same count ({a.count:g} {a.count_unit})")
    if a.origin and a.origin == b.origin:
        score += WEIGHTS["origin"]
        reasons.append("same origin")
    if a.published and b.published and abs(a.published - b.published) <= PUBLISHED_DAYS:
        score += WEIGHTS["published"]
        reasons.append(f"reported within {PUBLISHED_DAYS} days")
    similarity = jaccard(a.words, b.words)
    around = jaccard(a.context_words, b.context_words)
    if WEIGHTS["context_text"] * around > WEIGHTS["text"] * similarity:
        score += WEIGHTS["context_text"] * around
        reasons.append(f"article text similarity {around:.2f}")
    elif similarity > 0:
        score += WEIGHTS["text"] * similarity
        reasons.append(f"text similarity {similarity:.2f}")
    return round(score, 3), tuple(reasons)


def link(a: Features, b: Features, *, same_article: bool = False, copy: bool = False) -> Link | None:
    """A Link when the two events report one incident, else None.

    In one article (headline, lead and body restating each other) or between
    a syndicated copy and its original, any compatible pair links; across
    articles the evidence must reach :data:`THRESHOLD`.
    """
    why_not = conflict(a, b)
    if why_not is not None:
        return None
    score, reasons = evidence(a, b)
    if same_article:
        return Link(a.event, b.event, score, ("same article", *reasons), kind="article")
    if copy:
        return Link(a.event, b.event, score, ("syndicated copy", *reasons), kind="copy")
    if score < THRESHOLD:
        return None
    return Link(a.event, b.event, score, reasons)
