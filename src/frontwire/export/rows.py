"""Flat dict forms of records: the export contract (see GUIDELINES.md fields)."""

from __future__ import annotations

from typing import Any

from frontwire.model import Article, DateRange, Event, Place, Quote


def place_fields(place: Place | None) -> dict[str, Any]:
    """The export keys of a place: ``location``, ``country``, ``admin1``, ``lat``, ``lon``, ``gazetteer_id``."""
    return {
        "location": place.name if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
    }


def date_fields(date: DateRange | None) -> dict[str, Any]:
    """The export keys of a date: ``date`` (its value), ``date_start``, ``date_end``, ``date_precision``."""
    return {
        "date": date.value if date else None,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
    }


def event_row(event: Event, *, incident: str | None = None) -> dict[str, Any]:
    """One event as the export contract names and values its keys; ``incident`` is its incident id."""
    place = event.location
    count = event.count
    if count is not None and float(count).is_integer():
        count = int(count)
    row: dict[str, Any] = {
        "id": event.id,
        "doc": event.doc,
        "type": event.type,
        "span": [event.span[0], event.span[1]],
        "text": event.text,
        "side": event.side,
        "actor": event.actor,
        "unit": event.unit,
        **place_fields(place),
        **date_fields(event.date),
        "count": count,
        "count_unit": event.count_unit if count is not None else None,
        "chain": list(event.chain),
        "source": event.source,
        "origin": event.origin,
        "evidence": event.evidence,
        "cue": event.cue,
        "confidence": event.confidence,
        "provenance": {p.field: [p.start, p.end] for p in event.provenance},
        "incident": incident,
    }
    return row


def quote_row(quote: Quote) -> dict[str, Any]:
    """One quote as the export contract names its keys."""
    return {
        "doc": quote.doc,
        "span": [quote.span[0], quote.span[1]],
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_type": quote.speaker_type,
        "speaker_span": list(quote.speaker_span) if quote.speaker_span else None,
    }


def article_row(article: Article, *, text: bool = True) -> dict[str, Any]:
    """One article's metadata (and text unless ``text=False``)."""
    row: dict[str, Any] = {
        "id": article.id,
        "outlet": article.outlet,
        "published": article.published,
        "title": article.title,
        "url": article.url,
        "path": article.path,
        "fmt": article.fmt,
        "sha256": article.sha256,
        "chars": len(article.text),
    }
    if text:
        row["text"] = article.text
    return row
