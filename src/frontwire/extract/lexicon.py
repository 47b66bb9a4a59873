"""Read the word lists and cue tables that live next to the extractors."""

from __future__ import annotations

import re
import re._parser as _parser  # the stdlib's own regex parser, for literal starts
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

PACKAGE = "frontwire.extract"


def _lines(name: str) -> list[str]:
    text = resources.files(PACKAGE).joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def load_words(name: str) -> frozenset[str]:
    """A set of lower-case words or phrases, one per line."""
    return frozenset(line.strip().lower() for line in _lines(name))


@cache
def load_table(name: str) -> dict[str, str]:
    """A two-column tab-separated table as a mapping of its first column to its second."""
    return {row[0]: row[1] for row in (line.split("\t") for line in _lines(name))}


@dataclass(frozen=True, slots=True)
class Cue:
    type: str
    weight: float
    pattern: re.Pattern[str]
    anchors: frozenset[str] | None = None  # lowercase words one of which every match holds; None: unknown
    starts: frozenset[str] | None = None  # ascii_starts(pattern): where search() may try it


MIN_ANCHOR = 3
ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)  # \\b, lookahead and lookbehind: a match starts after them
# a non-ASCII character that matches an ASCII letter case-insensitively ("ſ" matches "s", the Kelvin sign "k")
FOLDS_TO_ASCII = re.compile(r"(?![\x00-\x7f])(?i:[a-z])")


def anchors(pattern: re.Pattern[str]) -> frozenset[str] | None:
    r"""The literal starts (3+ letters, lowercased) of every way ``pattern`` can match, else
    literals one of which every match holds (see :func:`_required`), or None.

    ``\brefus\w*|\bmutin\w+`` gives {"refus", "mutin"}: a text holding neither
    cannot match, which a substring test tells far faster than the regex.
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    return _starts(list(parsed)) or _required(list(parsed))


def ascii_starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The literal starts of every way ``pattern`` can match, however short, when all are ASCII, else None:
    where :func:`finditer` tries the pattern. ``(?<!\\d,)`` or ``\\b`` before a start take no room in the match."""
    try:
        found = _starts(list(_parser.parse(pattern.pattern, pattern.flags)), 1, ZERO_WIDTH)
    except re.error:
        return None
    return found if found is not None and all(a.isascii() for a in found) else None


