"""The linker's memory, in SQLite: what it knows of every article, event, block, link and sketch.

The :class:`~frontwire.link.Linker` keeps nothing per article in RAM but a
bounded cache, so linking the ten-thousandth article takes no more memory
than the first. A linker of its own (``Index()``) lives in an in-memory
database; the store's linker keeps its index in a file beside the store
(:func:`frontwire.store.incidents.load_linker`), written as it goes and
committed with each batch the store commits, so the next run starts where
this one stopped instead of filing every stored article again.

Rows hold pickles of the linker's own values (:class:`Features` without the
article's context, which is kept once an article, :class:`Extent`,
:class:`Link`); :data:`FORMAT` names their layout, and an index of another
format is rebuilt, never read.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

FORMAT = "1"
CACHE_KB = 16 * 1024  # SQLite's page cache for the index
IN_CHUNK = 500  # ids per IN (...) query

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (doc TEXT PRIMARY KEY, article BLOB NOT NULL, context BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    event TEXT PRIMARY KEY, doc TEXT NOT NULL, n INTEGER NOT NULL, root TEXT NOT NULL, own BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS events_doc ON events (doc, n);
CREATE INDEX IF NOT EXISTS events_root ON events (root);
CREATE TABLE IF NOT EXISTS extents (root TEXT PRIMARY KEY, extent BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
    key INTEGER NOT NULL, start INTEGER NOT NULL, event TEXT NOT NULL, end_ INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (key, start, event)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (a TEXT NOT NULL, b TEXT NOT NULL, link BLOB NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_b ON edges (b);
CREATE TABLE IF NOT EXISTS sketches (doc TEXT PRIMARY KEY, published TEXT NOT NULL, grams BLOB NOT NULL, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS buckets (key INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copies (doc TEXT PRIMARY KEY, original TEXT NOT NULL, containment REAL NOT NULL);
CREATE INDEX IF NOT EXISTS copies_original ON copies (original);
"""

K = TypeVar("K")
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """A dict that keeps at most ``size`` entries, forgetting the least recently read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.size:
            self.items.popitem(last=False)

    def drop(self, key: K) -> None:
        self.items.pop(key, None)

    def clear(self) -> None:
        self.items.clear()


def key_hash(key: tuple) -> int:
    """A block or bucket key as a signed 64-bit integer, the same in every process."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def dump(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load(blob: bytes) -> object:
    return pickle.loads(blob)


def chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(items: list) -> str:
    return ", ".join("?" * len(items))


class Index:
    """An SQLite database of the linker's state: in memory by default, else the file at ``path``.

    Writes open a transaction that :meth:`commit` ends (or :meth:`rollback`
    undoes); reads see what this index wrote, committed or not.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.conn = sqlite3.connect(str(self.path) if self.path else ":memory:", isolation_level="DEFERRED")
        if self.path is not None:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # a lost commit shows as a stale generation
        self.conn.execute(f"PRAGMA cache_size = -{CACHE_KB:d}")
        self.conn.executescript(SCHEMA)

    @classmethod
    def fresh(cls, path: str | Path) -> Index:
        """An empty index at ``path``, replacing whatever was there."""
        path = Path(path)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return cls(path)

    def close(self) -> None:
        self.conn.close()

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()

    def execute(self, sql: str, params: Iterable = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[tuple]) -> None:
        self.conn.executemany(sql, rows)

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def set_meta(self, values: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(values.items()))

    def column_in(self, sql: str, ids: list) -> list[tuple]:
        """Rows of ``sql`` (with one ``{}`` for the marks of an IN list) for every id, in chunks."""
        if len(ids) <= IN_CHUNK:
            return self.conn.execute(sql.format(marks(ids)), ids).fetchall() if ids else []
        return [row for part in chunks(ids) for row in self.conn.execute(sql.format(marks(part)), part)]
