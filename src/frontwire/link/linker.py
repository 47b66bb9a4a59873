"""The incremental linker: block, compare, join; one article at a time.

Every event is filed under a few blocking keys (its type with: each unit
formation, its place, the grid cells around its point, MinHash bands of its
words). A new event is compared only with earlier events sharing a key whose
time window lies near its own, so adding an article costs a handful of
comparisons and linking n events stays near O(n log n). Links are the
source of truth; incidents are their connected components, each event
naming its incident's root (its smallest event id), regrouped locally when
an article is removed. Events, blocks, links and roots live in an
:class:`~frontwire.link.index.Index`, so memory does not grow with the corpus.
"""

from __future__ import annotations

import bisect
import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np

from frontwire.link import score
from frontwire.link.entities import Aliases
from frontwire.link.entities import formations_agree
from frontwire.link.features import Context, Features, context, distance, features
from frontwire.link.index import Bounded, Index, dump, key_hash, load
from frontwire.link.syndication import Copy, Syndication, shingles, signature
from frontwire.model import Article, Event

WINDOW_DAYS = 120  # never compare events whose windows start further apart (windows are shorter)
GRID = 0.5  # degrees; a point is looked up in its cell and the eight around it
WORD_BANDS = 8
WORD_ROWS = 3
BLOCK_SCAN = 40  # at most this many neighbours in time per block
MAX_CANDIDATES = 50  # at most this many events compared with a new one
WINDOW_ROWS = 400  # block rows read at once for one event before reading the crowded blocks' nearest only
MAX_INCIDENT_DAYS = 150  # the dated reports of one incident lie within this many days
FEATURES_CACHED = 4_096  # events whose features stay in memory, the most recently read
CONTEXTS_CACHED = 1_024  # articles whose context stays in memory
OWN = tuple(f.name for f in fields(Features) if not f.name.startswith("context_"))  # kept an event
TYPE_AT = OWN.index("type")
_RNG = np.random.default_rng(7)
_WA = _RNG.integers(0, 1 << 63, size=WORD_BANDS * WORD_ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_WB = _RNG.integers(0, 1 << 63, size=WORD_BANDS * WORD_ROWS, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Update:
    """What adding one article changed: its copy status and the links it made."""

    doc: str
    copy: Copy | None
    links: tuple[score.Link, ...]
    incidents: tuple[str, ...]  # ids of the incidents its events now belong to
    touched: tuple[str, ...] = ()  # events of other articles whose incident lost this article's old events
    stale: tuple[str, ...] = ()  # incident ids this article's old events belonged to
    copies: tuple[Copy, ...] = ()  # every copy found: this article's, and older-indexed reprints of it


@lru_cache(maxsize=16384)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


@lru_cache(maxsize=1024)
def _word_bands(type_: str, words: frozenset[str]) -> tuple[int, ...]:
    """MinHash bands of a sentence's words: sentences sharing many words share a band.

    A band is one 63-bit int: 12 bits of the type, the band's number and its rows' 16-bit values.
    """
    if not words:
        return ()
    x = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        sig = ((_WA[:, None] * x[None, :] + _WB[:, None]) >> np.uint64(48)).min(axis=1)
    keys = []
    for band in range(WORD_BANDS):
        value = (zlib.crc32(type_.encode("utf-8")) & 0xFFF) << 3 | band
        for row in sig[band * WORD_ROWS : (band + 1) * WORD_ROWS].tolist():
            value = (value << 16) | row
        keys.append(value)
    return tuple(keys)


@lru_cache(maxsize=16384)
def _named(*parts: str) -> int:
    """The key of a block named by strings (a type with a unit, a formation, a place or a grid cell)."""
    return key_hash(parts)


def blocking_keys(f: Features, *, lookup: bool = False) -> list[tuple[str, int]]:
    """The blocks an event is filed under (its own and its article's units and places, its words, its
    grid cell); with ``lookup``, the blocks it is compared through: its own unit and place when it
    names them, else its article's, and the cells around its point. Each is a (kind, key) pair: what
    the block is of ("unit", "formation", "place", "words" or "cell") and its 64-bit key."""
    units = {f.unit} if f.unit else set()
    formations = f.formations
    places = {f.place} if f.place else set()
    if not lookup or not units:
        units, formations = units | f.context_units, tuple(dict.fromkeys(formations + f.context_formations))
    if not lookup or not places:
        places = places | f.context_places
    keys = [("unit", _named(f.type, unit)) for unit in sorted(units)]
    keys.extend(("formation", _named(f.type, "formation", x)) for x in formations)
    keys.extend(("place", _named(f.type, place)) for place in sorted(places))
    keys.extend(("words", band) for band in _word_bands(f.type, f.words))
    if f.lat is not None and f.lon is not None and not (lookup and f.place):  # a named place is looked up by name
        row, col = int(f.lat // GRID), int(f.lon // GRID)
        steps = (-1, 0, 1) if lookup else (0,)
        keys.extend(("cell", _named(f.type, "cell", str(row + dr), str(col + dc))) for dr in steps for dc in steps)
    return list(dict.fromkeys(keys))


_SIDE = (
    "SELECT * FROM (SELECT ? AS kind, event, start FROM blocks WHERE key = ? AND start >= ? AND start {} ?"
    " AND end_ >= ? AND doc NOT IN (?, ?) ORDER BY start {order}, event {order} LIMIT ?)"
)


@lru_cache(maxsize=64)
def _window_sql(keys: int) -> str:
    """The rows of ``keys`` blocks whose events may overlap an event's window, in no order."""
    return (f"SELECT key, start, event FROM blocks WHERE key IN ({', '.join('?' * keys)}) AND start BETWEEN ? AND ?"
            " AND end_ >= ? AND doc NOT IN (?, ?) LIMIT ?")  # fmt: skip


@lru_cache(maxsize=64)
def _ranked_sql(keys: int) -> str:
    """One query for :meth:`Linker._candidates` over ``keys`` blocks: each block's nearest events
    before and after, then grouped and ranked."""
    sides = [_SIDE.format("<", order="DESC"), _SIDE.format("<=", order="ASC")] * keys
    ranked = (
        "SELECT c.event, COUNT(DISTINCT c.kind) AS kinds, COUNT(*) AS hits, MIN(ABS(c.start - ?)) AS apart FROM ("
        + " UNION ALL ".join(sides)
        + ") c GROUP BY c.event ORDER BY kinds DESC, hits DESC, apart, c.event LIMIT ?"
    )
    return f"SELECT g.event, e.root FROM ({ranked}) g JOIN events e ON e.event = g.event ORDER BY g.kinds DESC, g.hits DESC, g.apart, g.event"


class Linker:
    """Feed it articles in any order, read incidents at any time; its state lives in an :class:`Index`
    (in memory unless one on disk is given), with a bounded cache of features in front."""

    def __init__(self, *, aliases: Aliases | None = None, index: Index | None = None) -> None:
        self.aliases = aliases or Aliases()
        self.index = index if index is not None else Index()
        self.syndication = Syndication(self.index)
        self._features: Bounded[str, Features] = Bounded(FEATURES_CACHED)
        self._contexts: Bounded[str, Context] = Bounded(CONTEXTS_CACHED)
        self._extents: Bounded[str, Extent] = Bounded(FEATURES_CACHED)  # root -> its incident's extent
        self._roots: dict[str, str] = {}  # event -> root, of the events one add() reads; emptied after it
        self._edges: list[tuple[str, str, bytes]] = []  # links one add() made, written at its end

    def commit(self, meta: dict[str, str] | None = None) -> None:
        """Make what was added and removed since the last commit durable (with ``meta`` recorded)."""
        if meta:
            self.index.set_meta(meta)
        self.index.commit()

    def rollback(self) -> None:
        """Forget what was added and removed since the last commit."""
        self.index.rollback()
        self._features.clear()
        self._contexts.clear()
        self._extents.clear()
        self._roots.clear()
        self._edges.clear()

    def close(self) -> None:
        self.index.close()

    # -- reading the index -------------------------------------------------

    def has(self, doc: str) -> bool:
        """Whether the article is linked."""
        return self.index.execute("SELECT 1 FROM articles WHERE doc = ?", (doc,)).fetchone() is not None

    def docs(self) -> list[str]:
        return [r[0] for r in self.index.execute("SELECT doc FROM articles ORDER BY doc")]

    def doc_count(self) -> int:
        return self.index.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def incident_count(self) -> int:
        return self.index.execute("SELECT COUNT(*) FROM extents").fetchone()[0]

    def events_of(self, doc: str) -> list[str]:
        """An article's event ids, in its order."""
        return [r[0] for r in self.index.execute("SELECT event FROM events WHERE doc = ? ORDER BY n", (doc,))]

    def knows(self, event: str) -> bool:
        return self.index.execute("SELECT 1 FROM events WHERE event = ?", (event,)).fetchone() is not None

    def features_of(self, events: list[str]) -> dict[str, Features]:
        """The features of these known events (id -> Features), from the cache or the index."""
        out: dict[str, Features] = {}
        missing = []
        for event in events:
            f = self._features.get(event)
            if f is None:
                missing.append(event)
            else:
                out[event] = f
        if missing:
            for event, doc, own in self.index.column_in("SELECT event, doc, own FROM events WHERE event IN ({})", missing):
                f = _assemble(load(own), self._context(doc))
                self._features.put(event, f)
                out[event] = f
        return out

    def _context(self, doc: str) -> Context:
        found = self._contexts.get(doc)
        if found is None:
            row = self.index.execute("SELECT context FROM articles WHERE doc = ?", (doc,)).fetchone()
            found = load(row[0]) if row else Context()
            self._contexts.put(doc, found)
        return found

    def articles_of(self, docs: Iterable[str]) -> dict[str, Article]:
        """The metadata (no text) of these linked articles."""
        sql = "SELECT doc, article FROM articles WHERE doc IN ({})"
        return {doc: load(blob) for doc, blob in self.index.column_in(sql, sorted(set(docs)))}

    # -- union-find, in the index: every event row names its incident's root ------------

    def find(self, event: str) -> str:
        row = self.index.execute("SELECT root FROM events WHERE event = ?", (event,)).fetchone()
        if row is None:
            raise KeyError(event)
        return row[0]

    def _find_both(self, a: str, b: str) -> tuple[str, str]:
        if a not in self._roots or b not in self._roots:
            self._know_roots([a, b])
        return self._roots[a], self._roots[b]

    def _know_roots(self, events: list[str]) -> None:
        """Read these events' roots into :attr:`_roots` (kept up to date by every union until cleared)."""
        missing = [e for e in events if e not in self._roots]
        if missing:
            self._roots.update(self.index.column_in("SELECT event, root FROM events WHERE event IN ({})", missing))

    def _extent(self, root: str) -> Extent:
        found = self._extents.get(root)
        if found is None:
            found = Extent(*load(self.index.execute("SELECT extent FROM extents WHERE root = ?", (root,)).fetchone()[0]))
            self._extents.put(root, found)
        return found

    def _set_extents(self, extents: dict[str, Extent]) -> None:
        self.index.executemany("INSERT OR REPLACE INTO extents (root, extent) VALUES (?, ?)",
                               [(root, dump((e.first, e.last, e.box, e.formations))) for root, e in extents.items()])  # fmt: skip
        for root, extent in extents.items():
            self._extents.put(root, extent)

    def _drop_extents(self, roots: list[str]) -> None:
        self.index.executemany("DELETE FROM extents WHERE root = ?", [(root,) for root in roots])
        for root in roots:
            self._extents.drop(root)

    def _union(self, ra: str, rb: str) -> None:
        """Merge the incidents rooted at ``ra`` and ``rb``; the smaller root id stays."""
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            merged = self._extent(keep).merge(self._extent(gone))
            self.index.execute("UPDATE events SET root = ? WHERE root = ?", (keep, gone))
            for event, root in self._roots.items():
                if root == gone:
                    self._roots[event] = keep
            self._drop_extents([gone])
            self._set_extents({keep: merged})

    def members_of(self, root: str) -> list[str]:
        """The events of the incident rooted at ``root``, by id."""
        return [r[0] for r in self.index.execute("SELECT event FROM events WHERE root = ? ORDER BY event", (root,))]

    def members_with_docs(self, root: str) -> list[tuple[str, str]]:
        sql = "SELECT event, doc FROM events WHERE root = ? ORDER BY event"
        return [(r[0], r[1]) for r in self.index.execute(sql, (root,))]

    # -- adding and removing ----------------------------------------------

    def add(self, article: Article, events: Iterable[Event]) -> Update:
        """Link one article's events with each other and with everything added before."""
        stale = self.incidents_of(article.id)
        touched = self.remove(article.id)
        self._roots.clear()
        copy = self.syndication.add(article.id, article.text, article.published)
        around, own = self._make(article, events)
        self._put(article, around, own)  # known before they are filed: a merge checks their extent
        original = self.events_of(copy.original) if copy else []
        made: list[score.Link] = []
        for i, f in enumerate(own):
            for g in own[:i]:
                made.extend(self._join(score.link(g, f, same_article=True)))
            if original:
                earlier = self.features_of(original)
                for other in original:
                    made.extend(self._join(score.link(earlier[other], f, copy=True)))
            for candidate in self._candidates(f, exclude=(article.id, copy.original if copy else article.id)):
                made.extend(self._join(score.link(candidate, f)))
            self._file(f)
        self._write_edges()
        ids = tuple(dict.fromkeys(incident_id(self._roots[f.event]) for f in own))
        self._roots.clear()
        return Update(article.id, copy, tuple(made), ids, tuple(sorted(touched)), tuple(sorted(stale)),
                      tuple(self.syndication.found))  # fmt: skip

    def incidents_of(self, doc: str) -> set[str]:
        """The ids of the incidents an article's events belong to now."""
        return {incident_id(r[0]) for r in self.index.execute("SELECT root FROM events WHERE doc = ?", (doc,))}

    def _join(self, found: score.Link | None) -> Iterator[score.Link]:
        """Record a link and merge the two incidents, unless the merged incident would be too wide
        (dates months apart, places far apart, formations that are not one): a chain of vague
        reports never joins two distinct incidents."""
        if found is not None:
            ra, rb = self._find_both(found.a, found.b)
            if ra != rb and not self._extent(ra).merge(self._extent(rb)).plausible():
                return
            self._edge(found)
            self._union(ra, rb)
            yield found

    def _edge(self, found: score.Link) -> None:
        a, b = sorted((found.a, found.b))
        self._edges.append((a, b, dump((found.a, found.b, found.score, found.reasons, found.kind))))

    def _write_edges(self) -> None:
        self.index.executemany("INSERT OR REPLACE INTO edges (a, b, link) VALUES (?, ?, ?)", self._edges)
        self._edges.clear()

    def _put(self, article: Article, around: Context, own: list[Features]) -> None:
        """Record an article and its events, each event an incident of its own until joined."""
        self.index.execute("INSERT OR REPLACE INTO articles (doc, article, context) VALUES (?, ?, ?)",
                           (article.id, dump(_meta(article)), dump(around)))  # fmt: skip
        self._contexts.put(article.id, around)
        self._roots.update((f.event, f.event) for f in own)
        self.index.executemany(
            "INSERT OR REPLACE INTO events (event, doc, n, root, own) VALUES (?, ?, ?, ?, ?)",
            [(f.event, f.doc, n, f.event, dump(_own(f))) for n, f in enumerate(own)],
        )
        self._set_extents({f.event: Extent.of(f) for f in own})
        for f in own:
            self._features.put(f.event, f)

    def _file(self, f: Features) -> None:
        self.index.executemany(
            "INSERT OR REPLACE INTO blocks (key, start, event, end_, doc) VALUES (?, ?, ?, ?, ?)",
            [(key, f.start, f.event, f.end, f.doc) for _, key in blocking_keys(f)],
        )

    def _candidates(self, f: Features, *, exclude: tuple[str, str]) -> list[Features]:
        """The earlier events to compare ``f`` with: of each block it is looked up in, the
        BLOCK_SCAN // 2 nearest in time on each side of its start whose windows overlap its own (from
        WINDOW_DAYS before it to its end; a window longer than WINDOW_DAYS, a year, is compared only
        with events starting within that); of those, the MAX_CANDIDATES sharing the most kinds of
        block with it (unit, formation, place, words, grid cell), then the most blocks, then the
        nearest in time. ``exclude`` names two articles not to look in. The order depends on nothing
        but the events, never on what came first.

        Blocks are read in one query; when they hold more than WINDOW_ROWS such events, one query
        picks and ranks them instead, reading only the nearest of each block.
        """
        keys = blocking_keys(f, lookup=True)
        if not keys:
            return []
        (one, other), half = exclude, BLOCK_SCAN // 2
        kinds = dict((key, kind) for kind, key in keys)
        rows = self.index.execute(_window_sql(len(kinds)), [*kinds, f.start - WINDOW_DAYS, f.end, f.start, one, other,
                                                            WINDOW_ROWS + 1]).fetchall()  # fmt: skip
        if len(rows) <= WINDOW_ROWS:
            by_key: dict[int, list[tuple[int, str]]] = {}
            for key, start, event in rows:
                by_key.setdefault(key, []).append((start, event))
            found: dict[str, tuple[set[str], list[int]]] = {}  # event -> its kinds of block, [hits, days apart]
            for key, block in by_key.items():
                block.sort()
                mid = bisect.bisect_left(block, (f.start, ""))
                for start, event in block[max(0, mid - half) : mid + half]:
                    seen = found.setdefault(event, (set(), [0, abs(start - f.start)]))
                    seen[0].add(kinds[key])
                    seen[1][0] += 1
            ranked = sorted(found, key=lambda e: (-len(found[e][0]), -found[e][1][0], found[e][1][1], e))[:MAX_CANDIDATES]
            self._know_roots(ranked)
        else:
            params: list = []
            for kind, key in keys:
                params += [kind, key, f.start - WINDOW_DAYS, f.start, f.start, one, other, half]
                params += [kind, key, f.start, f.end, f.start, one, other, half]
            ranked = []
            for event, root in self.index.execute(_ranked_sql(len(keys)), [f.start, *params, MAX_CANDIDATES]):
                self._roots.setdefault(event, root)
                ranked.append(event)
        features = self.features_of(ranked)
        return [features[event] for event in ranked]

    def remove(self, doc: str) -> set[str]:
        """Forget one article; return the event ids whose incident may have changed."""
        gone = self.events_of(doc)
        self.syndication.remove(doc)
        self.index.execute("DELETE FROM articles WHERE doc = ?", (doc,))
        self._contexts.drop(doc)
        if not gone:
            return set()
        old = self.features_of(gone)
        roots = sorted({self.find(e) for e in gone})
        sql = "SELECT event FROM events WHERE root IN ({})"
        members = {r[0] for r in self.index.column_in(sql, roots)}
        for event in gone:
            f = old[event]
            self.index.executemany("DELETE FROM blocks WHERE key = ? AND start = ? AND event = ?",
                                   [(key, f.start, event) for _, key in blocking_keys(f)])  # fmt: skip
            self._features.drop(event)
        self.index.executemany("DELETE FROM edges WHERE a = ?", [(e,) for e in gone])
        self.index.executemany("DELETE FROM edges WHERE b = ?", [(e,) for e in gone])
        self.index.executemany("DELETE FROM events WHERE event = ?", [(e,) for e in gone])
        self._drop_extents(roots)
        survivors = members - set(gone)
        self._regroup(sorted(survivors))
        return survivors

    def _regroup(self, events: list[str]) -> None:
        """Root these events afresh by the links among them (after some of their incidents lost members)."""
        if not events:
            return
        parent = {e: e for e in events}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in self.index.column_in("SELECT a, b FROM edges WHERE a IN ({})", events):
            if b in parent:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        features = self.features_of(events)
        extents: dict[str, Extent] = {}
        for event in events:  # sorted: each root is its group's smallest id
            root = find(event)
            own = Extent.of(features[event])
            extents[root] = extents[root].merge(own) if root in extents else own
        self.index.executemany("UPDATE events SET root = ? WHERE event = ?", [(find(e), e) for e in events])
        self._set_extents(extents)

    def restore(self, article: Article, events: Iterable[Event], copy: Copy | None, *, sketch: tuple | None = None) -> None:
        """Re-file a stored article, comparing nothing; then :meth:`restore_link` its stored links.

        ``sketch`` is its (shingles, signature) as :attr:`syndication` made them; else they are made
        again from the article's text.
        """
        if sketch is None:
            grams = shingles(article.text)
            sketch = (grams, signature(grams))
        self.remove(article.id)
        self.syndication.restore(article.id, article.published, copy, grams=sketch[0], sig=sketch[1])
        around, own = self._make(article, events)
        self._put(article, around, own)
        for f in own:
            self._file(f)
        self._roots.clear()

    def _make(self, article: Article, events: Iterable[Event]) -> tuple[Context, list[Features]]:
        """The linker's view of an article's events, each with the article around it."""
        events = list(events)
        around = context(events, article, aliases=self.aliases)
        return around, [features(e, article, aliases=self.aliases, around=around) for e in events]

    def restore_link(self, found: score.Link) -> None:
        if self.knows(found.a) and self.knows(found.b):
            self._edge(found)
            self._write_edges()
            self._union(*self._find_both(found.a, found.b))
            self._roots.clear()

    # -- reading incidents ----------------------------------------------------

    def groups(self) -> dict[str, list[str]]:
        """Root event -> the events of its incident (every incident: for small linkers and tests)."""
        out: dict[str, list[str]] = {}
        for root, event in self.index.execute("SELECT root, event FROM events ORDER BY root, event"):
            out.setdefault(root, []).append(event)
        return out

    def roots(self) -> dict[str, str]:
        """Event -> the root of its incident, for every event."""
        return dict(self.index.execute("SELECT event, root FROM events").fetchall())

    def incident_members(self, event: str) -> list[str]:
        return self.members_of(self.find(event))

    def incident_id(self, event: str) -> str:
        return incident_id(self.find(event))

    def links(self) -> Iterator[score.Link]:
        for (blob,) in self.index.execute("SELECT link FROM edges ORDER BY a, b"):
            a, b, value, reasons, kind = load(blob)
            yield score.Link(a, b, value, reasons, kind=kind)


@dataclass(frozen=True, slots=True)
class Extent:
    """How far an incident reaches: its dated members' days, its points' box, its numbered formations."""

    first: int | None = None
    last: int | None = None
    box: tuple[float, float, float, float] | None = None  # south, north, west, east
    formations: frozenset[str] = frozenset()

    @classmethod
    def of(cls, f: Features) -> Extent:
        located = f.lat is not None and f.lon is not None
        return cls(
            f.start if f.dated else None, f.end if f.dated else None,
            (f.lat, f.lat, f.lon, f.lon) if located else None,
            frozenset([f.formations[-1]]) if f.formations and f.unit else frozenset(),
        )  # fmt: skip

    def merge(self, other: Extent) -> Extent:
        first = min((x for x in (self.first, other.first) if x is not None), default=None)
        last = max((x for x in (self.last, other.last) if x is not None), default=None)
        box = self.box or other.box
        if self.box and other.box:
            box = (min(self.box[0], other.box[0]), max(self.box[1], other.box[1]),
                   min(self.box[2], other.box[2]), max(self.box[3], other.box[3]))  # fmt: skip
        return Extent(first, last, box, self.formations | other.formations)

    def plausible(self) -> bool:
        """Whether one incident could reach this far."""
        if self.first is not None and self.last is not None and self.last - self.first > MAX_INCIDENT_DAYS:
            return False
        if self.box is not None and distance((self.box[0], self.box[2]), (self.box[1], self.box[3])) > 2 * score.MAX_KM:
            return False
        outer = tuple(sorted(self.formations))
        return all(formations_agree((x,), outer[:i] + outer[i + 1 :]) for i, x in enumerate(outer)) if len(outer) > 1 else True


def _own(f: Features) -> tuple:
    """What the index keeps of an event's features; the article's context is kept once an article."""
    return tuple(getattr(f, name) for name in OWN)


def _assemble(own: tuple, around: Context) -> Features:
    return Features(*own, context_units=around.units, context_formations=around.formations,
                    context_places=around.places, context_points=around.points,
                    context_words=(around.words or {}).get(own[TYPE_AT], frozenset()))  # fmt: skip


def _meta(article: Article) -> Article:
    return Article(article.id, "", article.outlet, article.published, article.title, article.url, article.path, article.fmt)


def incident_id(root: str) -> str:
    """A stable incident id: a hash of its smallest member's event id."""
    return "inc-" + hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]
