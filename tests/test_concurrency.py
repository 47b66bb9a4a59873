"""Concurrency: the dashboard reads while `frontwire ingest` writes (WAL), and two writers never share a database.

A reader sees each article whole, old or new, never half-replaced. A second ingest on a database
another one is writing to fails at once with a clear message, and the first one completes.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from frontwire.serve import create_app
from tests.batch_records import contents, integrity, write_batch

ARTICLES = 40
CLI = [sys.executable, "-c", "from frontwire.cli import main; main()"]
PREFIX = "An earlier report had put the number of men at a dozen. "  # changes every offset of the second version


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db), "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip


def rewrite(folder: Path) -> None:
    for path in folder.glob("*.txt"):
        path.write_text(PREFIX + path.read_text(encoding="utf-8"), encoding="utf-8")


def whole(body: dict) -> bool:
    """Every event and quote of the article body lies on the article text it came with."""
    text = body["article"]["text"]
    events = all(text[e["span"][0] : e["span"][1]] == e["text"] for e in body["events"])
    quotes = all(text[q["span"][0] : q["span"][1]] == q["text"] for q in body["quotes"])
    return events and quotes and "".join(s["text"] for s in body["segments"]) == text


def test_readers_see_whole_articles_while_an_ingest_replaces_them(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    docs = write_batch(folder, ARTICLES)
    first = ingest(folder, db)
    assert first.wait(timeout=300) == 0
    rewrite(folder)
    client = TestClient(create_app(db))
    writer = ingest(folder, db)
    reads = new = 0
    while writer.poll() is None:
        for doc in docs:
            response = client.get(f"/api/articles/{doc}")
            assert response.status_code == 200
            body = response.json()
            assert whole(body), f"{doc} read half-replaced"
            reads += 1
            new += body["article"]["text"].startswith(PREFIX)
        assert client.get("/api/overview").status_code == 200
    assert writer.returncode == 0, writer.stderr.read().decode()
    assert reads > ARTICLES and 0 < new  # the reads overlapped the writes
    final = [client.get(f"/api/articles/{doc}").json() for doc in docs]
    assert all(whole(body) and body["article"]["text"].startswith(PREFIX) for body in final)
    assert integrity(db) == ("ok", [])


def test_a_second_ingest_on_the_same_database_fails_clearly_and_the_first_completes(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    write_batch(folder, ARTICLES)
    first = ingest(folder, db)
    lock = db.with_name(db.name + ".lock")
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)
    second = ingest(folder, db)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 1
    message = err.decode()
    assert "is writing to this database" in message and str(db) in message and f"process {first.pid}" in message
    assert first.wait(timeout=300) == 0
    assert len(contents(db)) == ARTICLES and integrity(db) == ("ok", [])
    third = ingest(folder, db)  # the lock went with the first process
    assert third.wait(timeout=300) == 0
