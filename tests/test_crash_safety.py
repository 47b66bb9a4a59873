"""Crash safety: `frontwire ingest` killed with SIGKILL at random points over a batch, again and again.

After every kill (each once at least one more article is stored, plus up to 20 ms: into a save, the
batch's link writes or the entity rebuild) the database passes ``PRAGMA integrity_check`` and every stored article is whole
(the same digest and records as an uninterrupted run). A final rerun completes the batch: every
article stored exactly once, the incidents the same as the uninterrupted run's. Each write of links
is slowed by :data:`LINK_PAUSE`, so that a kill aimed just after the last save lands in the link
writes however busy the machine (they are written once at the end of a run of 40 articles).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch_records import contents, integrity, write_batch

KILLS = int(os.environ.get("FRONTWIRE_KILLS", "20"))
ARTICLES = 40
SEED = 20241122
LINK_PAUSE = 0.05  # s added to each write of links: a kill aimed just after the last save lands in one
CLI = [sys.executable, "-c", f"""
import time
from frontwire.store import incidents
save = incidents.save_updates
def slowed(*args, **kwargs):
    time.sleep({LINK_PAUSE})
    return save(*args, **kwargs)
incidents.save_updates = slowed
from frontwire.cli import main
main()
"""]


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db), "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip


def incidents(db: Path) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("SELECT incident, event FROM incident_events ORDER BY incident, event").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict, list, float]:
    """The batch, and what an uninterrupted run stores from it (and how long that run takes)."""
    folder = tmp_path_factory.mktemp("batch")
    write_batch(folder / "in", ARTICLES)
    db = folder / "reference.db"
    start = time.monotonic()
    done = ingest(folder / "in", db)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err.decode()
    return folder / "in", contents(db), incidents(db), time.monotonic() - start


def stored(db: Path, table: str = "articles") -> int:
    """Articles in the database now (0 before it exists), or rows of ``table`` ("linked": articles
    linked); a reader, as a user's would be."""
    import sqlite3

    if not db.exists():
        return 0
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # created but not yet migrated
        return 0
    finally:
        conn.close()


def kill_after(folder: Path, db: Path, target: int, jitter: float) -> None:
    """Start an ingest, let it store ``target`` articles, wait ``jitter`` s more (into the next save,
    the batch's link writes or the final entity rebuild), then SIGKILL it."""
    running = ingest(folder, db)
    deadline = time.monotonic() + 120
    while running.poll() is None and stored(db) < target and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(jitter)
    if running.poll() is None:
        running.send_signal(signal.SIGKILL)
    running.wait(timeout=60)


def test_random_sigkills_lose_nothing_duplicate_nothing_and_leave_nothing_half_written(batch, tmp_path):
    folder, reference, reference_incidents, _ = batch
    assert len(reference) == ARTICLES and all(events for _, events, *_ in reference.values())
    rng = random.Random(SEED)
    kills, rounds, seen = 0, 0, []
    while kills < KILLS:
        db = tmp_path / f"killed-{rounds}.db"
        while kills < KILLS and stored(db) < ARTICLES:
            before = stored(db)
            kill_after(folder, db, rng.randint(before + 1, ARTICLES), rng.uniform(0, 0.02))
            kills += 1
            assert integrity(db) == ("ok", [])
            now = contents(db)
            partial = {doc: row for doc, row in now.items() if row != reference[doc]}
            assert partial == {}, f"half-written articles after a kill: {partial}"
            seen.append((len(now), stored(db, "linked")))
        final = ingest(folder, db)  # the rerun completes the batch
        _, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
        assert contents(db) == reference  # each article once, whole
        assert integrity(db) == ("ok", [])
        assert incidents(db) == reference_incidents
        rounds += 1
    # the kills landed while articles were being written, and after, while they were being linked
    assert sum(0 < n < ARTICLES for n, _ in seen) >= KILLS // 3, seen
    assert any(n == ARTICLES and linked < ARTICLES for n, linked in seen), seen
