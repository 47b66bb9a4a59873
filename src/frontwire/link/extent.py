"""How far an incident reaches, so that a chain of vague reports never joins two distinct incidents."""

from __future__ import annotations

from dataclasses import dataclass

from frontwire.link import score
from frontwire.link.entities import formations_agree
from frontwire.link.features import Features, distance

MAX_INCIDENT_DAYS = 150  # the dated reports of one incident lie within this many days


@dataclass(frozen=True, slots=True)
class Extent:
    """How far an incident reaches: its dated members' days, its points' box, its numbered formations,
    the days its undated members were reported."""

    first: int | None = None
    last: int | None = None
    box: tuple[float, float, float, float] | None = None  # south, north, west, east
    formations: frozenset[str] = frozenset()
    reported: tuple[int, int] | None = None  # first and last publication day of its undated members

    @classmethod
    def of(cls, f: Features) -> Extent:
        located = f.lat is not None and f.lon is not None
        return cls(
            f.start if f.dated else None, f.end if f.dated else None,
            (f.lat, f.lat, f.lon, f.lon) if located else None,
            frozenset([f.formations[-1]]) if f.formations and f.unit else frozenset(),
            (f.published, f.published) if not f.dated and f.published else None,
        )  # fmt: skip

    def merge(self, other: Extent) -> Extent:
        first = min((x for x in (self.first, other.first) if x is not None), default=None)
        last = max((x for x in (self.last, other.last) if x is not None), default=None)
        box = self.box or other.box
        if self.box and other.box:
            box = (min(self.box[0], other.box[0]), max(self.box[1], other.box[1]),
                   min(self.box[2], other.box[2]), max(self.box[3], other.box[3]))  # fmt: skip
        reported = self.reported or other.reported
        if self.reported and other.reported:
            reported = (min(self.reported[0], other.reported[0]), max(self.reported[1], other.reported[1]))
        return Extent(first, last, box, self.formations | other.formations, reported)

    def plausible(self) -> bool:
        """Whether one incident could reach this far."""
        if self.first is not None and self.last is not None and self.last - self.first > MAX_INCIDENT_DAYS:
            return False
        if self.reported is not None and self.reported[1] - self.reported[0] > MAX_INCIDENT_DAYS:
            return False  # undated reports chained over months: one story told again, not one incident
        if self.box is not None and distance((self.box[0], self.box[2]), (self.box[1], self.box[3])) > 2 * score.MAX_KM:
            return False
        outer = tuple(sorted(self.formations))
        return all(formations_agree((x,), outer[:i] + outer[i + 1 :]) for i, x in enumerate(outer)) if len(outer) > 1 else True
