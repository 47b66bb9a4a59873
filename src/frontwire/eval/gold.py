"""Read gold files and prediction files into per-document records.

A *record* is ``{"doc": str, "events": [row, ...], "quotes": [row, ...]}``
with rows in the export-contract form (see ``frontwire.export.rows``). Gold
files hold one record per line; prediction files hold either records or
flat rows (an event row has a ``type`` key, a quote row has none).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from frontwire.errors import GoldError, InputError
from frontwire.eval.score import interval
from frontwire.model import EVENT_TYPES, EVIDENCE, SPEAKER_TYPES

RECORD_KEYS: frozenset[str] = frozenset({"doc", "events", "quotes"})
EVENT_KEYS: frozenset[str] = frozenset(
    {"actor", "count", "count_unit", "country", "date", "doc", "evidence", "location",
     "origin", "side", "source", "span", "text", "type", "unit"}
)
QUOTE_KEYS: frozenset[str] = frozenset({"span", "text", "speaker", "speaker_type"})
# the gold's date forms: YYYY-MM-DD, YYYY-MM, YYYY-MM-DD/YYYY-MM-DD
DATE_RE = re.compile(r"^\d{4}-\d\d(-\d\d)?$|^\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d$")

Record = dict[str, Any]


def read_gold(path: str | Path) -> list[Record]:
    """Read and check a gold JSONL file; a bad line raises :class:`GoldError` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file: {exc}", where=str(path)) from exc
    records: list[Record] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        record = _gold_record(_json_object(line, where, GoldError), where)
        if record["doc"] in seen:
            raise GoldError(f"document {record['doc']!r} appears twice", where=where)
        seen.add(record["doc"])
        records.append(record)
    if not records:
        raise GoldError("gold file holds no document", where=str(path), code="empty")
    return records


def is_link_rows(path: str | Path) -> bool:
    """Whether a gold file holds flat link rows (no per-document ``events`` lists)."""
    try:
        with Path(path).open(encoding="utf-8") as fp:
            first = next((line for line in fp if line.strip()), "")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file: {exc}", where=str(path)) from exc
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and "events" not in obj


def read_link_rows(path: str | Path) -> list[Record]:
    """Read flat link gold: mention rows ``{"doc", "type", "span", "incident"}`` (``text`` optional)
    and document rows ``{"doc", "copy_of"}``, into per-document records of link mentions."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file: {exc}", where=str(path)) from exc
    records: dict[str, Record] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        obj = _json_object(line, where, GoldError)
        doc = obj.get("doc")
        if not isinstance(doc, str) or not doc:
            raise GoldError("doc must be a non-empty string", where=where)
        record = records.setdefault(doc, {"doc": doc, "events": [], "quotes": []})
        if "type" not in obj:
            if not isinstance(obj.get("copy_of"), str) or obj["copy_of"] == doc:
                raise GoldError("a document row needs copy_of naming another document", where=where)
            record["copy_of"] = obj["copy_of"]
            continue
        if obj["type"] not in EVENT_TYPES:
            raise GoldError(f"unknown type {obj['type']!r}", where=where)
        _check_span(obj.get("span"), where)
        if not isinstance(obj.get("incident"), str) or not obj["incident"]:
            raise GoldError("a mention row needs an incident id", where=where)
        record["events"].append({"doc": doc, "type": obj["type"], "span": list(obj["span"]),
                                 "incident": obj["incident"], "text": obj.get("text")})  # fmt: skip
    if not records:
        raise GoldError("gold file holds no document", where=str(path), code="empty")
    return list(records.values())


def _json_object(line: str, where: str, error: type[GoldError] | type[InputError]) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise error(f"not JSON ({exc.msg} at column {exc.colno})", where=where) from exc
    if not isinstance(obj, dict):
        raise error("not a JSON object", where=where)
    return obj


def _gold_record(obj: dict[str, Any], where: str) -> Record:
    missing = RECORD_KEYS - obj.keys()
    if missing:
        raise GoldError(f"missing keys {sorted(missing)}", where=where)
    doc = obj["doc"]
    if not isinstance(doc, str) or not doc:
        raise GoldError("doc must be a non-empty string", where=where)
    if not isinstance(obj["events"], list) or not isinstance(obj["quotes"], list):
        raise GoldError("events and quotes must be lists", where=where)
    events = [_gold_event(ev, doc, f"{where} event {i}") for i, ev in enumerate(obj["events"])]
    quotes = [_gold_quote(q, doc, f"{where} quote {i}") for i, q in enumerate(obj["quotes"])]
    record: Record = {"doc": doc, "events": events, "quotes": quotes}
    copy_of = obj.get("copy_of")
    if copy_of is not None:
        if not isinstance(copy_of, str) or not copy_of or copy_of == doc:
            raise GoldError(f"copy_of must name another document, got {copy_of!r}", where=where)
        record["copy_of"] = copy_of
    return record


def _check_item(obj: object, keys: frozenset[str], doc: str, where: str, what: str) -> dict[str, Any]:
    """The checks events and quotes share: an object, with its keys, of this record's document."""
    if not isinstance(obj, dict):
        raise GoldError(f"{what} is not an object", where=where)
    missing = keys - obj.keys()
    if missing:
        raise GoldError(f"missing keys {sorted(missing)}", where=where)
    if obj.get("doc", doc) != doc:
        raise GoldError(f"doc {obj['doc']!r} differs from the record's {doc!r}", where=where)
    return obj


