"""Incidents from linked events: reports, outlets, independent origins and the strongest evidence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from frontwire.link.entities import HONORIFIC, fold, outlet_key
from frontwire.model import EVIDENCE, Article, DateRange, Event, Incident

POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
STRENGTH = {status: rank for rank, status in enumerate(EVIDENCE)}  # asserted strongest, denied weakest
CHANNEL_NOISE = re.compile(r"^(?:the )|(?: (?:telegram|vk|facebook|youtube|x|twitter))?(?: (?:channel|account|page|post|outlet|website|site|newspaper|agency))+$")


def origin_key(name: str) -> str:
    """Fold an origin party so that "The Meduza outlet" and "Meduza" count once."""
    text = fold(POSSESSIVE.sub("", HONORIFIC.sub("", name.strip())))
    previous = None
    while previous != text:
        previous, text = text, CHANNEL_NOISE.sub("", text).strip()
    return outlet_key(text or fold(name)).removeprefix("outlet:")


def _published(articles: Mapping[str, Article], doc: str) -> str:
    article = articles.get(doc)
    return (article.published if article else None) or "9999-99-99"


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return max(counted.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def summarize(incident: str, events: list[Event], articles: Mapping[str, Article], copies: Mapping[str, str]) -> Incident:
    """One incident from its events; ``copies`` maps a syndicated copy's doc to its original."""
    events = sorted(events, key=lambda e: (_published(articles, e.doc), e.doc, e.span[0]))
    docs = tuple(dict.fromkeys(e.doc for e in events))
    independent = [e for e in events if e.doc not in copies]
    origins = {}
    for event in independent:
        party = event.origin or event.source or _outlet(articles, event.doc)
        if party:
            origins.setdefault(origin_key(party), party)
    outlets = {}
    for doc in docs:
        name = _outlet(articles, doc)
        if name:
            outlets.setdefault(outlet_key(name), name)
    published = [p for p in (_published(articles, d) for d in docs) if p != "9999-99-99"]
    dated = [e.date for e in events if e.date is not None]
    placed = [e.location for e in events if e.location is not None]
    place_name = _most_common(p.name for p in placed if p.lat is not None) or _most_common(p.name for p in placed)
    counts = [(e.count, e.count_unit) for e in events if e.count is not None]
    count = Counter(counts).most_common(1)[0][0] if counts else (None, None)
    first = events[0]
    return Incident(
        id=incident,
        type=first.type,
        events=tuple(e.id for e in events),
        docs=docs,
        reports=len(docs),
        outlets=len(outlets),
        origins=len(origins),
        copies=sum(1 for d in docs if d in copies),
        evidence=min((e.evidence for e in events), key=STRENGTH.__getitem__),
        denied=any(e.evidence == "denied" for e in events),
        first_report=published[0] if published else None,
        last_report=max(published) if published else None,
        date=_date(dated),
        side=_most_common(e.side for e in events),
        unit=_most_common(e.unit for e in events),
        location=next((p for p in placed if p.name == place_name), None),
        count=count[0],
        count_unit=count[1],
        origin_names=tuple(sorted(origins.values(), key=str.casefold)),
        outlet_names=tuple(sorted(outlets.values(), key=str.casefold)),
        text=first.text,
    )


def _outlet(articles: Mapping[str, Article], doc: str) -> str | None:
    article = articles.get(doc)
    return article.outlet if article else None


PRECISION_ORDER = ("day", "week", "range", "month", "season", "year")


def _date(dates: list[DateRange]) -> DateRange | None:
    """The most precise date the reports give (the earliest among equals)."""
    if not dates:
        return None
    rank = {p: i for i, p in enumerate(PRECISION_ORDER)}
    best = min(dates, key=lambda d: (rank.get(d.precision, len(rank)), d.end != d.start, d.start))
    return DateRange(best.start, best.end, best.precision, best.text)
