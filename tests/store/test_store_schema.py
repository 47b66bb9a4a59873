"""Migrations: bundled scripts in order, old databases upgraded, newer ones refused."""

from __future__ import annotations

import sqlite3

import pytest

from frontwire.errors import StoreError
from frontwire.store import Store, schema


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_bundled_migrations_are_numbered_from_one():
    scripts = schema.migrations()
    assert [m.version for m in scripts] == list(range(1, len(scripts) + 1))
    assert scripts[0].name == "0001_initial.sql"


def test_a_new_database_is_at_the_latest_version(tmp_path):
    with Store.open(tmp_path / "t.db") as store:
        assert store.version == schema.latest() >= 2


def test_an_old_database_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    conn = raw(path)
    assert schema.migrate(conn, upto=1) == 1
    conn.execute(
        "INSERT INTO articles (id, sha256, digest, text, ingested_at) VALUES (?, ?, ?, ?, ?)",
        ("old1", "x", "y", "Conscripts complained about rotten rations.", "2024-01-01T00:00:00+00:00"),
    )
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.latest()
        assert [a.id for a in store.articles(q="rations")] == ["old1"]


def test_an_old_database_cannot_be_read_without_migrating(tmp_path):
    path = tmp_path / "old.db"
    conn = raw(path)
    schema.migrate(conn, upto=1)
    conn.close()
    with pytest.raises(StoreError, match="older"):
        Store.open(path, readonly=True)


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = raw(path)
    conn.execute(f"PRAGMA user_version = {schema.latest() + 5}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            Store.open(path, readonly=readonly)


def test_a_failing_migration_rolls_back_to_the_previous_version(tmp_path):
    conn = raw(tmp_path / "t.db")
    scripts = (
        schema.Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"),
        schema.Migration(2, "0002_b.sql", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"),
    )
    with pytest.raises(StoreError, match="0002_b.sql"):
        schema.migrate(conn, scripts=scripts)
    assert schema.version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"a"}
    assert not conn.in_transaction


def test_a_gap_in_the_numbering_is_an_error(monkeypatch):
    class Entry:
        def __init__(self, name):
            self.name = name

        def read_text(self, encoding):
            return ""

    class Folder:
        def __truediv__(self, other):
            return self

        def iterdir(self):
            return [Entry("0001_a.sql"), Entry("0003_c.sql"), Entry("README")]

    monkeypatch.setattr(schema.resources, "files", lambda package: Folder())
    with pytest.raises(StoreError, match="out of sequence"):
        schema.migrations()
