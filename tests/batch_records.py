"""A batch of short articles written for the crash and concurrency tests, varied enough to give
events, quotes and incidents. Every sentence here is written for these tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

UNITS = ("the 41st Motor Rifle Regiment", "the 3rd Assault Brigade", "the 22nd Rifle Battalion", "the 8th Tank Division")
PLACES = ("Kupiansk", "Vuhledar", "Robotyne", "Avdiivka", "Krynky", "Bakhmut")
ACTS = (
    "refused to return to the front line",
    "deserted their positions overnight",
    "surrendered after running out of ammunition",
    "said they had gone without food for five days",
)
QUOTE = '"We were told to hold the line with nothing," one of them said in a recorded message.'


def write_batch(folder: Path, count: int) -> list[str]:
    """``count`` articles (text plus metadata sidecar) in ``folder``; their ids in input order."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(count):
        doc = f"report-{n:03d}"
        unit, place, act = UNITS[n % len(UNITS)], PLACES[n % len(PLACES)], ACTS[n % len(ACTS)]
        text = (
            f"Soldiers of {unit} {act} near {place} on Monday, relatives told a regional channel.\n\n"
            f"{QUOTE}\n\nThe defence ministry did not comment on report {n}."
        )
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        meta = {"outlet": f"Wire {n % 5}", "published": f"2024-05-{1 + n % 28:02d}", "title": f"Report {n}"}
        (folder / f"{doc}.json").write_text(json.dumps(meta), encoding="utf-8")
        ids.append(doc)
    return ids


def contents(db: Path) -> dict[str, tuple]:
    """Doc -> (digest, events, quotes, mentions) as stored: what "the same article" means across runs."""
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT a.id, a.digest, (SELECT count(*) FROM events e WHERE e.doc = a.id),"
            " (SELECT count(*) FROM quotes q WHERE q.doc = a.id), (SELECT count(*) FROM mentions m WHERE m.doc = a.id)"
            " FROM articles a"
        ).fetchall()
    finally:
        conn.close()
    return {row[0]: tuple(row[1:]) for row in rows}


def integrity(db: Path) -> tuple[str, list]:
    """``PRAGMA integrity_check`` and the foreign-key violations."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0], conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
