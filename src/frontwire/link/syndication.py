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
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontwire.link.entities import WORD

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
MIN_CONTAINMENT = 0.6  # share of the shorter text's shingles found in the other
MIN_SHINGLES = 20  # shorter texts are too small to call copies
SHINGLE_BASE = 1_000_003
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


@lru_cache(maxsize=65536)
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
    """The LSH bucket of each band: one int from the band's number and its rows' low 32 bits."""
    rows = (sig & np.uint64(0xFFFFFFFF)).tolist()
    keys = []
    for band in range(BANDS):
        value = band
        for row in rows[band * ROWS : (band + 1) * ROWS]:
            value = (value << 32) | row
        keys.append(value)
    return keys


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Shared shingles over the smaller set's size."""
    small = min(len(a), len(b))
    if not small:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / small


class Syndication:
    """An incremental index of articles that names each new copy's original."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[str]] = defaultdict(list)
        self.grams: dict[str, np.ndarray] = {}
        self.order: dict[str, tuple[str, str]] = {}  # doc -> (published or "9999", doc)
        self.copies: dict[str, Copy] = {}
        self.found: list[Copy] = []  # copies the last add() found, its own and older ones it predates
        self.signatures: dict[str, np.ndarray] = {}

    def add(self, doc: str, text: str, published: str | None) -> Copy | None:
        """Index one article; return the Copy when it republishes an indexed one.

        An article older than some indexed one it shares its text with becomes
        their original; :attr:`found` lists every copy this call found.
        """
        self.remove(doc)
        self.found = []
        grams = shingles(text)
        sig = signature(grams)
        self.grams[doc], self.signatures[doc] = grams, sig
        self.order[doc] = (published or "9999-99-99", doc)
        candidates: set[str] = set()
        bands = _bands(sig)
        for key in bands:
            candidates.update(self.buckets.get(key, ()))
            self.buckets[key].append(doc)
        best: Copy | None = None
        if len(grams) < MIN_SHINGLES:
            return None
        for other in sorted(candidates):
            share = containment(grams, self.grams[other])
            if share < MIN_CONTAINMENT or len(self.grams[other]) < MIN_SHINGLES:
                continue
            first, second = sorted((doc, other), key=self.order.__getitem__)
            root = self.copies[first].original if first in self.copies else first
            if second == doc and (best is None or share > best.containment):
                best = Copy(doc, root, round(share, 4))
            elif second == other and other not in self.copies:
                # the new article is older than one already indexed: that one becomes its copy
                self.copies[other] = Copy(other, doc, round(share, 4))
                self.found.append(self.copies[other])
        if best is not None:
            self.copies[doc] = best
            self.found.append(best)
        return best

    def restore(self, doc: str, published: str | None, copy: Copy | None, *, grams: np.ndarray, sig: np.ndarray) -> None:
        """Index a stored article (its shingles and signature) with its known copy status, comparing nothing."""
        self.remove(doc)
        self.grams[doc], self.signatures[doc] = grams, sig
        self.order[doc] = (published or "9999-99-99", doc)
        for key in _bands(sig):
            self.buckets[key].append(doc)
        if copy is not None:
            self.copies[doc] = copy

    def remove(self, doc: str) -> None:
        if doc not in self.grams:
            return
        del self.grams[doc]
        del self.order[doc]
        for key in _bands(self.signatures.pop(doc)):
            self.buckets[key].remove(doc)
        self.copies.pop(doc, None)
        for other, copy in list(self.copies.items()):
            if copy.original == doc:
                del self.copies[other]

    def original(self, doc: str) -> str:
        copy = self.copies.get(doc)
        return copy.original if copy else doc
