"""What the linker found, in the store: copies, links with reasons, incidents, entities.

Links are the source of truth; an incident row is a summary of one
connected component, rewritten whenever an article joins, leaves or changes
it. Each update (one article's, or a batch's through :class:`Deferred`) is
one transaction, so a reader never sees an incident half rewritten.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from frontwire.errors import StoreError
from frontwire.link import Aliases, Copy, Link, Linker, Update
from frontwire.link.incidents import summarize
from frontwire.store.link_index import FORMAT, SqliteIndex
from frontwire.link.linker import incident_id
from frontwire.model import DateRange, Event, Incident, Place
from frontwire.store import codec
from frontwire.store.db import Store
from frontwire.store.reads import EventFilter

INCIDENT_COLUMNS: tuple[str, ...] = (
    "id", "type", "reports", "outlets", "origins", "copies", "evidence", "denied", "first_report", "last_report",
    "date_start", "date_end", "date_precision", "date_text", "side", "unit", "location", "location_kind", "country",
    "admin1", "lat", "lon", "gazetteer_id", "count", "count_unit", "origin_names", "outlet_names", "docs", "text",
)  # fmt: skip
INSERT_INCIDENT = f"INSERT INTO incidents ({', '.join(INCIDENT_COLUMNS)}) VALUES ({', '.join('?' * len(INCIDENT_COLUMNS))})"
CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True, slots=True)
class IncidentFilter(EventFilter):
    """What ``incident_reads.incidents`` selects: the event filters, plus ``min_origins``."""

    min_origins: int | None = None


def incident_values(incident: Incident) -> tuple:
    place, date = incident.location, incident.date
    return (
        incident.id, incident.type, incident.reports, incident.outlets, incident.origins, incident.copies,
        incident.evidence, int(incident.denied), incident.first_report, incident.last_report,
        date.start if date else None, date.end if date else None, date.precision if date else None,
        date.text if date else None, incident.side, incident.unit,
        place.name if place else None, place.kind if place else None, place.country if place else None,
        place.admin1 if place else None, place.lat if place else None, place.lon if place else None,
        place.gazetteer_id if place else None, incident.count, incident.count_unit,
        json.dumps(list(incident.origin_names), ensure_ascii=False),
        json.dumps(list(incident.outlet_names), ensure_ascii=False),
        json.dumps(list(incident.docs), ensure_ascii=False), incident.text,
    )  # fmt: skip


def incident_from(row: sqlite3.Row, events: tuple[str, ...] = ()) -> Incident:
    place = None
    if row["location"] is not None:
        place = Place(
            name=row["location"], span=(0, 0), country=row["country"], admin1=row["admin1"], lat=row["lat"],
            lon=row["lon"], gazetteer_id=row["gazetteer_id"], kind=row["location_kind"] or "place",
        )  # fmt: skip
    date = None
    if row["date_start"] is not None:
        date = DateRange(row["date_start"], row["date_end"], row["date_precision"], row["date_text"] or "")
    return Incident(
        id=row["id"], type=row["type"], events=events, docs=tuple(json.loads(row["docs"])), reports=row["reports"],
        outlets=row["outlets"], origins=row["origins"], copies=row["copies"], evidence=row["evidence"],
        denied=bool(row["denied"]), first_report=row["first_report"], last_report=row["last_report"], date=date,
        side=row["side"], unit=row["unit"], location=place, count=row["count"], count_unit=row["count_unit"],
        origin_names=tuple(json.loads(row["origin_names"])), outlet_names=tuple(json.loads(row["outlet_names"])),
        text=row["text"],
    )  # fmt: skip


def link_from(row: sqlite3.Row) -> Link:
    return Link(row["a"], row["b"], row["score"], tuple(json.loads(row["reasons"])), kind=row["kind"])


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


LINK_COLUMNS = (
    "e.doc, e.type, e.span_start, e.span_end, e.text, e.side, e.unit, e.location, e.location_kind, e.country,"
    " e.admin1, e.lat, e.lon, e.gazetteer_id, e.date_start, e.date_end, e.date_precision, e.count, e.count_unit,"
    " e.source, e.origin, e.evidence"
)


def _link_event(row: tuple) -> Event:
    """An event with only what the linker reads (no provenance, chain or cue to decode), from a
    plain row of :data:`LINK_COLUMNS`."""
    (doc, type_, start, end, text, side, unit, location, kind, country, admin1, lat, lon, gazetteer_id, date_start,
     date_end, precision, count, count_unit, source, origin, evidence) = row  # fmt: skip
    place = None
    if location is not None:
        place = Place(location, (0, 0), country, admin1, lat, lon, gazetteer_id, kind or "place")
    date = DateRange(date_start, date_end, precision) if date_start else None
    return Event(
        doc=doc, type=type_, span=(start, end), text=text, side=side, unit=unit, location=place, date=date,
        count=count, count_unit=count_unit, source=source, origin=origin, evidence=evidence,
    )  # fmt: skip


def _plain(conn: sqlite3.Connection, sql: str, params: list | tuple) -> sqlite3.Cursor:
    """``conn.execute`` giving tuples, not :class:`sqlite3.Row` (a summary reads thousands of rows)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, params)


