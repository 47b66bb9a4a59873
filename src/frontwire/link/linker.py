"""The incremental linker: block, compare, join; one article at a time.

Every event is filed under a few blocking keys (its type with: each unit
formation, its place, the grid cells around its point, MinHash bands of its
words). A new event is compared only with earlier events sharing a key whose
time window lies near its own, so adding an article costs a handful of
comparisons and linking n events stays near O(n log n). Links are the
source of truth; incidents are their connected components, kept in a
union-find and rebuilt locally when an article is removed.
"""

from __future__ import annotations

import bisect
import hashlib
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontwire.link import score
from frontwire.link.entities import Aliases
from frontwire.link.entities import formations_agree
from frontwire.link.features import Features, context, distance, features
from frontwire.link.syndication import Copy, Syndication, shingles, signature
from frontwire.model import Article, Event

WINDOW_DAYS = 120  # never compare events whose windows start further apart (windows are shorter)
GRID = 0.5  # degrees; a point is looked up in its cell and the eight around it
WORD_BANDS = 8
WORD_ROWS = 3
BLOCK_SCAN = 100  # at most this many neighbours in time per block
MAX_INCIDENT_DAYS = 150  # the dated reports of one incident lie within this many days
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


@lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


@lru_cache(maxsize=16384)
def _word_bands(type_: str, words: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """MinHash bands of a sentence's words: sentences sharing many words share a band.

    A band is one int (its number and its rows' 24-bit values), kept small
    because every event is filed under each of its bands.
    """
    if not words:
        return ()
    x = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        sig = ((_WA[:, None] * x[None, :] + _WB[:, None]) >> np.uint64(40)).min(axis=1)
    keys = []
    for band in range(WORD_BANDS):
        value = band
        for row in sig[band * WORD_ROWS : (band + 1) * WORD_ROWS].tolist():
            value = (value << 24) | row
        keys.append((type_, value))
    return tuple(keys)


def blocking_keys(f: Features, *, lookup: bool = False) -> list[tuple[str, ...]]:
    """The blocks an event is filed under (its own and its article's units and places, its words, its
    grid cell); with ``lookup``, the blocks it is compared through: its own unit and place when it
    names them, else its article's, and the cells around its point."""
    units = {f.unit} if f.unit else set()
    formations = f.formations
    places = {f.place} if f.place else set()
    if not lookup or not units:
        units, formations = units | f.context_units, tuple(dict.fromkeys(formations + f.context_formations))
    if not lookup or not places:
        places = places | f.context_places
    keys: list[tuple[str, ...]] = [(f.type, unit) for unit in sorted(units)]
    keys.extend((f.type, "formation", x) for x in formations)
    keys.extend((f.type, place) for place in sorted(places))
    keys.extend(_word_bands(f.type, f.words))
    if f.lat is not None and f.lon is not None and not (lookup and f.place):  # a named place is looked up by name
        row, col = int(f.lat // GRID), int(f.lon // GRID)
        steps = (-1, 0, 1) if lookup else (0,)
        keys.extend((f.type, "cell", str(row + dr), str(col + dc)) for dr in steps for dc in steps)
    return keys


class Linker:
    """Events and links in memory; feed it articles in any order, read incidents at any time."""

    def __init__(self, *, aliases: Aliases | None = None) -> None:
        self.aliases = aliases or Aliases()
        self.features: dict[str, Features] = {}
        self.by_doc: dict[str, list[str]] = {}
        self.articles: dict[str, Article] = {}  # metadata only: the text is not kept
        self.blocks: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
        self.edges: dict[str, dict[str, score.Link]] = defaultdict(dict)
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}  # root -> the events of its incident
        self.extent: dict[str, Extent] = {}  # root -> how far its incident reaches in time, space and units
        self.syndication = Syndication()

    # -- union-find -------------------------------------------------------

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.members[keep].extend(self.members.pop(gone))
            self.extent[keep] = self.extent[keep].merge(self.extent.pop(gone))

    def _root(self, event: str) -> None:
        self.parent[event] = event
        self.members[event] = [event]
        f = self.features.get(event)
        self.extent[event] = Extent.of(f) if f is not None else Extent()

    # -- adding and removing ----------------------------------------------

    def add(self, article: Article, events: Iterable[Event]) -> Update:
        """Link one article's events with each other and with everything added before."""
        stale = self.incidents_of(article.id)
        touched = self.remove(article.id)
        copy = self.syndication.add(article.id, article.text, article.published)
        self.articles[article.id] = _meta(article)
        own = self._features(article, events)
        original = self.by_doc.get(copy.original, []) if copy else []
        for f in own:  # known before they are filed: a merge checks their extent
            self.features[f.event] = f
        made: list[score.Link] = []
        for i, f in enumerate(own):
            for g in own[:i]:
                made.extend(self._join(score.link(g, f, same_article=True)))
            for other in original:
                made.extend(self._join(score.link(self.features[other], f, copy=True)))
            for candidate in self._candidates(f, exclude={article.id, copy.original if copy else ""}):
                made.extend(self._join(score.link(candidate, f)))
            self._file(f)
        self.by_doc[article.id] = [f.event for f in own]
        ids = tuple(dict.fromkeys(self.incident_id(f.event) for f in own))
        return Update(article.id, copy, tuple(made), ids, tuple(sorted(touched)), tuple(sorted(stale)),
                      tuple(self.syndication.found))  # fmt: skip

    def incidents_of(self, doc: str) -> set[str]:
        """The ids of the incidents an article's events belong to now."""
        return {self.incident_id(e) for e in self.by_doc.get(doc, ())}

    def _join(self, found: score.Link | None) -> Iterator[score.Link]:
        """Record a link and merge the two incidents, unless the merged incident would be too wide
        (dates months apart, places far apart, formations that are not one): a chain of vague
        reports never joins two distinct incidents."""
        if found is not None:
            for event in (found.a, found.b):
                if event not in self.parent:
                    self._root(event)
            ra, rb = self.find(found.a), self.find(found.b)
            if ra != rb and not self.extent[ra].merge(self.extent[rb]).plausible():
                return
            self.edges[found.a][found.b] = self.edges[found.b][found.a] = found
            self._union(found.a, found.b)
            yield found

    def _file(self, f: Features) -> None:
        self.features[f.event] = f
        if f.event not in self.parent:
            self._root(f.event)
        for key in blocking_keys(f):
            bisect.insort(self.blocks[key], (f.start, f.event))

    def _candidates(self, f: Features, *, exclude: set[str]) -> list[Features]:
        seen: dict[str, Features] = {}
        for key in blocking_keys(f, lookup=True):
            block = self.blocks.get(key)
            if not block:
                continue
            # a candidate's window must overlap this one's: it starts before this one ends (a window
            # longer than WINDOW_DAYS, a year, is compared only with events starting within that)
            lo = bisect.bisect_left(block, (f.start - WINDOW_DAYS, ""))
            hi = bisect.bisect_right(block, (f.end, "\uffff"))
            if hi - lo > BLOCK_SCAN:  # a crowded block: the nearest in time
                mid = bisect.bisect_left(block, (f.start, ""))
                lo, hi = max(lo, mid - BLOCK_SCAN // 2), min(hi, mid + BLOCK_SCAN // 2)
            for _, event in block[lo:hi]:
                if event not in seen:
                    g = self.features[event]
                    if g.end >= f.start and g.doc not in exclude:
                        seen[event] = g
        return list(seen.values())  # in block order: the same for the same store

    def remove(self, doc: str) -> set[str]:
        """Forget one article; return the event ids whose incident may have changed."""
        gone = self.by_doc.pop(doc, None)
        self.articles.pop(doc, None)
        self.syndication.remove(doc)
        if not gone:
            return set()
        gone_set = set(gone)
        roots = {self.find(e) for e in gone}
        members = {m for root in roots for m in self.members.pop(root)}
        for event in gone:
            f = self.features.pop(event)
            for key in blocking_keys(f):  # made again: keeping them per event costs more memory
                self.blocks[key].remove((f.start, event))
            for other in self.edges.pop(event, {}):
                self.edges[other].pop(event, None)
        survivors = members - gone_set
        for event in members:
            self.parent.pop(event, None)
        for event in sorted(survivors):
            self._root(event)
        for event in survivors:
            for other in self.edges.get(event, {}):
                self._union(event, other)
        return survivors

    def restore(self, article: Article, events: Iterable[Event], copy: Copy | None, *, sketch: tuple | None = None) -> None:
        """Re-file a stored article, comparing nothing; then :meth:`restore_link` its stored links.

        ``sketch`` is its (shingles, signature) as :attr:`syndication` made them; else they are made
        again from the article's text.
        """
        if sketch is None:
            grams = shingles(article.text)
            sketch = (grams, signature(grams))
        self.syndication.restore(article.id, article.published, copy, grams=sketch[0], sig=sketch[1])
        self.articles[article.id] = _meta(article)
        own = self._features(article, events)
        for f in own:
            self._file(f)
        self.by_doc[article.id] = [f.event for f in own]

    def _features(self, article: Article, events: Iterable[Event]) -> list[Features]:
        """The linker's view of an article's events, each with the article around it."""
        events = list(events)
        around = context(events, article, aliases=self.aliases)
        return [features(e, article, aliases=self.aliases, around=around) for e in events]

    def restore_link(self, found: score.Link) -> None:
        if found.a in self.features and found.b in self.features:
            self.edges[found.a][found.b] = self.edges[found.b][found.a] = found
            self._union(found.a, found.b)

    # -- reading ------------------------------------------------------------

    def groups(self) -> dict[str, list[str]]:
        """Root event -> the events of its incident."""
        return self.members

    def incident_members(self, event: str) -> list[str]:
        return self.members[self.find(event)]

    def incident_id(self, event: str) -> str:
        return incident_id(self.find(event))

    def links(self) -> Iterator[score.Link]:
        for a, others in self.edges.items():
            for b, found in others.items():
                if a < b:
                    yield found


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


def _meta(article: Article) -> Article:
    return Article(article.id, "", article.outlet, article.published, article.title, article.url, article.path, article.fmt)


def incident_id(root: str) -> str:
    """A stable incident id: a hash of its smallest member's event id."""
    return "inc-" + hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]
