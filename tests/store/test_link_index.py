"""The linker's index beside the store: it links as the one in memory does, it is read when it
matches the store and rebuilt when it does not."""

from __future__ import annotations

import dataclasses
import marshal
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from frontwire.errors import StoreError
from frontwire.link import Aliases, Linker
from frontwire.link import linker as linker_module
from frontwire.link.index import MemoryIndex
from frontwire.model import Extraction
from frontwire.store import Store
from frontwire.store import incident_reads as reads
from frontwire.store import incidents as links
from frontwire.store import link_index as index_module
from frontwire.store.link_index import SqliteIndex
from tests.link import bridge, reports
from tests.link.test_syndication import EDITED, TRIMMED, WIRE
from tests.store import test_incidents as incident_tests
from tests.store.test_incidents import check_integrity, save_all

BENCH = Path(__file__).resolve().parents[2] / "bench"


def synthetic(events: int) -> list:
    """The link benchmark's archive: one-story articles with copies, near-copies and shared units."""
    sys.path.insert(0, str(BENCH))
    try:
        import link_speed
    finally:
        sys.path.remove(str(BENCH))
    corpus = link_speed.generate(events, extra_articles=0, seed=11)
    return [(article, list(found)) for article, found in corpus.articles]


def wire() -> list:
    a, events = reports()[0]
    return [(dataclasses.replace(a, id=doc, text=text, published=day), [dataclasses.replace(e, doc=doc) for e in events])
            for doc, text, day in (("wire", WIRE, "2024-03-05"), ("reprint", EDITED, "2024-03-06"), ("lead", TRIMMED, "2024-03-04"))]  # fmt: skip


def state(linker: Linker) -> tuple:
    links = sorted((x.a, x.b, x.score, x.reasons, x.kind) for x in linker.links())
    return linker.groups(), links, linker.syndication.copies(), linker.docs(), linker.incident_count()


def run(index, pairs: list, *, replace: int = 0) -> tuple:
    """Link ``pairs`` in order, then link the first ``replace`` of them again with one event fewer."""
    linker = Linker(index=index)
    updates = [linker.add(article, events) for article, events in pairs]
    updates += [linker.add(article, events[1:]) for article, events in pairs[:replace]]
    linker.remove(pairs[-1][0].id)
    return state(linker), [(u.doc, u.copy, u.links, u.incidents, u.touched, u.stale, u.copies) for u in updates]


@pytest.mark.parametrize("pairs", [reports() + bridge() + wire(), list(reversed(reports() + bridge() + wire()))], ids=["in order", "reversed"])
def test_both_indexes_link_the_same(pairs):
    memory, sqlite = run(MemoryIndex(), pairs, replace=3), run(SqliteIndex(), pairs, replace=3)
    assert memory == sqlite
    assert memory[0][1] and memory[0][2]  # links and copies were found


@pytest.mark.parametrize("scan", [(linker_module.BLOCK_SCAN, linker_module.WORD_SCAN), (4, 2)], ids=["as set", "crowded blocks"])
def test_both_indexes_link_an_archive_the_same(monkeypatch, scan):
    monkeypatch.setattr(linker_module, "BLOCK_SCAN", scan[0])  # few read a block: most blocks hold more
    monkeypatch.setattr(linker_module, "WORD_SCAN", scan[1])
    pairs = synthetic(1500)
    memory, sqlite = run(MemoryIndex(), pairs, replace=40), run(SqliteIndex(), pairs, replace=40)
    assert memory == sqlite
    groups, links, copies, _, _ = memory[0]
    assert len(links) > 500 and len(copies) > 10 and any(len(m) > 2 for m in groups.values())


def test_an_index_on_disk_reads_back_what_was_committed(tmp_path):
    pairs = reports() + bridge()
    linker = Linker(index=SqliteIndex(tmp_path / "index"))
    for article, events in pairs:
        linker.add(article, events)
    linker.commit({"generation": "1"})
    expected = state(linker)
    linker.add(*wire()[0])
    linker.rollback()  # forgotten: never committed
    assert state(linker) == expected
    linker.close()
    reopened = Linker(index=SqliteIndex(tmp_path / "index"))
    assert state(reopened) == expected and reopened.index.meta() == {"generation": "1"}


def test_a_linker_in_memory_cannot_roll_back():
    linker = Linker()
    linker.add(*reports()[0])
    with pytest.raises(RuntimeError, match="cannot forget"):
        linker.rollback()


store, linker = incident_tests.store, incident_tests.linker  # six articles in a store, linked


def groups(linker) -> dict[str, list[str]]:
    return {root: sorted(members) for root, members in linker.groups().items()}


@pytest.fixture
def rebuilds(monkeypatch) -> list[str]:
    """The stores whose linker was rebuilt from the store's rows since the test began."""
    done: list[str] = []
    restore = links._restore

    def spy(store, linker):
        done.append(store.path.name)
        restore(store, linker)

    monkeypatch.setattr(links, "_restore", spy)
    return done


def test_an_index_that_matches_the_store_is_read_as_it_is(store, linker, rebuilds):
    again = links.load_linker(store)
    assert rebuilds == []
    assert groups(again) == groups(linker)
    assert links.link_pending(store, again) == 0