def _events_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Event]:
    """The events an incident summary reads, without decoding provenance and chains."""
    out: dict[str, Event] = {}
    for part in _chunks(ids):
        sql = f"SELECT e.id, {LINK_COLUMNS} FROM events e WHERE e.id IN ({', '.join('?' * len(part))})"
        for row in _plain(conn, sql, part):
            if row[0] not in out:
                out[row[0]] = _link_event(row[1:])
    return out


# -- writes ----------------------------------------------------------------


@contextmanager
def _reading_index(linker: Linker) -> Iterator[None]:
    """Around the linker's own work on its index file: SQLite finding that file malformed (not busy
    or locked) is the index's "damaged" error, as a row that does not decode is."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if type(exc) is sqlite3.DatabaseError and isinstance(linker.index, SqliteIndex):
            raise linker.index.damaged(f"SQLite: {exc}") from exc
        raise


def save_updates(store: Store, linker: Linker, updates: list[tuple[Update, str]]) -> list[Incident]:
    """Write several articles' links and copy statuses (``(update, digest)`` in the order they were
    linked), then every incident they touched once, in one transaction.

    An incident that many of the articles joined is summarized and written once, not once an
    article. The articles must be distinct: one linked twice needs a write in between.
    """
    if not updates:
        return []
    docs = [update.doc for update, _ in updates]
    with _reading_index(linker):
        events = [e for update, _ in updates for e in [*linker.events_of(update.doc), *update.touched]]
        groups = linker.members_by_root(linker.index.roots_of(sorted(set(events))).values())
    members = sorted(e for group in groups.values() for e, _ in group)
    known = {incident for update, _ in updates for incident in update.stale}
    where = docs[0] if len(docs) == 1 else f"{len(docs)} articles"
    try:
        with store._transaction() as conn:
            stale = _stale_incidents(conn, docs, members, known=known)
            for update, digest in updates:
                _save_article_links(conn, linker, update, digest)
            written = _replace_incidents(conn, linker, stale, groups)
            generation = _next_generation(conn)
    except (sqlite3.Error, StoreError) as exc:
        linker.rollback()  # the linker forgets the batch too: its articles stay pending
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot save incidents: {exc}", where=where) from exc
    commit(store, linker, generation)
    return written


def _next_generation(conn: sqlite3.Connection) -> int:
    """Bump the store's link generation (inside the write that changes links); the new one."""
    conn.execute("UPDATE link_state SET generation = generation + 1")
    return conn.execute("SELECT generation FROM link_state").fetchone()[0]


def commit(store: Store, linker: Linker, generation: int | None = None) -> None:
    """Commit the linker's index as matching the store's links at ``generation`` (by default the store's now)."""
    state = store._query("SELECT store, generation FROM link_state").fetchone()
    linker.commit(index_meta(state["store"], generation if generation is not None else state["generation"], linker.aliases))


def _save_article_links(conn: sqlite3.Connection, linker: Linker, update: Update, digest: str) -> None:
    """One article's links, copies, linked mark and sketch; its incidents are written by the caller."""
    doc = update.doc
    conn.execute("DELETE FROM links WHERE doc_a = ? OR doc_b = ?", (doc, doc))
    conn.execute("DELETE FROM copies WHERE doc = ? OR original = ?", (doc, doc))
    conn.execute("DELETE FROM incident_events WHERE doc = ?", (doc,))
    conn.executemany("INSERT OR REPLACE INTO copies (doc, original, containment) VALUES (?, ?, ?)",
                     [(c.doc, c.original, c.containment) for c in update.copies])  # fmt: skip
    conn.executemany(
        "INSERT OR REPLACE INTO links (a, b, doc_a, doc_b, kind, score, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
        # a link to an event an article later in the batch replaced is gone: that article's write drops it
        _link_rows(linker, update.links),
    )
    conn.execute("INSERT OR REPLACE INTO linked (doc, digest) VALUES (?, ?)", (doc, digest))
    sketch = linker.syndication.sketch(doc)
    if sketch is not None:
        grams, sig = sketch
        conn.execute("INSERT OR REPLACE INTO sketches (doc, grams, signature) VALUES (?, ?, ?)",
                     (doc, grams.astype(np.uint32).tobytes(), sig.astype(np.uint64).tobytes()))  # fmt: skip


