"""The linker's memory in an SQLite file beside the store, so that it stays flat as the store grows.

:class:`SqliteIndex` has the methods of :class:`~frontwire.link.index.MemoryIndex`
and keeps what they hold on disk, with a bounded cache of features, article
contexts and incident extents in front: linking the ten-thousandth article
takes no more memory than the first. It is written as the linker goes and
committed with each batch the store commits
(:func:`frontwire.store.incidents.load_linker` says when it is read and when
rebuilt), so the next run starts where this one stopped. A row holds plain
tuples serialized with :mod:`marshal` (data only: reading a file from elsewhere
never runs code, as unpickling could): an event's own features with its type's
words of its article (:data:`OWN`), the rest of an article's context once an
article. What :func:`~frontwire.link.score.conflict` reads of an event is in
columns of its own, so that a candidate is screened without decoding its words.
:data:`FORMAT` names the layout, and an index of another format is rebuilt,
never read.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

from frontwire.link.extent import Extent
from frontwire.link.features import Context, Features, Screen
from frontwire.link.index import Sketch, rank
from frontwire.link.score import Link
from frontwire.errors import StoreError
from frontwire.link.syndication import Copy
from frontwire.model import Article

FORMAT = "3"
CACHE_KB = 8 * 1024  # SQLite's page cache for the index
IN_CHUNK = 500  # ids per IN (...) query
FEATURES_CACHED = 1_024  # events whose features an SqliteIndex keeps in memory, the most recently read
CONTEXTS_CACHED = 256  # articles whose context it keeps (a cached event holds its article's too)
EXTENTS_CACHED = 2_048  # incidents whose extent it keeps (full within about 1k articles: memory flat after)
# kept an event: its own features, and the words of its article's events of its type (an article's
# other context is kept once an article: a candidate reads only its own type's words)
OWN = (*(f.name for f in fields(Features) if not f.name.startswith("context_")), "context_words")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (doc TEXT PRIMARY KEY, article BLOB NOT NULL, context BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    event TEXT PRIMARY KEY, doc TEXT NOT NULL, n INTEGER NOT NULL, root TEXT NOT NULL, own BLOB NOT NULL,
    type TEXT NOT NULL, start INTEGER NOT NULL, end_ INTEGER NOT NULL, unit TEXT, formations TEXT NOT NULL,
    lat REAL, lon REAL, country TEXT);
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
        if key in self.items:
            self.items.move_to_end(key)
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)

    def split(self, keys: Iterable[K]) -> tuple[dict[K, V], list[K]]:
        """The values kept of ``keys``, and the keys not kept, in their order."""
        found: dict[K, V] = {}
        missing = []
        for key in keys:
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        return found, missing

    def drop(self, key: K) -> None:
        self.items.pop(key, None)

    def clear(self) -> None:
        self.items.clear()


def own_of(f: Features) -> tuple:
    """What an index keeps of an event's features (see :data:`OWN`)."""
    return tuple(getattr(f, name) for name in OWN)


def assemble(own: tuple, around: Context) -> Features:
    *mine, words = own
    return Features(*mine, context_units=around.units, context_formations=around.formations,
                    context_places=around.places, context_points=around.points, context_words=words)  # fmt: skip


def _dump(value: object) -> bytes:
    return marshal.dumps(value, 4)


def _load(blob: bytes):
    return marshal.loads(blob)


SEP = "\x1f"  # between an event's formations in their column (names never hold it)


def _context_values(around: Context) -> tuple:
    """What an index keeps of an article's context: not its words, kept with each event (see :data:`OWN`)."""
    return (around.units, around.formations, around.places, around.points)


def _chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(items: list) -> str:
    return ", ".join("?" * len(items))


