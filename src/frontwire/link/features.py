"""What the linker compares: each event reduced to keys, a time window, a point and its words."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from spacy.lang.en.stop_words import STOP_WORDS

from frontwire.link.entities import Aliases, fold, formations, unit_key
from frontwire.model import Article, Event

UNDATED_BEFORE = timedelta(days=60)  # an undated event happened in the two months before its report
DAY_SLACK = timedelta(days=2)  # reports of one day-dated event disagree by a day or two
COUNTRY_KINDS = frozenset({"country", "region"})
EARTH_KM = 6371.0
OTHER_OCCASION = re.compile(
    r"\b(?:" + "|".join(
        line.strip() for line in (files("frontwire.link") / "lexicons" / "other_occasion.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ) + r")\b",
    re.IGNORECASE,
)  # fmt: skip
EXTRA_STOP = frozenset({"said", "says", "according", "reported", "reports", "told", "also", "would", "could", "one"})


@dataclass(frozen=True, slots=True)
class Features:
    """One event as the linker sees it."""

    event: str  # Event.id
    doc: str
    type: str
    published: int  # day ordinal of the report, 0 when unknown
    outlet: str | None
    side: str | None
    unit: str | None  # canonical unit key
    formations: tuple[str, ...]
    place: str | None  # place key, for named places below country level
    place_name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    start: int  # window of days (proleptic ordinals), inclusive
    end: int
    dated: bool  # the window comes from the event's own date
    precise: bool  # dated to a day or a week
    count: float | None
    count_unit: str | None
    origin: str | None  # folded origin party
    words: frozenset[str]
    other_occasion: bool = False  # the sentence says it is about an earlier or another case
    # the article around the event: every unit and place its events name, the words of its events of this type
    context_units: frozenset[str] = frozenset()
    context_formations: tuple[str, ...] = ()
    context_places: frozenset[str] = frozenset()
    context_points: tuple[tuple[float, float], ...] = ()
    context_words: frozenset[str] = frozenset()

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """Where the event is: its own point, else every point its article names."""
        if self.lat is not None and self.lon is not None:
            return ((self.lat, self.lon),)
        return self.context_points

    @property
    def anchor(self) -> int:
        return self.start


@dataclass(frozen=True, slots=True)
class Screen:
    """What :func:`frontwire.link.score.conflict` reads of an event, without its words and context: an
    index reads it for a candidate before (and often instead of) the whole :class:`Features`."""

    type: str
    start: int
    end: int
    unit: str | None
    formations: tuple[str, ...]
    lat: float | None
    lon: float | None
    country: str | None


@lru_cache(maxsize=2048)
def words(text: str) -> frozenset[str]:
    """Content words of a sentence, folded and crudely singularized; numbers kept."""
    out = set()
    for word in fold(text).split():
        if word in STOP_WORDS or word in EXTRA_STOP or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Context:
    """What an article's events name between them."""

    units: frozenset[str] = frozenset()
    formations: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = ()
    words: dict[str, frozenset[str]] | None = None  # type -> words of the article's events of that type


def context(events: list[Event], article: Article | None, *, aliases: Aliases | None = None) -> Context:
    """The units, places and words of all of an article's events (and its title)."""
    aliases = aliases or Aliases()
    units: set[str] = set()
    found: list[str] = []
    places: set[str] = set()
    points: dict[tuple[float, float], None] = {}
    by_type: dict[str, set[str]] = {}
    title = words(article.title) if article and article.title else frozenset()
    for event in events:
        if event.unit:
            canonical = aliases.canonical("unit", event.unit) or event.unit
            if unit_key(canonical):
                units.add(unit_key(canonical))
            found.extend(formations(canonical))
        place = event.location
        if place is not None and place.kind not in COUNTRY_KINDS:
            places.add(aliases.key("place", place.name, gazetteer_id=place.gazetteer_id))
            if place.lat is not None and place.lon is not None:
                points[(place.lat, place.lon)] = None
        by_type.setdefault(event.type, set(title)).update(words(event.text))
    return Context(frozenset(units), tuple(dict.fromkeys(found)), frozenset(places), tuple(points),
                   {t: frozenset(w) for t, w in by_type.items()})  # fmt: skip


def features(event: Event, article: Article | None, *, aliases: Aliases | None = None, around: Context | None = None) -> Features:
    """The linker's view of one event of ``article``, with the article's ``around`` context."""
    aliases = aliases or Aliases()
    around = around or Context()
    published = _day(article.published if article else None)
    if event.date is not None and _day(event.date.start) and _day(event.date.end):
        first, last = _day(event.date.start), _day(event.date.end)
        precise = event.date.precision in ("day", "week")
        if event.date.precision == "day":
            first, last = first - DAY_SLACK, last + DAY_SLACK
        dated = True
    elif published is not None:
        first, last, precise, dated = published - UNDATED_BEFORE, published, False, False
    else:
        first = last = date(1, 1, 1)
        precise = dated = False
    unit = formations_of = None
    if event.unit:
        canonical = aliases.canonical("unit", event.unit) or event.unit
        unit, formations_of = unit_key(canonical) or None, formations(canonical)
    place = event.location
    local = place is not None and place.kind not in COUNTRY_KINDS
    return Features(
        event=event.id,
        doc=event.doc,
        type=event.type,
        published=published.toordinal() if published else 0,
        outlet=article.outlet if article else None,
        side=fold(event.side) if event.side else None,
        unit=unit,
        formations=formations_of or (),
        place=aliases.key("place", place.name, gazetteer_id=place.gazetteer_id) if local else None,
        place_name=place.name if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        lat=place.lat if local else None,
        lon=place.lon if local else None,
        start=first.toordinal(),
        end=last.toordinal(),
        dated=dated,
        precise=precise,
        count=event.count,
        count_unit=event.count_unit,
        origin=fold(event.origin) if event.origin else None,
        words=words(event.text),
        other_occasion=OTHER_OCCASION.search(event.text) is not None,
        context_units=around.units,
        context_formations=around.formations,
        context_places=around.places,
        context_points=around.points,
        context_words=(around.words or {}).get(event.type, frozenset()),
    )


def km(a: Features, b: Features) -> float | None:
    """Great-circle distance between two located events, None when either has no point."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    return distance((a.lat, a.lon), (b.lat, b.lon))


def nearest_km(a: Features, b: Features) -> float | None:
    """The smallest distance between where the two events are (own point, else their articles' points)."""
    pa, pb = a.points, b.points
    if not pa or not pb:
        return None
    return min(distance(x, y) for x in pa for y in pb)


def distance(x: tuple[float, float], y: tuple[float, float]) -> float:
    """Great-circle kilometres between two (lat, lon) points."""
    p1, p2 = math.radians(x[0]), math.radians(y[0])
    dp, dl = p2 - p1, math.radians(y[1] - x[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