def _stale_incidents(conn: sqlite3.Connection, docs: list[str], events: list[str], *, known: set[str]) -> set[str]:
    """The stored incidents articles' updates invalidate: ``known`` ones, the articles', their events' neighbours'."""
    stale = set(known)
    for part in _chunks(docs):
        sql = f"SELECT DISTINCT incident FROM incident_events WHERE doc IN ({', '.join('?' * len(part))})"
        stale.update(r["incident"] for r in conn.execute(sql, part))
    for part in _chunks(events):
        sql = f"SELECT DISTINCT incident FROM incident_events WHERE event IN ({', '.join('?' * len(part))})"
        stale.update(r["incident"] for r in conn.execute(sql, part))
    return stale


def _link_rows(linker: Linker, links: Iterable[Link]) -> list[tuple]:
    """The rows of links whose events the linker still holds (an article later in the batch may have
    replaced one's)."""
    links = list(links)
    events = sorted({e for found in links for e in (found.a, found.b)})
    docs = linker.index.docs_of(events)
    rows = []
    for found in links:
        a, b = sorted((found.a, found.b))
        if a in docs and b in docs:
            rows.append((a, b, docs[a], docs[b], found.kind, found.score, json.dumps(list(found.reasons), ensure_ascii=False)))
    return rows


def _replace_incidents(conn: sqlite3.Connection, linker: Linker, stale: set[str],
                       groups: dict[str, list[tuple[str, str]]]) -> list[Incident]:  # fmt: skip
    """Drop the ``stale`` incidents and write the ``groups`` (root -> members) as incidents.

    Every group is summarized afresh, but of the rows naming each event's incident only those that
    change are written: an incident of hundreds of reports that one more joins costs one row.
    """
    for part in _chunks(sorted(stale)):
        conn.execute(f"DELETE FROM incidents WHERE id IN ({', '.join('?' * len(part))})", part)
    written = []
    for root, members in groups.items():
        incident = _summary(conn, linker, root, members)
        conn.execute(INSERT_INCIDENT, incident_values(incident))
        # the rows naming it already: its members' that stay, and those of events that left it
        named = {r["event"]: r["doc"] for r in conn.execute("SELECT event, doc FROM incident_events WHERE incident = ?", (incident.id,))}
        conn.executemany("INSERT OR REPLACE INTO incident_events (event, incident, doc) VALUES (?, ?, ?)",
                         [(e, incident.id, doc) for e, doc in members if named.pop(e, None) != doc])  # fmt: skip
        conn.executemany("DELETE FROM incident_events WHERE event = ? AND incident = ?", [(e, incident.id) for e in named])
        written.append(incident)
    # a stale incident no group kept the id of names only events that are in no incident now
    gone = sorted(stale - {incident.id for incident in written})
    for part in _chunks(gone):
        conn.execute(f"DELETE FROM incident_events WHERE incident IN ({', '.join('?' * len(part))})", part)
    return written


def _summary(conn: sqlite3.Connection, linker: Linker, root: str, members: list[tuple[str, str]]) -> Incident:
    """The incident of the events ``members`` (event, doc), rooted at ``root``."""
    ids = [e for e, _ in members]
    docs = {doc for _, doc in members}
    events = _events_by_id(conn, ids)
    return summarize(incident_id(root), [events[e] for e in ids if e in events], linker.articles_of(docs),
                     linker.syndication.copies_among(docs))  # fmt: skip


