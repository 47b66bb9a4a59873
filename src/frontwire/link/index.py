"""The linker's memory in dicts: what it knows of every article, event, block, link and sketch.

A :class:`~frontwire.link.Linker` keeps its state in an index with the
methods of :class:`MemoryIndex`: this one, the fastest, for a linker of its
own (``Linker()``, the eval, the benchmarks), which grows with what it links;
or the store's :class:`~frontwire.store.link_index.SqliteIndex`, a file beside
the store with a bounded cache in front, whose memory does not grow.

In both, every event names the root of its incident (the smallest event id
in it), and each block is a sorted run of (start, event) under a 64-bit key.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator

import numpy as np

from frontwire.link.extent import Extent
from frontwire.link.features import Context, Features, Screen
from frontwire.link.score import Link
from frontwire.link.syndication import Copy
from frontwire.model import Article

Near = dict[int, list[tuple[int, str]]]  # block key -> (start, event) of its nearest eligible events, in order
Sketch = tuple[np.ndarray, np.ndarray, str]  # shingles, signature, publication date (or 9999-99-99)


def key_hash(key: tuple) -> int:
    """A block key named by a tuple, as a signed 64-bit integer, the same in every process."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def rank(near: Near, kinds: dict[int, str], start: int, limit: int) -> list[str]:
    """The events of ``near`` sharing the most kinds of block (``kinds``: key -> kind), then the most
    blocks, then the nearest to ``start`` in time, then by id; at most ``limit``."""
    found: dict[str, tuple[set[str], list[int]]] = {}  # event -> its kinds of block, [blocks, days apart]
    for key, block in near.items():
        for s, event in block:
            seen = found.setdefault(event, (set(), [0, abs(s - start)]))
            seen[0].add(kinds[key])
            seen[1][0] += 1
    return sorted(found, key=lambda e: (-len(found[e][0]), -found[e][1][0], found[e][1][1], e))[:limit]


