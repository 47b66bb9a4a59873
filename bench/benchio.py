"""What every benchmark shares: where its results go, and writing them as JSON."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"  # ignored by git


def write_json(name: str, record: dict, out: str | None = None) -> Path:
    """``record`` as indented JSON in ``out``, or in ``bench/results/<name>-<time>.json`` when ``out`` is empty;
    where it went is said on stderr."""
    path = Path(out) if out else RESULTS / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return path