def forget(store: Store, linker: Linker, doc: str) -> None:
    """Unlink an article that is gone from the store; rewrite the incidents it was part of."""
    with _reading_index(linker):
        stale = linker.incidents_of(doc)
        survivors = linker.remove(doc)
        roots = {linker.find(e) for e in survivors}
    try:
        with store._transaction() as conn:
            stale = _stale_incidents(conn, [doc], sorted(survivors), known=stale)
            for table, column in (("links", "doc_a"), ("links", "doc_b"), ("copies", "doc"), ("copies", "original"),
                                  ("incident_events", "doc"), ("linked", "doc"), ("sketches", "doc")):  # fmt: skip
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (doc,))
            _replace_incidents(conn, linker, stale, linker.members_by_root(roots))
            generation = _next_generation(conn)
    except BaseException:
        linker.rollback()
        raise
    commit(store, linker, generation)


# -- the linker from the store ---------------------------------------------


def user_aliases(store: Store) -> Aliases:
    rows = store._query("SELECT kind, alias, canonical FROM user_aliases")
    return Aliases({(r["kind"], r["alias"]): r["canonical"] for r in rows})


def set_user_aliases(store: Store, aliases: Aliases) -> None:
    """Replace the stored alias file; linking uses it from now on (``relink`` applies it to the past)."""
    with store._transaction() as conn:
        conn.execute("DELETE FROM user_aliases")
        conn.executemany("INSERT INTO user_aliases (kind, alias, canonical) VALUES (?, ?, ?)",
                         [(kind, alias, canonical) for (kind, alias), canonical in aliases.names.items()])  # fmt: skip


def index_path(store: Store) -> Path:
    """Where the store's linker keeps its index: beside the store (a cache; deleting it costs a rebuild)."""
    return store.path.with_name(store.path.name + "-links")


def index_meta(store_id: str, generation: int, aliases: Aliases) -> dict[str, str]:
    """What an index must record to be read for this store: its id and link generation, the index
    format and Python version, and a digest of the aliases and the linker's code and lexicons (its
    features follow them)."""
    digest = hashlib.sha1(json.dumps(sorted(aliases.names.items())).encode("utf-8"))
    for entry in sorted(_linker_sources(), key=lambda e: e.name):
        digest.update(entry.name.encode("utf-8") + b"\0" + entry.read_bytes())
    python = ".".join(map(str, sys.version_info[:2]))  # the rows' marshal format follows Python's
    return {"format": FORMAT, "python": python, "store": store_id, "generation": str(generation), "code": digest.hexdigest()}


def _linker_sources() -> Iterator:
    folder = resources.files("frontwire.link")
    for entry in folder.iterdir():
        if entry.name.endswith(".py"):
            yield entry
    for entry in (folder / "lexicons").iterdir():
        if entry.is_file():
            yield entry


def load_linker(store: Store, *, aliases: Aliases | None = None) -> Linker:
    """A linker holding every linked article of the store, its index read from beside the store when
    that index matches the store's links (see :func:`index_meta`), else rebuilt from the store
    without comparing anything."""
    aliases = aliases if aliases is not None else user_aliases(store)
    state = store._query("SELECT store, generation FROM link_state").fetchone()
    expected = index_meta(state["store"], state["generation"], aliases)
    path = index_path(store)
    try:
        index = SqliteIndex(path)
        if index.meta() == expected:
            return Linker(aliases=aliases, index=index)
        index.close()
        index = SqliteIndex.fresh(path)
    except sqlite3.Error:  # a damaged file: a cache, so made again
        index = SqliteIndex.fresh(path)
    linker = Linker(aliases=aliases, index=index)
    _restore(store, linker)
    linker.commit(expected)
    return linker


def _restore(store: Store, linker: Linker) -> None:
    """File every linked article of the store (with its copy status and sketch), and its links, one
    article's rows in memory at a time."""
    order = (
        "SELECT a.*, c.original AS copy_of, c.containment, s.grams, s.signature FROM articles a"
        " JOIN linked l ON l.doc = a.id LEFT JOIN copies c ON c.doc = a.id LEFT JOIN sketches s ON s.doc = a.id"
        " ORDER BY a.published, a.id"
    )
    for row in store._query(order):
        article = codec.article_from(row)
        events = _events_of(store, article.id)
        copy = Copy(article.id, row["copy_of"], row["containment"]) if row["copy_of"] is not None else None
        sketch = None
        if row["grams"] is not None:
            sketch = (np.frombuffer(row["grams"], dtype=np.uint32), np.frombuffer(row["signature"], dtype=np.uint64))
        linker.restore(article, events, copy, sketch=sketch)
    for row in store._query("SELECT * FROM links"):
        linker.restore_link(link_from(row))


