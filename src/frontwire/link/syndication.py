"""Syndicated copies: the same wire text on several sites, found by MinHash and confirmed exactly.

Each article is reduced to its set of word 5-shingles and a 128-value MinHash
signature; locality-sensitive hashing (32 bands of 4 rows) proposes
candidate pairs, and the exact shingle *containment* (shared shingles over
the smaller set) confirms a copy, so a trimmed or lightly edited reprint
still counts. The original is the earliest published; ties go to the
smaller id. Adding an article costs one signature and a few bucket lookups.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from frontwire.link.entities import WORD

if TYPE_CHECKING:
    from frontwire.link.index import Index, Sketch

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
MIN_CONTAINMENT = 0.6  # share of the shorter text's shingles found in the other
MIN_SHINGLES = 20  # shorter texts are too small to call copies
READ_AT_ONCE = 256  # sketches of candidate originals read in one query
SHINGLE_BASE = 1_000_003
BUCKET_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20240229)
# multiply-shift hashing: h(x) = ((a*x + b) mod 2**64) >> 32 with odd a
_A = _RNG.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Copy:
    """``doc`` republishes ``original``; ``containment`` is the exact shingle overlap."""

    doc: str
    original: str
    containment: float


def shingles(text: str) -> np.ndarray:
    """Hashed word 5-shingles of a text, case and punctuation folded: sorted unique uint32.

    Each word is hashed once (CRC-32, the same in every process); a shingle's hash
    combines its five words' hashes polynomially.
    """
    words = [_word(w.casefold()) for w in WORD.findall(text)]
    if not words:
        return np.zeros(0, dtype=np.uint32)
    h = np.asarray(words, dtype=np.uint64)
    n = max(len(h) - SHINGLE + 1, 1)
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(min(SHINGLE, len(h))):
            combined = combined * np.uint64(SHINGLE_BASE) + h[k : k + n]
    return np.unique((combined & np.uint64(0xFFFFFFFF)).astype(np.uint32))


@lru_cache(maxsize=8192)
def _word(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def signature(grams: np.ndarray) -> np.ndarray:
    """The MinHash signature of a shingle set (uint64[PERMUTATIONS])."""
    if not len(grams):
        return np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    x = grams.astype(np.uint64)
    with np.errstate(over="ignore"):
        hashed = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(32)
    return hashed.min(axis=1)


def _bands(sig: np.ndarray) -> list[int]:
    """The LSH bucket of each band: one 61-bit int from the band's number and its rows' low 32 bits
    (folded modulo a Mersenne prime, so that a bucket fits an SQLite integer)."""
    rows = (sig & np.uint64(0xFFFFFFFF)).tolist()
    keys = []
    for band in range(BANDS):
        value = band
        for row in rows[band * ROWS : (band + 1) * ROWS]:
            value = (value << 32) | row
        keys.append(value % BUCKET_PRIME)
    return keys


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Shared shingles over the smaller set's size (both sorted and unique, as :func:`shingles` gives
    them: each of the smaller set is looked up in the other by binary search)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0.0
    at = np.searchsorted(b, a)
    np.minimum(at, len(b) - 1, out=at)
    return int(np.count_nonzero(b[at] == a)) / len(a)


class Syndication:
    """An incremental index of articles that names each new copy's original; its sketches, buckets
    and copies are kept in the linker's index (:mod:`frontwire.link.index`)."""

    def __init__(self, index: Index | None = None) -> None:
        if index is None:
            from frontwire.link.index import MemoryIndex

            index = MemoryIndex()
        self.index = index
        self.found: list[Copy] = []  # copies the last add() found, its own and older ones it predates

    def add(self, doc: str, text: str, published: str | None) -> Copy | None:
        """Index one article; return the Copy when it republishes an indexed one.

        An article older than some indexed one it shares its text with becomes
        their original; :attr:`found` lists every copy this call found.
        """
        self.remove(doc)
        self.found = []
        grams = shingles(text)
        sig = signature(grams)
        bands = _bands(sig)
        candidates = sorted(self.index.bucket_docs(bands))
        self.index.put_sketch(doc, published or "9999-99-99", grams, sig, bands)
        best: Copy | None = None
        if len(grams) < MIN_SHINGLES:
            return None
        order = {doc: (published or "9999-99-99", doc)}
        for other, (other_grams, _, other_published) in self._sketches(candidates):
            share = containment(grams, other_grams)
            if share < MIN_CONTAINMENT or len(other_grams) < MIN_SHINGLES:
                continue
            order[other] = (other_published, other)
            first, second = sorted((doc, other), key=order.__getitem__)
            earlier = self.index.copy(first)
            root = earlier.original if earlier is not None else first
            if second == doc and (best is None or share > best.containment):
                best = Copy(doc, root, round(share, 4))
            elif second == other and self.index.copy(other) is None:
                # the new article is older than one already indexed: that one becomes its copy
                self._found(Copy(other, doc, round(share, 4)))
        if best is not None:
            self._found(best)
        return best

    def _sketches(self, docs: list[str]) -> Iterator[tuple[str, Sketch]]:
        """Each doc's sketch, read :data:`READ_AT_ONCE` at a time."""
        for i in range(0, len(docs), READ_AT_ONCE):
            part = docs[i : i + READ_AT_ONCE]
            found = self.index.sketches(part)
            yield from ((doc, found[doc]) for doc in part)

    def _found(self, copy: Copy) -> None:
        self.index.put_copy(copy)
        self.found.append(copy)

    def restore(self, doc: str, published: str | None, copy: Copy | None, *, grams: np.ndarray, sig: np.ndarray) -> None:
        """Index a stored article (its shingles and signature) with its known copy status, comparing nothing."""
        self.remove(doc)
        self.index.put_sketch(doc, published or "9999-99-99", grams, sig, _bands(sig))
        if copy is not None:
            self.index.put_copy(copy)

    def remove(self, doc: str) -> None:
        found = self.index.sketch(doc)
        if found is not None:
            self.index.delete_sketch(doc, _bands(found[1]))
            self.index.delete_copies(doc)

    def sketch(self, doc: str) -> tuple[np.ndarray, np.ndarray] | None:
        """An indexed article's (shingles, signature)."""
        found = self.index.sketch(doc)
        return (found[0], found[1]) if found is not None else None

    def copy(self, doc: str) -> Copy | None:
        return self.index.copy(doc)

    def copies(self) -> dict[str, Copy]:
        """Every copy found (doc -> Copy)."""
        return self.index.copies()

    def copies_among(self, docs: Iterable[str]) -> dict[str, str]:
        """Copy -> original, for those of ``docs`` that are copies."""
        return self.index.originals(docs)

    def original(self, doc: str) -> str:
        copy = self.index.copy(doc)
        return copy.original if copy else doc