class SqliteIndex:
    """The linker's memory in the SQLite file at ``path`` (in memory when None), a bounded cache in front.

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
        self._features: Bounded[str, Features] = Bounded(FEATURES_CACHED)
        self._contexts: Bounded[str, Context] = Bounded(CONTEXTS_CACHED)
        self._extents: Bounded[str, Extent] = Bounded(EXTENTS_CACHED)
        self._unwritten: dict[str, Extent | None] = {}  # extents set (None: dropped) since the last commit

    @classmethod
    def fresh(cls, path: str | Path) -> SqliteIndex:
        """An empty index at ``path``, replacing whatever was there."""
        path = Path(path)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return cls(path)

    def _in(self, sql: str, ids: list) -> list[tuple]:
        """Rows of ``sql`` (with one ``{}`` for the marks of an IN list) for every id, in chunks."""
        if len(ids) <= IN_CHUNK:
            return self.conn.execute(sql.format(_marks(ids)), ids).fetchall() if ids else []
        return [row for part in _chunks(ids) for row in self.conn.execute(sql.format(_marks(part)), part)]

    # -- articles ---------------------------------------------------------

    def put_article(self, article: Article, around: Context) -> None:
        meta = (article.id, article.outlet, article.published, article.title, article.url, article.path, article.fmt)
        self.conn.execute("INSERT OR REPLACE INTO articles (doc, article, context) VALUES (?, ?, ?)",
                          (article.id, _dump(meta), _dump(_context_values(around))))  # fmt: skip
        self._contexts.put(article.id, around)

    def delete_article(self, doc: str) -> None:
        self.conn.execute("DELETE FROM articles WHERE doc = ?", (doc,))
        self._contexts.drop(doc)

    def has(self, doc: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE doc = ?", (doc,)).fetchone() is not None

    def docs(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT doc FROM articles ORDER BY doc")]

    def context(self, doc: str) -> Context:
        return self.contexts([doc])[doc]

    def contexts(self, docs: Iterable[str]) -> dict[str, Context]:
        """Each article's context (an empty one for an article the index does not hold), read in one query."""
        out, missing = self._contexts.split(docs)
        if missing:
            missing = sorted(set(missing))
            with self._decoding():
                read = {doc: Context(*_load(blob)) for doc, blob in self._in("SELECT doc, context FROM articles WHERE doc IN ({})", missing)}
            for doc in missing:
                found = out[doc] = read.get(doc) or Context()
                self._contexts.put(doc, found)
        return out

    def articles_of(self, docs: Iterable[str]) -> dict[str, Article]:
        found = self._in("SELECT doc, article FROM articles WHERE doc IN ({})", sorted(set(docs)))
        out = {}
        with self._decoding():  # once a call, not once a row: an incident's write reads hundreds
            for doc, blob in found:
                id_, outlet, published, title, url, path, fmt = _load(blob)
                out[doc] = Article(id_, "", outlet, published, title, url, path, fmt)
        return out

    # -- events and incidents ---------------------------------------------

    def put_events(self, own: list[Features]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO events (event, doc, n, root, own, type, start, end_, unit, formations, lat, lon, country)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(f.event, f.doc, n, f.event, _dump(own_of(f)), f.type, f.start, f.end, f.unit, SEP.join(f.formations),
              f.lat, f.lon, f.country) for n, f in enumerate(own)],
        )  # fmt: skip
        self.set_extents({f.event: Extent.of(f) for f in own})
        for f in own:
            self._features.put(f.event, f)

    def delete_events(self, doc: str) -> None:
        for event in self.events_of(doc):
            self._features.drop(event)
        self.conn.execute("DELETE FROM events WHERE doc = ?", (doc,))

    def events_of(self, doc: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT event FROM events WHERE doc = ? ORDER BY n", (doc,))]

    def features_of(self, events: Iterable[str]) -> dict[str, Features]:
        out, missing = self._features.split(events)
        if not missing:
            return out
        rows = self._in("SELECT event, doc, own FROM events WHERE event IN ({})", missing)
        around = self.contexts(doc for _, doc, _ in rows)
        with self._decoding():
            for event, doc, own in rows:
                f = out[event] = assemble(_load(own), around[doc])
                self._features.put(event, f)
        return out

    def roots_of(self, events: Iterable[str]) -> dict[str, str]:
        return dict(self._in("SELECT event, root FROM events WHERE event IN ({})", list(events)))

    def docs_of(self, events: Iterable[str]) -> dict[str, str]:
        return dict(self._in("SELECT event, doc FROM events WHERE event IN ({})", list(events)))

    def screen(self, events: Iterable[str]) -> dict[str, tuple[str, Screen]]:
        """As :meth:`frontwire.link.index.MemoryIndex.screen`: from the events' columns, no blob
        decoded, nothing cached."""
        sql = "SELECT event, root, type, start, end_, unit, formations, lat, lon, country FROM events WHERE event IN ({})"
        return {event: (root, Screen(type_, start, end, unit, tuple(formations.split(SEP)) if formations else (), lat, lon, country))
                for event, root, type_, start, end, unit, formations, lat, lon, country in self._in(sql, list(events))}  # fmt: skip

    def members(self, roots: Iterable[str]) -> list[tuple[str, str]]:
        return sorted(self._in("SELECT event, doc FROM events WHERE root IN ({})", sorted(set(roots))))

    def members_by_root(self, roots: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {root: [] for root in sorted(set(roots))}
        for root, event, doc in sorted(self._in("SELECT root, event, doc FROM events WHERE root IN ({})", list(out))):
            out[root].append((event, doc))
        return out

    def relabel(self, gone: str, keep: str) -> None:
        self.conn.execute("UPDATE events SET root = ? WHERE root = ?", (keep, gone))

    def set_roots(self, pairs: list[tuple[str, str]]) -> None:
        self.conn.executemany("UPDATE events SET root = ? WHERE event = ?", [(root, event) for event, root in pairs])

    def extent(self, root: str) -> Extent:
        if root in self._unwritten:
            found = self._unwritten[root]
            if found is None:
                raise KeyError(root)
            return found
        found = self._extents.get(root)
        if found is None:
            blob = self.conn.execute("SELECT extent FROM extents WHERE root = ?", (root,)).fetchone()[0]
            with self._decoding():
                found = Extent(*_load(blob))
            self._extents.put(root, found)
        return found

    def set_extents(self, extents: dict[str, Extent]) -> None:
        """Record incidents' extents; they are written with the next :meth:`commit` (an incident's
        extent changes with every event that joins it)."""
        self._unwritten.update(extents)

    def drop_extents(self, roots: Iterable[str]) -> None:
        for root in roots:
            self._unwritten[root] = None
            self._extents.drop(root)

    def _write_extents(self) -> None:
        changed, self._unwritten = self._unwritten, {}
        self.conn.executemany("DELETE FROM extents WHERE root = ?", [(root,) for root, e in changed.items() if e is None])
        self.conn.executemany(
            "INSERT OR REPLACE INTO extents (root, extent) VALUES (?, ?)",
            [(root, _dump((e.first, e.last, e.box, e.formations, e.reported))) for root, e in changed.items() if e is not None],
        )
        for root, extent in changed.items():
            if extent is not None:
                self._extents.put(root, extent)

    def incident_count(self) -> int:
        self._write_extents()
        return self.conn.execute("SELECT COUNT(*) FROM extents").fetchone()[0]

    def roots(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT event, root FROM events").fetchall())

    # -- blocks -------------------------------------------------------------

    def file(self, filed: list[tuple[Features, list[int]]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO blocks (key, start, event, end_, doc) VALUES (?, ?, ?, ?, ?)",
                              [(key, f.start, f.event, f.end, f.doc) for f, keys in filed for key in keys])  # fmt: skip

    def unfile(self, filed: list[tuple[Features, list[int]]]) -> None:
        self.conn.executemany("DELETE FROM blocks WHERE key = ? AND start = ? AND event = ?",
                              [(key, f.start, f.event) for f, keys in filed for key in keys])  # fmt: skip

    def candidates(self, blocks: dict[int, tuple[str, int]], first: int, start: int, end: int,
                   exclude: tuple[str, str], limit: int) -> list[str]:  # fmt: skip
        """As :meth:`frontwire.link.index.MemoryIndex.candidates`: one query reads each block's
        nearest eligible rows on each side (a bounded read, however crowded the block), ranked here."""
        keys = list(blocks)
        params = [first, start, end, *exclude]
        for key in keys:
            params += (key, blocks[key][1])
        near: dict[int, list[tuple[int, str]]] = {}
        for k, s, event in self.conn.execute(_nearest_sql(len(keys)), params):
            near.setdefault(keys[k], []).append((s, event))
        for block in near.values():
            block.sort()
        return rank(near, {key: kind for key, (kind, _) in blocks.items()}, start, limit)

    # -- links --------------------------------------------------------------

    def put_links(self, links: list[Link]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO edges (a, b, link) VALUES (?, ?, ?)",
            [(*sorted((x.a, x.b)), _dump((x.a, x.b, x.score, x.reasons, x.kind))) for x in links],
        )

    def delete_links(self, events: Iterable[str]) -> None:
        pairs = [(e,) for e in events]
        self.conn.executemany("DELETE FROM edges WHERE a = ?", pairs)
        self.conn.executemany("DELETE FROM edges WHERE b = ?", pairs)

    def linked_pairs(self, events: list[str]) -> list[tuple[str, str]]:
        among = set(events)
        return [(a, b) for a, b in self._in("SELECT a, b FROM edges WHERE a IN ({})", events) if b in among]

    def links(self) -> Iterator[Link]:
        for (blob,) in self.conn.execute("SELECT link FROM edges ORDER BY a, b"):
            with self._decoding():
                a, b, value, reasons, kind = _load(blob)
            yield Link(a, b, value, reasons, kind=kind)

    # -- syndication ----------------------------------------------------------

    def put_sketch(self, doc: str, published: str, grams: np.ndarray, sig: np.ndarray, bands: list[int]) -> None:
        self.conn.execute("INSERT OR REPLACE INTO sketches (doc, published, grams, signature) VALUES (?, ?, ?, ?)",
                          (doc, published, grams.astype(np.uint32).tobytes(), sig.astype(np.uint64).tobytes()))  # fmt: skip
        self.conn.executemany("INSERT OR IGNORE INTO buckets (key, doc) VALUES (?, ?)", [(key, doc) for key in bands])

    def delete_sketch(self, doc: str, bands: list[int]) -> None:
        self.conn.execute("DELETE FROM sketches WHERE doc = ?", (doc,))
        self.conn.executemany("DELETE FROM buckets WHERE key = ? AND doc = ?", [(key, doc) for key in bands])

    def sketch(self, doc: str) -> Sketch | None:
        return self.sketches([doc]).get(doc)

    def sketches(self, docs: Iterable[str]) -> dict[str, Sketch]:
        found = self._in("SELECT doc, grams, signature, published FROM sketches WHERE doc IN ({})", sorted(set(docs)))
        with self._decoding():
            return {doc: (np.frombuffer(grams, dtype=np.uint32), np.frombuffer(sig, dtype=np.uint64), published)
                    for doc, grams, sig, published in found}  # fmt: skip

    def bucket_docs(self, bands: list[int]) -> set[str]:
        return {r[0] for r in self._in("SELECT doc FROM buckets WHERE key IN ({})", bands)}

    def put_copy(self, copy: Copy) -> None:
        self.conn.execute("INSERT OR REPLACE INTO copies (doc, original, containment) VALUES (?, ?, ?)",
                          (copy.doc, copy.original, copy.containment))  # fmt: skip

    def delete_copies(self, doc: str) -> None:
        self.conn.execute("DELETE FROM copies WHERE doc = ? OR original = ?", (doc, doc))

    def copy(self, doc: str) -> Copy | None:
        row = self.conn.execute("SELECT doc, original, containment FROM copies WHERE doc = ?", (doc,)).fetchone()
        return Copy(*row) if row else None

    def originals(self, docs: Iterable[str]) -> dict[str, str]:
        return dict(self._in("SELECT doc, original FROM copies WHERE doc IN ({})", sorted(set(docs))))

    def copies(self) -> dict[str, Copy]:
        return {r[0]: Copy(*r) for r in self.conn.execute("SELECT doc, original, containment FROM copies ORDER BY doc")}

    # -- state ------------------------------------------------------------------

    @contextmanager
    def _decoding(self) -> Iterator[None]:
        """Around the decoding of rows: one that does not decode means the file is damaged."""
        try:
            yield
        except (ValueError, EOFError, TypeError, LookupError) as exc:
            raise self.damaged(f"a row does not decode ({type(exc).__name__}: {exc})") from exc

    def damaged(self, reason: str) -> StoreError:
        """The error for a damaged index, once it is marked stale (its meta emptied, else the file
        removed) so that the next run rebuilds it from the store."""
        where = str(self.path) if self.path is not None else "the link index"
        try:
            self.conn.rollback()
            self.conn.execute("DELETE FROM meta")
            self.conn.commit()
        except sqlite3.Error:
            self.conn.close()
            if self.path is not None:
                for suffix in ("", "-wal", "-shm"):
                    self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        self.rollback_cache()
        return StoreError(f"the link index is damaged: {reason}. It is rebuilt from the store on the next run;"
                          " nothing stored is lost", where=where, code="link-index")  # fmt: skip

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def commit(self, meta: dict[str, str] | None = None) -> None:
        """End the transaction (with ``meta`` recorded in it)."""
        self._write_extents()
        if meta:
            self.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
        self.conn.commit()

    def rollback(self) -> None:
        """Undo what was written since the last commit."""
        self.conn.rollback()
        self.rollback_cache()

    def rollback_cache(self) -> None:
        """Forget what the caches hold (after the file's transaction was undone)."""
        self._features.clear()
        self._contexts.clear()
        self._extents.clear()
        self._unwritten.clear()

    def close(self) -> None:
        self.conn.close()


_BEFORE = "start >= ?1 AND start < ?2 ORDER BY start DESC, event DESC"  # ?1 first, ?2 start, ?3 end
_AFTER = "start >= ?2 AND start <= ?3 ORDER BY start, event"
_SIDE = (
    "SELECT * FROM (SELECT {k} AS k, start, event FROM blocks WHERE key = ?{key} AND end_ >= ?2"
    " AND doc NOT IN (?4, ?5) AND {side} LIMIT ?{half})"
)


@lru_cache(maxsize=64)
def _nearest_sql(keys: int) -> str:
    """Of each of ``keys`` blocks (the k-th's key and depth in parameters 6 + 2k and 7 + 2k), its
    nearest eligible rows before an event's start and from it on: each side a bounded read of the
    (key, start) index."""
    return " UNION ALL ".join(
        _SIDE.format(k=k, key=6 + 2 * k, half=7 + 2 * k, side=side) for k in range(keys) for side in (_BEFORE, _AFTER)
    )
