"""Whether two events report one incident, and why: hard conflicts first, then weighed evidence."""

from __future__ import annotations

from dataclasses import dataclass

from frontwire.link.entities import formations_agree
from frontwire.link.features import Features, Screen, jaccard, km, nearest_km

MAX_KM = 40.0  # two located reports of one incident lie closer than this
NEAR_KM = 25.0
WEIGHTS: dict[str, float] = {
    "unit": 2.0,  # the same numbered formation
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
    "context_text": 5.0,  # times the word overlap of the two articles' events of this type
    "side": -2.0,  # the two events are said to concern different sides
    "far": -1.0,  # one names a place, and every place the other's article names is far from it
}
THRESHOLD = 3.0  # evidence needed to link reports in different articles
ARTICLE_THRESHOLD = 3.0  # evidence two sentences of one article need of their own
COPY_SIMILARITY = 0.5  # word overlap of a copied sentence with its original
PUBLISHED_DAYS = 7


@dataclass(frozen=True, slots=True)
class Link:
    """Two events joined into one incident, with the score and the reasons a user can read."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    kind: str = "cross"  # cross | article (same article) | copy (syndicated copy)


def conflict(a: Features | Screen, b: Features | Screen, *, same_article: bool = False, distance: float | None = None) -> str | None:
    """Why two events cannot be one incident, or None (``distance``: their km, when already known)."""
    if a.type != b.type:
        return "type"
    if a.end < b.start or b.end < a.start:
        return "date"
    if a.unit and b.unit and a.unit != b.unit and not formations_agree(a.formations, b.formations):
        return "unit"
    distance = km(a, b) if distance is None else distance
    if distance is not None and distance > MAX_KM:
        return "place"
    if distance is None and a.country and b.country and a.country != b.country:
        return "country"
    return None


def evidence(a: Features, b: Features, *, same_article: bool = False, distance: float | None = None) -> tuple[float, tuple[str, ...]]:
    """The score for linking two compatible events, with a reason for each part of it.

    In one article only what the two sentences say counts: the article's
    context, publication and origin are shared by every pair there.
    """
    score, reasons = 0.0, []

    def add(key: str, reason: str, times: float = 1.0) -> None:
        nonlocal score
        score += WEIGHTS[key] * times
        reasons.append(reason)

    if a.side and b.side and a.side != b.side:
        add("side", f"different sides ({a.side}, {b.side})")
    # a named force without a number ("the RSF", "Wagner") is often a whole army: in the sentence it is
    # no evidence by itself
    if a.unit and b.unit:
        if a.formations and b.formations:
            add("unit", f"same unit ({b.unit.removeprefix('unit:')})")
    elif not same_article and (a.context_units & b.context_units or formations_agree(a.context_formations, b.context_formations)):
        shared = sorted(a.context_units & b.context_units) or ["a formation"]
        add("context_unit", f"both articles name {shared[0].removeprefix('unit:')}")
    distance = km(a, b) if distance is None else distance
    if (a.place and a.place == b.place) or (distance is not None and distance <= NEAR_KM):
        add("place", f"same place ({a.place_name if a.place == b.place else f'{distance:.0f} km apart'})")
    elif not same_article and a.context_places & b.context_places:
        add("context_place", f"both articles name {sorted(a.context_places & b.context_places)[0].removeprefix('place:')}")
    elif a.admin1 and a.admin1 == b.admin1:
        add("admin1", f"same region ({a.admin1})")
    elif not same_article and distance is None and (a.lat is None) != (b.lat is None):
        apart = nearest_km(a, b)  # a sentence without a place of its own is somewhere its article names
        if apart is not None and apart > MAX_KM:
            add("far", f"the articles' places lie {apart:.0f} km apart")
    if a.dated and b.dated and a.start <= b.end and b.start <= a.end:
        precise = a.precise and b.precise
        add("date" if precise else "month", "dates overlap" if precise else "periods overlap")
    if a.count is not None and a.count == b.count and a.count_unit == b.count_unit:
        add("count", f"same count ({a.count:g} {a.count_unit})")
    if not same_article and a.origin and a.origin == b.origin:
        add("origin", "same origin")
    if not same_article and a.published and b.published and abs(a.published - b.published) <= PUBLISHED_DAYS:
        add("published", f"reported within {PUBLISHED_DAYS} days")
    similarity = jaccard(a.words, b.words)
    around = 0.0 if same_article else jaccard(a.context_words, b.context_words)
    if WEIGHTS["context_text"] * around > WEIGHTS["text"] * similarity:
        add("context_text", f"article text similarity {around:.2f}", around)
    elif similarity > 0:
        add("text", f"text similarity {similarity:.2f}", similarity)
    return round(score, 3), tuple(reasons)


def link(a: Features, b: Features, *, same_article: bool = False, copy: bool = False) -> Link | None:
    """A Link when the two events report one incident, else None.

    A sentence of a syndicated copy links to its counterpart in the original
    (the same words, lightly edited); inside one article, sentences restating
    one incident link unless one says it is about another occasion ("earlier",
    "another", "last year") and they share too little of their own
    (:data:`ARTICLE_THRESHOLD`);
    across articles the evidence must reach :data:`THRESHOLD`.
    """
    distance = km(a, b)
    if conflict(a, b, same_article=same_article, distance=distance) is not None:
        return None
    if copy and jaccard(a.words, b.words) >= COPY_SIMILARITY:
        score, reasons = evidence(a, b, distance=distance)
        return Link(a.event, b.event, score, ("syndicated copy", *reasons), kind="copy")
    score, reasons = evidence(a, b, same_article=same_article, distance=distance)
    if same_article:
        if score < ARTICLE_THRESHOLD and (a.other_occasion or b.other_occasion):
            return None
        return Link(a.event, b.event, score, ("same article", *reasons), kind="article")
    if score < THRESHOLD:
        return None
    return Link(a.event, b.event, score, reasons)

