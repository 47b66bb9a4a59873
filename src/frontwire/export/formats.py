"""Writers for flat rows: JSON lines, CSV and GeoJSON, streaming to a text file."""

from __future__ import annotations

import csv as csvlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from frontwire.errors import ConfigError

GEO_KEYS: tuple[str, str] = ("lat", "lon")


@dataclass(frozen=True, slots=True)
class Written:
    """How many rows a writer wrote and how many it had to leave out."""

    rows: int
    skipped: int = 0


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def jsonl(rows: Iterable[Mapping[str, Any]], fp: TextIO) -> Written:
    """One JSON object per line, keys in row order."""
    n = 0
    for row in rows:
        fp.write(_dumps(dict(row)) + "\n")
        n += 1
    return Written(n)


def cell(value: Any) -> str:
    """A CSV cell: empty for null, JSON for lists and maps, plain text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def csv(rows: Iterable[Mapping[str, Any]], fp: TextIO, *, columns: Sequence[str] | None = None) -> Written:
    """CSV with a header; columns are ``columns`` or the keys of the first row, in order.

    A row with a key outside the header is an error rather than a silent loss.
    """
    writer = csvlib.writer(fp, lineterminator="\n")
    header: list[str] | None = list(columns) if columns is not None else None
    if header is not None:
        writer.writerow(header)
    n = 0
    for row in rows:
        if header is None:
            header = list(row)
            writer.writerow(header)
        extra = [k for k in row if k not in header]
        if extra:
            raise ConfigError(f"row {n + 1} has columns not in the header: {', '.join(extra)}", code="columns")
        writer.writerow([cell(row.get(k)) for k in header])
        n += 1
    return Written(n)


def feature(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point feature for a row with coordinates, else None."""
    lat, lon = row.get("lat"), row.get("lon")
    if lat is None or lon is None:
        return None
    properties = {k: v for k, v in row.items() if k not in GEO_KEYS}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def geojson(rows: Iterable[Mapping[str, Any]], fp: TextIO) -> Written:
    """A FeatureCollection of the rows that have ``lat`` and ``lon``; others are counted as skipped."""
    n = skipped = 0
    fp.write('{"type": "FeatureCollection", "features": [')
    for row in rows:
        feat = feature(row)
        if feat is None:
            skipped += 1
            continue
        fp.write(("\n" if n == 0 else ",\n") + _dumps(feat))
        n += 1
    fp.write("\n]}\n")
    return Written(n, skipped)
