"""Plain-text rendering for terminals: aligned tables and data writers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from frontwire import export

ELLIPSIS = "…"
MIN_LAST = 30
GAP = "  "


def truncate(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, int]], *, width: int | None = None) -> str:
    """Rows as aligned columns; ``columns`` are (key, max width), the last one fills the line."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[truncate("" if row.get(k) is None else str(row.get(k)), w) for k, w in columns] for row in rows]
    header = [k for k, _ in columns]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(header)]
    used = sum(widths[:-1]) + len(GAP) * (len(widths) - 1)
    last = max(MIN_LAST, width - used)
    widths[-1] = min(widths[-1], last)
    lines = []
    for line in [header, *cells]:
        padded = [c.ljust(w) for c, w in zip(line[:-1], widths)] + [truncate(line[-1], widths[-1])]
        lines.append(GAP.join(padded).rstrip())
    return "\n".join(lines)


def write_rows(rows: Iterable[Mapping[str, Any]], fp: TextIO, fmt: str) -> export.Written:
    """``jsonl``, ``csv``, ``geojson`` through the exporters, ``json`` as one array."""
    if fmt == "json":
        items = [dict(r) for r in rows]
        fp.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return export.Written(len(items))
    writer = {"jsonl": export.jsonl, "csv": export.csv, "geojson": export.geojson}[fmt]
    return writer(rows, fp)


def list_rows(rows: Iterable[Mapping[str, Any]], fp: TextIO, fmt: str, columns: Sequence[tuple[str, int]]) -> int:
    """A listing command's output: an aligned table (``fmt == "table"``) or data rows; the number written."""
    if fmt != "table":
        return write_rows(rows, fp, fmt).rows
    listed = list(rows)
    if listed:
        fp.write(table(listed, columns) + "\n")
    return len(listed)
