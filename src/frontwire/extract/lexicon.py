"""Read the word lists and cue tables that live next to the extractors."""

from __future__ import annotations

import re
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


@cache
def load_cues(name: str) -> tuple[Cue, ...]:
    """Rows of ``type<TAB>weight<TAB>regex``, compiled case-insensitive."""
    cues = []
    for line in _lines(name):
        type_, weight, regex = line.split("\t", 2)
        cues.append(Cue(type_, float(weight), re.compile(regex, re.IGNORECASE)))
    return tuple(cues)
