"""Store writes and reads: round trip, idempotence, replacement, rollback, read-only."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from store_records import extractions, sample

from frontwire.errors import StoreError
from frontwire.model import Event
from frontwire.store import Store
from frontwire.store import db as store_db


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.db") as s:
        yield s


def counts(store: Store) -> tuple[int, int, int, int]:
    tables = ("articles", "events", "quotes", "mentions")
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_round_trip_of_a_sample(store):
    extraction = sample()
    assert store.save(extraction) == "added"
    assert store.extraction("a1") == extraction
    assert store.article("a1") == extraction.article
    assert list(store.events(doc="a1")) == list(extraction.events)
    assert store.event(extraction.events[0].id) == extraction.events[0]
    assert list(store.quotes(doc="a1")) == list(extraction.quotes)
    assert list(store.mentions(label="PLACE")) == [extraction.mentions[1]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extraction=extractions())
def test_round_trip_is_exact(tmp_path_factory, extraction):
    with Store.open(tmp_path_factory.mktemp("rt") / "t.db") as store:
        assert store.save(extraction) == "added"
        assert store.extraction(extraction.article.id) == extraction
        assert store.is_current(extraction.article)


def test_saving_the_same_extraction_twice_changes_nothing(store):
    assert store.save(sample()) == "added"
    stamp = store.conn.execute("SELECT ingested_at, pk FROM articles").fetchone()
    pks = [r[0] for r in store.conn.execute("SELECT pk FROM events")]
    assert store.save(sample()) == "unchanged"
    assert tuple(store.conn.execute("SELECT ingested_at, pk FROM articles").fetchone()) == tuple(stamp)
    assert [r[0] for r in store.conn.execute("SELECT pk FROM events")] == pks


def test_changed_content_replaces_the_article_records(store):
    store.save(sample("a1"))
    store.save(sample("a2"))
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    changed = dataclasses.replace(changed, events=changed.events[:1], quotes=())
    assert not store.is_current(changed.article)
    assert store.save(changed) == "replaced"
    assert store.extraction("a1") == changed
    assert store.extraction("a2") == sample("a2")
    assert counts(store) == (2, 3, 1, 4)
    assert [a.id for a in store.articles(q="fifty")] == ["a1"]
    assert list(store.articles(q="forty")) == [sample("a2").article]


def test_same_article_with_new_events_is_replaced(store):
    store.save(sample())
    fewer = dataclasses.replace(sample(), events=sample().events[1:])
    assert store.is_current(fewer.article)
    assert store.save(fewer) == "replaced"
    assert list(store.events()) == list(fewer.events)


def test_a_failure_mid_save_rolls_back(store):
    store.save(sample("a1"))
    before = store.extraction("a1")
    bad_event = dataclasses.replace(sample().events[0], side=object())  # cannot be bound
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    broken = dataclasses.replace(changed, events=(changed.events[1], bad_event))
    with pytest.raises(StoreError):
        store.save(broken)
    assert store.extraction("a1") == before
    assert not store.conn.in_transaction
    assert store.save(changed) == "replaced"


def test_an_exception_from_python_code_rolls_back(store, monkeypatch):
    store.save(sample("a1"))

    def boom(quote, seq):
        raise RuntimeError("injected")

    monkeypatch.setattr(store_db.codec, "quote_values", boom)
    changed = sample("a1", text=sample().article.text.replace("forty", "fifty"))
    with pytest.raises(RuntimeError, match="injected"):
        store.save(changed)
    with pytest.raises(RuntimeError):
        store.save(sample("a9"))
    monkeypatch.undo()
    assert store.extraction("a1") == sample("a1")
    assert store.article("a9") is None
    assert counts(store) == (1, 2, 1, 2)


def test_delete_cascades_and_leaves_the_index_in_sync(store):
    store.save(sample("a1"))
    store.save(sample("a2"))
    assert store.delete("a1")
    assert not store.delete("a1")
    assert counts(store) == (1, 2, 1, 2)
    assert [a.id for a in store.articles(q="Bakhmut")] == ["a2"]


def test_readonly_refuses_writes(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        store.save(sample("a1"))
    with Store.open(path, readonly=True) as store:
        assert store.article("a1") == sample("a1").article
        with pytest.raises(StoreError, match="read-only"):
            store.save(sample("a2"))
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")
    with Store.open(path, readonly=True) as store:
        assert store.stats()["articles"] == 1


def test_readonly_on_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "t.db"
    path.write_bytes(b"this is not sqlite at all, just some text" * 20)
    with pytest.raises(StoreError):
        Store.open(path)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWIRE_DB", str(tmp_path / "env.db"))
    with Store.open() as store:
        assert store.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_pragmas(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_events_with_the_same_id_are_all_kept(store):
    first = sample().events[0]
    twin = dataclasses.replace(first, unit="3rd Assault Battalion")
    extraction = dataclasses.replace(sample(), events=(first, twin))
    store.save(extraction)
    assert isinstance(store.event(first.id), Event)
    assert store.event(first.id) == first
    assert list(store.events()) == [first, twin]
