"""Records to table rows and back, so that what is written reads back equal."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from frontwire.model import Article, DateRange, Event, Extraction, FieldSpan, Mention, Place, Quote

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "doc", "seq", "type", "span_start", "span_end", "text", "side", "actor", "unit",
    "location", "location_start", "location_end", "location_kind", "country", "admin1", "lat", "lon",
    "gazetteer_id", "date_start", "date_end", "date_precision", "date_text", "date_span_start",
    "date_span_end", "count", "count_unit", "chain", "source", "origin", "evidence", "cue",
    "confidence", "provenance",
)  # fmt: skip
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc", "seq", "span_start", "span_end", "text", "speaker", "speaker_type", "speaker_start", "speaker_end",
)  # fmt: skip
MENTION_COLUMNS: tuple[str, ...] = ("doc", "seq", "label", "text", "span_start", "span_end", "norm", "kb_id")
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "sha256", "digest", "outlet", "published", "title", "url", "path", "fmt", "text", "warnings", "ingested_at",
)  # fmt: skip


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _pair(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span is not None else (None, None)


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def article_values(article: Article, *, sha: str, digest: str, warnings: tuple[str, ...], ingested_at: str) -> tuple:
    return (
        article.id, sha, digest, article.outlet, article.published, article.title,
        article.url, article.path, article.fmt, article.text, _json(list(warnings)), ingested_at,
    )  # fmt: skip


def event_values(event: Event, seq: int) -> tuple:
    place, date = event.location, event.date
    loc_start, loc_end = _pair(place.span if place else None)
    date_start, date_end = _pair(date.span if date else None)
    return (
        event.id, event.doc, seq, event.type, event.span[0], event.span[1], event.text,
        event.side, event.actor, event.unit,
        place.name if place else None, loc_start, loc_end, place.kind if place else None,
        place.country if place else None, place.admin1 if place else None,
        place.lat if place else None, place.lon if place else None, place.gazetteer_id if place else None,
        date.start if date else None, date.end if date else None, date.precision if date else None,
        date.text if date else None, date_start, date_end,
        event.count, event.count_unit, _json(list(event.chain)), event.source, event.origin,
        event.evidence, event.cue, event.confidence,
        _json([[p.field, p.start, p.end] for p in event.provenance]),
    )  # fmt: skip


def quote_values(quote: Quote, seq: int) -> tuple:
    speaker_start, speaker_end = _pair(quote.speaker_span)
    return (
        quote.doc, seq, quote.span[0], quote.span[1], quote.text, quote.speaker, quote.speaker_type,
        speaker_start, speaker_end,
    )  # fmt: skip


def mention_values(mention: Mention, seq: int) -> tuple:
    return (
        mention.doc, seq, mention.label, mention.text, mention.span[0], mention.span[1], mention.norm, mention.kb_id,
    )  # fmt: skip


def record_values(extraction: Extraction) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The event, quote and mention rows of one article, in that order."""
    return (
        [event_values(e, i) for i, e in enumerate(extraction.events)],
        [quote_values(q, i) for i, q in enumerate(extraction.quotes)],
        [mention_values(m, i) for i, m in enumerate(extraction.mentions)],
    )


def digest(extraction: Extraction, rows: tuple[list[tuple], list[tuple], list[tuple]], *, sha: str) -> str:
    """A hash of everything stored for one article (``rows`` from :func:`record_values`, ``sha`` the
    article's content hash): equal digest, nothing to write."""
    h = hashlib.sha256(sha.encode("ascii"))
    for values in (*rows, list(extraction.warnings), [extraction.article.path, extraction.article.fmt]):
        h.update(b"\x1e")
        h.update(repr(values).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def article_from(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], outlet=row["outlet"], published=row["published"],
        title=row["title"], url=row["url"], path=row["path"], fmt=row["fmt"],
    )  # fmt: skip


def event_from(row: sqlite3.Row) -> Event:
    place = None
    if row["location"] is not None:
        place = Place(
            name=row["location"], span=_span(row["location_start"], row["location_end"]),
            country=row["country"], admin1=row["admin1"], lat=row["lat"], lon=row["lon"],
            gazetteer_id=row["gazetteer_id"], kind=row["location_kind"],
        )  # fmt: skip
    date = None
    if row["date_start"] is not None:
        date = DateRange(
            start=row["date_start"], end=row["date_end"], precision=row["date_precision"],
            text=row["date_text"], span=_span(row["date_span_start"], row["date_span_end"]),
        )  # fmt: skip
    return Event(
        doc=row["doc"], type=row["type"], span=(row["span_start"], row["span_end"]), text=row["text"],
        side=row["side"], actor=row["actor"], unit=row["unit"], location=place, date=date,
        count=row["count"], count_unit=row["count_unit"], chain=tuple(json.loads(row["chain"])),
        source=row["source"], origin=row["origin"], evidence=row["evidence"], cue=row["cue"],
        provenance=tuple(FieldSpan(f, s, e) for f, s, e in json.loads(row["provenance"])),
        confidence=row["confidence"],
    )  # fmt: skip


def quote_from(row: sqlite3.Row) -> Quote:
    return Quote(
        doc=row["doc"], span=(row["span_start"], row["span_end"]), text=row["text"], speaker=row["speaker"],
        speaker_type=row["speaker_type"], speaker_span=_span(row["speaker_start"], row["speaker_end"]),
    )  # fmt: skip


def mention_from(row: sqlite3.Row) -> Mention:
    return Mention(
        doc=row["doc"], label=row["label"], text=row["text"], span=(row["span_start"], row["span_end"]),
        norm=row["norm"], kb_id=row["kb_id"],
    )  # fmt: skip


def warnings_from(row: sqlite3.Row) -> tuple[str, ...]:
    return tuple(json.loads(row["warnings"]))