def _required(items: list) -> frozenset[str] | None:
    r"""Lowercased literals (3+ letters) one of which every match of the sequence ``items`` holds
    somewhere, or None: ``(?:do|did)\s+not\s+want`` gives {"want"}."""
    run, best = "", ""
    for op, av in [*items, (None, None)]:
        if op is _parser.LITERAL:
            run += chr(av)
            continue
        if len(run) > len(best):
            best = run
        run = ""
    if len(best) >= MIN_ANCHOR:
        return frozenset([best.lower()])
    for op, av in items:
        found = None
        if op is _parser.SUBPATTERN:
            found = _required(list(av[-1]))
        elif op is _parser.BRANCH:
            branches = [_required(list(branch)) for branch in av[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(list(av[2]))
        if found:
            return found
    return None


def _starts(items: list, shortest: int = MIN_ANCHOR, skip: tuple = (_parser.AT,)) -> frozenset[str] | None:
    """The literal starts, ``shortest`` letters or more, of every match of the sequence ``items``,
    passing over the zero-width ops in ``skip``; None when some match has none."""
    ops = [(op, av) for op, av in items if op not in skip]
    if not ops:
        return None
    op, av = ops[0]
    if op is _parser.LITERAL:
        word, k = "", 0
        while k < len(ops) and ops[k][0] is _parser.LITERAL:
            word += chr(ops[k][1])
            k += 1
        if len(word) >= shortest:
            return frozenset([word.lower()])
        rest = _starts(ops[k:], shortest, skip) if k < len(ops) else None  # "l" + (?:ost|ack), as the parser factors lost|lack
        return frozenset(word.lower() + r for r in rest) if rest else None
    if op is _parser.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            starts = _starts(list(branch) + [x for x in ops[1:]], shortest, skip)
            if starts is None:
                return None
            found |= starts
        return frozenset(found)
    if op is _parser.SUBPATTERN:
        return _starts(list(av[-1]) + ops[1:], shortest, skip)
    return None


def lines_up(text: str, low: str) -> bool:
    """Does ``low``, ``text.lower()``, hold each ASCII letter a case-insensitive match reads in ``text``
    at the same index (no character of ``text`` lowercases to two, or matches an ASCII letter unlike it)?"""
    return len(low) == len(text) and (text.isascii() or FOLDS_TO_ASCII.search(text) is None)


def finditer(pattern: re.Pattern[str], starts: frozenset[str] | None, text: str, low: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``. Given its :func:`ascii_starts` and ``low``, ``text.lower()`` that
    :func:`lines_up` with it, the pattern is tried only where one of its starts is, not at every character."""
    if starts is None or low is None:
        yield from pattern.finditer(text)
        return
    found: set[int] = set()
    for start in starts:
        at = low.find(start)
        while at >= 0:
            found.add(at)
            at = low.find(start, at + 1)
    end = 0
    for at in sorted(found):
        if at < end:
            continue
        m = pattern.match(text, at)  # at the same index, the match the scan of finditer() finds there
        if m is not None:
            yield m
            end = m.end()  # never empty: it holds a start


def search(cue: Cue, text: str, low: str | None = None) -> re.Match[str] | None:
    """``cue.pattern.search(text)``, tried only where the cue's starts are when given ``low`` (see :func:`finditer`)."""
    return next(finditer(cue.pattern, cue.starts, text, low), None)


class Scan:
    """A regex with the literals every match holds (:func:`anchors`) and starts with (:func:`ascii_starts`):
    a text holding none of the first is not searched, and the regex is tried where one of the second is."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        held = anchors(pattern)
        self.anchors = held if held is not None and all(a.isascii() for a in held) else None
        self.starts = ascii_starts(pattern)

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``; ``low`` is ``text.lower()`` when the caller has it."""
        low = text.lower() if low is None else low
        if not lines_up(text, low):
            return self.pattern.finditer(text)
        if self.anchors is not None and not any(a in low for a in self.anchors):
            return iter(())
        return finditer(self.pattern, self.starts, text, low)

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, as :meth:`finditer` reads it."""
        return next(self.finditer(text, low), None)


def substrings(low: str) -> set[str]:
    """The MIN_ANCHOR-letter substrings of ``low``, what :class:`CueIndex` looks anchors up by."""
    return {low[i : i + MIN_ANCHOR] for i in range(len(low) - MIN_ANCHOR + 1)}


class CueIndex:
    """A cue table's anchors by their first MIN_ANCHOR letters, so that a sentence is tested for the few
    anchors starting like some piece of it rather than for all of them (a thousand substring tests)."""

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.cues = cues
        self.unanchored = [k for k, cue in enumerate(cues) if cue.anchors is None]
        holders: dict[str, list[int]] = {}
        for k, cue in enumerate(cues):
            for a in cue.anchors or ():
                holders.setdefault(a, []).append(k)
        self.by_start: dict[str, list[tuple[str, list[int]]]] = {}
        for a, ks in holders.items():  # anchors() gives none shorter than MIN_ANCHOR
            self.by_start.setdefault(a[:MIN_ANCHOR], []).append((a, ks))

    def candidates(self, low: str, pieces: set[str]) -> list[Cue]:
        """The cues, in table order, with no anchors or one in ``low``; ``pieces`` is ``substrings(low)``."""
        keep = set(self.unanchored)
        for piece in pieces & self.by_start.keys():
            for a, ks in self.by_start[piece]:
                if a in low:
                    keep.update(ks)
        return [self.cues[k] for k in sorted(keep)]


@cache
def load_cues(name: str) -> tuple[Cue, ...]:
    """Rows of ``type<TAB>weight<TAB>regex``, compiled case-insensitive."""
    cues = []
    for line in _lines(name):
        type_, weight, regex = line.split("\t", 2)
        compiled = re.compile(regex, re.IGNORECASE)
        cues.append(Cue(type_, float(weight), compiled, anchors(compiled), ascii_starts(compiled)))
    return tuple(cues)
