"""Filters for reading events: validated options to parameterized SQL."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from frontwire.errors import ConfigError

DATE_BOUND = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
LIKE_ESCAPE = str.maketrans({"%": r"\%", "_": r"\_", "\\": r"\\"})


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events`` selects; every field is optional."""

    type: str | None = None
    side: str | None = None
    unit: str | None = None
    place: str | None = None
    evidence: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    doc: str | None = None


def date_bound(value: str, *, end: bool = False) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first (or last) day it covers.

    >>> date_bound("2024-02", end=True)
    '2024-02-29'
    """
    match = DATE_BOUND.match(value.strip())
    if not match:
        raise ConfigError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", code="date")
    year, month, day = match.group(1), match.group(2), match.group(3)
    y = int(year)
    if month is None:
        return f"{year}-12-31" if end else f"{year}-01-01"
    m = int(month)
    if not 1 <= m <= 12:
        raise ConfigError(f"date {value!r} has no month {month}", code="date")
    last = calendar.monthrange(y, m)[1]
    if day is None:
        return f"{year}-{month}-{last:02d}" if end else f"{year}-{month}-01"
    if not 1 <= int(day) <= last:
        raise ConfigError(f"date {value!r} has no day {day}", code="date")
    return f"{year}-{month}-{day}"


def like(term: str) -> str:
    """A casefolded ``LIKE`` pattern matching ``term`` anywhere, wildcards escaped."""
    return f"%{term.casefold().translate(LIKE_ESCAPE)}%"


def event_where(filters: EventFilter) -> tuple[str, list]:
    """The WHERE clause (with a leading ``WHERE`` when not empty) and its parameters.

    ``fold()`` is the connection's casefold function, registered by the store.
    """
    clauses: list[str] = []
    params: list = []
    if filters.doc is not None:
        clauses.append("e.doc = ?")
        params.append(filters.doc)
    if filters.type is not None:
        clauses.append("e.type = ?")
        params.append(filters.type)
    if filters.evidence is not None:
        clauses.append("e.evidence = ?")
        params.append(filters.evidence)
    if filters.side is not None:
        clauses.append("fold(e.side) = ?")
        params.append(filters.side.casefold())
    if filters.unit is not None:
        clauses.append(r"fold(e.unit) LIKE ? ESCAPE '\'")
        params.append(like(filters.unit))
    if filters.place is not None:
        clauses.append(
            r"(fold(e.location) LIKE ? ESCAPE '\' OR fold(e.country) LIKE ? ESCAPE '\'"
            r" OR fold(e.admin1) LIKE ? ESCAPE '\')"
        )
        params.extend([like(filters.place)] * 3)
    if filters.since is not None:
        clauses.append("e.date_end >= ?")
        params.append(date_bound(filters.since))
    if filters.until is not None:
        clauses.append("e.date_start <= ?")
        params.append(date_bound(filters.until, end=True))
    if filters.q is not None:
        clauses.append(
            r"(fold(e.text) LIKE ? ESCAPE '\' OR e.doc IN (SELECT a.id FROM articles a"
            " JOIN articles_fts ON articles_fts.rowid = a.pk WHERE articles_fts MATCH ?))"
        )
        params.extend([like(filters.q), filters.q])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
