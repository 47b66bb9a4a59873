"""The SQLite store: one writer, one transaction per article, frozen records out."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from frontwire.errors import ConfigError, StoreError
from frontwire.model import Article, Event, Extraction, Mention, Quote
from frontwire.store import codec, schema
from frontwire.store.reads import EventFilter, event_where

DB_ENV = "FRONTWIRE_DB"
DEFAULT_DB = "frontwire.db"
BUSY_TIMEOUT_MS = 5000
IN_CHUNK = 500  # keys bound in one IN list, well under SQLite's limit on parameters


def default_path() -> Path:
    """``$FRONTWIRE_DB`` when set, else ``./frontwire.db``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def writer_lock(path: Path) -> IO[bytes] | None:
    """An exclusive lock on ``<path>.lock``, held while the returned file stays open.

    The operating system releases it when the process ends, however it ends, so
    a killed ingest never leaves the database locked. Raises a ``busy``
    StoreError naming the holder when another process has it. None where the
    platform has no ``fcntl`` (there, SQLite's own locking is all there is).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the store's lifetime
    except OSError as exc:
        raise StoreError(f"cannot create the writer lock {lock_path.name}: {exc.strerror}", where=str(path)) from exc
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.seek(0)
        holder = handle.read().decode("ascii", "replace").strip() or "another process"
        handle.close()
        raise StoreError(
            f"{holder} is writing to this database (an ingest, watch or link); wait for it to end, or drop"
            " files into the folder a running `frontwire watch` reads",
            where=str(path),
            code="busy",
        ) from exc
    handle.truncate(0)
    handle.write(f"frontwire process {os.getpid()}".encode("ascii"))
    handle.flush()
    return handle


def _fold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_ARTICLE = _insert("articles", codec.ARTICLE_COLUMNS)
INSERT_EVENT = _insert("events", codec.EVENT_COLUMNS)
INSERT_QUOTE = _insert("quotes", codec.QUOTE_COLUMNS)
INSERT_MENTION = _insert("mentions", codec.MENTION_COLUMNS)
UPDATE_ARTICLE = "UPDATE articles SET " + ", ".join(f"{c} = ?" for c in codec.ARTICLE_COLUMNS[1:]) + " WHERE id = ?"


class Store:
    """A frontwire database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.lock: IO[bytes] | None = None

    @classmethod
    def open(cls, path: str | Path | None = None, *, readonly: bool = False, exclusive: bool = False) -> Store:
        """Open (and create or migrate, unless ``readonly``) the database at ``path``.

        With ``exclusive``, this process becomes the database's only writer
        until it closes the store: another exclusive open fails at once with a
        ``busy`` StoreError (see :func:`writer_lock`). Readers are never held up.
        """
        path = Path(path) if path is not None else default_path()
        where = str(path)
        if readonly and not path.is_file():
            raise StoreError("no database here; run `frontwire ingest` first", where=where, code="missing")
        lock = writer_lock(path) if exclusive and not readonly else None
        try:
            store = cls._connect(path, readonly=readonly)
        except BaseException:
            if lock is not None:
                lock.close()
            raise
        store.lock = lock
        return store

    @classmethod
    def _connect(cls, path: Path, *, readonly: bool) -> Store:
        where = str(path)
        conn: sqlite3.Connection | None = None
        try:
            if readonly:
                conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.create_function("fold", 1, _fold, deterministic=True)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                conn.execute("PRAGMA query_only = ON")
            else:
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise StoreError(f"cannot open database: {exc}", where=where) from exc
        store = cls(conn, path, readonly=readonly)
        try:
            if readonly:
                current = schema.check(conn, where=where)
                newest = schema.latest()
                if current < newest:
                    raise StoreError(
                        f"database schema version {current} is older than {newest};"
                        " open it once for writing to migrate",
                        where=where,
                        code="schema",
                    )
            else:
                schema.migrate(conn, where=where)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"not a frontwire database: {exc}", where=where) from exc
        except StoreError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()
        if self.lock is not None:
            self.lock.close()  # closing the file releases the lock
            self.lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return schema.version(self.conn)

    # -- writes -----------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` when the body raises."""
        if self.readonly:
            raise StoreError("the database is open read-only", where=str(self.path), code="readonly")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a write: {exc}", where=str(self.path)) from exc
        done = False
        try:
            yield self.conn
            done = True
        finally:
            self.conn.execute("COMMIT" if done else "ROLLBACK")

    def is_current(self, article: Article) -> bool:
        """True when this article, with the same content hash, is already stored."""
        row = self.conn.execute("SELECT sha256 FROM articles WHERE id = ?", (article.id,)).fetchone()
        return row is not None and row["sha256"] == article.sha256

    def save(self, extraction: Extraction) -> str:
        """Store one article and its records in one transaction.

        Returns ``"added"``, ``"replaced"`` (its previous records are dropped)
        or ``"unchanged"`` (the same extraction is stored: nothing is written).
        """
        article = extraction.article
        sha = article.sha256
        events, quotes, mentions = rows = codec.record_values(extraction)
        digest = codec.digest(extraction, rows, sha=sha)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        values = codec.article_values(article, sha=sha, digest=digest, warnings=extraction.warnings, ingested_at=now)
        try:
            with self._transaction() as conn:
                row = conn.execute("SELECT digest FROM articles WHERE id = ?", (article.id,)).fetchone()
                if row is not None and row["digest"] == digest:
                    return "unchanged"
                if row is None:
                    conn.execute(INSERT_ARTICLE, values)
                else:
                    for table in ("events", "quotes", "mentions"):
                        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (article.id,))
                    conn.execute(UPDATE_ARTICLE, (*values[1:], article.id))
                conn.executemany(INSERT_EVENT, events)
                conn.executemany(INSERT_QUOTE, quotes)
                conn.executemany(INSERT_MENTION, mentions)
                return "added" if row is None else "replaced"
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save article: {exc}", where=article.id) from exc

    def delete(self, doc: str) -> bool:
        """Remove one article and everything read from it; False when absent."""
        with self._transaction() as conn:
            return conn.execute("DELETE FROM articles WHERE id = ?", (doc,)).rowcount > 0

    # -- reads ------------------------------------------------------------

    def _query(self, sql: str, params: list | tuple = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}", where=str(self.path)) from exc

    def _query_in(self, sql: str, keys: list) -> Iterator[sqlite3.Row]:
        """Rows of ``sql`` (whose ``{marks}`` stands for an IN list) over ``keys``, 500 at a time."""
        for i in range(0, len(keys), IN_CHUNK):
            part = keys[i : i + IN_CHUNK]
            yield from self._query(sql.format(marks=", ".join("?" * len(part))), part)

    def _check_search(self, q: str) -> None:
        """Raise a ConfigError now for an FTS5 query that cannot be parsed."""
        try:
            self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (q,)).fetchall()
        except sqlite3.OperationalError as exc:
            raise ConfigError(
                f"bad search query {q!r} ({exc}); put words with punctuation in double quotes", code="query"
            ) from exc

    def article(self, id: str) -> Article | None:
        row = self._query("SELECT * FROM articles WHERE id = ?", (id,)).fetchone()
        return codec.article_from(row) if row else None

    def articles(self, *, q: str | None = None, doc: str | None = None) -> Iterator[Article]:
        """Stored articles in id order, optionally those matching a full-text query."""
        sql, params = "SELECT a.* FROM articles a", []
        clauses = []
        if q is not None:
            self._check_search(q)
            clauses.append("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(q)
        if doc is not None:
            clauses.append("a.id = ?")
            params.append(doc)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return map(codec.article_from, self._query(sql + " ORDER BY a.id", params))

    def extraction(self, doc: str) -> Extraction | None:
        """Everything stored for one article, as it was saved."""
        row = self._query("SELECT * FROM articles WHERE id = ?", (doc,)).fetchone()
        if row is None:
            return None
        return Extraction(
            article=codec.article_from(row),
            events=tuple(self.events(doc=doc)),
            quotes=tuple(self.quotes(doc=doc)),
            mentions=tuple(self.mentions(doc=doc)),
            warnings=codec.warnings_from(row),
        )

    def events(
        self,
        *,
        type: str | None = None,
        side: str | None = None,
        unit: str | None = None,
        place: str | None = None,
        evidence: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Event]:
        """Events matching every given filter, by article then order of extraction.

        ``side`` matches exactly but ignores case; ``unit`` and ``place`` are
        case-insensitive substrings (``place`` of location, admin1 or country);
        ``since``/``until`` keep dated events whose interval overlaps them;
        ``q`` keeps events whose sentence contains it or whose article matches
        it as an FTS5 query. Filter errors raise before anything is yielded.
        """
        filters = EventFilter(type=type, side=side, unit=unit, place=place, evidence=evidence, since=since, until=until, q=q, doc=doc)
        where, params = event_where(filters)
        if q is not None:
            self._check_search(q)
        sql = f"SELECT e.* FROM events e{where} ORDER BY e.doc, e.seq LIMIT ? OFFSET ?"
        cursor = self._query(sql, [*params, -1 if limit is None else limit, offset])
        return map(codec.event_from, cursor)

    def event(self, id: str) -> Event | None:
        row = self._query("SELECT * FROM events WHERE id = ? ORDER BY seq LIMIT 1", (id,)).fetchone()
        return codec.event_from(row) if row else None

    def quotes(self, *, doc: str | None = None) -> Iterator[Quote]:
        sql, params = "SELECT * FROM quotes", []
        if doc is not None:
            sql, params = sql + " WHERE doc = ?", [doc]
        return map(codec.quote_from, self._query(sql + " ORDER BY doc, seq", params))

    def mentions(self, *, doc: str | None = None, label: str | None = None) -> Iterator[Mention]:
        clauses, params = [], []
        if doc is not None:
            clauses.append("doc = ?")
            params.append(doc)
        if label is not None:
            clauses.append("label = ?")
            params.append(label)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return map(codec.mention_from, self._query(f"SELECT * FROM mentions{where} ORDER BY doc, seq", params))

    def stats(self) -> dict[str, Any]:
        """Counts for a quick look: articles, events by type/side/evidence, quotes, dates, outlets."""

        def grouped(column: str, table: str = "events") -> dict[str, int]:
            rows = self._query(f"SELECT {column} AS k, count(*) AS n FROM {table} GROUP BY k ORDER BY n DESC, k")
            return {(r["k"] if r["k"] is not None else "unknown"): r["n"] for r in rows}

        one = self._query(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM mentions) AS mentions,"
            " (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM copies) AS copies,"
            " (SELECT min(date_start) FROM events) AS first, (SELECT max(date_end) FROM events) AS last,"
            " (SELECT min(published) FROM articles) AS pub_first, (SELECT max(published) FROM articles) AS pub_last"
        ).fetchone()
        return {
            "articles": one["articles"],
            "events": one["events"],
            "quotes": one["quotes"],
            "mentions": one["mentions"],
            "incidents": one["incidents"],
            "syndicated_copies": one["copies"],
            "events_by_type": grouped("type"),
            "events_by_side": grouped("side"),
            "events_by_evidence": grouped("evidence"),
            "event_dates": {"first": one["first"], "last": one["last"]},
            "published": {"first": one["pub_first"], "last": one["pub_last"]},
            "outlets": grouped("outlet", "articles"),
        }
