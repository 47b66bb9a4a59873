"""The incremental linker: block, compare, join; one article at a time.

Every event is filed under a few blocking keys (its type with: each unit
formation, its place, the grid cells around its point, MinHash bands of its
words). A new event is compared only with earlier events sharing a key whose
time window lies near its own, so adding an article costs a handful of
comparisons and linking n events stays near O(n log n). Links are the
source of truth; incidents are their connected components, each event
naming its incident's root (its smallest event id), regrouped locally when
an article is removed. Events, blocks, links and roots live in an index
(:mod:`frontwire.link.index`): in memory, or in an SQLite file beside the
store, whose memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontwire.link import score
from frontwire.link.entities import Aliases
from frontwire.link.extent import Extent
from frontwire.link.features import Features, context, features
from frontwire.link.index import Index, MemoryIndex, key_hash
from frontwire.link.syndication import Copy, Syndication, shingles, signature
from frontwire.model import Article, Event

WINDOW_DAYS = 120  # never compare events whose windows start further apart (windows are shorter)
GRID = 0.5  # degrees; a point is looked up in its cell and the eight around it
WORD_BANDS = 8
WORD_ROWS = 3
BLOCK_SCAN = 16  # at most this many neighbours in time per block of a unit, formation, place or cell
WORD_SCAN = 10  # per block of a word band: a sentence shares all its bands with one nearly the same
MAX_CANDIDATES = 20  # at most this many events compared with a new one
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


@lru_cache(maxsize=8192)
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


@lru_cache(maxsize=4096)
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


class Linker:
    """Feed it articles in any order, read incidents at any time. Its state lives in an index: in
    memory unless an :class:`~frontwire.link.index.SqliteIndex` is given."""

    def __init__(self, *, aliases: Aliases | None = None, index: Index | None = None) -> None:
        self.aliases = aliases or Aliases()
        self.index = index if index is not None else MemoryIndex()
        self.syndication = Syndication(self.index)
        self._roots: dict[str, str] = {}  # event -> root, of the events one add() reads; emptied after it
        self._links: list[score.Link] = []  # links one add() made, recorded at its end

    def commit(self, meta: dict[str, str] | None = None) -> None:
        """Make what was added and removed since the last commit durable (with ``meta`` recorded)."""
        self.index.commit(meta)

    def rollback(self) -> None:
        """Forget what was added and removed since the last commit."""
        self.index.rollback()
        self._roots.clear()
        self._links.clear()

    def close(self) -> None:
        self.index.close()

    # -- reading ------------------------------------------------------------

    def has(self, doc: str) -> bool:
        """Whether the article is linked."""
        return self.index.has(doc)

    def docs(self) -> list[str]:
        return self.index.docs()

    def doc_count(self) -> int:
        return len(self.index.docs())

    def incident_count(self) -> int:
        return self.index.incident_count()

    def events_of(self, doc: str) -> list[str]:
        """An article's event ids, in its order."""
        return self.index.events_of(doc)

    def features_of(self, events: list[str]) -> dict[str, Features]:
        return self.index.features_of(events)

    def articles_of(self, docs: Iterable[str]) -> dict[str, Article]:
        """The metadata (no text) of these linked articles."""
        return self.index.articles_of(docs)

    def find(self, event: str) -> str:
        """The root of an event's incident."""
        return self.index.roots_of([event])[event]

    def members_of(self, root: str) -> list[str]:
        """The events of the incident rooted at ``root``, by id."""
        return [e for e, _ in self.index.members([root])]

    def members_by_root(self, roots: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Root -> the (event, doc) members of its incident by event id, for these roots in order."""
        return self.index.members_by_root(roots)

    def incidents_of(self, doc: str) -> set[str]:
        """The ids of the incidents an article's events belong to now."""
        return {incident_id(root) for root in self.index.roots_of(self.events_of(doc)).values()}

    def groups(self) -> dict[str, list[str]]:
        """Root event -> the events of its incident, by id (every incident: for small linkers and tests)."""
        out: dict[str, list[str]] = {}
        for event, root in sorted(self.index.roots().items()):
            out.setdefault(root, []).append(event)
        return out

    def roots(self) -> dict[str, str]:
        """Event -> the root of its incident, for every event."""
        return self.index.roots()

    def incident_members(self, event: str) -> list[str]:
        return self.members_of(self.find(event))

    def incident_id(self, event: str) -> str:
        return incident_id(self.find(event))

    def links(self) -> Iterator[score.Link]:
        return self.index.links()

    # -- adding and removing ----------------------------------------------

    def add(self, article: Article, events: Iterable[Event]) -> Update:
        """Link one article's events with each other and with everything added before."""
        stale = self.incidents_of(article.id)
        touched = self.remove(article.id)
        self._roots.clear()
        copy = self.syndication.add(article.id, article.text, article.published)
        own = self._put(article, events)  # known before they are filed: a merge checks their extent
        original = self.events_of(copy.original) if copy else []
        earlier = self.features_of(original)
        made: list[score.Link] = []
        for i, f in enumerate(own):
            for g in own[:i]:
                made.extend(self._join(score.link(g, f, same_article=True)))
            for other in original:
                made.extend(self._join(score.link(earlier[other], f, copy=True)))
            for candidate in self._candidates(f, exclude=(article.id, copy.original if copy else article.id)):
                made.extend(self._join(score.link(candidate, f)))
        self.index.file(_filed(own))  # filed once compared: never candidates of their own article anyway
        self.index.put_links(self._links)
        self._links.clear()
        ids = tuple(dict.fromkeys(incident_id(self._roots[f.event]) for f in own))
        self._roots.clear()
        return Update(article.id, copy, tuple(made), ids, tuple(sorted(touched)), tuple(sorted(stale)),
                      tuple(self.syndication.found))  # fmt: skip

    def _put(self, article: Article, events: Iterable[Event]) -> list[Features]:
        """Record an article and its events, each event an incident of its own until joined."""
        events = list(events)
        around = context(events, article, aliases=self.aliases)
        own = [features(e, article, aliases=self.aliases, around=around) for e in events]
        self.index.put_article(_meta(article), around)
        self.index.put_events(own)
        self._roots.update((f.event, f.event) for f in own)
        return own

    def _find_both(self, a: str, b: str) -> tuple[str, str]:
        if a not in self._roots or b not in self._roots:
            self._roots.update(self.index.roots_of([e for e in (a, b) if e not in self._roots]))
        return self._roots[a], self._roots[b]

    def _join(self, found: score.Link | None) -> Iterator[score.Link]:
        """Record a link and merge the two incidents, unless the merged incident would be too wide
        (dates months apart, places far apart, formations that are not one): a chain of vague
        reports never joins two distinct incidents."""
        if found is not None:
            ra, rb = self._find_both(found.a, found.b)
            if ra != rb and not self.index.extent(ra).merge(self.index.extent(rb)).plausible():
                return
            self._links.append(found)
            self._union(ra, rb)
            yield found

    def _union(self, ra: str, rb: str) -> None:
        """Merge the incidents rooted at ``ra`` and ``rb``; the smaller root id stays."""
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            merged = self.index.extent(keep).merge(self.index.extent(gone))
            self.index.relabel(gone, keep)
            for event, root in self._roots.items():
                if root == gone:
                    self._roots[event] = keep
            self.index.drop_extents([gone])
            self.index.set_extents({keep: merged})

    def _candidates(self, f: Features, *, exclude: tuple[str, str]) -> list[Features]:
        """The earlier events to compare ``f`` with: of each block it is looked up in, the
        BLOCK_SCAN // 2 (WORD_SCAN // 2 for a word band) nearest in time on each side of its start
        whose windows overlap its own (from
        WINDOW_DAYS before it to its end; a window longer than WINDOW_DAYS, a year, is compared only
        with events starting within that); of those, the MAX_CANDIDATES sharing the most kinds of
        block with it (unit, formation, place, words, grid cell), then the most blocks, then the
        nearest in time. ``exclude`` names two articles not to look in. The order depends on nothing
        but the events, never on what came first."""
        blocks = {key: (kind, (WORD_SCAN if kind == "words" else BLOCK_SCAN) // 2) for kind, key in blocking_keys(f, lookup=True)}
        ranked = self.index.candidates(blocks, f.start - WINDOW_DAYS, f.start, f.end, exclude, MAX_CANDIDATES)
        screened = self.index.screen(ranked)
        for event, (root, _) in screened.items():
            self._roots.setdefault(event, root)
        # a candidate that conflicts with f would not link (score.link tests the same first): its
        # words and context are never read
        kept = [event for event in ranked if score.conflict(screened[event][1], f) is None]
        features_of = self.features_of(kept)
        return [features_of[event] for event in kept]

    def remove(self, doc: str) -> set[str]:
        """Forget one article; return the event ids whose incident may have changed."""
        gone = self.events_of(doc)
        self.syndication.remove(doc)
        self.index.delete_article(doc)
        if not gone:
            return set()
        old = self.features_of(gone)
        roots = sorted(set(self.index.roots_of(gone).values()))
        members = {e for e, _ in self.index.members(roots)}
        self.index.unfile(_filed([old[event] for event in gone]))
        self.index.delete_links(gone)
        self.index.delete_events(doc)
        self.index.drop_extents(roots)
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

        for a, b in self.index.linked_pairs(events):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        features_of = self.features_of(events)
        extents: dict[str, Extent] = {}
        for event in events:  # sorted: each root is its group's smallest id
            root = find(event)
            own = Extent.of(features_of[event])
            extents[root] = extents[root].merge(own) if root in extents else own
        self.index.set_roots([(e, find(e)) for e in events])
        self.index.set_extents(extents)

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
        self.index.file(_filed(self._put(article, events)))
        self._roots.clear()

    def restore_link(self, found: score.Link) -> None:
        roots = self.index.roots_of([found.a, found.b])
        if found.a in roots and found.b in roots:
            self.index.put_links([found])
            self._union(roots[found.a], roots[found.b])


def _filed(own: list[Features]) -> list[tuple[Features, list[int]]]:
    """Events with the keys of the blocks they are filed under."""
    return [(f, [key for _, key in blocking_keys(f)]) for f in own]


def _meta(article: Article) -> Article:
    return Article(article.id, "", article.outlet, article.published, article.title, article.url, article.path, article.fmt)


def incident_id(root: str) -> str:
    """A stable incident id: a hash of its smallest member's event id."""
    return "inc-" + hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]
