"""What every benchmark shares: where its results go, writing them as JSON, and running on one core."""

from __future__ import annotations

import json
import os
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


def pin_one_core() -> str:
    """Run this process (and the children it starts after) on a single CPU where the OS allows it;
    the CPU used, or why not."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"cpu {cpu}"
