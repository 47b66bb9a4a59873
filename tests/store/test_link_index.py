"""The linker's index beside the store: read when it matches the store, rebuilt when it does not."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from frontwire.errors import StoreError
from frontwire.link import Aliases, linker as linker_module
from frontwire.model import Extraction
from frontwire.store import Store
from frontwire.store import incident_reads as reads
from frontwire.store import incidents as links
from tests.link import bridge, reports
from tests.store.test_incidents import check_integrity, save_all


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "links.db") as opened:
        save_all(opened, reports()[:3] + bridge())
        yield opened


@pytest.fixture
def linker(store):
    found = links.load_linker(store)
    assert links.link_pending(store, found) == 6
    return found


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

    monkeypatch.setattr(links, "_write_incidents", broken)
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
    """The features, contexts and extents kept in memory are a cache: with room for two, the
    same links and incidents."""
    pairs = reports() + bridge()
    found = {}
    for size in (2, 10_000):
        monkeypatch.setattr(linker_module, "FEATURES_CACHED", size)
        monkeypatch.setattr(linker_module, "CONTEXTS_CACHED", size)
        with Store.open(tmp_path / f"cache{size}.db") as store:
            save_all(store, pairs)
            found_linker = links.load_linker(store)
            links.link_pending(store, found_linker)
            assert len(found_linker._features.items) <= size
            found[size] = ({i.id: i for i in reads.incidents(store)},
                           sorted(tuple(r) for r in store.conn.execute("SELECT a, b, score FROM links")))  # fmt: skip
    assert found[2] == found[10_000]
    assert found[2][1]