class MemoryIndex:
    """The linker's memory in dicts and sorted lists."""

    def __init__(self) -> None:
        self._articles: dict[str, tuple[Article, Context]] = {}
        self._by_doc: dict[str, list[str]] = {}
        self._features: dict[str, Features] = {}
        self._root: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._extents: dict[str, Extent] = {}
        self._blocks: dict[int, list[tuple[int, str, int, str]]] = {}  # key -> sorted (start, event, end, doc)
        self._edges: dict[str, dict[str, Link]] = {}
        self._sketches: dict[str, Sketch] = {}
        self._buckets: dict[int, set[str]] = {}
        self._copies: dict[str, Copy] = {}
        self._meta: dict[str, str] = {}

    # -- articles ---------------------------------------------------------

    def put_article(self, article: Article, around: Context) -> None:
        self._articles[article.id] = (article, around)

    def delete_article(self, doc: str) -> None:
        self._articles.pop(doc, None)

    def has(self, doc: str) -> bool:
        return doc in self._articles

    def docs(self) -> list[str]:
        return sorted(self._articles)

    def context(self, doc: str) -> Context:
        found = self._articles.get(doc)
        return found[1] if found else Context()

    def articles_of(self, docs: Iterable[str]) -> dict[str, Article]:
        return {doc: self._articles[doc][0] for doc in docs if doc in self._articles}

    # -- events and incidents ---------------------------------------------

    def put_events(self, own: list[Features]) -> None:
        """Record an article's events (in its order), each the root of an incident of its own."""
        for f in own:
            self._features[f.event] = f
            self._root[f.event] = f.event
            self._members[f.event] = {f.event}
            self._extents[f.event] = Extent.of(f)
        if own:
            self._by_doc[own[0].doc] = [f.event for f in own]

    def delete_events(self, doc: str) -> None:
        for event in self._by_doc.pop(doc, ()):
            del self._features[event]
            self._members.get(self._root.pop(event), set()).discard(event)

    def events_of(self, doc: str) -> list[str]:
        return list(self._by_doc.get(doc, ()))

    def features_of(self, events: Iterable[str]) -> dict[str, Features]:
        return {e: self._features[e] for e in events}

    def roots_of(self, events: Iterable[str]) -> dict[str, str]:
        return {e: self._root[e] for e in events if e in self._root}

    def docs_of(self, events: Iterable[str]) -> dict[str, str]:
        return {e: self._features[e].doc for e in events if e in self._features}

    def screen(self, events: Iterable[str]) -> dict[str, tuple[str, Screen]]:
        """Event -> (its root, what :func:`frontwire.link.score.conflict` reads of it)."""
        return {e: (self._root[e], self._features[e]) for e in events}

    def members(self, roots: Iterable[str]) -> list[tuple[str, str]]:
        """(event, doc) of every event of these incidents, by event id."""
        return sorted((e, self._features[e].doc) for root in roots for e in self._members.get(root, ()))

    def members_by_root(self, roots: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """Root -> the (event, doc) of its incident's events by event id, for these roots in order."""
        return {root: self.members([root]) for root in sorted(set(roots))}

    def relabel(self, gone: str, keep: str) -> None:
        """Every event of the incident rooted at ``gone`` now belongs to the one at ``keep``."""
        moved = self._members.pop(gone)
        for event in moved:
            self._root[event] = keep
        self._members[keep] |= moved

    def set_roots(self, pairs: list[tuple[str, str]]) -> None:
        """Root these events afresh: (event, root) pairs covering whole incidents."""
        for event, root in pairs:
            old = self._root.get(event)
            if old is not None and old in self._members:
                self._members[old].discard(event)
                if not self._members[old]:
                    del self._members[old]
        for event, root in pairs:
            self._root[event] = root
            self._members.setdefault(root, set()).add(event)

    def extent(self, root: str) -> Extent:
        return self._extents[root]

    def set_extents(self, extents: dict[str, Extent]) -> None:
        self._extents.update(extents)

    def drop_extents(self, roots: Iterable[str]) -> None:
        for root in roots:
            self._extents.pop(root, None)
            if not self._members.get(root):
                self._members.pop(root, None)

    def incident_count(self) -> int:
        return len(self._extents)

    def roots(self) -> dict[str, str]:
        return dict(self._root)

    # -- blocks -------------------------------------------------------------

    def file(self, filed: list[tuple[Features, list[int]]]) -> None:
        """File events under block keys: (features, keys) pairs."""
        for f, keys in filed:
            for key in keys:
                bisect.insort(self._blocks.setdefault(key, []), (f.start, f.event, f.end, f.doc))

    def unfile(self, filed: list[tuple[Features, list[int]]]) -> None:
        for f, keys in filed:
            for key in keys:
                block = self._blocks[key]
                del block[bisect.bisect_left(block, (f.start, f.event, f.end, f.doc))]

    def candidates(self, blocks: dict[int, tuple[str, int]], first: int, start: int, end: int,
                   exclude: tuple[str, str], limit: int) -> list[str]:  # fmt: skip
        """The events to compare with one starting at ``start``: of each block (``blocks``: key ->
        its kind and how many to read on each side), the nearest before ``start`` (from ``first``)
        and from it to ``end`` whose windows reach ``start``, in no article of ``exclude``; of those,
        the ``limit`` first by :func:`rank`."""
        kinds = {key: kind for key, (kind, _) in blocks.items()}
        return rank(self.near(blocks, first, start, end, exclude), kinds, start, limit)

    def near(self, blocks: dict[int, tuple[str, int]], first: int, start: int, end: int, exclude: tuple[str, str]) -> Near:
        """Of each block, its ``half`` nearest events before ``start`` (from ``first``) and from it
        to ``end`` whose windows reach ``start``, in no article of ``exclude``."""
        out: Near = {}
        for key, (_, half) in blocks.items():
            block = self._blocks.get(key)
            if not block:
                continue
            lo, mid = bisect.bisect_left(block, (first,)), bisect.bisect_left(block, (start,))
            hi = bisect.bisect_left(block, (end + 1,))
            before, after = [], []
            for i in range(mid - 1, lo - 1, -1):
                s, event, e, doc = block[i]
                if e >= start and doc not in exclude:
                    before.append((s, event))
                    if len(before) == half:
                        break
            for i in range(mid, hi):
                s, event, e, doc = block[i]
                if e >= start and doc not in exclude:
                    after.append((s, event))
                    if len(after) == half:
                        break
            if before or after:
                out[key] = before[::-1] + after
        return out

    # -- links --------------------------------------------------------------

    def put_links(self, links: list[Link]) -> None:
        for found in links:
            self._edges.setdefault(found.a, {})[found.b] = found
            self._edges.setdefault(found.b, {})[found.a] = found

    def delete_links(self, events: Iterable[str]) -> None:
        for event in events:
            for other in self._edges.pop(event, {}):
                self._edges.get(other, {}).pop(event, None)

    def linked_pairs(self, events: list[str]) -> list[tuple[str, str]]:
        """(a, b) with a < b for every link between two of these events."""
        among = set(events)
        return [(a, b) for a in events for b in self._edges.get(a, ()) if a < b and b in among]

    def links(self) -> Iterator[Link]:
        for a in sorted(self._edges):
            for b in sorted(self._edges[a]):
                if a < b:
                    yield self._edges[a][b]

    # -- syndication ----------------------------------------------------------

    def put_sketch(self, doc: str, published: str, grams: np.ndarray, sig: np.ndarray, bands: list[int]) -> None:
        self._sketches[doc] = (grams, sig, published)
        for key in bands:
            self._buckets.setdefault(key, set()).add(doc)

    def delete_sketch(self, doc: str, bands: list[int]) -> None:
        self._sketches.pop(doc, None)
        for key in bands:
            self._buckets.get(key, set()).discard(doc)

    def sketch(self, doc: str) -> Sketch | None:
        return self._sketches.get(doc)

    def sketches(self, docs: Iterable[str]) -> dict[str, Sketch]:
        return {doc: self._sketches[doc] for doc in docs if doc in self._sketches}

    def bucket_docs(self, bands: list[int]) -> set[str]:
        return {doc for key in bands for doc in self._buckets.get(key, ())}

    def put_copy(self, copy: Copy) -> None:
        self._copies[copy.doc] = copy

    def delete_copies(self, doc: str) -> None:
        """The copy status of ``doc``, and of every copy of it."""
        self._copies.pop(doc, None)
        for other in [d for d, c in self._copies.items() if c.original == doc]:
            del self._copies[other]

    def copy(self, doc: str) -> Copy | None:
        return self._copies.get(doc)

    def copies(self) -> dict[str, Copy]:
        return dict(sorted(self._copies.items()))

    def originals(self, docs: Iterable[str]) -> dict[str, str]:
        """Copy -> original, for those of ``docs`` that are copies."""
        return {doc: self._copies[doc].original for doc in docs if doc in self._copies}

    # -- state ------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return dict(self._meta)

    def commit(self, meta: dict[str, str] | None = None) -> None:
        self._meta.update(meta or {})

    def rollback(self) -> None:
        raise RuntimeError("an in-memory linker cannot forget what it linked; link into a store")

    def close(self) -> None:
        pass


Index = MemoryIndex  # what a Linker needs of its index (frontwire.store.link_index.SqliteIndex has the same methods)
