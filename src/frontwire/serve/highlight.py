"""Text cut into segments by overlapping marked spans, so a template can wrap each piece and escape it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to highlight; ``tag`` names what it is (``event:3``, ``quote:0``, ``field:unit``)."""

    start: int
    end: int
    tag: str


@dataclass(slots=True)
class Segment:
    """A piece of text under the same marks; ``opens`` and ``closes`` are the tags whose span starts or ends with it."""

    text: str
    start: int
    tags: tuple[str, ...] = ()
    opens: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)


def segments(text: str, marks: Iterable[Mark], *, offset: int = 0) -> list[Segment]:
    """``text`` (which starts at ``offset`` of the article) cut at every mark boundary.

    Marks outside the text are clipped; empty or inverted ones are dropped. Every
    character of ``text`` is in exactly one segment, in order.
    """
    length = len(text)
    kept = []
    for mark in marks:
        start, end = max(mark.start - offset, 0), min(mark.end - offset, length)
        if start < end:
            kept.append(Mark(start, end, mark.tag))
    cuts = sorted({0, length, *(m.start for m in kept), *(m.end for m in kept)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        tags = tuple(m.tag for m in kept if m.start <= start and m.end >= end)
        opens = [m.tag for m in kept if m.start == start]
        closes = [m.tag for m in kept if m.end == end]
        out.append(Segment(text[start:end], start + offset, tags, opens, closes))
    return out