def test_an_index_behind_the_store_is_rebuilt(store, linker, rebuilds):
    """As after a crash between the store's commit and the index's: the store's generation moved on."""
    expected = {i.id: i for i in reads.incidents(store)}
    with store._transaction() as conn:
        links._next_generation(conn)
    again = links.load_linker(store)
    assert rebuilds == ["links.db"]
    assert groups(again) == groups(linker)
    assert links.load_linker(store) and rebuilds == ["links.db"]  # rebuilt once, then read
    assert links.link_pending(store, again) == 0
    assert {i.id: i for i in reads.incidents(store)} == expected


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_missing_or_damaged_index_is_rebuilt(store, linker, rebuilds, damage):
    expected = groups(linker)
    linker.close()
    path = links.index_path(store)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(b"not an index\n" * 500)
    again = links.load_linker(store)
    assert rebuilds == ["links.db"]
    assert groups(again) == expected


@pytest.mark.parametrize("blob", [b"\xff\x00 not marshal", marshal.dumps((1, 2))], ids=["bytes", "shape"])
def test_a_damaged_row_is_a_clear_error_and_the_next_run_rebuilds(store, linker, rebuilds, blob):
    """Rows that do not decode, in an index whose meta still matches the store: a StoreError naming
    the file, and the index is marked stale, so that the next load rebuilds it from the store."""
    expected = groups(linker)
    event = next(iter(expected))
    linker.close()
    path = links.index_path(store)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET own = ?", (blob,))
    damaged = links.load_linker(store)
    assert rebuilds == []  # the meta matches: read as it is
    with pytest.raises(StoreError, match="link index is damaged.*rebuilt from the store") as raised:
        damaged.features_of([event])
    assert raised.value.code == "link-index" and raised.value.where == str(path)
    damaged.close()
    again = links.load_linker(store)
    assert rebuilds == ["links.db"]
    assert groups(again) == expected and again.features_of([event])[event].event == event


def test_a_malformed_index_found_while_linking_is_the_same_clear_error(store, linker, rebuilds):
    """A page SQLite finds malformed (here the blocks table's root) in an index whose meta matches."""
    expected = groups(linker)
    linker.close()
    path = links.index_path(store)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'blocks'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xee" * size)
    damaged = links.load_linker(store)
    assert rebuilds == []
    save_all(store, wire()[:1])
    with pytest.raises(StoreError, match="link index is damaged: SQLite: .*malformed") as raised:
        links.link_pending(store, damaged)
    assert raised.value.code == "link-index" and raised.value.where == str(path)
    again = links.load_linker(store)
    assert rebuilds == ["links.db"]
    assert links.link_pending(store, again) == 1
    assert {m for members in expected.values() for m in members} <= {m for members in groups(again).values() for m in members}


def test_an_index_of_another_store_is_not_read(tmp_path, store, linker, rebuilds):
    with Store.open(tmp_path / "other.db") as other:
        save_all(other, reports()[:2])
        linker.close()
        shutil.copy(links.index_path(store), links.index_path(other))
        found = links.load_linker(other)
        assert rebuilds == ["other.db"]
        assert found.doc_count() == 0  # the other store has linked nothing yet
        assert links.link_pending(other, found) == 2


def test_other_aliases_rebuild_the_index(store, linker, rebuilds):
    links.load_linker(store, aliases=Aliases({("unit", "some unit"): "47th Mechanized Brigade"}))
    assert rebuilds == ["links.db"]


def test_a_failed_write_leaves_the_linker_as_the_store(store, linker, monkeypatch):
    """A batch the store cannot write is forgotten by the linker too: its articles stay pending."""
    before = groups(linker)
    (late, events), *_ = reports()[3:4]
    store.save(Extraction(late, tuple(events)))

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(links, "_summary", broken)
    with pytest.raises(StoreError, match="cannot save incidents"):
        links.link_article(store, linker, late.id)
    assert not linker.has(late.id)
    assert groups(linker) == before
    assert links.pending(store) == [late.id]
    monkeypatch.undo()
    assert links.link_pending(store, linker) == 1
    check_integrity(store)
    relinked = {i.id: i for i in reads.incidents(store)}
    links.relink(store)
    assert {i.id: i for i in reads.incidents(store)} == relinked


def test_what_is_linked_does_not_depend_on_the_cache_sizes(tmp_path, monkeypatch):
    """The features, contexts and extents an index on disk keeps in memory are a cache: with room
    for two, the same links and incidents."""
    pairs = reports() + bridge()
    found = {}
    for size in (2, 10_000):
        for name in ("FEATURES_CACHED", "CONTEXTS_CACHED", "EXTENTS_CACHED"):
            monkeypatch.setattr(index_module, name, size)
        with Store.open(tmp_path / f"cache{size}.db") as store:
            save_all(store, pairs)
            found_linker = links.load_linker(store)
            links.link_pending(store, found_linker)
            assert len(found_linker.index._features.items) <= size
            found[size] = ({i.id: i for i in reads.incidents(store)},
                           sorted(tuple(r) for r in store.conn.execute("SELECT a, b, score FROM links")))  # fmt: skip
    assert found[2] == found[10_000]
    assert found[2][1]


def test_an_events_screen_conflicts_as_its_features_do():
    """The linker screens candidates by the columns an index on disk keeps of each event, and reads
    the features (words, context) only of those that do not conflict: the screen must conflict with
    an event exactly when the whole features do, and name the same root."""
    from frontwire.link import score

    index = SqliteIndex()
    linker = Linker(index=index)
    for article, found in synthetic(400):
        linker.add(article, found)
    events = sorted(linker.roots())
    screened, features = index.screen(events), index.features_of(events)
    assert {e: root for e, (root, _) in screened.items()} == linker.roots()
    outcomes = set()
    for i, a in enumerate(events):
        for b in events[i + 1 : i + 40]:
            whole = score.conflict(features[a], features[b])
            assert score.conflict(screened[a][1], features[b]) == whole
            outcomes.add(whole)
    assert {None, "place", "unit", "date"} <= outcomes