def _gold_event(ev: object, doc: str, where: str) -> dict[str, Any]:
    ev = _check_item(ev, EVENT_KEYS, doc, where, "event")
    if ev["type"] not in EVENT_TYPES:
        raise GoldError(f"unknown type {ev['type']!r}", where=where)
    if ev["evidence"] not in EVIDENCE:
        raise GoldError(f"unknown evidence {ev['evidence']!r}", where=where)
    _check_span(ev["span"], where)
    date = ev["date"]
    if date is not None and not (isinstance(date, str) and DATE_RE.match(date) and interval(date)):
        raise GoldError(f"date not YYYY-MM-DD, YYYY-MM or a range: {ev['date']!r}", where=where)
    if ev["count"] is not None and not _is_number(ev["count"]):
        raise GoldError(f"count is not a number: {ev['count']!r}", where=where)
    if ev.get("incident") is not None and not (isinstance(ev["incident"], str) and ev["incident"]):
        raise GoldError(f"incident must be a non-empty string id, got {ev['incident']!r}", where=where)
    return dict(ev, span=list(ev["span"]))


def _gold_quote(q: object, doc: str, where: str) -> dict[str, Any]:
    q = _check_item(q, QUOTE_KEYS, doc, where, "quote")
    if q["speaker_type"] is not None and q["speaker_type"] not in SPEAKER_TYPES:
        raise GoldError(f"unknown speaker_type {q['speaker_type']!r}", where=where)
    _check_span(q["span"], where)
    return dict(q, doc=doc, span=list(q["span"]))


def _check_span(span: object, where: str) -> None:
    ok = (
        isinstance(span, list | tuple)
        and len(span) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        and 0 <= span[0] < span[1]
    )
    if not ok:
        raise GoldError(f"span must be [start, end] with 0 <= start < end, got {span!r}", where=where)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_predictions(path: str | Path, *, quotes: str | Path | None = None) -> list[Record]:
    """Read predictions: per-document records, or flat event / quote rows.

    Lines of the main file that hold ``events`` are records; other lines are
    rows, an event row when it has a ``type`` key and a quote row otherwise.
    ``quotes`` names a second file of quote rows.
    """
    events: list[dict[str, Any]] = []
    quote_rows: list[dict[str, Any]] = []
    docs: list[str] = []
    for obj, where in _rows(Path(path)):
        if "events" in obj:
            docs.append(_row_doc(obj, where))
            events.extend(dict(ev, doc=obj["doc"]) for ev in obj["events"] or ())
            quote_rows.extend(dict(q, doc=obj["doc"]) for q in obj.get("quotes") or ())
        elif "type" in obj:
            _row_doc(obj, where)
            _row_span(obj, where)
            events.append(obj)
        else:
            _row_doc(obj, where)
            _row_span(obj, where)
            quote_rows.append(obj)
    if quotes is not None:
        for obj, where in _rows(Path(quotes)):
            _row_doc(obj, where)
            _row_span(obj, where)
            quote_rows.append(obj)
    return group(events, quote_rows, docs=docs)


def _rows(path: Path) -> Iterable[tuple[dict[str, Any], str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions: {exc}", where=str(path)) from exc
    for lineno, line in enumerate(lines, 1):
        if line.strip():
            where = f"{path}:{lineno}"
            yield _json_object(line, where, InputError), where


def _row_doc(obj: Mapping[str, Any], where: str) -> str:
    doc = obj.get("doc")
    if not isinstance(doc, str) or not doc:
        raise InputError("row has no doc", where=where)
    return doc


def _row_span(obj: Mapping[str, Any], where: str) -> None:
    span = obj.get("span")
    if not (isinstance(span, list | tuple) and len(span) == 2 and all(_is_number(x) for x in span)):
        raise InputError(f"row has no [start, end] span: {span!r}", where=where)


def group(
    events: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]] = (),
    *,
    docs: Iterable[str] = (),
) -> list[Record]:
    """Gather flat rows into per-document records, in order of first appearance."""
    records: dict[str, Record] = {}
    for doc in docs:
        records.setdefault(doc, {"doc": doc, "events": [], "quotes": []})
    for key, rows in (("events", events), ("quotes", quotes)):
        for row in rows:
            doc = row["doc"]
            records.setdefault(doc, {"doc": doc, "events": [], "quotes": []})[key].append(dict(row))
    return list(records.values())