def _events_of(store: Store, doc: str) -> list[Event]:
    """A stored article's events in their order, with what the linker reads of them (see :func:`_link_event`)."""
    sql = f"SELECT {LINK_COLUMNS} FROM events e WHERE e.doc = ? ORDER BY e.seq"
    try:
        return [_link_event(r) for r in _plain(store.conn, sql, (doc,))]
    except sqlite3.Error as exc:
        raise StoreError(f"query failed: {exc}", where=str(store.path)) from exc


def pending(store: Store) -> list[str]:
    """Articles stored but not linked, or changed since they were linked."""
    sql = "SELECT a.id FROM articles a LEFT JOIN linked l ON l.doc = a.id WHERE l.digest IS NULL OR l.digest != a.digest ORDER BY a.published, a.id"
    return [r["id"] for r in store._query(sql)]


def orphans(store: Store, linker: Linker) -> list[str]:
    """Articles the linker holds that are no longer in the store."""
    stored = {r["id"] for r in store._query("SELECT id FROM articles")}
    return sorted(set(linker.docs()) - stored)


def link_article(store: Store, linker: Linker, doc: str) -> Update | None:
    """Link one stored article (again); None when it is not in the store."""
    deferred = Deferred(store, linker)
    update = deferred.link(doc)
    deferred.flush()
    return update


class Deferred:
    """Link articles in memory as they come and write them together: :meth:`flush` writes every
    pending article's links and each incident they touched once, in one transaction.

    :func:`link_docs` (which an ingest calls once its inputs are stored) flushes every
    :data:`LINK_BATCH` articles, so an incident many of them join is summarized and written once.
    Until the flush the articles stay unlinked in the store: a crash before it leaves them to the
    next :func:`link_pending`.
    """

    def __init__(self, store: Store, linker: Linker) -> None:
        self.store, self.linker = store, linker
        self.updates: list[tuple[Update, str]] = []
        self.docs: set[str] = set()

    def link(self, doc: str) -> Update | None:
        """Link one stored article (again) in memory, its events read back from the store; its
        writes wait for :meth:`flush`. An article no longer in the store is forgotten at once
        (after a flush); None then."""
        if doc in self.docs:
            self.flush()
        row = self.store._query("SELECT * FROM articles WHERE id = ?", (doc,)).fetchone()
        if row is None:
            self.flush()
            if self.linker.has(doc):
                forget(self.store, self.linker, doc)
            return None
        article = codec.article_from(row)
        with _reading_index(self.linker):
            update = self.linker.add(article, _events_of(self.store, doc))
        self.updates.append((update, row["digest"]))
        self.docs.add(doc)
        return update

    def flush(self) -> list[Incident]:
        updates, self.updates, self.docs = self.updates, [], set()
        return save_updates(self.store, self.linker, updates)


LINK_BATCH = 512  # articles linked in memory between writes: an incident they join is summarized once for all


def link_pending(store: Store, linker: Linker) -> int:
    """Bring the store's incidents up to date with its articles; the number of articles linked.

    The articles are written :data:`LINK_BATCH` at a time (see :class:`Deferred`): a crash
    loses at most one batch's work, which the next call does again.
    """
    linked = link_docs(store, linker, pending(store))
    for doc in orphans(store, linker):
        forget(store, linker, doc)
    return linked


def link_docs(store: Store, linker: Linker, docs: Iterable[str]) -> int:
    """Link these stored articles (again) in this order, writing them :data:`LINK_BATCH` at a
    time; the number of articles linked."""
    deferred = Deferred(store, linker)
    n = 0
    for n, doc in enumerate(docs, 1):
        deferred.link(doc)
        if n % LINK_BATCH == 0:
            deferred.flush()
    deferred.flush()
    return n


def publication_order(published: str | None, doc: str) -> tuple:
    """A sort key putting articles in the order :func:`pending` links them: by publication date
    (undated first, as SQLite sorts NULL), then id."""
    return (published is not None, published or "", doc)


def relink(store: Store, *, aliases: Aliases | None = None) -> Linker:
    """Forget every link and incident and link all articles afresh (after changing aliases)."""
    with store._transaction() as conn:
        for table in ("links", "copies", "incident_events", "incidents", "linked", "sketches"):
            conn.execute(f"DELETE FROM {table}")
        _next_generation(conn)
    linker = Linker(aliases=aliases if aliases is not None else user_aliases(store), index=SqliteIndex.fresh(index_path(store)))
    commit(store, linker)
    link_pending(store, linker)
    return linker
